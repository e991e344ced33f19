"""Who may decide a support plan, and why: trust by default, panels by exception.

The tolerance and the panel triggers come from the council's delegation policy rule pack (council
policy: no law sets them); each staff member's weekly limit is set on their account. Field
evidence: in Essex trained practitioners signed off most plans, other than complex cases
(Community Care / TLAP, 2013).
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal

from domain.money import annual_from_weekly, format_money, to_money
from domain.rulepacks import DelegationPolicy

PRACTITIONER, MANAGER, PANEL = "practitioner", "manager", "panel"
ABOVE_TOP_LIMIT = "above_top_limit"
REQUESTED = {PRACTITIONER: "requested_by_practitioner", MANAGER: "requested_by_manager"}
ROLE_OF_ROUTE = {PRACTITIONER: "practitioner", MANAGER: "team_manager"}


def effective_limits(
    policy: DelegationPolicy, route: str, account_weekly: Decimal
) -> tuple[Decimal, Decimal | None]:
    """A member of staff's weekly and yearly limits: their role's limits in the policy, lowered
    by the limit on their own account (never raised). A version 1 policy has no role limits, so
    the account's weekly limit stands alone and there is no yearly limit."""
    own = to_money(account_weekly or 0)
    role = policy.limit_for(ROLE_OF_ROUTE.get(route, ""))
    if role is None:
        return own, None
    return min(own, role.weekly), role.annual


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
    requested_by: str | None = None,
) -> tuple[str, ...]:
    """The council's named exceptions (delegation policy, council-configured) that apply to this
    person and plan. A trigger the council has left out of its policy never applies.
    `requested_by` ("practitioner" or "manager") is someone asking for the panel to decide."""
    found = {
        "mental_health": primary_support_reason == policy.mental_health_psr,
        "transition": in_transition,
        "early_onset_dementia": has_dementia and age < policy.early_onset_age,
        "outside_ras": outside_ras,
        REQUESTED[PRACTITIONER]: requested_by == PRACTITIONER,
        REQUESTED[MANAGER]: requested_by == MANAGER,
        **{
            code: primary_support_reason == reason
            for code, reason in policy.trigger_on_support_reason.items()
        },
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
    practitioner_limit_annual: Decimal | None = None,
    manager_limit_annual: Decimal | None = None,
) -> Route:
    """Council delegation policy: a panel for a named exception; otherwise the practitioner, within
    their own limits and the tolerance above the indicative budget; otherwise a team manager within
    theirs; otherwise a panel (above the top limit). Yearly limits (None: not set) are checked
    against the plan's cost over a 52-week year."""
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
    yearly = annual_from_weekly(plan)
    a_year = f"{format_money(yearly)} a year"
    own_year_ok = practitioner_limit_annual is None or yearly <= practitioner_limit_annual
    top_year_ok = manager_limit_annual is None or yearly <= manager_limit_annual
    if plan <= own and inside and own_year_ok:
        reason = f"{cost} is within your {format_money(own)} limit and {against}."
        extra = (
            ()
            if practitioner_limit_annual is None
            else (
                f"{a_year} is within your {format_money(practitioner_limit_annual)} yearly limit.",
            )
        )
        return Route(PRACTITIONER, (reason, *extra), (), policy.ref)
    why_not = _why_not_practitioner(cost, plan, own, inside, against)
    if not own_year_ok:
        why_not += (
            f"{a_year} is above the practitioner's "
            f"{format_money(practitioner_limit_annual)} yearly limit.",
        )
    if plan <= top and top_year_ok:
        limits = (
            f"{format_money(top)} limit"
            if manager_limit_annual is None
            else f"{format_money(top)} weekly and {format_money(manager_limit_annual)} yearly limits"
        )
        decides = f"It is within a team manager's {limits}, so they decide."
        return Route(MANAGER, (*why_not, decides), (), policy.ref)
    if plan > top:
        above = f"{policy.wording(ABOVE_TOP_LIMIT)}: {cost} is above the {format_money(top)} limit."
    else:
        above = (
            f"{policy.wording(ABOVE_TOP_LIMIT)}: {a_year} is above the "
            f"{format_money(manager_limit_annual)} yearly limit."
        )
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


def due_by(policy: DelegationPolicy, route: str, submitted_on: date) -> date | None:
    """The day a decision on this route should be made by (None: the policy sets no time limit)."""
    days = policy.decide_within_days.get(route)
    return None if days is None else submitted_on + timedelta(days=days)


def changes_needing_a_new_decision(
    *,
    policy: DelegationPolicy,
    old_weekly: Decimal,
    new_weekly: Decimal,
    old_triggers: Collection[str],
    new_triggers: Collection[str],
    old_deployment: str,
    new_deployment: str,
    last_deciders_limit_weekly: Decimal | None,
) -> tuple[str, ...]:
    """What changed at a review that the council's policy says needs a new decision, in words;
    empty when the reviewer may agree the change themselves."""
    old, new = to_money(old_weekly), to_money(new_weekly)
    found = {
        "any_cost_increase": new > old,
        "cost_up_beyond_tolerance": new > old * (1 + policy.tolerance_above_indicative),
        "cost_above_last_deciders_limit": last_deciders_limit_weekly is not None
        and new > to_money(last_deciders_limit_weekly),
        "new_panel_trigger": bool(set(new_triggers) - set(old_triggers)),
        "deployment_changed": old_deployment != new_deployment,
    }
    tolerance = _percent(policy.tolerance_above_indicative * 100)
    words = {
        "any_cost_increase": f"The cost goes up from {format_money(old)} to {format_money(new)} a week.",
        "cost_up_beyond_tolerance": (
            f"The cost goes up from {format_money(old)} to {format_money(new)} a week, "
            f"more than the {tolerance}% tolerance."
        ),
        "cost_above_last_deciders_limit": (
            f"{format_money(new)} a week is above the limit of whoever decided the plan"
            + (
                f" ({format_money(last_deciders_limit_weekly)})."
                if last_deciders_limit_weekly is not None
                else "."
            )
        ),
        "new_panel_trigger": "A panel trigger now applies that did not before.",
        "deployment_changed": "The way the budget is managed has changed.",
    }
    return tuple(words[c] for c in policy.new_decision_at_review if found[c])
