"""Pages for finding, adding and looking at people."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from clearpath.appconfig import person_page_context
from clearpath.errors import ServiceError
from clearpath.journey.people import services
from clearpath.journey.people.access import can_change_people, get_person_for, visible_people
from clearpath.journey.people.forms import (
    PersonForm,
    RepresentativeForm,
    ReturnDetailsForm,
    SearchForm,
)
from clearpath.journey.people.selectors import person_summary
from clearpath.platform.audit.models import AuditEvent
from clearpath.platform.audit.services import record_bulk_view
from clearpath.web import apply_service_error, staff_required
from domain.nhs_number import normalise_nhs_number

PAGE_SIZE = 25


@staff_required
def person_list(request):
    form = SearchForm(request.GET or None)
    people = visible_people(request.user).select_related("team")
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if q:
        digits = normalise_nhs_number(q)
        people = people.filter(
            Q(last_name__istartswith=q)
            | Q(first_name__istartswith=q)
            | Q(postcode__istartswith=q.upper())
            | Q(nhs_number=digits)
            | Q(last_name__istartswith=q.split()[-1], first_name__istartswith=q.split()[0])
        )
    page = Paginator(people.order_by("last_name", "first_name", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    if page.object_list:
        record_bulk_view(
            actor=request.user,
            action="people.listed",
            what="the people list",
            people=len(page.object_list),
        )
    return render(
        request,
        "people/person_list.html",
        {
            "search": form,
            "q": q,
            "page": page,
            "can_add": can_change_people(request.user),
        },
    )


@staff_required
def person_add(request):
    if not can_change_people(request.user):
        return render(request, "errors/403.html", status=403)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.add_person(by=request.user, **form.cleaned_data)
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, f"{person.full_name} has been added")
            return redirect("contacts:contact-add", person_id=person.pk)
    return render(request, "people/person_add.html", {"form": form})


@staff_required
def person_detail(request, person_id: int):
    person = get_person_for(request.user, person_id)
    return render(
        request,
        "people/person_detail.html",
        {
            **person_summary(person, today=timezone.localdate()),
            "can_change": can_change_people(request.user),
            **person_page_context(person),  # later stages' parts (e.g. finance's money panel)
        },
    )


@staff_required
def person_timeline(request, person_id: int):
    person = get_person_for(request.user, person_id, what="timeline")
    events = (
        AuditEvent.objects.filter(person=person, kind=AuditEvent.Kind.CHANGE)
        .exclude(action="assessment.saved")
        .select_related("actor")
        .order_by("at", "id")
    )
    return render(request, "people/person_timeline.html", {"person": person, "events": events})


@staff_required
def representative_add(request, person_id: int):
    person = get_person_for(request.user, person_id, write=True)
    form = RepresentativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_representative(person=person, by=request.user, **form.cleaned_data)
        messages.success(request, f"{form.cleaned_data['name']} has been added as a representative")
        return redirect("people:person-detail", person_id=person.pk)
    return render(request, "people/representative_add.html", {"form": form, "person": person})


@staff_required
def return_details(request, person_id: int):
    """The person's details for the statutory return, asked once and changed here."""
    person = get_person_for(request.user, person_id, write=True, what="return details")
    initial = {name: getattr(person, name) for name in services.RETURN_DETAILS}
    form = ReturnDetailsForm(
        request.POST or None, initial={**initial, "row_version": person.row_version}
    )
    if request.method == "POST" and form.is_valid():
        details = {k: v for k, v in form.cleaned_data.items() if k != "row_version"}
        try:
            services.update_return_details(
                by=request.user,
                person=person,
                expected_version=form.cleaned_data["row_version"],
                **details,
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "The details for the statutory return have been saved")
            return redirect("people:person-detail", person_id=person.pk)
    return render(request, "people/return_details.html", {"form": form, "person": person})


LOOKED_AT_PAGE = 50


@staff_required
def person_looked_at(request, person_id: int):
    """Who has looked at this person's record, newest first: for a subject access request.

    Team managers only, for their own team's people; looking is itself recorded."""
    if request.user.role != request.user.Role.TEAM_MANAGER:
        raise Http404("No such person")
    person = get_person_for(request.user, person_id, what="list of who has looked at the record")
    views = (
        AuditEvent.objects.filter(person=person, kind=AuditEvent.Kind.VIEW)
        .select_related("actor")
        .order_by("-id")
    )
    page = Paginator(views, LOOKED_AT_PAGE).get_page(request.GET.get("page"))
    return render(request, "people/person_looked_at.html", {"person": person, "page": page})
