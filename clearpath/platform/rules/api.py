"""Rule packs over the API: the same services as the administrator's pages."""

from datetime import date

from django.http import Http404
from ninja import Router, Status
from pydantic import BaseModel

from clearpath.platform.api.schemas import ErrorOut, Text
from clearpath.platform.rules.services import activate_rule_pack, active, catalogue, load_rule_pack
from domain import rulepacks
from domain.ras import in_words

router = Router(tags=["Rule packs"])
ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 409, 422)}


class RulePackOut(BaseModel):
    kind: str
    ref: str
    title: str
    source: str
    demo: bool
    effective_from: date
    sha256: str
    origin: str
    active: bool


class RulePackIn(BaseModel):
    filename: Text(200, 1)
    text: Text(500_000, 1)


class ActivateIn(BaseModel):
    kind: Text(40, 1)
    ref: Text(80, 1)
    reason: Text(2000, 1)


class ModelInWordsOut(BaseModel):
    ref: str
    demo: bool
    source: str
    points: list[tuple[str, str]]
    special_points: list[str]
    unpaid_care: list[tuple[str, str]]
    money: list[str]
    bands: list[tuple[str, str]]
    limits: list[str]
    example_explanation: list[str]


def _administrator(request):
    if not getattr(request.auth, "is_administrator", False):
        raise Http404  # the same answer as for anything else that is not yours


def _out(k, in_use) -> dict:
    return RulePackOut(
        kind=k.kind,
        ref=k.ref,
        title=k.title,
        source=k.source,
        demo=k.demo,
        effective_from=k.effective_from,
        sha256=k.sha256,
        origin=k.origin,
        active=in_use[k.kind] == k.ref,
    ).model_dump()


@router.get("/rule-packs", response={200: list[RulePackOut], **ERRORS})
def list_rule_packs(request):
    """Every version (shipped or loaded) and which is in use. Administrators only."""
    _administrator(request)
    in_use = active()
    return [_out(k, in_use) for k in catalogue()]


@router.post("/rule-packs", response={200: RulePackOut, 201: RulePackOut, **ERRORS})
def load(request, payload: RulePackIn):
    """Check and keep a new version (201), or find the same text already kept (200)."""
    _administrator(request)
    row, created = load_rule_pack(text=payload.text, filename=payload.filename, by=request.auth)
    pack = rulepacks.parse_text(payload.text, payload.filename)[0]
    known = next(k for k in catalogue() if (k.kind, k.ref) == (pack.kind, pack.ref))
    return Status(201 if created else 200, _out(known, active()))


@router.post("/rule-packs/activate", response={200: RulePackOut, **ERRORS})
def activate(request, payload: ActivateIn):
    """Use a version for new work from now on; past budgets keep theirs."""
    _administrator(request)
    activate_rule_pack(kind=payload.kind, ref=payload.ref, by=request.auth, reason=payload.reason)
    known = next(k for k in catalogue() if (k.kind, k.ref) == (payload.kind, payload.ref))
    return _out(known, active())


@router.get("/how-budgets-are-worked-out", response=ModelInWordsOut, auth=None)
def how_budgets_are_worked_out(request):
    """The RAS model in use, in plain words with a worked example. No sign-in needed."""
    words = in_words(rulepacks.ras_model(), rulepacks.question_set())
    return ModelInWordsOut(
        ref=words.ref,
        demo=words.demo,
        source=words.source,
        points=list(words.points),
        special_points=list(words.special_points),
        unpaid_care=list(words.unpaid_care),
        money=list(words.money),
        bands=list(words.bands),
        limits=list(words.limits),
        example_explanation=list(words.example.explanation),
    ).model_dump()
