"""Pages of the RAS lab, under /ras-lab/."""

from django.urls import path

from clearpath.insight.raslab import views

app_name = "raslab"
urlpatterns = [
    path("", views.lab, name="lab"),
    path("example.csv", views.example, name="example-csv"),
    path("<int:run_id>/", views.run_detail, name="run-detail"),
    path("<int:run_id>/results.csv", views.run_csv, name="run-csv"),
]
