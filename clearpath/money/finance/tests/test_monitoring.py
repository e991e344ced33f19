"""Importing statements, exceptions only, and recovering a surplus above the contingency."""

from datetime import date
from decimal import Decimal

import pytest

from clearpath.errors import InvalidInput
from clearpath.money.finance.models import MonitoringException, StatementImport, StatementLine
from clearpath.money.finance.services import (
    StatementRefused,
    import_statement,
    process_payment_run,
    record_recovery,
    request_payment_run,
    resolve_exception,
    surplus_for,
)
from clearpath.money.ledger.models import LedgerEntry
from clearpath.money.ledger.services import position

STATEMENT = (
    b"Date,Payee,Paid out,Paid in\n"
    b"2026-11-02,LEEDS CITY COUNCIL DP,,80.00\n"
    b"2026-11-03,OWN CONTRIBUTION,,500.00\n"
    b"2026-11-06,PERSONAL ASSISTANT J SMITH,50.00,\n"
    b"2026-11-07,BETTING SHOP,40.00,\n"
)


@pytest.fixture
def paid(make_agreement, finance_officer):
    agreement = make_agreement(weekly="20.00")
    run = request_payment_run(through=date(2026, 12, 1), by=finance_officer)
    process_payment_run(run.pk)
    return agreement


def test_a_statement_is_matched_posted_and_only_exceptions_raised(paid, finance_officer):
    statement = import_statement(
        agreement=paid, by=finance_officer, filename="nov.csv", content=STATEMENT, layout="generic"
    )
    assert statement.line_count == 4
    cats = dict(StatementLine.objects.values_list("payee", "category"))
    assert cats == {
        "LEEDS CITY COUNCIL DP": "payment_in",
        "OWN CONTRIBUTION": "contribution",
        "PERSONAL ASSISTANT J SMITH": "spend",
        "BETTING SHOP": "spend",
    }
    pos = position(paid.personal_budget)
    assert (pos.paid_in, pos.contributions, pos.spent) == (
        Decimal("160.00"),
        Decimal("500.00"),
        Decimal("90.00"),
    )
    assert pos.balance == Decimal("570.00")
    found = {e.kind: e for e in MonitoringException.objects.all()}
    assert set(found) == {"out_of_plan", "above_contingency"}
    assert found["out_of_plan"].line.payee == "BETTING SHOP"
    assert found["above_contingency"].amount == Decimal("410.00")  # 570 - 8 x 20


def test_the_same_statement_twice_is_refused(paid, finance_officer):
    kw = dict(agreement=paid, by=finance_officer, content=STATEMENT, layout="generic")
    import_statement(filename="nov.csv", **kw)
    with pytest.raises(StatementRefused, match="already imported"):
        import_statement(filename="nov-again.csv", **kw)
    reordered = STATEMENT.replace(b"Date,Payee", b"Date,Payee").replace(
        b"\n2026-11-07", b"\n2026-11-07 "
    )
    with pytest.raises(StatementRefused):
        import_statement(filename="copy.csv", **{**kw, "content": reordered})
    assert StatementImport.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="spend").count() == 1


def test_a_malformed_statement_is_refused_whole(paid, finance_officer):
    bad = STATEMENT + b"2026-11-08,SHOP,-3.00,\n2026-11-09,SHOP,2.999,\n"
    with pytest.raises(StatementRefused) as refused:
        import_statement(
            agreement=paid, by=finance_officer, filename="x.csv", content=bad, layout="generic"
        )
    assert [r.split(":")[0] for r in refused.value.reasons] == ["Line 6", "Line 7"]
    assert (
        not StatementLine.objects.exists() and not LedgerEntry.objects.filter(kind="spend").exists()
    )


def test_a_surplus_is_recovered_with_reasons_never_more_than_above_the_contingency(
    paid, finance_officer
):
    import_statement(
        agreement=paid, by=finance_officer, filename="n.csv", content=STATEMENT, layout="generic"
    )
    assert surplus_for(paid)["surplus"] == Decimal("410.00")
    with pytest.raises(InvalidInput) as too_much:
        record_recovery(agreement=paid, by=finance_officer, amount="410.01", reasons="x")
    assert "no more than the surplus of £410.00" in too_much.value.message
    with pytest.raises(InvalidInput) as bad:
        record_recovery(agreement=paid, by=finance_officer, amount="10.001", reasons="")
    assert {f for f, _ in bad.value.errors} == {"amount", "reasons"}
    recovery = record_recovery(
        agreement=paid, by=finance_officer, amount="400.00", reasons="Unspent after talking to her"
    )
    assert recovery.entry.kind == "recovery"
    assert position(paid.personal_budget).balance == Decimal("170.00")
    assert not MonitoringException.objects.filter(kind="above_contingency", status="open").exists()


def test_resolving_an_out_of_plan_exception_can_teach_a_payee_rule(paid, finance_officer):
    import_statement(
        agreement=paid, by=finance_officer, filename="n.csv", content=STATEMENT, layout="generic"
    )
    exc = MonitoringException.objects.get(kind="out_of_plan")
    line = paid.personal_budget.plan.lines.get()
    resolve_exception(
        exception=exc, by=finance_officer, resolution="Agreed with her", payee_rule_line=line.pk
    )
    assert paid.payee_rules.get().payee_contains == "BETTING SHOP"
