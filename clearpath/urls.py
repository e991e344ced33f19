"""Top-level URLs: each app's pages, the API, and the home page."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path

from clearpath.journey.portal.urls import staff_urlpatterns as portal_staff_urls
from clearpath.platform.api.api import api


def home(request):
    return redirect("people:person-list" if request.user.is_authenticated else "accounts:login")


urlpatterns = [
    path("", home, name="home"),
    path("", include("clearpath.platform.accounts.urls")),
    path("people/", include("clearpath.journey.people.urls")),
    path("", include("clearpath.journey.contacts.urls")),
    path("", include("clearpath.journey.assessments.urls")),
    path("", include("clearpath.journey.plans.urls")),
    path("decisions/", include("clearpath.journey.approvals.urls")),
    path("payments/", include("clearpath.money.payments.urls")),
    path("reviews/", include("clearpath.journey.reviews.urls")),
    path("", include("clearpath.platform.rules.urls")),
    path("ras-lab/", include("clearpath.insight.raslab.urls")),
    path("returns/", include("clearpath.insight.returns.urls")),
    path("measures/", include("clearpath.insight.measures.urls")),
    path("", include("clearpath.journey.letters.urls")),
    path("", include("clearpath.journey.challenges.urls")),
    path("", include("clearpath.journey.carers.urls")),
    path("panels/", include("clearpath.journey.panels.urls")),
    path("directory/", include("clearpath.journey.directory.urls")),
    path("portal/", include("clearpath.journey.portal.urls")),
    path("", include(portal_staff_urls)),
    path("finance/", include("clearpath.money.finance.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "clearpath.views.not_found"
handler500 = "clearpath.views.server_error"
handler403 = "clearpath.views.forbidden"
