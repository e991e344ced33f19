from django.urls import path

from clearpath.journey.plans import views

app_name = "plans"
urlpatterns = [
    path("people/<int:person_id>/plans/start", views.plan_start, name="plan-start"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:plan_id>/edit", views.plan_edit, name="plan-edit"),
    path("plans/<int:plan_id>/submit", views.plan_submit, name="plan-submit"),
    path("people/<int:person_id>/plans/upload", views.plan_upload, name="plan-upload"),
    path("documents/<int:document_id>", views.document_download, name="document-download"),
    path("pa-costs", views.pa_costs_page, name="pa-costs"),
    path("plans/<int:plan_id>/pa-line", views.plan_add_pa_line, name="plan-add-pa"),
]
