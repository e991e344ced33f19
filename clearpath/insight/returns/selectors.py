"""Facts for the Client Level Data return, read from the records in a fixed number of queries
(never one per person), then handed to the pure rules in domain/cld/."""

from datetime import date

from clearpath.journey.assessments.models import Assessment
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.carers.models import CarerAssessment
from clearpath.journey.contacts.models import Contact
from clearpath.journey.people.models import Person
from clearpath.journey.reviews.selectors import review_event_facts
from domain import rulepacks
from domain.cld import EventFacts, PersonFacts

LEARNING_DISABILITY = "learning_disability"


def _reference(person_id: int) -> str:
    return f"CP{person_id:07d}"  # Person.reference, without loading the person


def _day(moment) -> date | None:
    return moment.date() if moment else None


def events_between(start: date, end: date) -> list[EventFacts]:
    """Every request, assessment, service and review that touches [start, end]."""
    codes = rulepacks.codes()
    routes = {c.code: c.label for c in codes.routes_of_access}
    events: list[EventFacts] = []
    assessed = set(
        Assessment.objects.filter(contact__received_on__range=(start, end)).values_list(
            "contact_id", flat=True
        )
    )
    for c in Contact.objects.filter(received_on__range=(start, end)).values(
        "id", "person_id", "received_on", "route_of_access"
    ):
        events.append(
            EventFacts(
                person=_reference(c["person_id"]),
                kind="request",
                reference=f"REQ{c['id']}",
                start=c["received_on"],
                end=c["received_on"],
                route_of_access=routes.get(c["route_of_access"], c["route_of_access"]),
                outcome="request_assessed" if c["id"] in assessed else "",
            )
        )
    for a in Assessment.objects.filter(
        status=Assessment.Status.SUBMITTED, submitted_at__date__gte=start, created_at__date__lte=end
    ).values("id", "person_id", "created_at", "submitted_at", "mode", "eligibility__eligible"):
        eligible = a["eligibility__eligible"]
        events.append(
            EventFacts(
                person=_reference(a["person_id"]),
                kind="assessment",
                reference=f"ASM{a['id']}",
                start=_day(a["created_at"]),
                end=_day(a["submitted_at"]),
                method=a["mode"],
                eligible=eligible,
                outcome=""
                if eligible is None
                else ("assessment_eligible" if eligible else "assessment_not_eligible"),
            )
        )
    for c in CarerAssessment.objects.filter(
        status=CarerAssessment.Status.COMPLETED,
        completed_at__date__gte=start,
        created_at__date__lte=end,
    ).values(
        "id",
        "person_id",
        "cared_for_id",
        "created_at",
        "completed_at",
        "eligible",
        "budget__annual_amount",
    ):
        linked = (_reference(c["cared_for_id"]),) if c["cared_for_id"] else ()
        done = _day(c["completed_at"])
        events.append(
            EventFacts(
                person=_reference(c["person_id"]),
                kind="assessment",
                reference=f"CAS{c['id']}",
                start=_day(c["created_at"]),
                end=done,
                carer=True,
                method="practitioner",  # carer's assessments are carried out by staff in Clearpath
                eligible=c["eligible"],
                outcome="assessment_eligible" if c["eligible"] else "assessment_not_eligible",
                linked=linked,
            )
        )
        if c["eligible"] and c["budget__annual_amount"]:
            events.append(  # the carer's budget: a one-off payment to the carer
                EventFacts(
                    person=_reference(c["person_id"]),
                    kind="service",
                    reference=f"CSV{c['id']}",
                    start=done,
                    end=done,
                    carer=True,
                    deployment="carer",
                    outcome="service_ended",
                    linked=linked,
                )
            )
    for b in (
        PersonalBudget.objects.filter(starts_on__lte=end)
        .exclude(status=PersonalBudget.Status.ENDED, updated_at__date__lt=start)
        .values(
            "id", "person_id", "starts_on", "status", "updated_at", "deployment", "weekly_gross"
        )
    ):
        ended = b["status"] == PersonalBudget.Status.ENDED
        events.append(
            EventFacts(
                person=_reference(b["person_id"]),
                kind="service",
                reference=f"SRV{b['id']}",
                start=b["starts_on"],
                end=_day(b["updated_at"]) if ended else None,
                deployment=b["deployment"],
                weekly_cost=b["weekly_gross"],
                outcome="service_ended" if ended else "service_open",
            )
        )
    events.extend(review_event_facts(start=start, end=end))
    return events


def people_facts(references: set[str]) -> dict[str, PersonFacts]:
    """The details of each person named in `references`, with whether they have an unpaid carer
    from their latest completed assessment."""
    codes = rulepacks.codes()
    psr = {c.code: c.label for c in codes.primary_support_reasons}
    unpaid: dict[int, str] = {}
    for person_id, level in (
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
        .order_by("submitted_at", "id")
        .values_list("person_id", "unpaid_care")
    ):
        unpaid[person_id] = level
    facts = {}
    fields = (
        "id",
        "nhs_number",
        "gender",
        "ethnicity",
        "date_of_birth",
        "postcode",
        "primary_support_reason",
        "accommodation_status",
        "employment_status",
        "has_dementia",
    )
    for p in Person.objects.order_by().values(*fields).iterator(chunk_size=5000):
        ref = _reference(p["id"])
        if ref not in references:
            continue
        level = unpaid.get(p["id"], "")
        facts[ref] = PersonFacts(
            reference=ref,
            nhs_number=p["nhs_number"],
            gender=p["gender"],
            ethnicity=p["ethnicity"],
            date_of_birth=p["date_of_birth"],
            postcode=p["postcode"],
            primary_support_reason=psr.get(p["primary_support_reason"], ""),
            learning_disability=p["primary_support_reason"] == LEARNING_DISABILITY,
            accommodation_status=p["accommodation_status"],
            employment_status=p["employment_status"],
            has_unpaid_carer=None if not level else level != "none",
            dementia=p["has_dementia"],
        )
    return facts
