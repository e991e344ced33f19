"""Field checks shared by every rule-pack builder: read one field of a table, checked and named.

`need` reads a field and says which file, table and field is wrong; figures are read as Decimal
from strings, never floats; `freeze` makes a parsed body read-only; `_choices` reads a list of
{code, label}; `_unique` refuses a code used twice. Builder modules import these from here (and
nothing else in the package but `types`), so imports in domain/rulepacks/ run one way.
"""

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from domain.rulepacks.types import Choice, RulePackError

_TYPES: dict[Any, tuple[str, Callable[[Any], bool]]] = {
    str: ("text", lambda v: isinstance(v, str) and bool(v.strip())),
    int: ("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    bool: ("true or false", lambda v: isinstance(v, bool)),
    date: ("a date like 2026-04-01", lambda v: isinstance(v, date)),
    Mapping: ("a table", lambda v: isinstance(v, Mapping)),
    list: ("a list", lambda v: isinstance(v, list | tuple)),
}


def need(table: Any, key: str, where: str, kind: Any = str) -> Any:
    """table[key], checked: a missing or wrong field names the file, the table and the field."""
    if not isinstance(table, Mapping):
        raise RulePackError(f"{where}: must be a table, not {table!r}")
    if key not in table:
        raise RulePackError(f"{where}: '{key}' is missing")
    value = table[key]
    if kind is Decimal:
        return _decimal(value, key, where)
    name, ok = _TYPES[kind]
    if not ok(value):
        raise RulePackError(f"{where}: '{key}' must be {name}, not {value!r}")
    return value


def _decimal(value: Any, key: str, where: str) -> Decimal:
    """Figures are written as strings ("9.50") so no float ever touches money or points."""
    if isinstance(value, float | bool):
        raise RulePackError(f"{where}: '{key}' must be written as a string, like \"9.50\"")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise RulePackError(f"{where}: '{key}' must be a number, not {value!r}") from None
    if not number.is_finite():
        raise RulePackError(f"{where}: '{key}' must be an ordinary number, not {value!r}")
    if number < 0:
        raise RulePackError(f"{where}: '{key}' must be zero or more")
    return number


def freeze(value: Any) -> Any:
    """Tables become read-only mappings and lists become tuples: a cached pack cannot be changed."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def _unique(codes: list[str], where: str) -> None:
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise RulePackError(f"{where}: the code {repeated[0]!r} is used more than once")


def _choices(table: Mapping[str, Any], key: str, where: str, legal: bool = False) -> tuple:
    """A non-empty list of {code, label} (and {letter, legal_text} where the law is quoted)."""
    items = need(table, key, where, list)
    at = f"{where} [[{key}]]"
    if not items:
        raise RulePackError(f"{at}: needs at least one entry")
    extra = ("letter", "legal_text") if legal else ()
    choices = tuple(
        Choice(need(i, "code", at), need(i, "label", at), **{f: need(i, f, at) for f in extra})
        for i in items
    )
    _unique([c.code for c in choices], at)
    return choices
