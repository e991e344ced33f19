"""Top-level URLs: each app's pages, the API, and the home page."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path

from api.api import api
from portal.urls import staff_urlpatterns as portal_staff_urls


def home(request):
    return redirect("people:person-list" if request.user.is_authenticated else "accounts:login")


urlpatterns = [
    path("", home, name="home"),
    path("", include("accounts.urls")),
    path("people/", include("people.urls")),
    path("", include("contacts.urls")),
    path("", include("assessments.urls")),
    path("", include("plans.urls")),
    path("decisions/", include("approvals.urls")),
    path("payments/", include("payments.urls")),
    path("reviews/", include("reviews.urls")),
    path("", include("rules.urls")),
    path("ras-lab/", include("raslab.urls")),
    path("returns/", include("returns.urls")),
    path("measures/", include("measures.urls")),
    path("", include("letters.urls")),
    path("", include("challenges.urls")),
    path("", include("carers.urls")),
    path("panels/", include("panels.urls")),
    path("directory/", include("directory.urls")),
    path("portal/", include("portal.urls")),
    path("", include(portal_staff_urls)),
    path("finance/", include("finance.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "clearpath.views.not_found"
handler500 = "clearpath.views.server_error"
handler403 = "clearpath.views.forbidden"
