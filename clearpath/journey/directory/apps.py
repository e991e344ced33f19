from clearpath.appconfig import ClearpathApp, NavItem


class DirectoryConfig(ClearpathApp):
    name = "clearpath.journey.directory"
    label = "directory"
    verbose_name = "Local directory"
    stage = 55
    urls = {"directory/": "urls"}
    nav = (NavItem("Directory", "directory:search", 90, namespaces=("directory",)),)
