"""Writing the audit trail. Every service calls `record_event` inside its own transaction.

Every row is written through `chain.write_chained`, which links it to the row before it.
"""

from typing import Any

from clearpath.platform.audit.chain import write_chained
from clearpath.platform.audit.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def _actor(actor):
    return actor if getattr(actor, "pk", None) else None


def record_event(*, actor, action: str, obj, summary: str, person=None, changes=None) -> AuditEvent:
    """Write one change row: who did what to which record, and what changed."""
    return write_chained(
        actor=_actor(actor),
        action=action,
        summary=summary[:300],
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        person=person,
        changes=_jsonable(changes or {}),
    )


def record_view(*, actor, person, what: str = "record") -> AuditEvent:
    """Log that a member of staff looked at a person's record."""
    return write_chained(
        kind=AuditEvent.Kind.VIEW,
        actor=_actor(actor),
        action="person.viewed",
        summary=f"Viewed {what}"[:300],
        object_type=person._meta.label_lower,
        object_id=str(person.pk),
        person=person,
    )


def record_bulk_view(*, actor, action: str, what: str, people: int, obj=None) -> AuditEvent:
    """Log a read of many people's records at once (a list, an export, a pack), with how many."""
    return write_chained(
        kind=AuditEvent.Kind.VIEW,
        actor=_actor(actor),
        action=action,
        summary=f"Viewed {what} ({people} {'person' if people == 1 else 'people'})"[:300],
        object_type=obj._meta.label_lower if obj is not None else "people.person",
        object_id=str(obj.pk) if obj is not None else "",
        changes={"people": people},
    )


def record_failed_sign_in(*, username: str, staff=None) -> AuditEvent:
    """Log a refused staff sign-in: the user name tried, and the account if there is one."""
    return write_chained(
        actor=None,
        action="staff.sign_in_failed",
        summary=f"Sign-in refused for the user name {username[:150]!r}"[:300],
        object_type="accounts.staffmember",
        object_id=str(staff.pk) if staff is not None else "",
        changes={"username": username[:150]},
    )
