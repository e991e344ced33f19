from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "clearpath.journey.directory"
    label = "directory"
    verbose_name = "Local directory"
