"""The code lists (kind `codes`): CLD Release 1 lists and Clearpath's or the council's own.

Every list in CODE_LISTS must be present; a list marked `council_configured` is the council's
choice rather than CLD's. Registered in BUILDERS.
"""

from collections.abc import Mapping
from types import MappingProxyType

from domain.rulepacks.fields import _choices, need
from domain.rulepacks.types import Codes, Pack

CODE_LISTS = (
    "primary_support_reasons",
    "client_types",
    "event_types",
    "delivery_mechanisms",
    "routes_of_access",
    "representative_kinds",
    "plan_led_by",
    "deployments",
)


def codes(pack: Pack, where: str) -> Codes:
    """Code lists; a list marked council_configured is Clearpath's or the council's, not CLD's."""
    tables = need(pack.data, "lists", where, Mapping)
    for name in CODE_LISTS:
        need(tables, name, f"{where} [lists]", Mapping)
    lists = {n: _choices(t, "items", f"{where} [lists.{n}]") for n, t in tables.items()}
    council = frozenset(
        n
        for n, t in tables.items()
        if need(
            {"council_configured": False, **t}, "council_configured", f"{where} [lists.{n}]", bool
        )
    )
    return Codes(
        ref=pack.ref,
        demo=pack.demo,
        source=pack.source,
        lists=MappingProxyType(lists),
        council_configured=council,
        **{name: lists[name] for name in CODE_LISTS},
    )


CODE_BUILDERS = {"codes": codes}
