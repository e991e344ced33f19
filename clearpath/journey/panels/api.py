"""Panels over the API: a meeting's agenda and recording the panel's decision on an item, over
the same services and access gateway as the pages. `router` is mounted by api/api.py."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Router
from pydantic import BaseModel, ConfigDict, Field

from clearpath.journey.panels.access import get_item_for, get_meeting_for
from clearpath.journey.panels.services import decide_item
from clearpath.platform.api.schemas import ERRORS, WRITE_ERRORS, Text

router = Router(tags=["Panels"])


class ItemOut(BaseModel):
    id: int
    position: int
    person_id: int
    decision_id: int
    plan_weekly: Decimal
    why: list[str]
    triggers: list[str]
    status: str
    outcome: str
    reasons: str
    carried_from_id: int | None
    decided_at: datetime | None
    row_version: int


class MeetingOut(BaseModel):
    id: int
    panel: str
    quorum: int
    held_on: date
    status: str
    present: int
    items: list[ItemOut]


class ItemDecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    row_version: int = Field(ge=1)
    outcome: Literal["approved", "approved_with_changes", "returned"]
    reasons: Text(4000, min_length=1)
    weekly: Decimal | None = Field(default=None, gt=0, max_digits=12, decimal_places=2)


def item_out(i) -> dict:
    return {
        "id": i.pk,
        "position": i.position,
        "person_id": i.person_id,
        "decision_id": i.decision_id,
        "plan_weekly": i.decision.plan_weekly,
        "why": list(i.decision.reasons),
        "triggers": list(i.decision.triggers),
        "status": i.status,
        "outcome": i.outcome,
        "reasons": i.reasons,
        "carried_from_id": i.carried_from_id,
        "decided_at": i.decided_at,
        "row_version": i.row_version,
    }


@router.get("/panels/meetings/{meeting_id}", response={200: MeetingOut, **ERRORS})
def get_meeting(request, meeting_id: int):
    """A meeting and its agenda (members of the panel only)."""
    m = get_meeting_for(request.auth, meeting_id)
    items = m.items.select_related("decision").order_by("position")
    return {
        "id": m.pk,
        "panel": m.panel.name,
        "quorum": m.panel.quorum,
        "held_on": m.held_on,
        "status": m.status,
        "present": m.present.count(),
        "items": [item_out(i) for i in items],
    }


@router.post("/panels/items/{item_id}/decision", response={200: ItemOut, **WRITE_ERRORS})
def record_decision(request, item_id: int, payload: ItemDecisionIn):
    """Record the panel's decision on one item, with its reasons (the quorum must be present)."""
    item = get_item_for(request.auth, item_id)
    item = decide_item(
        item=item,
        by=request.auth,
        outcome=payload.outcome,
        reasons=payload.reasons,
        weekly=payload.weekly,
        expected_version=payload.row_version,
    )
    return item_out(item)
