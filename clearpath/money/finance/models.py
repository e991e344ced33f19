"""Direct payment agreements, payment runs (exactly once), budget revisions and uplifts,
financial assessments, statement imports and the exceptions monitoring raises."""

from decimal import Decimal

from django.db import models

MONEY = {"max_digits": 12, "decimal_places": 2}


class DirectPaymentAgreement(models.Model):
    """The agreement for one personal budget paid as a direct payment: who receives it, where."""

    class Recipient(models.TextChoices):
        PERSON = "person", "The person"
        NOMINATED = "nominated", "A nominated person"
        AUTHORISED = "authorised", "An authorised person"

    class Status(models.TextChoices):
        OFFERED = "offered", "Offered"
        ACCEPTED = "accepted", "Accepted"

    personal_budget = models.OneToOneField(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="dp_agreement"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recipient = models.CharField(max_length=12, choices=Recipient.choices, default="person")
    recipient_name = models.CharField(max_length=200)
    account_name = models.CharField(max_length=200, blank=True)
    sort_code = models.CharField(max_length=8, blank=True)
    account_number = models.CharField(max_length=8, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OFFERED)
    accepted_name = models.CharField(max_length=200, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    terms = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def has_bank_details(self) -> bool:
        return bool(self.account_name and self.sort_code and self.account_number)


class Deployment(models.Model):
    """One share of a personal budget: direct payment, council-managed or an ISF."""

    class Kind(models.TextChoices):
        DIRECT_PAYMENT = "direct_payment", "Direct payment"
        COUNCIL_MANAGED = "council_managed", "Council-managed account"
        ISF = "isf", "Individual service fund"

    personal_budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="deployments"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    weekly_amount = models.DecimalField(**MONEY)
    provider = models.CharField(max_length=200, blank=True)
    # Each change of the mix is a new set; the highest set number is the one in use.
    set_number = models.PositiveIntegerField(default=1)
    effective_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["set_number", "id"]


class PaymentRun(models.Model):
    """A run that pays every scheduled payment due on or before `through`, exactly once."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Stopped before the end"

    through = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    started_by = models.ForeignKey(
        "accounts.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    # Progress, for the page that started it: how many payments the run has to make in all
    # (counted when it starts, and again when it carries on after a stop), and how many times a
    # worker has picked it up.
    expected = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    job_id = models.CharField(max_length=64, blank=True)
    note = models.CharField(max_length=300, blank=True)  # why it was queued again, if it was

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One run per date: a second run for a date already paid is refused (it would pay
            # nobody, and two lists for one day confuse the bank reconciliation).
            models.UniqueConstraint(fields=["through"], name="one_payment_run_per_date"),
        ]


class RunPayment(models.Model):
    """A payment made by a run: one line of the finance export. `payment` is unique, so a
    scheduled payment can never be paid (or exported) twice."""

    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="payments")
    payment = models.OneToOneField(
        "payments.ScheduledPayment", on_delete=models.PROTECT, related_name="made"
    )
    agreement = models.ForeignKey(
        DirectPaymentAgreement, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(**MONEY)
    due_on = models.DateField()
    payee = models.CharField(max_length=200)
    sort_code = models.CharField(max_length=8)
    account_number = models.CharField(max_length=8)
    reference = models.CharField(max_length=80)

    class Meta:
        ordering = ["id"]


class RunSkip(models.Model):
    """An agreement a run could not pay, and why (shown on the run's page)."""

    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="skips")
    schedule = models.ForeignKey(
        "payments.PaymentSchedule", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    payments = models.PositiveIntegerField()
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "schedule"], name="one_skip_per_schedule_per_run"
            )
        ]


class BudgetUplift(models.Model):
    """An annual uplift from a date: every active budget re-priced by a percentage, or a new unit
    rate replacing an old one (say a PA hourly rate) on every plan line that uses it."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        APPLIED = "applied", "Applied"

    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    old_rate = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    new_rate = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    effective_on = models.DateField()
    reason = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    created_by = models.ForeignKey(
        "accounts.StaffMember", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class BudgetRevision(models.Model):
    """A new version of a personal budget's amounts from a date (an uplift or a new decision)."""

    personal_budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    weekly_gross = models.DecimalField(**MONEY)
    weekly_contribution = models.DecimalField(**MONEY)
    weekly_net = models.DecimalField(**MONEY)
    previous_weekly_net = models.DecimalField(**MONEY)
    effective_on = models.DateField()
    reason = models.CharField(max_length=300)
    uplift = models.ForeignKey(
        BudgetUplift, on_delete=models.PROTECT, null=True, blank=True, related_name="revisions"
    )
    created_by = models.ForeignKey(
        "accounts.StaffMember", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["personal_budget", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["personal_budget", "number"], name="one_revision_number"
            )
        ]


class PaymentChange(models.Model):
    """How one future payment changed because the budget changed: the difference is shown."""

    revision = models.ForeignKey(BudgetRevision, on_delete=models.PROTECT, related_name="changes")
    payment = models.ForeignKey(
        "payments.ScheduledPayment", on_delete=models.PROTECT, related_name="+"
    )
    old_amount = models.DecimalField(**MONEY)
    new_amount = models.DecimalField(**MONEY)
    note = models.CharField(max_length=300)

    class Meta:
        ordering = ["id"]


class FinancialAssessment(models.Model):
    """The person's weekly contribution: worked out here, or entered from the council's own."""

    class Source(models.TextChoices):
        CALCULATED = "calculated", "Worked out in Clearpath"
        ENTERED = "entered", "Entered from the council's financial assessment"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    personal_budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="financial_assessments"
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    rule_ref = models.CharField(max_length=60, blank=True)
    inputs = models.JSONField(default=dict)
    weekly_contribution = models.DecimalField(**MONEY)
    explanation = models.JSONField(default=list)
    effective_on = models.DateField()
    created_by = models.ForeignKey(
        "accounts.StaffMember", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class PayeeRule(models.Model):
    """Statement lines whose payee contains `payee_contains` pay for this plan line."""

    agreement = models.ForeignKey(
        DirectPaymentAgreement, on_delete=models.PROTECT, related_name="payee_rules"
    )
    payee_contains = models.CharField(max_length=100)
    plan_line = models.ForeignKey("plans.PlanLine", on_delete=models.PROTECT, related_name="+")


class StatementImport(models.Model):
    """One statement file for one agreement's account. The same file twice is refused."""

    agreement = models.ForeignKey(
        DirectPaymentAgreement, on_delete=models.PROTECT, related_name="imports"
    )
    layout = models.CharField(max_length=40)
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    line_count = models.PositiveIntegerField()
    period_from = models.DateField()
    period_to = models.DateField()
    money_in = models.DecimalField(max_digits=14, decimal_places=2)
    money_out = models.DecimalField(max_digits=14, decimal_places=2)
    imported_by = models.ForeignKey(
        "accounts.StaffMember", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "sha256"], name="one_import_per_file")
        ]


class StatementLine(models.Model):
    class Category(models.TextChoices):
        SPEND = "spend", "Spending"
        PAYMENT_IN = "payment_in", "Direct payment from the council"
        REFUND = "refund", "Money back"
        CONTRIBUTION = "contribution", "Own contribution paid in"

    statement = models.ForeignKey(StatementImport, on_delete=models.PROTECT, related_name="lines")
    agreement = models.ForeignKey(
        DirectPaymentAgreement, on_delete=models.PROTECT, related_name="+"
    )
    line_no = models.PositiveIntegerField()
    on = models.DateField()
    payee = models.CharField(max_length=200)
    amount = models.DecimalField(**MONEY)  # money out positive for spending; in for the others
    category = models.CharField(max_length=14, choices=Category.choices)
    plan_line = models.ForeignKey(
        "plans.PlanLine", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    matched_by = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["on", "line_no"]


class MonitoringException(models.Model):
    """Something a finance officer needs to look at. Everything else is left alone."""

    class Kind(models.TextChoices):
        OUT_OF_PLAN = "out_of_plan", "Spending not in the plan"
        ABOVE_CONTINGENCY = "above_contingency", "Balance above the agreed contingency"
        NO_ACTIVITY = "no_activity", "No spending for a long time"
        OVERSPEND = "overspend", "Spending above the plan"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    agreement = models.ForeignKey(
        DirectPaymentAgreement, on_delete=models.PROTECT, related_name="exceptions"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    statement = models.ForeignKey(
        StatementImport, on_delete=models.PROTECT, related_name="exceptions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    detail = models.CharField(max_length=300)
    amount = models.DecimalField(**MONEY, null=True, blank=True)
    line = models.ForeignKey(StatementLine, on_delete=models.PROTECT, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]


class Recovery(models.Model):
    """A surplus taken back from a direct payment account, with the reasons, never blanket."""

    agreement = models.ForeignKey(
        DirectPaymentAgreement, on_delete=models.PROTECT, related_name="recoveries"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(**MONEY)
    balance = models.DecimalField(**MONEY)
    contingency = models.DecimalField(**MONEY)
    reasons = models.TextField(max_length=2000)
    entry = models.OneToOneField("ledger.LedgerEntry", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        "accounts.StaffMember", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


ZERO = Decimal("0.00")
