"""Reviews (Care Act s27; Direct Payments Regulations 2014 reg 7): scheduling from the review
policy, reviews after events, light-touch answers (from the person's own link or a practitioner),
one-click confirmation when nothing has changed, and full reviews through a reassessment."""

import hashlib
import secrets
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from clearpath.errors import InvalidInput, ServiceError

# Full reviews live in full_review.py; they are part of this module's API.
from clearpath.journey.reviews.full_review import (  # noqa: E402, F401
    check_budget_change,
    replace_previous_budget,
    start_reassessment,
    start_revised_plan_for,
    submit_revised_plan,
)
from clearpath.journey.reviews.guards import CASEWORK, why_cannot_act  # noqa: F401 - part of this API
from clearpath.journey.reviews.guards import active_budget as _active_budget
from clearpath.journey.reviews.guards import authorised as _authorised
from clearpath.journey.reviews.guards import cld_reason as _cld_reason
from clearpath.journey.reviews.guards import locked as _locked
from clearpath.journey.reviews.models import Review, ReviewLink
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.reviews import (
    NEEDS_MET,
    annual_review_due,
    can_auto_confirm,
    direct_payment_review_due,
    first_review_due,
    outcomes_achieved,
    triggered_review_due,
)

MAX_WORDS = 2000


def schedule_first_reviews(*, personal_budget, by) -> list[Review]:
    """The first review 6–8 weeks after the plan starts, and a direct payment review within 6 months."""
    policy = rulepacks.review_policy()
    start = personal_budget.starts_on
    reviews = [
        Review(
            person=personal_budget.person,
            personal_budget=personal_budget,
            kind=Review.Kind.FIRST,
            due_on=first_review_due(start=start, policy=policy),
            policy_ref=policy.ref,
            latest_on=start + timedelta(weeks=policy.first_review_latest_weeks),
        )
    ]
    if personal_budget.deployment == personal_budget.Deployment.DIRECT_PAYMENT:
        reviews.append(
            Review(
                person=personal_budget.person,
                personal_budget=personal_budget,
                kind=Review.Kind.DIRECT_PAYMENT,
                policy_ref=policy.ref,
                due_on=direct_payment_review_due(start=start, policy=policy),
            )
        )
    Review.objects.bulk_create(reviews)
    first = reviews[0]
    record_event(
        actor=by,
        action="review.scheduled",
        obj=personal_budget,
        person=personal_budget.person,
        summary=f"First review due {first.due_on:%-d %B %Y}",
        changes={"kinds": [r.kind for r in reviews], "policy": policy.ref},
    )
    return reviews


@transaction.atomic
def request_review(*, person, reason: str, by, today: date, details: str = "") -> Review:
    """A review after an event (a monitoring exception, a change reported by the person or a
    provider, a hospital admission, a challenge), due the policy's number of days later. If one is
    already open, it is brought forward if needed rather than doubled. `by=None` is for an event
    another part of Clearpath reports itself (say, direct payment monitoring); people must have
    authority over the person's caseload."""
    if by is not None:
        _authorised(by, person)
    policy = rulepacks.review_policy()
    if policy.trigger(reason) is None:
        raise ServiceError("Choose why the review is needed.", field="reason")
    details = (details or "").strip()
    if len(details) > MAX_WORDS:
        raise ServiceError(f"Keep this to {MAX_WORDS} characters or fewer.", field="details")
    budget = _active_budget(person)
    if budget is None:
        raise ServiceError("This person has no personal budget to review yet.")
    due = triggered_review_due(today=today, trigger=reason, policy=policy)
    review = (
        Review.objects.select_for_update()
        .filter(person=person, kind=Review.Kind.TRIGGERED, status__in=Review.OPEN)
        .first()
    )
    if review is None:
        review = Review.objects.create(
            person=person,
            personal_budget=budget,
            kind=Review.Kind.TRIGGERED,
            due_on=due,
            policy_ref=policy.ref,
            trigger=reason,
            trigger_details=details,
            requested_by=by,
        )
    else:
        review.due_on = min(review.due_on, due)
        review.trigger_details = "\n".join(t for t in (review.trigger_details, details) if t)
        review.row_version += 1
        review.save()
    record_event(
        actor=by,
        action="review.requested",
        obj=review,
        person=person,
        summary=f"Review asked for: {policy.label('triggers', reason).lower()}; due "
        f"{review.due_on:%-d %B %Y}",
        changes={"trigger": reason, "due_on": review.due_on, "policy": policy.ref},
    )
    return review


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def make_person_link(*, review: Review, by, now=None) -> tuple[ReviewLink, str]:
    """A secret link for the person to answer their light-touch review themselves. It works once,
    for the policy's number of days; earlier links for the review stop working. Returns the link
    and its token (only the token's hash is stored)."""
    review = _locked(review)
    _authorised(by, review.person)
    if not review.is_open or review.reassessment_id:
        raise ServiceError("This review is no longer waiting for answers.")
    now = now or timezone.now()
    policy = rulepacks.review_policy(review.policy_ref)
    review.links.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    link = ReviewLink.objects.create(
        review=review,
        token_hash=_hash(token),
        expires_at=now + timedelta(days=policy.link_valid_days),
        created_by=by,
    )
    record_event(
        actor=by,
        action="review.link_made",
        obj=review,
        person=review.person,
        summary=f"Made a link for the person to answer their review, working until "
        f"{timezone.localtime(link.expires_at):%-d %B %Y}",
        changes={"link": link.pk, "expires_at": link.expires_at},
    )
    return link, token


UNKNOWN, EXPIRED, USED, CLOSED = "unknown", "expired", "used", "closed"


def find_link(token: str, *, now=None) -> tuple[ReviewLink | None, str | None]:
    """The link for a token and None, or (link or None, why it no longer works)."""
    if not token or len(token) > 100:
        return None, UNKNOWN
    link = (
        ReviewLink.objects.select_related("review", "review__person")
        .filter(token_hash=_hash(token))
        .first()
    )
    now = now or timezone.now()
    if link is None:
        return None, UNKNOWN
    if link.used_at:
        return link, USED
    if link.expires_at <= now:
        return link, EXPIRED
    if not link.review.is_open or link.review.answered_at or link.review.reassessment_id:
        return link, CLOSED
    return link, None


def clean_answers(data: dict, *, policy, staff: bool) -> dict:
    """Check the four light-touch answers; every problem at once, as (field, message)."""
    errors = []
    changed, money_ok = data.get("changed"), data.get("money_ok")
    needs_met = data.get("needs_met") or ""
    what_changed = (data.get("what_changed") or "").strip()
    own_words = (data.get("own_words") or "").strip()
    anything_else = (data.get("anything_else") or "").strip()
    if changed not in (True, False):
        errors.append(("changed", "Say whether anything has changed"))
    elif changed and not what_changed:
        errors.append(("what_changed", "Say what has changed"))
    if needs_met not in NEEDS_MET:
        errors.append(("needs_met", "Say whether your needs are being met"))
    if money_ok not in (True, False):
        errors.append(("money_ok", "Say whether you are happy with how the money is managed"))
    for name, text in (
        ("what_changed", what_changed),
        ("own_words", own_words),
        ("anything_else", anything_else),
    ):
        if len(text) > MAX_WORDS:
            errors.append((name, f"Keep this to {MAX_WORDS} characters or fewer"))
    method = data.get("method") or ("" if staff else "online")
    if staff and method not in {c.code for c in policy.methods}:
        errors.append(("method", "Say how the review was done"))
    if errors:
        raise InvalidInput(errors)
    return {
        "changed": changed,
        "what_changed": what_changed if changed else "",
        "needs_met": needs_met,
        "own_words": own_words,
        "money_ok": money_ok,
        "anything_else": anything_else,
        "method": method,
    }


def _save_answers(review: Review, cleaned: dict, *, by_person: bool, now) -> None:
    review.method = cleaned.pop("method")
    review.answers = cleaned
    review.answered_at = now
    review.answered_by_person = by_person
    review.outcomes_achieved = outcomes_achieved(cleaned)
    review.row_version += 1
    review.save()


@transaction.atomic
def record_answers(
    *, review: Review, by, data: dict, expected_version: int | None = None
) -> Review:
    """A practitioner records the light-touch answers (on the phone or in person)."""
    review = _locked(review, expected_version)
    _authorised(by, review.person)
    if not review.is_open or review.reassessment_id:
        raise ServiceError("This review has already been completed.")
    policy = rulepacks.review_policy(review.policy_ref)
    cleaned = clean_answers(data, policy=policy, staff=True)
    _save_answers(review, cleaned, by_person=False, now=timezone.now())
    record_event(
        actor=by,
        action="review.answered",
        obj=review,
        person=review.person,
        summary="Light-touch review answered: "
        + ("nothing has changed" if review.nothing_changed else "something has changed"),
        changes={**review.answers, "method": review.method},
    )
    return review


@transaction.atomic
def answer_by_link(*, token: str, data: dict, today: date) -> Review:
    """The person answers on their own link (single use). If the council's policy allows it and
    nothing has changed for a low-risk case, the review is confirmed without a practitioner."""
    link, problem = find_link(token)
    if problem:
        raise ServiceError("This link no longer works.", field="link")
    link = ReviewLink.objects.select_for_update().get(pk=link.pk)
    review = _locked(link.review)
    now = timezone.now()
    if (
        link.used_at
        or link.expires_at <= now
        or not review.is_open
        or review.answered_at
        or review.reassessment_id
    ):
        raise ServiceError("This link no longer works.", field="link")
    policy = rulepacks.review_policy(review.policy_ref)
    cleaned = clean_answers(data, policy=policy, staff=False)
    link.used_at = now
    link.save(update_fields=["used_at"])
    _save_answers(review, cleaned, by_person=True, now=now)
    record_event(
        actor=None,
        action="review.answered",
        obj=review,
        person=review.person,
        summary="The person answered their light-touch review online: "
        + ("nothing has changed" if review.nothing_changed else "something has changed"),
        changes={**review.answers, "method": review.method, "link": link.pk},
    )
    active = rulepacks.review_policy()
    if can_auto_confirm(
        answers=review.answers, weekly=review.personal_budget.weekly_gross, policy=active
    ):
        _complete_no_change(review, by=None, today=today, auto=True)
    return review


def _schedule_annual(review: Review, *, completed_on: date, by) -> Review:
    """The next review, at most 12 months on (Act s27, guidance ch.13; DP Regs reg 7), unless the
    budget already has a later annual review waiting."""
    policy = rulepacks.review_policy()
    waiting = Review.objects.filter(
        personal_budget=review.personal_budget,
        kind=Review.Kind.ANNUAL,
        status=Review.Status.SCHEDULED,
    ).first()
    due = annual_review_due(last_review=completed_on, policy=policy)
    if waiting and waiting.due_on <= due:
        return waiting
    if waiting:
        waiting.status = Review.Status.CANCELLED
        waiting.save(update_fields=["status"])
    return Review.objects.create(
        person=review.person,
        personal_budget=review.personal_budget,
        kind=Review.Kind.ANNUAL,
        due_on=due,
        policy_ref=policy.ref,
    )


def _complete_no_change(review: Review, *, by, today: date, auto: bool) -> Review:
    nxt = _schedule_annual(review, completed_on=today, by=by)
    review.status = Review.Status.COMPLETED
    review.outcome = "continuation"
    review.cld_reason = _cld_reason(review)
    review.outcomes_achieved = review.outcomes_achieved or outcomes_achieved(review.answers)
    review.completed_on, review.completed_by = today, by
    review.auto_confirmed = auto
    review.next_review = nxt
    review.row_version += 1
    review.save()
    record_event(
        actor=by,
        action="review.confirmed",
        obj=review,
        person=review.person,
        summary=(
            "Review confirmed automatically (council policy for low-risk cases)"
            if auto
            else "Review confirmed: nothing has changed"
        )
        + f"; the plan continues and the next review is due {nxt.due_on:%-d %B %Y}",
        changes={
            "outcome": review.outcome,
            "cld_reason": review.cld_reason,
            "outcomes_achieved": review.outcomes_achieved,
            "method": review.method,
            "next_review": nxt.pk,
        },
    )
    return review


@transaction.atomic
def confirm_no_change(*, review: Review, by, today: date) -> Review:
    """One click: nothing has changed, so the plan continues, the next annual review is scheduled
    and the outcome is recorded for the statutory return. Confirming twice has one effect."""
    review = _locked(review)
    _authorised(by, review.person)
    if review.status == Review.Status.COMPLETED and review.outcome == "continuation":
        return review  # already confirmed: nothing more happens
    if not review.is_open or review.reassessment_id:
        raise ServiceError("This review has gone on to a full review and cannot be confirmed.")
    if not review.answered_at:
        raise ServiceError("Record the person's answers before confirming the review.")
    if not review.nothing_changed:
        raise ServiceError(
            "The answers say something has changed or needs are not fully met: start a "
            "reassessment instead."
        )
    return _complete_no_change(review, by=by, today=today, auto=False)
