from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "clearpath.journey.contacts"
    label = "contacts"
