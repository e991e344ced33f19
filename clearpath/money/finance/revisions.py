"""Budget changes: revisions from a date and deployment shares (uplifts are in uplifts.py)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from clearpath.errors import InvalidInput
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.money.finance.agreements import commitment_parts
from clearpath.money.finance.models import (
    ZERO,
    BudgetRevision,
    PaymentChange,
)
from clearpath.money.ledger.services import entry_for, post
from clearpath.money.payments.models import PaymentSchedule, ScheduledPayment
from clearpath.platform.audit.services import record_event
from domain import ledger as ledger_rules
from domain.money import PENNY, format_money, to_money


def _period_amount(weekly: Decimal, every_days: int) -> Decimal:
    return to_money(weekly * Decimal(every_days) / Decimal(7))


def revise_budget(
    *,
    personal_budget,
    by,
    effective_on: date,
    reason: str,
    weekly_gross: Decimal | None = None,
    weekly_contribution: Decimal | None = None,
    uplift=None,
) -> BudgetRevision:
    """A new version of the budget's amounts from `effective_on` (call inside a transaction).

    Future payments are re-priced; a payment already made for a period that runs past the date
    is corrected on the next payment, pro rata by days. Each change is kept to show the
    difference, and the ledger commitment follows (a commitment up, or a release down)."""
    budget = (
        PersonalBudget.objects.select_for_update()
        .select_related("person")
        .get(pk=personal_budget.pk)
    )
    gross = budget.weekly_gross if weekly_gross is None else to_money(weekly_gross)
    contribution = (
        budget.weekly_contribution if weekly_contribution is None else to_money(weekly_contribution)
    )
    if gross < 0 or contribution < 0:
        raise InvalidInput([("weekly_gross", "Amounts must be £0 or more")])
    net = max(gross - contribution, ZERO)
    old_net = budget.weekly_net
    number = (
        budget.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    revision = BudgetRevision.objects.create(
        personal_budget=budget,
        number=number,
        weekly_gross=gross,
        weekly_contribution=contribution,
        weekly_net=net,
        previous_weekly_net=old_net,
        effective_on=effective_on,
        reason=reason[:300],
        uplift=uplift,
        created_by=by,
    )
    PersonalBudget.objects.filter(pk=budget.pk).update(
        weekly_gross=gross,
        annual_gross=to_money(gross * 52),
        weekly_contribution=contribution,
        weekly_net=net,
        row_version=budget.row_version + 1,
    )
    old_paid = paid_weekly(budget)
    new_paid = max(old_paid + (net - old_net), ZERO)
    if new_paid != old_paid and budget.deployments.exists():
        _new_deployment_set(
            budget, by, effective_on, {**current_shares(budget), "direct_payment": new_paid}
        )
    difference = _reprice(
        budget=budget,
        by=by,
        revision=revision,
        old_weekly=old_paid,
        new_weekly=new_paid,
        effective_on=effective_on,
        reason=reason,
    )
    record_event(
        actor=by,
        action="personal_budget.revised",
        obj=revision,
        person=budget.person,
        summary=(
            f"Budget version {number + 1}: {format_money(net)} a week from "
            f"{effective_on:%-d %B %Y} (was {format_money(old_net)}); future payments change by "
            f"{format_money(difference)}"
        ),
        changes={"weekly_net": net, "previous": old_net, "difference": difference},
    )
    return revision


def current_shares(budget) -> dict:
    """The deployment mix in use: kind -> weekly amount (empty when it is all one kind)."""
    latest = budget.deployments.order_by("-set_number").values_list("set_number", flat=True).first()
    if latest is None:
        return {}
    return {d.kind: d.weekly_amount for d in budget.deployments.filter(set_number=latest)}


def paid_weekly(budget) -> Decimal:
    """What the direct payment pays a week: the direct payment share of a mix, else the net."""
    shares = current_shares(budget)
    if shares:
        return shares.get("direct_payment", ZERO)
    return budget.weekly_net


def _new_deployment_set(budget, by, effective_on, shares: dict, providers: dict | None = None):
    from clearpath.money.finance.models import Deployment

    number = (
        budget.deployments.order_by("-set_number").values_list("set_number", flat=True).first() or 0
    ) + 1
    Deployment.objects.bulk_create(
        [
            Deployment(
                personal_budget=budget,
                kind=kind,
                weekly_amount=amount,
                provider=(providers or {}).get(kind, ""),
                set_number=number,
                effective_on=effective_on,
                created_by=by,
            )
            for kind, amount in shares.items()
            if amount > 0
        ]
    )


def _reprice(*, budget, by, revision, old_weekly, new_weekly, effective_on, reason) -> Decimal:
    """Re-price the direct payments due from `effective_on` at `new_weekly`; a payment already
    made for a period running past the date is corrected on the next payment, pro rata by days.
    Each change is kept (the difference is shown) and the ledger commitment follows."""
    schedule = PaymentSchedule.objects.filter(personal_budget=budget).first()
    difference = ZERO
    if not schedule or new_weekly == old_weekly:
        return difference
    every = schedule.every_days
    new_amount = _period_amount(new_weekly, every)
    future = list(
        schedule.payments.select_for_update()
        .filter(status=ScheduledPayment.Status.SCHEDULED, due_on__gte=effective_on)
        .order_by("due_on")
    )
    straddling = (
        schedule.payments.filter(
            status=ScheduledPayment.Status.PAID,
            due_on__lt=effective_on,
            due_on__gt=effective_on - timedelta(days=every),
        )
        .order_by("-due_on")
        .first()
    )
    catch_up = ZERO
    if straddling:
        days = (straddling.due_on + timedelta(days=every) - effective_on).days
        catch_up = to_money((new_weekly - old_weekly) * Decimal(days) / Decimal(7))
    changes = []
    for i, p in enumerate(future):
        amount = new_amount + (catch_up if i == 0 else ZERO)
        note = f"New weekly amount from {effective_on:%-d %B %Y}"
        if i == 0 and catch_up:
            note += f", with {format_money(catch_up)} for the days already paid at the old amount"
        amount = max(amount, ZERO)
        changes.append(
            PaymentChange(
                revision=revision, payment=p, old_amount=p.amount, new_amount=amount, note=note
            )
        )
        difference += amount - p.amount
        p.amount = amount
    ScheduledPayment.objects.bulk_update(future, ["amount"])
    PaymentChange.objects.bulk_create(changes)
    PaymentSchedule.objects.filter(pk=schedule.pk).update(amount_per_period=new_amount)
    if difference:
        post(
            entry_for(
                budget,
                kind=ledger_rules.Kind.COMMITMENT if difference > 0 else ledger_rules.Kind.RELEASE,
                key=f"revise-pb{budget.pk}-r{revision.number}",
                effective_on=effective_on,
                description=f"Budget revised from {effective_on:%-d %B %Y}: {reason}"[:300],
                parts=commitment_parts(budget, abs(difference)),
            ),
            by=by,
        )
    return difference


@transaction.atomic
def set_deployment(
    *,
    personal_budget,
    by,
    effective_on: date,
    direct_payment,
    council_managed,
    isf,
    isf_provider: str = "",
):
    """How the budget is used: shares for a direct payment, a council-managed account and an
    individual service fund, adding up to what the council pays. The direct payments due from
    `effective_on` are re-priced to the direct payment share (the difference is shown)."""
    budget = (
        PersonalBudget.objects.select_for_update()
        .select_related("person")
        .get(pk=personal_budget.pk)
    )
    errors, shares = [], {}
    for name, value in (
        ("direct_payment", direct_payment),
        ("council_managed", council_managed),
        ("isf", isf),
    ):
        try:
            amount = Decimal(
                str(value if value not in (None, "") else "0").strip().replace("£", "")
            )
            if not amount.is_finite():
                raise ValueError
        except Exception:  # noqa: BLE001
            errors.append((name, "Enter an amount in pounds and pence, like 50.00"))
            continue
        if amount < 0 or amount != amount.quantize(PENNY):
            errors.append((name, "Enter an amount of £0 or more, in pounds and pence"))
            continue
        shares[name] = amount
    if not errors:
        total = sum(shares.values(), ZERO)
        if total != budget.weekly_net:
            errors.append(
                (
                    "direct_payment",
                    f"The shares add up to {format_money(total)} a week: they must add up to the "
                    f"{format_money(budget.weekly_net)} a week the council pays",
                )
            )
        if shares.get("isf") and not isf_provider.strip():
            errors.append(
                ("isf_provider", "Enter the provider who holds the individual service fund")
            )
    if not isinstance(effective_on, date):
        errors.append(("effective_on", "Enter the date the new shares start"))
    if errors:
        raise InvalidInput(errors)
    old_paid = paid_weekly(budget)
    if (
        shares.get("direct_payment", ZERO) > 0
        and budget.deployment != PersonalBudget.Deployment.DIRECT_PAYMENT
    ):
        raise InvalidInput(
            [
                (
                    "direct_payment",
                    "This budget has no direct payment schedule: change the plan's deployment first",
                )
            ]
        )
    _new_deployment_set(budget, by, effective_on, shares, {"isf": isf_provider.strip()[:200]})
    number = (
        budget.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    words = ", ".join(
        f"{format_money(a)} {label}"
        for k, a in shares.items()
        if a
        for label in [
            {
                "direct_payment": "direct payment",
                "council_managed": "council-managed",
                "isf": "ISF",
            }[k]
        ]
    )
    revision = BudgetRevision.objects.create(
        personal_budget=budget,
        number=number,
        weekly_gross=budget.weekly_gross,
        weekly_contribution=budget.weekly_contribution,
        weekly_net=budget.weekly_net,
        previous_weekly_net=budget.weekly_net,
        effective_on=effective_on,
        reason=f"How the budget is used: {words}"[:300],
        created_by=by,
    )
    difference = _reprice(
        budget=budget,
        by=by,
        revision=revision,
        old_weekly=old_paid,
        new_weekly=shares.get("direct_payment", ZERO),
        effective_on=effective_on,
        reason=revision.reason,
    )
    record_event(
        actor=by,
        action="personal_budget.deployment_set",
        obj=revision,
        person=budget.person,
        summary=f"{revision.reason}; direct payments change by {format_money(difference)}",
        changes={k: v for k, v in shares.items()},
    )
    return revision
