"""Staff pages for a person's online access (the portal account, links and consent)."""

from django.urls import path

from clearpath.journey.portal import staff_views

app_name = "portal-staff"
urlpatterns = [
    path("people/<int:person_id>/online-access", staff_views.person_portal, name="person-portal"),
    path("online-access/<int:account_id>", staff_views.account_action, name="account-action"),
]
