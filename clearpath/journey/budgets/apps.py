from clearpath.appconfig import ClearpathApp


class BudgetsConfig(ClearpathApp):
    name = "clearpath.journey.budgets"
    label = "budgets"
    stage = 40
    provides = {"finance_people": "selectors.people_with_a_personal_budget"}  # people/access.py
