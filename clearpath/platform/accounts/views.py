"""Staff sign-in and sign-out."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from clearpath.platform.accounts import services
from clearpath.platform.accounts.forms import SignInForm
from clearpath.platform.accounts.models import ApiToken
from clearpath.web import staff_required


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


def _tokens_for(user):
    """Your own tokens; an administrator sees (and can revoke) everyone's."""
    tokens = ApiToken.objects.select_related("staff").order_by("-created_at", "-id")
    return tokens if user.is_administrator else tokens.filter(staff=user)


@staff_required
def api_tokens(request):
    tokens = list(_tokens_for(request.user)[:500])
    return render(request, "accounts/api_tokens.html", {"tokens": tokens})


@staff_required
@require_POST
def api_token_revoke(request, token_id: int):
    token = get_object_or_404(_tokens_for(request.user), pk=token_id)
    services.revoke_api_token(token=token, by=request.user)
    messages.success(request, f"The API token '{token.name}' no longer works")
    return redirect("accounts:api-tokens")
