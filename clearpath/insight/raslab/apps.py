from clearpath.appconfig import ClearpathApp, NavItem

ADMINISTRATORS = frozenset({"administrator"})


class RaslabConfig(ClearpathApp):
    name = "clearpath.insight.raslab"
    label = "raslab"
    stage = 100
    urls = {"ras-lab/": "urls"}
    nav = (NavItem("RAS lab", "raslab:lab", 110, roles=ADMINISTRATORS, namespaces=("raslab",)),)
