"""Yearly uplifts: a percentage or a new hourly rate applied to every active budget, previewed
first, then applied as a revision of each budget (revisions.py)."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clearpath.errors import InvalidInput
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.money.finance.models import ZERO, BudgetUplift
from clearpath.money.finance.revisions import revise_budget
from clearpath.platform.audit.services import record_event
from domain.money import PENNY, format_money, to_money


def _check_percent(percent) -> Decimal:
    try:
        value = Decimal(str(percent).strip().rstrip("%"))
    except Exception:  # noqa: BLE001
        raise InvalidInput([("percent", "Enter the uplift as a percentage, like 3.5")]) from None
    if not value.is_finite() or value != value.quantize(PENNY) or not Decimal("-50") < value <= 50:
        raise InvalidInput([("percent", "Enter a percentage between -50 and 50, like 3.5")])
    return value


def _check_rate(value, field: str) -> Decimal:
    try:
        rate = Decimal(str(value).strip().replace("£", ""))
    except Exception:  # noqa: BLE001
        rate = None
    if rate is None or not rate.is_finite() or rate <= 0 or rate != rate.quantize(PENNY):
        raise InvalidInput([(field, "Enter a rate in pounds and pence, like 16.20")])
    return rate


def _uplift_rule(percent, old_rate, new_rate) -> dict:
    """A percentage for every budget, or a new unit rate (say a PA hourly rate) replacing an old
    one on every plan line that uses it."""
    if str(old_rate or "").strip() or str(new_rate or "").strip():
        return {
            "percent": None,
            "old_rate": _check_rate(old_rate, "old_rate"),
            "new_rate": _check_rate(new_rate, "new_rate"),
        }
    return {"percent": _check_percent(percent), "old_rate": None, "new_rate": None}


def _uplifted_gross(budget, rule) -> Decimal:
    from domain.money import weekly_cost

    if rule["percent"] is not None:
        return to_money(budget.weekly_gross * (1 + rule["percent"] / 100))
    change = ZERO
    for line in budget.plan.lines.all():
        if line.unit_cost == rule["old_rate"]:
            new = weekly_cost(
                unit_cost=rule["new_rate"], quantity=line.quantity, frequency=line.frequency
            )
            change += new - line.weekly_cost
    return max(budget.weekly_gross + change, ZERO)


def _active_budgets():
    return (
        PersonalBudget.objects.filter(status=PersonalBudget.Status.ACTIVE)
        .select_related("person", "plan")
        .prefetch_related("plan__lines")
        .order_by("person__last_name", "id")
    )


def _uplift_words(rule) -> str:
    if rule["percent"] is not None:
        return f"{rule['percent']}%"
    return f"unit rate {format_money(rule['old_rate'])} to {format_money(rule['new_rate'])}"


def uplift_preview(
    *, effective_on: date, percent=None, old_rate=None, new_rate=None, limit: int = 100
) -> dict:
    """What an uplift would do, without doing it: each active budget now and after."""
    rule = _uplift_rule(percent, old_rate, new_rate)
    rows, count, now, after, changed = [], 0, ZERO, ZERO, 0
    for b in _active_budgets().iterator(chunk_size=2000):
        gross = _uplifted_gross(b, rule)
        count, now, after = count + 1, now + b.weekly_gross, after + gross
        changed += gross != b.weekly_gross
        if len(rows) < limit and gross != b.weekly_gross:
            net = max(gross - b.weekly_contribution, ZERO)
            rows.append(
                {
                    "budget": b,
                    "old_net": b.weekly_net,
                    "new_gross": gross,
                    "new_net": net,
                    "difference": net - b.weekly_net,
                }
            )
    return {
        **rule,
        "words": _uplift_words(rule),
        "effective_on": effective_on,
        "count": count,
        "changed": changed,
        "rows": rows,
        "weekly_gross_now": now,
        "weekly_gross_after": after,
    }


@transaction.atomic
def apply_uplift(
    *, effective_on: date, reason: str, by, percent=None, old_rate=None, new_rate=None
) -> BudgetUplift:
    """Re-price every active budget from `effective_on`: a new version of each one it changes."""
    rule = _uplift_rule(percent, old_rate, new_rate)
    if not reason.strip():
        raise InvalidInput([("reason", "Say why (for example, the 2027/28 provider fee uplift)")])
    uplift = BudgetUplift.objects.create(
        percent=rule["percent"],
        old_rate=rule["old_rate"],
        new_rate=rule["new_rate"],
        effective_on=effective_on,
        reason=reason.strip()[:300],
        created_by=by,
    )
    words = _uplift_words(rule)
    for b in _active_budgets().order_by("id"):
        gross = _uplifted_gross(b, rule)
        if gross == b.weekly_gross:
            continue
        revise_budget(
            personal_budget=b,
            by=by,
            effective_on=effective_on,
            reason=f"Uplift ({words}): {uplift.reason}",
            weekly_gross=gross,
            uplift=uplift,
        )
    uplift.status, uplift.applied_at = BudgetUplift.Status.APPLIED, timezone.now()
    uplift.save(update_fields=["status", "applied_at"])
    record_event(
        actor=by,
        action="budget_uplift.applied",
        obj=uplift,
        summary=f"Uplift ({words}) applied to active budgets from {effective_on:%-d %B %Y}",
        changes={**rule, "reason": uplift.reason},
    )
    return uplift
