from clearpath.appconfig import ClearpathApp, NavItem


class ApiConfig(ClearpathApp):
    name = "clearpath.platform.api"
    label = "api"
    stage = 3
    nav = (NavItem("API", "/api/docs", 130),)
