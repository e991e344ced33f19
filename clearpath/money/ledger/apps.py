from clearpath.appconfig import ClearpathApp


class LedgerConfig(ClearpathApp):
    name = "clearpath.money.ledger"
    label = "ledger"
    verbose_name = "Ledger"
    stage = 72
