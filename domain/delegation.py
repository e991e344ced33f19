"""Who may decide a support plan, and why: trust by default, panels by exception.

The limits and triggers come from the council's delegation policy rule pack; each staff member's
weekly limit is set on their account. Field evidence: Essex let trained practitioners sign off most
plans; panels met only for named exceptions (Community Care / TLAP, 2013).
"""

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from domain.money import format_money

PRACTITIONER, MANAGER, PANEL = "practitioner", "manager", "panel"


@dataclass(frozen=True)
class Route:
    route: str
    reasons: tuple[str, ...]
    triggers: tuple[str, ...]
    policy_ref: str


def panel_triggers(
    *,
    policy,
    primary_support_reason: str,
    age: int,
    has_dementia: bool,
    in_transition: bool,
    outside_ras: bool,
) -> tuple[str, ...]:
    """The policy's named exceptions that apply to this person and plan."""
    found = []
    if primary_support_reason == policy.mental_health_psr:
        found.append("mental_health")
    if in_transition:
        found.append("transition")
    if has_dementia and age < policy.early_onset_age:
        found.append("early_onset_dementia")
    if outside_ras:
        found.append("outside_ras")
    return tuple(t for t in found if t in policy.panel_triggers)


def _percent_above(plan: Decimal, indicative: Decimal) -> Decimal:
    if indicative <= 0:
        return Decimal(100) if plan > 0 else Decimal(0)
    return ((plan - indicative) / indicative * 100).quantize(Decimal(1))


def _against_indicative(plan: Decimal, indicative: Decimal, tolerance: Decimal) -> str:
    pct = _percent_above(plan, indicative)
    allowed = (tolerance * 100).quantize(Decimal(1))
    if pct <= 0:
        return f"it is within the indicative budget of {format_money(indicative)}"
    inside = "inside" if pct <= allowed else "more than"
    return f"{pct}% above the indicative budget of {format_money(indicative)}, {inside} the {allowed}% tolerance"


def route_plan(
    *,
    policy,
    plan_weekly: Decimal,
    indicative_weekly: Decimal,
    practitioner_limit_weekly: Decimal,
    manager_limit_weekly: Decimal,
    triggers: Collection[str],
) -> Route:
    """Panel for named exceptions; otherwise the practitioner within their limit and the tolerance;
    otherwise a team manager within theirs; otherwise the panel (above the top limit)."""
    plan, indicative = Decimal(plan_weekly), Decimal(indicative_weekly)
    tolerance = policy.tolerance_above_indicative
    if triggers:
        reasons = tuple(
            f"{policy.panel_triggers[t]}: the policy sends this to the panel." for t in triggers
        )
        return Route(PANEL, reasons, tuple(triggers), policy.ref)
    cost = f"{format_money(plan)} a week"
    within_tolerance = plan <= indicative * (1 + tolerance)
    against = _against_indicative(plan, indicative, tolerance)
    if plan <= practitioner_limit_weekly and within_tolerance:
        return Route(
            PRACTITIONER,
            (
                f"{cost} is within your {format_money(practitioner_limit_weekly)} limit and {against}.",
            ),
            (),
            policy.ref,
        )
    why_not = (
        f"{cost} is above the practitioner's {format_money(practitioner_limit_weekly)} limit."
        if plan > practitioner_limit_weekly
        else f"{cost} is {against}."
    )
    if plan <= manager_limit_weekly:
        return Route(
            MANAGER,
            (why_not, f"It is within a team manager's {format_money(manager_limit_weekly)} limit."),
            (),
            policy.ref,
        )
    top = policy.panel_triggers.get("above_top_limit", "Above the top limit")
    return Route(
        PANEL,
        (
            why_not,
            f"{top}: {cost} is above the team manager's {format_money(manager_limit_weekly)} limit.",
        ),
        ("above_top_limit",),
        policy.ref,
    )
