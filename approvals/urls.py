from django.urls import path

from approvals import views

app_name = "approvals"
urlpatterns = [
    path("", views.decision_list, name="decision-list"),
    path("<int:decision_id>/", views.decision_detail, name="decision-detail"),
    path("<int:decision_id>/approve", views.decision_approve, name="decision-approve"),
    path("<int:decision_id>/return", views.decision_return, name="decision-return"),
]
