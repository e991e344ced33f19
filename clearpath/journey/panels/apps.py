from clearpath.appconfig import ClearpathApp, NavItem


class PanelsConfig(ClearpathApp):
    name = "clearpath.journey.panels"
    label = "panels"
    stage = 65
    urls = {"panels/": "urls"}
    nav = (
        NavItem(
            "Panels",
            "panels:panel-list",
            80,
            roles=frozenset({"panel_member", "team_manager", "administrator"}),
            namespaces=("panels",),
        ),
    )
