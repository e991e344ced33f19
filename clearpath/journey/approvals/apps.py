from clearpath.appconfig import ClearpathApp, NavItem


class ApprovalsConfig(ClearpathApp):
    name = "clearpath.journey.approvals"
    label = "approvals"
    stage = 60
    provides = {
        "route_preview": "services.route_for",  # shown on the plan's submit page
        "panel_people": "selectors.people_with_a_pending_panel_decision",  # people/access.py
    }
    urls = {"decisions/": "urls"}
    nav = (NavItem("Decisions", "approvals:decision-list", 20, namespaces=("approvals",)),)
