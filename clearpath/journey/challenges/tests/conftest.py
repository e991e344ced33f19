"""Each test starts with an empty cache, so failed-lookup counts never leak between tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()
