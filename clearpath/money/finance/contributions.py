"""Contributions: from a financial assessment, or entered from the council's own."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from clearpath.errors import InvalidInput
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.money.finance.models import ZERO
from clearpath.money.finance.revisions import revise_budget
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.money import PENNY, format_money, to_money


@transaction.atomic
def record_contribution(
    *,
    personal_budget,
    by,
    source: str,
    effective_on: date,
    weekly_contribution=None,
    capital=None,
    weekly_income=None,
    mig_band: str = "",
    mig_amount=None,
    dre=None,
    **_ignored,
):
    """The person's weekly contribution, worked out from a financial assessment (charging rule
    pack) or entered from the council's own; the budget's net amount and future payments follow
    from `effective_on` (net = gross − contribution)."""
    from clearpath.money.finance.models import FinancialAssessment
    from domain.charging import ChargingError
    from domain.charging import weekly_contribution as work_out

    budget = (
        PersonalBudget.objects.select_for_update()
        .select_related("person")
        .get(pk=personal_budget.pk)
    )
    if not isinstance(effective_on, date):
        raise InvalidInput([("effective_on", "Enter the date the contribution starts")])
    if source == "entered":
        if weekly_contribution is None:
            raise InvalidInput(
                [
                    (
                        "weekly_contribution",
                        "Enter the weekly contribution from the council's assessment",
                    )
                ]
            )
        amount = to_money(weekly_contribution)
        if amount < 0 or amount != Decimal(str(weekly_contribution)).quantize(PENNY):
            raise InvalidInput([("weekly_contribution", "Enter pounds and pence, like 25.50")])
        amount = min(amount, budget.weekly_gross)
        rule_ref, inputs = "", {"weekly_contribution": str(amount)}
        explanation = [
            f"The council's financial assessment says you pay {format_money(amount)} a week "
            "towards your care.",
        ]
    elif source == "calculated":
        missing = [
            (name, label)
            for name, value, label in (
                ("capital", capital, "Enter savings and other capital (0 if none)"),
                ("weekly_income", weekly_income, "Enter the weekly income that counts"),
                ("mig_band", mig_band, "Choose the Minimum Income Guarantee band"),
            )
            if value in (None, "")
        ]
        if missing:
            raise InvalidInput(missing)
        rules = rulepacks.charging()
        try:
            result = work_out(
                rules=rules,
                weekly_gross=budget.weekly_gross,
                capital=Decimal(capital),
                weekly_income=Decimal(weekly_income),
                mig_band=mig_band,
                mig_amount=None if mig_amount is None else Decimal(mig_amount),
                dre=Decimal(dre or 0),
            )
        except ChargingError as e:
            raise InvalidInput([(e.field, str(e))]) from None
        amount, rule_ref, explanation = (
            result.weekly_contribution,
            rules.ref,
            list(result.explanation),
        )
        inputs = {
            "capital": str(capital),
            "weekly_income": str(weekly_income),
            "mig_band": mig_band,
            "mig": str(result.mig),
            "dre": str(dre or 0),
            "tariff_income": str(result.tariff_income),
        }
    else:
        raise InvalidInput([("source", "Choose how the contribution is worked out")])
    net = max(budget.weekly_gross - amount, ZERO)
    explanation.append(
        f"Your personal budget is {format_money(budget.weekly_gross)} a week. Take away your "
        f"contribution and the council pays {format_money(net)} a week."
    )
    fa = FinancialAssessment.objects.create(
        person=budget.person,
        personal_budget=budget,
        source=source,
        rule_ref=rule_ref,
        inputs=inputs,
        weekly_contribution=amount,
        explanation=explanation,
        effective_on=effective_on,
        created_by=by,
    )
    revise_budget(
        personal_budget=budget,
        by=by,
        effective_on=effective_on,
        reason=f"Contribution of {format_money(amount)} a week",
        weekly_contribution=amount,
    )
    record_event(
        actor=by,
        action="contribution.recorded",
        obj=fa,
        person=budget.person,
        summary=f"Weekly contribution of {format_money(amount)} from {effective_on:%-d %B %Y}",
        changes={"source": source, "weekly_contribution": amount, "rules": rule_ref},
    )
    return fa
