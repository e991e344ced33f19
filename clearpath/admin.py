"""A read-only Django admin for administrators: state changes go through services, never the admin."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Administrators may look; nobody adds, changes or deletes here (no audit row would be written)."""

    def has_module_permission(self, request):
        return getattr(request.user, "is_administrator", False)

    def has_view_permission(self, request, obj=None):
        return getattr(request.user, "is_administrator", False)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
