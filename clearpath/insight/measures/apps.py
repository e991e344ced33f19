from clearpath.appconfig import ClearpathApp, NavItem


class MeasuresConfig(ClearpathApp):
    name = "clearpath.insight.measures"
    label = "measures"
    verbose_name = "Measures"
    stage = 105
    urls = {"measures/": "urls"}
    nav = (NavItem("Measures", "measures:dashboard", 70, namespaces=("measures",)),)

    def ready(self) -> None:
        super().ready()
        from clearpath.insight.measures import freshness

        freshness.connect()
