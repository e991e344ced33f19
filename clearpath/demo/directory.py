"""Made-up directory entries for the demo council, all marked demo. Safe to re-run."""

from decimal import Decimal

from clearpath.journey.directory.models import Entry

DEMO_ENTRIES = [
    (
        "personal_assistant",
        "Jo Patel, personal assistant",
        "Experienced PA: personal care, cooking, getting out and about. Driver.",
        "hygiene,clothing,nutrition,community",
        "Northtown",
        "13.50",
        "hour",
        "jo.patel@demo.invalid, 07700 900101",
        True,
    ),
    (
        "personal_assistant",
        "Marcus Reid, personal assistant",
        "Support with shopping, cleaning and going to football. Evenings and weekends.",
        "habitable_home,community,relationships",
        "Southville",
        "13.00",
        "hour",
        "07700 900102",
        True,
    ),
    (
        "provider",
        "Brightside Home Care (demo)",
        "Home care visits for washing, dressing and meals; can hold an individual service fund.",
        "hygiene,clothing,nutrition,toilet",
        "All areas",
        "24.50",
        "hour",
        "01632 960001, care@brightside.demo.invalid",
        True,
    ),
    (
        "service",
        "Northtown Day Opportunities (demo)",
        "Day sessions: art, gardening, cooking together, trips out.",
        "community,relationships,nutrition",
        "Northtown",
        "45.00",
        "session",
        "01632 960002",
        True,
    ),
    (
        "service",
        "Handy Helpers cleaning (demo)",
        "Cleaning, laundry and keeping on top of the house.",
        "habitable_home",
        "Southville",
        "18.00",
        "hour",
        "01632 960003",
        False,
    ),
    (
        "community_group",
        "Riverside Walking Group (demo)",
        "Friendly weekly walks with a cuppa afterwards. Everyone welcome.",
        "community,relationships",
        "Northtown",
        "0",
        "free",
        "Turn up at the library, Tuesdays 10am",
        True,
    ),
    (
        "community_group",
        "Southville Men's Shed (demo)",
        "Woodwork, repairs and company.",
        "community,relationships,work_education",
        "Southville",
        "2.00",
        "session",
        "shed@demo.invalid",
        True,
    ),
    (
        "service",
        "Leisure centre membership (demo)",
        "Gym and swimming; carers go free.",
        "community",
        "All areas",
        "26.00",
        "month",
        "01632 960004",
        True,
    ),
]


def load_demo_directory() -> int:
    """Add the demo entries that are not there yet; returns how many were added."""
    added = 0
    for kind, name, offer, needs, area, price, unit, contact, accepting in DEMO_ENTRIES:
        _, created = Entry.objects.get_or_create(
            name=name,
            demo=True,
            defaults=dict(
                kind=kind,
                offer=offer,
                needs=needs,
                area=area,
                price=Decimal(price),
                unit=unit,
                contact=contact,
                accepting_new_people=accepting,
            ),
        )
        added += created
    return added
