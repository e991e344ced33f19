"""Finance pages: thin views over the services; errors shown, never a 500; fixed query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clearpath.money.finance.models import (
    BudgetRevision,
    MonitoringException,
    PaymentChange,
    PaymentRun,
)
from clearpath.money.finance.services import process_payment_run, request_payment_run
from clearpath.money.finance.tests.test_monitoring import STATEMENT
from clearpath.money.payments.models import ScheduledPayment


@pytest.fixture
def finance(client, finance_officer):
    client.force_login(finance_officer)
    return client


@pytest.fixture
def paid(make_agreement, finance_officer):
    agreement = make_agreement(weekly="20.00")
    process_payment_run(request_payment_run(through=date(2026, 12, 1), by=finance_officer).pk)
    return agreement


def _date(prefix, d):
    return {f"{prefix}-day": d.day, f"{prefix}-month": d.month, f"{prefix}-year": d.year}


def test_finance_pages_are_for_finance_officers_only(client, practitioner, finance):
    assert finance.get(reverse("finance:home")).status_code == 200
    client.force_login(practitioner)
    assert client.get(reverse("finance:home")).status_code == 404
    assert client.get(reverse("finance:exception-list")).status_code == 404


def test_a_payment_run_started_from_the_page_pays_and_lists_skips(finance, make_agreement):
    make_agreement()
    make_agreement(bank=False, first_name="Tom")
    response = finance.post(reverse("finance:home"), _date("through", date(2026, 12, 1)))
    run = PaymentRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "finance:run-detail", args=[run.pk]
    )
    page = finance.get(response["Location"]).content.decode()
    assert "2 payments, £756.00" in page
    assert "Tom Okafor" in page and "No bank details on the direct payment agreement" in page
    export = finance.get(reverse("finance:run-export", args=[run.pk]))
    body = b"".join(export.streaming_content).decode()
    assert (
        body.splitlines()[0]
        == "reference,payee_name,sort_code,account_number,amount,due_on,person_id,run_id"
    )
    assert len(body.splitlines()) == 3


def test_a_bad_run_date_is_shown_and_kept(finance):
    response = finance.post(
        reverse("finance:home"), {"through-day": "31", "through-month": "2", "through-year": "2026"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page and "must be a real date" in page and 'value="31"' in page
    assert not PaymentRun.objects.exists()


def test_importing_a_statement_shows_only_exceptions_and_a_surplus_can_be_recovered(finance, paid):
    url = reverse("finance:statement-import", args=[paid.pk])
    upload = SimpleUploadedFile("nov.csv", STATEMENT, content_type="text/csv")
    response = finance.post(url, {"layout": "generic", "file": upload})
    assert response.status_code == 302
    page = finance.get(reverse("finance:agreement-detail", args=[paid.pk])).content.decode()
    assert "BETTING SHOP" in page and "Balance above the agreed contingency" in page
    assert "PERSONAL ASSISTANT" not in page  # matched spending is not shown as an exception
    assert "up to <strong>£410.00</strong> could be recovered" in page
    exceptions = finance.get(reverse("finance:exception-list")).content.decode()
    assert "2 open" in exceptions

    bad = finance.post(
        reverse("finance:recovery-record", args=[paid.pk]), {"amount": "999", "reasons": ""}
    )
    assert bad.status_code == 422
    assert "no more than the surplus of £410.00" in bad.content.decode()
    assert "Say why this money is being recovered" in bad.content.decode()
    ok = finance.post(
        reverse("finance:recovery-record", args=[paid.pk]),
        {"amount": "400.00", "reasons": "Agreed with her: unspent while in hospital"},
    )
    assert ok.status_code == 302
    assert not MonitoringException.objects.filter(kind="above_contingency", status="open").exists()


def test_a_malformed_statement_is_refused_whole_with_line_numbers(finance, paid):
    bad = STATEMENT + b"2026-11-08,SHOP,-3.00,\n2026-11-09,SHOP,2.999,\n"
    upload = SimpleUploadedFile("bad.csv", bad, content_type="text/csv")
    response = finance.post(
        reverse("finance:statement-import", args=[paid.pk]), {"layout": "generic", "file": upload}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Why the statement was refused" in page
    assert "Line 6: &#39;Paid out&#39; is negative" in page and "Line 7:" in page
    assert not paid.imports.exists()


def test_the_person_page_shows_their_money(client, practitioner, paid):
    client.force_login(practitioner)
    page = client.get(reverse("people:person-detail", args=[paid.person_id])).content.decode()
    assert "Balance in the account" in page and "£160.00" in page
    assert "Money for each part of the plan" in page


def test_lists_use_a_fixed_number_of_queries(finance, make_agreement, finance_officer):
    from clearpath.money.finance.tests.conftest import dp_agreement

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert finance.get(url).status_code == 200
        return len(ctx.captured_queries)

    make_agreement()
    urls = [
        reverse("finance:agreement-list"),
        reverse("finance:exception-list"),
        reverse("finance:home"),
    ]
    before = [count(u) for u in urls]
    for i in range(4):
        dp_agreement(by=finance_officer.__class__.objects.get(username="priya"), first_name=f"X{i}")
    assert [count(u) for u in urls] == before


def test_an_uplift_is_previewed_then_applied_and_payments_show_the_difference(finance, paid):
    form = {
        "percent": "5",
        "reason": "2027/28 fee uplift",
        **_date("effective_on", date(2027, 1, 1)),
    }
    preview = finance.post(reverse("finance:uplift"), {**form, "action": "preview"})
    assert preview.status_code == 200 and "Apply the uplift to 1 budget" in preview.content.decode()
    assert not BudgetRevision.objects.exists()  # nothing changed yet
    applied = finance.post(reverse("finance:uplift"), {**form, "action": "apply"})
    assert applied.status_code == 302
    revision = BudgetRevision.objects.get()
    assert (revision.previous_weekly_net, revision.weekly_net) == (
        Decimal("20.00"),
        Decimal("21.00"),
    )
    changes = PaymentChange.objects.filter(revision=revision)
    assert {(c.old_amount, c.new_amount) for c in changes} == {(Decimal("80.00"), Decimal("84.00"))}
    assert (
        ScheduledPayment.objects.filter(
            due_on__lt=date(2027, 1, 1), amount=Decimal("80.00")
        ).count()
        == 3
    )


def test_a_bad_uplift_percentage_is_refused(finance):
    response = finance.post(
        reverse("finance:uplift"),
        {"percent": "lots", "action": "preview", **_date("effective_on", date(2027, 1, 1))},
    )
    assert (
        response.status_code == 422
        and "Enter the uplift as a percentage" in response.content.decode()
    )


def test_a_contribution_entered_from_the_councils_assessment_reduces_future_payments(finance, paid):
    response = finance.post(
        reverse("finance:contribution", args=[paid.personal_budget_id]),
        {
            "source": "entered",
            "weekly_contribution": "5.00",
            **_date("effective_on", date(2026, 12, 28)),
        },
    )
    assert response.status_code == 302
    paid.personal_budget.refresh_from_db()
    assert paid.personal_budget.weekly_net == Decimal("15.00")
    assert ScheduledPayment.objects.get(due_on=date(2026, 12, 28)).amount == Decimal("60.00")


def test_a_contribution_worked_out_needs_the_mig_the_pack_does_not_have(finance, paid):
    url = reverse("finance:contribution", args=[paid.personal_budget_id])
    data = {
        "source": "calculated",
        "capital": "15000",
        "weekly_income": "250",
        "mig_band": "single_pc_age",
        **_date("effective_on", date(2026, 12, 28)),
    }
    response = finance.post(url, data)
    assert response.status_code == 422 and "Minimum Income Guarantee" in response.content.decode()
    ok = finance.post(url, {**data, "mig_amount": "230.00", "dre": "10.00"})
    assert ok.status_code == 302
    # 250 income + £3 tariff (15,000 is £750 over the lower limit) - 230 MIG - 10 DRE = £13
    paid.personal_budget.refresh_from_db()
    assert paid.personal_budget.weekly_contribution == Decimal("13.00")


def test_the_agreement_pdf_and_online_acceptance(client, practitioner, paid):
    client.force_login(practitioner)
    pdf = client.get(reverse("finance:agreement-pdf", args=[paid.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    url = reverse("finance:agreement-accept", args=[paid.pk])
    assert client.post(url, {"name": ""}).status_code == 422
    assert client.post(url, {"name": "Margaret Okafor"}).status_code == 302
    paid.refresh_from_db()
    assert paid.status == "accepted" and paid.accepted_name == "Margaret Okafor"


def test_a_mixed_deployment_pays_only_the_direct_payment_share(finance, paid):
    url = reverse("finance:deployment", args=[paid.personal_budget_id])
    assert finance.get(url).status_code == 200
    bad = finance.post(
        url,
        {"direct_payment": "15.00", "isf": "10.00", **_date("effective_on", date(2026, 12, 28))},
    )
    assert bad.status_code == 422
    page = bad.content.decode()
    assert "must add up to the £20.00 a week" in page and 'value="15.00"' in page
    ok = finance.post(
        url,
        {
            "direct_payment": "15.00",
            "isf": "5.00",
            "isf_provider": "Bridge Care",
            **_date("effective_on", date(2026, 12, 28)),
        },
    )
    assert ok.status_code == 302
    assert ScheduledPayment.objects.get(due_on=date(2026, 12, 28)).amount == Decimal("60.00")
    person_page = finance.get(
        reverse("people:person-detail", args=[paid.person_id])
    ).content.decode()
    assert "£5.00 a week individual service fund (Bridge Care)" in person_page


def test_an_uplift_by_a_new_unit_rate_changes_only_the_lines_using_the_old_rate(
    finance, paid, make_agreement
):
    make_agreement(weekly="35.00", first_name="Other")  # a line at £35.00: not changed
    form = {
        "old_rate": "20.00",
        "new_rate": "22.00",
        "reason": "PA rate 2027/28",
        **_date("effective_on", date(2027, 1, 1)),
    }
    preview = finance.post(
        reverse("finance:uplift"), {**form, "action": "preview"}
    ).content.decode()
    assert "1 of 2 active budgets change" in preview and "unit rate £20.00 to £22.00" in preview
    assert finance.post(reverse("finance:uplift"), {**form, "action": "apply"}).status_code == 302
    revision = BudgetRevision.objects.get()
    assert revision.personal_budget_id == paid.personal_budget_id
    assert revision.weekly_net == Decimal("22.00")


def test_a_bad_unit_rate_is_refused(finance):
    response = finance.post(
        reverse("finance:uplift"),
        {
            "old_rate": "15.5.0",
            "new_rate": "16",
            "action": "preview",
            **_date("effective_on", date(2027, 1, 1)),
        },
    )
    assert (
        response.status_code == 422
        and "Enter a rate in pounds and pence" in response.content.decode()
    )


def test_the_person_sees_their_money_in_the_portal(client, paid):
    from clearpath.journey.portal import services as portal

    me = portal.create_account(
        person=paid.person,
        role="person",
        name="Margaret Okafor",
        email="m@example.com",
        created_by_name="Priya Shah",
    )
    token = portal.send_link(account=me)
    assert client.post(reverse("portal:link", args=[token])).status_code == 302
    page = client.get(reverse("portal:budget")).content.decode()
    assert "Your money" in page and "Balance in the account" in page and "£160.00" in page
    assert reverse("finance:agreement-detail", args=[paid.pk]) not in page  # no staff links


def test_the_export_neutralises_formulas_and_is_audited(finance, make_agreement):
    from clearpath.money.finance.models import DirectPaymentAgreement
    from clearpath.platform.audit.models import AuditEvent

    agreement = make_agreement()
    DirectPaymentAgreement.objects.filter(pk=agreement.pk).update(
        account_name='=HYPERLINK("http://evil.example","Pay")'
    )
    finance.post(reverse("finance:home"), _date("through", date(2026, 12, 1)))
    run = PaymentRun.objects.get()
    export = finance.get(reverse("finance:run-export", args=[run.pk]))
    rows = b"".join(export.streaming_content).decode().splitlines()[1:]
    assert all(row.startswith("DP") or row.split(",")[1].startswith("\"'=") for row in rows)
    assert "'=HYPERLINK" in rows[0]
    read = AuditEvent.objects.get(action="payments.exported")
    assert read.kind == AuditEvent.Kind.VIEW and read.changes == {"people": 1}
    assert read.object_id == str(run.pk) and "(1 person)" in read.summary
