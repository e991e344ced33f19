"""Chain the audit rows written before the chain existed, in id order, and record the chain's end."""

import hashlib
import json
from datetime import UTC

from django.db import migrations

GENESIS = "0" * 64
FIELDS = ("at", "kind", "actor_id", "action", "summary", "object_type", "object_id", "person_id", "changes")


def _content(row) -> str:
    # The same canonical text as chain.content_of, written out here so later edits there cannot
    # change what this migration did.
    values = {f: getattr(row, f) for f in FIELDS}
    values["at"] = values["at"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    Head = apps.get_model("audit", "AuditChainHead")
    prev = GENESIS
    batch = []
    for row in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        row.prev_hash = prev
        row.row_hash = hashlib.sha256(f"{prev}\n{_content(row)}".encode()).hexdigest()
        prev = row.row_hash
        batch.append(row)
        if len(batch) >= 2000:
            AuditEvent.objects.bulk_update(batch, ["prev_hash", "row_hash"])
            batch = []
    if batch:
        AuditEvent.objects.bulk_update(batch, ["prev_hash", "row_hash"])
    Head.objects.update_or_create(pk=1, defaults={"last_hash": prev})


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain_fields")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
