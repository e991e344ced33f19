from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "clearpath.journey.budgets"
    label = "budgets"
