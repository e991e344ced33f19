"""Generating each person's journey in memory, field for field as the services write it."""

import random
from datetime import date

from clearpath.demo.council import (
    STAGES,
    _answers,
    assessment_extras,
    fake_person_details,
    valid_nhs_number,
)
from clearpath.demo.seed.journey import (
    CONTACT_SUMMARIES,
    REPRESENTATIVE_KINDS,
    STAGE_SHARES,
    Batch,
    Clock,
    _manager_limits,
)
from clearpath.demo.seed.plans import PlanStages
from clearpath.journey.assessments.models import Assessment, EligibilityResult
from clearpath.journey.budgets.models import BudgetCalculation
from clearpath.journey.budgets.services import budget_calculation_from, compute, ras_inputs
from clearpath.journey.contacts.models import Contact
from clearpath.journey.people.models import Person, Representative
from clearpath.platform.accounts.models import StaffMember
from domain import rulepacks
from domain.eligibility import decide_adult_eligibility
from domain.money import format_money

Role = StaffMember.Role


class CouncilGenerator(PlanStages):
    """Generates people and their journeys deterministically from one seed."""

    def __init__(self, *, seed: int, today: date, localities, panel, used_nhs_numbers=()):
        from faker import Faker

        self.rng, self.today = random.Random(seed), today
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.localities, self.panel = localities, panel
        self.manager_limits = _manager_limits([loc.team for loc in localities])
        self.used_nhs = set(used_nhs_numbers)
        self.qs = rulepacks.question_set()
        self.ras = rulepacks.ras_model()
        self.delegation = rulepacks.delegation_policy()
        self.reviews = rulepacks.review_policy()
        self.codes = rulepacks.codes()

    def stages(self, people: int) -> list[str]:
        """Exactly the STAGE_SHARES mix (every stage at least once from 6 people), shuffled."""
        quota = {s: people * share // 100 for s, share in STAGE_SHARES.items()}
        if people >= len(STAGES):
            quota = {s: max(n, 1) for s, n in quota.items()}
        by_size = sorted(STAGE_SHARES, key=lambda s: -STAGE_SHARES[s])
        i = 0
        while sum(quota.values()) != people:
            s = by_size[i % len(by_size)]
            step = 1 if sum(quota.values()) < people else -1
            if quota[s] + step >= (1 if people >= len(STAGES) else 0):
                quota[s] += step
            i += 1
        stages = [s for s in STAGES for _ in range(quota[s])]
        self.rng.shuffle(stages)
        return stages

    # One person ---------------------------------------------------------------------------------

    def person(self, batch: Batch, stage: str) -> None:
        rng, fake, today = self.rng, self.fake, self.today
        loc = rng.choice(self.localities)
        practitioner = loc.practitioner
        details = fake_person_details(fake, rng, today)
        while details["nhs_number"] in self.used_nhs:
            details["nhs_number"] = valid_nhs_number(rng)
        self.used_nhs.add(details["nhs_number"])

        clk = Clock(rng, today, stage)
        first_day = clk.first_day

        # add_person
        at = clk.later()
        person = batch.add(
            Person(
                **details, team=loc.team, stage=stage, created_at=at, updated_at=at, row_version=1
            )
        )
        batch.event(
            at,
            practitioner,
            "person.added",
            person,
            person,
            f"Added {person.full_name} to {loc.team.name}'s caseload",
            {"team": loc.team.name, "primary_support_reason": person.primary_support_reason},
        )
        # add_representative, for about a third of people (as the demo)
        if rng.random() < 1 / 3:
            at = clk.later()
            rep = batch.add(
                Representative(
                    person=person,
                    name=fake.name(),
                    kind=rng.choices(*REPRESENTATIVE_KINDS)[0],
                    email="",
                    phone=fake.phone_number(),
                    created_at=at,
                    updated_at=at,
                )
            )
            batch.event(
                at,
                practitioner,
                "representative.added",
                rep,
                person,
                f"Added {rep.name} ({rep.get_kind_display().lower()}) as a representative",
                {"name": rep.name, "kind": rep.kind},
            )
        # record_contact
        at = clk.later()
        route = rng.choices(
            [c.code for c in self.codes.routes_of_access],
            weights=[30, 25, 20, 15, 3, 7][: len(self.codes.routes_of_access)],
        )[0]
        contact = batch.add(
            Contact(
                person=person,
                received_on=first_day,
                route_of_access=route,
                summary=rng.choice(CONTACT_SUMMARIES),
                recorded_by=practitioner,
                created_at=at,
            )
        )
        batch.event(
            at,
            practitioner,
            "contact.recorded",
            contact,
            person,
            f"Recorded a contact: {contact.get_route_of_access_display()}",
            {"received_on": first_day, "route_of_access": route},
        )
        if stage == "contact":
            return
        self._assessment_onwards(batch, stage, person, contact, loc, clk)

    def _assessment_onwards(self, batch, stage, person, contact, loc, clk) -> None:
        rng, qs, practitioner = self.rng, self.qs, loc.practitioner
        # start_assessment
        at = clk.later("assess")
        assessment = batch.add(
            Assessment(
                person=person,
                contact=contact,
                mode=rng.choice(["supported", "practitioner", "self"]),
                created_by=practitioner,
                question_set_ref=qs.ref,
                created_at=at,
            )
        )
        batch.event(
            at,
            practitioner,
            "assessment.started",
            assessment,
            person,
            f"Started a {assessment.get_mode_display().lower()}",
            {"question_set": qs.ref, "mode": assessment.mode},
        )
        # save_assessment (the whole form, as the demo)
        at = clk.later("save")
        eligible = stage != "not_eligible"
        assessment.answers = _answers(rng, rng.randint(2, 6) if eligible else 1)
        assessment.needs_arise_from_impairment = True
        assessment.wellbeing_impact = eligible
        assessment.unpaid_care = rng.choices(
            [c.code for c in qs.unpaid_care_levels], weights=[45, 35, 20]
        )[0]
        extras = assessment_extras(int(person.nhs_number or 0))
        assessment.needs_fluctuate = extras["needs_fluctuate"]
        assessment.fluctuation_words = extras["fluctuation_words"]
        assessment.outside_ras_needs = extras["outside_ras_needs"]
        assessment.row_version, assessment.updated_at = 2, at
        batch.event(
            at,
            practitioner,
            "assessment.saved",
            assessment,
            person,
            "Saved the assessment draft",
            {
                "answers": sorted(assessment.answers),
                "needs_arise_from_impairment": True,
                "wellbeing_impact": eligible,
                "unpaid_care": assessment.unpaid_care,
            },
        )
        if stage == "assessment":
            return
        # submit_assessment
        at = clk.later("submit")
        result = decide_adult_eligibility(
            question_set=qs,
            needs_arise_from_impairment=bool(assessment.needs_arise_from_impairment),
            ways_by_outcome={code: a.get("ways", []) for code, a in assessment.answers.items()},
            wellbeing_impact=bool(assessment.wellbeing_impact),
        )
        assert result.eligible == eligible
        batch.add(
            EligibilityResult(
                assessment=assessment,
                eligible=result.eligible,
                reasons=list(result.reasons),
                unable_outcomes=list(result.unable_outcomes),
                rule=result.rule,
                question_set_ref=qs.ref,
                decided_at=at,
            )
        )
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_at, assessment.submitted_by = at, practitioner
        assessment.row_version, assessment.updated_at = 3, at
        batch.event(
            at,
            practitioner,
            "assessment.submitted",
            assessment,
            person,
            "Completed the assessment: " + ("eligible" if eligible else "not eligible"),
            {"eligible": eligible, "unable_outcomes": list(result.unable_outcomes)},
        )
        if not eligible:
            return
        calc = self._indicative_budget(batch, assessment, person, practitioner, at)
        self._plan_onwards(batch, stage, person, calc, loc, clk)

    def _indicative_budget(self, batch, assessment, person, by, at) -> BudgetCalculation:
        """calculate_indicative_budget, with the real RAS."""
        inputs = ras_inputs(assessment)
        result, changes = compute(
            model_ref=self.ras.ref, question_set_ref=assessment.question_set_ref, inputs=inputs
        )
        calc = batch.add(
            budget_calculation_from(
                assessment=assessment, inputs=inputs, result=result, changes=changes, created_at=at
            )
        )
        batch.event(
            at,
            by,
            "budget.indicative_calculated",
            calc,
            person,
            f"Indicative budget worked out: {format_money(result.weekly_amount)} a week",
            {"weekly_amount": result.weekly_amount, "model": result.model_ref},
        )
        return calc
