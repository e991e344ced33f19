"""The bureaucracy dashboard, its definitions, a CSV of the figures, and a page per team."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from clearpath.exports import csv_text
from clearpath.insight.measures.forms import PeriodForm
from clearpath.insight.measures.selectors import Period, cached_dashboard, team_view
from clearpath.platform.accounts.models import Team
from clearpath.web import staff_required
from domain import measures


def _period(request) -> tuple[PeriodForm, Period | None]:
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    if not request.GET:  # the last 12 months, shown in the boxes so they can be changed
        start = today - timedelta(days=364)
        form = PeriodForm(
            {
                **{f"start-{k}": getattr(start, k) for k in ("day", "month", "year")},
                **{f"end-{k}": getattr(today, k) for k in ("day", "month", "year")},
            },
            today=today,
        )
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, Period(data["start"], data["end"], data.get("team"))


@staff_required
def dashboard_page(request):
    form, period = _period(request)
    context = {"period_form": form, "form": form, "definitions": measures.BY_CODE}
    if period:
        context["d"], context["counted_at"] = cached_dashboard(period)
        context["team"] = Team.objects.filter(pk=period.team_id).first() if period.team_id else None
        context["query"] = request.GET.urlencode()
        context["cache_minutes"] = settings.MEASURES_CACHE_SECONDS // 60
    return render(request, "measures/dashboard.html", context)


@staff_required
def definitions(request):
    return render(request, "measures/definitions.html", {"measures": measures.MEASURES})


def rows_for_csv(d) -> list[list[str]]:
    """Every figure on the dashboard as (measure, part, value) rows."""

    def text(v) -> str:
        return "" if v is None else str(v)

    rows = []
    names = measures.BY_CODE
    for code, s in d.days.items():
        rows += [
            [names[code].name, "people", text(s.count)],
            [names[code].name, "median days", text(s.median)],
            [names[code].name, "90th percentile days", text(s.p90)],
        ]
    for label, n, pct in d.decided_by:
        rows.append([names["decided_by"].name, label, text(n)])
        rows.append([names["decided_by"].name, f"{label} (%)", text(pct)])
    for label, n in d.panel_triggers:
        rows.append([names["panel_triggers"].name, label, text(n)])
    for code, spread in (("questions", d.questions), ("handoffs", d.handoffs)):
        rows += [
            [names[code].name, "count", text(spread.count)],
            [names[code].name, "median", text(spread.median)],
            [names[code].name, "90th percentile", text(spread.p90)],
        ]
    rows.append([names["typed_twice"].name, "people added", text(d.people_added)])
    rows.append([names["typed_twice"].name, "already recorded", text(d.typed_twice)])
    rows.append([names["reviews"].name, "light-touch", text(d.reviews_light)])
    rows.append(
        [
            names["reviews"].name,
            "light-touch, confirmed without a practitioner",
            text(d.reviews_light_auto),
        ]
    )
    rows.append([names["reviews"].name, "full", text(d.reviews_full)])
    for label, n in d.challenges:
        rows.append([names["challenges"].name, label, text(n)])
    rows.append([names["direct_payments"].name, "active personal budgets", text(d.budgets)])
    rows.append([names["direct_payments"].name, "direct payments", text(d.direct_payments)])
    rows.append(
        [names["direct_payments"].name, "direct payments (%)", text(d.direct_payment_share)]
    )
    for week, n, median in d.weekly:
        rows.append(
            ["Weekly: days from first contact to decision", f"week of {week}", text(median)]
        )
        rows.append(["Weekly: decisions", f"week of {week}", text(n)])
    return rows


@staff_required
def dashboard_csv(request):
    form, period = _period(request)
    if not period:
        return render(
            request, "measures/dashboard.html", {"period_form": form, "form": form}, status=400
        )
    d, _ = cached_dashboard(period)
    team = (
        Team.objects.filter(pk=period.team_id).values_list("name", flat=True).first()
        if period.team_id
        else "Every team"
    )
    head = ["Measure", "Part", "Value", "From", "To", "Team"]
    rows = ([*row, period.start, period.end, team] for row in rows_for_csv(d))
    response = HttpResponse(csv_text([head, *rows]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="measures-{period.start}-to-{period.end}.csv"'
    )
    return response


@staff_required
def team_page(request, team_id: int):
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise Http404("No such team")
    return render(
        request, "measures/team.html", {"team": team, **team_view(team, timezone.localdate())}
    )
