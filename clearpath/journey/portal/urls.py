from django.urls import path

from clearpath.journey.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in", views.sign_in, name="sign-in"),
    path("link/<str:token>", views.link, name="link"),
    path("sign-out", views.sign_out, name="sign-out"),
    path("outbox", views.outbox, name="outbox"),
    path("assessment", views.assessment, name="assessment"),
    path("assessment/check", views.assessment_check, name="assessment-check"),
    path("budget", views.budget, name="budget"),
    path("plan", views.plan, name="plan"),
    path("plan/check", views.plan_check, name="plan-check"),
    path("plan/upload", views.plan_upload, name="plan-upload"),
    path("plan/pa-costs", views.pa_costs, name="pa-costs"),
    path("plan/directory", views.directory, name="directory"),
    path("plan/directory/<int:entry_id>", views.directory_entry, name="directory-entry"),
    path("documents", views.documents, name="documents"),
    path("documents/<int:document_id>", views.document, name="document"),
    path("messages", views.messages_page, name="messages"),
    path("helpers", views.helpers, name="helpers"),
    path("helpers/<int:consent_id>", views.helper_action, name="helper-action"),
    path("who-has-looked", views.access_log, name="access-log"),
]
