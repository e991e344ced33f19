"""Writing the audit trail. Every service calls `record_event` inside its own transaction."""

from typing import Any

from clearpath.platform.audit.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def record_event(*, actor, action: str, obj, summary: str, person=None, changes=None) -> AuditEvent:
    """Write one change row: who did what to which record, and what changed."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        summary=summary[:300],
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        person=person,
        changes=_jsonable(changes or {}),
    )


def record_view(*, actor, person, what: str = "record") -> AuditEvent:
    """Log that a member of staff looked at a person's record."""
    return AuditEvent.objects.create(
        kind=AuditEvent.Kind.VIEW,
        actor=actor if getattr(actor, "pk", None) else None,
        action="person.viewed",
        summary=f"Viewed {what}",
        object_type=person._meta.label_lower,
        object_id=str(person.pk),
        person=person,
    )
