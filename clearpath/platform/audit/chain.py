"""The audit trail's hash chain: each row carries the hash of the row before it and of its own content.

A row's hash is SHA-256 over the previous row's hash and a canonical JSON of the row's content, so
changing or removing any row breaks every hash after it, and `manage.py audit verify` names the
first row that no longer fits. Rows are chained in id order: the writer takes a row lock on the one
`AuditChainHead` row, so ids and chain order agree even with many writers at once.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from clearpath.platform.audit.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64
# The fields a row's hash covers, in order; the hashes themselves and the id are not content.
CONTENT_FIELDS = (
    "at",
    "kind",
    "actor_id",
    "action",
    "summary",
    "object_type",
    "object_id",
    "person_id",
    "changes",
)


def _instant(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def content_of(row) -> str:
    """The canonical text of a row's content (an AuditEvent or a dict of CONTENT_FIELDS)."""
    get = row.get if isinstance(row, dict) else (lambda f: getattr(row, f))
    values = {f: get(f) for f in CONTENT_FIELDS}
    values["at"] = _instant(values["at"])
    for key in ("actor_id", "person_id"):
        values[key] = None if values[key] is None else int(values[key])
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def hash_of(prev_hash: str, content: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{content}".encode()).hexdigest()


def _locked_head() -> AuditChainHead:
    head, _ = AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
    return AuditChainHead.objects.select_for_update().get(pk=head.pk)


def _seal(rows: Iterable[AuditEvent], head: AuditChainHead) -> None:
    for row in rows:
        if row.at is None:
            row.at = timezone.now()
        row.prev_hash = head.last_hash
        row.row_hash = hash_of(row.prev_hash, content_of(row))
        head.last_hash = row.row_hash


def write_chained(**fields) -> AuditEvent:
    """Insert one audit row at the end of the chain (inside the caller's transaction, if any)."""
    with transaction.atomic():
        head = _locked_head()
        row = AuditEvent(**fields)
        _seal([row], head)
        row.save(force_insert=True)
        head.save(update_fields=["last_hash"])
    return row


def bulk_write_chained(rows: list[AuditEvent], batch_size: int = 1000) -> list[AuditEvent]:
    """Insert many rows at the end of the chain in the order given (used by the seed loader)."""
    with transaction.atomic():
        head = _locked_head()
        _seal(rows, head)
        AuditEvent.objects.bulk_create(rows, batch_size=batch_size)
        head.save(update_fields=["last_hash"])
    return rows


def _stored_rows(chunk: int = 5000) -> Iterator[dict]:
    fields = ("id", "prev_hash", "row_hash", *CONTENT_FIELDS)
    return AuditEvent.objects.order_by("id").values(*fields).iterator(chunk_size=chunk)


def first_break() -> tuple[int | None, str, int]:
    """Check the whole chain. Returns (first broken row id or None, what is wrong, rows checked)."""
    prev = GENESIS
    checked = 0
    for row in _stored_rows():
        checked += 1
        if row["prev_hash"] != prev:
            return (
                row["id"],
                "its link to the row before it does not match (a row was removed)",
                checked,
            )
        if row["row_hash"] != hash_of(prev, content_of(row)):
            return row["id"], "its content does not match its hash (the row was changed)", checked
        prev = row["row_hash"]
    head = AuditChainHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    if head is not None and head != prev:
        return None, "the newest rows have been removed (the chain's end does not match)", checked
    return None, "", checked
