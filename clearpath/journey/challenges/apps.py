from clearpath.appconfig import ClearpathApp, NavItem


class ChallengesConfig(ClearpathApp):
    name = "clearpath.journey.challenges"
    label = "challenges"
    stage = 85
    urls = {"": "urls"}
    nav = (NavItem("Challenges", "challenges:challenge-list", 50, namespaces=("challenges",)),)
