from django.apps import AppConfig


class CarersConfig(AppConfig):
    name = "clearpath.journey.carers"
    label = "carers"
