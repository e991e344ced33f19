from django.contrib import admin

from audit.models import AuditEvent
from clearpath.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "actor", "action", "summary"]
    list_filter = ["kind", "action"]
    list_select_related = ["actor"]
