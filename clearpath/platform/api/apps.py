from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "clearpath.platform.api"
    label = "api"
