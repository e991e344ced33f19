"""House rules that keep the layers apart."""

import ast
from pathlib import Path

from clearpath.settings import LOCAL_APPS

ROOT = Path(__file__).resolve().parents[1]
# Each app by its short name (its label), with its folder.
APP_DIRS = {name.rsplit(".", 1)[-1]: ROOT.joinpath(*name.split(".")) for name in LOCAL_APPS}
APPS = set(APP_DIRS)


def app_of(module: str) -> str | None:
    """The app a dotted module belongs to (`clearpath.journey.plans.services` -> `plans`)."""
    for name in LOCAL_APPS:
        if module == name or module.startswith(name + "."):
            return name.rsplit(".", 1)[-1]
    return None


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_never_imports_django_or_the_apps():
    offenders = {
        str(p.relative_to(ROOT)): sorted(
            n for n in imports_of(p) if n.split(".")[0] in {"django", "ninja", "clearpath"}
        )
        for p in (ROOT / "domain").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_app_imports_another_apps_views():
    offenders = []
    for app, folder in APP_DIRS.items():
        for p in folder.rglob("*.py"):
            for name in imports_of(p):
                other = app_of(name)
                if other and other != app and name.split(".")[-1] == "views":
                    offenders.append(f"{p.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_views_do_not_write_to_models_directly():
    """State changes go through services; views never call save/create/delete/update themselves."""
    offenders = []
    for p in ROOT.glob("clearpath/*/*/views.py"):
        source = p.read_text()
        for call in (".save(", ".objects.create(", ".delete(", ".update("):
            if call in source:
                offenders.append(f"{p.relative_to(ROOT)} calls {call}")
    assert offenders == []
