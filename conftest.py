"""Named personas for the tests, made through the real services."""

from decimal import Decimal

import pytest
from django.conf import settings as django_settings

from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.accounts.services import add_staff_member, add_team
from clearpath.platform.rules import registry

Role = StaffMember.Role

# Collection imports test modules that read rule packs: start from the bundled active.toml.
django_settings.RULEPACKS_ACTIVE_SECONDS = None
registry.forget({})


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """`client.force_login` stands for a whole sign-in, the second factor included (a device
    just for the tests). Tests of two-factor sign-in itself sign in through the pages."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    signed_in = Client.force_login

    def force_login(self, user, backend=None):
        signed_in(self, user, backend)
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name="Signed in by the tests", defaults={"confirmed": True}
        )
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _rule_packs_start_from_the_files(settings):
    """Each test starts with only the bundled active.toml, whatever an earlier test activated."""
    from domain import rulepacks

    settings.RULEPACKS_ACTIVE_SECONDS = None
    settings.MEASURES_CACHE_SECONDS = 0  # tests count afresh; test_measures checks the cache
    registry.forget({})
    rulepacks.forget_loaded()
    yield
    registry.forget({})


def _staff(username, role, team=None, limit="0.00"):
    return add_staff_member(
        username=username,
        password="correct horse battery",
        first_name=username.title(),
        last_name="Tester",
        role=role,
        team=team,
        weekly_limit=Decimal(limit),
    )


@pytest.fixture
def north(db):
    return add_team(name="North team")


@pytest.fixture
def south(db):
    return add_team(name="South team")


@pytest.fixture
def practitioner(north):
    return _staff("priya", Role.PRACTITIONER, north, "500.00")


@pytest.fixture
def manager(north):
    return _staff("grace", Role.TEAM_MANAGER, north, "1500.00")


@pytest.fixture
def panel_member(db):
    return _staff("olu", Role.PANEL_MEMBER)


@pytest.fixture
def finance_officer(db):
    return _staff("fiona", Role.FINANCE_OFFICER)


@pytest.fixture
def administrator(db):
    return _staff("alex", Role.ADMINISTRATOR)


@pytest.fixture
def outsider(south):
    """A practitioner in another team: must never see North's people."""
    return _staff("oscar", Role.PRACTITIONER, south, "500.00")
