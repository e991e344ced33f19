from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [path("", views.review_list, name="review-list")]
