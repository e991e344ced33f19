from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "clearpath.money.payments"
    label = "payments"
