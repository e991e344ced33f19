from clearpath.appconfig import ClearpathApp


class AccountsConfig(ClearpathApp):
    name = "clearpath.platform.accounts"
    label = "accounts"
    stage = 2
    urls = {"": "urls"}
