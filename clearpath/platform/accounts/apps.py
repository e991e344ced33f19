from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clearpath.platform.accounts"
    label = "accounts"
