from decimal import Decimal as D

from domain.plan_changes import what_changed

OLD = {
    "what_matters": "My garden",
    "deployment": "direct_payment",
    "outcomes": ["Get out more"],
    "risks": [],
    "lines": {"PA": D("100.00"), "Gym": D("6.00")},
    "weekly_total": D("106.00"),
}


def test_nothing_changed_says_nothing():
    assert what_changed(OLD, dict(OLD)) == []


def test_every_kind_of_change_is_said():
    new = {
        **OLD,
        "deployment": "mixed",
        "outcomes": ["Get out more", "Cook for myself"],
        "risks": ["Going out alone"],
        "lines": {"PA": D("120.00"), "Day centre": D("30.00")},
        "weekly_total": D("150.00"),
    }
    changes = what_changed(OLD, new)
    assert "How the money is managed changed." in changes
    assert "New outcome: Cook for myself" in changes
    assert "New risk: Going out alone" in changes
    assert "Support changed: PA, from £100.00 to £120.00 a week." in changes
    assert "Support added: Day centre (£30.00 a week)." in changes
    assert "Support removed: Gym (£6.00 a week)." in changes
    assert "The weekly total went from £106.00 to £150.00." in changes
