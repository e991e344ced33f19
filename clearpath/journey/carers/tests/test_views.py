"""The carer's assessment pages through the test client: start, drafts, errors, result, access."""

import pytest
from django.urls import reverse

from clearpath.journey.carers.models import CarerAssessment
from clearpath.journey.carers.services import start_carer_assessment
from domain import rulepacks
from tests.builders import add_test_person, carer_assessed

pytestmark = pytest.mark.django_db
CODES = [o.code for o in rulepacks.carer_question_set().outcomes]


def _all_answers(**overrides):
    data = {
        "action": "continue",
        "necessary_care": "yes",
        "health_at_risk": "no",
        "wellbeing_impact": "yes",
        "needs_fluctuate": "no",
    }
    data.update({f"{c}_ways": "none" for c in CODES})
    data.update(overrides)
    return data


def test_the_person_page_links_to_the_carers_assessment(client, practitioner):
    carer = add_test_person(by=practitioner)
    client.force_login(practitioner)
    page = client.get(reverse("people:person-detail", args=[carer.pk])).content.decode()
    assert (
        reverse("carers:carer-start", args=[carer.pk]) in page and "Carer's assessment</a>" in page
    )


def test_start_with_the_cared_for_person_then_the_form(client, practitioner):
    cared_for = add_test_person(by=practitioner)
    carer = add_test_person(by=practitioner, first_name="Joan", nhs_number="")
    client.force_login(practitioner)
    url = reverse("carers:carer-start", args=[carer.pk])
    assert cared_for.full_name in client.get(url).content.decode()
    response = client.post(url, {"cared_for": str(cared_for.pk)})
    a = CarerAssessment.objects.get(person=carer)
    assert response.url == reverse("carers:carer-edit", args=[a.pk]) and a.cared_for == cared_for
    page = client.get(response.url).content.decode()
    assert "caring for Margaret Okafor" in page and "Regulation 3(2)(b)(viii)" in page
    assert "much longer" not in page  # no "significantly longer" limb for carers


def test_an_unknown_cared_for_person_is_an_error_not_a_500(client, practitioner, outsider):
    other = add_test_person(by=outsider, nhs_number="")
    carer = add_test_person(by=practitioner)
    client.force_login(practitioner)
    page = client.post(reverse("carers:carer-start", args=[carer.pk]), {"cared_for": str(other.pk)})
    assert page.status_code == 200 and "Choose a person from the list" in page.content.decode()


def test_missing_answers_are_listed_and_what_was_typed_is_kept(client, practitioner):
    a = start_carer_assessment(person=add_test_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    page = client.post(
        reverse("carers:carer-edit", args=[a.pk]),
        {"action": "continue", "nutrition_ways": "danger", "nutrition_own_words": "I skip meals"},
    ).content.decode()
    assert "govuk-error-summary" in page
    assert "Say whether the needs come from giving necessary care" in page
    assert "Answer the question about time for yourself" in page
    assert "Answer the question about eating well" not in page
    assert "I skip meals" in page


def test_none_and_a_reason_together_is_an_error(client, practitioner):
    a = start_carer_assessment(person=add_test_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    page = client.post(
        reverse("carers:carer-edit", args=[a.pk]),
        _all_answers(nutrition_ways=["none", "danger"]),
    ).content.decode()
    assert "Either say you can do this, or say why it is hard, not both" in page


def test_takes_longer_is_refused_from_the_form(client, practitioner):
    a = start_carer_assessment(person=add_test_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    page = client.post(
        reverse("carers:carer-edit", args=[a.pk]), _all_answers(nutrition_ways="takes_longer")
    ).content.decode()
    assert "Choose from the reasons listed" in page
    assert CarerAssessment.objects.get(pk=a.pk).answers == {}


def test_fluctuating_needs_need_a_description(client, practitioner):
    a = start_carer_assessment(person=add_test_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    page = client.post(
        reverse("carers:carer-edit", args=[a.pk]), _all_answers(needs_fluctuate="yes")
    ).content.decode()
    assert "Say over what period the needs were looked at" in page


def test_check_then_complete_shows_reasons_and_the_budget(client, practitioner):
    a = start_carer_assessment(person=add_test_person(by=practitioner), by=practitioner)
    client.force_login(practitioner)
    response = client.post(
        reverse("carers:carer-edit", args=[a.pk]),
        _all_answers(
            habitable_home_ways="needs_help",
            needs_fluctuate="yes",
            fluctuation="the last 6 months",
        ),
    )
    assert response.url == reverse("carers:carer-check", args=[a.pk])
    check = client.get(response.url).content.decode()
    assert "I cannot do it without help" in check and "the last 6 months" in check
    response = client.post(response.url)
    assert response.url == reverse("carers:carer-result", args=[a.pk])
    page = client.get(response.url).content.decode()
    assert "Eligible for support as a carer" in page
    assert (
        "reg 3(2)(b)(iii)" in page and "Needs fluctuate: considered over the last 6 months" in page
    )
    assert "£150.00 a year" in page and "demonstration figures" in page
    assert "The arithmetic (for professionals)" in page


def test_a_carer_who_is_not_eligible_sees_why(client, practitioner):
    a = carer_assessed(by=practitioner, ways={}, health_at_risk=False)
    client.force_login(practitioner)
    page = client.get(reverse("carers:carer-result", args=[a.pk])).content.decode()
    assert "Not eligible for support as a carer" in page and "Condition (b) is not met" in page
    assert "carer&#39;s budget" not in page.lower()


@pytest.mark.parametrize("name", ["carer-edit", "carer-check", "carer-result"])
def test_another_team_is_denied_with_a_404(client, practitioner, outsider, name):
    a = carer_assessed(by=practitioner, complete=name == "carer-result")
    client.force_login(outsider)
    assert client.get(reverse(f"carers:{name}", args=[a.pk])).status_code == 404


def test_another_team_cannot_start_one_and_nothing_is_written(client, practitioner, outsider):
    carer = add_test_person(by=practitioner)
    client.force_login(outsider)
    assert client.post(reverse("carers:carer-start", args=[carer.pk]), {}).status_code == 404
    assert not CarerAssessment.objects.exists()


def test_a_panel_member_cannot_change_a_carers_assessment(client, practitioner, panel_member):
    a = carer_assessed(by=practitioner, complete=False)
    client.force_login(panel_member)
    assert client.post(reverse("carers:carer-check", args=[a.pk])).status_code == 404
    assert CarerAssessment.objects.get(pk=a.pk).is_draft
