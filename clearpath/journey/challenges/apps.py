from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "clearpath.journey.challenges"
    label = "challenges"
