"""The managers' financial view and the sign-off numbers (read-only pages)."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from clearpath.journey.approvals import reports
from clearpath.web import staff_required


@staff_required
def spending(request):
    if request.user.role not in reports.MAY_SEE_SPENDING:
        raise Http404
    return render(
        request,
        "approvals/spending.html",
        reports.spending(request.user, timezone.localdate()),
    )


@staff_required
def numbers(request):
    return render(request, "approvals/numbers.html", reports.numbers())
