"""The database side of rule packs, plugged into domain.rulepacks when Django starts.

Which version is active is read from the latest Activation of each kind. Each process keeps that
answer for RULEPACKS_ACTIVE_SECONDS (10 by default) so pages do not ask the database every time;
an activation in this process is seen at once, in other processes within those seconds.
"""

import time
from collections.abc import Mapping

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from domain import rulepacks

_memo: dict = {"value": None, "at": 0.0}


def _seconds() -> float | None:
    return getattr(settings, "RULEPACKS_ACTIVE_SECONDS", 10)


def _query() -> dict[str, tuple[str, int]]:
    from clearpath.platform.rules.models import Activation

    rows = Activation.objects.order_by("id").values_list("kind", "pack_id", "version")
    try:
        if connection.in_atomic_block:
            with transaction.atomic():  # a savepoint: a missing table must not spoil the caller
                found = list(rows)
        else:
            found = list(rows)
    except DatabaseError:  # before the first migrate: only the bundled active.toml applies
        return {}
    return {kind: (pack_id, version) for kind, pack_id, version in found}


def active_refs() -> Mapping[str, tuple[str, int]]:
    """The (id, version) activated for each kind that has ever been activated here."""
    seconds = _seconds()
    fresh = seconds is None or time.monotonic() - _memo["at"] < seconds
    if _memo["value"] is None or not fresh:
        _memo.update(value=_query(), at=time.monotonic())
    return _memo["value"]


def forget(value: Mapping[str, tuple[str, int]] | None = None) -> None:
    """Ask the database again on next use (or, for tests, start from `value`)."""
    _memo.update(value=None if value is None else dict(value), at=time.monotonic())


def text_of(kind: str, pack_id: str, version: int) -> str | None:
    """The text of a version the council loaded, or None."""
    from clearpath.platform.rules.models import RulePackVersion

    return (
        RulePackVersion.objects.filter(kind=kind, pack_id=pack_id, version=version)
        .values_list("text", flat=True)
        .first()
    )


def install() -> None:
    """Plug this registry into domain.rulepacks (called from RulesConfig.ready)."""
    rulepacks.use_registry(active=active_refs, text=text_of)
