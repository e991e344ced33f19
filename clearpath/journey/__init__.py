"""The person's journey, in order: first contact, assessment and eligibility, carers, the budget and its letters, the support plan and the local directory, sign-off (decisions and panels), then, after the money, reviews, challenges and the person's own portal."""

# The apps of this group, in the order of the journey (settings.INSTALLED_APPS is assembled from these).
APPS = [
    "clearpath.journey.people",
    "clearpath.journey.contacts",
    "clearpath.journey.assessments",
    "clearpath.journey.carers",
    "clearpath.journey.budgets",
    "clearpath.journey.letters",
    "clearpath.journey.plans",
    "clearpath.journey.directory",
    "clearpath.journey.approvals",
    "clearpath.journey.panels",
    "clearpath.journey.reviews",
    "clearpath.journey.challenges",
    "clearpath.journey.portal",
]
