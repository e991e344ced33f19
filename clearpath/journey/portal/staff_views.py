"""The staff side of the portal: give online access, record consent, send links, see what the
person sent and who looked, and message the person."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clearpath.errors import ServiceError
from clearpath.journey.people.access import get_person_for
from clearpath.journey.portal import services
from clearpath.journey.portal.forms import AccountForm, MessageForm, default_expiry
from clearpath.journey.portal.models import (
    AccessLog,
    Consent,
    Message,
    PortalAccount,
    SentToCouncil,
)
from clearpath.web import apply_service_error, staff_required


@staff_required
def person_portal(request, person_id: int):
    person = get_person_for(request.user, person_id, what="online access")
    today = timezone.localdate()
    staff_name = request.user.get_full_name() or request.user.username
    form = AccountForm(initial={"expires_on": default_expiry(today)})
    message_form = MessageForm()
    if request.method == "POST":
        person = get_person_for(request.user, person_id, write=True, what="online access")
        if request.POST.get("form") == "message":
            message_form = MessageForm(request.POST)
            if message_form.is_valid():
                services.post_message(
                    person=person,
                    from_council=True,
                    author_name=staff_name,
                    text=message_form.cleaned_data["text"],
                    actor=request.user,
                )
                messages.success(request, "Your message has been sent")
                return redirect("portal-staff:person-portal", person_id=person.pk)
        else:
            form = AccountForm(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                try:
                    account = services.create_account(
                        person=person,
                        role=d["role"],
                        name=d["name"],
                        email=d["email"],
                        phone=d["phone"],
                        relationship=d["relationship"],
                        created_by_name=staff_name,
                        actor=request.user,
                    )
                    if not account.is_person:
                        services.give_consent(
                            account=account,
                            scopes=d["scopes"],
                            expires_on=d["expires_on"],
                            how_given=d["how_given"],
                            recorded_by_name=staff_name,
                            today=today,
                            actor=request.user,
                        )
                except ServiceError as e:
                    apply_service_error(form, e)
                else:
                    services.queue_link(account=account, base_url=request.build_absolute_uri("/"))
                    messages.success(
                        request, f"{account.name} has online access. We sent them a sign-in link."
                    )
                    return redirect("portal-staff:person-portal", person_id=person.pk)
    return render(
        request,
        "portal/staff_person.html",
        {
            "person": person,
            "form": form,
            "message_form": message_form,
            "accounts": PortalAccount.objects.filter(person=person),
            "consents": Consent.objects.filter(person=person).select_related("account"),
            "sent": SentToCouncil.objects.filter(person=person).select_related("account", "plan")[
                :20
            ],
            "log": AccessLog.objects.filter(person=person).select_related("account")[:50],
            "thread": Message.objects.filter(person=person)[:50],
            "today": today,
        },
    )


@staff_required
@require_POST
def account_action(request, account_id: int):
    account = get_object_or_404(PortalAccount, pk=account_id)
    person = get_person_for(request.user, account.person_id, write=True, what="online access")
    staff_name = request.user.get_full_name() or request.user.username
    if request.POST.get("action") == "link":
        services.queue_link(account=account, base_url=request.build_absolute_uri("/"))
        messages.success(request, f"We sent {account.name} a new sign-in link")
    elif request.POST.get("action") == "revoke":
        for consent in account.consents.filter(revoked_at__isnull=True):
            services.revoke_consent(consent=consent, by_name=staff_name, actor=request.user)
        messages.success(request, f"{account.name}'s consent has been withdrawn")
    return redirect("portal-staff:person-portal", person_id=person.pk)
