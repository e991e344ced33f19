from django.apps import AppConfig


class RaslabConfig(AppConfig):
    name = "raslab"
