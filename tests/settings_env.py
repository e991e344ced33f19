"""Loaded before Django's settings (pyproject: addopts `-p tests.settings_env`); a conftest.py is
too late, as pytest-django imports the settings before any conftest.

Settings are read as in development (DEBUG=1: the development key and plain static storage),
as `make run` does; pytest-django then runs every test with DEBUG off, and
tests/test_production_profile.py renders pages with the production static storage. A DEBUG or
SECRET_KEY already in the environment wins.
"""

import os

os.environ.setdefault("DEBUG", "1")
