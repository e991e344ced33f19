"""Who may decide a support plan, and why: trust by default, panels by exception.

The tolerance and the panel triggers come from the council's delegation policy rule pack (council
policy: no law sets them); each staff member's weekly limit is set on their account. Field
evidence: in Essex trained practitioners signed off most plans, other than complex cases
(Community Care / TLAP, 2013).
"""

from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal

from domain.money import format_money, to_money
from domain.rulepacks import DelegationPolicy

PRACTITIONER, MANAGER, PANEL = "practitioner", "manager", "panel"
ABOVE_TOP_LIMIT = "above_top_limit"


@dataclass(frozen=True)
class Route:
    """Who decides a plan ("practitioner", "manager" or "panel"), with the reasons in words."""

    route: str
    reasons: tuple[str, ...]
    triggers: tuple[str, ...]
    policy_ref: str


def panel_triggers(
    *,
    policy: DelegationPolicy,
    primary_support_reason: str,
    age: int,
    has_dementia: bool,
    in_transition: bool,
    outside_ras: bool,
) -> tuple[str, ...]:
    """The council's named exceptions (delegation policy, council-configured) that apply to this
    person and plan. A trigger the council has left out of its policy never applies."""
    found = {
        "mental_health": primary_support_reason == policy.mental_health_psr,
        "transition": in_transition,
        "early_onset_dementia": has_dementia and age < policy.early_onset_age,
        "outside_ras": outside_ras,
    }
    return tuple(code for code in policy.panel_triggers if found.get(code))


def _percent(value: Decimal, rounding: str = ROUND_HALF_UP) -> str:
    """4, 12.5: a percentage to at most one decimal place."""
    text = f"{value.quantize(Decimal('0.1'), rounding=rounding):f}"
    return text.removesuffix(".0")


def _against_indicative(plan: Decimal, indicative: Decimal, tolerance: Decimal) -> tuple[bool, str]:
    """Delegation policy: a practitioner may agree up to the tolerance above the indicative budget.
    Returns whether the plan is inside the tolerance, and that comparison in words."""
    inside = plan <= indicative * (1 + tolerance)
    budget, allowed = (
        f"the indicative budget of {format_money(indicative)}",
        _percent(tolerance * 100),
    )
    if plan <= indicative:
        return inside, f"within {budget}"
    if indicative <= 0:
        return inside, f"above {budget}, so it cannot be inside the {allowed}% tolerance"
    above = (plan - indicative) / indicative * 100
    shown = _percent(above)
    if not inside and shown == allowed:  # never say "10% above, more than the 10% tolerance"
        shown = _percent(above, ROUND_UP)
    where = "inside" if inside else "more than"
    return inside, f"{shown}% above {budget}, {where} the {allowed}% tolerance"


def _panel_for_triggers(policy: DelegationPolicy, triggers: tuple[str, ...]) -> Route:
    reasons = tuple(f"{policy.wording(t)}, so a panel decides this plan." for t in triggers)
    return Route(PANEL, reasons, triggers, policy.ref)


def route_plan(
    *,
    policy: DelegationPolicy,
    plan_weekly: Decimal,
    indicative_weekly: Decimal,
    practitioner_limit_weekly: Decimal,
    manager_limit_weekly: Decimal,
    triggers: Collection[str],
) -> Route:
    """Council delegation policy: a panel for a named exception; otherwise the practitioner, within
    their own limit and the tolerance above the indicative budget; otherwise a team manager within
    theirs; otherwise a panel (above the top limit)."""
    named = tuple(dict.fromkeys(triggers))
    for trigger in named:
        policy.wording(trigger)  # ValueError for a trigger the policy does not have
    if named:
        return _panel_for_triggers(policy, named)
    plan, own, top = (
        to_money(v) for v in (plan_weekly, practitioner_limit_weekly, manager_limit_weekly)
    )
    cost = f"{format_money(plan)} a week"
    inside, against = _against_indicative(
        plan, to_money(indicative_weekly), policy.tolerance_above_indicative
    )
    if plan <= own and inside:
        reason = f"{cost} is within your {format_money(own)} limit and {against}."
        return Route(PRACTITIONER, (reason,), (), policy.ref)
    why_not = _why_not_practitioner(cost, plan, own, inside, against)
    if plan <= top:
        decides = f"It is within a team manager's {format_money(top)} limit, so they decide."
        return Route(MANAGER, (*why_not, decides), (), policy.ref)
    above = f"{policy.wording(ABOVE_TOP_LIMIT)}: {cost} is above the {format_money(top)} limit."
    return Route(PANEL, (*why_not, above), (ABOVE_TOP_LIMIT,), policy.ref)


def _why_not_practitioner(
    cost: str, plan: Decimal, own: Decimal, inside: bool, against: str
) -> tuple[str, ...]:
    """Why the practitioner cannot decide alone: their limit, the tolerance, or both."""
    reasons = []
    if own <= 0:
        reasons.append("The practitioner has no limit for approving plans.")
    elif plan > own:
        reasons.append(f"{cost} is above the practitioner's {format_money(own)} limit.")
    if not inside:
        reasons.append(f"{cost} is {against}.")
    return tuple(reasons)
