from django.urls import path

from clearpath.journey.assessments import views

app_name = "assessments"
urlpatterns = [
    path(
        "people/<int:person_id>/assessments/start", views.assessment_start, name="assessment-start"
    ),
    path("assessments/<int:assessment_id>/", views.assessment_edit, name="assessment-edit"),
    path("assessments/<int:assessment_id>/check", views.assessment_check, name="assessment-check"),
    path(
        "assessments/<int:assessment_id>/result", views.assessment_result, name="assessment-result"
    ),
]
