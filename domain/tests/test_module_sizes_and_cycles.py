"""domain/ stays readable: no module over 400 lines, and no import cycle between its modules.

The import graph is read with `ast`, not by importing: every `import` and `from ... import`
anywhere in a file counts, function-level ones too. `from domain.x import y` is an edge to the
module `domain.x.y` when that is a module, else to `domain.x`. Importing a submodule does not
count as importing its package's `__init__`, so a package may re-export its submodules as long as
none of them imports the package back (they import their siblings directly).
"""

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[1]
MAX_LINES = 400


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = DOMAIN) -> dict[str, Path]:
    """Every module under `root` (a package directory), by dotted name."""
    return {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The longest prefix of a dotted name that is one of the known modules."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return candidate
    return None


def _base(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute module a `from ... import` reads from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, *([node.module] if node.module else [])])


def imports_of(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The known modules that `module` imports, anywhere in its file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {_resolve(a.name, known) for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = _base(node, module, path.name == "__init__.py")
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else _resolve(base, known))
    return found - {None}


def import_graph(root: Path = DOMAIN) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports_of(name, path, known) for name, path in known.items()}


def circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Each group of modules that import each other, directly or round a longer circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def connect(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a -> b -> ... -> a) through each group of modules that import each other."""
    return [_cycle_in(group, graph) for group in circles(graph)]


def _cycle_in(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    """A path from the group's first module back to itself, inside the group (breadth first)."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node] & group):
            if nxt == start:
                return [*paths[node], start]
            if nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle in {sorted(group)}")  # cannot happen for a component


def test_no_domain_module_is_over_400_lines():
    long = {
        str(path.relative_to(DOMAIN.parent)): n
        for path in modules().values()
        if "tests" not in path.relative_to(DOMAIN).parts
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"over {MAX_LINES} lines (split by responsibility): {long}"


def test_domain_modules_never_import_each_other_in_a_circle():
    graph = import_graph()
    found = [
        f"{' -> '.join(_cycle_in(group, graph))} (all in this circle: {', '.join(sorted(group))})"
        for group in circles(graph)
    ]
    assert not found, "import cycles in domain/: " + "; ".join(found)


def test_the_graph_sees_every_kind_of_import(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "from pkg.sub import helpers\n",
        "a.py": "import pkg.b\n",
        "b.py": "def later():\n    from pkg.sub.helpers import thing\n",
        "sub/__init__.py": "from . import helpers\n",
        "sub/helpers.py": "from pkg import a\nfrom ..b import later\n",
    }
    for name, text in files.items():
        (pkg / name).write_text(text, encoding="utf-8")
    graph = import_graph(pkg)
    assert graph == {
        "pkg": {"pkg.sub.helpers"},
        "pkg.a": {"pkg.b"},
        "pkg.b": {"pkg.sub.helpers"},
        "pkg.sub": {"pkg.sub.helpers"},
        "pkg.sub.helpers": {"pkg.a", "pkg.b"},
    }
    assert cycles(graph) == [
        ["pkg.a", "pkg.b", "pkg.sub.helpers", "pkg.a"],
    ]


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"a"}}, [["a", "a"]]),
        ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b", "a"], ["c", "d", "c"]]),
    ],
)
def test_cycles_are_found_and_named(graph, expected):
    assert sorted(cycles(graph)) == expected
