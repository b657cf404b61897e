"""Reference rows: the indicators of a municipality or region, its arrondissement and Flanders.

:func:`reference_indicators` computes them from the same all-Belgium files as the wijken, so
a wijk can be read next to them; :func:`concat` stacks indicator tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from wijkanalyse import areas, io
from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing
from wijkanalyse.datasets import SourceLike
from wijkanalyse.indicators.compute import compute
from wijkanalyse.indicators.definitions import _CENSUS, _ENERGY, _INCOME, _OPEN
from wijkanalyse.indicators.inputs import IndicatorInputs, sector_inputs
from wijkanalyse.indicators.registry import Indicator

__all__ = [
    "concat",
    "flemish_inputs",
    "reference_indicators",
]


def flemish_inputs(
    *,
    population: SourceLike = _CENSUS,
    income: SourceLike | None = _INCOME,
    energy: SourceLike | None = _ENERGY,
    open_space: SourceLike | None = _OPEN,
    bimd: SourceLike | None = None,
) -> IndicatorInputs:
    """Return the indicator inputs of every 2024 sector of the Flemish Region.

    The sector table of the reference rows (:func:`reference_indicators`) and of the
    reference ranks of an index (:func:`wijkanalyse.index.reference_ranks`).
    """
    flemish = areas.flemish_municipalities(2024)
    sectors = areas.load_sectors(
        flemish, vintage=2024, geometry=None, population=population, income=income
    )
    return sector_inputs(sectors, energy=energy, open_space=open_space, bimd=bimd)


def reference_indicators(
    gemeente: str | areas.Region,
    *,
    indicators: Sequence[str | Indicator] | None = None,
    population: SourceLike = _CENSUS,
    income: SourceLike | None = _INCOME,
    energy: SourceLike | None = _ENERGY,
    open_space: SourceLike | None = _OPEN,
    bimd: SourceLike | None = None,
    facilities: gpd.GeoDataFrame | None = None,
    facility_extent: Any = None,
    threshold: int | None = None,
    inputs: IndicatorInputs | None = None,
) -> pd.DataFrame:
    """Compute the indicators of a municipality, its arrondissement and Flanders.

    All three come from the same all-Belgium files as the wijken. ``gemeente`` may also be a
    :class:`~wijkanalyse.areas.Region`: its own row comes first (``level`` is the region's
    level), then its arrondissement when the region lies in one and is smaller, then Flanders
    (unless the region is Flanders).

    The arrondissement and the Flemish Region are computed from every 2024 sector of their
    municipalities exactly as the wijken are, so a wijk can be read next to them.
    Facility indicators are NA (``outside_facility_coverage``) where the facility data do
    not reach. ``inputs``: the Flemish sectors' inputs when already read
    (:func:`flemish_inputs` with the same sources).

    Returns
    -------
    pandas.DataFrame
        For a municipality three rows (``gemeente``, ``arrondissement``, ``gewest``), columns
        as :func:`compute`.
    """
    flemish = areas.flemish_municipalities(2024)
    reg = gemeente if isinstance(gemeente, areas.Region) else areas.region(gemeente, vintage=2024)
    outside = [m for m in reg.municipalities if m not in set(flemish)]
    if outside:
        raise DataError(
            f"reference_indicators: {listing(outside)} lie(s) outside the Flemish Region; the "
            "reference rows (the area, its arrondissement, Flanders) are computed from the "
            "Flemish sectors only. For a Brussels municipality use compute() on its own "
            "sectors (wijkanalyse.areas.load_sectors)."
        )
    inp = inputs or flemish_inputs(
        population=population, income=income, energy=energy, open_space=open_space, bimd=bimd
    )
    s = inp.sectors
    h = areas.hierarchy(2024).reindex(s.index)
    inside = s["gemeente"].isin(reg.municipalities)
    levels = [(reg.level, reg.code, reg.name, inside)]
    arrs = h.loc[inside.to_numpy(), ["arrondissement", "arrondissement_name"]].drop_duplicates()
    if reg.level in ("gemeente", "gemeenten") and len(arrs) == 1:
        arr, arr_name = arrs.iloc[0]
        levels.append(("arrondissement", arr, arr_name, h["arrondissement"] == arr))
    if reg.level != "gewest":
        levels.append(("gewest", "02000", "Vlaams Gewest", pd.Series(True, index=s.index)))
    polys = io.read_areas("pinc_gemeenten_2024", level="gemeente")
    rows = []
    for level, code, name, mask in levels:
        gem = sorted(s.loc[mask, "gemeente"].unique())
        parts = [p for g in polys.geometry.reindex(gem).dropna() for p in getattr(g, "geoms", [g])]
        poly = gpd.GeoSeries([shapely.MultiPolygon(parts)], index=[code], crs=polys.crs)
        by = pd.Series(code, index=s.index[mask.to_numpy()], name=level)
        sub = IndicatorInputs(
            sectors=s[mask.to_numpy()], groups=inp.groups, members=inp.members, notes=inp.notes
        )
        rows.append(
            compute(
                sub,
                by=by,
                level=level,
                indicators=indicators,
                polygons=poly,
                facilities=facilities,
                facility_extent=facility_extent,
                threshold=threshold,
                names=pd.Series([name], index=[code]),
            )
        )
    out = concat(rows)
    out.index.name = "unit"
    return out


def concat(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Stack indicator tables (e.g. wijken and reference rows), keeping dtypes and metadata."""
    frames = [t for t in tables if len(t)]
    out = pd.concat(frames)
    meta: dict[str, Indicator] = {}
    for t in frames:
        meta.update(t.attrs.get("indicators", {}))
    for ind_id, ind in meta.items():
        if ind_id in out:
            out[ind_id] = out[ind_id].astype("Int64" if ind.kind == "count" else "Float64")
    out.attrs = {**frames[0].attrs, "indicators": meta}
    return out
