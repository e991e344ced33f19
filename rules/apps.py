from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "rules"
    verbose_name = "Rule packs"

    def ready(self) -> None:
        from rules.registry import install

        install()
