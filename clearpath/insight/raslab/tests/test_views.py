"""The RAS lab pages and service: administrators only, bad files refused whole, results kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clearpath.errors import ServiceError
from clearpath.insight.raslab import services
from clearpath.insight.raslab.models import LabRun
from clearpath.insight.raslab.selectors import model_choices, model_source
from clearpath.platform.audit.models import AuditEvent
from domain import rulepacks

QS = rulepacks.question_set()
OUTCOMES = [o.code for o in QS.outcomes]
HEADER = ",".join(["case_id", *OUTCOMES, "unpaid_care", "agreed_weekly", "age_band"])


def row(case_id, agreed, age="", **levels):
    return ",".join([case_id, *[levels.get(o, "none") for o in OUTCOMES], "none", agreed, age])


GOOD = "\n".join(
    [
        HEADER,
        row("A", "57.00", "65-74", hygiene="full"),
        row("B", "100.00", "65-74", hygiene="full", nutrition="a_lot"),
        row("C", "25.00", "18-24", hygiene="some"),
        row("=D", "30.40", toilet="a_lot"),
    ]
)
CHEAPER = (
    (rulepacks.HERE / "ras_model" / "demo-points-v1.toml")
    .read_text(encoding="utf-8")
    .replace("version = 1", "version = 7")
    .replace('price_per_point = "9.50"', 'price_per_point = "9.70"')
)


def upload(text, name="cases.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def post(client, cases=GOOD, **extra):
    data = {"cases": upload(cases), "model": "demo-points@1", "compare": "", **extra}
    return client.post(reverse("raslab:lab"), data)


@pytest.mark.django_db
def test_shipped_and_loaded_models_can_be_chosen(administrator):
    from clearpath.platform.rules.services import load_rule_pack

    load_rule_pack(text=CHEAPER, filename="demo-points-v7.toml", by=administrator)
    choices = dict(model_choices())
    assert choices["demo-points@1"] == (
        "Demonstration points model, version 1 (in use now, demonstration figures)"
    )
    assert "demo-bands@1" in choices and "demo-points@7" in choices
    assert model_source("demo-points@7") == CHEAPER


@pytest.mark.django_db
def test_only_administrators_may_use_the_lab(client, practitioner, manager, administrator):
    run = services.run_lab(
        by=administrator,
        cases_text=GOOD,
        file_name="cases.csv",
        model=services.ModelText(model_source("demo-points@1"), "demo-points@1"),
    )
    pages = [
        reverse("raslab:lab"),
        reverse("raslab:example-csv"),
        reverse("raslab:run-detail", args=[run.pk]),
        reverse("raslab:run-csv", args=[run.pk]),
    ]
    for user in (practitioner, manager):
        client.force_login(user)
        for page in pages:
            assert client.get(page).status_code == 403, page
        assert post(client).status_code == 403
    client.logout()
    assert client.get(pages[0]).status_code == 302  # to sign in
    with pytest.raises(ServiceError):
        services.run_lab(
            by=practitioner,
            cases_text=GOOD,
            file_name="cases.csv",
            model=services.ModelText(model_source("demo-points@1"), "demo-points@1"),
        )
    assert LabRun.objects.count() == 1


@pytest.mark.django_db
def test_an_administrator_runs_a_test_and_sees_the_results(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("raslab:lab")).status_code == 200
    response = post(client)
    run = LabRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("raslab:run-detail", args=[run.pk])
    assert run.case_count == 4 and run.model_ref == "demo-points@1"
    assert run.summary["results"][0]["median_abs_error_pct"] == "14.5"
    assert run.summary["results"][0]["least_squares_price"] == "9.70"
    event = AuditEvent.objects.get(action="raslab.run")
    assert event.actor == administrator and event.object_id == str(run.pk)

    page = client.get(response.url).content.decode()
    assert "14.5% (half the cases are within this)" in page
    assert "£9.70 a week" in page  # the least-squares price, in words
    assert page.count('role="img"') == 2  # the scatter and the bar chart
    assert "Age band" in page and "65-74" in page
    assert "The two models side by side" not in page

    csv = client.get(reverse("raslab:run-csv", args=[run.pk]))
    assert csv["Content-Type"] == "text/csv"
    lines = csv.content.decode().splitlines()
    assert lines[0] == (
        "line,case_id,primary_support_reason,age_band,ethnicity,agreed_weekly,points,"
        "predicted_weekly,error_pct"
    )
    assert lines[1] == "2,A,Not recorded,65-74,Not recorded,57.00,6.00,57.00,0.0"
    assert lines[3] == "4,C,Not recorded,18-24,Not recorded,25.00,2.00,19.00,-24.0"
    assert lines[4].startswith("5,'=D,")  # never a spreadsheet formula


@pytest.mark.django_db
def test_two_models_side_by_side(client, administrator):
    client.force_login(administrator)
    response = post(
        client,
        compare="upload",
        compare_file=SimpleUploadedFile("cheaper.toml", CHEAPER.encode()),
    )
    run = LabRun.objects.get()
    assert response.status_code == 302
    assert (run.compare_ref, run.compare_uploaded) == ("demo-points@7", True)
    page = client.get(response.url).content.decode()
    assert "The two models side by side" in page
    assert "14.5%" in page and "13.5%" in page
    header = client.get(reverse("raslab:run-csv", args=[run.pk])).content.decode().splitlines()[0]
    assert header.endswith("error_pct,points_b,predicted_weekly_b,error_pct_b")


@pytest.mark.django_db
def test_a_bad_file_is_refused_whole_with_line_numbers(client, administrator):
    client.force_login(administrator)
    bad = "\n".join([HEADER, row("A", "57.00"), row("B", "12.x"), row("C", "10", hygiene="lots")])
    response = post(client, cases=bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Line 3, agreed_weekly: &#39;12.x&#39; is not an amount of money" in page
    assert "Line 4, hygiene: &#39;lots&#39; is not a help level" in page
    assert "Nothing was saved" in page
    assert "<title>Error: RAS lab" in page
    assert LabRun.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "extra, message",
    [
        ({"model": ""}, "Choose a model version to test"),
        ({"model": "upload"}, "Choose a model file (TOML) to upload"),
        (
            {"model": "upload", "model_file": SimpleUploadedFile("m.toml", b"[pack\nkind=")},
            "m.toml: is not valid TOML",
        ),
        (
            {
                "model": "upload",
                "model_file": SimpleUploadedFile(
                    "q.toml",
                    model_source("demo-points@1")
                    .replace('kind = "ras_model"', 'kind = "review_policy"')
                    .encode(),
                ),
            },
            "q.toml",
        ),
    ],
)
def test_a_bad_model_choice_is_explained(client, administrator, extra, message):
    client.force_login(administrator)
    response = post(client, **extra)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert LabRun.objects.count() == 0


@pytest.mark.django_db
def test_no_file_and_a_file_that_is_not_utf8(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("raslab:lab"), {"model": "demo-points@1"})
    assert "Choose a CSV file of historical cases" in response.content.decode()
    response = client.post(
        reverse("raslab:lab"),
        {"model": "demo-points@1", "cases": SimpleUploadedFile("x.csv", "£5".encode("cp1252"))},
    )
    assert "must be saved as UTF-8" in response.content.decode()


@pytest.mark.django_db
def test_the_example_file_downloads_and_passes(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("raslab:example-csv"))
    assert response["Content-Disposition"].endswith('filename="ras-lab-example.csv"')
    text = response.content.decode()
    assert text.startswith("case_id," + ",".join(OUTCOMES))
    assert post(client, cases=text).status_code == 302


@pytest.mark.django_db
def test_a_missing_run_is_not_found(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("raslab:run-detail", args=[999])).status_code == 404
