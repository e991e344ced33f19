"""Contacts: requests for support (the CLD 'Request' event)."""

from django.conf import settings
from django.db import models

from domain import rulepacks


class Contact(models.Model):
    """A request for care and support, with how it reached the council (its route of access)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="contacts")
    received_on = models.DateField()
    route_of_access = models.CharField(max_length=40)
    summary = models.TextField(max_length=2000, help_text="What the person or referrer asked for.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]

    def get_route_of_access_display(self) -> str:
        return rulepacks.codes().label("routes_of_access", self.route_of_access)
