"""The Client Level Data (CLD) return and ASCOF 3D, as pure rules over facts from the records.

CLD is quarterly, each return a rolling 12 months (RULES.md section 3). One row per event (request,
assessment, service, review), with the person's details repeated, in the Release 1 column order the
`cld_return` rule pack gives. Nothing is dropped or "fixed": a record that would fail a mandatory
rule is listed with the reason, and the council decides what to do.

ASCOF 3D (self-directed support and direct payments) is computed from those same rows, following
the numerator and denominator rules in RULES.md section 3.
"""

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from domain.rulepacks.cld_builders import CldReturn

MONTHS = (
    "January February March April May June July August September October November December"
).split()


def long_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


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


@dataclass(frozen=True)
class Failure:
    """A row that would fail a mandatory rule, and why, in words a data officer can act on."""

    person: str
    event_type: str
    event_reference: str
    field: str
    reason: str


@dataclass(frozen=True)
class Extract:
    period_start: date
    period_end: date
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, str], ...]
    failures: tuple[Failure, ...]
    people: int = 0

    @property
    def failing_rows(self) -> int:
        return len({(f.person, f.event_type, f.event_reference) for f in self.failures})

    def failures_by_field(self) -> list[tuple[str, str, int]]:
        """(field, reason, how many rows) for each kind of failure, most common first."""
        counts: dict[tuple[str, str], int] = {}
        for f in self.failures:
            counts[(f.field, f.reason)] = counts.get((f.field, f.reason), 0) + 1
        return sorted(((k[0], k[1], n) for k, n in counts.items()), key=lambda t: (-t[2], t[0]))


def period_problem(period_end: date, today: date, spec: CldReturn) -> str | None:
    """Why a return cannot be made for `period_end`, or None: it must be a quarter end, not future."""
    if (period_end.month, period_end.day) not in spec.quarter_ends:
        ends = ", ".join(
            f"{d} {MONTHS[m - 1]}" for m, d in sorted(spec.quarter_ends, key=lambda q: q[0])
        )
        return f"The period must end on the last day of a quarter ({ends}), not {long_date(period_end)}"
    if period_end > today:
        return (
            f"The quarter ending {long_date(period_end)} has not finished yet. "
            f"Choose a quarter that ended on or before {long_date(today)}"
        )
    return None


def period_start(period_end: date, months: int) -> date:
    """The first day of the rolling window that ends on `period_end`."""
    first = period_end + timedelta(days=1)
    month_index = first.year * 12 + first.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(first.day, calendar.monthrange(year, month + 1)[1]))


def latest_quarter_end(today: date, spec: CldReturn) -> date:
    """The most recent quarter end on or before `today`."""
    candidates = [date(y, m, d) for y in (today.year - 1, today.year) for m, d in spec.quarter_ends]
    return max(c for c in candidates if c <= today)


def in_window(event: EventFacts, start: date, end: date) -> bool:
    return event.start <= end and (event.end is None or event.end >= start)


def _age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _yes_no(spec: CldReturn, value: bool | None) -> str:
    if value is None:
        return ""
    return spec.council_values["yes" if value else "no"]


def _known(spec: CldReturn, list_name: str, code: str) -> str:
    """The words for a recorded code; '' when it is missing or 'not known' (so it fails)."""
    return "" if code in ("", "not_known") else spec.label(list_name, code)


def _event_values(spec: CldReturn, e: EventFacts) -> dict[str, str]:
    v, council = spec.values, spec.council_values
    row = {
        "Event_Type": v[f"event_{e.kind}"],
        "Event_Reference": e.reference,
        "Event_Start_Date": _iso(e.start),
        "Event_End_Date": _iso(e.end),
        "Event_Outcome": e.outcome_text or (spec.outcomes[e.outcome] if e.outcome else ""),
    }
    if e.kind == "request":
        row["Request_Route_of_Access"] = e.route_of_access
    elif e.kind == "assessment":
        row["Assessment_Type"] = v["carer_assessment_type" if e.carer else "assessment_type"]
        row["Eligible_Needs_Identified"] = _yes_no(spec, e.eligible)
        row["Method_of_Assessment"] = council.get(f"method_{e.method}", "") if e.method else ""
    elif e.kind == "service":
        if e.carer:
            row["Service_Type"] = v["service_type_carer"]
            row["Service_Component"] = council["service_component_carer"]
            row["Delivery_Mechanism"] = council["carer_delivery_mechanism"]
        else:
            row["Service_Type"] = v["service_type_budget"]
            # A way of managing money the pack has no value for (an individual service fund, a
            # mix) is left empty, so the row is listed as failing rather than guessed.
            row["Service_Component"] = council.get(f"service_component_{e.deployment}", "")
            row["Delivery_Mechanism"] = spec.delivery_mechanisms.get(e.deployment, "")
        if e.weekly_cost is not None:
            row["Unit_Cost"] = f"{e.weekly_cost:.2f}"
            row["Cost_Frequency_Unit_Type"] = council["cost_frequency"]
            row["Planned_units_per_week"] = "1"
    elif e.kind == "review":
        default_reason = (
            v["review_reason_planned"] if e.planned else council["review_reason_unplanned"]
        )
        row["Review_Reason"] = e.reason_text or default_reason
        row["Review_Outcomes_Achieved"] = e.outcomes_achieved
        row["Method_of_Review"] = e.method_text or council["method_of_review"]
    for i, ref in enumerate(e.linked[:3], start=1):
        row[f"Adult_{i}_Linked_Person_ID"] = ref
    if e.carer and e.linked:
        row["No_of_adults_being_cared_for"] = str(len(e.linked))
    return row


def _person_values(spec: CldReturn, p: PersonFacts, carer: bool) -> dict[str, str]:
    v = spec.values
    return {
        "NHS_Number": p.nhs_number,
        "LA_Person_Unique_Identifier": p.reference,
        "Gender": _known(spec, "genders", p.gender),
        "Ethnicity": spec.label("ethnicities", p.ethnicity) if p.ethnicity else "",
        "Date_of_Birth": _iso(p.date_of_birth),
        "Client_Type": v["client_type_carer" if carer else "client_type_service_user"],
        "Primary_Support_Reason": p.primary_support_reason,
        "Postcode": p.postcode,
        "Accommodation_Status": _known(spec, "accommodation_statuses", p.accommodation_status),
        "Employment_Status": _known(spec, "employment_statuses", p.employment_status),
        "Has_Unpaid_Carer": _yes_no(spec, p.has_unpaid_carer),
        "Dementia": _yes_no(spec, True) if p.dementia else "",
        "Client_Funding_Status": p.client_funding_status,
    }


def _mandatory(when: str, row: Mapping[str, str], e: EventFacts, p: PersonFacts, on: date) -> bool:
    financial = row.get("Assessment_Type", "").lower().startswith("financial")
    costed = e.kind == "service" and row.get("Delivery_Mechanism") != "CASSR Commissioned Support"
    return {
        "always": True,
        "never": False,
        "not_request": e.kind != "request",
        "request": e.kind == "request",
        "assessment": e.kind == "assessment",
        "assessment_not_financial": e.kind == "assessment" and not financial,
        "service": e.kind == "service",
        "review": e.kind == "review",
        "planned_review": e.kind == "review" and e.planned,
        "not_open_service": not (e.kind == "service" and e.end is None),
        "not_financial_assessment": not (e.kind == "assessment" and financial),
        "funding_status_events": e.kind in ("service", "review")
        or (e.kind == "assessment" and financial),
        "employment_rule": p.learning_disability and 18 <= _age_on(p.date_of_birth, on) <= 64,
        "costed_service": costed,
    }[when]


# Why a mandatory field is empty, and what to do, in words a data officer can act on.
WHY = {
    "NHS_Number": "The NHS number is not recorded. Add it on the person's page.",
    "Gender": "Gender is not recorded. Add it under 'Details for the statutory return'.",
    "Ethnicity": "Ethnicity is not recorded. Add it under 'Details for the statutory return'.",
    "Accommodation_Status": "Accommodation is not recorded. Add it under 'Details for the "
    "statutory return'.",
    "Employment_Status": "Employment is mandatory for 18 to 64 year olds with learning "
    "disability support, and is not recorded.",
    "Has_Unpaid_Carer": "No completed assessment says whether the person has an unpaid carer.",
    "Client_Funding_Status": "No financial assessment is recorded, so the funding status is "
    "not known.",
    "Event_End_Date": "The event has not ended, so it has no end date yet.",
    "Event_Outcome": "The event has no outcome yet.",
    "Event_Outcome:request": "The request has no outcome yet: no assessment has been started "
    "from it. Start one, or record why not.",
    "Review_Outcomes_Achieved": "The review did not record whether the outcomes were achieved.",
    "Service_Component": "The return's rule pack has no value for how this budget's money is "
    "managed (for example an individual service fund). Add one in a new version of the pack.",
    "Method_of_Assessment": "The assessment does not say how it was carried out.",
    "Request_Route_of_Access": "The request does not say how it reached the council.",
}


def build(
    *,
    spec: CldReturn,
    la_code: str,
    period_end: date,
    people: Mapping[str, PersonFacts],
    events: Iterable[EventFacts],
) -> Extract:
    """The rolling-window extract ending `period_end`: every row, and every mandatory failure."""
    start = period_start(period_end, spec.window_months)
    head = {
        "LA_Code": la_code,
        "Reporting_Period_Start_Date": start.isoformat(),
        "Reporting_Period_End_Date": period_end.isoformat(),
    }
    rows, failures, seen = [], [], set()
    chosen = sorted(
        (e for e in events if in_window(e, start, period_end)),
        key=lambda e: (e.person, e.start, e.kind, e.reference),
    )
    for e in chosen:
        p = people[e.person]
        seen.add(p.reference)
        values = {**head, **_person_values(spec, p, e.carer), **_event_values(spec, e)}
        row = {c: values.get(c, "") for c in spec.columns}
        for f in spec.fields:
            if not row[f.name] and _mandatory(f.when, row, e, p, period_end):
                reason = WHY.get(f"{f.name}:{e.kind}") or WHY.get(
                    f.name, f"{f.name} is mandatory here and is empty."
                )
                failures.append(
                    Failure(p.reference, row["Event_Type"], e.reference, f.name, reason)
                )
        rows.append(row)
    return Extract(start, period_end, spec.columns, tuple(rows), tuple(failures), len(seen))


# ASCOF 3D ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    numerator: int
    denominator: int
    definition: str

    @property
    def percent(self) -> Decimal | None:
        """numerator / denominator x 100, to one decimal place (None when nobody is counted)."""
        if not self.denominator:
            return None
        value = Decimal(self.numerator) * 100 / Decimal(self.denominator)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Ascof3D:
    snapshot: date
    year_start: date
    measures: tuple[Measure, ...] = field(default=())


def _open_on(row: Mapping[str, str], on: date) -> bool:
    start, end = row["Event_Start_Date"], row["Event_End_Date"]
    return start <= on.isoformat() and (not end or end >= on.isoformat())


def _during(row: Mapping[str, str], first: date, last: date) -> bool:
    start, end = row["Event_Start_Date"], row["Event_End_Date"]
    return start <= last.isoformat() and (not end or end >= first.isoformat())


def _direct_payment(row: Mapping[str, str]) -> bool:
    """RULES.md section 3: a Direct Payment if Delivery_Mechanism or Service_Component says so."""
    return "Direct Payment" in (row.get("Delivery_Mechanism"), row.get("Service_Component"))


def _self_directed(row: Mapping[str, str]) -> bool:
    return _direct_payment(row) or row.get("Delivery_Mechanism") == "CASSR Managed Personal Budget"


def ascof_3d(rows: Iterable[Mapping[str, str]], snapshot: date, spec: CldReturn) -> Ascof3D:
    """ASCOF 3D from CLD rows: clients on Long Term Support: Community at the snapshot (de-duplicated
    by person), and carers supported over the year that ends on the snapshot (RULES.md section 3)."""
    year_start = period_start(snapshot, 12)
    v = spec.values
    clients: dict[str, list[Mapping[str, str]]] = {}
    carers: dict[str, list[Mapping[str, str]]] = {}
    for row in rows:
        if row["Event_Type"] != v["event_service"]:
            continue
        who = row["LA_Person_Unique_Identifier"]
        if (
            row["Client_Type"] == v["client_type_service_user"]
            and row["Service_Type"] == v["service_type_budget"]
            and _open_on(row, snapshot)
        ):
            clients.setdefault(who, []).append(row)
        elif (
            row["Client_Type"] == v["client_type_carer"]
            and row["Service_Type"].startswith("Carer Support")
            and _during(row, year_start, snapshot)
        ):
            carers.setdefault(who, []).append(row)

    def count(group: dict[str, list[Mapping[str, str]]], test) -> int:
        return sum(1 for services in group.values() if any(test(r) for r in services))

    direct_to_carer = v["service_type_carer"]
    return Ascof3D(
        snapshot=snapshot,
        year_start=year_start,
        measures=(
            Measure(
                "3D1a",
                "Clients receiving self-directed support",
                count(clients, _self_directed),
                len(clients),
                "Clients with a Direct Payment or a council-managed personal budget, out of all "
                "clients on Long Term Support: Community on the snapshot date, each counted once.",
            ),
            Measure(
                "3D2a",
                "Clients receiving direct payments",
                count(clients, _direct_payment),
                len(clients),
                "Clients with a Direct Payment, out of the same clients as 3D1a.",
            ),
            Measure(
                "3D1b",
                "Carers receiving self-directed support",
                count(carers, lambda r: r["Service_Type"] == direct_to_carer and _self_directed(r)),
                len(carers),
                "Carers with self-directed support on Carer Support: Direct to Carer during the "
                "year, out of all carers supported during the year.",
            ),
            Measure(
                "3D2b",
                "Carers receiving direct payments",
                count(carers, _direct_payment),
                len(carers),
                "Carers with a Direct Payment during the year, out of all carers supported "
                "during the year.",
            ),
        ),
    )
