"""Building a budget letter: the words (one context for HTML preview and PDF) and the PDF itself."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from domain.money import to_money


def indicative_context(*, calculation, reference, challenge_url: str) -> dict:
    """What the indicative budget letter says."""
    return {
        "kind": "indicative",
        "title": "Your indicative personal budget",
        "person": calculation.person,
        "reference": reference,
        "weekly": to_money(calculation.weekly_amount),
        "annual": to_money(calculation.annual_amount),
        "calculation": calculation,
        "explanation": list(calculation.explanation),
        "what_would_change": list(calculation.what_would_change),
        "budget": None,
        "challenge_url": challenge_url,
        "council_name": settings.COUNCIL_NAME,
        "today": timezone.localdate(),
    }


def final_context(*, budget, reference, challenge_url: str) -> dict:
    """What the final personal budget letter says: the agreed amount, the plan and the decision."""
    calculation = budget.plan.budget_calculation
    return {
        "kind": "final",
        "title": "Your personal budget",
        "person": budget.person,
        "reference": reference,
        "weekly": to_money(budget.weekly_gross),
        "annual": to_money(budget.annual_gross),
        "calculation": calculation,
        "explanation": list(calculation.explanation),
        "what_would_change": list(calculation.what_would_change),
        "budget": budget,
        "plan": budget.plan,
        "decision": budget.decision,
        "challenge_url": challenge_url,
        "council_name": settings.COUNCIL_NAME,
        "today": timezone.localdate(),
    }


def letter_html(context: dict, request=None) -> str:
    """The letter as a standalone HTML page (also what is turned into the PDF)."""
    return render_to_string("letters/letter.html", context, request=request)


def html_to_pdf(html: str) -> bytes:
    """A4 PDF of the letter's HTML, made with WeasyPrint."""
    from weasyprint import HTML  # imported here: loading pango is slow

    return HTML(string=html).write_pdf()
