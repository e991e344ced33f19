"""Budget letters for staff to print or send: an HTML preview and an A4 PDF, for one person's budget."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from clearpath.journey.budgets.models import BudgetCalculation, PersonalBudget
from clearpath.journey.letters import rendering, services
from clearpath.journey.people.access import get_person_for
from clearpath.web import staff_required


def _challenge_url(request) -> str:
    return request.build_absolute_uri(reverse("challenges:public-start"))


def _indicative(request, person_id: int, calc_id: int) -> dict:
    person = get_person_for(request.user, person_id, what="indicative budget letter")
    calc = get_object_or_404(BudgetCalculation.objects.filter(person=person), pk=calc_id)
    calc.person = person
    ref = services.reference_for_calculation(calculation=calc, by=request.user)
    return rendering.indicative_context(
        calculation=calc, reference=ref, challenge_url=_challenge_url(request)
    )


def _final(request, person_id: int, budget_id: int) -> dict:
    person = get_person_for(request.user, person_id, what="personal budget letter")
    budget = get_object_or_404(
        PersonalBudget.objects.filter(person=person).select_related(
            "plan", "plan__budget_calculation", "decision"
        ),
        pk=budget_id,
    )
    budget.person = person
    ref = services.reference_for_budget(budget=budget, by=request.user)
    return rendering.final_context(
        budget=budget, reference=ref, challenge_url=_challenge_url(request)
    )


def _pdf(html: str, filename: str) -> HttpResponse:
    response = HttpResponse(rendering.html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@staff_required
def indicative_preview(request, person_id: int, calc_id: int):
    return HttpResponse(rendering.letter_html(_indicative(request, person_id, calc_id), request))


@staff_required
def indicative_pdf(request, person_id: int, calc_id: int):
    context = _indicative(request, person_id, calc_id)
    return _pdf(
        rendering.letter_html(context, request),
        f"indicative-budget-{context['reference'].code}.pdf",
    )


@staff_required
def final_preview(request, person_id: int, budget_id: int):
    return HttpResponse(rendering.letter_html(_final(request, person_id, budget_id), request))


@staff_required
def final_pdf(request, person_id: int, budget_id: int):
    context = _final(request, person_id, budget_id)
    return _pdf(
        rendering.letter_html(context, request), f"personal-budget-{context['reference'].code}.pdf"
    )
