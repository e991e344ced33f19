from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "clearpath.journey.plans"
    label = "plans"
