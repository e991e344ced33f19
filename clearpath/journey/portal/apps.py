from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "clearpath.journey.portal"
    label = "portal"
    verbose_name = "Portal for people and their helpers"
