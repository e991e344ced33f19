from clearpath.appconfig import ClearpathApp


class PlansConfig(ClearpathApp):
    name = "clearpath.journey.plans"
    label = "plans"
    stage = 50
    urls = {"": "urls"}
