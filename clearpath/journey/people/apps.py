from clearpath.appconfig import ClearpathApp, NavItem


class PeopleConfig(ClearpathApp):
    name = "clearpath.journey.people"
    label = "people"
    stage = 10
    urls = {"people/": "urls"}
    nav = (
        NavItem(
            "People",
            "people:person-list",
            10,
            namespaces=("people", "contacts", "assessments", "plans"),
        ),
    )
