from clearpath.appconfig import ClearpathApp


class AuditConfig(ClearpathApp):
    name = "clearpath.platform.audit"
    label = "audit"
    stage = 1
