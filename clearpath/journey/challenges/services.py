"""Raising, routing, answering and reassigning challenges to a budget. Each change is audited."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from clearpath.errors import InvalidInput, ServiceError
from clearpath.journey.challenges.models import Challenge
from clearpath.journey.people.access import can_change_people, visible_people
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.audit.services import record_event
from domain.money import format_money, to_money

Role = StaffMember.Role
MAX_WEEKLY = Decimal("100000")


def _caseworkers(team_id):
    return StaffMember.objects.filter(
        team_id=team_id, is_active=True, role__in=(Role.PRACTITIONER, Role.TEAM_MANAGER)
    )


def route_for(person):
    """Who should answer a challenge about this person's budget.

    The practitioner who completed the person's latest assessment, if still active in the team;
    else the team's practitioner with fewest open challenges; else the team manager; else nobody."""
    staff = _caseworkers(person.team_id)
    latest = person.assessments.filter(submitted_by__isnull=False).order_by("-submitted_at").first()
    if latest:
        worker = staff.filter(pk=latest.submitted_by_id, role=Role.PRACTITIONER).first()
        if worker:
            return worker
    least_busy = staff.annotate(
        open_count=Count("assigned_challenges", filter=Q(assigned_challenges__status="open"))
    ).order_by("open_count", "id")
    return (
        least_busy.filter(role=Role.PRACTITIONER).first()
        or least_busy.filter(role=Role.TEAM_MANAGER).first()
    )


def _may_act_for(user, person) -> bool:
    return can_change_people(user) and visible_people(user).filter(pk=person.pk).exists()


def _text(value) -> str:
    return str(value or "").strip()


@transaction.atomic
def raise_challenge(
    *,
    person,
    by=None,
    letter=None,
    calculation=None,
    budget=None,
    raised_by: str,
    raised_by_name: str,
    reasons: str,
    what_is_needed: str = "",
    channel: str,
    contact_by: str,
    contact_details: str = "",
) -> Challenge:
    """Record a challenge and route it to a named member of staff.

    `by` is the member of staff recording it for someone, or None when the person sent it online.
    The subject is the letter's calculation or budget, or the one passed in."""
    if by is not None and not _may_act_for(by, person):
        raise ServiceError("You cannot record a challenge for this person.")
    if letter is not None:
        calculation, budget = letter.calculation, letter.budget
    if (calculation is None) == (budget is None):
        raise ServiceError("Choose the budget being challenged.", field="subject")
    subject = calculation or budget
    if subject.person_id != person.pk:
        raise ServiceError("That budget belongs to someone else.", field="subject")
    errors = []
    if raised_by not in Challenge.RaisedBy.values:
        errors.append(("raised_by", "Choose who is making the challenge"))
    if not _text(raised_by_name):
        errors.append(("raised_by_name", "Enter the name of the person making the challenge"))
    if not _text(reasons):
        errors.append(("reasons", "Say why the amount is not enough"))
    if channel not in Challenge.Channel.values:
        errors.append(("channel", "Choose how the challenge came in"))
    if contact_by not in Challenge.ContactBy.values:
        errors.append(("contact_by", "Choose how we should reply"))
    elif contact_by in ("email", "phone") and not _text(contact_details):
        what = "email address" if contact_by == "email" else "phone number"
        errors.append(("contact_details", f"Enter the {what} we should use"))
    if by is None and channel != Challenge.Channel.ONLINE:
        errors.append(("channel", "Challenges sent without signing in come in online"))
    if errors:
        raise InvalidInput(errors)
    now = timezone.now()
    amount = calculation.weekly_amount if calculation else budget.weekly_gross
    what = Challenge.What.INDICATIVE if calculation else Challenge.What.FINAL
    worker = route_for(person)
    challenge = Challenge.objects.create(
        person=person,
        what=what,
        calculation=calculation,
        budget=budget,
        letter=letter,
        amount_challenged=amount,
        raised_by=raised_by,
        raised_by_name=_text(raised_by_name),
        reasons=_text(reasons),
        what_is_needed=_text(what_is_needed),
        channel=channel,
        contact_by=contact_by,
        contact_details=_text(contact_details),
        assigned_to=worker,
        recorded_by=by,
        received_at=now,
        respond_by=timezone.localdate(now) + timedelta(days=settings.CHALLENGE_RESPONSE_DAYS),
    )
    who = Challenge.RaisedBy(raised_by).label.lower()
    record_event(
        actor=by,
        action="challenge.raised",
        obj=challenge,
        person=person,
        summary=(
            f"Challenge {challenge.number} received ({Challenge.Channel(channel).label.lower()}) "
            f"from {who}: the {Challenge.What(what).label.lower()} of {format_money(amount)} "
            f"a week is not enough. Sent to "
            f"{worker.get_full_name() if worker else 'the team'} to answer"
        ),
        changes={
            "what": what,
            "amount_challenged": amount,
            "assigned_to": worker.pk if worker else None,
            "channel": channel,
        },
    )
    return challenge


def _new_amount(value):
    if value is None or str(value).strip() == "":
        return None
    try:
        amount = to_money(value)
    except (InvalidOperation, ValueError, TypeError):
        raise InvalidInput(
            [("new_weekly_amount", "Enter the new weekly amount in pounds")]
        ) from None
    if amount <= 0 or amount > MAX_WEEKLY:
        raise InvalidInput(
            [("new_weekly_amount", "Enter a weekly amount between £0.01 and £100,000")]
        )
    return amount


@transaction.atomic
def answer_challenge(*, challenge, by, outcome: str, reasons: str, new_weekly_amount=None):
    """Answer a challenge once, with reasons in plain English and any new weekly amount."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if not _may_act_for(by, challenge.person):
        raise ServiceError("You cannot answer challenges for this person.")
    if not challenge.is_open:
        raise ServiceError("This challenge has already been answered.")
    errors = []
    if outcome not in Challenge.Outcome.values:
        errors.append(("outcome", "Choose whether the challenge is upheld"))
    if not _text(reasons):
        errors.append(("reasons", "Give the reasons for the decision, in plain English"))
    amount = None
    try:
        amount = _new_amount(new_weekly_amount)
    except InvalidInput as e:
        errors.extend(e.errors)
    amount_refused = any(f == "new_weekly_amount" for f, _ in errors)
    if outcome == Challenge.Outcome.UPHELD and amount is None and not amount_refused:
        errors.append(("new_weekly_amount", "Enter the new weekly amount"))
    if outcome == Challenge.Outcome.NOT_UPHELD and amount is not None:
        errors.append(
            ("new_weekly_amount", "Leave the new amount empty when the challenge is not upheld")
        )
    if errors:
        raise InvalidInput(errors)
    challenge.status = Challenge.Status.ANSWERED
    challenge.outcome = outcome
    challenge.answer_reasons = _text(reasons)
    challenge.new_weekly_amount = amount
    challenge.answered_at = timezone.now()
    challenge.answered_by = by
    challenge.row_version += 1
    challenge.save()
    label = Challenge.Outcome(outcome).label.split(":")[0].lower()
    record_event(
        actor=by,
        action="challenge.answered",
        obj=challenge,
        person=challenge.person,
        summary=(
            f"Answered challenge {challenge.number}: {label}"
            + (f", new amount {format_money(amount)} a week" if amount else "")
        ),
        changes={"outcome": outcome, "new_weekly_amount": amount},
    )
    _review_after_upheld(challenge)
    return challenge


def _review_after_upheld(challenge) -> None:
    """An upheld (or partly upheld) challenge to a final budget starts a review after an event, so
    the new amount goes through a reassessment and the normal decision route (guidance 11.24)."""
    if challenge.what != Challenge.What.FINAL or challenge.outcome == Challenge.Outcome.NOT_UPHELD:
        return
    from clearpath.journey.reviews.services import request_review

    amount = challenge.new_weekly_amount
    request_review(
        person=challenge.person,
        reason="challenge",
        by=None,
        today=timezone.localdate(),
        details=f"Challenge {challenge.number} was upheld"
        + (f": the new amount is {format_money(amount)} a week." if amount else "."),
    )


@transaction.atomic
def reassign_challenge(*, challenge, by, to):
    """Give an open challenge to another practitioner or manager in the person's team."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if not _may_act_for(by, challenge.person):
        raise ServiceError("You cannot change challenges for this person.")
    if not challenge.is_open:
        raise ServiceError("This challenge has already been answered.")
    if to is None or not _caseworkers(challenge.person.team_id).filter(pk=to.pk).exists():
        raise ServiceError(
            "Choose a practitioner or manager in the person's team.", field="assigned_to"
        )
    before = challenge.assigned_to_id
    challenge.assigned_to = to
    challenge.row_version += 1
    challenge.save()
    record_event(
        actor=by,
        action="challenge.reassigned",
        obj=challenge,
        person=challenge.person,
        summary=f"Challenge {challenge.number} sent to {to.get_full_name()} to answer",
        changes={"assigned_to": [before, to.pk]},
    )
    return challenge
