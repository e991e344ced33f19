"""The Client Level Data return's rule pack (kind `cld_return`): the Release 1 columns in file
order, when each is mandatory, the code values Clearpath writes, and the lists practitioners choose
the person's details from. Registered in BUILDERS; read by domain/cld/."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from domain.rulepacks.fields import _choices, need
from domain.rulepacks.types import Choice, Pack, RulePackError

# When a field is mandatory: the conditions domain/cld/extract.py tests (RULES.md section 3).
MANDATORY_WHEN = (
    "always",
    "never",
    "not_request",
    "request",
    "assessment",
    "assessment_not_financial",
    "service",
    "review",
    "planned_review",
    "not_open_service",
    "not_financial_assessment",
    "funding_status_events",
    "employment_rule",
    "costed_service",
)
MODULES = (
    "submission",
    "person",
    "event",
    "request",
    "assessment",
    "carer",
    "service",
    "review",
    "cost",
)
# Every value the export writes; a pack missing one is refused on load, not at export time.
VALUES = (
    "client_type_service_user",
    "client_type_carer",
    "event_request",
    "event_assessment",
    "event_service",
    "event_review",
    "service_type_budget",
    "service_type_carer",
    "review_reason_planned",
    "assessment_type",
    "carer_assessment_type",
)
OUTCOMES = (
    "request_assessed",
    "assessment_eligible",
    "assessment_not_eligible",
    "service_open",
    "service_ended",
    "review_continue",
)
COUNCIL_VALUES = (
    "service_component_direct_payment",
    "service_component_council_managed",
    "service_component_carer",
    "carer_delivery_mechanism",
    "cost_frequency",
    "yes",
    "no",
    "review_reason_unplanned",
    "method_self",
    "method_supported",
    "method_practitioner",
    "method_of_review",
)
PERSON_LISTS = ("genders", "ethnicities", "accommodation_statuses", "employment_statuses")


@dataclass(frozen=True)
class CldField:
    """One column of the return: its Release 1 name, its module, and when it is mandatory."""

    name: str
    module: str
    when: str


@dataclass(frozen=True)
class CldReturn:
    """How Clearpath fills the CLD return (one version of it)."""

    ref: str
    source: str
    window_months: int
    quarter_ends: tuple[tuple[int, int], ...]
    fields: tuple[CldField, ...]
    values: Mapping[str, str] = field(hash=False, repr=False)
    delivery_mechanisms: Mapping[str, str] = field(hash=False, repr=False)
    outcomes: Mapping[str, str] = field(hash=False, repr=False)
    council_values: Mapping[str, str] = field(hash=False, repr=False)
    council_note: str = ""
    lists: Mapping[str, tuple[Choice, ...]] = field(default_factory=dict, hash=False, repr=False)
    list_sources: Mapping[str, str] = field(default_factory=dict, hash=False, repr=False)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def label(self, list_name: str, code: str) -> str:
        """The words for `code` in one of the person lists; '' when it is not recorded."""
        for choice in self.lists[list_name]:
            if choice.code == code:
                return choice.label
        return ""


def _strings(table: Any, keys: tuple[str, ...], where: str) -> Mapping[str, str]:
    return MappingProxyType({k: need(table, k, where) for k in keys})


def _quarter_end(text: Any, where: str) -> tuple[int, int]:
    month, _, day = str(text).partition("-")
    if not (month.isdigit() and day.isdigit() and 1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        raise RulePackError(f"{where}: '{text}' is not a month and day like \"03-31\"")
    return int(month), int(day)


def cld_return(pack: Pack, where: str) -> CldReturn:
    d = pack.data
    window = need(d, "window", where, Mapping)
    months = need(window, "months", f"{where} [window]", int)
    if not 1 <= months <= 24:
        raise RulePackError(f"{where} [window]: 'months' must be from 1 to 24")
    quarter_ends = tuple(
        _quarter_end(q, f"{where} [window]")
        for q in need(window, "quarter_ends", f"{where} [window]", list)
    )
    fields = []
    for i, f in enumerate(need(d, "fields", where, list), start=1):
        at = f"{where} [[fields]] #{i}"
        one = CldField(need(f, "name", at), need(f, "module", at), need(f, "when", at))
        if one.module not in MODULES:
            raise RulePackError(f"{at}: 'module' must be one of {', '.join(MODULES)}")
        if one.when not in MANDATORY_WHEN:
            raise RulePackError(f"{at}: 'when' must be one of {', '.join(MANDATORY_WHEN)}")
        fields.append(one)
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        repeated = next(n for n in names if names.count(n) > 1)
        raise RulePackError(f"{where} [[fields]]: '{repeated}' is listed twice")
    values = need(d, "values", where, Mapping)
    vw = f"{where} [values]"
    council = need(values, "council_configured", vw, Mapping)
    lists_table = need(d, "lists", where, Mapping)
    lists = {
        n: _choices(
            need(lists_table, n, f"{where} [lists]", Mapping), "items", f"{where} [lists.{n}]"
        )
        for n in PERSON_LISTS
    }
    return CldReturn(
        ref=pack.ref,
        source=pack.source,
        window_months=months,
        quarter_ends=quarter_ends,
        fields=tuple(fields),
        values=_strings(values, VALUES, vw),
        delivery_mechanisms=_strings(
            need(values, "delivery_mechanism", vw, Mapping),
            ("direct_payment", "council_managed"),
            f"{vw} [delivery_mechanism]",
        ),
        outcomes=_strings(need(values, "outcomes", vw, Mapping), OUTCOMES, f"{vw} [outcomes]"),
        council_values=_strings(council, COUNCIL_VALUES, f"{vw} [council_configured]"),
        council_note=need(council, "note", f"{vw} [council_configured]"),
        lists=MappingProxyType(lists),
        list_sources=MappingProxyType(
            {n: need(lists_table[n], "source", f"{where} [lists.{n}]") for n in PERSON_LISTS}
        ),
    )


CLD_BUILDERS = {"cld_return": cld_return}
