from clearpath.appconfig import ClearpathApp, NavItem


class FinanceConfig(ClearpathApp):
    name = "clearpath.money.finance"
    label = "finance"
    verbose_name = "Finance: agreements, payment runs, contributions and monitoring"
    stage = 75
    person_page = "selectors.money_context"  # the money panel on the person's page
    urls = {"finance/": "urls"}
    on_worker_start = "run_queue.worker_started"
    nav = (
        NavItem(
            "Finance",
            "finance:home",
            40,
            roles=frozenset({"finance_officer", "administrator"}),
            namespaces=("finance",),
        ),
    )
