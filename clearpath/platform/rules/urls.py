from django.urls import path

from clearpath.platform.rules import views

app_name = "rules"
urlpatterns = [
    path("rule-packs/", views.rule_pack_list, name="rule-pack-list"),
    path(
        "rule-packs/<str:kind>/<str:pack_id>/v<int:version>/",
        views.rule_pack_detail,
        name="rule-pack-detail",
    ),
    path(
        "how-budgets-are-worked-out",
        views.how_budgets_are_worked_out,
        name="how-budgets-are-worked-out",
    ),
]
