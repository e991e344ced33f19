"""Statutory returns, under /returns/."""

from django.urls import path

from clearpath.insight.returns import views

app_name = "returns"
urlpatterns = [
    path("client-level-data/", views.cld_start, name="cld-start"),
    path("client-level-data/<int:run_id>/", views.cld_run, name="cld-run"),
    path("client-level-data/<int:run_id>/return.csv", views.cld_file, name="cld-file"),
    path("client-level-data/<int:run_id>/failures.csv", views.cld_failures, name="cld-failures"),
]
