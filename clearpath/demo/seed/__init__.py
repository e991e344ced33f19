"""A large synthetic council for benchmarks, written in bulk but field for field as the services write it.

`people/demo.py` walks each person through the real services (~40 queries a person): right for the
50-person demo, far too slow for 100,000 people. Here the same journeys are generated in memory and
written with `bulk_create` in batches: Person, Representative, Contact, Assessment, EligibilityResult,
BudgetCalculation (the real RAS result from `budgets.services.compute`), SupportPlan, PlanLine,
PlanOutcome, Decision (routed by the real delegation rules), PersonalBudget, PaymentSchedule,
ScheduledPayment, Review, and the AuditEvent rows each service writes, so timelines are full.

Each person's journey happens in the past, on working days and hours, in order, so timelines read
naturally and every date is consistent (contact, then assessment, plan, decision, budget start).

Deterministic: the same seed, number of people and `today` give the same people, answers, budgets
and dates (pks and the time it was written aside). Staff and teams come from the real services.
"""

from clearpath.demo.seed.writer import seed_council, write_batch

__all__ = ["seed_council", "write_batch"]
