from django.urls import path

from clearpath.journey.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person-list"),
    path("add", views.person_add, name="person-add"),
    path("<int:person_id>/", views.person_detail, name="person-detail"),
    path("<int:person_id>/timeline", views.person_timeline, name="person-timeline"),
    path("<int:person_id>/looked-at", views.person_looked_at, name="person-looked-at"),
    path("<int:person_id>/return-details", views.return_details, name="return-details"),
    path(
        "<int:person_id>/representatives/add", views.representative_add, name="representative-add"
    ),
]
