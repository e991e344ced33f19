from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "clearpath.journey.letters"
    label = "letters"
