"""Documents on a plan: an own-format plan uploaded instead of the written one, and other documents,
each checked by content and size before it is stored."""

from decimal import Decimal

from django.db import transaction

from clearpath.errors import ServiceError
from clearpath.journey.people.models import Person
from clearpath.journey.plans.models import SupportPlan
from clearpath.journey.plans.services import MAX_OUTCOMES, start_plan, update_plan
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.money import format_money, to_money


def _store_document(*, person, plan, upload, content: bytes, by_name: str, description=""):
    import hashlib

    from clearpath.journey.plans.models import PlanDocument

    return PlanDocument.objects.create(
        person=person,
        plan=plan,
        name=upload.name,
        kind=upload.kind,
        size=upload.size,
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        description=description[:200],
        uploaded_by=by_name[:200],
    )


def check_document(*, name: str, content: bytes):
    """The upload checked by content and size (settings.PLAN_UPLOAD_MAX_BYTES), or ServiceError."""
    from django.conf import settings

    from clearpath.journey.plans.uploads import UploadRefused, check_upload

    try:
        return check_upload(
            name=name,
            content=content,
            max_bytes=settings.PLAN_UPLOAD_MAX_BYTES,
            max_unpacked=settings.PLAN_UPLOAD_MAX_UNPACKED_BYTES,
        )
    except UploadRefused as e:
        raise ServiceError(str(e), field="document") from None


@transaction.atomic
def upload_own_plan(
    *,
    person: Person,
    by,
    file_name: str | None,
    content: bytes | None,
    weekly_total: Decimal,
    outcomes: list[str],
    main_lines: list[dict],
    deployment: str,
    led_by: str = "person",
    actor_name: str = "",
) -> SupportPlan:
    """A plan written in the person's own format: the document as it is, plus a short summary
    (total, main lines, outcomes). It becomes a draft plan that goes through the same sign-off.
    Uploading again while the plan is a draft replaces the summary and adds the new document."""
    upload = check_document(name=file_name, content=content) if content is not None else None
    codes = rulepacks.codes()
    if deployment not in {c.code for c in codes.deployments}:
        raise ServiceError("Choose how the money will be managed.", field="deployment")
    if led_by not in {c.code for c in codes.plan_led_by}:
        raise ServiceError("Choose who wrote the plan.", field="led_by")
    outcomes = [o.strip() for o in outcomes if o and o.strip()][:MAX_OUTCOMES]
    if not outcomes:
        raise ServiceError("Write at least one thing the person wants to achieve", field="outcomes")
    weekly_total = to_money(weekly_total)
    if weekly_total <= 0:
        raise ServiceError("Enter the plan's total cost a week", field="weekly_total")
    lines = [
        {
            "description": line["description"],
            "unit_cost": to_money(line["weekly_cost"]),
            "quantity": Decimal(1),
            "frequency": "weekly",
            "source": "own_format",
        }
        for line in main_lines
        if (line.get("description") or "").strip()
    ]
    listed = sum((line["unit_cost"] for line in lines), Decimal("0.00"))
    if listed > weekly_total:
        raise ServiceError(
            f"The main lines add up to {format_money(listed)} a week, more than the total of "
            f"{format_money(weekly_total)}. Check the figures.",
            field="weekly_total",
        )
    if listed < weekly_total:
        lines.append(
            {
                "description": "Other support described in the plan document",
                "unit_cost": weekly_total - listed,
                "quantity": Decimal(1),
                "frequency": "weekly",
                "source": "own_format",
            }
        )
    plan = start_plan(person=person, by=by, led_by=led_by)
    plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
    if upload is None and not plan.documents.exists():
        raise ServiceError("Choose the plan document to upload", field="document")
    plan.format = SupportPlan.Format.OWN
    plan.save(update_fields=["format"])
    plan = update_plan(
        plan=plan,
        by=by,
        expected_version=plan.row_version,
        led_by=led_by,
        what_matters=plan.what_matters,
        deployment=deployment,
        outcomes=outcomes,
        lines=lines,
    )
    if upload is not None:
        doc = _store_document(
            person=plan.person,
            plan=plan,
            upload=upload,
            content=content,
            by_name=actor_name or getattr(by, "get_full_name", lambda: "")() or str(by),
            description="Support plan in the person's own format",
        )
        record_event(
            actor=by,
            action="plan.document_uploaded",
            obj=plan,
            person=plan.person,
            summary=f"Uploaded the plan in the person's own format: {doc.name}",
            changes={"name": doc.name, "kind": doc.kind, "size": doc.size, "sha256": doc.sha256},
        )
    return plan


@transaction.atomic
def upload_document(
    *, person: Person, by, file_name: str, content: bytes, description: str, actor_name: str = ""
):
    """Add a document to the person's record (evidence, letters, a plan written elsewhere)."""
    upload = check_document(name=file_name, content=content)
    doc = _store_document(
        person=person,
        plan=None,
        upload=upload,
        content=content,
        by_name=actor_name or getattr(by, "get_full_name", lambda: "")() or str(by),
        description=description,
    )
    record_event(
        actor=by,
        action="person.document_uploaded",
        obj=doc,
        person=person,
        summary=f"{actor_name + ' uploaded' if actor_name else 'Uploaded'} a document: {doc.name}",
        changes={"name": doc.name, "kind": doc.kind, "size": doc.size},
    )
    return doc
