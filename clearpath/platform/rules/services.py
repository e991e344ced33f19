"""Loading and activating rule-pack versions: each one change, in its transaction, with its audit row."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction

from clearpath.errors import ServiceError
from clearpath.platform.audit.services import record_event
from clearpath.platform.rules import registry
from clearpath.platform.rules.models import Activation, RulePackVersion
from domain import rulepacks
from domain.rulepacks import HERE, KINDS, RulePackError

MAX_TEXT = 500_000  # characters; the largest shipped pack is a few thousand


@dataclass(frozen=True)
class Known:
    """A version Clearpath can use: shipped as a file, or loaded by the council."""

    kind: str
    pack_id: str
    version: int
    title: str
    source: str
    demo: bool
    effective_from: date
    sha256: str
    origin: str  # "shipped" or "loaded"
    loaded: RulePackVersion | None = None

    @property
    def ref(self) -> str:
        return f"{self.pack_id}@{self.version}"


def _shipped_text(kind: str, pack_id: str, version: int) -> str | None:
    path = HERE / kind / f"{pack_id}-v{version}.toml"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def catalogue() -> list[Known]:
    """Every version of every kind: the shipped files, then the council's loaded versions."""
    found = []
    for path in rulepacks.bundled():
        pack = rulepacks.validate_file(path)
        text = path.read_text(encoding="utf-8")
        found.append(_known(pack, rulepacks.sha256(text), "shipped"))
    for row in RulePackVersion.objects.select_related("loaded_by"):
        found.append(
            Known(
                row.kind,
                row.pack_id,
                row.version,
                row.title,
                row.source,
                row.demo,
                row.effective_from,
                row.sha256,
                "loaded",
                row,
            )
        )
    return sorted(found, key=lambda k: (KINDS.index(k.kind), k.pack_id, k.version))


def _known(pack, digest: str, origin: str) -> Known:
    return Known(
        pack.kind,
        pack.id,
        pack.version,
        pack.title,
        pack.source,
        pack.demo,
        pack.effective_from,
        digest,
        origin,
    )


def text_of(kind: str, pack_id: str, version: int) -> str | None:
    """The exact text of a shipped or loaded version, or None."""
    return _shipped_text(kind, pack_id, version) or registry.text_of(kind, pack_id, version)


def active() -> dict[str, str]:
    """The ref in use for new work, by kind."""
    return {kind: rulepacks.load(kind).ref for kind in KINDS}


def _error(e: RulePackError, field: str) -> ServiceError:
    return ServiceError(str(e), field=field)


@transaction.atomic
def load_rule_pack(*, text: str, filename: str, by) -> tuple[RulePackVersion | None, bool]:
    """Check a rule-pack file and keep it as a new version. Returns (version, created).

    The same text again changes nothing. Different text under a version number that is already
    shipped or loaded is refused: a loaded version is never edited.
    """
    name = Path(filename or "upload.toml").name
    if not text.strip():
        raise ServiceError(f"{name} is empty", field="file")
    if len(text) > MAX_TEXT:
        raise ServiceError(f"{name} is too big to be a rule pack", field="file")
    try:
        pack, _ = rulepacks.parse_text(text, name)
    except RulePackError as e:
        raise _error(e, "file") from None
    digest = rulepacks.sha256(text)
    existing = text_of(pack.kind, pack.id, pack.version)
    if existing is not None:
        if rulepacks.sha256(existing) == digest:
            row = RulePackVersion.objects.filter(
                kind=pack.kind, pack_id=pack.id, version=pack.version
            ).first()
            return row, False
        raise ServiceError(
            f"{pack.ref} is already loaded with different content. A loaded version is never "
            f"edited: give your changes a new version number.",
            field="file",
        )
    try:
        with transaction.atomic():
            row = RulePackVersion.objects.create(
                kind=pack.kind,
                pack_id=pack.id,
                version=pack.version,
                title=pack.title,
                source=pack.source,
                demo=pack.demo,
                effective_from=pack.effective_from,
                text=text,
                sha256=digest,
                filename=name[:200],
                loaded_by=by if getattr(by, "pk", None) else None,
            )
    except IntegrityError:
        raise ServiceError(
            f"Someone else loaded {pack.ref} at the same moment. Check the list of versions.",
            field="file",
        ) from None
    record_event(
        actor=by,
        action="rulepack.loaded",
        obj=row,
        summary=f"Loaded {pack.kind.replace('_', ' ')} {pack.ref}: {pack.title}",
        changes={"kind": pack.kind, "ref": pack.ref, "sha256": digest},
    )
    return row, True


def _check_fits(kind: str, built) -> None:
    """A new version must work with the versions of the other kinds in use for new work."""
    if kind == "ras_model":
        _fits(built, rulepacks.question_set())
    elif kind == "question_set":
        _fits(rulepacks.ras_model(), built)


def _fits(model, question_set) -> None:
    missing = [c.code for c in question_set.help_levels if c.code not in model.points]
    if missing:
        raise ServiceError(
            f"{model.ref} has no points for the answer '{missing[0]}' in {question_set.ref}, "
            "so it cannot price every assessment",
            field="ref",
        )
    missing = [
        c.code for c in question_set.unpaid_care_levels if c.code not in model.unpaid_care_reduction
    ]
    if missing:
        raise ServiceError(
            f"{model.ref} has no unpaid care reduction for '{missing[0]}' in {question_set.ref}",
            field="ref",
        )


@transaction.atomic
def activate_rule_pack(*, kind: str, ref: str, by, reason: str = "") -> Activation:
    """Use this version for new work from now on. Past calculations keep the version they used."""
    if kind not in KINDS:
        raise ServiceError(f"'{kind}' is not a kind of rule pack", field="kind")
    try:
        pack_id, version = rulepacks.parse_ref(ref)
    except RulePackError as e:
        raise _error(e, "ref") from None
    # One activation at a time: lock the latest activation of this kind, if there is one.
    list(Activation.objects.select_for_update().filter(kind=kind).order_by("-id")[:1])
    if text_of(kind, pack_id, version) is None:
        raise ServiceError(f"There is no {kind.replace('_', ' ')} {ref} to activate", field="ref")
    try:
        pack, built = rulepacks.parse_text(text_of(kind, pack_id, version), f"{ref}")
    except RulePackError as e:
        raise _error(e, "ref") from None
    if pack.kind != kind:
        raise ServiceError(f"{ref} is a {pack.kind.replace('_', ' ')}, not a {kind}", field="ref")
    before = rulepacks.load(kind).ref
    if before == ref:
        raise ServiceError(f"{ref} is already in use for new work", field="ref")
    _check_fits(kind, built)
    activation = Activation.objects.create(
        kind=kind,
        pack_id=pack_id,
        version=version,
        reason=reason.strip()[:2000],
        activated_by=by if getattr(by, "pk", None) else None,
    )
    registry.forget()
    transaction.on_commit(registry.forget)
    record_event(
        actor=by,
        action="rulepack.activated",
        obj=activation,
        summary=f"New work now uses {kind.replace('_', ' ')} {ref} (was {before})",
        changes={"kind": kind, "from": before, "to": ref, "reason": reason.strip()},
    )
    return activation
