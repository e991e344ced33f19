"""Direct payment schedules: the list for finance and teams, and one schedule's payments."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from clearpath.web import staff_required
from payments.models import PaymentSchedule
from people.access import get_person_for, visible_people


@staff_required
def schedule_list(request):
    schedules = (
        PaymentSchedule.objects.filter(person__in=visible_people(request.user))
        .select_related("person", "personal_budget")
        .order_by("person__last_name", "person__first_name", "id")
    )
    page = Paginator(schedules, 50).get_page(request.GET.get("page"))
    return render(request, "payments/schedule_list.html", {"page": page})


@staff_required
def schedule_detail(request, schedule_id: int):
    try:
        person_id = PaymentSchedule.objects.values_list("person_id", flat=True).get(pk=schedule_id)
    except PaymentSchedule.DoesNotExist:
        raise Http404("No such schedule") from None
    person = get_person_for(request.user, person_id, what="payments")
    schedule = PaymentSchedule.objects.select_related("personal_budget").get(pk=schedule_id)
    return render(
        request,
        "payments/schedule_detail.html",
        {
            "schedule": schedule,
            "person": person,
            "payments": list(schedule.payments.all()),
        },
    )
