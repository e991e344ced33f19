"""Reviews due and overdue for the people this member of staff can see."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from clearpath.web import staff_required
from people.access import visible_people
from reviews.models import Review


@staff_required
def review_list(request):
    today = timezone.localdate()
    reviews = (
        Review.objects.filter(
            status=Review.Status.SCHEDULED, person__in=visible_people(request.user)
        )
        .select_related("person", "person__team")
        .order_by("due_on", "id")
    )
    overdue = reviews.filter(due_on__lt=today).count()
    page = Paginator(reviews, 50).get_page(request.GET.get("page"))
    return render(
        request, "reviews/review_list.html", {"page": page, "today": today, "overdue": overdue}
    )
