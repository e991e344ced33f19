"""The tests' settings (pyproject: DJANGO_SETTINGS_MODULE): clearpath.settings read as in
development (DEBUG=1: the development key and plain static storage), as `make run` does. A
conftest.py would be too late, as pytest-django imports the settings before any conftest.

pytest-django then runs every test with DEBUG off, and tests/test_production_profile.py renders
pages with the production static storage. A DEBUG or SECRET_KEY already in the environment wins.
"""

import os

os.environ.setdefault("DEBUG", "1")

from clearpath.settings import *  # noqa: E402, F403

# The test client speaks plain http, even in a run with DEBUG off from the environment.
SECURE_SSL_REDIRECT = False
