from clearpath.appconfig import ClearpathApp, NavItem

ADMINISTRATORS = frozenset({"administrator"})


class RulesConfig(ClearpathApp):
    name = "clearpath.platform.rules"
    label = "rules"
    verbose_name = "Rule packs"
    stage = 4
    urls = {"": "urls"}
    nav = (
        NavItem(
            "Rule packs", "rules:rule-pack-list", 100, roles=ADMINISTRATORS, namespaces=("rules",)
        ),
    )

    def ready(self) -> None:
        super().ready()
        from clearpath.platform.rules.registry import install

        install()
