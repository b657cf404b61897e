"""Write the output folder's tables, layers and provenance record, in the schema's shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from wijkanalyse.outputs.schema import GPKG, PROVENANCE, conform, table

__all__ = ["write_provenance", "write_table"]


def write_table(folder: str | Path, name: str, frame: pd.DataFrame) -> list[Path]:
    """Write table ``name`` into ``folder`` as the schema says; return the files written.

    The frame is put in the table's shape first (:func:`~wijkanalyse.outputs.schema.conform`):
    key column first, columns in the schema's order, values rounded. A table with a layer is
    written into ``wijkanalyse.gpkg`` (``frame`` must then be a GeoDataFrame); a table with a
    CSV file is written as UTF-8 CSV without the geometry.
    """
    spec, folder = table(name), Path(folder)
    shaped = conform(name, frame)
    files = []
    if spec.layer is not None:
        if not isinstance(frame, gpd.GeoDataFrame):
            raise TypeError(f"table {name} is a GeoPackage layer: give a GeoDataFrame")
        layer = gpd.GeoDataFrame(shaped, geometry=frame.geometry.name, crs=frame.crs)
        layer.to_file(folder / GPKG, layer=spec.layer, driver="GPKG", engine="pyogrio")
        files.append(folder / GPKG)
    if spec.csv is not None:
        path = folder / spec.csv
        plain = pd.DataFrame(shaped.drop(columns="geometry", errors="ignore"))
        plain.to_csv(path, index=False, encoding="utf-8")
        files.append(path)
    return files


def write_provenance(folder: str | Path, record: dict[str, Any]) -> Path:
    """Write the run's provenance record (``provenance.json``) into ``folder``."""
    path = Path(folder) / PROVENANCE
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    return path
