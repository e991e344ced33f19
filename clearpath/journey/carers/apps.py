from clearpath.appconfig import ClearpathApp


class CarersConfig(ClearpathApp):
    name = "clearpath.journey.carers"
    label = "carers"
    stage = 35
    urls = {"": "urls"}
