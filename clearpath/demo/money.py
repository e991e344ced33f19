"""Demo money: a direct payment agreement for each demo direct payment (one in six without bank
details, so the payment run has someone to skip). Called by people.demo.load_demo_council."""

from clearpath.journey.budgets.models import PersonalBudget
from clearpath.money.finance.models import DirectPaymentAgreement
from clearpath.money.finance.services import set_up_agreement


def add_demo_money(*, by) -> int:
    budgets = (
        PersonalBudget.objects.filter(
            deployment=PersonalBudget.Deployment.DIRECT_PAYMENT, payment_schedule__isnull=False
        )
        .exclude(pk__in=DirectPaymentAgreement.objects.values("personal_budget_id"))
        .select_related("person")
        .order_by("id")
    )
    made = 0
    for i, budget in enumerate(budgets):
        bank = i % 6 != 5
        name = budget.person.full_name.upper()[:18]
        set_up_agreement(
            personal_budget=budget,
            by=by,
            account_name=f"{name} DP" if bank else "",
            sort_code=f"30{(budget.pk * 7919) % 10000:04d}" if bank else "",
            account_number=f"{(budget.pk * 104729) % 100000000:08d}" if bank else "",
        )
        made += 1
    return made
