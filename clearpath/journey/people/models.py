"""People who need care and support, and the representatives they choose."""

from datetime import date

from django.db import models

from clearpath.models import Versioned
from domain import rulepacks


def psr_choices():
    return [(c.code, c.label) for c in rulepacks.codes().primary_support_reasons]


def representative_kind_choices():
    return [(c.code, c.label) for c in rulepacks.codes().representative_kinds]


class Person(Versioned):
    """Someone known to the council's adult social care service (a CLD 'Person')."""

    class Stage(models.TextChoices):
        CONTACT = "contact", "Contact recorded"
        ASSESSMENT = "assessment", "Assessment in progress"
        NOT_ELIGIBLE = "not_eligible", "Not eligible"
        PLANNING = "planning", "Support planning"
        DECISION = "decision", "Waiting for a decision"
        BUDGET = "budget", "Personal budget in place"

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    nhs_number = models.CharField(max_length=10, blank=True, db_index=True)
    address = models.TextField(max_length=500)
    postcode = models.CharField(max_length=8, db_index=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    primary_support_reason = models.CharField(max_length=40)
    has_dementia = models.BooleanField(default=False)
    in_transition = models.BooleanField(
        "moving from children's services",
        default=False,
    )
    # Details for the statutory Client Level Data return (codes from the cld_return rule pack).
    gender = models.CharField(max_length=40, blank=True)
    ethnicity = models.CharField(max_length=40, blank=True)
    accommodation_status = models.CharField(max_length=40, blank=True)
    employment_status = models.CharField(max_length=40, blank=True)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="people")
    stage = models.CharField(
        max_length=20, choices=Stage.choices, default=Stage.CONTACT, db_index=True
    )

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["team", "stage"]),
            models.Index(fields=["last_name", "first_name"]),
            # A team's caseload in name order: the people list (see benchmarks/results).
            models.Index(fields=["team", "last_name", "first_name", "id"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    STAGE_TAG_CLASSES = {
        "contact": "govuk-tag--grey",
        "assessment": "govuk-tag--light-blue",
        "not_eligible": "govuk-tag--orange",
        "planning": "govuk-tag--blue",
        "decision": "govuk-tag--yellow",
        "budget": "govuk-tag--green",
    }

    @property
    def stage_tag_class(self) -> str:
        return self.STAGE_TAG_CLASSES.get(self.stage, "govuk-tag--grey")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def reference(self) -> str:
        """The council's unique person identifier (CLD LA_Person_Unique_Identifier)."""
        return f"CP{self.pk:07d}"

    def age_on(self, today: date) -> int:
        dob = self.date_of_birth
        return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))

    def get_primary_support_reason_display(self) -> str:
        return rulepacks.codes().label("primary_support_reasons", self.primary_support_reason)

    def return_detail(self, list_name: str, code: str) -> str:
        """The words for one of the person's statutory-return details ('' when not recorded)."""
        return rulepacks.cld_return().label(list_name, code) if code else ""

    @property
    def nhs_number_display(self) -> str:
        n = self.nhs_number
        return f"{n[:3]} {n[3:6]} {n[6:]}" if n else "Not known"


class Representative(Versioned):
    """Someone the person chooses to speak or act for them: family, advocate, nominated person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="representatives")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def get_kind_display(self) -> str:
        return rulepacks.codes().label("representative_kinds", self.kind)
