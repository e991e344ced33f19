from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "clearpath.journey.panels"
    label = "panels"
