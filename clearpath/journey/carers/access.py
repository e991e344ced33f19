"""Access gateway for carer's assessments: through the carer's record, same 404 for missing and
forbidden."""

from clearpath.journey.carers.models import CarerAssessment
from clearpath.journey.people.access import get_record_for


def get_carer_assessment_for(user, assessment_id, *, write: bool = False) -> CarerAssessment:
    """The carer's assessment, if this user may see it (and change it, when `write`); else 404."""
    return get_record_for(
        user, CarerAssessment, assessment_id, write=write, what="carer's assessment"
    )
