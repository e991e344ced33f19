"""Portal pages for the person and the people they choose. Thin: access, form, one service."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clearpath.errors import ServiceError
from clearpath.journey.assessments.forms import AssessmentForm
from clearpath.journey.assessments.models import Assessment
from clearpath.journey.assessments.services import (
    missing_answers,
    save_assessment,
    start_assessment,
)
from clearpath.journey.plans.documents import upload_document
from clearpath.journey.plans.models import PlanDocument
from clearpath.journey.plans.pages import (
    document_response,
    read_upload,
)
from clearpath.journey.portal import services
from clearpath.journey.portal.access import SESSION_KEY, portal_view
from clearpath.journey.portal.forms import (
    DocumentForm,
    HelperForm,
    MessageForm,
    SignInForm,
    default_expiry,
)
from clearpath.journey.portal.models import AccessLog, Consent, Message, OutboxMessage
from clearpath.web import apply_service_error
from domain import rulepacks


def _labels_for(question_set) -> dict:
    return {
        c.code: c.label
        for c in (*question_set.help_levels, *question_set.ways, *question_set.unpaid_care_levels)
    }


def _render(request, template, context=None, status=200):
    return render(request, template, {"access": request.portal, **(context or {})}, status=status)


# --- Signing in ---------------------------------------------------------------------------


def sign_in(request):
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["contact"]
        services.request_link(contact=contact, base_url=request.build_absolute_uri("/"))
        return render(
            request,
            "portal/link_sent.html",
            {
                "contact": contact,
                "minutes": settings.PORTAL_LINK_MINUTES,
                "show_outbox": _outbox_shown(),
            },
        )
    return render(
        request, "portal/sign_in.html", {"form": form, "minutes": settings.PORTAL_LINK_MINUTES}
    )


def link(request, token: str):
    """GET shows a button (so a mail scanner opening the link does not use it up); POST signs in."""
    if request.method == "POST":
        account, problem = services.use_link(token=token)
        if account is not None:
            request.session.cycle_key()
            request.session[SESSION_KEY] = account.pk
            return redirect("portal:home")
        return render(
            request,
            "portal/link.html",
            {"problem": problem, "minutes": settings.PORTAL_LINK_MINUTES},
            status=410 if problem in ("expired", "used") else 404,
        )
    return render(request, "portal/link.html", {"problem": ""})


@require_POST
def sign_out(request):
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    messages.success(request, "You have signed out")
    return redirect("portal:sign-in")


def _outbox_shown():
    """The outbox lists everyone's sign-in links: it exists only with DEBUG on, never in production."""
    return bool(settings.DEBUG and settings.PORTAL_SHOW_OUTBOX)


def outbox(request):
    """Development only: what the local Notify backend would have sent."""
    if not _outbox_shown():
        raise Http404
    return render(request, "portal/outbox.html", {"outbox": OutboxMessage.objects.all()[:20]})


# --- Home -----------------------------------------------------------------------------------


def _latest(person):
    assessment = person.assessments.first()
    calc = person.budget_calculations.first()
    plan = person.plans.first()
    return assessment, calc, plan


@portal_view(what="Home page")
def home(request):
    access = request.portal
    assessment, calc, plan = _latest(access.person) if access.scopes else (None, None, None)
    return _render(
        request,
        "portal/home.html",
        {
            "assessment": assessment,
            "assessment_sent": assessment.portal_sent.first() if assessment else None,
            "calc": calc,
            "plan": plan,
            "plan_sent": plan.portal_sent.first() if plan else None,
            "unread": Message.objects.filter(person=access.person, from_council=True).count()
            if access.can("messages")
            else 0,
        },
    )


# --- Self-assessment ------------------------------------------------------------------------


@portal_view("assessment", "Self-assessment")
def assessment(request):
    access = request.portal
    person = access.person
    current = person.assessments.first()
    if current is None or not current.is_draft:
        if request.method == "POST" and request.POST.get("action") == "start":
            current = start_assessment(
                person=person, by=services.system_actor(), mode=Assessment.Mode.SELF
            )
            return redirect("portal:assessment")
        return _render(request, "portal/assessment_start.html", {"done": current})
    if current.portal_sent.exists():
        return redirect("portal:assessment-check")
    question_set = rulepacks.question_set(current.question_set_ref)
    if request.method == "POST":
        form = AssessmentForm(request.POST, question_set=question_set)
        if form.is_valid():
            try:
                save_assessment(
                    assessment=current, by=services.system_actor(), **form.service_arguments()
                )
            except ServiceError as e:
                apply_service_error(form, e)
            else:
                services.log_access(access=access, what="Saved the self-assessment")
                if request.POST.get("action") == "save":
                    messages.success(
                        request, "Your answers are saved. You can come back to them at any time."
                    )
                    return redirect("portal:assessment")
                current.refresh_from_db()
                missing = missing_answers(current)
                if not missing:
                    return redirect("portal:assessment-check")
                for name, message in missing:
                    form.add_error(name, message)
    else:
        form = AssessmentForm(
            initial=AssessmentForm.initial_from(current), question_set=question_set
        )
    return _render(
        request,
        "portal/assessment.html",
        {"form": form, "assessment": current, "question_set": question_set},
    )


@portal_view("assessment", "Self-assessment: check answers")
def assessment_check(request):
    access = request.portal
    current = access.person.assessments.first()
    if current is None:
        return redirect("portal:assessment")
    sent = current.portal_sent.first()
    if request.method == "POST" and current.is_draft and not sent:
        try:
            services.send_assessment(access=access, assessment=current)
        except ServiceError as e:
            messages.error(request, e.message)
            return redirect("portal:assessment")
        return redirect("portal:assessment-check")
    question_set = rulepacks.question_set(current.question_set_ref)
    return _render(
        request,
        "portal/assessment_check.html",
        {
            "assessment": current,
            "sent": sent,
            "question_set": question_set,
            "labels": _labels_for(question_set),
            "missing": missing_answers(current) if current.is_draft else [],
        },
    )


# --- Eligibility and budget ------------------------------------------------------------------


@portal_view("budget", "Eligibility and budget")
def budget(request):
    person = request.portal.person
    done = person.assessments.filter(status=Assessment.Status.SUBMITTED).first()
    calc = person.budget_calculations.first()
    personal_budget = person.personal_budgets.select_related("plan").first()
    return _render(
        request,
        "portal/budget.html",
        {
            "assessment": done,
            "eligibility": getattr(done, "eligibility", None) if done else None,
            "calc": calc,
            "personal_budget": personal_budget,
            **_money_context(person),
        },
    )


def _money_context(person) -> dict:
    from clearpath.money.finance.selectors import money_context  # the person's money (finance app)

    return money_context(person)


# --- Support plan ---------------------------------------------------------------------------


@portal_view("documents", "Documents")
def documents(request):
    access = request.portal
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, content = read_upload(form)
        try:
            upload_document(
                person=access.person,
                by=services.system_actor(),
                file_name=name,
                content=content,
                description=form.cleaned_data["description"],
                actor_name=access.account.name,
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "Your document has been uploaded")
            return redirect("portal:documents")
    docs = PlanDocument.objects.filter(person=access.person).defer("content")
    return _render(request, "portal/documents.html", {"form": form, "documents": docs})


@portal_view("documents", "Downloaded a document")
def document(request, document_id: int):
    doc = get_object_or_404(PlanDocument, pk=document_id, person=request.portal.person)
    return document_response(doc)


@portal_view("messages", "Decisions and messages")
def messages_page(request):
    access = request.portal
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_message(
                person=access.person,
                from_council=False,
                author_name=access.account.name,
                text=form.cleaned_data["text"],
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "Your message has been sent to the council")
            return redirect("portal:messages")
    decisions = access.person.decisions.select_related("plan").order_by("-submitted_at")[:20]
    return _render(
        request,
        "portal/messages.html",
        {
            "form": form,
            "decisions": decisions,
            "thread": Message.objects.filter(person=access.person)[:50],
        },
    )


# --- The person's own controls ----------------------------------------------------------------


def _person_only(request):
    if not request.portal.account.is_person:
        raise Http404


@portal_view(what="Who can help me")
def helpers(request):
    _person_only(request)
    access = request.portal
    today = timezone.localdate()
    form = HelperForm(request.POST or None, initial={"expires_on": default_expiry(today)})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_helper(
                by=access.account,
                name=d["name"],
                email=d["email"],
                phone=d["phone"],
                relationship=d["relationship"],
                scopes=d["scopes"],
                expires_on=d["expires_on"],
                today=today,
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, f"{d['name']} can now help you. Send them a sign-in link.")
            return redirect("portal:helpers")
    consents = Consent.objects.filter(person=access.person).select_related("account")
    return _render(
        request, "portal/helpers.html", {"form": form, "consents": consents, "today": today}
    )


@portal_view(what="Who can help me")
@require_POST
def helper_action(request, consent_id: int):
    _person_only(request)
    consent = get_object_or_404(Consent, pk=consent_id, person=request.portal.person)
    if request.POST.get("action") == "revoke":
        services.revoke_consent(consent=consent, by_name=request.portal.account.name)
        messages.success(request, f"{consent.account.name} can no longer see your information")
    elif request.POST.get("action") == "link" and consent.is_current(timezone.localdate()):
        services.queue_link(account=consent.account, base_url=request.build_absolute_uri("/"))
        messages.success(request, f"We have sent {consent.account.name} a sign-in link")
    return redirect("portal:helpers")


@portal_view(what="Who has looked at my information")
def access_log(request):
    _person_only(request)
    log = AccessLog.objects.filter(person=request.portal.person).select_related("account")[:200]
    return _render(request, "portal/access_log.html", {"log": log})
