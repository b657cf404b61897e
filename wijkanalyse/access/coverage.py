"""Coverage: who lives within a travel-time threshold of a facility, per group and area."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse.access.inputs import _population
from wijkanalyse.access.nearest import nearest_facility
from wijkanalyse.network.model import DistanceModel

__all__ = ["coverage"]


def _thresholds(max_minutes: float | Sequence[float]) -> list[float]:
    values = [max_minutes] if isinstance(max_minutes, int | float) else list(max_minutes)
    if not values:
        raise DataError("max_minutes: give at least one threshold.")
    for m in values:
        if not (isinstance(m, int | float) and math.isfinite(m) and m > 0):
            raise DataError(f"max_minutes must be positive numbers of minutes, got {m!r}.")
    return sorted({float(m) for m in values})


def _groups_of(
    index: pd.Index, by: str | pd.Series | Mapping[str, str] | None, demand: pd.DataFrame
) -> pd.Series:
    if by is None:
        return pd.Series(index, index=index, dtype="object")
    if isinstance(by, str):
        if by not in demand:
            raise SchemaError(f"demand has no column {by!r} to group by.")
        return demand[by].astype("object")
    series = pd.Series(by) if isinstance(by, Mapping) else by
    return series.reindex(index).astype("object")


def coverage(
    demand: gpd.GeoDataFrame,
    facilities: gpd.GeoDataFrame,
    *,
    network: DistanceModel,
    max_minutes: float | Sequence[float] = 10.0,
    target_groups: Sequence[str] = ("pop_total",),
    types: Sequence[str] | None = None,
    by: str | pd.Series | Mapping[str, str] | None = None,
    nearest: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return who lives within ``max_minutes`` of a facility, per target group and area.

    A demand point is covered when its nearest facility of the type is within the
    threshold; its whole population counts as covered.

    Parameters
    ----------
    demand
        Demand points with population columns (``pop_total``, ``pop_65plus``, …).
    facilities
        Facilities with a ``type`` column.
    network
        The distance model.
    max_minutes
        One threshold or several.
    target_groups
        Population columns to report.
    types
        Facility types (default: all present).
    by
        Group the demand points: a column (``"wijk"``), a mapping or Series label → area,
        or ``None`` for one row per demand point.
    nearest
        A result of :func:`nearest_facility` on the same inputs, to avoid recomputing it.

    Returns
    -------
    pandas.DataFrame
        One row per (area, ``facility_type``, ``target_group``, ``threshold_minutes``):
        ``pop_in_group``, ``pop_covered``, ``pop_not_covered``, ``pop_unknown`` (points
        without a distance), ``share_covered`` (covered / known population, in [0, 1]; NA
        when nobody's distance is known), ``pop_estimated`` (people whose distance is a
        straight-line estimate) and ``method``.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> from wijkanalyse.network import CrowFlies
    >>> homes = gpd.GeoDataFrame({"pop_total": [100, 50], "wijk": ["W1", "W1"]},
    ...     geometry=[Point(0, 0), Point(2000, 0)], index=["s1", "s2"], crs="EPSG:31370")
    >>> centre = gpd.GeoDataFrame({"type": ["buurtcentrum"]}, geometry=[Point(100, 0)],
    ...     index=["c1"], crs="EPSG:31370")
    >>> cov = coverage(homes, centre, network=CrowFlies(detour_factor=1.0), max_minutes=10,
    ...                by="wijk")
    >>> cov[["pop_in_group", "pop_covered", "share_covered"]].iloc[0].tolist()
    [150.0, 100.0, 0.6666666666666666]
    """
    thresholds = _thresholds(max_minutes)
    if nearest is None:
        nearest = nearest_facility(demand, facilities, network=network, types=types)
    groups = _groups_of(demand.index, by, demand)
    pops = {g: _population(demand, g) for g in target_groups}
    rows = []
    level = nearest.index.names[0]
    for ftype, block in nearest.groupby(level="facility_type", sort=False):
        block = block.droplevel("facility_type").reindex(demand.index)
        minutes = block["minutes"].astype("Float64")
        estimated = block["method"].fillna("").astype(str).str.startswith("euclidean")
        methods = block["method"]
        for group, pop in pops.items():
            for thr in thresholds:
                known = minutes.notna()
                covered = (minutes <= thr).fillna(False).astype(bool)
                frame = pd.DataFrame(
                    {
                        "unit": groups,
                        "pop": pop,
                        "covered": pop.where(covered, 0),
                        "unknown": pop.where(~known, 0),
                        "estimated": pop.where(estimated, 0),
                        "method": methods,
                    }
                )
                for unit, part in frame.groupby("unit", sort=False, dropna=False):
                    in_group = part["pop"].sum(min_count=1)
                    cov = part["covered"].sum(min_count=1)
                    unknown = part["unknown"].sum(min_count=1)
                    known_pop = in_group - unknown
                    share = cov / known_pop if pd.notna(known_pop) and known_pop > 0 else pd.NA
                    used = sorted(set(part["method"].dropna()))
                    rows.append(
                        {
                            "unit": unit,
                            "facility_type": ftype,
                            "target_group": group,
                            "threshold_minutes": thr,
                            "pop_in_group": in_group,
                            "pop_covered": cov,
                            "pop_not_covered": known_pop - cov if pd.notna(known_pop) else pd.NA,
                            "pop_unknown": unknown,
                            "share_covered": share,
                            "pop_estimated": part["estimated"].sum(min_count=1),
                            "method": "+".join(used) if used else pd.NA,
                        }
                    )
    out = pd.DataFrame(rows)
    unit_name = by if isinstance(by, str) else (level or "unit")
    out = out.rename(columns={"unit": unit_name}).set_index(unit_name)
    for col in ("pop_in_group", "pop_covered", "pop_not_covered", "pop_unknown", "pop_estimated"):
        out[col] = out[col].astype("Float64")
    out["share_covered"] = out["share_covered"].astype("Float64")
    return out
