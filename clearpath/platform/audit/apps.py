from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "clearpath.platform.audit"
    label = "audit"
