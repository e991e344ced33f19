from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "clearpath.insight.returns"
    label = "returns"
    verbose_name = "Statutory returns"
