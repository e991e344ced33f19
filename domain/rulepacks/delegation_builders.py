"""The council's delegation policy (kind `delegation_policy`): who decides a plan.

When a practitioner, a team manager or a panel decides: the tolerance above the indicative budget,
the panel triggers (the built-in ones and a council's own, set off by a primary support reason),
each limited role's weekly and yearly limits, the days each route has to decide, and which
changes found at a review need a new decision. Registered in BUILDERS; used by
domain/delegation.py.
"""

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from domain.rulepacks.fields import _unique, need
from domain.rulepacks.types import DelegationPolicy, Pack, RoleLimit, RulePackError

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


DELEGATION_BUILDERS = {"delegation_policy": delegation_policy}
