"""The study's demand points: where each sector's residents are, for the access questions.

The accessibility step measures travel times from these points; the publish step asks the
ledger about the counts they add up to (:func:`sector_shares`); the writer reports each
sector by its median resident (:func:`sector_view`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import access, demand
from wijkanalyse._errors import DataError
from wijkanalyse.study.config import AccessSection
from wijkanalyse.study.results import StudyData

#: The sector columns every demand point carries (where the sectors have them).
_UNIT_COLUMNS = ("wijk", "wijk_name", "deelgemeente", "gemeente", "name")


@dataclass(frozen=True)
class DemandInfo:
    """How the study's demand points were made (for notes, provenance and the report).

    ``model``: the demand model; ``area_method``: the sector's area (``"polygon"`` or the
    approximation ``"voronoi_in_wijk"``; ``None`` for centroids); ``points``: how many;
    ``fallback``: sectors whose area held no point and kept their centroid.
    """

    model: str
    area_method: str | None
    points: int
    spacing_m: float | None
    fallback: tuple[str, ...] = ()


def _model_of(acc: AccessSection, data: StudyData) -> str:
    if acc.demand is not None:
        if acc.demand == "street_points" and data.network is None:
            raise DataError(
                'access.demand = "street_points" needs streets, but the study has no road '
                "graph. Give [data] road_graph (or [access] osm), or set [access] demand = "
                '"grid".'
            )
        return acc.demand
    return "street_points" if data.network is not None else "grid"


def study_demand(
    acc: AccessSection, data: StudyData, groups: Sequence[str]
) -> tuple[gpd.GeoDataFrame, DemandInfo]:
    """Return the demand points of the study's sectors and how they were made.

    The points carry the sector's code (``sector``), its units (wijk, gemeente, …) and the
    counts ``groups`` (integers that add up exactly to the sector's census counts). With the
    ``centroid`` model they are the sectors themselves, indexed by sector code; otherwise
    they are indexed ``"<sector>:<n>"``.
    """
    model = _model_of(acc, data)
    sectors = data.sectors
    polygons = sectors.geometry.notna() & sectors.geometry.geom_type.isin(
        ["Polygon", "MultiPolygon"]
    )
    located = access.demand_points(sectors, as_point="representative_point")
    wanted = list(dict.fromkeys(["pop_total", *groups]))
    wanted = [g for g in wanted if g in sectors]
    units = [c for c in _UNIT_COLUMNS if c in sectors]
    if model == "centroid":
        out = located.copy()
        out.insert(0, "sector", out.index.astype(str))
        out["model"] = "centroid"
        return out, DemandInfo("centroid", None, len(out), None)
    if polygons.any():
        areas = sectors.geometry[polygons]
        area_method = "polygon"
    else:
        cells = demand.sector_cells(located, data.wijken)
        areas = cells.geometry
        area_method = "voronoi_in_wijk"
    streets = data.network.edges() if data.network is not None else None
    given = None
    if model == "points":
        if data.user_points is None:
            raise DataError(
                'access.demand = "points" needs the points: [access] demand_file = "…".'
            )
        given = demand.user_points(data.user_points, areas, weight_col=acc.demand_weight)
    pts = demand.demand_points(
        located,
        model=model,  # type: ignore[arg-type]
        groups=wanted,
        areas=areas,
        streets=streets,
        spacing_m=acc.demand_spacing_m,
        cell_m=acc.demand_cell_m,
        points=given,
    )
    number = pts.groupby("sector", sort=False).cumcount().astype(str)
    pts.index = pd.Index(pts["sector"].astype(str) + ":" + number, name="point")
    for col in units:
        pts[col] = located[col].reindex(pts["sector"]).to_numpy()
    fallback = tuple(dict.fromkeys(pts.loc[pts["model"] == "centroid_fallback", "sector"]))
    info = DemandInfo(
        model,
        area_method,
        len(pts),
        {"street_points": acc.demand_spacing_m, "grid": acc.demand_cell_m}.get(model),
        tuple(str(s) for s in fallback),
    )
    return pts, info


def _weights(points: pd.DataFrame, group: str) -> np.ndarray:
    """Each point's residents of ``group``; a point count where the sector's is unknown."""
    w = pd.to_numeric(points[group], errors="coerce").astype(float).to_numpy()
    return np.nan_to_num(w, nan=0.0)


def sector_shares(
    points: pd.DataFrame,
    sectors: pd.Index,
    group: str,
    where: np.ndarray,
) -> np.ndarray:
    """Return per sector (in ``sectors``' order) the share of ``group`` on points ``where``.

    A sector's count of ``group`` on those points is this share times its count: the
    publish step asks the ledger about such weighted sums of sector counts. A sector whose
    count is zero or unknown gets the share of its points (any value gives the same sum).
    """
    return sector_means(points, sectors, group, np.asarray(where, dtype=bool).astype(float))


def sector_means(
    points: pd.DataFrame,
    sectors: pd.Index,
    group: str,
    values: np.ndarray,
) -> np.ndarray:
    """Return per sector the mean of a per-point value over the people of ``group``.

    With a 0/1 value it is the share on those points (:func:`sector_shares`); with minutes,
    the sector's mean time: either times the sector's count is the sum over its people.
    A sector without people gets the plain mean over its points.
    """
    pos = sectors.get_indexer(pd.Index(points["sector"].astype(str)))
    if (pos < 0).any():
        raise KeyError("demand points of sectors the ledger does not know")
    n = len(sectors)
    w = _weights(points, group) if group in points else np.zeros(len(points))
    v = np.asarray(values, dtype=float)
    total = np.bincount(pos, weights=w, minlength=n)
    part = np.bincount(pos, weights=w * v, minlength=n)
    count = np.bincount(pos, minlength=n).astype(float)
    count_in = np.bincount(pos, weights=v, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        by_people = part / total
        by_points = count_in / count
    return np.where(total > 0, by_people, np.nan_to_num(by_points, nan=0.0))


def sector_view(points: pd.DataFrame, nearest: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (sector, facility type): the way of the sector's median resident.

    ``nearest`` is :func:`wijkanalyse.access.nearest_facility` of the points. With the
    centroid model it is returned as it is (a sector is its point). Otherwise each sector
    is represented by the point of its median resident (weighted by ``pop_total``; by points
    where unknown) when the points are sorted by travel time: half the sector's residents
    are nearer, half farther. ``points`` gives how many points the sector has.
    """
    level = nearest.index.names[0]
    if points.index.equals(pd.Index(points["sector"].astype(str))):
        return nearest
    w = _weights(points, "pop_total") if "pop_total" in points else np.ones(len(points))
    w = np.where(w > 0, w, 1e-9)  # an empty point still stands for its sector
    frame = nearest.reset_index()
    frame["sector"] = points["sector"].reindex(frame[level]).to_numpy()
    frame["_w"] = pd.Series(w, index=points.index).reindex(frame[level]).to_numpy()
    frame["_t"] = pd.to_numeric(frame["minutes"], errors="coerce").fillna(np.inf)
    frame = frame.sort_values(["facility_type", "sector", "_t"], kind="stable")
    keys = [frame["facility_type"], frame["sector"]]
    cum = frame.groupby(keys, sort=False)["_w"].cumsum()
    tot = frame.groupby(keys, sort=False)["_w"].transform("sum")
    frame["_n"] = frame.groupby(keys, sort=False)["_w"].transform("size")
    median = frame[cum >= tot / 2].groupby(["facility_type", "sector"], sort=False).head(1)
    out = median.drop(columns=[level, "_w", "_t"]).rename(columns={"_n": "points"})
    out = out.set_index(["sector", "facility_type"])
    out.index.names = ["sector", "facility_type"]
    return out
