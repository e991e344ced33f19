"""The synthetic council: deterministic, valid, recomputable, every stage."""

from collections import Counter
from datetime import date

from budgets.models import BudgetCalculation
from budgets.services import compute
from domain.nhs_number import is_valid_nhs_number
from people.models import Person
from people.seed import Seeder, seed_council

TODAY = date(2026, 11, 23)


def _seed(n=120, seed=3):
    seed_council(people=n, seed=seed, today=TODAY, batch=50, password="x", log=lambda *_: None)
    return list(
        Person.objects.order_by("id").values_list("first_name", "last_name", "nhs_number", "stage")
    )


def test_the_same_seed_makes_the_same_people_and_answers(db):
    def sample(seed):
        seeder = Seeder(seed=seed, today=TODAY, password="x")
        return [(seeder._details(), seeder._answers(True)) for _ in range(30)]

    assert sample(5) == sample(5)
    assert sample(5) != sample(6)


def test_every_person_is_valid_and_every_stage_is_present(db):
    people = _seed()
    assert all(is_valid_nhs_number(nhs) for _, _, nhs, _ in people)
    assert len({nhs for _, _, nhs, _ in people}) == len(people)
    assert set(Counter(stage for *_, stage in people)) == set(Person.Stage.values)


def test_generated_budgets_recompute_exactly(db):
    _seed(60)
    for calc in BudgetCalculation.objects.all()[:20]:
        result, _ = compute(
            model_ref=calc.model_ref, question_set_ref=calc.question_set_ref, inputs=calc.inputs
        )
        assert result.weekly_amount == calc.weekly_amount
