from clearpath.appconfig import ClearpathApp, NavItem


class ReviewsConfig(ClearpathApp):
    name = "clearpath.journey.reviews"
    label = "reviews"
    stage = 80
    urls = {"reviews/": "urls"}
    nav = (NavItem("Reviews", "reviews:review-list", 60, namespaces=("reviews",)),)
