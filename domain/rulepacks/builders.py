"""Builders: each rule-pack kind's body, checked (with domain/rulepacks/fields.py) and turned into
frozen values."""

from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from domain.rulepacks.carer_builders import CARER_BUILDERS
from domain.rulepacks.cld_builders import CLD_BUILDERS
from domain.rulepacks.fields import _choices, _unique, need
from domain.rulepacks.money_builders import MONEY_BUILDERS
from domain.rulepacks.pa_builders import PA_BUILDERS
from domain.rulepacks.types import (
    RAS_METHODS,
    ROUNDING_MODES,
    Band,
    Codes,
    DelegationPolicy,
    Outcome,
    Pack,
    PriceStep,
    QuestionSet,
    RasModel,
    ReviewPolicy,
    ReviewTrigger,
    RoleLimit,
    RulePackError,
)

OUTCOME_LETTERS = tuple("abcdefghij")  # SI 2015/313 reg 2(2)(a)-(j): the law fixes ten outcomes
WAY_LETTERS = tuple("abcd")  # SI 2015/313 reg 2(3)(a)-(d): four ways of being "unable to achieve"
PANEL_TRIGGERS = (
    "mental_health",
    "transition",
    "early_onset_dementia",
    "outside_ras",
    "above_top_limit",
    "requested_by_practitioner",
    "requested_by_manager",
)
LIMITED_ROLES = ("practitioner", "team_manager")  # in order: each role's limits above the last
DECISION_ROUTES = ("practitioner", "manager", "panel")
# Changes found at a review that the policy may say need a new decision (domain/delegation.py).
REVIEW_CHANGES = (
    "cost_up_beyond_tolerance",
    "cost_above_last_deciders_limit",
    "new_panel_trigger",
    "deployment_changed",
    "any_cost_increase",
)
CODE_LISTS = (
    "primary_support_reasons",
    "client_types",
    "event_types",
    "delivery_mechanisms",
    "routes_of_access",
    "representative_kinds",
    "plan_led_by",
    "deployments",
)


def _letters(items: tuple[Any, ...], letters: tuple[str, ...], where: str) -> None:
    found = tuple(getattr(i, "letter", "") for i in items)
    if found != letters:
        raise RulePackError(
            f"{where}: the law's letters are {', '.join(letters)} in order, not {', '.join(found)}"
        )


def _outcomes(data: Mapping[str, Any], where: str) -> tuple[Outcome, ...]:
    at = f"{where} [[outcomes]]"
    fields = ("code", "letter", "legal_text", "heading", "hint")
    outcomes = tuple(
        Outcome(**{f: need(o, f, at) for f in fields}) for o in need(data, "outcomes", where, list)
    )
    _unique([o.code for o in outcomes], at)
    _letters(outcomes, OUTCOME_LETTERS, at)
    return outcomes


def question_set(pack: Pack, where: str) -> QuestionSet:
    """SI 2015/313 reg 2: ten outcomes (2(2)), four ways (2(3)), and two yes/no questions."""
    d = pack.data
    questions = need(d, "questions", where, Mapping)
    ways = _choices(d, "ways", where, legal=True)
    _letters(ways, WAY_LETTERS, f"{where} [[ways]]")
    return QuestionSet(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        outcomes=_outcomes(d, where),
        ways=ways,
        help_levels=_choices(d, "help_levels", where),
        unpaid_care_levels=_choices(d, "unpaid_care_levels", where),
        impairment_question=need(questions, "impairment", f"{where} [questions]"),
        wellbeing_question=need(questions, "wellbeing", f"{where} [questions]"),
    )


def _figures(table: Mapping[str, Any], key: str, where: str) -> Mapping[str, Decimal]:
    sub = need(table, key, where, Mapping)
    if not sub:
        raise RulePackError(f"{where} [{key}]: needs at least one entry")
    return MappingProxyType({k: need(sub, k, f"{where} [{key}]", Decimal) for k in sub})


def _one_of(table: Mapping[str, Any], key: str, where: str, allowed: tuple, default: str) -> str:
    value = need({key: default, **table}, key, where)
    if value not in allowed:
        raise RulePackError(f"{where}: '{key}' must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _price_steps(prices: Mapping[str, Any], where: str) -> tuple[PriceStep, ...]:
    at = f"{where} [[prices.steps]]"
    items = need({"steps": (), **prices}, "steps", where, list)
    steps = tuple(
        PriceStep(need(i, "above_points", at, Decimal), need(i, "price_per_point", at, Decimal))
        for i in items
    )
    starts = [s.above_points for s in steps]
    if any(b <= a for a, b in zip([Decimal(0), *starts], starts, strict=False)):
        raise RulePackError(f"{at}: 'above_points' must be more than 0 and go up from step to step")
    return steps


def _bands(data: Mapping[str, Any], where: str) -> tuple[Band, ...]:
    at = f"{where} [[bands]]"
    items = need(data, "bands", where, list)
    if not items:
        raise RulePackError(f"{at}: needs at least one band")
    bands = tuple(
        Band(need(i, "from_points", at, Decimal), need(i, "weekly", at, Decimal)) for i in items
    )
    if bands[0].from_points != 0:
        raise RulePackError(
            f"{at}: the first band must start at 0 points, so every case has a band"
        )
    starts = [b.from_points for b in bands]
    if any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
        raise RulePackError(
            f"{at}: 'from_points' must go up from band to band (no overlaps, no repeats)"
        )
    return bands


def ras_model(pack: Pack, where: str) -> RasModel:
    """A council's RAS: points per help level, an unpaid care adjustment, then points x price per
    point (optionally stepped) or a banded table; floor, cap, rounding step and rounding mode."""
    d, pw = pack.data, f"{where} [prices]"
    prices = need(d, "prices", where, Mapping)
    method = _one_of(prices, "method", pw, RAS_METHODS, "points")
    overrides = need({"outcome_points": {}, **d}, "outcome_points", where, Mapping)
    if method == "bands" and ("price_per_point" in prices or "steps" in prices):
        raise RulePackError(f"{pw}: a banded model has no 'price_per_point' or 'steps'")
    if method == "points" and "bands" in d:
        raise RulePackError(f'{where} [[bands]]: only a model with method = "bands" has bands')
    model = RasModel(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        method=method,
        price_per_point=need(prices, "price_per_point", pw, Decimal)
        if method == "points"
        else None,
        price_steps=_price_steps(prices, pw) if method == "points" else (),
        bands=_bands(d, where) if method == "bands" else (),
        floor_weekly=need(prices, "floor_weekly", pw, Decimal),
        cap_weekly=need(prices, "cap_weekly", pw, Decimal),
        round_to=need(prices, "round_to", pw, Decimal),
        rounding=_one_of(prices, "rounding", pw, ROUNDING_MODES, "half_up"),
        points=_figures(d, "points", where),
        outcome_points=MappingProxyType(
            {o: _figures(overrides, o, f"{where} [outcome_points]") for o in overrides}
        ),
        unpaid_care_reduction=_figures(d, "unpaid_care_reduction", where),
    )
    _check_ras_model(model, where)
    return model


def _check_ras_model(model: RasModel, where: str) -> None:
    if model.floor_weekly > model.cap_weekly:
        raise RulePackError(f"{where} [prices]: 'floor_weekly' is above 'cap_weekly'")
    if model.round_to < Decimal("0.01"):
        raise RulePackError(f"{where} [prices]: 'round_to' must be at least \"0.01\" (a penny)")
    if any(share > 1 for share in model.unpaid_care_reduction.values()):
        raise RulePackError(f"{where} [unpaid_care_reduction]: a share must be from 0 to 1")
    for outcome, table in model.outcome_points.items():
        unknown = sorted(set(table) - set(model.points))
        if unknown:
            raise RulePackError(
                f"{where} [outcome_points.{outcome}]: '{unknown[0]}' is not a level in [points]"
            )


def _triggers(data: Mapping[str, Any], where: str) -> tuple[Mapping[str, str], Mapping[str, str]]:
    """The panel triggers (code -> wording) and the extra ones a council adds, each set off by a
    primary support reason (code -> that reason's label)."""
    at = f"{where} [[panel_triggers]]"
    items = need(data, "panel_triggers", where, list)
    triggers = {need(t, "code", at): need(t, "wording", at) for t in items}
    _unique([t["code"] for t in items], at)
    extra = {
        t["code"]: need(t, "when_primary_support_reason", at)
        for t in items
        if "when_primary_support_reason" in t
    }
    clash = sorted(set(extra) & set(PANEL_TRIGGERS))
    if clash:
        raise RulePackError(
            f"{at}: '{clash[0]}' is a built-in trigger, so it has no 'when_primary_support_reason'"
        )
    unknown = sorted(set(triggers) - set(PANEL_TRIGGERS) - set(extra))
    if unknown:
        raise RulePackError(
            f"{at}: 'code' must be one of {', '.join(PANEL_TRIGGERS)}, or a trigger of the "
            f"council's own with 'when_primary_support_reason' (not {unknown[0]!r})"
        )
    if "above_top_limit" not in triggers:
        raise RulePackError(f"{at}: the 'above_top_limit' trigger is missing")
    return MappingProxyType(triggers), MappingProxyType(extra)


def _role_limits(data: Mapping[str, Any], where: str) -> Mapping[str, RoleLimit]:
    """Each limited role's weekly and yearly limits: every role once, each above the last."""
    if "role_limits" not in data:
        return MappingProxyType({})  # a version 1 policy: limits are on staff accounts only
    at = f"{where} [[role_limits]]"
    items = need(data, "role_limits", where, list)
    limits: dict[str, RoleLimit] = {}
    for item in items:
        role = need(item, "role", at)
        if role not in LIMITED_ROLES:
            raise RulePackError(f"{at}: 'role' must be one of {', '.join(LIMITED_ROLES)}")
        if role in limits:
            raise RulePackError(
                f"{at}: the {role} role has more than one limit (limits must not overlap)"
            )
        limit = RoleLimit(
            role,
            need(item, "weekly", f"{at} {role}", Decimal),
            need(item, "annual", f"{at} {role}", Decimal),
        )
        for name in ("weekly", "annual"):
            if getattr(limit, name) <= 0:
                raise RulePackError(f"{at} {role}: '{name}' must be more than 0")
        if limit.annual < limit.weekly:
            raise RulePackError(f"{at} {role}: 'annual' must be at least the 'weekly' limit")
        limits[role] = limit
    for role in LIMITED_ROLES:
        if role not in limits:
            raise RulePackError(f"{at}: the {role} role's limit is missing")
    for lower, higher in zip(LIMITED_ROLES, LIMITED_ROLES[1:], strict=False):
        for name in ("weekly", "annual"):
            if getattr(limits[lower], name) >= getattr(limits[higher], name):
                raise RulePackError(
                    f"{at}: the {lower}'s '{name}' limit must be below the {higher}'s "
                    "(limits must not overlap)"
                )
    return MappingProxyType(limits)


def _decide_within(data: Mapping[str, Any], where: str) -> Mapping[str, int]:
    """Days each route has to decide before a decision shows as overdue."""
    if "decide_within_days" not in data:
        return MappingProxyType({})
    at = f"{where} [decide_within_days]"
    table = need(data, "decide_within_days", where, Mapping)
    days = {route: need(table, route, at, int) for route in DECISION_ROUTES}
    for route, n in days.items():
        if n < 1:
            raise RulePackError(f"{at}: '{route}' must be 1 day or more")
    return MappingProxyType(days)


def _review_changes(data: Mapping[str, Any], where: str) -> tuple[str, ...]:
    if "new_decision_at_review" not in data:
        return ()
    at = f"{where} [new_decision_at_review]"
    table = need(data, "new_decision_at_review", where, Mapping)
    when = tuple(need(table, "when", at, list))
    for code in when:
        if code not in REVIEW_CHANGES:
            raise RulePackError(f"{at}: 'when' must list only {', '.join(REVIEW_CHANGES)}")
    _unique(list(when), at)
    return when


def delegation_policy(pack: Pack, where: str) -> DelegationPolicy:
    """Council policy: when a practitioner, a team manager or a panel decides a plan."""
    d, at = pack.data, f"{where} [limits]"
    limits = need(d, "limits", where, Mapping)
    evidence = need({"evidence": {}, **d}, "evidence", where, Mapping)
    notes = need({"notes": (), **evidence}, "notes", f"{where} [evidence]", list)
    for i, note in enumerate(notes):
        need({f"notes[{i}]": note}, f"notes[{i}]", f"{where} [evidence]")
    triggers, extra = _triggers(d, where)
    return DelegationPolicy(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        tolerance_above_indicative=need(limits, "tolerance_above_indicative", at, Decimal),
        early_onset_age=need(limits, "early_onset_age", at, int),
        mental_health_psr=need(limits, "mental_health_psr", at),
        panel_triggers=triggers,
        notes=tuple(notes),
        role_limits=_role_limits(d, where),
        decide_within_days=_decide_within(d, where),
        trigger_on_support_reason=extra,
        new_decision_at_review=_review_changes(d, where),
    )


def review_policy(pack: Pack, where: str) -> ReviewPolicy:
    """Review intervals (guidance ch.13; Direct Payments Regs 2014 reg 7) and the payment cycle."""
    r, rw = need(pack.data, "reviews", where, Mapping), f"{where} [reviews]"
    p, pw = need(pack.data, "payments", where, Mapping), f"{where} [payments]"
    policy = ReviewPolicy(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        first_review_weeks=need(r, "first_review_weeks", rw, int),
        first_review_latest_weeks=need(r, "first_review_latest_weeks", rw, int),
        annual_review_months=need(r, "annual_review_months", rw, int),
        direct_payment_first_review_months=need(r, "direct_payment_first_review_months", rw, int),
        payment_every_days=need(p, "payment_every_days", pw, int),
        payments_scheduled_ahead=need(p, "payments_scheduled_ahead", pw, int),
        **_review_policy_v2(pack.data, where),
    )
    if not 0 < policy.first_review_weeks <= policy.first_review_latest_weeks:
        raise RulePackError(f"{rw}: 'first_review_weeks' must be 1 to 'first_review_latest_weeks'")
    if policy.annual_review_months < 1 or policy.direct_payment_first_review_months < 1:
        raise RulePackError(f"{rw}: review intervals must be 1 month or more")
    if policy.payment_every_days < 1:
        raise RulePackError(f"{pw}: 'payment_every_days' must be 1 or more")
    if policy.payments_scheduled_ahead < 1:
        raise RulePackError(f"{pw}: 'payments_scheduled_ahead' must be 1 or more")
    return policy


REVIEW_LISTS = ("review_reasons", "methods", "outcomes_achieved", "review_outcomes")


def _review_policy_v2(d: Mapping[str, Any], where: str) -> dict:
    """The light-touch, trigger and outcome-code parts (default-v2 on); v1 files have none."""
    if "light_touch" not in d:
        return {}
    r, rw = d["reviews"], f"{where} [reviews]"
    lt, lw = need(d, "light_touch", where, Mapping), f"{where} [light_touch]"
    at = f"{where} [[triggers]]"
    triggers = tuple(
        ReviewTrigger(
            code=need(t, "code", at),
            label=need(t, "label", at),
            due_in_days=need(t, "due_in_days", at, int),
            source=need(t, "source", at),
        )
        for t in need(d, "triggers", where, list)
    )
    _unique([t.code for t in triggers], at)
    if any(t.due_in_days < 0 for t in triggers):
        raise RulePackError(f"{at}: 'due_in_days' must be 0 or more")
    out = {
        "due_soon_days": need(r, "due_soon_days", rw, int),
        "link_valid_days": need(lt, "link_valid_days", lw, int),
        "auto_confirm_no_change": need(lt, "auto_confirm_no_change", lw, bool),
        "auto_confirm_max_weekly": need(lt, "auto_confirm_max_weekly", lw, Decimal),
        "triggers": triggers,
        **{name: _choices(d, name, where) for name in REVIEW_LISTS},
    }
    if out["due_soon_days"] < 0 or out["link_valid_days"] < 1:
        raise RulePackError(f"{lw}: 'link_valid_days' must be 1 or more, 'due_soon_days' 0 or more")
    needed = {"planned", "unplanned"} - {c.code for c in out["review_reasons"]}
    needed |= {"continuation", "progress_to_reassessment"} - {
        c.code for c in out["review_outcomes"]
    }
    if needed:
        raise RulePackError(f"{where}: the review lists need the codes {', '.join(sorted(needed))}")
    return out


def codes(pack: Pack, where: str) -> Codes:
    """Code lists; a list marked council_configured is Clearpath's or the council's, not CLD's."""
    tables = need(pack.data, "lists", where, Mapping)
    for name in CODE_LISTS:
        need(tables, name, f"{where} [lists]", Mapping)
    lists = {n: _choices(t, "items", f"{where} [lists.{n}]") for n, t in tables.items()}
    council = frozenset(
        n
        for n, t in tables.items()
        if need(
            {"council_configured": False, **t}, "council_configured", f"{where} [lists.{n}]", bool
        )
    )
    return Codes(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        lists=MappingProxyType(lists),
        council_configured=council,
        **{name: lists[name] for name in CODE_LISTS},
    )


BUILDERS: dict[str, Callable[[Pack, str], Any]] = {
    "question_set": question_set,
    "ras_model": ras_model,
    "delegation_policy": delegation_policy,
    "review_policy": review_policy,
    "codes": codes,
    **CARER_BUILDERS,
    **CLD_BUILDERS,
    **PA_BUILDERS,
    **MONEY_BUILDERS,
}
