"""Who may see a panel's meetings and items: its members (and administrators). Seeing an item
shows a person's plan, so it is logged as a view of their record."""

from django.db.models import QuerySet
from django.http import Http404

from clearpath.journey.panels.models import AgendaItem, Meeting, Panel
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.audit.services import record_view

Role = StaffMember.Role


def panels_for(user) -> QuerySet[Panel]:
    if user.role == Role.ADMINISTRATOR:
        return Panel.objects.all()
    return Panel.objects.filter(members=user)


def get_meeting_for(user, meeting_id) -> Meeting:
    try:
        return Meeting.objects.select_related("panel").get(
            pk=int(meeting_id), panel__in=panels_for(user)
        )
    except (Meeting.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such meeting") from None


def get_item_for(user, item_id) -> AgendaItem:
    try:
        item = AgendaItem.objects.select_related(
            "meeting__panel",
            "person",
            "decision__plan__budget_calculation",
            "decision__submitted_by",
        ).get(pk=int(item_id), meeting__panel__in=panels_for(user))
    except (AgendaItem.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such agenda item") from None
    record_view(actor=user, person=item.person, what="panel agenda item")
    return item
