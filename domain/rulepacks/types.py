"""The typed, frozen values a rule pack is turned into once its fields have been checked."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


class RulePackError(ValueError):
    """A rule pack is missing, or a field in it is missing or wrong (the message names both)."""


@dataclass(frozen=True)
class Pack:
    """One rule-pack file: its [pack] header and its (read-only) body."""

    kind: str
    id: str
    version: int
    title: str
    source: str
    demo: bool
    effective_from: date
    data: Mapping[str, Any] = field(hash=False, repr=False)

    @property
    def ref(self) -> str:
        """'care-act-outcomes@1': stored with every calculation that used this pack."""
        return f"{self.id}@{self.version}"


@dataclass(frozen=True)
class Choice:
    """One answer or code a person or practitioner can choose."""

    code: str
    label: str
    letter: str = ""
    legal_text: str = ""


@dataclass(frozen=True)
class Outcome:
    """One specified outcome of SI 2015/313 reg 2(2), in the law's words and the person's."""

    code: str
    letter: str
    legal_text: str
    heading: str
    hint: str


@dataclass(frozen=True)
class QuestionSet:
    """The one-page assessment: the ten outcomes, the four ways, and the levels the RAS scores."""

    ref: str
    demo: bool
    source: str
    outcomes: tuple[Outcome, ...]
    ways: tuple[Choice, ...]
    help_levels: tuple[Choice, ...]
    unpaid_care_levels: tuple[Choice, ...]
    impairment_question: str
    wellbeing_question: str

    def outcome(self, code: str) -> Outcome:
        """The outcome with this code; ValueError if the question set has none."""
        for outcome in self.outcomes:
            if outcome.code == code:
                return outcome
        raise ValueError(f"{code!r} is not an outcome in {self.ref}")


@dataclass(frozen=True)
class PriceStep:
    """Points above `above_points` are worth `price_per_point` each (a stepped, marginal price)."""

    above_points: Decimal
    price_per_point: Decimal


@dataclass(frozen=True)
class Band:
    """A banded table row: from `from_points` up to the next band's start, the amount is `weekly`."""

    from_points: Decimal
    weekly: Decimal


ROUNDING_MODES = ("half_up", "up", "down")
RAS_METHODS = ("points", "bands")


@dataclass(frozen=True)
class RasModel:
    """A resource allocation system: points per answer, an adjustment for unpaid care, then either
    points x price per point (with optional stepped prices) or a banded table; rounding and limits."""

    ref: str
    demo: bool
    source: str
    price_per_point: Decimal | None  # the first (or only) price; None for a banded model
    floor_weekly: Decimal
    cap_weekly: Decimal
    round_to: Decimal
    points: Mapping[str, Decimal] = field(hash=False)
    outcome_points: Mapping[str, Mapping[str, Decimal]] = field(hash=False)
    unpaid_care_reduction: Mapping[str, Decimal] = field(hash=False)
    method: str = "points"
    rounding: str = "half_up"
    price_steps: tuple[PriceStep, ...] = ()  # prices above a number of points, in order
    bands: tuple[Band, ...] = ()

    def points_for(self, outcome: str, level: str) -> Decimal:
        """Points for this help level, using the outcome's own table where the model has one."""
        return self.outcome_points.get(outcome, {}).get(level, self.points[level])


@dataclass(frozen=True)
class RoleLimit:
    """The most a role may approve on its own authority: a weekly and a yearly cost."""

    role: str
    weekly: Decimal
    annual: Decimal


@dataclass(frozen=True)
class DelegationPolicy:
    """Who may decide a plan: the tolerance above the indicative budget and the panel triggers.

    From version 2 of the format a policy also sets each role's weekly and yearly limits, how
    long each route has to decide, extra triggers matched on the primary support reason, and
    which changes at a review need a new decision (a version 1 policy leaves these empty)."""

    ref: str
    demo: bool
    source: str
    tolerance_above_indicative: Decimal
    early_onset_age: int
    mental_health_psr: str
    panel_triggers: Mapping[str, str] = field(hash=False)  # code -> plain wording, in order
    notes: tuple[str, ...] = ()
    role_limits: Mapping[str, RoleLimit] = field(default_factory=dict, hash=False)
    decide_within_days: Mapping[str, int] = field(default_factory=dict, hash=False)
    # extra trigger code -> the primary support reason label (CLD) that sets it off
    trigger_on_support_reason: Mapping[str, str] = field(default_factory=dict, hash=False)
    new_decision_at_review: tuple[str, ...] = ()

    def limit_for(self, role: str) -> "RoleLimit | None":
        """The policy's limits for a role ("practitioner", "team_manager"); None if it sets none."""
        return self.role_limits.get(role)

    def wording(self, trigger: str) -> str:
        """The plain wording of a panel trigger; ValueError if the policy has no such trigger."""
        try:
            return self.panel_triggers[trigger]
        except KeyError:
            raise ValueError(f"{trigger!r} is not a panel trigger in {self.ref}") from None


@dataclass(frozen=True)
class ReviewPolicy:
    """When reviews and direct payments fall due."""

    ref: str
    demo: bool
    source: str
    first_review_weeks: int
    first_review_latest_weeks: int
    annual_review_months: int
    direct_payment_first_review_months: int
    payment_every_days: int
    payments_scheduled_ahead: int
    # From default-v2 on (absent from v1, so these defaults keep v1 readable).
    due_soon_days: int = 28
    link_valid_days: int = 28
    auto_confirm_no_change: bool = False
    auto_confirm_max_weekly: Decimal = Decimal("0")
    triggers: tuple["ReviewTrigger", ...] = ()
    review_reasons: tuple[Choice, ...] = ()
    methods: tuple[Choice, ...] = ()
    outcomes_achieved: tuple[Choice, ...] = ()
    review_outcomes: tuple[Choice, ...] = ()

    def trigger(self, code: str) -> "ReviewTrigger | None":
        """The event that asks for a review, by code (None if this policy has no such trigger)."""
        return next((t for t in self.triggers if t.code == code), None)

    def label(self, list_name: str, code: str) -> str:
        """The label of a code in one of the policy's lists; the code itself if it is not there."""
        items = self.triggers if list_name == "triggers" else getattr(self, list_name)
        return next((c.label for c in items if c.code == code), code)


@dataclass(frozen=True)
class ReviewTrigger:
    """An event that asks for a review within `due_in_days` (days council-configured)."""

    code: str
    label: str
    due_in_days: int
    source: str


@dataclass(frozen=True)
class Codes:
    """Code lists: CLD Release 1 values, and Clearpath's own lists (marked council-configured)."""

    ref: str
    demo: bool
    source: str
    primary_support_reasons: tuple[Choice, ...]
    client_types: tuple[Choice, ...]
    event_types: tuple[Choice, ...]
    delivery_mechanisms: tuple[Choice, ...]
    routes_of_access: tuple[Choice, ...]
    representative_kinds: tuple[Choice, ...]
    plan_led_by: tuple[Choice, ...]
    deployments: tuple[Choice, ...]
    lists: Mapping[str, tuple[Choice, ...]] = field(hash=False, repr=False)
    council_configured: frozenset[str] = frozenset()

    def label(self, list_name: str, code: str) -> str:
        """The label of `code` in a list; the code itself if it is no longer in the list."""
        for choice in self.lists[list_name]:
            if choice.code == code:
                return choice.label
        return code

    def codes_of(self, list_name: str) -> frozenset[str]:
        """Every code in a list, for checking input."""
        return frozenset(c.code for c in self.lists[list_name])
