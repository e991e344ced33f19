"""Challenges over the API: the queue a member of staff may see, one challenge, and its answer.

`router` is mounted by api/api.py (the lead's file); errors use the API's shared handlers
(404 for missing or not yours, 422 with field errors for a refused answer).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Query, Router
from pydantic import BaseModel, ConfigDict, Field

from clearpath.journey.challenges.models import Challenge
from clearpath.journey.challenges.services import answer_challenge
from clearpath.journey.people.access import get_record_for, visible_people
from clearpath.platform.api.schemas import ERRORS, WRITE_ERRORS, Text

router = Router(tags=["Challenges"])


class ChallengeOut(BaseModel):
    id: int
    number: str
    person_id: int
    what: str
    calculation_id: int | None
    budget_id: int | None
    amount_challenged: Decimal
    raised_by: str
    raised_by_name: str
    reasons: str
    what_is_needed: str
    channel: str
    status: str
    assigned_to: str | None
    received_at: datetime
    respond_by: date
    outcome: str | None
    answer_reasons: str
    new_weekly_amount: Decimal | None
    answered_at: datetime | None


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Literal["upheld", "partly_upheld", "not_upheld"]
    reasons: Text(4000, min_length=1)
    new_weekly_amount: Decimal | None = Field(default=None, gt=0, max_digits=12, decimal_places=2)


def challenge_out(c: Challenge) -> dict:
    """One challenge as the API returns it."""
    return {
        "id": c.pk,
        "number": c.number,
        "person_id": c.person_id,
        "what": c.what,
        "calculation_id": c.calculation_id,
        "budget_id": c.budget_id,
        "amount_challenged": c.amount_challenged,
        "raised_by": c.raised_by,
        "raised_by_name": c.raised_by_name,
        "reasons": c.reasons,
        "what_is_needed": c.what_is_needed,
        "channel": c.channel,
        "status": c.status,
        "assigned_to": c.assigned_to.username if c.assigned_to else None,
        "received_at": c.received_at,
        "respond_by": c.respond_by,
        "outcome": c.outcome or None,
        "answer_reasons": c.answer_reasons,
        "new_weekly_amount": c.new_weekly_amount,
        "answered_at": c.answered_at,
    }


def _get(request, challenge_id: int, write: bool = False) -> Challenge:
    return get_record_for(
        request.auth,
        Challenge,
        challenge_id,
        write=write,
        what="challenge",
        related=("assigned_to",),
    )


@router.get("/challenges", response={200: list[ChallengeOut], **ERRORS})
def list_challenges(
    request,
    status: Literal["open", "answered", "all"] = "open",
    offset: int = Query(0, ge=0, le=1_000_000),
    limit: int = Query(50, ge=1, le=200),
):
    """Challenges about people you may see: yours and your team's, oldest first."""
    qs = Challenge.objects.filter(person__in=visible_people(request.auth)).select_related(
        "assigned_to"
    )
    if status != "all":
        qs = qs.filter(status=status)
    return [challenge_out(c) for c in qs.order_by("received_at", "id")[offset : offset + limit]]


@router.get("/challenges/{challenge_id}", response={200: ChallengeOut, **ERRORS})
def get_challenge(request, challenge_id: int):
    return challenge_out(_get(request, challenge_id))


@router.post("/challenges/{challenge_id}/answer", response={200: ChallengeOut, **WRITE_ERRORS})
def answer(request, challenge_id: int, payload: AnswerIn):
    """Answer once, with reasons; `new_weekly_amount` is needed when the challenge is upheld."""
    challenge = _get(request, challenge_id, write=True)
    answered = answer_challenge(challenge=challenge, by=request.auth, **payload.model_dump())
    return challenge_out(answered)
