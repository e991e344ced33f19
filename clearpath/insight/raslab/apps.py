from django.apps import AppConfig


class RaslabConfig(AppConfig):
    name = "clearpath.insight.raslab"
    label = "raslab"
