"""The package's shape, read from its source with `ast`: no two parts of it import each other,
nothing below the CLI and the site imports them, and no module reaches for another module's
private (`_`) names."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "crosswalk"
TOP = ("cli", "site")  # may import everything below them; nothing below may import them


@dataclass(frozen=True)
class Module:
    name: str  # crosswalk.analysis.coverage
    path: Path
    tree: ast.Module

    @property
    def part(self) -> str:
        """The top-level part of the package it belongs to: `analysis`, `export`, `corpus`."""
        return self.name.split(".")[1] if "." in self.name else self.name


@cache
def modules() -> tuple[Module, ...]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "_data" in path.relative_to(PACKAGE).parts:
            continue
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found.append(Module(name, path, tree))
    return tuple(found)


def _names() -> set[str]:
    return {m.name for m in modules()}


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node, leaving out the bodies of `if TYPE_CHECKING:` (names for annotations
    only, never imported when the code runs)."""
    found: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            todo += node.orelse
            continue
        todo += ast.iter_child_nodes(node)
    return found


def imported(module: Module, annotations: bool = False) -> list[tuple[int, str, list[str]]]:
    """(line, module imported, names taken from it) for each crosswalk import that runs (at
    the top or inside a function), relative imports resolved; `from crosswalk.export import
    sssom` counts as importing `crosswalk.export.sssom` when that is a module. With
    `annotations`, the imports for type annotations only as well."""
    found = []
    package = module.name if module.path.name == "__init__.py" else module.name.rpartition(".")[0]
    for node in ast.walk(module.tree) if annotations else _runtime_nodes(module.tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names if _ours(a.name)]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            if not _ours(base):
                continue
            names = [a.name for a in node.names]
            submodules = [f"{base}.{n}" for n in names if f"{base}.{n}" in _names()]
            found.append((node.lineno, base, [n for n in names if f"{base}.{n}" not in _names()]))
            found += [(node.lineno, s, []) for s in submodules]
    return found


def _ours(name: str) -> bool:
    return name == "crosswalk" or name.startswith("crosswalk.")


def _part(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def part_imports() -> dict[str, dict[str, list[str]]]:
    """For each top-level part, the parts it imports and, for each, the modules that do."""
    graph: dict[str, dict[str, list[str]]] = {}
    for module in modules():
        for _line, target, _names_taken in imported(module):
            if _part(target) not in (module.part, "crosswalk"):
                graph.setdefault(module.part, {}).setdefault(_part(target), []).append(
                    f"{module.name} -> {target}"
                )
    return graph


def test_no_two_parts_of_the_package_import_each_other() -> None:
    graph = part_imports()
    cycles = []
    for a, targets in sorted(graph.items()):
        for b, why in sorted(targets.items()):
            if a < b and a in graph.get(b, {}):
                cycles.append(f"{a} <-> {b}: {sorted(set(why))} and {sorted(set(graph[b][a]))}")
    assert not cycles, "parts of the package import each other:\n" + "\n".join(cycles)


def test_nothing_below_the_cli_and_the_site_imports_them() -> None:
    graph = part_imports()
    upward = [
        f"{part} imports {top}: {sorted(set(why))}"
        for part, targets in sorted(graph.items())
        for top, why in sorted(targets.items())
        if top in TOP and part not in TOP
    ]
    assert not upward, "\n".join(upward)
    assert "cli" not in graph.get("site", {}), f"site imports cli: {graph['site']['cli']}"


def test_the_structure_test_sees_an_import_cycle_and_an_upward_import() -> None:
    """The reading of imports finds what it is meant to find (it is not vacuous)."""
    graph = part_imports()
    assert "analysis" in graph["cli"], "the CLI imports the analysis"
    assert "analysis" in graph["site"], "the site imports the analysis"
    assert "corpus" in graph["export"], "the exports import the corpus"


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(module: Module) -> list[str]:
    """`file:line: name` for every private name of another crosswalk module that this one
    takes (imports it, or reads it as `module._name`), in line order."""
    where = module.path.relative_to(REPO)
    found = [
        (line, f"{where}:{line}: {target}.{name}")
        for line, target, names in imported(module, annotations=True)
        for name in names
        if _private(name)
    ]
    aliases: dict[str, str] = {}  # a name bound to a crosswalk module in this module
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if _ours(a.name):
                    aliases[a.asname or "crosswalk"] = a.name if a.asname else "crosswalk"
        elif isinstance(node, ast.ImportFrom) and node.module and _ours(node.module):
            for a in node.names:
                if f"{node.module}.{a.name}" in _names():
                    aliases[a.asname or a.name] = f"{node.module}.{a.name}"
    for node in ast.walk(module.tree):
        if not (isinstance(node, ast.Attribute) and _private(node.attr)):
            continue
        head, _, rest = (_dotted(node.value) or "").partition(".")
        if head in aliases:
            target = ".".join(p for p in (aliases[head], rest) if p)
            if target in _names() and target != module.name:
                found.append((node.lineno, f"{where}:{node.lineno}: {target}.{node.attr}"))
    return [text for _, text in sorted(found)]


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return None if inner is None else f"{inner}.{node.attr}"
    return None


def test_no_module_uses_another_modules_private_names() -> None:
    found = [use for module in modules() for use in private_uses(module)]
    assert not found, (
        "private names used from another module (make them public where they belong):\n"
        + "\n".join(found)
    )


def test_the_private_name_check_finds_an_import_and_an_attribute() -> None:
    source = (
        "from crosswalk.loader import _hidden, shown\n"
        "from crosswalk import yamlevents as events\n"
        "import crosswalk.export.rdfformats\n"
        "events._Inner()\n"
        "crosswalk.export.rdfformats._LOCAL.match('')\n"
        "events.TOO_DEEP_HINT, self._own\n"
    )
    module = Module("crosswalk.made_up", PACKAGE / "made_up.py", ast.parse(source))
    assert private_uses(module) == [
        "crosswalk/made_up.py:1: crosswalk.loader._hidden",
        "crosswalk/made_up.py:4: crosswalk.yamlevents._Inner",
        "crosswalk/made_up.py:5: crosswalk.export.rdfformats._LOCAL",
    ]
