"""What every stage stands on: staff accounts and teams, the audit trail, rule packs, and the JSON API's core."""

# The apps of this group, in the order of the journey (settings.INSTALLED_APPS is assembled from these).
APPS = [
    "clearpath.platform.audit",
    "clearpath.platform.accounts",
    "clearpath.platform.api",
    "clearpath.platform.rules",
    "clearpath.platform.jobs",
]
