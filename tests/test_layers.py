"""The package's layers (docs/architecture.md): each module imports only from its own layer and those
before it, and no chain of imports comes back to where it started (TYPE_CHECKING imports included)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import frontnews

PACKAGE = Path(frontnews.__file__).parent
# In import order. kernel: the package's top-level modules; build.py orchestrates the pipeline's
# layers, and is itself used by serve and cli.
LAYERS = ("kernel", "vi", "content", "markup", "media", "site", "render", "incremental", "build", "serve", "cli")


def modules(package: Path) -> dict[str, Path]:
    """Every module by dotted name (a package by its own name, for its __init__.py)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = (package.name, *path.relative_to(package).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def subpackages(known: dict[str, Path]) -> set[str]:
    return {name.split(".")[1] for name, path in known.items() if name.count(".") == 1 and path.name == "__init__.py"}


def layer(module: str, packages: set[str]) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in packages:
        return parts[1]
    return "build" if parts[1:] == ["build"] else "kernel"


def imported(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that `module` imports, anywhere in its text."""
    here = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    root = module.split(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join(base + (node.module.split(".") if node.module else []))
            names |= {f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return {_owner(name, known) for name in names if name.split(".")[0] == root} - {module}


def _owner(name: str, known: dict[str, Path]) -> str:
    """The module a dotted name lives in: `pkg.a.b.Thing` is in `pkg.a.b`."""
    while name not in known:
        name = name.rpartition(".")[0]
    return name


def graph(package: Path) -> tuple[dict[str, set[str]], set[str]]:
    """Each module's imports of the package's modules, and the package's subpackages."""
    known = modules(package)
    return {module: imported(module, path, known) for module, path in known.items()}, subpackages(known)


def upward(edges: dict[str, set[str]], packages: set[str]) -> list[str]:
    """Each import of a module of a later layer than the importer's."""
    rank = {module: LAYERS.index(layer(module, packages)) for module in edges}
    return sorted(
        f"{module} -> {target}"
        for module, targets in edges.items()
        for target in targets
        if rank[target] > rank[module]
    )


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another, directly or through others (Tarjan's
    strongly connected components of more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(edges[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = stack[stack.index(module) :]
            del stack[stack.index(module) :]
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(groups)


def test_every_subpackage_has_its_place_among_the_layers():
    _, packages = graph(PACKAGE)
    assert packages and packages <= set(LAYERS), packages - set(LAYERS)


@pytest.mark.slow
def test_each_module_imports_only_from_its_layer_and_those_before_it():
    edges, packages = graph(PACKAGE)
    assert "frontnews.incremental.state" in edges["frontnews.build"]  # the graph is the package's
    assert upward(edges, packages) == []


def test_no_module_imports_itself_back():
    edges, _ = graph(PACKAGE)
    assert cycles(edges) == []


def test_the_checks_find_an_upward_import_and_a_cycle(tmp_path):
    """The checks on a small package of their own: content imports incremental, which imports it
    back; serve's a and b import each other, one of them only for type checking."""
    files = {
        "__init__.py": "",
        "paths.py": "",
        "build.py": "from .incremental import digests\n",
        "content/__init__.py": "",
        "content/sources.py": "import os\nfrom ..incremental.digests import FileDigests\nfrom .. import paths\n",
        "incremental/__init__.py": "",
        "incremental/digests.py": "from ..content import sources\n",
        "serve/__init__.py": "",
        "serve/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n",
        "serve/b.py": "import frontnews.build\nfrom frontnews.serve.a import A\n",
    }
    package = tmp_path / "frontnews"
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    edges, packages = graph(package)
    assert packages == {"content", "incremental", "serve"}
    assert edges["frontnews.content.sources"] == {"frontnews.incremental.digests", "frontnews.paths"}
    assert upward(edges, packages) == ["frontnews.content.sources -> frontnews.incremental.digests"]
    assert cycles(edges) == [
        ["frontnews.content.sources", "frontnews.incremental.digests"],
        ["frontnews.serve.a", "frontnews.serve.b"],
    ]
