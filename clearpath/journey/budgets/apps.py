from clearpath.appconfig import ClearpathApp


class BudgetsConfig(ClearpathApp):
    name = "clearpath.journey.budgets"
    label = "budgets"
    stage = 40
