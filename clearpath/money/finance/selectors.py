"""Read-only figures for pages: a person's money per plan line, agreements with balances."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from clearpath.journey.budgets.models import PersonalBudget
from clearpath.money.finance.models import DirectPaymentAgreement
from clearpath.money.ledger.models import LedgerLine
from domain.ledger import Account, Kind, apportion
from domain.money import to_money

ZERO = Decimal("0.00")
YEAR_DAYS = 364  # a budget year is 52 weeks (domain.money.WEEKS_PER_YEAR)


def balance_subquery():
    """The direct payment account balance of each agreement, for annotating lists."""
    rows = (
        LedgerLine.objects.filter(
            personal_budget_id=OuterRef("personal_budget_id"), account=Account.DP_ACCOUNT
        )
        .values("personal_budget_id")
        .annotate(t=Sum("amount"))
        .values("t")
    )
    return Coalesce(
        Subquery(rows, output_field=DecimalField(max_digits=14, decimal_places=2)),
        Value(ZERO),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def person_money(person, *, today: date) -> dict | None:
    """Allocated, paid in, spent, balance and the projected year-end position per plan line."""
    budget = (
        PersonalBudget.objects.filter(person=person, status=PersonalBudget.Status.ACTIVE)
        .select_related("plan")
        .order_by("-starts_on", "-id")
        .first()
    )
    if budget is None:
        return None
    agreement = DirectPaymentAgreement.objects.filter(personal_budget=budget).first()
    latest = list(budget.deployments.order_by("-set_number", "id"))
    shares = [d for d in latest if d.set_number == latest[0].set_number] if latest else []
    plan_lines = list(budget.plan.lines.order_by("position", "id"))
    sums = defaultdict(Decimal)
    rows = (
        LedgerLine.objects.filter(personal_budget=budget)
        .values("account", "plan_line_id", "entry__kind")
        .annotate(t=Sum("amount"))
        .order_by()
    )
    for r in rows:
        sums[(r["account"], r["plan_line_id"], r["entry__kind"])] += to_money(r["t"] or 0)

    def get(account, line, kind=None):
        return sum(
            (
                v
                for (a, pl, k), v in sums.items()
                if a == account and pl == line and kind in (None, k)
            ),
            ZERO,
        )

    paid_total = sum(
        (v for (a, _, k), v in sums.items() if a == Account.DP_ACCOUNT and k == Kind.PAYMENT), ZERO
    )
    contributions = sum(
        (v for (a, _, k), v in sums.items() if a == Account.DP_ACCOUNT and k == Kind.CONTRIBUTION),
        ZERO,
    )
    weights = [pl.weekly_cost for pl in plan_lines]
    paid_split = apportion(paid_total + contributions, weights) if plan_lines else []
    elapsed = max((today - budget.starts_on).days + 1, 28)
    out = []
    for pl, paid in zip(plan_lines, paid_split, strict=True):
        allocated = to_money(pl.weekly_cost * 52)
        spent = get(Account.SPENT, pl.pk)
        projected = to_money(spent * YEAR_DAYS / elapsed)
        out.append(
            {
                "description": pl.description,
                "allocated": allocated,
                "paid_in": paid,
                "spent": spent,
                "balance": paid - spent,
                "projected_spend": projected,
                "year_end": allocated - projected,
            }
        )
    unplanned = get(Account.SPENT, None)
    unplanned_projected = to_money(unplanned * YEAR_DAYS / elapsed)
    allocated_total = sum((r["allocated"] for r in out), ZERO)
    spent_total = sum((r["spent"] for r in out), ZERO) + unplanned
    projected_total = to_money(spent_total * YEAR_DAYS / elapsed)
    scale = max(
        [allocated_total]
        + [r["allocated"] for r in out]
        + [r["paid_in"] for r in out]
        + [r["spent"] for r in out]
    ) or Decimal(1)
    for r in out:
        for key in ("allocated", "paid_in", "spent"):
            r[f"{key}_pct"] = int(max(r[key], ZERO) * 100 / scale) if scale else 0
    balance = sum((v for (a, _, _k), v in sums.items() if a == Account.DP_ACCOUNT), ZERO)
    return {
        "budget": budget,
        "agreement": agreement,
        "shares": shares,
        "lines": out,
        "unplanned": unplanned,
        "unplanned_year_end": -unplanned_projected,
        "totals": {
            "allocated": allocated_total,
            "paid_in": paid_total + contributions,
            "spent": spent_total,
            "balance": balance,
            "year_end": allocated_total - projected_total,
        },
        "contributions": contributions,
        "weekly_contribution": budget.weekly_contribution,
    }


def money_context(person, *, today: date | None = None) -> dict:
    """For the person's page: their money per plan line (None when they have no budget)."""
    from django.utils import timezone

    return {"money": person_money(person, today=today or timezone.localdate())}
