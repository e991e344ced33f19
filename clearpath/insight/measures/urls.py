"""The measures pages, under /measures/."""

from django.urls import path

from clearpath.insight.measures import views

app_name = "measures"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("definitions", views.definitions, name="definitions"),
    path("measures.csv", views.dashboard_csv, name="csv"),
    path("teams/<int:team_id>/", views.team_page, name="team"),
]
