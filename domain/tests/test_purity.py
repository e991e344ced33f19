"""domain/ is pure: no Django, no clock, no floats for money (ARCHITECTURE.md §5)."""

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[1]
MODULES = sorted(p for p in DOMAIN.rglob("*.py") if "tests" not in p.parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(DOMAIN)))
def test_domain_never_imports_django_or_the_outside_world(path):
    assert not _imports(path) & {"django", "requests", "httpx", "socket", "time", "os"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(DOMAIN)))
def test_domain_never_reads_the_clock(path):
    text = path.read_text(encoding="utf-8")
    assert "today()" not in text and ".now(" not in text
