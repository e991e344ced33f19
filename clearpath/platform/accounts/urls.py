from django.urls import path

from clearpath.platform.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.sign_in, name="login"),
    path("sign-out", views.sign_out, name="logout"),
]
