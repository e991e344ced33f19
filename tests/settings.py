"""The tests' settings (pyproject: DJANGO_SETTINGS_MODULE): clearpath.settings read as in
development (DEBUG=1: the development key and plain static storage), as `make run` does. A
conftest.py would be too late, as pytest-django imports the settings before any conftest.

pytest-django then runs every test with DEBUG off, and tests/test_production_profile.py renders
pages with the production static storage. A DEBUG or SECRET_KEY already in the environment wins.
"""

import os

os.environ.setdefault("DEBUG", "1")

from clearpath.settings import *  # noqa: E402, F403

# Jobs run there and then, inside the test, unless a test asks for the database queue and a
# worker (clearpath/money/finance/tests/test_worker.py does, with TASKS_BACKEND for its workers).
IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", IMMEDIATE)}}

# The test client speaks plain http, even in a run with DEBUG off from the environment.
SECURE_SSL_REDIRECT = False
