"""The CLD extract (`build`): one row per event in the window, with the person's details
repeated, in the Release 1 column order the `cld_return` rule pack gives, and every row that would
fail a mandatory rule listed with the reason (`Failure`, `WHY`), never dropped or "fixed".
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from domain.cld.facts import EventFacts, PersonFacts
from domain.cld.periods import in_window, period_start
from domain.rulepacks.cld_builders import CldReturn


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
