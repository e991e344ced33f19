"""Staff sign-in and sign-out."""

from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from clearpath.platform.accounts.forms import SignInForm


def sign_in(request):
    if request.user.is_authenticated:
        return redirect("people:person-list")
    form = SignInForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        next_url = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("people:person-list")
    return render(request, "accounts/sign_in.html", {"form": form})


@require_POST
def sign_out(request):
    logout(request)
    return redirect("accounts:login")
