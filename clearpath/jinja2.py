"""The one shared Jinja2 environment: GOV.UK Frontend macros, Django url/static helpers, house filters."""

from datetime import date, datetime

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from markupsafe import escape

from clearpath.govuk_forms import error_summary_items, field
from domain.money import format_money


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def long_date(value) -> str:
    """'3 March 2026' (GOV.UK style: no leading zero, full month)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.day} {value:%B %Y} at {value:%-I:%M%p}".replace("AM", "am").replace(
            "PM", "pm"
        )
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def main_menu(request) -> list[dict]:
    """The staff menu for this user: each app's own `nav` entries (clearpath/appconfig.py), in order."""
    from clearpath.appconfig import clearpath_apps

    user = request.user
    if not user.is_authenticated or not getattr(user, "is_verified", lambda: True)():
        return []  # no menu until the second factor is given (it would only lead back here)
    match = request.resolver_match
    namespace = match.namespace if match else None
    items = sorted((item for app in clearpath_apps() for item in app.nav), key=lambda i: i.order)
    return [
        {
            "href": item.url_name if item.url_name.startswith("/") else reverse(item.url_name),
            "text": item.text,
            **({"active": namespace in item.namespaces} if item.namespaces else {}),
        }
        for item in items
        if item.shown_to(user)
    ]


def h(value) -> str:
    """Escape text for building an `html` parameter of a GOV.UK macro by concatenation.

    Returns a plain str (not Markup), so concatenating it with literal tags keeps the tags."""
    return str(escape("" if value is None else value))


def environment(**options) -> Environment:
    loader = options.pop("loader", None)
    govuk = PrefixLoader(
        {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}
    )
    options["loader"] = ChoiceLoader([loader, govuk]) if loader else govuk
    options.setdefault("autoescape", True)
    env = Environment(extensions=["jinja2.ext.do"], **options)
    env.globals.update(
        url=url,
        static=static,
        field=field,
        error_summary_items=error_summary_items,
        get_messages=get_messages,
        main_menu=main_menu,
        council_name=settings.COUNCIL_NAME,
        council_colour=settings.COUNCIL_COLOUR,
    )
    env.filters.update(money=format_money, long_date=long_date, h=h)
    return env
