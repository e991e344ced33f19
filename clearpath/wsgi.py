"""WSGI entry point (gunicorn clearpath.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearpath.settings")
application = get_wsgi_application()
