from clearpath.appconfig import ClearpathApp, NavItem


class PaymentsConfig(ClearpathApp):
    name = "clearpath.money.payments"
    label = "payments"
    stage = 70
    urls = {"payments/": "urls"}
    nav = (NavItem("Payments", "payments:schedule-list", 30, namespaces=("payments",)),)
