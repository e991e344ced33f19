"""Access gateway for assessments: through the person's record, same 404 for missing and forbidden."""

from django.http import Http404

from assessments.models import Assessment
from people.access import get_person_for


def get_assessment_for(user, assessment_id, *, write: bool = False) -> Assessment:
    try:
        person_id = Assessment.objects.values_list("person_id", flat=True).get(
            pk=int(assessment_id)
        )
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such assessment") from None
    person = get_person_for(user, person_id, write=write, what="assessment")
    assessment = Assessment.objects.select_related("person").get(pk=int(assessment_id))
    assessment.person = person
    return assessment
