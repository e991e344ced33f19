from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "clearpath.platform.rules"
    label = "rules"
    verbose_name = "Rule packs"

    def ready(self) -> None:
        from clearpath.platform.rules.registry import install

        install()
