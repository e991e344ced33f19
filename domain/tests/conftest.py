"""Domain tests exercise the pure rules: any registry plugged in by the app is unplugged."""

import pytest

from domain import rulepacks


@pytest.fixture(autouse=True)
def _files_only():
    plugged = dict(rulepacks._registry)
    rulepacks.use_registry(active=None, text=None)
    yield
    rulepacks.use_registry(**plugged)
