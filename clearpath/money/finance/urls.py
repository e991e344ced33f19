from django.urls import path

from clearpath.money.finance import budget_views, views

app_name = "finance"
urlpatterns = [
    path("", views.finance_home, name="home"),
    path("runs/<int:run_id>/", views.run_detail, name="run-detail"),
    path("runs/<int:run_id>/carry-on", views.run_carry_on, name="run-carry-on"),
    path("runs/<int:run_id>/export.csv", views.run_export, name="run-export"),
    path("exceptions/", views.exception_list, name="exception-list"),
    path(
        "exceptions/<int:exception_id>/resolve", views.exception_resolve, name="exception-resolve"
    ),
    path("accounts/", views.agreement_list, name="agreement-list"),
    path("accounts/<int:agreement_id>/", views.agreement_detail, name="agreement-detail"),
    path("accounts/<int:agreement_id>/statement", views.statement_import, name="statement-import"),
    path("accounts/<int:agreement_id>/recovery", views.recovery_record, name="recovery-record"),
    path(
        "accounts/<int:agreement_id>/agreement.pdf",
        budget_views.agreement_pdf,
        name="agreement-pdf",
    ),
    path(
        "accounts/<int:agreement_id>/accept", budget_views.agreement_accept, name="agreement-accept"
    ),
    path("budgets/<int:budget_id>/agreement", budget_views.agreement_new, name="agreement-new"),
    path("budgets/<int:budget_id>/contribution", budget_views.contribution, name="contribution"),
    path("budgets/<int:budget_id>/deployment", budget_views.deployment, name="deployment"),
    path("uplift/", budget_views.uplift, name="uplift"),
]
