"""What changed between two versions of a support plan, in plain words (pure: no Django)."""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from domain.money import format_money

FIELDS = (
    ("what_matters", "What matters to the person"),
    ("deployment", "How the money is managed"),
    ("money_notes", "The details of how the money is managed"),
    ("contingency", "The contingency plan"),
)


def what_changed(old: Mapping, new: Mapping) -> list[str]:
    """Sentences saying what differs from `old` to `new`.

    Each is a mapping with the FIELDS above, `outcomes` (texts), `risks` (texts), `lines`
    (description -> weekly cost) and `weekly_total`."""
    changes = []
    for key, words in FIELDS:
        if (old.get(key) or "").strip() != (new.get(key) or "").strip():
            changes.append(f"{words} changed.")
    changes += _listed("outcome", old.get("outcomes", ()), new.get("outcomes", ()))
    changes += _listed("risk", old.get("risks", ()), new.get("risks", ()))
    old_lines: Mapping[str, Decimal] = old.get("lines", {})
    new_lines: Mapping[str, Decimal] = new.get("lines", {})
    for d, cost in new_lines.items():
        if d not in old_lines:
            changes.append(f"Support added: {d} ({format_money(cost)} a week).")
        elif old_lines[d] != cost:
            changes.append(
                f"Support changed: {d}, from {format_money(old_lines[d])} "
                f"to {format_money(cost)} a week."
            )
    for d, cost in old_lines.items():
        if d not in new_lines:
            changes.append(f"Support removed: {d} ({format_money(cost)} a week).")
    old_total, new_total = old.get("weekly_total"), new.get("weekly_total")
    if old_total is not None and new_total is not None and old_total != new_total:
        changes.append(
            f"The weekly total went from {format_money(old_total)} to {format_money(new_total)}."
        )
    return changes


def _listed(what: str, old: Sequence[str], new: Sequence[str]) -> list[str]:
    out = [f"New {what}: {t}" for t in new if t not in old]
    out += [f"{what.capitalize()} taken out: {t}" for t in old if t not in new]
    return out
