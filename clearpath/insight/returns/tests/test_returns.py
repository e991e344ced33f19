"""The Client Level Data return from real records: rows, failures with reasons, the person's
details asked once, administrators only, the command, and constant queries."""

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from clearpath.errors import ServiceError, StaleRecord
from clearpath.insight.returns import services
from clearpath.insight.returns.models import ReturnRun
from clearpath.journey.people.services import update_return_details
from clearpath.platform.audit.models import AuditEvent
from tests.builders import approved, carer_assessed

QUARTER = date(2026, 12, 31)
LATER = date(2027, 1, 15)  # the quarter has ended
DETAILS = {
    "gender": "female",
    "ethnicity": "white_irish",
    "accommodation_status": "own_home",
    "employment_status": "",
}


@pytest.fixture(autouse=True)
def _forget_extracts():
    services._recent.clear()
    yield
    services._recent.clear()


def _rows(extract, person):
    return [r for r in extract.rows if r["LA_Person_Unique_Identifier"] == person.reference]


@pytest.mark.django_db
def test_a_person_with_a_direct_payment_appears_as_request_assessment_and_service(practitioner):
    decision = approved(by=practitioner)
    person = decision.person
    extract = services.build_extract(QUARTER, LATER)
    rows = _rows(extract, person)
    by_type = {r["Event_Type"]: r for r in rows}
    assert len(rows) == 3 and set(by_type) == {"Request", "Assessment", "Service"}
    request, assessment, service = (by_type[t] for t in ("Request", "Assessment", "Service"))
    assert request["Event_Outcome"] == "Progress to assessment, review or reassessment"
    assert assessment["Eligible_Needs_Identified"] == "Yes"
    assert assessment["Method_of_Assessment"] == "Supported self-assessment"
    assert service["Delivery_Mechanism"] == "Direct Payment"
    assert service["Service_Type"] == "Long Term Support: Community"
    assert service["Unit_Cost"] == "94.50"
    assert service["Event_Start_Date"] == "2026-11-02" and service["Event_End_Date"] == ""
    assert {r["NHS_Number"] for r in rows} == {"9434765919"}


@pytest.mark.django_db
def test_missing_details_are_listed_not_dropped_and_go_once_recorded(practitioner):
    person = approved(by=practitioner).person
    extract = services.build_extract(QUARTER, LATER)
    failed = {f.field for f in extract.failures if f.person == person.reference}
    assert {"Gender", "Ethnicity", "Accommodation_Status"} <= failed
    assert len(_rows(extract, person)) == 3  # still in the file

    update_return_details(
        by=practitioner, person=person, expected_version=person.row_version, **DETAILS
    )
    extract = services.build_extract(QUARTER, LATER)
    failed = {f.field for f in extract.failures if f.person == person.reference}
    assert not failed & {"Gender", "Ethnicity", "Accommodation_Status"}
    assert _rows(extract, person)[0]["Ethnicity"] == "White: Irish"


@pytest.mark.django_db
def test_a_carer_is_a_carer_with_their_budget_as_carer_support(practitioner):
    assessment = carer_assessed(by=practitioner)
    rows = _rows(services.build_extract(QUARTER, LATER), assessment.person)
    carer_rows = [r for r in rows if r["Client_Type"] == "Carer"]
    assert [r["Event_Type"] for r in carer_rows] == ["Assessment", "Service"]
    assert carer_rows[1]["Service_Type"] == "Carer Support: Direct to Carer"


@pytest.mark.django_db
def test_the_same_person_has_the_same_identifier_every_quarter(practitioner):
    person = approved(by=practitioner).person
    first = services.build_extract(QUARTER, LATER)
    second = services.build_extract(date(2027, 3, 31), date(2027, 4, 10))
    ids = {r["LA_Person_Unique_Identifier"] for r in _rows(first, person) + _rows(second, person)}
    assert ids == {person.reference}
    assert _rows(second, person)[-1]["Reporting_Period_Start_Date"] == "2026-04-01"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "period_end, message",
    [
        (date(2026, 11, 30), "must end on the last day of a quarter"),
        (date(2027, 3, 31), "has not finished yet"),
    ],
)
def test_a_bad_quarter_is_refused_with_a_reason(administrator, period_end, message):
    with pytest.raises(ServiceError, match=message) as e:
        services.produce_cld_extract(by=administrator, period_end=period_end, today=LATER)
    assert e.value.field == "period_end"
    assert not ReturnRun.objects.exists()


@pytest.mark.django_db
def test_only_administrators_produce_the_return(practitioner, administrator):
    with pytest.raises(ServiceError, match="Only administrators"):
        services.produce_cld_extract(by=practitioner, period_end=QUARTER, today=LATER)
    run, _ = services.produce_cld_extract(by=administrator, period_end=QUARTER, today=LATER)
    assert AuditEvent.objects.filter(action="returns.cld_produced", object_id=str(run.pk)).exists()


@pytest.mark.django_db
def test_the_command_reports_failures_then_writes_the_file(practitioner, tmp_path):
    approved(by=practitioner)
    out, fails, printed = tmp_path / "cld.csv", tmp_path / "failures.csv", io.StringIO()
    call_command(
        "cld_export",
        "--period-end",
        "2026-09-30",
        "--out",
        str(out),
        "--failures",
        str(fails),
        stdout=printed,
    )
    assert "0 rows for 0 people" in printed.getvalue()  # everything happened after September
    rows = list(csv.reader(out.open()))
    assert rows[0][:3] == ["LA_Code", "Reporting_Period_Start_Date", "Reporting_Period_End_Date"]
    assert len(rows) == 1
    assert fails.read_text().startswith("LA_Person_Unique_Identifier,Event_Type")


@pytest.mark.django_db
def test_the_command_refuses_a_bad_date_or_quarter(tmp_path):
    with pytest.raises(CommandError, match="like 2026-09-30"):
        call_command("cld_export", "--period-end", "30/09/2026", "--out", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="last day of a quarter"):
        call_command("cld_export", "--period-end", "2026-09-29", "--out", str(tmp_path / "x"))
    assert not (tmp_path / "x").exists()


# Pages ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_administrator_checks_a_quarter_and_downloads_the_file(
    client, administrator, practitioner
):
    approved(by=practitioner)
    client.force_login(administrator)
    page = client.get(reverse("returns:cld-start"))
    assert page.status_code == 200 and b"Client Level Data return" in page.content
    response = client.post(
        reverse("returns:cld-start"),
        {"period_end-day": "30", "period_end-month": "9", "period_end-year": "2026"},
    )
    run = ReturnRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("returns:cld-run", args=[run.pk])
    report = client.get(response.url)
    assert b"Quarter ending 30 September 2026" in report.content
    assert b"ASCOF 3D" in report.content
    download = client.get(reverse("returns:cld-file", args=[run.pk]))
    assert download["Content-Type"].startswith("text/csv")
    assert download.content.decode().startswith("LA_Code,")
    reads = AuditEvent.objects.filter(action="returns.viewed").order_by("id")
    assert [r.summary.split(" (")[0] for r in reads] == [
        "Viewed the statutory return's check page",
        "Viewed the statutory return file",
    ]
    lines = download.content.decode().splitlines()
    column = lines[0].split(",").index("LA_Person_Unique_Identifier")
    in_file = len({line.split(",")[column] for line in lines[1:]})
    assert all(r.actor == administrator and r.changes == {"people": in_file} for r in reads)


@pytest.mark.django_db
def test_a_bad_quarter_on_the_page_gets_an_error_summary_and_keeps_the_date(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("returns:cld-start"),
        {"period_end-day": "15", "period_end-month": "8", "period_end-year": "2026"},
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"must end on the last day of a quarter" in response.content
    assert b'value="15"' in response.content


@pytest.mark.django_db
def test_staff_who_are_not_administrators_cannot_see_returns(client, practitioner, administrator):
    run, _ = services.produce_cld_extract(
        by=administrator, period_end=date(2026, 9, 30), today=LATER
    )
    client.force_login(practitioner)
    for name, args in [("cld-start", []), ("cld-run", [run.pk]), ("cld-file", [run.pk])]:
        assert client.get(reverse(f"returns:{name}", args=args)).status_code == 403


@pytest.mark.django_db
def test_the_report_page_makes_the_same_queries_however_many_people(
    client, administrator, practitioner, django_assert_max_num_queries
):
    def queries_for_report():
        run, _ = services.produce_cld_extract(by=administrator, period_end=QUARTER, today=LATER)
        services._recent.clear()  # build it again from the records, as after a restart
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("returns:cld-run", args=[run.pk])).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(administrator)
    approved(by=practitioner)
    few = queries_for_report()
    for i in range(4):
        approved(by=practitioner, nhs_number="", first_name=f"Person{i}")
    assert queries_for_report() == few


# The person's details for the return ---------------------------------------------------------


@pytest.mark.django_db
def test_details_for_the_return_are_saved_once_and_shown_on_the_person_page(client, practitioner):
    person = approved(by=practitioner).person
    client.force_login(practitioner)
    url = reverse("people:return-details", args=[person.pk])
    form = client.get(url)
    assert b"Details for the statutory return" in form.content
    response = client.post(url, {**DETAILS, "row_version": person.row_version})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.gender, person.ethnicity) == ("female", "white_irish")
    page = client.get(reverse("people:person-detail", args=[person.pk]))
    assert b"White: Irish" in page.content
    assert AuditEvent.objects.filter(action="person.return_details_changed").count() == 1


@pytest.mark.django_db
def test_a_stale_form_or_a_made_up_code_is_refused(client, practitioner):
    person = approved(by=practitioner).person
    with pytest.raises(ServiceError, match="Choose one of the options"):
        update_return_details(
            by=practitioner, person=person, expected_version=person.row_version, gender="robot"
        )
    update_return_details(
        by=practitioner, person=person, expected_version=person.row_version, gender="male"
    )
    with pytest.raises(StaleRecord):
        update_return_details(
            by=practitioner, person=person, expected_version=person.row_version, gender="female"
        )
    client.force_login(practitioner)
    response = client.post(
        reverse("people:return-details", args=[person.pk]),
        {**DETAILS, "row_version": person.row_version},  # the version read before the change
    )
    assert response.status_code == 200 and b"Someone else changed this person" in response.content


@pytest.mark.django_db
def test_another_team_cannot_see_or_change_the_details(client, practitioner, outsider):
    person = approved(by=practitioner).person
    client.force_login(outsider)
    url = reverse("people:return-details", args=[person.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {**DETAILS, "row_version": 1}).status_code == 404


# The API -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_check_over_the_api_for_administrators_only(client, administrator, practitioner):
    from clearpath.platform.accounts.services import create_api_token

    approved(by=practitioner)

    def call(user, period_end):
        token = create_api_token(staff=user, name="t", by=None)
        r = client.get(
            f"/api/returns/client-level-data?period_end={period_end}",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        return r.status_code, r.json()

    assert call(practitioner, "2026-09-30")[0] == 404
    status, body = call(administrator, "2026-09-30")
    assert status == 200 and body["rows"] == 0 and body["spec"] == "release-1@1"
    assert [m["code"] for m in body["ascof_3d"]] == ["3D1a", "3D2a", "3D1b", "3D2b"]
    status, body = call(administrator, "2026-08-31")
    assert status == 422 and "last day of a quarter" in body["detail"]
    assert call(administrator, "not-a-date")[0] == 422
