from django.urls import path

from clearpath.platform.accounts import two_factor_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.sign_in, name="login"),
    path("sign-out", views.sign_out, name="logout"),
    path("account/two-factor", two_factor_views.verify, name="two-factor"),
    path("account/two-factor/set-up", two_factor_views.set_up, name="two-factor-set-up"),
    path("account/two-factor/codes", two_factor_views.codes, name="two-factor-codes"),
    path("account/staff", two_factor_views.staff_list, name="staff-list"),
    path(
        "account/staff/<int:staff_id>/reset-two-factor",
        two_factor_views.reset,
        name="two-factor-reset",
    ),
    path("account/api-tokens", views.api_tokens, name="api-tokens"),
    path(
        "account/api-tokens/<int:token_id>/revoke", views.api_token_revoke, name="api-token-revoke"
    ),
]
