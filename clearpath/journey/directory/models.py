"""The local directory: council-maintained providers, services, community groups and personal
assistants looking for work, with what they offer, where, at what price, and how to get in touch."""

from django.db import models

from clearpath.models import Versioned


class Entry(Versioned):
    class Kind(models.TextChoices):
        PROVIDER = "provider", "Care provider"
        SERVICE = "service", "Service"
        COMMUNITY_GROUP = "community_group", "Community group"
        PERSONAL_ASSISTANT = "personal_assistant", "Personal assistant looking for work"

    class Unit(models.TextChoices):
        HOUR = "hour", "an hour"
        SESSION = "session", "a session"
        DAY = "day", "a day"
        WEEK = "week", "a week"
        MONTH = "month", "a month"
        YEAR = "year", "a year"
        FREE = "free", "free"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    name = models.CharField(max_length=200)
    offer = models.TextField("what they offer", max_length=2000)
    # Outcome codes of the assessment question set (e.g. "community", "hygiene"), comma-separated.
    needs = models.CharField(max_length=300, blank=True)
    area = models.CharField(max_length=100, help_text="Where they work, e.g. a town or 'All areas'")
    price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.HOUR)
    contact = models.CharField(max_length=300)
    accepting_new_people = models.BooleanField(default=True)
    demo = models.BooleanField(default=False, help_text="A made-up entry for the demo council")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "entries"
        indexes = [models.Index(fields=["active", "area"])]

    def __str__(self) -> str:
        return self.name

    @property
    def need_codes(self) -> list[str]:
        return [n for n in self.needs.split(",") if n]

    @property
    def price_words(self) -> str:
        if self.unit == self.Unit.FREE or self.price == 0:
            return "Free"
        if self.price is None:
            return "Ask for a price"
        return f"£{self.price:,.2f} {self.get_unit_display()}"
