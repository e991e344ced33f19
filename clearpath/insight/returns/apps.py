from clearpath.appconfig import ClearpathApp, NavItem

ADMINISTRATORS = frozenset({"administrator"})


class ReturnsConfig(ClearpathApp):
    name = "clearpath.insight.returns"
    label = "returns"
    verbose_name = "Statutory returns"
    stage = 110
    urls = {"returns/": "urls"}
    nav = (
        NavItem("Returns", "returns:cld-start", 120, roles=ADMINISTRATORS, namespaces=("returns",)),
    )
