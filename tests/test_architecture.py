"""The house as DESIGN.md draws it: one-way imports, small modules, small classes.

Read from the syntax tree of every module in ``wijkanalyse/`` (no import is executed), so a
new module that breaks the layering fails here with the import that does it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "wijkanalyse"

#: DESIGN.md's order, lowest first: a module may import its own layer or a lower one.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset(
        {"vocab", "settings", "_i18n", "_texts", "_errors", "_validate", "_safe", "parallel"}
    ),
    frozenset({"io", "datasets", "_catalogue"}),
    frozenset({"demand", "network", "areas"}),
    frozenset(
        {
            "scenario",
            "locate",
            "access",
            "validation",
            "trends",
            "index",
            "indicators",
            "uncertainty",
            "suppression",
        }
    ),
    frozenset({"outputs", "maps", "charts"}),
    frozenset({"report"}),
    frozenset({"study", "studyfile"}),
    frozenset({"cli"}),
)
LAYER = {name: rank for rank, names in enumerate(LAYERS) for name in names}

#: modules that are data, not logic (DESIGN.md allows them to be longer)
DATA_MODULES = {"_catalogue/core.py", "_catalogue/bimd.py"}
MAX_MODULE_LINES = 600
MAX_CLASS_LINES = 300


def _modules(package: Path = PACKAGE) -> list[Path]:
    return sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)


def _unit(path: Path, package: Path = PACKAGE) -> str:
    """Return the top-level unit a file belongs to: ``network`` for ``network/street.py``."""
    rel = path.relative_to(package)
    return rel.parts[0].removesuffix(".py")


def _imported_units(path: Path, package: Path = PACKAGE) -> list[tuple[str, int]]:
    """Return the wijkanalyse units ``path`` imports (anywhere in the file), with line numbers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(package)
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "wijkanalyse" and len(parts) > 1:
                    found.append((parts[1], node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                base = list(rel.parts[:-1])[: len(rel.parts) - node.level]
                parts = [*base, *(node.module or "").split(".")] if node.module else base
                parts = [p for p in parts if p]
                if parts:
                    found.append((parts[0], node.lineno))
                else:
                    found += [(a.name, node.lineno) for a in node.names]
                continue
            parts = (node.module or "").split(".")
            if parts[0] != "wijkanalyse":
                continue
            if len(parts) > 1:
                found.append((parts[1], node.lineno))
            else:  # from wijkanalyse import io, settings
                found += [(a.name, node.lineno) for a in node.names]
    return found


def test_every_unit_has_a_layer() -> None:
    units = {_unit(p) for p in _modules()} - {"__init__", "__main__", "py"}
    missing = sorted(u for u in units if u not in LAYER)
    assert not missing, f"add these to LAYERS (and to DESIGN.md's order): {missing}"


def _upward_imports(package: Path = PACKAGE) -> list[str]:
    """Return every import of a higher layer in ``package``, as ``file:line imports unit``."""
    upward = []
    for path in _modules(package):
        unit = _unit(path, package)
        if unit in ("__init__", "__main__"):
            continue  # the front door re-exports everything
        for target, line in _imported_units(path, package):
            if target in LAYER and LAYER[target] > LAYER[unit]:
                rel = path.relative_to(package.parent)
                upward.append(f"{rel}:{line} imports {target} (a higher layer than {unit})")
    return upward


def test_imports_point_one_way() -> None:
    upward = _upward_imports()
    assert not upward, "\n".join(upward)


def test_no_cycle_between_units() -> None:
    graph: dict[str, set[str]] = {}
    for path in _modules():
        unit = _unit(path)
        for target, _ in _imported_units(path):
            if target != unit and target in LAYER and unit in LAYER:
                graph.setdefault(unit, set()).add(target)
    seen: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, stack: list[str]) -> bool:
        seen[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if seen.get(nxt) == 1:
                cycle.extend([*stack[stack.index(nxt) :], nxt] if nxt in stack else [node, nxt])
                return True
            if nxt not in seen and visit(nxt, [*stack, nxt]):
                return True
        seen[node] = 2
        return False

    for start in sorted(graph):
        if start not in seen and visit(start, [start]):
            break
    assert not cycle, " → ".join(cycle)


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    """The check itself, on a throwaway package: each way of importing upward is found."""
    package = tmp_path / "wijkanalyse"
    (package / "network").mkdir(parents=True)
    (package / "network" / "street.py").write_text(
        "from wijkanalyse.study import Study\n"  # absolute, from a submodule
        "def f():\n    from .. import report\n"  # relative, inside a function
        "from wijkanalyse import io\n",  # downward: allowed
        encoding="utf-8",
    )
    (package / "io.py").write_text("import wijkanalyse.maps.static\n", encoding="utf-8")
    found = _upward_imports(package)
    assert found == [
        "wijkanalyse/io.py:1 imports maps (a higher layer than io)",
        "wijkanalyse/network/street.py:1 imports study (a higher layer than network)",
        "wijkanalyse/network/street.py:3 imports report (a higher layer than network)",
    ]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_size(path: Path) -> None:
    if path.relative_to(PACKAGE).as_posix() in DATA_MODULES:
        return
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_MODULE_LINES, f"{path.name} has {n} lines; split it along its seams"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_class_size(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    big = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES
    ]
    assert not big, f"{path.name}: {', '.join(big)}"


#: calls that read or write a table or layer file
_TABLE_IO = {"to_csv", "to_file", "read_csv", "read_file", "to_parquet", "read_parquet"}
#: the units that hold results and must go through ``outputs`` to write or read them
_THROUGH_OUTPUTS = ("study", "report", "maps", "charts")


def _table_io(package: Path = PACKAGE) -> list[str]:
    found = []
    for path in _modules(package):
        if _unit(path, package) not in _THROUGH_OUTPUTS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _TABLE_IO
            ):
                rel = path.relative_to(package.parent).as_posix()
                found.append(f"{rel}:{node.lineno} calls {node.func.attr}")
    return found


def test_results_are_written_and_read_only_through_outputs() -> None:
    assert _table_io() == []


def test_a_table_written_past_outputs_is_caught(tmp_path: Path) -> None:
    package = tmp_path / "wijkanalyse"
    (package / "report").mkdir(parents=True)
    (package / "report" / "pages.py").write_text(
        "import pandas as pd\n\ndef page(out):\n    return pd.read_csv(out / 'gaps.csv')\n",
        encoding="utf-8",
    )
    assert _table_io(package) == ["wijkanalyse/report/pages.py:4 calls read_csv"]
