from django.urls import path

from clearpath.journey.letters import views

app_name = "letters"
urlpatterns = [
    path(
        "people/<int:person_id>/letters/indicative/<int:calc_id>.pdf",
        views.indicative_pdf,
        name="indicative-pdf",
    ),
    path(
        "people/<int:person_id>/letters/indicative/<int:calc_id>",
        views.indicative_preview,
        name="indicative-preview",
    ),
    path(
        "people/<int:person_id>/letters/final/<int:budget_id>.pdf",
        views.final_pdf,
        name="final-pdf",
    ),
    path(
        "people/<int:person_id>/letters/final/<int:budget_id>",
        views.final_preview,
        name="final-preview",
    ),
]
