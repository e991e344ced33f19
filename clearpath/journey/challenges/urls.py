from django.urls import path

from clearpath.journey.challenges import views

app_name = "challenges"
urlpatterns = [
    path("challenge-a-budget", views.public_start, name="public-start"),
    path("challenge-a-budget/your-challenge", views.public_details, name="public-details"),
    path("challenge-a-budget/sent", views.public_sent, name="public-sent"),
    path("people/<int:person_id>/challenges/", views.person_challenges, name="person-challenges"),
    path("people/<int:person_id>/challenges/add", views.record_challenge, name="record"),
    path("challenges/", views.challenge_list, name="challenge-list"),
    path("challenges/<int:challenge_id>/", views.challenge_detail, name="challenge-detail"),
    path("challenges/<int:challenge_id>/answer", views.challenge_answer, name="challenge-answer"),
    path(
        "challenges/<int:challenge_id>/reassign",
        views.challenge_reassign,
        name="challenge-reassign",
    ),
]
