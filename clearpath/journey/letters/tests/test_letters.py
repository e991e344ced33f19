"""Budget letters: reference codes, the HTML the PDF is made from, the PDF, and who may see them."""

import re

from django.urls import reverse

from clearpath.journey.letters import codes
from clearpath.journey.letters.models import LetterReference
from clearpath.journey.letters.services import reference_for_budget, reference_for_calculation
from clearpath.platform.audit.models import AuditEvent
from tests.builders import approved, assessed_person


def test_codes_are_short_unambiguous_and_typed_loosely():
    code = codes.new_code()
    assert re.fullmatch(r"CP-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert not set(code[3:].replace("-", "")) & set("01ILOU")
    assert codes.normalise(code.lower().replace("-", " ")) == code
    assert codes.normalise(code[3:]) == code  # the CP prefix is optional
    assert codes.normalise("CP-0000-1111") is None
    assert codes.normalise("") is None


def test_a_calculation_gets_one_reference_however_often_the_letter_is_made(practitioner):
    calc = assessed_person(by=practitioner).budget_calculations.get()
    first = reference_for_calculation(calculation=calc, by=practitioner)
    again = reference_for_calculation(calculation=calc, by=practitioner)
    assert first.pk == again.pk and first.kind == "indicative"
    assert AuditEvent.objects.filter(action="letter.reference_made").count() == 1


def test_the_indicative_letter_says_the_amount_explanation_reference_and_how_to_challenge(
    client, practitioner
):
    person = assessed_person(by=practitioner)
    calc = person.budget_calculations.get()
    client.force_login(practitioner)
    html = client.get(
        reverse("letters:indicative-preview", args=[person.pk, calc.pk])
    ).content.decode()
    ref = LetterReference.objects.get(calculation=calc)
    weekly = f"£{calc.weekly_amount:,.2f}"
    assert weekly in html and ref.code in html
    assert "/challenge-a-budget" in html and "social worker" in html
    assert "14 Mill Lane" in html and "Margaret Okafor" in html
    for line in calc.explanation:
        assert line.replace("'", "&#39;").replace('"', "&#34;") in html


def test_the_indicative_letter_is_a_pdf_and_the_view_is_logged(client, practitioner):
    person = assessed_person(by=practitioner)
    calc = person.budget_calculations.get()
    client.force_login(practitioner)
    response = client.get(reverse("letters:indicative-pdf", args=[person.pk, calc.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        kind="view", person=person, summary="Viewed indicative budget letter"
    ).exists()


def test_the_final_letter_gives_the_plan_deployment_and_decision(client, practitioner):
    decision = approved(by=practitioner)
    budget = decision.personal_budget
    client.force_login(practitioner)
    html = client.get(
        reverse("letters:final-preview", args=[budget.person_id, budget.pk])
    ).content.decode()
    ref = reference_for_budget(budget=budget, by=practitioner)
    assert ref.code in html and "£94.50 a week" in html
    assert "direct payment" in html and "approved by the practitioner" in html
    pdf = client.get(reverse("letters:final-pdf", args=[budget.person_id, budget.pk]))
    assert pdf.content.startswith(b"%PDF")


def test_another_team_cannot_see_a_letter(client, practitioner, outsider):
    person = assessed_person(by=practitioner)
    calc = person.budget_calculations.get()
    client.force_login(outsider)
    assert (
        client.get(reverse("letters:indicative-pdf", args=[person.pk, calc.pk])).status_code == 404
    )
    assert not LetterReference.objects.exists()


def test_a_calculation_of_someone_else_is_not_found_under_this_person(client, practitioner):
    one = assessed_person(by=practitioner)
    other = assessed_person(by=practitioner, first_name="Ann", nhs_number="")
    client.force_login(practitioner)
    calc = other.budget_calculations.get()
    url = reverse("letters:indicative-preview", args=[one.pk, calc.pk])
    assert client.get(url).status_code == 404


def test_the_decision_and_person_pages_link_to_the_final_letter(client, practitioner):
    decision = approved(by=practitioner)
    budget = decision.personal_budget
    client.force_login(practitioner)
    link = reverse("letters:final-pdf", args=[budget.person_id, budget.pk])
    page = client.get(reverse("approvals:decision-detail", args=[decision.pk])).content.decode()
    assert link in page
    person_page = client.get(
        reverse("people:person-detail", args=[budget.person_id])
    ).content.decode()
    assert link in person_page
