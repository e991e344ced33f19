"""Who may carry out a review, and the small reads every review service shares."""

from clearpath.errors import ServiceError, StaleRecord
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.reviews.models import Review
from clearpath.platform.accounts.models import StaffMember

CASEWORK = (StaffMember.Role.PRACTITIONER, StaffMember.Role.TEAM_MANAGER)


def why_cannot_act(user, person) -> str | None:
    """None if this member of staff may carry out reviews for this person; otherwise why not.
    Only practitioners and team managers of the person's own team have that authority."""
    if getattr(user, "role", None) not in CASEWORK or not user.team_id:
        return "Only a practitioner or team manager can carry out reviews."
    if user.team_id != person.team_id:
        return "This person is on another team's caseload. Ask their team to do the review."
    return None


def authorised(user, person) -> None:
    reason = why_cannot_act(user, person)
    if reason:
        raise ServiceError(reason)


def locked(review: Review, expected_version: int | None = None) -> Review:
    review = (
        Review.objects.select_for_update()
        .select_related("person", "personal_budget")
        .get(pk=review.pk)
    )
    if expected_version is not None and expected_version != review.row_version:
        raise StaleRecord("review")
    return review


def active_budget(person) -> PersonalBudget | None:
    return person.personal_budgets.filter(status=PersonalBudget.Status.ACTIVE).first()


def cld_reason(review: Review) -> str:
    return "unplanned" if review.kind == Review.Kind.TRIGGERED else "planned"
