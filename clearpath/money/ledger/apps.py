from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "clearpath.money.ledger"
    label = "ledger"
    verbose_name = "Ledger"
