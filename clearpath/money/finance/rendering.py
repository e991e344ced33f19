"""The direct payment agreement as a PDF (WeasyPrint), from the plan and the council's terms."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from clearpath.journey.letters.rendering import html_to_pdf


def agreement_context(agreement) -> dict:
    budget = agreement.personal_budget
    return {
        "agreement": agreement,
        "person": agreement.person,
        "budget": budget,
        "lines": list(budget.plan.lines.order_by("position", "id")),
        "council_name": settings.COUNCIL_NAME,
        "today": timezone.localdate(),
    }


def agreement_html(agreement) -> str:
    return render_to_string("finance/agreement_letter.html", agreement_context(agreement))


def agreement_pdf(agreement) -> bytes:
    return html_to_pdf(agreement_html(agreement))
