"""Manage rule packs: `rulepack validate|load|activate|list PATH`.

validate PATH          check a file, or every .toml file in a folder; nothing is changed
load PATH              check and keep a file (or a folder's files) as new versions
activate PATH|REF      use a version for new work (--kind is needed with a REF like demo-points@2;
                       a PATH is loaded first if it is not already)
list [PATH]            the versions Clearpath knows and which is active; or the packs in PATH
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from clearpath.errors import ServiceError
from clearpath.platform.rules.services import activate_rule_pack, active, catalogue, load_rule_pack
from domain import rulepacks
from domain.rulepacks import KINDS, RulePackError


def _files(path: str) -> list[Path]:
    p = Path(path)
    if p.is_dir():
        files = sorted(p.rglob("*.toml"))
        if not files:
            raise CommandError(f"There are no .toml files in {p}")
        return [f for f in files if f.name != "active.toml"]
    if not p.is_file():
        raise CommandError(f"{p} is not a file or folder")
    return [p]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CommandError(f"{path.name}: cannot be read ({e})") from None


class Command(BaseCommand):
    help = "Validate, load, activate and list rule packs (see docs/rule-packs.md)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["validate", "load", "activate", "list"])
        parser.add_argument(
            "path", nargs="?", help="a .toml file, a folder, or a ref like demo-points@2"
        )
        parser.add_argument("--kind", choices=KINDS, help="the kind, when activating by ref")
        parser.add_argument("--reason", default="", help="why (kept in the audit trail)")
        parser.add_argument("--by", default="", help="the username of the administrator doing it")

    def handle(self, *args, action, path, kind, reason, by, **options):
        self.by = None
        if by:
            self.by = get_user_model().objects.filter(username=by).first()
            if self.by is None or not self.by.is_administrator:
                raise CommandError(f"{by} is not an administrator")
        if action != "list" and not path:
            raise CommandError(f"`rulepack {action}` needs a PATH")
        getattr(self, f"_{action}")(path, kind, reason)

    def _validate(self, path, kind, reason):
        failures = 0
        for f in _files(path):
            try:
                pack = rulepacks.validate_file(f)
            except RulePackError as e:
                failures += 1
                self.stderr.write(f"REFUSED {e}")
            else:
                self.stdout.write(f"ok      {f.name}: {pack.kind} {pack.ref} ({pack.title})")
        if failures:
            raise CommandError(f"{failures} file(s) refused; nothing was changed")

    def _load_one(self, f: Path):
        try:
            row, created = load_rule_pack(text=_read(f), filename=f.name, by=self.by)
        except ServiceError as e:
            raise CommandError(
                f"REFUSED {e.message.rstrip('.')}. Nothing was loaded from {f.name}."
            ) from None
        pack = rulepacks.parse_text(_read(f), f.name)[0]
        self.stdout.write(
            f"loaded  {pack.kind} {pack.ref}"
            if created
            else f"same    {pack.kind} {pack.ref} is already known"
        )
        return pack

    def _load(self, path, kind, reason):
        files = _files(path)
        for f in files:  # check every file before keeping any
            try:
                rulepacks.parse_text(_read(f), f.name)
            except RulePackError as e:
                raise CommandError(f"REFUSED {e}. Nothing was loaded.") from None
        for f in files:
            self._load_one(f)

    def _activate(self, path, kind, reason):
        if Path(path).is_file():
            pack = self._load_one(Path(path))
            kind, ref = pack.kind, pack.ref
        else:
            if not kind:
                raise CommandError("Say which kind with --kind when activating by ref")
            ref = path
        try:
            activate_rule_pack(kind=kind, ref=ref, by=self.by, reason=reason)
        except ServiceError as e:
            raise CommandError(f"REFUSED {e.message.rstrip('.')}. Nothing was activated.") from None
        self.stdout.write(f"active  {kind} {ref} is now used for new work")

    def _list(self, path, kind, reason):
        if path:
            return self._validate(path, kind, reason)
        in_use = active()
        for k in catalogue():
            mark = "active " if in_use[k.kind] == k.ref else "       "
            demo = " (demo)" if k.demo else ""
            self.stdout.write(
                f"{mark} {k.kind:<18} {k.ref:<28} {k.origin:<8} from {k.effective_from}  {k.title}{demo}"
            )
