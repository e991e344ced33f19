from django.urls import path

from clearpath.money.payments import views

app_name = "payments"
urlpatterns = [
    path("", views.schedule_list, name="schedule-list"),
    path("<int:schedule_id>/", views.schedule_detail, name="schedule-detail"),
]
