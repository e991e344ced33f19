"""Building demo and synthetic councils by calling the real services (so every step is audited)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from clearpath.journey.approvals.services import approve_plan
from clearpath.journey.assessments.services import (
    save_assessment,
    start_assessment,
    submit_assessment,
)
from clearpath.journey.contacts.services import record_contact
from clearpath.journey.people.models import Person
from clearpath.journey.people.services import add_person, add_representative
from clearpath.journey.plans.services import start_plan, submit_plan, update_plan
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.accounts.services import add_staff_member, add_team
from domain import rulepacks

Role = StaffMember.Role
DEMO_PASSWORD = (
    "demo-password-2026"  # demo only; `make run` prints it. Never used outside the demo.
)

DEMO_TEAMS = ["North locality team", "South locality team"]
DEMO_STAFF = [
    # username, first, last, role, team index, weekly limit (demo figures)
    ("practitioner", "Priya", "Shah", Role.PRACTITIONER, 0, "500.00"),
    ("practitioner2", "Tom", "Owen", Role.PRACTITIONER, 1, "500.00"),
    ("manager", "Grace", "Adeyemi", Role.TEAM_MANAGER, 0, "1500.00"),
    ("manager2", "Sam", "Hughes", Role.TEAM_MANAGER, 1, "1500.00"),
    ("panel", "Olu", "Bankole", Role.PANEL_MEMBER, None, "0.00"),
    ("finance", "Fiona", "Clarke", Role.FINANCE_OFFICER, None, "0.00"),
    ("admin", "Alex", "Morgan", Role.ADMINISTRATOR, None, "0.00"),
]
STAGES = ["contact", "assessment", "not_eligible", "planning", "decision", "budget"]

SUPPORT_LINES = [
    ("Personal assistant for washing and dressing", "13.50", "hours"),
    ("Day opportunities at the community centre", "45.00", "sessions"),
    ("Help with shopping and meals", "13.50", "hours"),
    ("Gym membership to stay active", "25.00", "months"),
    ("Taxi to the allotment club", "12.00", "trips"),
]
OUTCOMES = [
    "I want to get up and dressed in time to see my friends",
    "I want to cook my own meals again",
    "I want to get out of the house at least three times a week",
    "I want my daughter to have a break from caring",
]


# Demo only: every demo sign-in's authenticator app has this key, so anyone trying the demo can
# add it to their app once (or run `manage.py demo_code`). Real staff set up their own at first
# sign-in (clearpath/platform/accounts/two_factor.py).
DEMO_TOTP_KEY = "436c65617270617468206465206d6f20323032362121"


def demo_two_factor(staff: StaffMember) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from clearpath.platform.accounts.two_factor import APP_DEVICE

    if not TOTPDevice.objects.filter(user=staff, confirmed=True).exists():
        TOTPDevice.objects.create(user=staff, name=APP_DEVICE, key=DEMO_TOTP_KEY, confirmed=True)


def ensure_staff(*, password: str = DEMO_PASSWORD) -> dict[str, StaffMember]:
    """The demo teams and one sign-in per role (idempotent)."""
    teams = [add_team(name=n, annual_budget=Decimal("2500000.00")) for n in DEMO_TEAMS]
    staff = {}
    for username, first, last, role, team_i, limit in DEMO_STAFF:
        existing = StaffMember.objects.filter(username=username).first()
        staff[username] = existing or add_staff_member(
            username=username,
            password=password,
            first_name=first,
            last_name=last,
            role=role,
            team=teams[team_i] if team_i is not None else None,
            weekly_limit=Decimal(limit),
            email=f"{username}@demo.invalid",
        )
    ensure_demo_panel(staff["panel"], password=password)
    for member in StaffMember.objects.filter(username__in=[s[0] for s in DEMO_STAFF]):
        demo_two_factor(member)
    return staff


def ensure_demo_panel(chair: StaffMember, *, password: str = DEMO_PASSWORD) -> None:
    """The demo's exceptions panel: two members (the demo panel sign-in and a second member),
    quorum two, meeting every fortnight (idempotent)."""
    from clearpath.journey.panels.models import Panel
    from clearpath.journey.panels.services import add_panel

    if Panel.objects.filter(name="Exceptions panel").exists():
        return
    second = StaffMember.objects.filter(username="panel2").first() or add_staff_member(
        username="panel2",
        password=password,
        first_name="Ruth",
        last_name="Nwosu",
        role=Role.PANEL_MEMBER,
        team=None,
        weekly_limit=Decimal("0.00"),
        email="panel2@demo.invalid",
    )
    add_panel(name="Exceptions panel", quorum=2, members=[chair, second], by=None)


def _answers(rng: random.Random, needs: int) -> dict:
    qs = rulepacks.question_set()
    chosen = set(rng.sample([o.code for o in qs.outcomes], needs))
    levels = [c.code for c in qs.help_levels]
    ways = [c.code for c in qs.ways]
    answers = {}
    for o in qs.outcomes:
        if o.code in chosen:
            answers[o.code] = {
                "help": rng.choice(levels[1:]),
                "ways": rng.sample(ways, rng.randint(1, 2)),
                "own_words": "",
            }
        else:
            answers[o.code] = {"help": levels[0], "ways": [], "own_words": ""}
    return answers


FLUCTUATING = "Some weeks are much harder than others, about one week in four."
OUTSIDE_RAS = "Waking night support, two nights a week"


def assessment_extras(n: int) -> dict:
    """Changing needs for about one person in five; a need the points cannot price for one in 17
    (so the demo shows the "outside the RAS" panel route)."""
    return {
        "needs_fluctuate": n % 5 == 0,
        "fluctuation_words": FLUCTUATING if n % 5 == 0 else "",
        "outside_ras_needs": OUTSIDE_RAS if n % 17 == 0 else "",
    }


def take_person_to(
    *, person: Person, stage: str, practitioner, manager, rng: random.Random, today: date
) -> None:
    """Walk one person through the real services up to `stage`."""
    codes = rulepacks.codes()
    record_contact(
        person=person,
        by=practitioner,
        received_on=today - timedelta(days=rng.randint(20, 200)),
        route_of_access=rng.choice(codes.routes_of_access).code,
        summary="Asked for help to stay living at home.",
    )
    if stage == "contact":
        return
    assessment = start_assessment(
        person=person, by=practitioner, mode=rng.choice(["supported", "practitioner", "self"])
    )
    qs = rulepacks.question_set()
    eligible = stage != "not_eligible"
    save_assessment(
        assessment=assessment,
        by=practitioner,
        answers=_answers(rng, rng.randint(2, 6) if eligible else 1),
        needs_arise_from_impairment=True,
        wellbeing_impact=eligible,
        unpaid_care=rng.choice([c.code for c in qs.unpaid_care_levels]),
        **assessment_extras(person.pk),
    )
    if stage == "assessment":
        return
    submit_assessment(assessment=assessment, by=practitioner)
    if stage == "not_eligible":
        return
    plan = start_plan(person=person, by=practitioner)
    calc = plan.budget_calculation
    lines, total = [], Decimal("0")
    for desc, rate, _unit in rng.sample(SUPPORT_LINES, rng.randint(1, 3)):
        qty = Decimal(rng.randint(1, 8))
        lines.append(
            {
                "description": desc,
                "unit_cost": Decimal(rate),
                "quantity": qty,
                "frequency": "weekly",
            }
        )
        total += Decimal(rate) * qty
    update_plan(
        plan=plan,
        by=practitioner,
        expected_version=plan.row_version,
        led_by=rng.choice(["person", "family", "practitioner"]),
        what_matters="Staying in my own home, near my friends and my church.",
        deployment=rng.choice(["direct_payment", "direct_payment", "council_managed"]),
        outcomes=rng.sample(OUTCOMES, 2),
        lines=lines,
    )
    if stage == "planning":
        return
    decision = submit_plan(plan=plan, by=practitioner)
    if stage == "decision" or decision.route == "panel":
        return
    decider = practitioner if decision.route == "practitioner" else manager
    approve_plan(
        decision=decision, by=decider, starts_on=today - timedelta(days=rng.randint(0, 60))
    )
    del calc, total


def valid_nhs_number(rng: random.Random) -> str:
    """A random 10-digit number that passes the modulus 11 check (synthetic, not a real person's)."""
    from domain.nhs_number import is_valid_nhs_number

    while True:
        candidate = "9" + "".join(str(rng.randint(0, 9)) for _ in range(9))
        if is_valid_nhs_number(candidate):
            return candidate


def fake_person_details(fake, rng: random.Random, today: date) -> dict:
    """en_GB details for a synthetic person, with a realistic mix of ages and support reasons."""
    psr = rng.choices(
        [c.code for c in rulepacks.codes().primary_support_reasons],
        weights=[8, 30, 2, 2, 1, 14, 12, 10, 2, 1, 6, 0, 2],
    )[0]
    age = rng.choice([rng.randint(18, 64), rng.randint(65, 99), rng.randint(65, 99)])
    dob = today - timedelta(days=age * 365 + rng.randint(0, 364))
    nhs = valid_nhs_number(rng)
    return {
        "first_name": fake.first_name(),
        "last_name": fake.last_name(),
        "date_of_birth": dob,
        "nhs_number": nhs,
        "address": fake.street_address() + "\n" + fake.city(),
        "postcode": fake.postcode(),
        "primary_support_reason": psr,
        "has_dementia": psr == rulepacks.codes().primary_support_reasons[5].code
        and rng.random() < 0.6,
        "in_transition": 18 <= age <= 25 and rng.random() < 0.3,
    } | fake_return_details(nhs, age, psr)


def fake_return_details(nhs_number: str, age: int, psr: str) -> dict:
    """Gender, ethnic group, accommodation and work for a synthetic person, drawn from their own
    random stream (so adding these did not change anyone else's details). About 1 in 50 people
    have them not recorded yet, as in real records."""
    rng = random.Random(nhs_number)
    if rng.random() < 0.02:
        return {}
    lists = rulepacks.cld_return().lists
    ethnic = [c.code for c in lists["ethnicities"]]
    working_age = 18 <= age <= 64
    return {
        "gender": rng.choices(["female", "male", "other", "not_known"], [55, 44, 0.5, 0.5])[0],
        "ethnicity": rng.choices(
            ethnic,
            [74, 1, 0.2, 0.2, 6]
            + [0.8] * 4
            + [3, 2.7, 1.1, 0.8, 1.6, 2.5, 1, 0.5, 0.6, 1.6, 1, 0.4],
        )[0],
        "accommodation_status": rng.choices(
            ["own_home", "with_family", "supported_living", "shared_lives", "other"],
            [70, 18, 8, 2, 2],
        )[0],
        "employment_status": (
            rng.choices(
                ["paid_16_plus", "paid_under_16", "seeking_work", "not_seeking_work", "voluntary"],
                [8, 10, 12, 60, 10],
            )[0]
            if working_age
            else ("retired" if age >= 65 else "")
        ),
    }


def load_demo_council(*, people: int = 50, seed: int = 2026, today: date) -> int:
    """The demo council: teams, one sign-in per role and `people` people spread over every stage.

    Idempotent: does nothing if the demo people are already there. Returns how many were added.
    """
    from faker import Faker

    staff = ensure_staff()
    if Person.objects.exists():
        return 0
    fake, rng = Faker("en_GB"), random.Random(seed)
    fake.seed_instance(seed)
    pairs = [(staff["practitioner"], staff["manager"]), (staff["practitioner2"], staff["manager2"])]
    for i in range(people):
        practitioner, manager = pairs[i % 2]
        person = add_person(by=practitioner, **fake_person_details(fake, rng, today))
        if i % 3 == 0:
            add_representative(
                person=person,
                by=practitioner,
                name=fake.name(),
                kind="family",
                email="",
                phone=fake.phone_number(),
            )
        take_person_to(
            person=person,
            stage=STAGES[(i // 2) % len(STAGES)],
            practitioner=practitioner,
            manager=manager,
            rng=rng,
            today=today,
        )
    return people
