from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "clearpath.insight.measures"
    label = "measures"
    verbose_name = "Measures"
