"""Read a finished output folder back for the report: :class:`RunOutput`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from wijkanalyse._errors import DataError

_CODE_COLUMNS = {c: str for c in ("wijk", "sector", "unit", "area", "site_id", "gemeente")}
_TABLES = (
    "areas",
    "indicators_wijken",
    "indicators_areas",
    "indicator_definitions",
    "index_wijken",
    "coverage_wijken",
    "gaps",
    "access_equity",
    "plans",
    "plan_curves",
    "scenarios",
)


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
    tables: dict[str, pd.DataFrame] = field(repr=False)

    @classmethod
    def read(cls, out: str | Path) -> RunOutput:
        """Read an output folder written by ``wijkanalyse run``."""
        folder = Path(out)
        gpkg, prov = folder / "wijkanalyse.gpkg", folder / "provenance.json"
        missing = [p.name for p in (gpkg, prov) if not p.is_file()]
        if missing:
            raise DataError(
                f"{folder} is not a wijkanalyse output folder: {', '.join(missing)} missing. "
                "Run `wijkanalyse run STUDY.toml --out OUT` first, then `wijkanalyse report OUT`."
            )
        import pyogrio

        layers = {name for name, _ in pyogrio.list_layers(gpkg)}

        def layer(name: str, index: str | None) -> gpd.GeoDataFrame | None:
            if name not in layers:
                return None
            frame = gpd.read_file(gpkg, layer=name, engine="pyogrio")
            for col in _CODE_COLUMNS:
                if col in frame:
                    frame[col] = frame[col].astype("string")
            return frame.set_index(index) if index else frame

        tables = {}
        for name in _TABLES:
            path = folder / f"{name}.csv"
            if path.is_file():
                tables[name] = pd.read_csv(path, dtype=_CODE_COLUMNS, encoding="utf-8")
        wijken, sectors, facilities = (
            layer("wijken", "wijk"),
            layer("sectors", "sector"),
            layer("facilities", "facility_id"),
        )
        if wijken is None or sectors is None or facilities is None:
            raise DataError(f"{gpkg} lacks the wijken, sectors or facilities layer; run again.")
        return cls(
            out=folder,
            provenance=json.loads(prov.read_text(encoding="utf-8")),
            wijken=wijken,
            sectors=sectors,
            facilities=facilities,
            areas=layer("areas", "area"),
            service_areas=layer("service_areas", None),
            tables=tables,
        )

    def table(self, name: str) -> pd.DataFrame | None:
        """Return a CSV table of the run, or ``None`` when the run did not write it."""
        return self.tables.get(name)
