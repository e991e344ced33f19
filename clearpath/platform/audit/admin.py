from django.contrib import admin

from clearpath.admin import ReadOnlyAdmin
from clearpath.platform.audit.models import AuditEvent
from clearpath.platform.audit.services import record_bulk_view


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "actor", "action", "summary"]
    list_filter = ["kind", "action"]
    list_select_related = ["actor"]

    def changelist_view(self, request, extra_context=None):
        """Reading the trail is itself recorded, with how many people the page showed."""
        response = super().changelist_view(request, extra_context)
        rows = getattr(response, "context_data", None) or {}
        shown = rows.get("cl").result_list if rows.get("cl") is not None else []
        people = len({e.person_id for e in shown if e.person_id})
        if people:
            record_bulk_view(
                actor=request.user, action="audit.viewed", what="the audit trail", people=people
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code != 200 or not str(object_id).isdigit():
            return response
        event = AuditEvent.objects.filter(pk=int(object_id)).only("person_id").first()
        if event is not None and event.person_id:
            record_bulk_view(
                actor=request.user, action="audit.viewed", what="an audit row", people=1
            )
        return response
