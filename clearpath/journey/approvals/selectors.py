"""Reads the sign-off stage offers the earlier stages (through its apps.py `provides`)."""

from django.db.models import Exists, OuterRef, QuerySet

from clearpath.journey.approvals.models import Decision


def people_with_a_pending_panel_decision(people: QuerySet) -> QuerySet:
    """Panel members see only the people whose plans are waiting for the panel."""
    pending = Decision.objects.filter(
        person=OuterRef("pk"), route=Decision.Route.PANEL, status=Decision.Status.PENDING
    )
    return people.filter(Exists(pending))
