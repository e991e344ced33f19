"""The decision page: one click to approve, reasons to return, and who may not decide."""

from django.urls import reverse

from clearpath.journey.approvals.models import Decision
from tests.builders import submitted


def test_the_practitioner_approves_in_one_click(client, practitioner):
    decision = submitted(by=practitioner)
    client.force_login(practitioner)
    page = client.get(reverse("approvals:decision-detail", args=[decision.pk])).content.decode()
    assert "Approve the plan" in page and "within your" in page
    response = client.post(
        reverse("approvals:decision-approve", args=[decision.pk]),
        {"row_version": decision.row_version, "note": ""},
    )
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).status == "approved"


def test_a_second_approval_from_a_stale_page_is_refused_with_a_message(client, practitioner):
    decision = submitted(by=practitioner)
    client.force_login(practitioner)
    url = reverse("approvals:decision-approve", args=[decision.pk])
    client.post(url, {"row_version": decision.row_version})
    response = client.post(url, {"row_version": decision.row_version})
    assert response.status_code == 422
    assert (
        "Someone else changed" in response.content.decode()
        or "already been decided" in response.content.decode()
    )


def test_returning_without_reasons_shows_an_error(client, practitioner):
    decision = submitted(by=practitioner)
    client.force_login(practitioner)
    response = client.post(
        reverse("approvals:decision-return", args=[decision.pk]),
        {"row_version": decision.row_version, "reason": ""},
    )
    assert response.status_code == 422 and "Say what needs to change" in response.content.decode()


def test_the_finance_officer_cannot_see_a_pending_decision(client, practitioner, finance_officer):
    decision = submitted(by=practitioner)
    client.force_login(finance_officer)
    assert client.get(reverse("approvals:decision-detail", args=[decision.pk])).status_code == 404
    assert (
        client.post(
            reverse("approvals:decision-approve", args=[decision.pk]), {"row_version": 1}
        ).status_code
        == 404
    )


def test_the_queue_says_how_many_wait_even_when_only_the_oldest_are_listed(
    client, practitioner, monkeypatch
):
    from clearpath.journey.approvals import views

    monkeypatch.setattr(views, "QUEUE_SHOWN", 1)
    submitted(by=practitioner)
    submitted(by=practitioner, nhs_number="9912003888", first_name="Ann")
    client.force_login(practitioner)
    page = client.get(reverse("approvals:decision-list")).content.decode()
    assert "2 waiting, oldest 1 shown" in page
