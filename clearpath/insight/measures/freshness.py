"""Keeping the dashboard's kept figures honest: a change anywhere in the journey makes them stale.

The dashboard's figures are kept in the cache under a key that includes a version token, itself kept
in the cache. With REDIS_URL set that cache is shared by every web process, so when any process
changes a record the figures count, every process counts afresh on its next look.

The version changes when a transaction that changed something the dashboard counts commits: every
service writes a change row to the audit trail inside its own transaction (viewing a record writes a
view row, which no figure counts), and a save or delete of a counted record is caught as well. It
changes after the commit, not before, so no process can count the old figures under the new version.
A change that is rolled back changes nothing.
"""

from uuid import uuid4

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "measures:version"


def version() -> str:
    """The current version token of the figures (made on first use)."""
    found = cache.get(VERSION_KEY)
    if found is None:
        cache.add(VERSION_KEY, uuid4().hex, None)
        found = cache.get(VERSION_KEY)
    return found


def bump() -> None:
    """Make every kept figure stale, in every process that shares the cache."""
    cache.set(VERSION_KEY, uuid4().hex, None)


def _already_waiting() -> bool:
    """Whether this transaction, at this depth or an enclosing one, already bumps on commit (an
    inner block that is rolled back takes its own bump with it, so only enclosing ones count)."""
    here = set(connection.savepoint_ids)
    return any(func is bump and sids <= here for sids, func, _robust in connection.run_on_commit)


def figures_changed(**_signal) -> None:
    """Bump the version when the current transaction commits (once per transaction)."""
    if not connection.in_atomic_block:
        bump()
    elif not _already_waiting():
        transaction.on_commit(bump)


def _audit_row_written(sender, instance, **signal) -> None:
    if instance.kind == sender.Kind.CHANGE:
        figures_changed()


def connect() -> None:
    """Listen for changes to what the dashboard counts (called from MeasuresConfig.ready)."""
    from clearpath.journey.approvals.models import Decision
    from clearpath.journey.assessments.models import Assessment
    from clearpath.journey.budgets.models import BudgetCalculation, PersonalBudget
    from clearpath.journey.challenges.models import Challenge
    from clearpath.journey.contacts.models import Contact
    from clearpath.journey.people.models import Person
    from clearpath.journey.reviews.models import Review
    from clearpath.money.payments.models import ScheduledPayment
    from clearpath.platform.audit.models import AuditEvent

    post_save.connect(_audit_row_written, sender=AuditEvent, dispatch_uid="measures-audit")
    counted = [Decision, Assessment, BudgetCalculation, PersonalBudget, Challenge, Contact, Person]
    for model in [*counted, Review, ScheduledPayment]:
        uid = f"measures-{model._meta.label_lower}"
        post_save.connect(figures_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(figures_changed, sender=model, dispatch_uid=uid)
