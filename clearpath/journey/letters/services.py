"""Giving a budget letter its reference code (made once, then reused for every copy of the letter)."""

from django.db import IntegrityError, transaction

from clearpath.journey.letters.codes import new_code
from clearpath.journey.letters.models import LetterReference
from clearpath.platform.audit.services import record_event

ATTEMPTS = 5


def _make(*, by, person, kind, summary, **subject) -> LetterReference:
    existing = LetterReference.objects.filter(**subject).first()
    if existing:
        return existing
    for _ in range(ATTEMPTS):
        try:
            with transaction.atomic():
                ref = LetterReference.objects.create(
                    code=new_code(), kind=kind, person=person, created_by=by, **subject
                )
        except IntegrityError:
            existing = LetterReference.objects.filter(**subject).first()
            if existing:  # someone else made it at the same moment
                return existing
            continue  # the (very unlikely) clash of two random codes: try another
        record_event(
            actor=by,
            action="letter.reference_made",
            obj=ref,
            person=person,
            summary=f"{summary} (reference {ref.code})",
            changes={"code": ref.code, "kind": kind},
        )
        return ref
    raise RuntimeError("Could not make a unique letter reference")


@transaction.atomic
def reference_for_calculation(*, calculation, by) -> LetterReference:
    """The reference for the indicative budget letter of this calculation, made on first use."""
    return _make(
        by=by,
        person=calculation.person,
        kind=LetterReference.Kind.INDICATIVE,
        summary="Made the indicative budget letter",
        calculation=calculation,
    )


@transaction.atomic
def reference_for_budget(*, budget, by) -> LetterReference:
    """The reference for the final personal budget letter, made on first use."""
    return _make(
        by=by,
        person=budget.person,
        kind=LetterReference.Kind.FINAL,
        summary="Made the final budget letter",
        budget=budget,
    )
