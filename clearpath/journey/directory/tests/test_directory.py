"""The local directory: search by need, area and price; cost a plan line from an entry."""

from decimal import Decimal

from django.urls import reverse

from clearpath.demo.directory import load_demo_directory
from clearpath.journey.directory.models import Entry
from clearpath.journey.directory.services import search
from clearpath.journey.plans.services import start_plan
from tests.builders import assessed_person


def test_demo_entries_load_once_and_are_marked_demo(db):
    assert load_demo_directory() == 8 and load_demo_directory() == 0
    assert not Entry.objects.filter(demo=False).exists()


def test_search_by_need_area_and_price(db):
    load_demo_directory()
    names = lambda qs: {e.name for e in qs}  # noqa: E731
    found = names(search(need="community", area="Northtown"))
    assert "Riverside Walking Group (demo)" in found  # free, Northtown
    assert "Leisure centre membership (demo)" in found  # All areas
    assert "Marcus Reid, personal assistant" not in found  # Southville
    cheap = names(search(max_price=Decimal("14")))
    assert "Jo Patel, personal assistant" in cheap and "Brightside Home Care (demo)" not in cheap
    assert names(search(text="woodwork")) == {"Southville Men's Shed (demo)"}
    assert "Handy Helpers cleaning (demo)" not in names(search(accepting_only=True))


def test_the_search_page_does_not_grow_queries_with_data(
    client, practitioner, django_assert_max_num_queries
):
    load_demo_directory()
    for i in range(30):
        Entry.objects.create(
            kind="service",
            name=f"Extra {i}",
            offer="x",
            area="Northtown",
            price=1,
            contact="x",
            needs="community",
        )
    client.force_login(practitioner)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("directory:search"), {"need": "community"})
    assert page.status_code == 200 and "Extra 29" in page.content.decode()


def test_bad_price_is_explained_and_kept(client, practitioner):
    client.force_login(practitioner)
    page = client.get(reverse("directory:search"), {"max_price": "cheap"}).content.decode()
    assert "There is a problem" in page and 'value="cheap"' in page


def test_an_entry_costs_a_plan_line(client, practitioner):
    load_demo_directory()
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    entry = Entry.objects.get(name__startswith="Northtown Day")
    client.force_login(practitioner)
    url = reverse("directory:entry", args=[entry.pk]) + f"?plan={plan.pk}"
    page = client.post(url, {"quantity": "2", "frequency": "weekly", "action": "cost"})
    assert "£90.00 a week" in page.content.decode() and "£4,680.00 a year" in page.content.decode()
    r = client.post(url, {"quantity": "2", "frequency": "weekly", "action": "add"})
    assert r.status_code == 302
    line = plan.lines.get()
    assert line.weekly_cost == Decimal("90.00") and line.source == f"directory:{entry.pk}"
    page = client.post(url, {"quantity": "lots", "frequency": "weekly", "action": "add"})
    assert "Enter how many as a number" in page.content.decode()


def test_the_api_searches_the_directory(client, practitioner):
    load_demo_directory()
    client.force_login(practitioner)
    r = client.get("/api/directory", {"need": "community", "max_price": "5"})
    assert r.status_code == 200
    names = {e["name"] for e in r.json()}
    assert names == {"Riverside Walking Group (demo)", "Southville Men's Shed (demo)"}
    assert client.get("/api/directory", {"max_price": "-1"}).status_code == 422
