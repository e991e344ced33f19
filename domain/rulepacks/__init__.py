"""Versioned rule packs: TOML files with their source, validated on load, never edited in place.

Files live at `domain/rulepacks/<kind>/<id>-v<version>.toml`; `active.toml` names the version each
kind uses for new work. A calculation stores the `ref` ("id@version") it used, so it can be
recomputed and explained exactly, forever. Reading these files is the only I/O in domain/.
"""

import hashlib
import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from domain.rulepacks.builders import BUILDERS
from domain.rulepacks.carer_builders import CarerAllocationModel, CarerQuestionSet
from domain.rulepacks.cld_builders import CldReturn
from domain.rulepacks.code_builders import CODE_LISTS
from domain.rulepacks.delegation_builders import PANEL_TRIGGERS
from domain.rulepacks.fields import freeze, need
from domain.rulepacks.pa_builders import PaEmployerYear
from domain.rulepacks.types import (
    Choice,
    Codes,
    DelegationPolicy,
    Outcome,
    Pack,
    QuestionSet,
    RasModel,
    ReviewPolicy,
    RulePackError,
)

__all__ = [
    "CODE_LISTS",
    "HERE",
    "KINDS",
    "PANEL_TRIGGERS",
    "CarerAllocationModel",
    "CarerQuestionSet",
    "CldReturn",
    "Choice",
    "Codes",
    "DelegationPolicy",
    "Outcome",
    "Pack",
    "QuestionSet",
    "RasModel",
    "ReviewPolicy",
    "RulePackError",
    "carer_allocation",
    "carer_question_set",
    "cld_return",
    "codes",
    "delegation_policy",
    "load",
    "parse_ref",
    "parse_text",
    "question_set",
    "ras_model",
    "review_policy",
    "validate_file",
    "bundled",
    "sha256",
    "use_registry",
    "forget_loaded",
    "PaEmployerYear",
    "pa_employer",
    "pa_employer_years",
]

HERE = Path(__file__).resolve().parent
KINDS = tuple(BUILDERS)
PACK_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # also keeps a stored ref from naming another path


def _read(path: Path) -> tuple[Pack, Any]:
    """Parse one file into its Pack and its typed rules, checking every field on the way."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RulePackError(f"{path.name}: cannot be read ({e})") from None
    pack, built = parse_text(text, path.name)
    expected = f"{pack.id}-v{pack.version}.toml"
    if path.name != expected:
        raise RulePackError(
            f"{path.name} [pack]: 'id' and 'version' say the file should be named {expected}"
        )
    return pack, built


def parse_text(text: str, name: str) -> tuple[Pack, Any]:
    """Parse rule-pack text (from a file or an upload called `name`) into its Pack and typed
    rules; RulePackError names the file, the line (for TOML syntax) and the field at fault."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RulePackError(f"{name}: is not valid TOML ({e})") from None
    where = f"{name} [pack]"
    head = raw.get("pack")
    if not isinstance(head, Mapping):
        raise RulePackError(f"{name}: the [pack] table is missing")
    kind = need(head, "kind", where)
    if kind not in KINDS:
        raise RulePackError(f"{where}: 'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    if not PACK_ID.fullmatch(need(head, "id", where)):
        raise RulePackError(f"{where}: 'id' must be lower-case letters, digits and hyphens")
    pack = Pack(
        kind=kind,
        id=need(head, "id", where),
        version=need(head, "version", where, int),
        title=need(head, "title", where),
        source=need(head, "source", where),
        demo=need(head, "demo", where, bool),
        effective_from=need(head, "effective_from", where, date),
        data=freeze({k: v for k, v in raw.items() if k != "pack"}),
    )
    return pack, BUILDERS[kind](pack, name)


def validate_file(path: Path | str) -> Pack:
    """Read and check one rule-pack file; raise RulePackError naming the file and the field."""
    return _read(Path(path))[0]


def parse_ref(ref: str) -> tuple[str, int]:
    """'demo-points@1' -> ('demo-points', 1)."""
    pack_id, _, version = (ref or "").partition("@")
    if not PACK_ID.fullmatch(pack_id) or not (version.isascii() and version.isdigit()):
        raise RulePackError(f"'{ref}' is not a rule-pack reference like 'demo-points@1'")
    return pack_id, int(version)


# A registry of versions loaded by the council (kept outside domain/, in a database) can be
# plugged in: `active` gives the (id, version) activated for each kind (kinds it leaves out use
# active.toml), and `text` gives the text of a loaded version that is not a bundled file.
_registry: dict[str, Callable[..., Any] | None] = {"active": None, "text": None}


def use_registry(
    *,
    active: Callable[[], Mapping[str, tuple[str, int]]] | None,
    text: Callable[[str, str, int], str | None] | None,
) -> None:
    """Plug in (or, with None, unplug) the council's registry of loaded and activated versions."""
    _registry.update(active=active, text=text)
    forget_loaded()


def forget_loaded() -> None:
    """Drop every parsed version from memory (they are parsed again from their text on next use)."""
    _load.cache_clear()


def sha256(text: str) -> str:
    """The fingerprint that proves a version's text has not changed since it was loaded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bundled() -> list[Path]:
    """Every rule-pack file shipped with Clearpath, by kind then name."""
    return sorted(p for kind in KINDS for p in (HERE / kind).glob("*.toml"))


def _active() -> Mapping[str, tuple[str, int]]:
    """The (id, version) each kind uses for new work: the registry's activations over active.toml."""
    chosen = _registry["active"]() if _registry["active"] else {}
    return {**_bundled_active(), **{k: v for k, v in chosen.items() if k in KINDS}}


@lru_cache(maxsize=1)
def _bundled_active() -> Mapping[str, tuple[str, int]]:
    """active.toml: the (id, version) each kind uses for new work."""
    try:
        raw = tomllib.loads((HERE / "active.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise RulePackError(f"active.toml: cannot be read ({e})") from None
    return {
        kind: (
            need(need(raw, kind, "active.toml", Mapping), "id", f"active.toml [{kind}]"),
            need(raw[kind], "version", f"active.toml [{kind}]", int),
        )
        for kind in KINDS
    }


def _latest_version(kind: str, pack_id: str) -> int:
    versions = [
        int(p.stem.rpartition("-v")[2])
        for p in (HERE / kind).glob(f"{pack_id}-v*.toml")
        if p.stem.rpartition("-v")[2].isdigit()
    ]
    if not versions:
        raise RulePackError(f"There is no {kind} rule pack called {pack_id}")
    return max(versions)


def _resolve(kind: str, pack_id: str | None, version: int | None) -> tuple[str, int]:
    """The active pack when nothing is named; the newest version of a named pack without one."""
    if kind not in KINDS:
        raise RulePackError(f"'{kind}' is not a kind of rule pack ({', '.join(KINDS)})")
    if pack_id is not None and not PACK_ID.fullmatch(pack_id):
        raise RulePackError(f"'{pack_id}' is not a rule-pack id like 'demo-points'")
    active_id, active_version = _active()[kind]
    if pack_id is None or pack_id == active_id:
        return active_id, active_version if version is None else version
    return pack_id, _latest_version(kind, pack_id) if version is None else version


@lru_cache(maxsize=128)  # every version a calculation has used; a handful in practice
def _load(kind: str, pack_id: str, version: int) -> tuple[Pack, Any]:
    path = HERE / kind / f"{pack_id}-v{version}.toml"
    if path.is_file():
        pack, built = _read(path)
    else:
        text = _registry["text"](kind, pack_id, version) if _registry["text"] else None
        if text is None:
            raise RulePackError(f"There is no {kind} rule pack {pack_id}@{version}")
        pack, built = parse_text(text, path.name)
    if pack.kind != kind:
        raise RulePackError(f"{path.name} [pack]: 'kind' is {pack.kind}, not {kind}")
    return pack, built


def load(kind: str, id: str | None = None, version: int | None = None) -> Pack:
    """The pack of this kind at this id and version (the active one when neither is given)."""
    return _load(kind, *_resolve(kind, id, version))[0]


def _get(kind: str, ref: str | None) -> Any:
    pack_id, version = (None, None) if ref is None else parse_ref(ref)
    return _load(kind, *_resolve(kind, pack_id, version))[1]


def question_set(ref: str | None = None) -> QuestionSet:
    """The assessment questions (SI 2015/313 reg 2) at `ref`, or the active ones."""
    return _get("question_set", ref)


def ras_model(ref: str | None = None) -> RasModel:
    """The RAS model (council-configured figures) at `ref`, or the active one."""
    return _get("ras_model", ref)


def delegation_policy(ref: str | None = None) -> DelegationPolicy:
    """The council's delegation policy at `ref`, or the active one."""
    return _get("delegation_policy", ref)


def review_policy(ref: str | None = None) -> ReviewPolicy:
    """The review and payment intervals at `ref`, or the active ones."""
    return _get("review_policy", ref)


def carer_question_set(ref: str | None = None) -> CarerQuestionSet:
    """The carer's assessment questions (SI 2015/313 reg 3) at `ref`, or the active ones."""
    return _get("carer_question_set", ref)


def carer_allocation(ref: str | None = None) -> CarerAllocationModel:
    """The carer allocation (council-configured figures) at `ref`, or the active one."""
    return _get("carer_allocation", ref)


def pa_employer(tax_year: str | None = None) -> PaEmployerYear:
    """The personal assistant employer figures for a tax year ("2026-27"; its newest version),
    or for the year in use for new work."""
    if tax_year is None:
        return _get("pa_employer", None)
    return _load("pa_employer", *_resolve("pa_employer", tax_year, None))[1]


def pa_employer_years() -> list[str]:
    """The tax years with shipped figures, oldest first ("2025-26", "2026-27")."""
    return sorted({p.stem.rpartition("-v")[0] for p in (HERE / "pa_employer").glob("*-v*.toml")})


def codes(ref: str | None = None) -> Codes:
    """The code lists (CLD Release 1 and Clearpath's own) at `ref`, or the active ones."""
    return _get("codes", ref)


def cld_return(ref: str | None = None) -> CldReturn:
    """How the Client Level Data return is filled (Release 1 layout) at `ref`, or the active one."""
    return _get("cld_return", ref)


def charging(ref: str | None = None):
    """Charging figures (capital limits, tariff income, MIG) at `ref`, or the active ones."""
    return _get("charging", ref)


def money_policy(ref: str | None = None):
    """The council's payment-monitoring policy and statement layouts at `ref`, or the active one."""
    return _get("money_policy", ref)
