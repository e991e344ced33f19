from clearpath.appconfig import ClearpathApp


class AccountsConfig(ClearpathApp):
    name = "clearpath.platform.accounts"
    label = "accounts"
    stage = 2
    urls = {"": "urls"}

    def ready(self) -> None:
        super().ready()
        from clearpath.platform.accounts import signals  # noqa: F401 - connects the receivers
