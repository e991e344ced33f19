"""The local directory over the API: search it the way the planning page does. `router` is
mounted by api/api.py."""

from decimal import Decimal

from ninja import Query, Router
from pydantic import BaseModel, ConfigDict, Field

from clearpath.journey.directory.services import search
from clearpath.platform.api.schemas import ErrorOut

router = Router(tags=["Local directory"])
ERRORS = {code: ErrorOut for code in (400, 401, 404, 422)}


class DirectoryQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    q: str = Field(default="", max_length=100)
    need: str = Field(default="", max_length=40, description="an assessment outcome code")
    area: str = Field(default="", max_length=100)
    kind: str = Field(default="", max_length=30)
    max_price: Decimal | None = Field(default=None, ge=0, le=100000, decimal_places=2)
    accepting_only: bool = False


class EntryOut(BaseModel):
    id: int
    kind: str
    name: str
    offer: str
    needs: list[str]
    area: str
    price: Decimal | None
    unit: str
    contact: str
    accepting_new_people: bool
    demo: bool


@router.get("/directory", response={200: list[EntryOut], **ERRORS})
def directory_search(request, q: Query[DirectoryQuery]):
    """Providers, services, community groups and PAs looking for work (at most 50)."""
    entries = search(
        text=q.q,
        need=q.need,
        area=q.area,
        max_price=q.max_price,
        kind=q.kind,
        accepting_only=q.accepting_only,
    )[:50]
    return [
        {**{f: getattr(e, f) for f in EntryOut.model_fields if f != "needs"}, "needs": e.need_codes}
        for e in entries
    ]
