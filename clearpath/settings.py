"""Clearpath settings: one module, everything that differs between places read from the environment."""

import os
from pathlib import Path

import csp.constants as csp
import dj_database_url

from clearpath import insight as _insight
from clearpath import journey as _journey
from clearpath import money as _money
from clearpath import platform as _platform

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


# Off unless the environment sets DEBUG=1 (`make run` does, for the demo council): production is the default.
DEBUG = env_bool("DEBUG", False)
# The development key is only ever used with DEBUG on; production must set SECRET_KEY.
SECRET_KEY = env("SECRET_KEY") or ("dev-only-insecure-key" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError(
        "SECRET_KEY is not set. With DEBUG off (the default) set the environment variable "
        "SECRET_KEY to a long random string, e.g. from "
        '`python -c "import secrets; print(secrets.token_urlsafe(50))"`; or set DEBUG=1 for '
        "local development only. See docs/running.md."
    )
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o]

# The council this installation serves: shown in the header and on letters.
COUNCIL_NAME = env("COUNCIL_NAME", "Demoshire County Council")
COUNCIL_COLOUR = env("COUNCIL_COLOUR", "#1d5b79")
COUNCIL_LA_CODE = env("COUNCIL_LA_CODE", "DEMO")
# Challenges to a budget: the council's own target for answering (calendar days; a local service
# standard, not a legal deadline) and how many wrong letter references one address may try an hour.
CHALLENGE_RESPONSE_DAYS = int(env("CHALLENGE_RESPONSE_DAYS", "20"))
CHALLENGE_LOOKUP_FAILURES_PER_HOUR = int(env("CHALLENGE_LOOKUP_FAILURES_PER_HOUR", "10"))
# Uploaded plans and documents: the largest file accepted, in bytes (council setting).
PLAN_UPLOAD_MAX_BYTES = int(env("PLAN_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
PLAN_UPLOAD_MAX_UNPACKED_BYTES = int(env("PLAN_UPLOAD_MAX_UNPACKED_BYTES", str(100 * 1024 * 1024)))
# Portal sign-in links: how long a one-time link works, and how messages are sent. Locally
# (the default) nothing is sent: messages go to the outbox, shown at /portal/outbox when
# PORTAL_SHOW_OUTBOX is on and DEBUG is on (never with DEBUG off, whatever PORTAL_SHOW_OUTBOX
# says). In production use clearpath.journey.portal.notify.GovukNotify with NOTIFY_* set.
PORTAL_LINK_MINUTES = int(env("PORTAL_LINK_MINUTES", "30"))
PORTAL_NOTIFY_BACKEND = env("PORTAL_NOTIFY_BACKEND", "clearpath.journey.portal.notify.LocalOutbox")
PORTAL_SHOW_OUTBOX = env_bool("PORTAL_SHOW_OUTBOX", DEBUG)
PORTAL_BASE_URL = env("PORTAL_BASE_URL", "http://127.0.0.1:8000")
NOTIFY_API_KEY = env("NOTIFY_API_KEY")
NOTIFY_EMAIL_TEMPLATE_ID = env("NOTIFY_EMAIL_TEMPLATE_ID")
NOTIFY_SMS_TEMPLATE_ID = env("NOTIFY_SMS_TEMPLATE_ID")

# Each group of apps lists its own (clearpath/<group>/__init__.py): the platform, the journey's
# stages in order, money and insight; then the demo council, which uses them all.
LOCAL_APPS = [*_platform.APPS, *_journey.APPS, *_money.APPS, *_insight.APPS, "clearpath.demo"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    *LOCAL_APPS,
]

MIDDLEWARE = [
    # /healthz and /readyz answer first: whatever the Host, over plain http (clearpath/health.py).
    "clearpath.health.HealthChecks",
    # One log line for every other request, with its id (clearpath/logs.py).
    "clearpath.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "clearpath.platform.accounts.middleware.SessionLimits",
    "clearpath.platform.accounts.middleware.TwoFactorRequired",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_USER_MODEL = "accounts.StaffMember"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "people:person-list"
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
# Locked out per user name, whatever address the tries come from (password guessing); a password
# sprayed over many user names from one address is slowed by SIGN_IN_FAILURES_PER_ADDRESS below.
# (The user name with the address is also listed, which adds nothing to the user name alone but
# tells axes' own check that addresses are considered.)
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "clearpath.web.client_ip_for_axes"
# Failed staff sign-ins one address may make an hour, across all user names (a council office is
# one address to us, so this is higher than the per-user limit).
SIGN_IN_FAILURES_PER_ADDRESS = int(env("SIGN_IN_FAILURES_PER_ADDRESS", "30"))
# How many proxies (load balancers) stand in front of gunicorn and add to X-Forwarded-For; 0 when
# clients connect directly. The client's address is the one the nearest trusted proxy saw.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

ROOT_URLCONF = "clearpath.urls"
WSGI_APPLICATION = "clearpath.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        # Our pages are Jinja2, kept in each app's templates/<app>/ folder (STYLE.md).
        "DIRS": [
            BASE_DIR / "clearpath" / "templates",
            *(BASE_DIR.joinpath(*a.split(".")) / "templates" for a in LOCAL_APPS),
        ],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "clearpath.jinja2.environment"},
    },
    {
        # Only the Django admin uses Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so tests with several threads (concurrency) share one test database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test_db.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's four password checks (OWASP ASVS 2.1): at least 12 characters, not like the user name or
# name, not one of the 20,000 commonest passwords, not all digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "clearpath" / "static"]
# Uploaded files kept as files (scripts/backup.sh archives this folder). Today's uploads — plans
# and documents — are kept in the database, so it is usually empty.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Staff sessions: signed out after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS
# after signing in, whatever (clearpath/platform/accounts/middleware.py); the cookie lasts no longer.
# Two-factor sign-in (clearpath/platform/accounts/two_factor.py): the name authenticator apps show,
# and each wrong code doubles the wait before the next try (1 s, 2 s, 4 s...).
OTP_TOTP_ISSUER = COUNCIL_NAME
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
API_TOKEN_DAYS = int(env("API_TOKEN_DAYS", "90"))  # an API token works this long after it is made
SESSION_IDLE_MINUTES = int(env("SESSION_IDLE_MINUTES", "30"))
SESSION_MAX_HOURS = int(env("SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# https only in production (`manage.py check --deploy` passes with the documented environment):
# plain http is sent to https (SECURE_SSL_REDIRECT, on unless DEBUG; /healthz and /readyz answer
# first, over http), and browsers are told to use https for a year (HSTS). TLS usually ends at the
# load balancer, which must set X-Forwarded-Proto (overwriting whatever a client sent).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = None if DEBUG else ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else 365 * 24 * 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Allows the council to put its domain on browsers' preload list; nothing is sent anywhere.
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Security headers (docs/running.md, "Security headers"). Every script is a file from this site,
# but for GOV.UK's one-line js-enabled switch, which carries the request's nonce. Inline style
# attributes are allowed (the money and measures bars are drawn with them); style blocks only in
# letters and packs, which WeasyPrint renders, not the browser.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# The job queue (docs/running.md, "The worker"): django-tasks on its database backend, so the
# queue is a table in the same PostgreSQL and a job is committed with the change that made it.
# `manage.py worker` runs the jobs.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Payments a run makes in one transaction: a stop loses at most one chunk's work (it is redone).
PAYMENT_RUN_CHUNK_SIZE = max(1, int(env("PAYMENT_RUN_CHUNK_SIZE", "500")))

# The console log: one JSON object a line with DEBUG off (clearpath/logs.py), plain text with it on;
# LOG_FORMAT=json|text chooses either. Every request writes one line to clearpath.requests (INFO),
# whatever LOG_LEVEL says for the rest.
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise RuntimeError(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}. See docs/running.md.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "clearpath.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "clearpath.requests": {"handlers": ["console"], "level": "INFO", "propagate": False}
    },
}

# The cache: with REDIS_URL set, one Redis shared by every web process (so the measures dashboard's
# figures, and the count of wrong letter references, are the same whichever process answers);
# otherwise each process keeps its own in memory, which is fine for one process on a laptop.
REDIS_URL = env("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "clearpath",
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# The measures dashboard keeps each period's figures this long (seconds), so a busy page does not
# recount a large council's records on every request; any change to what it counts makes them stale
# at once (clearpath/insight/measures/freshness.py). 0 counts afresh every time.
MEASURES_CACHE_SECONDS = int(env("MEASURES_CACHE_SECONDS", "600"))
