"""The portal: one-time links, consent (time-limited, revocable, logged), self-assessment sent
for a supported check, budget with its explanation, a plan with a PA line sent to the council."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clearpath.journey.assessments.models import Assessment
from clearpath.journey.plans.models import SupportPlan
from clearpath.journey.portal import services
from clearpath.journey.portal.models import (
    AccessLog,
    OutboxMessage,
    PortalAccount,
    SentToCouncil,
    SignInLink,
)
from domain import rulepacks
from tests.builders import add_test_person, assessed_person


def _answers(**overrides):
    data = {"needs_arise_from_impairment": "yes", "wellbeing_impact": "yes", "unpaid_care": "none"}
    for o in rulepacks.question_set().outcomes:
        data[f"{o.code}_help"] = "none"
    data.update(overrides)
    return data


def _sign_in(client, account):
    token = services.send_link(account=account)
    r = client.post(reverse("portal:link", args=[token]))
    assert r.status_code == 302 and r["Location"] == reverse("portal:home")


def _person_and_helper(person, today, scopes=None):
    me = services.create_account(
        person=person,
        role="person",
        name="Margaret Okafor",
        email="m@example.com",
        created_by_name="Priya Shah",
    )
    helper = services.add_helper(
        by=me,
        name="Sam Okafor",
        email="sam@example.com",
        phone="",
        relationship="son",
        scopes=scopes or ["assessment", "budget", "plan", "documents", "messages"],
        expires_on=today + timedelta(days=90),
        today=today,
    )
    return me, helper


def test_a_link_works_once_and_then_says_what_to_do(client, practitioner):
    person = add_test_person(by=practitioner)
    account = services.create_account(
        person=person,
        role="person",
        name="Margaret",
        email="m@example.com",
        created_by_name="Priya",
    )
    page = client.post(reverse("portal:sign-in"), {"contact": "M@example.com"}).content.decode()
    assert "If M@example.com has online access" in page
    message = OutboxMessage.objects.get()
    token = re.search(r"/portal/link/([\w-]+)", message.body).group(1)
    assert SignInLink.objects.get().token_hash != token  # only the hash is kept
    assert (
        "Continue to sign in" in client.get(reverse("portal:link", args=[token])).content.decode()
    )
    assert client.post(reverse("portal:link", args=[token])).status_code == 302
    assert "Hello Margaret" in client.get(reverse("portal:home")).content.decode()
    client.post(reverse("portal:sign-out"))
    again = client.post(reverse("portal:link", args=[token]))
    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert "Ask for a new sign-in link" in again.content.decode()
    wrong = client.post(reverse("portal:link", args=["not-a-real-token"]))
    assert wrong.status_code == 404 and "do not recognise this link" in wrong.content.decode()
    token = services.send_link(account=account)
    SignInLink.objects.filter(used_at__isnull=True).update(expires_at=timezone.now())
    expired = client.post(reverse("portal:link", args=[token]))
    assert expired.status_code == 410 and "has expired" in expired.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_nothing_is_sent(client, db):
    page = client.post(reverse("portal:sign-in"), {"contact": "nobody@example.com"})
    assert "If nobody@example.com has online access" in page.content.decode()
    assert not OutboxMessage.objects.exists()


def test_pages_need_sign_in(client, db):
    for name in ("portal:home", "portal:assessment", "portal:plan", "portal:helpers"):
        assert client.get(reverse(name))["Location"] == reverse("portal:sign-in")


def test_a_helper_without_consent_sees_nothing(client, practitioner):
    person = assessed_person(by=practitioner)
    helper = services.create_account(
        person=person,
        role="helper",
        name="Stranger",
        email="s@example.com",
        created_by_name="Priya",
    )
    _sign_in(client, helper)
    home = client.get(reverse("portal:home")).content.decode()
    assert "You cannot see anything here yet" in home and "a week" not in home
    for name in (
        "portal:assessment",
        "portal:budget",
        "portal:plan",
        "portal:documents",
        "portal:messages",
        "portal:pa-costs",
        "portal:directory",
    ):
        r = client.get(reverse(name))
        assert r.status_code == 403, name
        assert "Eligible" not in r.content.decode()
    assert client.get(reverse("portal:helpers")).status_code == 404
    assert AccessLog.objects.filter(account=helper, allowed=False).count() == 7


def test_consent_limits_what_a_helper_sees_and_can_be_withdrawn(client, practitioner):
    today = timezone.localdate()
    person = assessed_person(by=practitioner)
    me, helper = _person_and_helper(person, today, scopes=["budget"])
    _sign_in(client, helper)
    assert client.get(reverse("portal:budget")).status_code == 200
    assert client.get(reverse("portal:plan")).status_code == 403
    consent = helper.consents.get()
    services.revoke_consent(consent=consent, by_name="Margaret")
    assert client.get(reverse("portal:budget")).status_code == 403
    # The person sees every page the helper opened, including the refused ones.
    client.post(reverse("portal:sign-out"))
    _sign_in(client, me)
    log = client.get(reverse("portal:access-log")).content.decode()
    assert "Sam Okafor" in log and "Eligibility and budget" in log and "(not allowed)" in log


def test_consent_ends_on_its_date(practitioner):
    today = timezone.localdate()
    person = assessed_person(by=practitioner)
    _, helper = _person_and_helper(person, today)
    assert services.access_for(helper, today=today).can("plan")
    assert not services.access_for(helper, today=today + timedelta(days=91)).scopes


def test_consent_must_be_time_limited(practitioner):
    today = timezone.localdate()
    person = add_test_person(by=practitioner)
    helper = services.create_account(
        person=person, role="helper", name="X", email="x@example.com", created_by_name="P"
    )
    with pytest.raises(services.ServiceError):
        services.give_consent(
            account=helper,
            scopes=["plan"],
            expires_on=today,
            how_given="phone",
            recorded_by_name="P",
            today=today,
        )
    with pytest.raises(services.ServiceError):
        services.give_consent(
            account=helper,
            scopes=["plan"],
            expires_on=today + timedelta(days=2000),
            how_given="phone",
            recorded_by_name="P",
            today=today,
        )


def test_a_helper_does_the_self_assessment_and_the_practitioner_sees_it(client, practitioner):
    today = timezone.localdate()
    person = add_test_person(by=practitioner)
    _, helper = _person_and_helper(person, today)
    _sign_in(client, helper)
    client.post(reverse("portal:assessment"), {"action": "start"})
    a = Assessment.objects.get(person=person)
    assert a.mode == "self"
    client.post(
        reverse("portal:assessment"),
        {"action": "save", "hygiene_help": "full", "hygiene_own_words": "Bath too high"},
    )
    assert "Bath too high" in client.get(reverse("portal:assessment")).content.decode()
    answers = _answers(
        hygiene_help="full",
        hygiene_ways="needs_help",
        hygiene_own_words="Bath too high",
        nutrition_help="a_lot",
        nutrition_ways="danger",
    )
    r = client.post(reverse("portal:assessment"), {"action": "continue", **answers})
    assert r["Location"] == reverse("portal:assessment-check")
    client.post(reverse("portal:assessment-check"))
    sent = SentToCouncil.objects.get(assessment=a)
    assert sent.account == helper
    assert "Sent to the council" in client.get(reverse("portal:assessment-check")).content.decode()
    # The practitioner opens the same answers: nothing re-keyed.
    client.force_login(practitioner)
    page = client.get(reverse("assessments:assessment-edit", args=[a.pk])).content.decode()
    assert "Sent by Sam Okafor (helper) through the portal" in page and "Bath too high" in page
    client.post(reverse("assessments:assessment-check", args=[a.pk]))
    a.refresh_from_db()
    assert not a.is_draft and a.answers["hygiene"]["own_words"] == "Bath too high"
    page = client.get(reverse("portal:budget")).content.decode()
    assert "Your needs are eligible" in page and "How your budget was worked out" in page


def test_a_helper_builds_a_plan_with_a_pa_line_and_sends_it(client, practitioner):
    today = timezone.localdate()
    person = assessed_person(by=practitioner)
    _, helper = _person_and_helper(person, today)
    _sign_in(client, helper)
    client.post(reverse("portal:plan"), {"action": "start"})
    plan = SupportPlan.objects.get(person=person)
    inputs = {
        "tax_year": "2026-27",
        "hourly_rate": "12.71",
        "hours_per_week": "20",
        "age_band": "aged_21_and_over",
        "irregular_hours": "no",
        "employment_allowance": "yes",
        "pension_age": "yes",
    }
    page = client.get(reverse("portal:pa-costs"), inputs).content.decode()
    assert "£286.42 a week" in page and "Add to my plan" in page
    assert client.post(reverse("portal:pa-costs"), inputs).status_code == 302
    plan.refresh_from_db()
    assert plan.weekly_total == Decimal("286.42")
    page = client.get(reverse("portal:plan")).content.decode()
    data = {
        "row_version": plan.row_version,
        "led_by": "family",
        "deployment": "direct_payment",
        "what_matters": "Staying at home with my cat",
        "outcome-1": "Have a bath twice a week",
        "lines-1-description": plan.lines.get().description,
        "lines-1-unit_cost": "14893.98",
        "lines-1-quantity": "1",
        "lines-1-frequency": "annually",
        "lines-1-source": "pa_employer:2026-27@1",
        "lines-1-working": plan.lines.get().working,
        "action": "continue",
    }
    r = client.post(reverse("portal:plan"), data)
    assert r["Location"] == reverse("portal:plan-check"), r.content.decode()[:3000]
    client.post(reverse("portal:plan-check"))
    assert SentToCouncil.objects.filter(plan=plan, account=helper).exists()
    plan.refresh_from_db()
    assert plan.lines.get().working.startswith("Personal assistant costs for 2026/27")
    client.force_login(practitioner)
    page = client.get(reverse("plans:plan-submit", args=[plan.pk])).content.decode()
    assert "Sent by Sam Okafor (helper) through the portal" in page
    assert "Staying at home with my cat" in page and "£286.42" in page


def test_staff_give_access_with_consent_and_a_link_is_sent(client, practitioner):
    person = add_test_person(by=practitioner)
    client.force_login(practitioner)
    url = reverse("portal-staff:person-portal", args=[person.pk])
    page = client.post(
        url, {"form": "account", "role": "helper", "name": "Ana", "email": "ana@example.com"}
    ).content.decode()
    assert "Choose what the person has agreed" in page and "Say how the person gave consent" in page
    r = client.post(
        url,
        {
            "form": "account",
            "role": "helper",
            "name": "Ana",
            "email": "ana@example.com",
            "scopes": ["plan"],
            "expires_on-day": "1",
            "expires_on-month": "1",
            "expires_on-year": str(timezone.localdate().year + 1),
            "how_given": "By phone",
        },
    )
    assert r.status_code == 302
    account = PortalAccount.objects.get(name="Ana")
    assert account.consents.get().scopes == ["plan"]
    assert OutboxMessage.objects.filter(to="ana@example.com").exists()


def test_the_person_uploads_an_own_format_plan_and_downloads_it_from_the_portal(
    client, practitioner
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n%%EOF\n"
    person = assessed_person(by=practitioner)
    me = services.create_account(
        person=person, role="person", name="Margaret", email="m@example.com", created_by_name="P"
    )
    _sign_in(client, me)
    client.post(reverse("portal:plan"), {"action": "upload"})
    r = client.post(
        reverse("portal:plan-upload"),
        {
            "document": SimpleUploadedFile("plan.pdf", pdf),
            "led_by": "person",
            "weekly_total": "120",
            "outcomes": "Go swimming",
            "deployment": "mixed",
        },
    )
    assert r["Location"] == reverse("portal:plan-check")
    page = client.get(reverse("portal:plan-check")).content.decode()
    doc = SupportPlan.objects.get(person=person).documents.get()
    assert reverse("portal:document", args=[doc.pk]) in page
    assert client.get(reverse("portal:document", args=[doc.pk])).content == pdf
    client.post(reverse("portal:plan-check"))
    assert SentToCouncil.objects.filter(plan__format="own").exists()


def test_a_text_message_link_is_found_by_the_number_however_it_is_typed(client, practitioner):
    person = add_test_person(by=practitioner)
    services.create_account(
        person=person,
        role="person",
        name="Margaret",
        phone="07700 900 982",
        created_by_name="P",
    )
    client.post(reverse("portal:sign-in"), {"contact": "+44 7700 900982"})
    message = OutboxMessage.objects.get()
    assert message.channel == "sms" and message.to == "07700900982"


def test_links_are_limited_to_five_an_hour(client, practitioner):
    person = add_test_person(by=practitioner)
    services.create_account(
        person=person, role="person", name="Margaret", email="m@example.com", created_by_name="P"
    )
    for _ in range(7):
        client.post(reverse("portal:sign-in"), {"contact": "m@example.com"})
    assert OutboxMessage.objects.count() == 5


def test_the_demo_gives_a_planning_person_and_a_helper_access_once(practitioner):
    from clearpath.demo.portal import load_demo_portal

    person = assessed_person(by=practitioner)
    today = timezone.localdate()
    me = load_demo_portal(today=today)
    assert me.person == person and load_demo_portal(today=today) is None
    helper = PortalAccount.objects.get(role="helper")
    assert services.access_for(helper, today=today).can("plan")


def test_portal_lists_do_not_grow_queries_with_the_data(
    client, practitioner, django_assert_max_num_queries
):
    today = timezone.localdate()
    person = assessed_person(by=practitioner)
    me, helper = _person_and_helper(person, today)
    access = services.access_for(helper, today=today)
    for i in range(40):
        services.log_access(access=access, what=f"Page {i}")
        services.post_message(person=person, from_council=bool(i % 2), author_name="A", text="x")
    _sign_in(client, me)
    for name in ("portal:access-log", "portal:helpers", "portal:messages", "portal:home"):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(name)).status_code == 200
    client.force_login(practitioner)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("portal-staff:person-portal", args=[person.pk]))
    assert "Page 39" in page.content.decode()


def test_the_outbox_never_exists_with_debug_off(client, db, settings):
    """It lists everyone's sign-in links: PORTAL_SHOW_OUTBOX cannot turn it on in production."""
    settings.DEBUG = False
    settings.PORTAL_SHOW_OUTBOX = True
    assert client.get("/portal/outbox").status_code == 404
    page = client.post(reverse("portal:sign-in"), {"contact": "nobody@example.com"})
    assert "/portal/outbox" not in page.content.decode()
    settings.DEBUG = True
    assert client.get("/portal/outbox").status_code == 200
