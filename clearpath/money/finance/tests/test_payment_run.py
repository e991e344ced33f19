"""Payment runs pay what is due exactly once, skip (visibly) what cannot be paid, and export it."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from clearpath.money.finance.models import PaymentRun, RunPayment
from clearpath.money.finance.services import (
    RunAlreadyDone,
    export_rows,
    process_payment_run,
    request_payment_run,
    run_totals,
)
from clearpath.money.ledger.models import LedgerEntry
from clearpath.money.ledger.services import position
from clearpath.money.payments.models import ScheduledPayment

# Budgets start on 2 November 2026 and are paid every 28 days: 2 Nov, 30 Nov, 28 Dec, ...
THROUGH = date(2026, 12, 1)  # two payments due


def run(through=THROUGH, by=None, **kw):
    r = request_payment_run(through=through, by=by)
    return process_payment_run(r.pk, **kw)


def test_a_run_pays_what_is_due_once_and_posts_it_in_the_ledger(make_agreement, finance_officer):
    agreement = make_agreement()
    done = run(by=finance_officer)
    assert done.status == PaymentRun.Status.DONE
    assert run_totals(done) == {
        "paid": 2,
        "total": Decimal("756.00"),
        "skipped": 0,
        "skipped_total": Decimal("0.00"),
    }
    pos = position(agreement.personal_budget)
    assert pos.paid_in == Decimal("756.00") and pos.balance == Decimal("756.00")
    assert pos.allocated == Decimal("4914.00")

    # A second run for the same date is refused, naming the first; a run for a later date pays
    # only what has fallen due since.
    with pytest.raises(RunAlreadyDone, match=f"Payment run {done.pk} has already paid") as e:
        run(by=finance_officer)
    assert e.value.run == done and e.value.field == "through"
    later = run(through=date(2026, 12, 27), by=finance_officer)
    assert run_totals(later)["paid"] == 0 and PaymentRun.objects.count() == 2
    assert RunPayment.objects.count() == 2
    assert LedgerEntry.objects.filter(kind="payment").count() == 2
    assert ScheduledPayment.objects.filter(status="paid").count() == 2


def test_an_agreement_without_bank_details_is_skipped_and_reported(make_agreement):
    paid = make_agreement()
    skipped = make_agreement(bank=False, first_name="Tom")
    done = run()
    assert [p.person_id for p in done.payments.all()] == [paid.person_id] * 2
    skip = done.skips.get()
    assert skip.person_id == skipped.person_id
    assert skip.reason == "No bank details on the direct payment agreement"
    assert (skip.payments, skip.amount) == (2, Decimal("756.00"))
    assert (
        ScheduledPayment.objects.filter(schedule__person=skipped.person, status="scheduled").count()
        == 13
    )


def test_the_export_has_one_row_per_payment_in_the_documented_layout(make_agreement):
    agreement = make_agreement()
    done = run()
    rows = list(export_rows(done))
    assert rows[0] == (
        "reference",
        "payee_name",
        "sort_code",
        "account_number",
        "amount",
        "due_on",
        "person_id",
        "run_id",
    )
    b = agreement.personal_budget_id
    assert rows[1:] == [
        (
            f"pb{b}-2026-11-02",
            "M OKAFOR DP",
            "309457",
            "12345678",
            "378.00",
            "2026-11-02",
            str(agreement.person_id),
            str(done.pk),
        ),
        (
            f"pb{b}-2026-11-30",
            "M OKAFOR DP",
            "309457",
            "12345678",
            "378.00",
            "2026-11-30",
            str(agreement.person_id),
            str(done.pk),
        ),
    ]


def test_the_command_runs_reports_skips_and_writes_the_export(make_agreement, tmp_path):
    make_agreement()
    make_agreement(bank=False, first_name="Tom")
    out = io.StringIO()
    export = tmp_path / "run.csv"
    call_command("payment_run", "--through", "2026-12-01", "--export", str(export), stdout=out)
    assert "2 payments, £756.00" in out.getvalue()
    assert "SKIPPED Tom Okafor" in out.getvalue()
    assert len(list(csv.reader(export.open()))) == 3


def test_the_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="must be a date"):
        call_command("payment_run", "--through", "1 Dec")


def test_demo_money_gives_demo_direct_payments_agreements(practitioner):
    from clearpath.demo.money import add_demo_money
    from clearpath.money.finance.models import DirectPaymentAgreement
    from tests.builders import approved

    approved(by=practitioner, nhs_number="", first_name="Demo")
    out = io.StringIO()
    call_command("load_demo_money", stdout=out)
    assert "1 direct payment agreements set up" in out.getvalue()
    assert DirectPaymentAgreement.objects.count() == 1
    assert add_demo_money(by=practitioner) == 0  # idempotent


def test_a_budget_change_reprices_future_payments_and_corrects_the_period_already_paid(
    make_agreement, finance_officer
):
    from clearpath.money.finance.services import revise_budget
    from clearpath.money.ledger.services import position

    agreement = make_agreement()  # £94.50 a week, £378.00 every 28 days from 2 November
    run()  # pays 2 and 30 November
    budget = agreement.personal_budget
    revision = revise_budget(
        personal_budget=budget,
        by=finance_officer,
        effective_on=date(2026, 12, 14),  # half way through the period paid on 30 November
        reason="New decision",
        weekly_gross=Decimal("101.50"),
    )
    changes = list(revision.changes.order_by("payment__due_on"))
    # Next payment (28 Dec): 4 weeks at £101.50 plus 2 weeks' difference already paid at £94.50
    assert (changes[0].old_amount, changes[0].new_amount) == (Decimal("378.00"), Decimal("420.00"))
    assert {c.new_amount for c in changes[1:]} == {Decimal("406.00")}
    assert ScheduledPayment.objects.get(due_on=date(2026, 11, 30)).amount == Decimal("378.00")
    difference = sum(c.new_amount - c.old_amount for c in changes)
    assert position(budget).allocated == Decimal("4914.00") + difference  # commitment follows


def test_when_a_budget_ends_only_payments_due_before_the_end_are_paid(make_agreement, practitioner):
    from clearpath.money.payments.services import stop_future_payments

    agreement = make_agreement()
    stop_future_payments(
        personal_budget=agreement.personal_budget, from_date=date(2026, 11, 15), by=practitioner
    )
    done = run(through=date(2027, 1, 31))
    assert [p.due_on for p in done.payments.all()] == [date(2026, 11, 2)]
    assert ScheduledPayment.objects.filter(status="cancelled").count() == 12
