"""The layers of the house style (the shared STYLE.md), held by reading every module under planner/ with `ast`.

Data flows one way: the doors (cli, app) and the window (ui) call domain, store and export; export reads
domain objects; domain imports nothing of ours above it. A reader should know from a file's folder what it
may import, and this test makes that true. Function-level imports count for the layers as much as top-level
ones (they are the usual way round a rule); only module-level imports can form an import cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "planner"

QT = ("PySide6", "shiboken6")
SQL = ("sqlmodel", "sqlalchemy", "alembic", "psycopg", "psycopg2", "sqlite3")

# What each layer may import of ours. `base` is planner/__init__ (version, disclaimer), paths, logs and atomic:
# standard-library-only helpers every layer may lean on.
BASE = {"base"}
ALLOWED: dict[str, set[str]] = {
    "base": BASE,
    "domain": {"domain"},  # only the package root's version/disclaimer besides itself, checked below
    "store": {"store", "domain"} | BASE,
    "export": {"export", "domain"} | BASE,
    "ui": {"ui", "domain", "store", "export"} | BASE,
    "commands": {"commands", "domain", "store", "export"} | BASE,
    "door": {"door", "ui", "commands", "domain", "store", "export"} | BASE,
}
FORBIDDEN_THIRD_PARTY: dict[str, tuple[str, ...]] = {
    "base": QT + SQL,
    "domain": QT + SQL,
    "store": QT,
    "export": QT + SQL,
    "commands": QT,
}
# The one documented way from a command into the window: none today. A command that must open a window
# (e.g. `wizard --window`) goes through planner.app, the window door, and is listed here with its reason.
WINDOW_ENTRIES: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    when: str  # "module": runs on import; "function": runs when called; "typing": never (under TYPE_CHECKING)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if module in ("planner", "planner.paths", "planner.logs", "planner.atomic"):
        return "base"
    if module in ("planner.cli", "planner.app", "planner.__main__"):
        return "door"
    if len(parts) > 1 and parts[1] in ("domain", "store", "export", "ui", "commands"):
        return parts[1]
    raise AssertionError(f"{module} lives in no layer of STYLE.md: put it in one, or name its layer here")


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, when: str) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, when
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _walk(child, "function" if when == "module" else when)
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            yield from _walk(ast.Module(body=child.body, type_ignores=[]), "typing")
            yield from _walk(ast.Module(body=child.orelse, type_ignores=[]), when)
        else:
            yield from _walk(child, when)


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> Iterator[Import]:
    """Every import in the module, resolved to module names (ours as planner.x.y, others by their top name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node, when in _walk(tree, "module"):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, _ours_or_top(alias.name, modules), node.lineno, when)
            continue
        if node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            target = ".".join([*base, node.module] if node.module else base)
        else:
            target = node.module or ""
        for alias in node.names:
            # `from planner.store import exercises` imports the module planner.store.exercises.
            submodule = f"{target}.{alias.name}"
            name = submodule if submodule in modules else target
            yield Import(module, _ours_or_top(name, modules), node.lineno, when)


def _ours_or_top(name: str, modules: dict[str, Path]) -> str:
    if name == "planner" or name.startswith("planner."):
        # An import of a name that is not a module of ours (a typo, a removed module) still names its package.
        while name not in modules and "." in name:
            name = name.rpartition(".")[0]
        return name
    return name.split(".")[0]


@pytest.fixture(scope="module")
def graph() -> list[Import]:
    modules = all_modules()
    return [imp for module, path in modules.items() for imp in imports_of(module, path, modules)]


def _where(imp: Import) -> str:
    path = all_modules()[imp.importer].relative_to(PACKAGE.parent)
    return f"{path}:{imp.line}: {imp.importer} imports {imp.imported}"


def test_every_module_lives_in_a_layer() -> None:
    for module in all_modules():
        layer_of(module)


def test_each_layer_imports_only_the_layers_below_it(graph: list[Import]) -> None:
    wrong = []
    for imp in graph:
        if not imp.imported.startswith("planner"):
            continue
        source, target = layer_of(imp.importer), layer_of(imp.imported)
        if source == "domain" and imp.imported == "planner":
            continue  # the package root holds only the version and the disclaimer
        if target in ALLOWED[source] or (imp.importer, imp.imported) in WINDOW_ENTRIES:
            continue
        wrong.append(f"{_where(imp)} ({source} may import {', '.join(sorted(ALLOWED[source]))})")
    assert not wrong, "imports against the layers of STYLE.md:\n" + "\n".join(wrong)


def test_domain_export_store_and_commands_stay_free_of_qt_and_domain_of_sql(graph: list[Import]) -> None:
    wrong = []
    for imp in graph:
        if imp.imported.startswith("planner"):
            continue
        forbidden = FORBIDDEN_THIRD_PARTY.get(layer_of(imp.importer), ())
        if imp.imported in forbidden:
            wrong.append(f"{_where(imp)} ({layer_of(imp.importer)} may not use {imp.imported})")
    assert not wrong, "Qt or SQL where STYLE.md keeps it out:\n" + "\n".join(wrong)


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path a -> b -> ... -> a, or None (an iterative DFS: no recursion limit to hit)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in sorted(edges):
        if state.get(root):
            continue
        path = [root]
        stack = [iter(sorted(edges.get(root, ())))]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(edges.get(nxt, ()))))
    return None


def test_find_cycle_reports_the_path_of_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(edges) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def _edges(graph: list[Import], when: set[str]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for imp in graph:
        if imp.when in when and imp.imported.startswith("planner") and imp.imported != imp.importer:
            edges.setdefault(imp.importer, set()).add(imp.imported)
    return edges


def test_no_module_level_import_cycle(graph: list[Import]) -> None:
    cycle = find_cycle(_edges(graph, {"module"}))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_import_cycle_hidden_in_a_function(graph: list[Import]) -> None:
    # An import moved into a function only postpones a cycle to the first call; the modules still need
    # each other. Imports under TYPE_CHECKING never run, so a type named both ways is not a cycle.
    cycle = find_cycle(_edges(graph, {"module", "function"}))
    assert cycle is None, "import cycle (through function-level imports): " + " -> ".join(cycle or [])
