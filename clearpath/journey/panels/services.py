"""Panel services: set up a panel, schedule meetings with agendas built from referred plans,
take attendance, decide each item (through the approvals services, so the personal budget and
payments follow as usual), tell the person, and carry items not reached to the next meeting."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from clearpath.errors import ServiceError, StaleRecord
from clearpath.journey.approvals.models import Decision
from clearpath.journey.approvals.services import approve_plan, approve_with_changes, return_plan
from clearpath.journey.panels.models import AgendaItem, Meeting, OutcomeNotice, Panel
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.audit.services import record_event
from domain.money import format_money

Role = StaffMember.Role


@transaction.atomic
def add_panel(*, name: str, quorum: int, members, by, meets_every_days: int = 14) -> Panel:
    """A panel with its members; the quorum must be at least 1 and no more than the members."""
    members = list(members)
    if any(m.role != Role.PANEL_MEMBER for m in members):
        raise ServiceError("Only panel members can sit on a panel", field="members")
    if not 1 <= quorum <= len(members):
        raise ServiceError(
            f"The quorum must be from 1 to the number of members ({len(members)})", field="quorum"
        )
    panel = Panel.objects.create(name=name, quorum=quorum, meets_every_days=meets_every_days)
    panel.members.set(members)
    record_event(
        actor=by,
        action="panel.added",
        obj=panel,
        summary=f"Set up {name}: {len(members)} members, quorum {quorum}",
        changes={"members": [m.username for m in members], "quorum": quorum},
    )
    return panel


def _is_member(panel: Panel, user) -> bool:
    return panel.members.filter(pk=user.pk).exists()


def _may_run(panel: Panel, user) -> None:
    if not (user.role == Role.ADMINISTRATOR or _is_member(panel, user)):
        raise ServiceError("Only the panel's members can do this")


def _on_an_open_agenda():
    return AgendaItem.objects.filter(
        status=AgendaItem.Status.WAITING, meeting__status=Meeting.Status.SCHEDULED
    ).values("decision_id")


def _add_waiting_plans(meeting: Meeting) -> list[AgendaItem]:
    """Every plan waiting for the panel that is not already on an open agenda, oldest first."""
    waiting = (
        Decision.objects.filter(route=Decision.Route.PANEL, status=Decision.Status.PENDING)
        .exclude(pk__in=_on_an_open_agenda())
        .order_by("submitted_at", "id")
    )
    last = meeting.items.aggregate(m=Max("position"))["m"] or 0
    items = [
        AgendaItem(meeting=meeting, decision=d, person_id=d.person_id, position=last + i)
        for i, d in enumerate(waiting, start=1)
    ]
    return AgendaItem.objects.bulk_create(items)


@transaction.atomic
def schedule_meeting(*, panel: Panel, held_on: date, by) -> Meeting:
    """A meeting of the panel; its agenda is built at once from the plans referred to the panel."""
    _may_run(panel, by)
    if Meeting.objects.filter(panel=panel, held_on=held_on).exists():
        raise ServiceError("The panel already meets that day", field="held_on")
    meeting = Meeting.objects.create(panel=panel, held_on=held_on)
    items = _add_waiting_plans(meeting)
    record_event(
        actor=by,
        action="panel.meeting_scheduled",
        obj=meeting,
        summary=f"{panel.name} meets on {held_on:%d %B %Y} with {len(items)} plans on the agenda",
        changes={"held_on": held_on, "items": len(items)},
    )
    return meeting


def _locked_meeting(meeting: Meeting, expected_version: int | None) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
    if expected_version is not None and meeting.row_version != expected_version:
        raise StaleRecord("meeting")
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ServiceError("This meeting has closed")
    return meeting


def _bump(meeting: Meeting) -> None:
    meeting.row_version += 1
    Meeting.objects.filter(pk=meeting.pk).update(
        row_version=meeting.row_version, updated_at=timezone.now()
    )


@transaction.atomic
def refresh_agenda(*, meeting: Meeting, by, expected_version: int | None = None) -> int:
    """Add plans referred to the panel since the agenda was built; returns how many."""
    meeting = _locked_meeting(meeting, expected_version)
    _may_run(meeting.panel, by)
    items = _add_waiting_plans(meeting)
    _bump(meeting)
    record_event(
        actor=by,
        action="panel.agenda_refreshed",
        obj=meeting,
        summary=f"Added {len(items)} newly referred plans to the agenda",
        changes={"added": len(items)},
    )
    return len(items)


@transaction.atomic
def record_attendance(
    *, meeting: Meeting, by, present, expected_version: int | None = None
) -> Meeting:
    """Who is at the meeting: only the panel's members; decisions need the quorum present."""
    meeting = _locked_meeting(meeting, expected_version)
    _may_run(meeting.panel, by)
    members = set(meeting.panel.members.values_list("pk", flat=True))
    chosen = {getattr(p, "pk", p) for p in present}
    if not chosen:
        raise ServiceError("Choose who is present", field="present")
    if chosen - members:
        raise ServiceError("Only the panel's members can be recorded as present", field="present")
    meeting.present.set(chosen)
    _bump(meeting)
    record_event(
        actor=by,
        action="panel.attendance",
        obj=meeting,
        summary=f"{len(chosen)} of {len(members)} members present (quorum {meeting.panel.quorum})",
        changes={"present": sorted(chosen)},
    )
    return meeting


def _notice_wording(item: AgendaItem, decision: Decision, meeting: Meeting) -> str:
    person = item.person
    on = f"{meeting.held_on:%-d %B %Y}"
    if item.outcome == AgendaItem.Outcome.RETURNED:
        what = (
            "asked for changes to your support plan before it can be agreed. "
            "Your practitioner will contact you to talk about them."
        )
    else:
        what = (
            f"agreed your personal budget of {format_money(decision.agreed_weekly)} a week."
            if item.outcome == AgendaItem.Outcome.APPROVED
            else f"agreed your personal budget at {format_money(decision.agreed_weekly)} a week, "
            f"which is different from the {format_money(decision.plan_weekly)} in your plan."
        )
    return (
        f"Dear {person.full_name},\n\n"
        f"The {meeting.panel.name} met on {on} and {what}\n\n"
        f"Why: {item.reasons}\n\n"
        "If you disagree, you can ask us to look again: quote the reference on your budget "
        "letter, or ask your practitioner."
    )


DECIDE = {
    AgendaItem.Outcome.APPROVED: lambda d, by, reasons, weekly: approve_plan(
        decision=d, by=by, note=reasons
    ),
    AgendaItem.Outcome.APPROVED_WITH_CHANGES: lambda d, by, reasons, weekly: approve_with_changes(
        decision=d, by=by, weekly=weekly, reasons=reasons
    ),
    AgendaItem.Outcome.RETURNED: lambda d, by, reasons, weekly: return_plan(
        decision=d, by=by, reason=reasons
    ),
}


@transaction.atomic
def decide_item(
    *,
    item: AgendaItem,
    by,
    outcome: str,
    reasons: str,
    weekly=None,
    expected_version: int | None = None,
) -> AgendaItem:
    """Record the panel's decision on one item, with its reasons, through the approvals
    services; then write the letter telling the person. Needs the quorum present, and the
    decider must be one of the members present."""
    reasons = (reasons or "").strip()
    if outcome not in DECIDE:
        raise ServiceError("Choose the panel's decision", field="outcome")
    if not reasons:
        raise ServiceError("Give the panel's reasons", field="reasons")
    # Lock the meeting before the item, the same order as close_meeting (no deadlock).
    meeting = _locked_meeting(Meeting(pk=item.meeting_id), None)
    item = (
        AgendaItem.objects.select_for_update().select_related("person", "decision").get(pk=item.pk)
    )
    item.meeting = meeting
    if expected_version is not None and item.row_version != expected_version:
        raise StaleRecord("agenda item")
    if item.status != AgendaItem.Status.WAITING:
        raise ServiceError("The panel has already dealt with this item")
    present = set(meeting.present.values_list("pk", flat=True))
    if by.pk not in present:
        raise ServiceError(
            "Only a member recorded as present at this meeting can record a decision"
        )
    if len(present) < meeting.panel.quorum:
        raise ServiceError(
            f"The panel is not quorate: {len(present)} present, {meeting.panel.quorum} needed"
        )
    decision = DECIDE[outcome](item.decision, by, reasons, weekly)
    now = timezone.now()
    item.status, item.outcome, item.reasons = AgendaItem.Status.DECIDED, outcome, reasons
    item.decided_by, item.decided_at = by, now
    item.row_version += 1
    item.save()
    decision = Decision.objects.get(pk=decision.pk)
    OutcomeNotice.objects.create(
        item=item,
        person=item.person,
        decision=decision,
        wording=_notice_wording(item, decision, meeting),
        created_by=by,
    )
    record_event(
        actor=by,
        action="panel.item_decided",
        obj=item,
        person=item.person,
        summary=f"{meeting.panel.name}: {item.get_outcome_display().lower()}; the person is told",
        changes={"outcome": outcome, "reasons": reasons, "meeting": meeting.pk},
    )
    return item


def _next_meeting(meeting: Meeting) -> Meeting:
    later = (
        Meeting.objects.filter(
            panel=meeting.panel, status=Meeting.Status.SCHEDULED, held_on__gt=meeting.held_on
        )
        .order_by("held_on")
        .first()
    )
    if later:
        return later
    return Meeting.objects.create(
        panel=meeting.panel,
        held_on=meeting.held_on + timedelta(days=meeting.panel.meets_every_days),
    )


@transaction.atomic
def close_meeting(*, meeting: Meeting, by, expected_version: int | None = None) -> Meeting | None:
    """Close the meeting; items not reached go to the top of the next meeting's agenda (one is
    scheduled after the panel's usual interval if none is). Returns that next meeting, if used."""
    meeting = _locked_meeting(meeting, expected_version)
    _may_run(meeting.panel, by)
    waiting = list(
        meeting.items.filter(status=AgendaItem.Status.WAITING).select_related("decision")
    )
    still_pending = [i for i in waiting if i.decision.status == Decision.Status.PENDING]
    target = _next_meeting(meeting) if still_pending else None
    if target:
        AgendaItem.objects.filter(meeting=target).update(
            position=F("position") + len(still_pending)
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=target,
                decision=i.decision,
                person_id=i.person_id,
                position=n,
                carried_from=i,
            )
            for n, i in enumerate(still_pending, start=1)
        )
    AgendaItem.objects.filter(pk__in=[i.pk for i in waiting]).update(
        status=AgendaItem.Status.CARRIED_OVER, row_version=F("row_version") + 1
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.CLOSED,
        closed_at=timezone.now(),
        row_version=meeting.row_version + 1,
    )
    record_event(
        actor=by,
        action="panel.meeting_closed",
        obj=meeting,
        summary=(
            f"Closed the meeting; {len(still_pending)} items carried over"
            + (f" to {target.held_on:%-d %B %Y}" if target else "")
        ),
        changes={"carried_over": len(still_pending), "to": target.pk if target else None},
    )
    return target
