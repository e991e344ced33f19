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
    for p in ROOT.glob("clearpath/*/*/*views.py"):
        source = p.read_text()
        for call in (".save(", ".objects.create(", ".delete(", ".update("):
            if call in source:
                offenders.append(f"{p.relative_to(ROOT)} calls {call}")
    assert offenders == []


# --- One direction of flow (docs/architecture.md) -------------------------------------------------

# Imports that run against the flow, each named so the list can only shrink: a new one fails the
# test below. Empty since the API endpoints moved into each app's api.py; keep it so. Each entry
# would be (importing app, imported app).
KNOWN_AGAINST_THE_FLOW: set[tuple[str, str]] = set()


def _app_imports() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> the files, for every import between two apps (tests,
    migrations and the demo council aside)."""
    from django.apps import apps

    found: dict[tuple[str, str], list[str]] = {}
    for app, folder in APP_DIRS.items():
        for p in folder.rglob("*.py"):
            if {"tests", "migrations"} & set(p.parts):
                continue
            for name in imports_of(p):
                other = app_of(name)
                if other and other != app and apps.get_app_config(other):
                    found.setdefault((app, other), []).append(str(p.relative_to(ROOT)))
    return found


def test_no_stage_imports_a_later_one():
    """An app imports only apps with a lower `stage` (its apps.py): the journey flows one way."""
    from django.apps import apps

    stage = {label: apps.get_app_config(label).stage for label in APPS}
    against = {
        pair: files
        for pair, files in _app_imports().items()
        if stage[pair[0]] <= stage[pair[1]] and pair not in KNOWN_AGAINST_THE_FLOW
    }
    assert against == {}


def test_no_import_circle_between_apps():
    """No app reaches itself again through the apps it imports (beyond the named exceptions)."""
    graph: dict[str, set[str]] = {}
    for pair in _app_imports():
        if pair not in KNOWN_AGAINST_THE_FLOW:
            graph.setdefault(pair[0], set()).add(pair[1])

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(graph.get(node, ()))
        return False

    circles = sorted(f"{a} -> {b} -> ... -> {a}" for a in graph for b in graph[a] if reaches(b, a))
    assert circles == []


def test_the_known_exceptions_still_exist():
    """When an exception is mended, take it off KNOWN_AGAINST_THE_FLOW."""
    imports = _app_imports()
    assert {pair for pair in KNOWN_AGAINST_THE_FLOW if pair not in imports} == set()


def test_approving_reaches_payments_then_reviews_through_events():
    from clearpath.events import handlers_of
    from clearpath.journey.approvals.events import PlanApproved
    from clearpath.journey.plans.events import PlanSubmitted, PlanSubmitting

    assert [h.__module__ for h in handlers_of(PlanApproved)] == [
        "clearpath.money.payments.handlers",
        "clearpath.journey.reviews.handlers",
    ]
    assert [h.__module__ for h in handlers_of(PlanSubmitted)] == [
        "clearpath.journey.approvals.handlers"
    ]
    assert [h.__module__ for h in handlers_of(PlanSubmitting)] == [
        "clearpath.journey.reviews.handlers"
    ]


def test_no_module_over_400_lines():
    """Modules a newcomer reads in one sitting: split by what they do (tests and migrations aside)."""
    long = {
        str(p.relative_to(ROOT)): n
        for folder in (ROOT / "clearpath", ROOT / "domain")
        for p in folder.rglob("*.py")
        if not {"tests", "migrations"} & set(p.parts)
        and (n := len(p.read_text().splitlines())) > 400
    }
    assert long == {}


def test_the_root_holds_only_the_package_and_the_project_files():
    allowed = {
        "clearpath", "domain", "tests", "docs", "benchmarks", "scripts",
        "Makefile", "README.md", "pyproject.toml", "manage.py", "conftest.py",
        "requirements.in", "requirements-dev.in", "requirements.lock", ".ci", ".gitignore",
    }  # fmt: skip
    import subprocess

    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert {path.split("/")[0] for path in tracked} - allowed == set()


def test_no_import_circle_between_the_packages_modules():
    """Inside clearpath/ too, no module reaches itself again through the modules it imports
    (tests and migrations aside; every import counts, function-level ones too)."""
    from domain.tests.test_module_sizes_and_cycles import cycles, import_graph

    graph = {
        name: {m for m in deps if ".tests" not in m and ".migrations" not in m}
        for name, deps in import_graph(ROOT / "clearpath").items()
        if ".tests" not in name and ".migrations" not in name
    }
    assert cycles(graph) == []
