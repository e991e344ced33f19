"""ASCOF 3D (self-directed support and direct payments), worked out from the extract's rows
with the numerator and denominator rules in RULES.md section 3 (`ascof_3d`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from domain.cld.periods import period_start
from domain.rulepacks.cld_builders import CldReturn


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
