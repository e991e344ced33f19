from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "clearpath.journey.people"
    label = "people"
