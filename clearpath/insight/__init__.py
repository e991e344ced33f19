"""Reading the whole journey: the RAS lab, the measures dashboard and the statutory Client Level Data return."""

# The apps of this group, in the order of the journey (settings.INSTALLED_APPS is assembled from these).
APPS = [
    "clearpath.insight.raslab",
    "clearpath.insight.measures",
    "clearpath.insight.returns",
]
