"""Statement imports, exceptions, surpluses and recoveries: monitoring by exception."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clearpath.errors import InvalidInput, ServiceError
from clearpath.money.finance.models import (
    ZERO,
    DirectPaymentAgreement,
)
from clearpath.money.ledger.services import entry_for, post, post_many
from clearpath.platform.audit.services import record_event
from domain import ledger as ledger_rules
from domain import rulepacks
from domain.money import PENNY, format_money, to_money


class StatementRefused(InvalidInput):
    """The whole statement was refused; `reasons` are line-numbered."""

    def __init__(self, reasons: list[str], count: int | None = None):
        self.reasons = reasons
        self.count = count or len(reasons)
        super().__init__([("file", reasons[0])])


def _plan_lines(agreement) -> list:
    return list(agreement.personal_budget.plan.lines.order_by("position", "id"))


@transaction.atomic
def import_statement(*, agreement, by, filename: str, content: bytes, layout: str):
    """Import one statement: refused whole if any line is wrong or the file was imported before;
    otherwise its lines are matched to the plan, posted to the ledger, and only the exceptions
    are raised for a person to look at."""
    from clearpath.money.finance.models import (
        MonitoringException,
        StatementImport,
        StatementLine,
    )
    from domain import statements

    agreement = (
        DirectPaymentAgreement.objects.select_for_update()
        .select_related("personal_budget__person", "person")
        .get(pk=agreement.pk)
    )
    policy = rulepacks.money_policy()
    if layout not in policy.layouts:
        raise InvalidInput([("layout", "Choose the layout of the statement")])
    if not content:
        raise StatementRefused(["The file is empty: choose the statement's CSV file"])
    import hashlib

    digest = hashlib.sha256(content).hexdigest()
    earlier = StatementImport.objects.filter(agreement=agreement, sha256=digest).first()
    if earlier:
        raise StatementRefused(
            [
                f"This statement was already imported on {timezone.localtime(earlier.created_at):%-d %B %Y} "
                f"('{earlier.filename}'): it has not been imported again"
            ]
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StatementRefused(
            ["The file is not UTF-8 text: save it from the bank as CSV"]
        ) from None
    parsed = statements.parse(
        text,
        policy.layouts[layout],
        starts_on=agreement.starts_on,
        ends_on=min(d for d in (agreement.ends_on, timezone.localdate()) if d),
        max_lines=policy.max_statement_lines,
    )
    if parsed.errors:
        raise StatementRefused(list(parsed.errors), parsed.error_count)
    period_from = min(line.on for line in parsed.lines)
    period_to = max(line.on for line in parsed.lines)
    covered = StatementImport.objects.filter(
        agreement=agreement, period_from__lte=period_from, period_to__gte=period_to
    ).first()
    if covered:
        raise StatementRefused(
            [
                f"The period {period_from:%-d %B %Y} to {period_to:%-d %B %Y} was already imported "
                f"in '{covered.filename}': this looks like the same statement again"
            ]
        )
    plan_lines = _plan_lines(agreement)
    rules = [(r.payee_contains, r.plan_line_id) for r in agreement.payee_rules.all()]
    plan_pairs = [(pl.pk, pl.description) for pl in plan_lines]
    matched = [
        (line, statements.classify(line, rules=rules, plan_lines=plan_pairs, policy=policy))
        for line in parsed.lines
    ]
    money_in = sum((ln.amount for ln in parsed.lines if ln.direction == "in"), ZERO)
    money_out = sum((ln.amount for ln in parsed.lines if ln.direction == "out"), ZERO)
    statement = StatementImport.objects.create(
        agreement=agreement,
        layout=layout,
        filename=(filename or "statement.csv")[:200],
        sha256=digest,
        line_count=len(parsed.lines),
        period_from=period_from,
        period_to=period_to,
        money_in=money_in,
        money_out=money_out,
        imported_by=by,
    )
    made = StatementLine.objects.bulk_create(
        [
            StatementLine(
                statement=statement,
                agreement=agreement,
                line_no=line.line_no,
                on=line.on,
                payee=line.payee,
                amount=line.amount,
                category=m.category,
                plan_line_id=m.plan_line,
                matched_by=m.matched_by,
            )
            for line, m in matched
        ],
        batch_size=5000,
    )
    by_line_no = {s.line_no: s for s in made}
    budget = agreement.personal_budget
    entries = []
    for kind, category in (
        (ledger_rules.Kind.SPEND, "spend"),
        (ledger_rules.Kind.REFUND, "refund"),
        (ledger_rules.Kind.CONTRIBUTION, "contribution"),
    ):
        sums: dict = {}
        for line, m in matched:
            if m.category == category:
                sums[m.plan_line] = sums.get(m.plan_line, ZERO) + line.amount
        if sums:
            entries.append(
                entry_for(
                    budget,
                    kind=kind,
                    key=f"stmt{statement.pk}-{category}",
                    effective_on=period_to,
                    description=f"{dict(StatementLine.Category.choices)[category]} on statement "
                    f"'{statement.filename}'",
                    parts=tuple((amount, pl) for pl, amount in sums.items()),
                )
            )
    post_many(entries, by=by)
    balance = ledger_position(budget).balance
    findings = statements.exceptions(
        lines=matched,
        plan_lines=[(pl.pk, pl.description, pl.weekly_cost) for pl in plan_lines],
        weekly_net=budget.weekly_net,
        balance=balance,
        policy=policy,
        period_from=period_from,
        period_to=period_to,
        every_days=rulepacks.review_policy().payment_every_days,
    )
    MonitoringException.objects.filter(
        agreement=agreement,
        status=MonitoringException.Status.OPEN,
        kind__in=["above_contingency", "no_activity"],
    ).update(status=MonitoringException.Status.RESOLVED, resolution="Replaced by a later statement")
    MonitoringException.objects.bulk_create(
        [
            MonitoringException(
                agreement=agreement,
                person=agreement.person,
                statement=statement,
                kind=f.kind,
                detail=f.detail[:300],
                amount=f.amount,
                line=by_line_no.get(f.line_no) if f.line_no else None,
            )
            for f in findings
        ],
        batch_size=5000,
    )
    record_event(
        actor=by,
        action="statement.imported",
        obj=statement,
        person=agreement.person,
        summary=(
            f"Statement '{statement.filename}' imported: {statement.line_count} lines, "
            f"{len(findings)} to look at"
        ),
        changes={"lines": statement.line_count, "exceptions": len(findings), "layout": layout},
    )
    return statement


def ledger_position(budget):
    from clearpath.money.ledger.services import position

    return position(budget)


def surplus_for(agreement) -> dict:
    """The balance, the contingency the person keeps, and any surplus above it."""
    from domain.statements import surplus

    policy = rulepacks.money_policy()
    budget = agreement.personal_budget
    balance = ledger_position(budget).balance
    contingency = to_money(budget.weekly_net * policy.contingency_weeks)
    return {
        "balance": balance,
        "contingency": contingency,
        "contingency_weeks": policy.contingency_weeks,
        "surplus": surplus(
            balance=balance,
            weekly_net=budget.weekly_net,
            contingency_weeks=policy.contingency_weeks,
        ),
    }


@transaction.atomic
def record_recovery(*, agreement, by, amount, reasons: str):
    """Take back part of a surplus, with the reasons: never more than what is above the
    contingency (no blanket reclaim)."""
    from clearpath.money.finance.models import MonitoringException, Recovery

    agreement = (
        DirectPaymentAgreement.objects.select_for_update()
        .select_related("personal_budget__person")
        .get(pk=agreement.pk)
    )
    errors = []
    try:
        value = Decimal(str(amount).strip().replace(",", "").replace("£", ""))
        if not value.is_finite():
            raise ValueError
    except Exception:  # noqa: BLE001
        value = None
        errors.append(("amount", "Enter the amount to recover, like 250.00"))
    figures = surplus_for(agreement)
    if value is not None:
        if value != value.quantize(PENNY):
            errors.append(("amount", "Enter the amount in pounds and pence, like 250.00"))
        elif value <= 0:
            errors.append(("amount", "Enter an amount more than £0"))
        elif value > figures["surplus"]:
            errors.append(
                (
                    "amount",
                    f"Enter no more than the surplus of {format_money(figures['surplus'])}: the "
                    f"person keeps {format_money(figures['contingency'])} for emergencies",
                )
            )
    if not reasons.strip():
        errors.append(("reasons", "Say why this money is being recovered"))
    if errors:
        raise InvalidInput(errors)
    number = Recovery.objects.filter(agreement=agreement).count() + 1
    entry = post(
        entry_for(
            agreement.personal_budget,
            kind=ledger_rules.Kind.RECOVERY,
            key=f"recovery-a{agreement.pk}-{number}",
            effective_on=timezone.localdate(),
            description=f"Surplus recovered: {reasons.strip()}"[:300],
            parts=((value, None),),
        ),
        by=by,
    )
    recovery = Recovery.objects.create(
        agreement=agreement,
        person=agreement.person,
        amount=value,
        balance=figures["balance"],
        contingency=figures["contingency"],
        reasons=reasons.strip()[:2000],
        entry=entry,
        recorded_by=by,
    )
    MonitoringException.objects.filter(
        agreement=agreement, status="open", kind="above_contingency"
    ).update(status="resolved", resolution=f"{format_money(value)} surplus recovered")
    record_event(
        actor=by,
        action="recovery.recorded",
        obj=recovery,
        person=agreement.person,
        summary=f"{format_money(value)} surplus recovered from the direct payment account",
        changes={"amount": value, "balance": figures["balance"], "reasons": recovery.reasons},
    )
    return recovery


@transaction.atomic
def resolve_exception(*, exception, by, resolution: str, payee_rule_line: int | None = None):
    """Close an exception with what was found; optionally teach a payee rule for next time."""
    from clearpath.money.finance.models import MonitoringException, PayeeRule

    exc = (
        MonitoringException.objects.select_for_update(of=("self",))
        .select_related("line")
        .get(pk=exception.pk)
    )
    if exc.status == MonitoringException.Status.RESOLVED:
        raise ServiceError("This has already been resolved.")
    if not resolution.strip():
        raise InvalidInput([("resolution", "Say what you found")])
    if payee_rule_line:
        if (
            not exc.line
            or not exc.agreement.personal_budget.plan.lines.filter(pk=payee_rule_line).exists()
        ):
            raise InvalidInput([("plan_line", "Choose a line of this person's plan")])
        PayeeRule.objects.create(
            agreement=exc.agreement,
            payee_contains=exc.line.payee[:100],
            plan_line_id=payee_rule_line,
        )
    exc.status, exc.resolution = MonitoringException.Status.RESOLVED, resolution.strip()[:300]
    exc.save(update_fields=["status", "resolution"])
    record_event(
        actor=by,
        action="monitoring_exception.resolved",
        obj=exc,
        person=exc.person,
        summary=f"{exc.get_kind_display()}: {exc.resolution}",
    )
    return exc
