"""Two web processes sharing one Redis cache (REDIS_URL): figures one counts, the other reuses, and
a change made through either is seen by both at once. Each process is played by its own cache
client, talking to Redis database 15 at 127.0.0.1:6379 (emptied before and after)."""

from datetime import timedelta

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.utils import timezone

from clearpath.insight.measures import freshness, selectors
from clearpath.insight.measures.selectors import Period, cached_dashboard
from tests.builders import approved

REDIS = "redis://127.0.0.1:6379/15"
TODAY = timezone.localdate()
YEAR = Period(TODAY - timedelta(days=364), TODAY)


@pytest.fixture
def two_processes(monkeypatch, settings):
    """Two separate clients of the same Redis, and a way to act as either."""
    settings.MEASURES_CACHE_SECONDS = 600
    first, second = RedisCache(REDIS, {}), RedisCache(REDIS, {})
    assert first is not second
    first.clear()

    def act_as(client):
        monkeypatch.setattr(selectors, "cache", client)
        monkeypatch.setattr(freshness, "cache", client)

    yield first, second, act_as
    first.clear()


@pytest.mark.django_db
def test_a_change_in_one_process_is_seen_by_the_other(
    two_processes, practitioner, django_capture_on_commit_callbacks
):
    one, other, act_as = two_processes
    act_as(one)
    figures, counted = cached_dashboard(YEAR)
    assert figures.decisions == 0

    act_as(other)
    assert cached_dashboard(YEAR)[1] == counted  # the other process reuses what the first counted

    with django_capture_on_commit_callbacks(execute=True):
        approved(by=practitioner)  # the other process approves a plan

    act_as(one)
    fresh, counted_again = cached_dashboard(YEAR)
    assert fresh.decisions == 1 and counted_again > counted  # the first sees it at once
    act_as(other)
    assert cached_dashboard(YEAR)[1] == counted_again


@pytest.mark.django_db
def test_a_change_rolled_back_keeps_the_figures(
    two_processes, practitioner, django_capture_on_commit_callbacks
):
    one, other, act_as = two_processes
    act_as(one)
    counted = cached_dashboard(YEAR)[1]
    act_as(other)
    with django_capture_on_commit_callbacks(execute=True) as waiting:
        with pytest.raises(RuntimeError), transaction.atomic():
            approved(by=practitioner)
            raise RuntimeError("the approval fails after writing")
    assert waiting == []
    act_as(one)
    assert cached_dashboard(YEAR)[1] == counted
