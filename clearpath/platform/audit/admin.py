from django.contrib import admin

from clearpath.admin import ReadOnlyAdmin
from clearpath.platform.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "actor", "action", "summary"]
    list_filter = ["kind", "action"]
    list_select_related = ["actor"]
