from django.urls import path

from clearpath.journey.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="review-list"),
    path("<int:review_id>/", views.review_detail, name="review-detail"),
    path("<int:review_id>/light-touch", views.light_touch, name="light-touch"),
    path("<int:review_id>/confirm", views.confirm, name="confirm"),
    path("<int:review_id>/link", views.make_link, name="make-link"),
    path("<int:review_id>/reassess", views.reassess, name="reassess"),
    path("<int:review_id>/revised-plan", views.revised_plan, name="revised-plan"),
    path("<int:review_id>/submit-plan", views.submit_revised, name="submit-revised"),
    path("request/<int:person_id>", views.request_review, name="request"),
    path("person/<int:person_id>", views.person_reviews, name="person-reviews"),
    path("your-review/done", views.person_done, name="person-done"),
    path("your-review/<str:token>", views.person_answer, name="person-answer"),
]
