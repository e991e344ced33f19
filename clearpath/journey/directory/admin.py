"""The council keeps the directory up to date here (Django admin, administrators only)."""

from django.contrib import admin

from clearpath.journey.directory.models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "area", "price", "unit", "accepting_new_people", "demo")
    list_filter = ("kind", "area", "accepting_new_people", "demo", "active")
    search_fields = ("name", "offer", "area")
