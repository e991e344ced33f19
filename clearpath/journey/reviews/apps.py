from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "clearpath.journey.reviews"
    label = "reviews"
