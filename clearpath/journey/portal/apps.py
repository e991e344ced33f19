from clearpath.appconfig import ClearpathApp


class PortalConfig(ClearpathApp):
    name = "clearpath.journey.portal"
    label = "portal"
    verbose_name = "Portal for people and their helpers"
    stage = 90
    urls = {"portal/": "urls", "": "staff_urls"}
