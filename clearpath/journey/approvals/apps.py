from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "clearpath.journey.approvals"
    label = "approvals"
