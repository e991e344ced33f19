from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "clearpath.journey.assessments"
    label = "assessments"
