from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "clearpath.money.finance"
    label = "finance"
    verbose_name = "Finance: agreements, payment runs, contributions and monitoring"
