from django.urls import path

from clearpath.journey.approvals import views, views_reports

app_name = "approvals"
urlpatterns = [
    path("", views.decision_list, name="decision-list"),
    path("<int:decision_id>/", views.decision_detail, name="decision-detail"),
    path("<int:decision_id>/approve", views.decision_approve, name="decision-approve"),
    path("<int:decision_id>/return", views.decision_return, name="decision-return"),
    path(
        "<int:decision_id>/approve-with-changes",
        views.decision_approve_changes,
        name="decision-approve-changes",
    ),
    path("<int:decision_id>/refer", views.decision_refer, name="decision-refer"),
    path("spending", views_reports.spending, name="spending"),
    path("numbers", views_reports.numbers, name="numbers"),
]
