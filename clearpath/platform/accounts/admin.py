from django.contrib import admin

from clearpath.admin import ReadOnlyAdmin
from clearpath.platform.accounts.models import ApiToken, StaffMember, Team


@admin.register(Team)
class TeamAdmin(ReadOnlyAdmin):
    list_display = ["name", "annual_budget"]


@admin.register(StaffMember)
class StaffMemberAdmin(ReadOnlyAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "role",
        "team",
        "weekly_limit",
        "is_active",
    ]
    list_filter = ["role", "team", "is_active"]
    exclude = ["password"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "staff", "created_at", "last_used_at", "revoked_at"]
    exclude = ["token_hash"]
