"""The code's shape: no import cycle, short functions, and the renderer known in one place only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "catalog"
RENDERER = {"mkdocs", "material", "properdocs"}
MAX_FUNCTION_LINES = 80


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module of ours that `path` imports anywhere: top level, inside functions, under TYPE_CHECKING."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):  # a package's own __init__
                found.add(target)
    return found


def test_no_import_cycle_in_the_package():
    known = modules()
    graph = {name: imported(name, path, set(known)) for name, path in known.items()}
    cycles = []

    def visit(node: str, trail: list[str], done: set[str]) -> None:
        if node in trail:
            cycles.append(" → ".join(trail[trail.index(node):] + [node]))
            return
        if node in done:
            return
        for target in sorted(graph[node]):
            visit(target, trail + [node], done)
        done.add(node)

    done: set[str] = set()
    for name in sorted(graph):
        visit(name, [], done)
    assert cycles == []


def test_the_cycle_finder_sees_imports_inside_functions(tmp_path):
    """The check above would pass on any code if `imported` missed lazy imports: show that it does not."""
    path = tmp_path / "x.py"
    path.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from catalog.a import A\n"
                    "def f():\n    from catalog.b import g\n", encoding="utf-8")
    assert imported("catalog.x", path, {"catalog.a", "catalog.b", "catalog.x"}) == {"catalog.a", "catalog.b"}


def test_no_function_is_longer_than_80_lines():
    long = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {lines} lines")
    assert long == []


def test_only_the_adapter_knows_the_renderer():
    knowing = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = ([a.name for a in node.names] if isinstance(node, ast.Import)
                       else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(t.split(".")[0] in RENDERER for t in targets):
                knowing.append(name)
    assert sorted(set(knowing)) == ["catalog.mkdocs_adapter"]
