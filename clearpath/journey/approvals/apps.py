from clearpath.appconfig import ClearpathApp, NavItem


class ApprovalsConfig(ClearpathApp):
    name = "clearpath.journey.approvals"
    label = "approvals"
    stage = 60
    provides = {"route_preview": "services.route_for"}  # shown on the plan's submit page
    urls = {"decisions/": "urls"}
    nav = (NavItem("Decisions", "approvals:decision-list", 20, namespaces=("approvals",)),)
