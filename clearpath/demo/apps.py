from clearpath.appconfig import ClearpathApp


class DemoConfig(ClearpathApp):
    """The demo council and the synthetic council generator: they use every app, so no app uses them."""

    name = "clearpath.demo"
    label = "demo"
    verbose_name = "Demo council"
    stage = 200
