"""The review policy (kind `review_policy`): when reviews fall due and how often money is paid.

Review intervals (guidance ch.13; Direct Payments Regs 2014 reg 7) and the payment cycle; from
version 2 also light-touch reviews, the events that trigger an unplanned review, and the review
code lists. Registered in BUILDERS; used by domain/reviews.py.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from domain.rulepacks.fields import _choices, _unique, need
from domain.rulepacks.types import Pack, ReviewPolicy, ReviewTrigger, RulePackError


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


REVIEW_BUILDERS = {"review_policy": review_policy}
