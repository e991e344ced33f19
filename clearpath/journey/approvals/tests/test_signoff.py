"""Sign-off by exception: approve with changes, refer onwards, refusals logged, queues, the
financial view and the numbers (page and API, constant queries)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clearpath.errors import ServiceError
from clearpath.journey.approvals.access import queue_for
from clearpath.journey.approvals.models import Decision
from clearpath.journey.approvals.services import (
    approve_plan,
    approve_with_changes,
    refer_decision,
    return_plan,
)
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.platform.audit.models import AuditEvent
from tests.builders import approved, submitted


def test_approve_with_changes_needs_reasons_and_sets_the_budget_to_the_new_amount(practitioner):
    decision = submitted(by=practitioner)
    with pytest.raises(ServiceError, match="why the amount"):
        approve_with_changes(decision=decision, by=practitioner, weekly="80.00", reasons=" ")
    approve_with_changes(
        decision=decision, by=practitioner, weekly="80.00", reasons="One fewer taxi trip"
    )
    decision.refresh_from_db()
    assert decision.status == "approved" and decision.approved_weekly == Decimal("80.00")
    budget = PersonalBudget.objects.get(decision=decision)
    assert budget.weekly_gross == Decimal("80.00") and budget.annual_gross == Decimal("4160.00")
    assert AuditEvent.objects.filter(action="decision.amount_changed").exists()


def test_approving_with_changes_above_your_own_limit_is_refused_and_logged(practitioner):
    decision = submitted(by=practitioner)
    with pytest.raises(ServiceError, match="above your limit"):
        approve_with_changes(
            decision=decision, by=practitioner, weekly="900.00", reasons="More hours"
        )
    assert Decision.objects.get(pk=decision.pk).status == "pending"
    assert AuditEvent.objects.filter(action="decision.refused", actor=practitioner).exists()


def test_deciding_without_authority_is_refused_and_logged(practitioner, outsider):
    decision = submitted(by=practitioner)
    with pytest.raises(ServiceError, match="team"):
        approve_plan(decision=decision, by=outsider)
    with pytest.raises(ServiceError):
        return_plan(decision=decision, by=outsider, reason="No")
    refused = AuditEvent.objects.filter(action="decision.refused", actor=outsider)
    assert refused.count() == 2
    assert Decision.objects.get(pk=decision.pk).status == "pending"


def test_nobody_re_approves_what_another_approved(practitioner, manager):
    decision = approved(by=practitioner)
    with pytest.raises(ServiceError, match="already been decided"):
        approve_plan(decision=decision, by=manager)


def test_a_practitioner_refers_to_the_manager_who_refers_to_the_panel(
    practitioner, manager, panel_member
):
    decision = submitted(by=practitioner)
    with pytest.raises(ServiceError, match="why you are referring"):
        refer_decision(decision=decision, by=practitioner, to="manager", reason="")
    onward = refer_decision(
        decision=decision, by=practitioner, to="manager", reason="Family disagree about the plan"
    )
    assert onward.route == "manager" and onward.referred_from_id == decision.pk
    assert Decision.objects.get(pk=decision.pk).status == "referred"
    assert onward.submitted_at == decision.submitted_at
    with pytest.raises(ServiceError):  # the practitioner no longer decides it
        approve_plan(decision=onward, by=practitioner)
    panel = refer_decision(decision=onward, by=manager, to="panel", reason="Novel support")
    assert panel.route == "panel" and panel.triggers == ["requested_by_manager"]
    assert "A team manager asked for the panel" in panel.reasons[0]
    with pytest.raises(ServiceError, match="only be referred to the panel"):
        refer_decision(decision=panel, by=panel_member, to="manager", reason="x")
    approve_plan(decision=panel, by=panel_member)
    assert Decision.objects.filter(plan=decision.plan, status="approved").count() == 1


def test_queues_for_me_my_team_and_overdue(practitioner, manager):
    mine = submitted(by=practitioner)
    big = submitted(by=practitioner, weekly="490.00", nhs_number="", first_name="Ann")
    today = timezone.localdate()
    assert list(queue_for(practitioner, "mine", today)) == [mine]
    assert set(queue_for(practitioner, "team", today)) == {mine, big}
    assert list(queue_for(manager, "mine", today)) == [big]
    assert mine.due_on == today + timedelta(days=5) and big.due_on == today + timedelta(days=10)
    assert list(queue_for(manager, "overdue", today + timedelta(days=6))) == [mine]


def test_the_decision_page_offers_the_four_ways_and_refers_with_reasons(client, practitioner):
    decision = submitted(by=practitioner)
    client.force_login(practitioner)
    page = client.get(reverse("approvals:decision-detail", args=[decision.pk])).content.decode()
    for words in ("Approve the plan at", "Approve with changes", "Return for changes", "Refer"):
        assert words in page
    bad = client.post(
        reverse("approvals:decision-refer", args=[decision.pk]),
        {"row_version": decision.row_version, "to": "panel", "refer_reason": ""},
    )
    assert bad.status_code == 422 and "Say why you are referring" in bad.content.decode()
    ok = client.post(
        reverse("approvals:decision-refer", args=[decision.pk]),
        {"row_version": decision.row_version, "to": "panel", "refer_reason": "Complex family"},
    )
    assert ok.status_code == 302
    assert Decision.objects.get(plan=decision.plan, status="pending").route == "panel"


def test_a_stale_form_is_refused_with_an_explanation(client, practitioner):
    decision = submitted(by=practitioner)
    client.force_login(practitioner)
    response = client.post(
        reverse("approvals:decision-approve-changes", args=[decision.pk]),
        {"row_version": decision.row_version + 1, "weekly": "80", "change_reasons": "Less"},
    )
    assert response.status_code == 422
    assert "Someone else changed this decision" in response.content.decode()


def _decided_caseload(practitioner, manager, panel_member, n):
    for i in range(n):
        approved(by=practitioner, nhs_number="", first_name=f"P{i}")
        d = submitted(by=practitioner, weekly="490.00", nhs_number="", first_name=f"M{i}")
        approve_plan(decision=d, by=manager)
        p = submitted(
            by=practitioner,
            primary_support_reason="mental_health",
            nhs_number="",
            first_name=f"Q{i}",
        )
        return_plan(decision=p, by=panel_member, reason="More detail")


@pytest.mark.parametrize("n", [1, 3])
def test_numbers_and_spending_pages_run_a_fixed_number_of_queries(
    client, practitioner, manager, panel_member, django_assert_max_num_queries, n
):
    _decided_caseload(practitioner, manager, panel_member, n)
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("approvals:numbers"))
    text = page.content.decode()
    assert page.status_code == 200 and "33.3%" in text
    assert "Mental health support is the main reason" in text
    with django_assert_max_num_queries(12):
        spend = client.get(reverse("approvals:spending"))
    assert spend.status_code == 200 and "Committed so far" in spend.content.decode()
    with django_assert_max_num_queries(12):
        body = client.get("/api/signoff/numbers").json()
    shares = {r["route"]: (r["decided"], r["share"]) for r in body["routes"]}
    assert shares == {"practitioner": (n, "33.3"), "manager": (n, "33.3"), "panel": (n, "33.3")}
    assert body["triggers"][0]["code"] == "mental_health"


def test_practitioners_do_not_see_the_financial_view(client, practitioner):
    client.force_login(practitioner)
    assert client.get(reverse("approvals:spending")).status_code == 404
    assert client.get("/api/signoff/spending").status_code == 404


def test_the_api_refers_and_approves_with_changes(client, practitioner):
    decision = submitted(by=practitioner)
    client.force_login(practitioner)
    from django.middleware.csrf import get_token  # noqa: F401

    client.handler.enforce_csrf_checks = False
    r = client.post(
        f"/api/decisions/{decision.pk}/approve-with-changes",
        {"row_version": decision.row_version, "weekly": "90.00", "reasons": "  "},
        content_type="application/json",
    )
    assert r.status_code == 422
    r = client.post(
        f"/api/decisions/{decision.pk}/approve-with-changes",
        {"row_version": decision.row_version, "weekly": "90.00", "reasons": "Less needed"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "approved"
    assert Decimal(r.json()["approved_weekly"]) == Decimal("90.00")


def test_a_referral_under_a_policy_without_request_triggers_still_reaches_the_panel(
    practitioner, monkeypatch
):
    from domain import rulepacks

    v1 = rulepacks.delegation_policy("default@1")
    decision = submitted(by=practitioner)
    monkeypatch.setattr(rulepacks, "delegation_policy", lambda ref=None: v1)
    onward = refer_decision(decision=decision, by=practitioner, to="panel", reason="Complex")
    assert onward.route == "panel" and onward.triggers == [] and onward.policy_ref == "default@1"


def test_the_manager_sees_their_teams_spending_in_the_api(client, practitioner, manager):
    approved(by=practitioner)
    client.force_login(manager)
    body = client.get("/api/signoff/spending").json()
    assert [t["team"] for t in body["teams"]] == ["North team"]
    team = body["teams"][0]
    assert team["budgets"] == 1 and Decimal(team["projected"]) > 0
    assert team["deciders"][0]["route"] == "Practitioner"
