"""Facts for the bureaucracy dashboard, read in a fixed number of queries however large the council
(never one per person or per week), and worked out by the pure rules in domain/measures.py."""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Min, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from clearpath.insight.measures import freshness
from clearpath.journey.approvals.models import Decision
from clearpath.journey.assessments.models import Assessment
from clearpath.journey.budgets.models import BudgetCalculation, PersonalBudget
from clearpath.journey.challenges.models import Challenge
from clearpath.journey.contacts.models import Contact
from clearpath.journey.people.models import Person
from clearpath.money.payments.models import ScheduledPayment
from clearpath.platform.audit.models import AuditEvent
from domain import measures as m
from domain import rulepacks

# An outcome answered with a help level, found in the answers' JSON text: counting in the text is
# many times faster than decoding 70,000 answers (a quote inside the person's own words is always
# escaped, so it cannot look like this).
ANSWERED = re.compile(r'"help": ?"[^"]')


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    team_id: int | None = None

    def people(self, prefix: str = "person__") -> dict:
        """The filter that keeps to one team's people, when a team is chosen."""
        return {f"{prefix}team_id": self.team_id} if self.team_id else {}


@dataclass
class Dashboard:
    period: Period
    days: dict[str, m.Spread] = field(default_factory=dict)
    decided_by: list[tuple[str, int, Decimal | None]] = field(default_factory=list)
    decisions: int = 0
    panel_triggers: list[tuple[str, int]] = field(default_factory=list)
    panel_referrals: int = 0
    questions: m.Spread | None = None
    people_added: int = 0
    typed_twice: int = 0
    handoffs: m.Spread | None = None
    reviews_light: int = 0
    reviews_light_auto: int = 0
    reviews_full: int = 0
    challenges: list[tuple[str, int]] = field(default_factory=list)
    challenge_count: int = 0
    budgets: int = 0
    direct_payments: int = 0
    direct_payment_share: Decimal | None = None
    weekly: list[tuple[date, int, Decimal | None]] = field(default_factory=list)


def _first(qs, moment: str, period: Period, person: str = "person_id") -> dict[int, date]:
    """Each person's first `moment`, for people whose first one falls in the period."""
    out = {}
    for who, first in qs.values_list(person).annotate(first=Min(moment)).order_by():
        when = first.date() if hasattr(first, "date") else first
        if when and period.start <= when <= period.end:
            out[who] = when
    return out


def dashboard(period: Period) -> Dashboard:
    d = Dashboard(period)
    team = period.people()
    contacts = {
        r["person_id"]: r["first"]
        for r in Contact.objects.filter(**team)
        .values("person_id")
        .annotate(first=Min("received_on"))
        .order_by()
    }
    assessed = _first(
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED, **team),
        "submitted_at",
        period,
    )
    budgeted = _first(BudgetCalculation.objects.filter(**team), "created_at", period)
    decided = _first(
        Decision.objects.filter(status=Decision.Status.APPROVED, **team), "decided_at", period
    )
    paid = _first(
        ScheduledPayment.objects.exclude(status=ScheduledPayment.Status.CANCELLED).filter(
            **period.people("schedule__personal_budget__person__")
        ),
        "due_on",
        period,
        person="schedule__personal_budget__person_id",
    )
    for code, later in (
        ("days_to_assessment", assessed),
        ("days_to_budget", budgeted),
        ("days_to_decision", decided),
        ("days_to_payment", paid),
    ):
        d.days[code] = m.spread(m.days_between(contacts, later))
    d.weekly = m.weekly_medians(
        ((when, (when - contacts[p]).days) for p, when in decided.items() if p in contacts),
        period.start,
        period.end,
    )

    in_period = {"decided_at__date__range": (period.start, period.end)}
    routes = Counter(
        dict(
            Decision.objects.filter(status=Decision.Status.APPROVED, **in_period, **team)
            .values_list("route")
            .annotate(n=Count("id"))
            .order_by()
        )
    )
    d.decisions = sum(routes.values())
    d.decided_by = [
        (label, routes.get(code, 0), m.share(routes.get(code, 0), d.decisions))
        for code, label in Decision.Route.choices
    ]
    triggers: Counter[str] = Counter()
    referrals = Decision.objects.filter(
        route=Decision.Route.PANEL, submitted_at__date__range=(period.start, period.end), **team
    ).values_list("triggers", flat=True)
    for names in referrals:
        d.panel_referrals += 1
        triggers.update(names or ["asked for by staff"])
    words = rulepacks.delegation_policy().panel_triggers
    d.panel_triggers = [(words.get(t, t), n) for t, n in triggers.most_common()]

    answers = (
        Assessment.objects.filter(
            status=Assessment.Status.SUBMITTED,
            submitted_at__date__range=(period.start, period.end),
            **team,
        )
        .annotate(text=Cast("answers", TextField()))
        .values_list("text", flat=True)
    )
    d.questions = m.spread(len(ANSWERED.findall(text or "")) for text in answers)

    added_ids = [
        int(pk)
        for pk in AuditEvent.objects.filter(
            action="person.added", at__date__range=(period.start, period.end), **team
        ).values_list("object_id", flat=True)
    ]
    d.people_added = len(added_ids)
    everyone = Person.objects.order_by().values_list(
        "pk", "first_name", "last_name", "date_of_birth"
    )
    wanted = set(added_ids)
    people = list(everyone.iterator(chunk_size=10000))
    d.typed_twice = len(
        m.typed_twice(
            [p for p in people if p[0] in wanted], [p for p in people if p[0] not in wanted]
        )
    )

    d.handoffs = m.spread(
        AuditEvent.objects.filter(
            kind=AuditEvent.Kind.CHANGE,
            person_id__in=Decision.objects.filter(
                status=Decision.Status.APPROVED, **in_period, **team
            ).values("person_id"),
            actor__isnull=False,
        )
        .values("person_id")
        .annotate(n=Count("actor_id", distinct=True))
        .order_by()
        .values_list("n", flat=True)
    )

    from clearpath.journey.reviews.models import Review

    kinds = Counter(
        "full" if reassessed else ("auto" if auto else "light")
        for reassessed, auto in Review.objects.filter(
            status=Review.Status.COMPLETED,
            completed_on__range=(period.start, period.end),
            **team,
        ).values_list("reassessment_id", "auto_confirmed")
    )
    d.reviews_light = kinds["light"] + kinds["auto"]
    d.reviews_light_auto = kinds["auto"]
    d.reviews_full = kinds["full"]

    outcomes = dict(
        Challenge.objects.filter(received_at__date__range=(period.start, period.end), **team)
        .values_list("outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    d.challenge_count = sum(outcomes.values())
    d.challenges = [(label, outcomes.get(code, 0)) for code, label in Challenge.Outcome.choices]
    d.challenges.append(("Waiting for an answer", outcomes.get("", 0)))

    deployments = dict(
        PersonalBudget.objects.filter(
            status=PersonalBudget.Status.ACTIVE, starts_on__lte=period.end, **team
        )
        .values_list("deployment")
        .annotate(n=Count("id"))
        .order_by()
    )
    d.budgets = sum(deployments.values())
    d.direct_payments = deployments.get(PersonalBudget.Deployment.DIRECT_PAYMENT, 0)
    d.direct_payment_share = m.share(d.direct_payments, d.budgets)
    return d


def _waits(dates, today: date) -> m.Spread:
    return m.spread((today - (d.date() if hasattr(d, "date") else d)).days for d in dates if d)


def team_view(team, today: date) -> dict:
    """One team's personal budget and direct payment take-up, against the council's, and where its
    cases are waiting now: how many, and for how long."""
    from clearpath.journey.plans.models import SupportPlan
    from clearpath.journey.reviews.models import Review

    def take_up(**team_filter):
        counts = dict(
            PersonalBudget.objects.filter(status=PersonalBudget.Status.ACTIVE, **team_filter)
            .values_list("deployment")
            .annotate(n=Count("id"))
            .order_by()
        )
        total = sum(counts.values())
        dp = counts.get(PersonalBudget.Deployment.DIRECT_PAYMENT, 0)
        return {"budgets": total, "direct_payments": dp, "share": m.share(dp, total)}

    people = Person.objects.filter(team=team)
    with_budget = people.filter(stage=Person.Stage.BUDGET).count()
    eligible_or_later = people.filter(
        stage__in=[Person.Stage.PLANNING, Person.Stage.DECISION, Person.Stage.BUDGET]
    ).count()
    waiting = [
        (
            "Waiting for an assessment to start",
            _waits(
                people.filter(stage=Person.Stage.CONTACT)
                .annotate(first=Min("contacts__received_on"))
                .values_list("first", flat=True),
                today,
            ),
        ),
        (
            "Assessment started, not finished",
            _waits(
                Assessment.objects.filter(
                    person__team=team, status=Assessment.Status.DRAFT
                ).values_list("created_at", flat=True),
                today,
            ),
        ),
        (
            "Support plan being written",
            _waits(
                SupportPlan.objects.filter(
                    person__team=team,
                    status__in=[SupportPlan.Status.DRAFT, SupportPlan.Status.RETURNED],
                ).values_list("created_at", flat=True),
                today,
            ),
        ),
        (
            "Plan waiting for a decision",
            _waits(
                Decision.objects.filter(team=team, status=Decision.Status.PENDING).values_list(
                    "submitted_at", flat=True
                ),
                today,
            ),
        ),
        (
            "Review overdue",
            _waits(
                Review.objects.filter(
                    person__team=team, status=Review.Status.SCHEDULED, due_on__lt=today
                ).values_list("due_on", flat=True),
                today,
            ),
        ),
    ]
    return {
        "team_take_up": take_up(person__team=team),
        "council_take_up": take_up(),
        "with_budget": with_budget,
        "eligible_or_later": eligible_or_later,
        "budget_share": m.share(with_budget, eligible_or_later),
        "waiting": waiting,
    }


def cached_dashboard(period: Period) -> tuple[Dashboard, datetime]:
    """The dashboard for a period and team, and when it was counted: counted afresh at most every
    MEASURES_CACHE_SECONDS (the figures are about months, so minutes-old is fine), and at once
    after any change to what it counts (freshness.py)."""
    seconds = settings.MEASURES_CACHE_SECONDS
    if not seconds:
        return dashboard(period), timezone.now()
    key = f"measures:{freshness.version()}:{period.start}:{period.end}:{period.team_id}"
    hit = cache.get(key)
    if hit is not None:
        return hit
    result = (dashboard(period), timezone.now())
    cache.set(key, result, seconds)
    return result
