from django.urls import path

from clearpath.journey.contacts import views

app_name = "contacts"
urlpatterns = [path("people/<int:person_id>/contacts/add", views.contact_add, name="contact-add")]
