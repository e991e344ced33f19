from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo council and the synthetic council generator: they use every app, so no app uses them."""

    name = "clearpath.demo"
    label = "demo"
    verbose_name = "Demo council"
