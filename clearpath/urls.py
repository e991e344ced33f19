"""Top-level URLs: the home page, each app's pages where its apps.py says, the API and the admin."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path

from clearpath.appconfig import clearpath_apps
from clearpath.platform.api.api import api


def home(request):
    return redirect("people:person-list" if request.user.is_authenticated else "accounts:login")


urlpatterns = [
    path("", home, name="home"),
    *(
        path(prefix, include(f"{app.name}.{module}"))
        for app in clearpath_apps()
        for prefix, module in app.urls.items()
    ),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "clearpath.views.not_found"
handler500 = "clearpath.views.server_error"
handler403 = "clearpath.views.forbidden"
