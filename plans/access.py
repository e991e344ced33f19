"""Access gateway for support plans: through the person's record."""

from django.http import Http404

from people.access import get_person_for
from plans.models import SupportPlan


def get_plan_for(user, plan_id, *, write: bool = False) -> SupportPlan:
    try:
        person_id = SupportPlan.objects.values_list("person_id", flat=True).get(pk=int(plan_id))
    except (SupportPlan.DoesNotExist, ValueError, TypeError):
        raise Http404("No such plan") from None
    person = get_person_for(user, person_id, write=write, what="support plan")
    plan = SupportPlan.objects.select_related("budget_calculation").get(pk=int(plan_id))
    plan.person = person
    return plan
