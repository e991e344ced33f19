"""The one-page assessment through the test client: drafts, missing answers, completion."""

from django.urls import reverse

from clearpath.journey.assessments.models import Assessment
from clearpath.journey.assessments.services import start_assessment
from domain import rulepacks
from tests.builders import add_test_person


def _all_answers(**overrides):
    data = {"needs_arise_from_impairment": "yes", "wellbeing_impact": "yes", "unpaid_care": "none"}
    for o in rulepacks.question_set().outcomes:
        data[f"{o.code}_help"] = "none"
    data.update(overrides)
    return data


def test_save_draft_keeps_what_was_typed(client, practitioner):
    a = start_assessment(person=add_test_person(by=practitioner), by=practitioner, mode="self")
    client.force_login(practitioner)
    url = reverse("assessments:assessment-edit", args=[a.pk])
    client.post(
        url, {"action": "save", "hygiene_help": "full", "hygiene_own_words": "The bath is too high"}
    )
    page = client.get(url).content.decode()
    assert "The bath is too high" in page
    assert Assessment.objects.get(pk=a.pk).answers["hygiene"]["help"] == "full"


def test_continuing_with_missing_answers_lists_each_one(client, practitioner):
    a = start_assessment(person=add_test_person(by=practitioner), by=practitioner, mode="self")
    client.force_login(practitioner)
    page = client.post(
        reverse("assessments:assessment-edit", args=[a.pk]),
        {"action": "continue", "hygiene_help": "full"},
    ).content.decode()
    assert "govuk-error-summary" in page
    assert "Answer the question about eating and drinking" in page
    assert "Answer the question about washing" not in page


def test_completing_shows_eligibility_reasons_and_the_budget_explanation(client, practitioner):
    a = start_assessment(person=add_test_person(by=practitioner), by=practitioner, mode="supported")
    client.force_login(practitioner)
    answers = _all_answers(
        hygiene_help="full",
        hygiene_ways="needs_help",
        nutrition_help="a_lot",
        nutrition_ways="danger",
    )
    response = client.post(
        reverse("assessments:assessment-edit", args=[a.pk]), {"action": "continue", **answers}
    )
    assert response["Location"] == reverse("assessments:assessment-check", args=[a.pk])
    response = client.post(reverse("assessments:assessment-check", args=[a.pk]))
    page = client.get(response["Location"]).content.decode()
    assert "Eligible for care and support" in page
    assert "regulation 2(1)(b)" in page and "added 6 points" in page
    assert "demonstration figures" in page


def test_a_completed_assessment_cannot_be_edited(client, practitioner):
    from tests.builders import assessed_person

    a = assessed_person(by=practitioner).assessments.get()
    client.force_login(practitioner)
    response = client.post(
        reverse("assessments:assessment-edit", args=[a.pk]),
        {"action": "save", "hygiene_help": "none"},
    )
    assert response.status_code == 302
    assert Assessment.objects.get(pk=a.pk).answers["hygiene"]["help"] == "full"


def test_outsiders_cannot_open_an_assessment(client, practitioner, outsider):
    a = start_assessment(person=add_test_person(by=practitioner), by=practitioner, mode="self")
    client.force_login(outsider)
    assert client.get(reverse("assessments:assessment-edit", args=[a.pk])).status_code == 404
