"""Compare the tables of two study outputs: the same study before and after a change.

    python scripts/compare_outputs.py OLD_OUT NEW_OUT

Every CSV is compared cell by cell as text (so a changed number format counts), every
GeoPackage layer by its attributes and geometries, and ``provenance.json`` without the
fields that name the run (time, versions, output path). Maps and reports are not compared
(they hold random element ids). Exit status 0 when everything is equal, 1 otherwise.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pyogrio

#: fields that differ between two runs of the same study by design (time, machine)
RUN_FIELDS = {"created", "versions", "out", "timings", "python", "platform", "wijkanalyse"}
#: columns that hold how long a solver ran
TIMING_COLUMNS = {"seconds", "solve_seconds"}


def _csv_diff(old: Path, new: Path) -> list[str]:
    a = pd.read_csv(old, dtype=str, keep_default_na=False)
    b = pd.read_csv(new, dtype=str, keep_default_na=False)
    a = a.drop(columns=[c for c in a.columns if c in TIMING_COLUMNS])
    b = b.drop(columns=[c for c in b.columns if c in TIMING_COLUMNS])
    if list(a.columns) != list(b.columns):
        return [f"{old.name}: columns differ: {list(a.columns)} vs {list(b.columns)}"]
    if a.shape != b.shape:
        return [f"{old.name}: shape {a.shape} vs {b.shape}"]
    diff = a.ne(b)
    if not diff.any().any():
        return []
    rows, cols = diff.to_numpy().nonzero()
    shown = [
        f"{old.name} row {r} {a.columns[c]}: {a.iat[r, c]!r} vs {b.iat[r, c]!r}"
        for r, c in zip(rows[:5], cols[:5], strict=True)
    ]
    return [*shown, f"{old.name}: {len(rows)} cells differ"] if len(rows) > 5 else shown


def _gpkg_diff(old: Path, new: Path) -> list[str]:
    layers_a = [name for name, _ in pyogrio.list_layers(old)]
    layers_b = [name for name, _ in pyogrio.list_layers(new)]
    if layers_a != layers_b:
        return [f"{old.name}: layers {layers_a} vs {layers_b}"]
    problems = []
    for layer in layers_a:
        a = pyogrio.read_dataframe(old, layer=layer)
        b = pyogrio.read_dataframe(new, layer=layer)
        if list(a.columns) != list(b.columns) or len(a) != len(b):
            problems.append(f"{old.name}:{layer}: columns or rows differ")
            continue
        attrs = [c for c in a.columns if c != "geometry"]
        if not a[attrs].astype(str).equals(b[attrs].astype(str)):
            problems.append(f"{old.name}:{layer}: attributes differ")
        both_missing = a.geometry.isna() & b.geometry.isna()
        same = a.geometry.geom_equals_exact(b.geometry, 1e-9) | both_missing
        if "geometry" in a and not same.all():
            problems.append(f"{old.name}:{layer}: geometries differ")
    return problems


def _provenance(path: Path) -> object:
    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in RUN_FIELDS | TIMING_COLUMNS}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(path.read_text(encoding="utf-8")))


def compare(old: Path, new: Path) -> list[str]:
    """Return what differs between the tables of two output folders (empty: equal)."""
    problems: list[str] = []
    names_a = sorted(p.name for p in old.glob("*.csv"))
    names_b = sorted(p.name for p in new.glob("*.csv"))
    if names_a != names_b:
        problems.append(f"CSV files differ: {sorted(set(names_a) ^ set(names_b))}")
    for name in sorted(set(names_a) & set(names_b)):
        problems += _csv_diff(old / name, new / name)
    for gpkg in sorted(old.glob("*.gpkg")):
        problems += _gpkg_diff(gpkg, new / gpkg.name)
    if (old / "provenance.json").exists() and _provenance(old / "provenance.json") != _provenance(
        new / "provenance.json"
    ):
        problems.append("provenance.json differs (beyond time, versions and paths)")
    return problems


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    found = compare(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(found) if found else "the same tables")
    sys.exit(1 if found else 0)
