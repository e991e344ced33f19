"""The facts the CLD return is made from, in Clearpath's own codes: one person (`PersonFacts`)
and one request, assessment, service or review (`EventFacts`), gathered from the records.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class PersonFacts:
    """What the return needs to know about one person, in Clearpath's own codes."""

    reference: str  # LA_Person_Unique_Identifier: the same person, the same value, every quarter
    nhs_number: str
    gender: str
    ethnicity: str
    date_of_birth: date
    postcode: str
    primary_support_reason: str  # the CLD label
    learning_disability: bool  # primary support reason is Learning Disability Support
    accommodation_status: str
    employment_status: str
    has_unpaid_carer: bool | None  # from the latest completed assessment; None if not asked
    dementia: bool
    client_funding_status: str = ""  # "" while no financial assessment is recorded


@dataclass(frozen=True)
class EventFacts:
    """One request, assessment, service or review, in Clearpath's own terms."""

    person: str  # PersonFacts.reference
    kind: str  # request | assessment | service | review
    reference: str
    start: date
    end: date | None
    carer: bool = False  # the person is a carer in this event (carer's assessment or support)
    route_of_access: str = ""  # request: the route's words
    outcome: str = ""  # a key of CldReturn.outcomes; "" when there is none yet
    method: str = ""  # assessment: self | supported | practitioner
    eligible: bool | None = None  # assessment
    deployment: str = ""  # service: direct_payment | council_managed | carer
    weekly_cost: Decimal | None = None  # service
    planned: bool = True  # review: planned (scheduled) rather than prompted by an event
    outcomes_achieved: str = ""  # review: in the council's words, for a planned review
    linked: tuple[str, ...] = ()  # carer: the references of the adults they care for
    # Words recorded with the event itself (a review's reason, method and outcome come from the
    # review policy it was done under); when given they are used instead of the pack's defaults.
    outcome_text: str = ""
    reason_text: str = ""
    method_text: str = ""
