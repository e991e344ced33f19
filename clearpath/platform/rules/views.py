"""Rule packs: the administrator's pages to load and activate versions, and the public page that
explains how budgets are worked out (statutory guidance §11.24: allocation processes published)."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from clearpath.errors import ServiceError
from clearpath.platform.rules.forms import ActivateForm, UploadForm
from clearpath.platform.rules.models import Activation
from clearpath.platform.rules.services import (
    activate_rule_pack,
    active,
    catalogue,
    load_rule_pack,
    text_of,
)
from clearpath.web import apply_service_error, staff_required
from domain import rulepacks
from domain.ras import in_words


def administrator_required(view):
    """Only administrators manage rule packs."""

    @staff_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_administrator:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


KIND_NAMES = {
    "question_set": "Assessment questions",
    "ras_model": "Resource allocation (RAS) models",
    "delegation_policy": "Delegation policies",
    "review_policy": "Review and payment policies",
    "codes": "Code lists",
    "pa_employer": "Personal assistant employer figures (by tax year)",
}


def _kinds(in_use):
    known = catalogue()
    return [
        {
            "kind": kind,
            "name": KIND_NAMES.get(kind, kind.replace("_", " ").capitalize()),
            "active": in_use[kind],
            "versions": [k for k in known if k.kind == kind],
        }
        for kind in rulepacks.KINDS
    ]


@administrator_required
def rule_pack_list(request):
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["file"]
        try:
            row, created = load_rule_pack(text=text, filename=name, by=request.user)
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            pack = rulepacks.parse_text(text, name)[0]
            messages.success(
                request,
                f"Loaded {pack.ref}. It is not in use until you activate it."
                if created
                else f"{pack.ref} is already loaded with exactly this text. Nothing changed.",
            )
            return redirect("rules:rule-pack-detail", pack.kind, pack.id, pack.version)
    in_use = active()
    history = Activation.objects.select_related("activated_by")[:20]
    return render(
        request,
        "rules/rule_pack_list.html",
        {"form": form, "kinds": _kinds(in_use), "history": history},
    )


@administrator_required
def rule_pack_detail(request, kind: str, pack_id: str, version: int):
    if kind not in rulepacks.KINDS or not rulepacks.PACK_ID.fullmatch(pack_id):
        raise Http404
    text = text_of(kind, pack_id, version)
    if text is None:
        raise Http404
    ref = f"{pack_id}@{version}"
    known = next(k for k in catalogue() if (k.kind, k.ref) == (kind, ref))
    in_use = active()[kind]
    form = ActivateForm(request.POST) if request.method == "POST" else ActivateForm()
    if request.method == "POST" and form.is_valid():
        try:
            activate_rule_pack(
                kind=kind, ref=ref, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(
                request,
                f"New work now uses {ref}. Budgets already worked out keep the version they used.",
            )
            return redirect("rules:rule-pack-list")
    words = None
    if kind == "ras_model":
        words = in_words(rulepacks.ras_model(ref), rulepacks.question_set())
    return render(
        request,
        "rules/rule_pack_detail.html",
        {
            "form": form,
            "known": known,
            "kind_name": KIND_NAMES.get(kind, kind),
            "text": text,
            "in_use": in_use,
            "is_active": in_use == ref,
            "words": words,
        },
    )


def how_budgets_are_worked_out(request):
    """Public, no sign-in: generated from the RAS model in use for new work."""
    model = rulepacks.ras_model()
    words = in_words(model, rulepacks.question_set())
    effective = rulepacks.load("ras_model").effective_from
    return render(
        request,
        "rules/how_budgets_are_worked_out.html",
        {"words": words, "effective_from": effective},
    )
