"""Reviews over the API: the queues (due soon, overdue, all open), one review, the light-touch
answers, one-click confirmation and reviews after events, over the same services as the pages.

`router` is mounted by api/api.py; errors use the API's shared handlers (404 for missing or not
yours, 422 with field errors for refused input).
"""

from datetime import date, datetime
from typing import Literal

from django.utils import timezone
from ninja import Query, Router, Status
from pydantic import BaseModel, ConfigDict

from clearpath.journey.people.access import get_person_for, get_record_for, visible_people
from clearpath.journey.reviews import services
from clearpath.journey.reviews.models import Review
from clearpath.journey.reviews.selectors import open_reviews
from clearpath.platform.api.schemas import ERRORS, WRITE_ERRORS, Text

router = Router(tags=["Reviews"])


class AnswersOut(BaseModel):
    changed: bool | None = None
    what_changed: str = ""
    needs_met: str = ""
    own_words: str = ""
    money_ok: bool | None = None
    anything_else: str = ""


class ReviewOut(BaseModel):
    id: int
    person_id: int
    team: str
    kind: str
    status: str
    due_on: date
    overdue: bool
    trigger: str | None
    trigger_details: str
    answers: AnswersOut | None
    answered_at: datetime | None
    answered_by_person: bool
    nothing_changed: bool
    method: str | None
    cld_reason: str | None
    outcome: str | None
    outcomes_achieved: str | None
    completed_on: date | None
    auto_confirmed: bool
    next_review_id: int | None
    reassessment_id: int | None
    revised_plan_id: int | None
    policy_ref: str


class AnswersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    changed: bool | None = None
    what_changed: Text(2000) = ""
    needs_met: Literal["yes", "partly", "no"] | None = None
    own_words: Text(2000) = ""
    money_ok: bool | None = None
    anything_else: Text(2000) = ""
    method: Text(20) = ""
    row_version: int | None = None


class RequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Text(40, min_length=1)
    details: Text(2000) = ""


def review_out(r: Review, today: date) -> dict:
    """One review as the API returns it."""
    return {
        "id": r.pk,
        "person_id": r.person_id,
        "team": r.person.team.name,
        "kind": r.kind,
        "status": r.status,
        "due_on": r.due_on,
        "overdue": r.is_open and r.due_on < today,
        "trigger": r.trigger or None,
        "trigger_details": r.trigger_details,
        "answers": r.answers or None,
        "answered_at": r.answered_at,
        "answered_by_person": r.answered_by_person,
        "nothing_changed": r.nothing_changed,
        "method": r.method or None,
        "cld_reason": r.cld_reason or None,
        "outcome": r.outcome or None,
        "outcomes_achieved": r.outcomes_achieved or None,
        "completed_on": r.completed_on,
        "auto_confirmed": r.auto_confirmed,
        "next_review_id": r.next_review_id,
        "reassessment_id": r.reassessment_id,
        "revised_plan_id": r.revised_plan_id,
        "policy_ref": r.policy_ref,
    }


def _get(request, review_id: int, write: bool = False) -> Review:
    review = get_record_for(
        request.auth, Review, review_id, write=write, what="review", related=("person__team",)
    )
    return review


@router.get("/reviews", response={200: list[ReviewOut], **ERRORS})
def list_reviews(
    request,
    show: Literal["overdue", "due_soon", "all"] = "overdue",
    offset: int = Query(0, ge=0, le=1_000_000),
    limit: int = Query(50, ge=1, le=200),
):
    """Open reviews for people you may see (your team's): overdue, due soon, or all; soonest first."""
    today = timezone.localdate()
    qs = open_reviews(visible_people(request.auth), show=show, today=today)
    return [review_out(r, today) for r in qs[offset : offset + limit]]


@router.get("/reviews/{review_id}", response={200: ReviewOut, **ERRORS})
def get_review(request, review_id: int):
    return review_out(_get(request, review_id), timezone.localdate())


@router.post("/reviews/{review_id}/answers", response={200: ReviewOut, **WRITE_ERRORS})
def record_answers(request, review_id: int, payload: AnswersIn):
    """The four light-touch answers, taken by a practitioner; `method` is how (phone, in_person,
    video). Refused answers come back as 422 with every field at fault."""
    review = _get(request, review_id, write=True)
    data = payload.model_dump()
    version = data.pop("row_version")
    review = services.record_answers(
        review=review, by=request.auth, data=data, expected_version=version
    )
    return review_out(review, timezone.localdate())


@router.post("/reviews/{review_id}/confirm", response={200: ReviewOut, **WRITE_ERRORS})
def confirm(request, review_id: int):
    """Nothing has changed: the plan continues and the next review is scheduled. Idempotent."""
    review = _get(request, review_id, write=True)
    today = timezone.localdate()
    return review_out(
        services.confirm_no_change(review=review, by=request.auth, today=today), today
    )


@router.post("/people/{person_id}/reviews", response={201: ReviewOut, **WRITE_ERRORS})
def request_review(request, person_id: int, payload: RequestIn):
    """A review after an event; `reason` is a trigger code from the review policy."""
    person = get_person_for(request.auth, person_id, write=True)
    today = timezone.localdate()
    review = services.request_review(
        person=person, by=request.auth, today=today, reason=payload.reason, details=payload.details
    )
    review.person = person
    return Status(201, review_out(review, today))
