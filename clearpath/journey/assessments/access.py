"""Access gateway for assessments: through the person's record, same 404 for missing and forbidden."""

from clearpath.journey.assessments.models import Assessment
from clearpath.journey.people.access import get_record_for


def get_assessment_for(user, assessment_id, *, write: bool = False) -> Assessment:
    return get_record_for(user, Assessment, assessment_id, write=write, what="assessment")
