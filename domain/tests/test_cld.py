"""The CLD return and ASCOF 3D as pure rules: the window, the mandatory rules, and a hand count."""

from datetime import date
from decimal import Decimal

import pytest

from domain import rulepacks
from domain.cld import EventFacts, PersonFacts, ascof_3d, build, latest_quarter_end, period_problem
from domain.cld import period_start as window_start
from domain.rulepacks import RulePackError, parse_text

SPEC = rulepacks.cld_return("release-1@1")
TODAY = date(2026, 11, 23)


def person(ref="CP0000001", **kw) -> PersonFacts:
    facts = {
        "reference": ref,
        "nhs_number": "9434765919",
        "gender": "female",
        "ethnicity": "white_british",
        "date_of_birth": date(1950, 3, 27),
        "postcode": "LS1 4AP",
        "primary_support_reason": "Physical Support: Personal care support",
        "learning_disability": False,
        "accommodation_status": "own_home",
        "employment_status": "",
        "has_unpaid_carer": True,
        "dementia": False,
        "client_funding_status": "Full cost",
    }
    return PersonFacts(**{**facts, **kw})


def service(ref, start, end=None, deployment="direct_payment", person_ref=None, carer=False):
    return EventFacts(
        person=person_ref or ref,
        kind="service",
        reference=f"S-{ref}-{start}",
        start=start,
        end=end,
        carer=carer,
        outcome="service_open" if end is None else "service_ended",
        deployment="carer" if carer else deployment,
        weekly_cost=Decimal("250.00"),
    )


@pytest.mark.parametrize(
    "period_end, problem",
    [
        (date(2026, 9, 30), None),
        (date(2026, 3, 31), None),
        (date(2025, 12, 31), None),
        (date(2026, 9, 29), "must end on the last day of a quarter"),
        (date(2026, 10, 31), "not 31 October 2026"),
        (date(2026, 12, 31), "has not finished yet"),
    ],
)
def test_a_return_ends_on_a_quarter_end_that_has_passed(period_end, problem):
    found = period_problem(period_end, TODAY, SPEC)
    if problem is None:
        assert found is None
    else:
        assert problem in found


@pytest.mark.parametrize(
    "period_end, start",
    [
        (date(2026, 9, 30), date(2025, 10, 1)),
        (date(2026, 3, 31), date(2025, 4, 1)),
        (date(2025, 12, 31), date(2025, 1, 1)),
        (date(2024, 6, 30), date(2023, 7, 1)),
    ],
)
def test_each_return_covers_a_rolling_twelve_months(period_end, start):
    assert window_start(period_end, SPEC.window_months) == start


def test_the_latest_quarter_end():
    assert latest_quarter_end(TODAY, SPEC) == date(2026, 9, 30)
    assert latest_quarter_end(date(2026, 1, 5), SPEC) == date(2025, 12, 31)
    assert latest_quarter_end(date(2026, 3, 31), SPEC) == date(2026, 3, 31)


def test_a_complete_record_has_no_failures_and_its_columns_in_release_1_order():
    extract = build(
        spec=SPEC,
        la_code="999",
        period_end=date(2026, 9, 30),
        people={"CP0000001": person()},
        events=[service("CP0000001", date(2026, 1, 5))],
    )
    assert extract.failures == ()
    (row,) = extract.rows
    assert list(row)[:5] == [
        "LA_Code",
        "Reporting_Period_Start_Date",
        "Reporting_Period_End_Date",
        "NHS_Number",
        "LA_Person_Unique_Identifier",
    ]
    assert row["Event_Type"] == "Service"
    assert row["Service_Type"] == "Long Term Support: Community"
    assert row["Delivery_Mechanism"] == "Direct Payment"
    assert row["Event_End_Date"] == ""  # open services have no end date, and that is allowed
    assert row["Reporting_Period_Start_Date"] == "2025-10-01"
    assert row["Unit_Cost"] == "250.00"


def test_events_outside_the_window_are_left_out_and_open_ones_kept():
    events = [
        service("CP0000001", date(2024, 1, 1), end=date(2025, 9, 30)),  # ended before the window
        service("CP0000001", date(2025, 1, 1)),  # started before, still open: in
        EventFacts("CP0000001", "request", "R1", date(2026, 10, 1), date(2026, 10, 1)),  # after
    ]
    extract = build(
        spec=SPEC,
        la_code="999",
        period_end=date(2026, 9, 30),
        people={"CP0000001": person()},
        events=events,
    )
    assert [r["Event_Start_Date"] for r in extract.rows] == ["2025-01-01"]


def test_missing_mandatory_fields_are_listed_with_reasons_and_the_row_is_kept():
    p = person(gender="", ethnicity="", nhs_number="", client_funding_status="")
    request = EventFacts("CP0000001", "request", "R1", date(2026, 2, 1), date(2026, 2, 1))
    extract = build(
        spec=SPEC,
        la_code="999",
        period_end=date(2026, 9, 30),
        people={"CP0000001": p},
        events=[request],
    )
    assert len(extract.rows) == 1  # never dropped
    failed = {(f.field, f.event_reference) for f in extract.failures}
    assert failed == {
        ("NHS_Number", "R1"),
        ("Gender", "R1"),
        ("Ethnicity", "R1"),
        ("Event_Outcome", "R1"),
        ("Request_Route_of_Access", "R1"),
    }  # funding status is not mandatory on requests
    assert "Details for the statutory return" in next(
        f.reason for f in extract.failures if f.field == "Gender"
    )
    assert extract.failing_rows == 1


def test_employment_is_mandatory_only_for_18_to_64s_with_learning_disability_support():
    def failures_for(born):
        p = person(learning_disability=True, date_of_birth=born, employment_status="")
        extract = build(
            spec=SPEC,
            la_code="999",
            period_end=date(2026, 9, 30),
            people={"CP0000001": p},
            events=[service("CP0000001", date(2026, 1, 5))],
        )
        return {f.field for f in extract.failures}

    assert "Employment_Status" in failures_for(date(1990, 1, 1))  # 36
    assert "Employment_Status" not in failures_for(date(1950, 1, 1))  # 76
    assert "Employment_Status" not in failures_for(date(2009, 1, 1))  # 17


def test_a_planned_review_needs_its_outcomes_an_unplanned_one_does_not():
    def fields(planned):
        review = EventFacts(
            "CP0000001",
            "review",
            "V1",
            date(2026, 5, 1),
            date(2026, 5, 1),
            outcome="review_continue",
            planned=planned,
        )
        extract = build(
            spec=SPEC,
            la_code="999",
            period_end=date(2026, 9, 30),
            people={"CP0000001": person()},
            events=[review],
        )
        return {f.field for f in extract.failures}

    assert fields(True) == {"Review_Outcomes_Achieved"}
    assert fields(False) == set()


def test_ascof_3d_matches_a_hand_count():
    """Seven people; the counts below were worked out by hand from the list.

    Clients on Long Term Support: Community on 31 March 2026:
      A direct payment, B council-managed, C direct payment and council-managed (counted once),
      D council-managed. E's service ended before the snapshot; F's starts after it.
      -> denominator 4; self-directed 4 (3D1a = 100.0); direct payment A and C (3D2a = 50.0).
    Carers over the year 1 April 2025 to 31 March 2026:
      G a carer's direct payment in the year; H one the year before (not counted).
      -> 3D1b = 1/1, 3D2b = 1/1.
    """
    on = date(2026, 3, 31)
    events = [
        service("A", date(2025, 6, 1)),
        service("B", date(2025, 6, 1), deployment="council_managed"),
        service("C", date(2024, 1, 1)),
        service("C", date(2025, 9, 1), deployment="council_managed"),
        service("D", date(2026, 3, 31), deployment="council_managed"),
        service("E", date(2025, 5, 1), end=date(2026, 3, 30)),
        service("F", date(2026, 4, 1)),
        service("G", date(2025, 7, 1), end=date(2025, 7, 1), carer=True),
        service("H", date(2025, 3, 1), end=date(2025, 3, 1), carer=True),
    ]
    people = {ref: person(ref) for ref in "ABCDEFGH"}
    extract = build(spec=SPEC, la_code="999", period_end=on, people=people, events=events)
    result = {m.code: m for m in ascof_3d(extract.rows, on, SPEC).measures}
    assert (result["3D1a"].numerator, result["3D1a"].denominator) == (4, 4)
    assert (result["3D2a"].numerator, result["3D2a"].denominator) == (2, 4)
    assert result["3D2a"].percent == Decimal("50.0")
    assert (result["3D1b"].numerator, result["3D1b"].denominator) == (1, 1)
    assert (result["3D2b"].numerator, result["3D2b"].denominator) == (1, 1)


def test_ascof_with_nobody_counted_has_no_percentage():
    result = ascof_3d([], date(2026, 3, 31), SPEC)
    assert all(m.percent is None for m in result.measures)


def test_the_return_pack_refuses_an_unknown_mandatory_rule():
    text = (rulepacks.HERE / "cld_return" / "release-1-v1.toml").read_text()
    broken = text.replace(
        'name = "Gender"\nmodule = "person"\nwhen = "always"',
        'name = "Gender"\nmodule = "person"\nwhen = "sometimes"',
    )
    with pytest.raises(RulePackError, match=r"\[\[fields\]\] #8: 'when' must be one of"):
        parse_text(broken, "release-1-v1.toml")


def test_the_return_pack_refuses_a_field_listed_twice():
    text = (rulepacks.HERE / "cld_return" / "release-1-v1.toml").read_text()
    broken = text.replace('name = "Ethnicity"', 'name = "Gender"')
    with pytest.raises(RulePackError, match="'Gender' is listed twice"):
        parse_text(broken, "release-1-v1.toml")


def test_a_way_of_managing_money_with_no_cld_value_is_listed_not_guessed():
    extract = build(
        spec=SPEC,
        la_code="999",
        period_end=date(2026, 9, 30),
        people={"CP0000001": person()},
        events=[service("CP0000001", date(2026, 1, 5), deployment="isf")],
    )
    (row,) = extract.rows
    assert row["Delivery_Mechanism"] == "" and row["Service_Component"] == ""
    assert [f.field for f in extract.failures] == ["Service_Component"]
