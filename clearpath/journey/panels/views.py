"""Panel pages: the panels and their meetings, a meeting's agenda with attendance, one item's
decision page, the decision pack (PDF) and the letter telling the person the outcome."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from clearpath.errors import ServiceError
from clearpath.journey.letters.rendering import html_to_pdf
from clearpath.journey.panels import services
from clearpath.journey.panels.access import get_item_for, get_meeting_for, panels_for
from clearpath.journey.panels.forms import AttendanceForm, ItemDecisionForm, MeetingForm
from clearpath.journey.panels.models import AgendaItem, Meeting, OutcomeNotice
from clearpath.platform.audit.services import record_bulk_view
from clearpath.web import apply_service_error, staff_required


@staff_required
def panel_list(request):
    panels = list(panels_for(request.user).prefetch_related("members"))
    meetings = list(
        Meeting.objects.filter(panel__in=panels)
        .select_related("panel")
        .order_by("-status", "held_on")[:100]
    )
    return render(
        request,
        "panels/panel_list.html",
        {"panels": panels, "meetings": meetings, "form": None, "meeting_form": MeetingForm()},
    )


@staff_required
@require_POST
def meeting_add(request, panel_id: int):
    panel = panels_for(request.user).filter(pk=panel_id).first()
    if panel is None:
        raise Http404
    form = MeetingForm(request.POST)
    if form.is_valid() and form.cleaned_data["held_on"]:
        try:
            meeting = services.schedule_meeting(
                panel=panel, held_on=form.cleaned_data["held_on"], by=request.user
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "Meeting scheduled; its agenda has the referred plans")
            return redirect("panels:meeting-detail", meeting.pk)
    elif form.is_valid():
        form.add_error("held_on", "Enter the date of the meeting")
    panels = list(panels_for(request.user))
    return render(
        request,
        "panels/panel_list.html",
        {
            "panels": panels,
            "meetings": list(Meeting.objects.filter(panel__in=panels).select_related("panel")),
            "form": form,
            "meeting_form": form,
        },
        status=422,
    )


def _meeting_page(request, meeting, *, attendance=None, status=200):
    members = list(meeting.panel.members.order_by("last_name", "first_name"))
    present = {m.pk for m in meeting.present.all()}
    items = list(
        meeting.items.select_related("person", "decision", "carried_from__meeting").order_by(
            "position"
        )
    )
    return render(
        request,
        "panels/meeting_detail.html",
        {
            "meeting": meeting,
            "members": members,
            "present": present,
            "quorate": len(present) >= meeting.panel.quorum,
            "items": items,
            "attendance_form": attendance
            or AttendanceForm(
                initial={"row_version": meeting.row_version, "present": [str(p) for p in present]},
                members=members,
            ),
            "form": attendance if attendance is not None and attendance.errors else None,
        },
        status=status,
    )


@staff_required
def meeting_detail(request, meeting_id: int):
    return _meeting_page(request, get_meeting_for(request.user, meeting_id))


@staff_required
@require_POST
def meeting_attendance(request, meeting_id: int):
    meeting = get_meeting_for(request.user, meeting_id)
    form = AttendanceForm(request.POST, members=meeting.panel.members.all())
    if form.is_valid():
        try:
            services.record_attendance(
                meeting=meeting,
                by=request.user,
                present=[int(p) for p in form.cleaned_data["present"]],
                expected_version=form.cleaned_data["row_version"],
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "Attendance recorded")
            return redirect("panels:meeting-detail", meeting.pk)
    return _meeting_page(request, meeting, attendance=form, status=422)


def _simple(request, meeting_id: int, act, done: str):
    meeting = get_meeting_for(request.user, meeting_id)
    try:
        result = act(
            meeting=meeting,
            by=request.user,
            expected_version=int(request.POST.get("row_version") or 0) or None,
        )
    except ServiceError as e:
        messages.error(request, e.message)
        return redirect("panels:meeting-detail", meeting.pk)
    messages.success(request, done(result))
    return redirect("panels:meeting-detail", meeting.pk)


@staff_required
@require_POST
def meeting_refresh(request, meeting_id: int):
    return _simple(
        request,
        meeting_id,
        services.refresh_agenda,
        lambda n: f"{n} newly referred plans added to the agenda",
    )


@staff_required
@require_POST
def meeting_close(request, meeting_id: int):
    return _simple(
        request,
        meeting_id,
        services.close_meeting,
        lambda nxt: (
            "Meeting closed"
            + (f". Items not reached are carried over to {nxt.held_on:%-d %B %Y}" if nxt else "")
        ),
    )


@staff_required
def meeting_pack(request, meeting_id: int):
    """The decision pack for the meeting, as an A4 PDF: one section per item on the agenda."""
    meeting = get_meeting_for(request.user, meeting_id)
    items = list(
        meeting.items.filter(status=AgendaItem.Status.WAITING)
        .select_related("person", "decision__plan__budget_calculation", "decision__submitted_by")
        .prefetch_related("decision__plan__lines", "decision__plan__outcomes")
        .order_by("position")
    )
    record_bulk_view(
        actor=request.user,
        action="panel.pack_viewed",
        what=f"the panel pack for {meeting.held_on:%-d %B %Y}",
        people=len({i.person_id for i in items}),
        obj=meeting,
    )
    html = render_to_string(
        "panels/pack.html",
        {"meeting": meeting, "items": items, "today": timezone.localdate()},
        request=request,
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="panel-pack-{meeting.held_on:%Y-%m-%d}.pdf"'
    )
    return response


def _item_page(request, item, form=None, status=200):
    decision = item.decision
    return render(
        request,
        "panels/item_detail.html",
        {
            "item": item,
            "meeting": item.meeting,
            "decision": decision,
            "plan": decision.plan,
            "person": item.person,
            "calc": decision.plan.budget_calculation,
            "outcomes": list(decision.plan.outcomes.all()),
            "lines": list(decision.plan.lines.all()),
            "decision_form": form or ItemDecisionForm(initial={"row_version": item.row_version}),
            "form": form if form is not None and form.errors else None,
            "notice": OutcomeNotice.objects.filter(item=item).first(),
        },
        status=status,
    )


@staff_required
def item_detail(request, item_id: int):
    return _item_page(request, get_item_for(request.user, item_id))


@staff_required
@require_POST
def item_decide(request, item_id: int):
    item = get_item_for(request.user, item_id)
    form = ItemDecisionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.decide_item(
                item=item,
                by=request.user,
                outcome=d["outcome"],
                reasons=d["reasons"],
                weekly=(d["weekly"] or "").strip().lstrip("£") or None,
                expected_version=d["row_version"],
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "Decision recorded. The letter to the person is ready.")
            return redirect("panels:meeting-detail", item.meeting_id)
    return _item_page(request, item, form, status=422)


@staff_required
def item_letter(request, item_id: int):
    item = get_item_for(request.user, item_id)
    notice = OutcomeNotice.objects.filter(item=item).first()
    if notice is None:
        raise Http404
    return render(request, "panels/notice.html", {"item": item, "notice": notice})
