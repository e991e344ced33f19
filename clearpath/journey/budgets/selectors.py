"""Reads the budgets stage offers the earlier stages (through its apps.py `provides`)."""

from django.db.models import Exists, OuterRef, QuerySet

from clearpath.journey.budgets.models import PersonalBudget


def people_with_a_personal_budget(people: QuerySet) -> QuerySet:
    """Finance officers see only the people who have a personal budget."""
    return people.filter(Exists(PersonalBudget.objects.filter(person=OuterRef("pk"))))
