from django.urls import path

from clearpath.journey.portal import plan_views, views

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
    path("plan", plan_views.plan, name="plan"),
    path("plan/check", plan_views.plan_check, name="plan-check"),
    path("plan/upload", plan_views.plan_upload, name="plan-upload"),
    path("plan/pa-costs", plan_views.pa_costs, name="pa-costs"),
    path("plan/directory", plan_views.directory, name="directory"),
    path("plan/directory/<int:entry_id>", plan_views.directory_entry, name="directory-entry"),
    path("documents", views.documents, name="documents"),
    path("documents/<int:document_id>", views.document, name="document"),
    path("messages", views.messages_page, name="messages"),
    path("helpers", views.helpers, name="helpers"),
    path("helpers/<int:consent_id>", views.helper_action, name="helper-action"),
    path("who-has-looked", views.access_log, name="access-log"),
]
