"""Read a finished output folder back: tables, layers, provenance, :class:`RunOutput`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from wijkanalyse._errors import DataError
from wijkanalyse.outputs.schema import GPKG, PROVENANCE, TABLES, table

__all__ = ["RunOutput", "read_layer", "read_provenance", "read_table"]


def read_table(folder: str | Path, name: str) -> pd.DataFrame | None:
    """Return the CSV table ``name`` of ``folder`` (codes as text), ``None`` if not written."""
    spec = table(name)
    if spec.csv is None:
        raise ValueError(f"table {name} is a GeoPackage layer only; use read_layer")
    path = Path(folder) / spec.csv
    if not path.is_file():
        return None
    return pd.read_csv(path, dtype={c: str for c in spec.codes}, encoding="utf-8")


def read_layer(folder: str | Path, name: str) -> gpd.GeoDataFrame | None:
    """Return the GeoPackage layer of table ``name``, indexed by its key; ``None`` if absent."""
    import pyogrio

    spec = table(name)
    if spec.layer is None:
        raise ValueError(f"table {name} is a CSV file only; use read_table")
    gpkg = Path(folder) / GPKG
    if not gpkg.is_file() or spec.layer not in {n for n, _ in pyogrio.list_layers(gpkg)}:
        return None
    frame = gpd.read_file(gpkg, layer=spec.layer, engine="pyogrio")
    for col in spec.codes:
        if col in frame:
            frame[col] = frame[col].astype("string")
    return frame.set_index(spec.key) if spec.key else frame


def read_provenance(folder: str | Path) -> dict[str, Any]:
    """Return the run's provenance record (``provenance.json``)."""
    path = Path(folder) / PROVENANCE
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class RunOutput:
    """The files of a finished run, read back (see :meth:`read`)."""

    out: Path
    provenance: dict[str, Any]
    wijken: gpd.GeoDataFrame = field(repr=False)
    sectors: gpd.GeoDataFrame = field(repr=False)
    facilities: gpd.GeoDataFrame = field(repr=False)
    areas: gpd.GeoDataFrame | None = field(repr=False)
    service_areas: gpd.GeoDataFrame | None = field(repr=False)
    #: the maps' base layer (``None``: the run has none, e.g. ``[report] basemap = false``)
    basemap: gpd.GeoDataFrame | None = field(repr=False)
    tables: dict[str, pd.DataFrame] = field(repr=False)

    @classmethod
    def read(cls, out: str | Path) -> RunOutput:
        """Read an output folder written by ``wijkanalyse run``: its layers and CSV tables."""
        folder = Path(out)
        missing = [n for n in (GPKG, PROVENANCE) if not (folder / n).is_file()]
        if missing:
            raise DataError(
                f"{folder} is not a wijkanalyse output folder: {', '.join(missing)} missing. "
                "Run `wijkanalyse run STUDY.toml --out OUT` first, then `wijkanalyse report OUT`."
            )
        wijken, sectors, facilities = (
            read_layer(folder, n) for n in ("wijken", "sectors", "facilities")
        )
        if wijken is None or sectors is None or facilities is None:
            raise DataError(
                f"{folder / GPKG} lacks the wijken, sectors or facilities layer; run again."
            )
        tables = {
            name: frame
            for name, spec in TABLES.items()
            if spec.layer is None and (frame := read_table(folder, name)) is not None
        }
        return cls(
            out=folder,
            provenance=read_provenance(folder),
            wijken=wijken,
            sectors=sectors,
            facilities=facilities,
            areas=read_layer(folder, "area_outlines"),
            service_areas=read_layer(folder, "service_areas"),
            basemap=read_layer(folder, "basemap"),
            tables=tables,
        )

    def table(self, name: str) -> pd.DataFrame | None:
        """Return a CSV table of the run, or ``None`` when the run did not write it."""
        return self.tables.get(name)
