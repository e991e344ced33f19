"""Direct payment agreements: setting up, bank details, accepting online."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from clearpath.errors import InvalidInput, ServiceError
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.money.finance.models import (
    DirectPaymentAgreement,
)
from clearpath.money.ledger.services import entry_for, post
from clearpath.money.payments.models import ScheduledPayment
from clearpath.platform.audit.services import record_event
from domain import ledger as ledger_rules
from domain import rulepacks
from domain.money import format_money


def _plan_weights(personal_budget) -> list[tuple[int, Decimal]]:
    return [(line.pk, line.weekly_cost) for line in personal_budget.plan.lines.all()]


def commitment_parts(personal_budget, total: Decimal) -> tuple:
    """`total` apportioned across the plan's lines by their weekly cost, to the penny."""
    weights = _plan_weights(personal_budget)
    if not weights:
        return ((total, None),)
    amounts = ledger_rules.apportion(total, [w for _, w in weights])
    return tuple((a, pk) for a, (pk, _) in zip(amounts, weights, strict=True) if a > 0)


def _clean_bank(sort_code: str, account_number: str) -> tuple[str, str, list]:
    errors = []
    sort_code = "".join(c for c in (sort_code or "") if c.isdigit())
    account_number = "".join(c for c in (account_number or "") if c.isdigit())
    if sort_code and len(sort_code) != 6:
        errors.append(("sort_code", "Enter a sort code of 6 digits, like 30-94-57"))
    if account_number and not 6 <= len(account_number) <= 8:
        errors.append(("account_number", "Enter an account number of 6 to 8 digits"))
    return sort_code, account_number, errors


@transaction.atomic
def set_up_agreement(
    *,
    personal_budget,
    by,
    recipient: str = "person",
    recipient_name: str = "",
    account_name: str = "",
    sort_code: str = "",
    account_number: str = "",
) -> DirectPaymentAgreement:
    """Offer the direct payment agreement for a budget and commit its scheduled payments in the
    ledger. Bank details may come later; a run skips the agreement (visibly) until they do."""
    budget = (
        PersonalBudget.objects.select_for_update()
        .select_related("person")
        .get(pk=personal_budget.pk)
    )
    if budget.deployment != PersonalBudget.Deployment.DIRECT_PAYMENT:
        raise ServiceError("This budget is not paid as a direct payment.")
    if DirectPaymentAgreement.objects.filter(personal_budget=budget).exists():
        raise ServiceError("This budget already has a direct payment agreement.")
    if recipient not in DirectPaymentAgreement.Recipient.values:
        raise InvalidInput([("recipient", "Choose who receives the direct payment")])
    sort_code, account_number, errors = _clean_bank(sort_code, account_number)
    if errors:
        raise InvalidInput(errors)
    agreement = DirectPaymentAgreement.objects.create(
        personal_budget=budget,
        person=budget.person,
        recipient=recipient,
        recipient_name=(recipient_name or budget.person.full_name).strip()[:200],
        account_name=account_name.strip()[:200],
        sort_code=sort_code,
        account_number=account_number,
        starts_on=budget.starts_on,
        terms=list(agreement_terms(budget)),
    )
    scheduled = ScheduledPayment.objects.filter(
        schedule__personal_budget=budget, status=ScheduledPayment.Status.SCHEDULED
    ).aggregate(total=Sum("amount"))["total"]
    if scheduled:
        post(
            entry_for(
                budget,
                kind=ledger_rules.Kind.COMMITMENT,
                key=f"commit-pb{budget.pk}",
                effective_on=budget.starts_on,
                description=f"Direct payments committed for {budget.person.full_name}",
                parts=commitment_parts(budget, scheduled),
            ),
            by=by,
        )
    record_event(
        actor=by,
        action="dp_agreement.offered",
        obj=agreement,
        person=budget.person,
        summary=f"Direct payment agreement offered to {agreement.recipient_name}",
        changes={"recipient": recipient, "has_bank_details": agreement.has_bank_details},
    )
    return agreement


def agreement_terms(budget) -> tuple[str, ...]:
    """The agreement's terms: the council's template text (money policy pack), filled in."""
    policy = rulepacks.money_policy()
    every = rulepacks.review_policy().payment_every_days
    return tuple(
        term.format(
            weekly=format_money(budget.weekly_net),
            every_days=every,
            contingency_weeks=policy.contingency_weeks,
        )
        for term in policy.agreement_terms
    )


@transaction.atomic
def update_bank_details(
    *, agreement, by, account_name: str, sort_code: str, account_number: str
) -> DirectPaymentAgreement:
    agreement = DirectPaymentAgreement.objects.select_for_update().get(pk=agreement.pk)
    sort_code, account_number, errors = _clean_bank(sort_code, account_number)
    if not account_name.strip():
        errors.insert(0, ("account_name", "Enter the name on the account"))
    if not sort_code:
        errors.append(("sort_code", "Enter the sort code"))
    if not account_number:
        errors.append(("account_number", "Enter the account number"))
    if errors:
        raise InvalidInput(errors)
    agreement.account_name = account_name.strip()[:200]
    agreement.sort_code, agreement.account_number = sort_code, account_number
    agreement.save(update_fields=["account_name", "sort_code", "account_number"])
    record_event(
        actor=by,
        action="dp_agreement.bank_details",
        obj=agreement,
        person=agreement.person,
        summary="Bank details for direct payments changed",
        changes={"account_number_ends": account_number[-4:]},
    )
    return agreement


@transaction.atomic
def accept_agreement(*, agreement, by, name: str) -> DirectPaymentAgreement:
    """Accepted online: the name typed by the person (or their representative) and the time."""
    agreement = DirectPaymentAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == DirectPaymentAgreement.Status.ACCEPTED:
        raise ServiceError("This agreement has already been accepted.")
    if not name.strip():
        raise InvalidInput([("name", "Type your full name to accept the agreement")])
    agreement.status = DirectPaymentAgreement.Status.ACCEPTED
    agreement.accepted_name = name.strip()[:200]
    agreement.accepted_at = timezone.now()
    agreement.save(update_fields=["status", "accepted_name", "accepted_at"])
    record_event(
        actor=by,
        action="dp_agreement.accepted",
        obj=agreement,
        person=agreement.person,
        summary=f"Direct payment agreement accepted by {agreement.accepted_name}",
    )
    return agreement
