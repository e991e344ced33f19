from django.urls import path

from clearpath.journey.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.directory_search, name="search"),
    path("<int:entry_id>/", views.entry_detail, name="entry"),
]
