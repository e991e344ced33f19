"""Carer's assessment pages."""

from django.urls import path

from clearpath.journey.carers import views

app_name = "carers"
urlpatterns = [
    path("people/<int:person_id>/carer-assessment/start", views.carer_start, name="carer-start"),
    path("carer-assessments/<int:assessment_id>/", views.carer_edit, name="carer-edit"),
    path("carer-assessments/<int:assessment_id>/check", views.carer_check, name="carer-check"),
    path("carer-assessments/<int:assessment_id>/result", views.carer_result, name="carer-result"),
]
