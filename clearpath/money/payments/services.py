"""Direct payment schedules: 4-weekly in advance by default (the review policy's payment interval)."""

from decimal import Decimal

from clearpath.money.payments.models import PaymentSchedule, ScheduledPayment
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.money import format_money, to_money
from domain.reviews import payment_dates


def schedule_direct_payments(*, personal_budget, by) -> PaymentSchedule:
    """Set up the payment schedule for a direct payment (inside the approval's transaction)."""
    policy = rulepacks.review_policy()
    every = policy.payment_every_days
    amount = to_money(personal_budget.weekly_net * Decimal(every) / Decimal(7))
    schedule = PaymentSchedule.objects.create(
        personal_budget=personal_budget,
        person=personal_budget.person,
        every_days=every,
        amount_per_period=amount,
        first_payment_on=personal_budget.starts_on,
    )
    ScheduledPayment.objects.bulk_create(
        ScheduledPayment(
            schedule=schedule,
            due_on=due,
            amount=amount,
            idempotency_key=f"pb{personal_budget.pk}-{due.isoformat()}",
        )
        for due in payment_dates(
            first=schedule.first_payment_on, every_days=every, count=policy.payments_scheduled_ahead
        )
    )
    record_event(
        actor=by,
        action="payments.scheduled",
        obj=schedule,
        person=personal_budget.person,
        summary=(
            f"Direct payments of {format_money(amount)} every {every} days, in advance, "
            f"from {schedule.first_payment_on:%-d %B %Y}"
        ),
        changes={"amount_per_period": amount, "every_days": every, "policy": policy.ref},
    )
    return schedule


def stop_future_payments(*, personal_budget, from_date, by) -> int:
    """When a personal budget ends: cancel its scheduled payments due on or after `from_date` and
    stop the schedule (inside the caller's transaction). Payments already made are untouched.
    Returns how many payments were cancelled."""
    schedule = (
        PaymentSchedule.objects.select_for_update().filter(personal_budget=personal_budget).first()
    )
    if schedule is None:
        return 0
    cancelled = ScheduledPayment.objects.filter(
        schedule=schedule, status=ScheduledPayment.Status.SCHEDULED, due_on__gte=from_date
    ).update(status=ScheduledPayment.Status.CANCELLED)
    schedule.status = PaymentSchedule.Status.STOPPED
    schedule.save(update_fields=["status"])
    record_event(
        actor=by,
        action="payments.stopped",
        obj=schedule,
        person=personal_budget.person,
        summary=f"Direct payments stopped from {from_date:%-d %B %Y}: {cancelled} future "
        "payments cancelled",
        changes={"from": from_date, "cancelled": cancelled},
    )
    return cancelled
