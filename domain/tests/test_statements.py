"""Reading statements: refused whole with line numbers; matched to the plan; only exceptions."""

from datetime import date
from decimal import Decimal

import pytest

from domain import rulepacks
from domain.statements import Line, Match, classify, exceptions, parse, surplus

POLICY = rulepacks.money_policy()
GENERIC = POLICY.layouts["generic"]
CARD = POLICY.layouts["prepaid-card"]
START, END = date(2026, 11, 2), date(2026, 12, 31)


def p(text, layout=GENERIC):
    return parse(text, layout, starts_on=START, ends_on=END, max_lines=100)


def test_a_generic_statement_is_read():
    parsed = p(
        "Date,Payee,Paid out,Paid in,Balance\n"
        "2026-11-02,LEEDS CITY COUNCIL DP,,378.00,378.00\n"
        "2026-11-06,J SMITH PA,120.50,,257.50\n"
    )
    assert parsed.errors == ()
    assert parsed.lines == (
        Line(2, date(2026, 11, 2), "LEEDS CITY COUNCIL DP", Decimal("378.00"), "in"),
        Line(3, date(2026, 11, 6), "J SMITH PA", Decimal("120.50"), "out"),
    )


def test_a_prepaid_card_statement_is_read():
    parsed = p("Transaction Date,Merchant,Amount,Type\n06/11/2026,J SMITH PA,120.50,DEBIT\n", CARD)
    assert parsed.lines == (Line(2, date(2026, 11, 6), "J SMITH PA", Decimal("120.50"), "out"),)


def test_a_bad_statement_is_refused_whole_with_every_line_numbered():
    parsed = p(
        "Date,Payee,Paid out,Paid in\n"
        "2026-11-06,J SMITH PA,120.50,\n"  # fine
        "2026-11-07,SHOP,1.005,\n"  # sub-penny
        "2026-11-08,SHOP,-5.00,\n"  # negative
        "2026-10-01,SHOP,5.00,\n"  # before the agreement
        "31/11/2026,SHOP,5.00,\n"  # not a date in this layout
        "2026-11-09,,5.00,\n"  # no payee
        "2026-11-10,SHOP,5.00,5.00\n"  # both
        "2026-11-11,SHOP\n"  # short
    )
    assert parsed.lines[:1] and len(parsed.errors) == 7
    assert [e.split(":")[0] for e in parsed.errors] == [f"Line {n}" for n in range(3, 10)]
    assert "more than two decimal places" in parsed.errors[0]
    assert "negative" in parsed.errors[1]
    assert "outside the agreement" in parsed.errors[2]


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty"),
        ("When,Who\n2026-11-02,X\n", "no 'Date', 'Payee', 'Paid out', 'Paid in' column"),
        ("Date,Payee,Paid out,Paid in\n", "no transactions"),
    ],
)
def test_a_file_that_is_not_a_statement_is_refused(text, message):
    assert message in p(text).errors[0]


def test_matching_uses_payee_rules_then_plan_line_names_and_recognises_money_in():
    lines = [(1, "Personal assistant"), (2, "Day centre")]
    rules = [("J SMITH", 1)]

    def c(payee, direction="out"):
        return classify(
            Line(2, START, payee, Decimal("1.00"), direction),
            rules=rules,
            plan_lines=lines,
            policy=POLICY,
        )

    assert c("J SMITH PA WAGES") == Match("spend", 1, "payee rule 'J SMITH'")
    assert c("BRIDGE DAY CENTRE LTD") == Match("spend", 2, "plan line name")
    assert c("BETTING SHOP") == Match("spend", None, "")
    assert c("LEEDS CITY COUNCIL", "in").category == "payment_in"
    assert c("OWN CONTRIBUTION", "in").category == "contribution"
    assert c("BRIDGE DAY CENTRE LTD", "in").category == "refund"


def test_only_exceptions_are_found():
    plan = [(1, "Personal assistant", Decimal("94.50"))]
    ok = Line(2, date(2026, 11, 6), "PA", Decimal("90.00"), "out")
    odd = Line(3, date(2026, 11, 7), "BETTING SHOP", Decimal("40.00"), "out")
    common = dict(
        plan_lines=plan, policy=POLICY, period_from=date(2026, 11, 2), period_to=date(2026, 11, 29)
    )
    quiet = exceptions(
        lines=[(ok, Match("spend", 1, "rule"))],
        weekly_net=Decimal("94.50"),
        balance=Decimal("288"),
        **common,
    )
    assert quiet == []
    found = exceptions(
        lines=[(ok, Match("spend", 1, "rule")), (odd, Match("spend", None, ""))],
        weekly_net=Decimal("94.50"),
        balance=Decimal("1000.00"),
        **common,
    )
    assert [f.kind for f in found] == ["out_of_plan", "above_contingency"]
    assert found[1].amount == Decimal("244.00")  # 1000 - 8 x 94.50


def test_no_activity_and_overspend_are_flagged():
    plan = [(1, "Personal assistant", Decimal("10.00"))]
    big = Line(2, date(2026, 11, 2), "PA", Decimal("150.00"), "out")
    found = exceptions(
        lines=[(big, Match("spend", 1, "rule"))],
        plan_lines=plan,
        weekly_net=Decimal("10.00"),
        balance=Decimal("0"),
        policy=POLICY,
        period_from=date(2026, 11, 2),
        period_to=date(2027, 1, 10),
    )
    assert {f.kind for f in found} == {"no_activity", "overspend"}


def test_the_surplus_keeps_the_contingency():
    assert surplus(
        balance=Decimal("1000"), weekly_net=Decimal("94.50"), contingency_weeks=8
    ) == Decimal("244.00")
    assert surplus(
        balance=Decimal("500"), weekly_net=Decimal("94.50"), contingency_weeks=8
    ) == Decimal("0.00")


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

payee = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ &'-", min_size=1, max_size=30).filter(
    lambda s: s.strip() and s == s.strip()
)
pence = st.integers(1, 10_000_000)
row = st.tuples(st.integers(0, 59), payee, pence, st.booleans())


@given(rows=st.lists(row, min_size=1, max_size=30))
def test_any_well_formed_statement_is_read_back_exactly(rows):
    def csv_row(days, payee, pennies, into):
        amount = f"{Decimal(pennies) / 100:.2f}"
        on = date.fromordinal(START.toordinal() + days).isoformat()
        return f"{on},{payee},{'' if into else amount},{amount if into else ''}\n"

    parsed = p("Date,Payee,Paid out,Paid in\n" + "".join(csv_row(*r) for r in rows))
    assert parsed.errors == ()
    assert [(ln.payee, ln.amount, ln.direction) for ln in parsed.lines] == [
        (payee, Decimal(n) / 100, "in" if into else "out") for _, payee, n, into in rows
    ]


@given(n=st.integers(1, 10_000_000), extra=st.integers(1, 9))
def test_any_amount_with_more_than_two_decimal_places_refuses_the_file(n, extra):
    text = f"Date,Payee,Paid out,Paid in\n2026-11-03,SHOP,{n / 100:.2f}{extra},\n"
    parsed = p(text)
    assert parsed.lines == () or parsed.errors
    assert "more than two decimal places" in parsed.errors[0]
