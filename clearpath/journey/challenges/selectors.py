"""Reading challenges: finding a letter from what the person typed, and the queue's counts."""

from django.db.models import Count, Q

from clearpath.journey.letters.codes import normalise


def find_letter(typed_reference: str, date_of_birth):
    """The letter whose reference and person's date of birth both match, else None (no hint which)."""
    from clearpath.journey.letters.models import LetterReference

    code = normalise(typed_reference)
    if code is None or date_of_birth is None:
        return None
    return (
        LetterReference.objects.select_related("person")
        .filter(code=code, person__date_of_birth=date_of_birth)
        .first()
    )


def challenge_counts(challenges, *, today) -> dict:
    """Open now; answered this calendar month; the share of those upheld (fully or partly)."""
    month_start = today.replace(day=1)
    counts = challenges.aggregate(
        open=Count("id", filter=Q(status="open")),
        answered=Count("id", filter=Q(status="answered", answered_at__date__gte=month_start)),
        upheld=Count(
            "id",
            filter=Q(
                status="answered",
                answered_at__date__gte=month_start,
                outcome__in=("upheld", "partly_upheld"),
            ),
        ),
    )
    answered = counts["answered"]
    counts["upheld_share"] = round(100 * counts["upheld"] / answered) if answered else None
    return counts
