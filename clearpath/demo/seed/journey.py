"""The synthetic council's mix: stage shares, teams, working-day clock, batches of rows."""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from clearpath.demo.council import (
    DEMO_PASSWORD,
    STAGES,
    ensure_staff,
)
from clearpath.journey.approvals.models import Decision
from clearpath.journey.assessments.models import Assessment, EligibilityResult
from clearpath.journey.budgets.models import BudgetCalculation, PersonalBudget
from clearpath.journey.contacts.models import Contact
from clearpath.journey.people.models import Person, Representative
from clearpath.journey.plans.models import PlanLine, PlanOutcome, SupportPlan
from clearpath.journey.reviews.models import Review
from clearpath.money.payments.models import PaymentSchedule, ScheduledPayment
from clearpath.platform.accounts.models import StaffMember, Team
from clearpath.platform.accounts.services import add_staff_member, add_team
from clearpath.platform.audit.models import AuditEvent

Role = StaffMember.Role


# Share of people at each stage (per cent). ~100k people known, ~30k budgets (ARCHITECTURE.md §7).
STAGE_SHARES = {
    "contact": 18,
    "assessment": 10,
    "not_eligible": 25,
    "planning": 12,
    "decision": 3,
    "budget": 32,
}
assert list(STAGE_SHARES) == STAGES

# The demo's North and South teams plus six more: eight locality teams, one practitioner and one
# team manager each (demonstration figures, like the demo's).
EXTRA_TEAMS = [
    # team, (practitioner first, last), (manager first, last)
    ("East locality team", ("Aisha", "Begum"), ("David", "Price")),
    ("West locality team", ("Rhys", "Jenkins"), ("Claire", "Whitfield")),
    ("Central locality team", ("Mei", "Chen"), ("Marcus", "Boateng")),
    ("Coastal locality team", ("Hannah", "Pearce"), ("Imran", "Qureshi")),
    ("Rural locality team", ("Owen", "Lloyd"), ("Fiona", "MacLeod")),
    ("City locality team", ("Zainab", "Okoro"), ("Peter", "Sutcliffe")),
]
PRACTITIONER_LIMIT, MANAGER_LIMIT = Decimal("500.00"), Decimal("1500.00")

CONTACT_SUMMARIES = [
    "Asked for help to stay living at home.",
    "Daughter called: mum is struggling with washing and meals since her fall.",
    "Referred by the hospital discharge team after a stroke.",
    "GP asked us to see him: he has stopped going out and is not eating well.",
    "Moving from children's services; wants to live more independently.",
    "Carer asked for a break; her husband needs help day and night.",
]
WHAT_MATTERS = [
    "Staying in my own home, near my friends and my church.",
    "Seeing my grandchildren and getting to the shops on my own terms.",
    "Keeping my allotment going and not being a burden on my son.",
    "Going back to the swimming club and cooking for myself.",
    "Having a routine I choose, with people I know.",
]
# How each demo support line is usually bought.
LINE_FREQUENCY = {"hours": "weekly", "sessions": "weekly", "trips": "weekly", "months": "monthly"}
REPRESENTATIVE_KINDS = (["family", "friend", "advocate", "nominated_person"], [60, 10, 15, 15])
LED_BY = (["person", "family", "practitioner", "independent_planner"], [50, 25, 20, 5])
# Of the people planning, how many had a plan returned by the decider and are changing it.
RETURNED_SHARE = 0.15
RETURN_REASONS = [
    "Please show how the taxi trips meet the outcomes agreed.",
    "The plan is above the indicative budget; say why the extra hours are needed.",
    "Add what the person said about the day centre in their own words.",
]

# Working days between the steps of a journey (low, high).
GAPS = {
    "assess": (1, 21),
    "save": (0, 3),
    "submit": (0, 10),
    "plan": (0, 7),
    "plan_save": (1, 21),
    "plan_submit": (0, 7),
    "decide": (0, 10),
    "panel": (7, 28),
    "start": (0, 14),
}
# The steps each stage goes through (its journey must fit between its first contact and today).
STAGE_STEPS = {
    "contact": [],
    "assessment": ["assess", "save"],
    "not_eligible": ["assess", "save", "submit"],
    "planning": ["assess", "save", "submit", "plan", "plan_save", "plan_submit", "panel"],
    "decision": ["assess", "save", "submit", "plan", "plan_save", "plan_submit"],
    "budget": list(GAPS),
}
# How far back first contacts go: settled cases up to a year before their journey, open ones recent.
STAGE_SPREAD_DAYS = {"not_eligible": 365, "budget": 365}
OPEN_SPREAD_DAYS = 100


# --- Staff -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Locality:
    team: Team
    practitioner: StaffMember
    manager: StaffMember


def ensure_council_staff(*, password: str = DEMO_PASSWORD) -> tuple[list[Locality], StaffMember]:
    """The demo's staff plus six more locality teams (idempotent). Returns the teams and the panel."""
    staff = ensure_staff(password=password)
    localities = [
        Locality(staff["practitioner"].team, staff["practitioner"], staff["manager"]),
        Locality(staff["practitioner2"].team, staff["practitioner2"], staff["manager2"]),
    ]
    for i, (name, (pf, pl), (mf, ml)) in enumerate(EXTRA_TEAMS, start=3):
        team = add_team(name=name, annual_budget=Decimal("2500000.00"))
        pair = []
        for username, first, last, role, limit in (
            (f"practitioner{i}", pf, pl, Role.PRACTITIONER, PRACTITIONER_LIMIT),
            (f"manager{i}", mf, ml, Role.TEAM_MANAGER, MANAGER_LIMIT),
        ):
            existing = StaffMember.objects.filter(username=username).first()
            pair.append(
                existing
                or add_staff_member(
                    username=username,
                    password=password,
                    first_name=first,
                    last_name=last,
                    role=role,
                    team=team,
                    weekly_limit=limit,
                    email=f"{username}@demo.invalid",
                )
            )
        localities.append(Locality(team, pair[0], pair[1]))
    return localities, staff["panel"]


def _manager_limits(teams) -> dict[int, Decimal]:
    """What approvals.services._manager_limit works out for each team, read once."""
    limits = {}
    for team in teams:
        top = (
            team.staff.filter(role=Role.TEAM_MANAGER, is_active=True)
            .order_by("-weekly_limit")
            .values_list("weekly_limit", flat=True)
            .first()
        )
        limits[team.pk] = top or Decimal(0)
    return limits


# --- Time ----------------------------------------------------------------------------------------


class Clock:
    """Moves one person's journey forward through working days and hours, never backwards.

    The gaps between steps are drawn first, so the first contact can be placed for the whole journey
    to have happened by `today` (recent budgets as well as old ones)."""

    def __init__(self, rng: random.Random, today: date, stage: str):
        self.rng, self.tz = rng, timezone.get_default_timezone()
        self.gaps = {step: rng.randint(lo, hi) for step, (lo, hi) in GAPS.items()}
        span = sum(self._calendar_days(self.gaps[step]) for step in STAGE_STEPS[stage])
        spread = STAGE_SPREAD_DAYS.get(stage, OPEN_SPREAD_DAYS)
        self.first_day = today - timedelta(days=rng.randint(span + 3, span + 3 + spread))
        self.now = self._morning(self.first_day)
        self.first_day = self.now.date()

    @staticmethod
    def _calendar_days(working_days: int) -> int:
        return working_days + working_days // 5 * 2 + 2

    def _morning(self, day: date) -> datetime:
        while day.weekday() >= 5:  # the council works Monday to Friday
            day += timedelta(days=1)
        return datetime.combine(day, time(9), self.tz) + timedelta(minutes=self.rng.randint(0, 420))

    def later(self, gap: str | None = None) -> datetime:
        """The next step: `gap` working days on (GAPS), or a few minutes after the last step."""
        days = self.gaps[gap] if gap else 0
        if days:
            self.now = self._morning(self.now.date() + timedelta(days=days + days // 5 * 2))
        else:
            self.now += timedelta(minutes=self.rng.randint(1, 25), seconds=self.rng.randint(0, 59))
        return self.now


@contextmanager
def historical_timestamps(models) -> Iterator[None]:
    """Let bulk_create keep the past times we give `created_at`, `at`... (auto_now(_add) off)."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


# --- Generating one batch ----------------------------------------------------------------------

ALL_MODELS = [
    Person,
    Representative,
    Contact,
    Assessment,
    EligibilityResult,
    BudgetCalculation,
    SupportPlan,
    PlanOutcome,
    PlanLine,
    Decision,
    PersonalBudget,
    PaymentSchedule,
    ScheduledPayment,
    Review,
    AuditEvent,
]


@dataclass
class Batch:
    """Unsaved rows for a batch of people, in the order they must be written."""

    rows: dict[type, list] = field(default_factory=lambda: {m: [] for m in ALL_MODELS})
    # (when, actor, action, obj, person, summary, changes): object ids are known once written.
    events: list[tuple] = field(default_factory=list)
    # Payments need the personal budget's pk for their idempotency key: made after budgets.
    payments: list[tuple[PaymentSchedule, PersonalBudget, tuple[date, ...]]] = field(
        default_factory=list
    )

    def add(self, obj):
        self.rows[type(obj)].append(obj)
        return obj

    def event(self, when, actor, action, obj, person, summary, changes=None):
        self.events.append((when, actor, action, obj, person, summary, changes))
