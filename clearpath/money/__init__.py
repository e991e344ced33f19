"""Money after a decision: payment schedules, the append-only ledger, direct payment agreements, payment runs, statements, monitoring and contributions."""

# The apps of this group, in the order of the journey (settings.INSTALLED_APPS is assembled from these).
APPS = [
    "clearpath.money.payments",
    "clearpath.money.ledger",
    "clearpath.money.finance",
]
