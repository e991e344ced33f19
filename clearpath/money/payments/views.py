"""Direct payment schedules: the list for finance and teams, and one schedule's payments."""

from django.core.paginator import Paginator
from django.shortcuts import render

from clearpath.journey.people.access import get_record_for, visible_people
from clearpath.money.payments.models import PaymentSchedule
from clearpath.web import staff_required


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
    schedule = get_record_for(
        request.user, PaymentSchedule, schedule_id, what="payments", related=["personal_budget"]
    )
    return render(
        request,
        "payments/schedule_detail.html",
        {
            "schedule": schedule,
            "person": schedule.person,
            "payments": list(schedule.payments.all()),
        },
    )
