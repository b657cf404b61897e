"""Accessibility: nearest facility, coverage, floating catchments, gravity, equity and gaps.

Every function takes demand points (sector centroids, or any points with population
columns) and facilities (points with a ``type``), and a distance model: a
:class:`~wijkanalyse.network.StreetNetwork` (walking or cycling on the streets) or
:class:`~wijkanalyse.network.CrowFlies` (straight line × detour factor where there is no
network). Results are indexed by the demand labels and say in ``method`` how each distance
was measured.

Demand is where people live as far as the data know it: with sector centroids, all residents
of a sector are placed at its centroid. Polygons become points only through the explicit
``demand_point`` argument.

Measures
--------
* :func:`nearest_facility`: travel time to the nearest facility of each type.
* :func:`coverage`: who lives within a threshold, per target group and area.
* :func:`two_step_fca` (2SFCA, Luo & Wang 2003) and :func:`enhanced_two_step_fca`
  (E2SFCA, Luo & Qi 2009; step or Gaussian decay): facilities per resident within reach,
  with the competition of other residents for the same facility.
* :func:`gravity`: Hansen potential accessibility, Σ supply × decay(time).
* :func:`equity`: population-weighted mean and percentiles, Gini and Palma ratio, share
  beyond a threshold.
* :func:`coverage_gaps`: need × poor access, ranked, with the population affected.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import Problems, listing
from wijkanalyse.network import CrowFlies, ODMatrix
from wijkanalyse.network.model import DistanceModel
from wijkanalyse.parallel import Scheduler, map_blocks

__all__ = [
    "DistanceModel",
    "aggregate_gaps",
    "coverage",
    "coverage_gaps",
    "demand_points",
    "enhanced_two_step_fca",
    "equity",
    "gravity",
    "nearest_facility",
    "two_step_fca",
]

#: Below this straight-line distance a detour ratio says nothing and is left NA.
MIN_EUCLID_FOR_RATIO_M = 100.0

#: E2SFCA's default travel-time zones (minutes → weight), as in Luo & Qi (2009) and PySAL
#: access.
E2SFCA_STEPS: dict[float, float] = {10.0: 1.0, 20.0: 0.68, 30.0: 0.22}


# --------------------------------------------------------------------------- inputs


def demand_points(
    demand: gpd.GeoDataFrame,
    *,
    demand_point: Literal["centroid", "representative_point"] | None = None,
) -> gpd.GeoDataFrame:
    """Return demand rows with a point location; rows without a location are left out.

    Parameters
    ----------
    demand
        Sectors or other areas, with point geometry (sector centroids) or polygons.
    demand_point
        How a polygon becomes a point: ``"centroid"`` or ``"representative_point"``
        (always inside the polygon). Required when there are polygons; never implicit.

    Returns
    -------
    geopandas.GeoDataFrame
        The rows with a location, as points. ``attrs["no_location"]`` lists the labels of
        rows left out (e.g. Statbel's ``ZZZZ`` residents without a known sector).
    """
    if not isinstance(demand, gpd.GeoDataFrame):
        raise DataError(f"demand must be a GeoDataFrame, got {type(demand).__name__}.")
    geoms = demand.geometry
    empty = geoms.isna() | geoms.is_empty
    kinds = set(geoms[~empty].geom_type)
    out = demand[~empty].copy()
    if kinds - {"Point"}:
        if demand_point is None:
            raise DataError(
                f"demand has {listing(sorted(kinds - {'Point'}))} geometries; say how they become "
                "points: demand_point='centroid' or 'representative_point'."
            )
        if demand_point == "centroid":
            out = out.set_geometry(out.geometry.centroid)
        elif demand_point == "representative_point":
            out = out.set_geometry(out.geometry.representative_point())
        else:
            raise DataError(
                f"demand_point must be 'centroid' or 'representative_point', got {demand_point!r}."
            )
    out.attrs["no_location"] = list(demand.index[empty])
    return out


def _facilities_of(
    facilities: gpd.GeoDataFrame, types: Sequence[str] | None, type_col: str = "type"
) -> dict[str, gpd.GeoDataFrame]:
    if not isinstance(facilities, gpd.GeoDataFrame):
        raise DataError(f"facilities must be a GeoDataFrame, got {type(facilities).__name__}.")
    if type_col not in facilities:
        raise SchemaError(
            f"facilities lack the column {type_col!r} (found: {listing(facilities.columns)})."
        )
    present = list(dict.fromkeys(facilities[type_col].dropna().astype(str)))
    wanted = present if types is None else list(types)
    if "status" in facilities:
        facilities = facilities[facilities["status"].fillna("existing") == "existing"]
    return {t: facilities[facilities[type_col] == t] for t in wanted}


def _population(demand: pd.DataFrame, group: str) -> pd.Series:
    if group not in demand:
        have = [c for c in demand.columns if str(c).startswith("pop_")]
        raise SchemaError(
            f"demand has no population column {group!r} (target groups here: {listing(have)})."
        )
    values = pd.to_numeric(demand[group], errors="coerce")
    if (values < 0).any():
        raise DataError(f"population column {group!r} has negative values.")
    return values.astype("Float64")


# --------------------------------------------------------------------------- nearest


def nearest_facility(
    demand: gpd.GeoDataFrame | gpd.GeoSeries,
    facilities: gpd.GeoDataFrame,
    *,
    network: DistanceModel,
    types: Sequence[str] | None = None,
    type_col: str = "type",
    max_minutes: float | None = None,
    tiles: pd.Series | None = None,
    scheduler: Scheduler = None,
) -> pd.DataFrame:
    """Return the nearest facility of each type for every demand point.

    Only facilities with ``status`` ``existing`` (or no status) count.

    Parameters
    ----------
    demand
        Demand points (see :func:`demand_points` for polygons).
    facilities
        Facilities with a ``type`` column.
    network
        A :class:`~wijkanalyse.network.StreetNetwork` or
        :class:`~wijkanalyse.network.CrowFlies`.
    types
        Facility types to report (default: every type present, in order of appearance).
    max_minutes
        Search no farther.
    tiles
        With straight-line distances and a ``scheduler``: a label per demand point (e.g. its
        municipality); each tile is searched as one block of work. In this process one block
        is fastest, and a street network is searched once per type (one multi-source search
        covers every demand point), so ``tiles`` is not used there.
    scheduler
        Where the blocks run: ``None`` (here), ``"local"``, a Dask scheduler address or
        client (see :mod:`wijkanalyse.parallel`). Every demand point's answer depends only
        on it and the facilities, so the result is identical wherever it is computed.

    Returns
    -------
    pandas.DataFrame
        Indexed by (demand label, ``facility_type``): ``nearest_id``, ``network_m``,
        ``minutes``, ``euclid_m``, ``detour_ratio`` (NA when the straight line is below
        100 m), ``snap_m``, ``method``, ``reason`` (why there is no value).
    """
    by_type = _facilities_of(facilities, types, type_col)
    frames = []
    geoms = demand.geometry if isinstance(demand, gpd.GeoDataFrame) else demand
    parts: list[np.ndarray] = [np.arange(len(geoms))]
    if (
        tiles is not None
        and scheduler is not None
        and isinstance(network, CrowFlies)
        and geoms.index.is_unique  # the tiles are put back together by label
    ):
        labels = pd.Series(tiles).reindex(geoms.index)
        if labels.isna().any():
            raise DataError(
                "nearest_facility: tiles has no label for demand points "
                f"{listing(geoms.index[labels.isna().to_numpy()])}."
            )
        parts = [np.asarray(ix) for ix in labels.groupby(labels, sort=False).indices.values()]
    blocks = [(ftype, part) for ftype in by_type for part in parts]
    found = map_blocks(
        _nearest_block,
        blocks,
        shared={
            "geoms": geoms,
            "by_type": {k: v.geometry for k, v in by_type.items()},
            "network": network,
            "max_minutes": max_minutes,
        },
        scheduler=scheduler,
    )
    for ftype, fac in by_type.items():
        pieces = [r for (t, _), r in zip(blocks, found, strict=True) if t == ftype]
        res = pieces[0] if len(pieces) == 1 else pd.concat(pieces).reindex(geoms.index)
        if not len(fac):
            res["reason"] = "no_facilities"
        short = res["euclid_m"] < MIN_EUCLID_FOR_RATIO_M
        res["detour_ratio"] = res["detour_ratio"].mask(short.fillna(False).astype(bool))
        res.insert(0, "facility_type", ftype)
        frames.append(res)
    name = geoms.index.name or "demand"
    if not frames:
        raise DataError("nearest_facility: no facility types to report.")
    out = pd.concat(frames)
    out.index.name = name
    return out.set_index("facility_type", append=True)


def _nearest_block(
    block: tuple[str, np.ndarray],
    *,
    geoms: gpd.GeoSeries,
    by_type: dict[str, gpd.GeoSeries],
    network: DistanceModel,
    max_minutes: float | None,
) -> pd.DataFrame:
    """Nearest facility of one type for one tile of demand points (a block of work)."""
    ftype, rows = block
    part = geoms if len(rows) == len(geoms) else geoms.iloc[rows]
    return network.nearest(part, by_type[ftype], max_minutes=max_minutes)


# --------------------------------------------------------------------------- coverage


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


# --------------------------------------------------------------------------- floating catchments


def _od_pairs(
    od: ODMatrix | pd.DataFrame | None,
    network: DistanceModel | None,
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    max_minutes: float | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return the OD pairs as positions into demand and supply, their minutes, and reached.

    Labels are matched once per distinct label (not once per pair), so a matrix of millions
    of pairs costs two hash lookups of its labels.
    """
    if od is None:
        if network is None:
            raise DataError("give a distance model (network=...) or a precomputed od=... matrix.")
        od = network.od_matrix(demand.geometry, supply.geometry, max_minutes=max_minutes)
    problems = Problems("od matrix")
    if isinstance(od, ODMatrix):
        o_map = demand.index.get_indexer(od.origins)
        d_map = supply.index.get_indexer(od.destinations)
        used_o, used_d = np.unique(od.row), np.unique(od.col)
        unknown_o = list(od.origins[used_o][o_map[used_o] < 0])
        unknown_d = list(od.destinations[used_d][d_map[used_d] < 0])
        oi, di = o_map[od.row], d_map[od.col]
        minutes = np.asarray(od.minutes, dtype=float)
    else:
        missing = [c for c in ("origin", "destination", "minutes") if c not in od]
        if missing:
            raise SchemaError(
                f"od lacks columns {listing(missing)} (found: {listing(od.columns)}); it needs "
                "origin, destination and minutes."
            )
        oi = demand.index.get_indexer(od["origin"])
        di = supply.index.get_indexer(od["destination"])
        unknown_o = list(pd.unique(od["origin"].to_numpy()[oi < 0]))
        unknown_d = list(pd.unique(od["destination"].to_numpy()[di < 0]))
        minutes = od["minutes"].to_numpy(dtype=float)
    if unknown_o:
        problems.add(f"origins not in demand: {listing(sorted(map(str, unknown_o)))}.")
    if unknown_d:
        problems.add(f"destinations not in supply: {listing(sorted(map(str, unknown_d)))}.")
    if (minutes < 0).any():
        problems.add("travel times must be non-negative.")
    problems.raise_if_any()
    return oi, di, minutes, _reached(od, demand)


def _reached(od: ODMatrix | pd.DataFrame | None, demand: pd.DataFrame) -> np.ndarray:
    if isinstance(od, ODMatrix) and od.origin_ok is not None:
        return (
            pd.Series(od.origin_ok, index=od.origins)
            .reindex(demand.index)
            .fillna(False)
            .to_numpy(bool)
        )
    return np.ones(len(demand), dtype=bool)


def _decay_weights(
    minutes: np.ndarray,
    decay: Literal["step", "gaussian", "none"] | Callable[[np.ndarray], np.ndarray],
    *,
    steps: Mapping[float, float] | None,
    sigma: float | None,
) -> np.ndarray:
    if callable(decay):
        w = np.asarray(decay(minutes), dtype=float)
    elif decay == "none":
        w = np.ones(len(minutes))
    elif decay == "step":
        zones = sorted((float(k), float(v)) for k, v in (steps or E2SFCA_STEPS).items())
        if any(v < 0 for _, v in zones):
            raise DataError("step weights must be non-negative.")
        bounds = np.array([k for k, _ in zones])
        weights = np.array([v for _, v in zones] + [0.0])
        # a time on a zone's bound belongs to that zone (≤), as in PySAL access
        w = weights[np.searchsorted(bounds, minutes, side="left")]
    elif decay == "gaussian":
        if sigma is None or not sigma > 0:
            raise DataError("Gaussian decay needs sigma > 0 (minutes).")
        w = np.exp(-(minutes**2) / (2 * sigma**2))
    else:
        raise DataError(f"decay must be 'step', 'gaussian', 'none' or a function, got {decay!r}.")
    if len(w) != len(minutes) or not np.isfinite(w).all() or (w < 0).any():
        raise DataError("decay weights must be finite and non-negative, one per pair.")
    return w


def _supply(supply: gpd.GeoDataFrame, capacity_col: str | None) -> pd.Series:
    if capacity_col is None:
        return pd.Series(1.0, index=supply.index)
    if capacity_col not in supply:
        raise SchemaError(
            f"supply has no capacity column {capacity_col!r} (found: {listing(supply.columns)})."
        )
    cap = pd.to_numeric(supply[capacity_col], errors="coerce").astype(float)
    if cap.isna().any() or (cap < 0).any():
        raise DataError(
            f"capacity column {capacity_col!r} has missing or negative values for "
            f"{listing(supply.index[cap.isna() | (cap < 0)])}; fill them or use "
            "capacity_col=None (each facility counts once)."
        )
    return cap


def two_step_fca(
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    *,
    network: DistanceModel | None = None,
    od: ODMatrix | pd.DataFrame | None = None,
    demand_col: str = "pop_total",
    capacity_col: str | None = None,
    max_minutes: float = 10.0,
    decay: Literal["step", "gaussian", "none"] | Callable[[np.ndarray], np.ndarray] = "none",
    steps: Mapping[float, float] | None = None,
    sigma: float | None = None,
    per: float = 1000.0,
) -> pd.Series:
    """Two-step floating catchment area accessibility (2SFCA).

    Step 1: every facility's supply divided by the (decay-weighted) demand within
    ``max_minutes``: R_j = S_j / Σ_i P_i w(t_ij). Step 2: every demand point sums the ratios of
    the facilities it reaches: A_i = Σ_j R_j w(t_ij). With ``decay="none"`` this is the
    original 2SFCA (Luo & Wang 2003); with step or Gaussian decay it is E2SFCA.

    Parameters
    ----------
    demand
        Demand points with ``demand_col``.
    supply
        Facilities (one type), with an optional ``capacity_col`` (default: each counts 1).
    network, od
        A distance model, or a precomputed OD matrix (``ODMatrix`` or a frame with
        origin, destination, minutes).
    max_minutes
        Catchment size.
    decay, steps, sigma
        Distance decay inside the catchment: ``"none"``, ``"step"`` (``steps``: upper bound
        in minutes → weight, ≤ inclusive; default 10/20/30 min → 1/0.68/0.22) or
        ``"gaussian"`` (exp(−t²/2σ²)), or a vectorised function of minutes.
    per
        Express the result per this many residents (1000: facilities per 1 000 residents).

    Returns
    -------
    pandas.Series
        Indexed like ``demand``. 0 where no facility is within reach; NA for demand points
        without a distance (off the network with ``off_network="na"``) or without population
        data. A facility whose catchment holds no residents has no ratio and adds nothing.
    """
    if not (math.isfinite(max_minutes) and max_minutes > 0):
        raise DataError(f"max_minutes must be a positive number, got {max_minutes!r}.")
    pop = _population(demand, demand_col)
    cap = _supply(supply, capacity_col)
    oi, di, t, reached = _od_pairs(od, network, demand, supply, max_minutes)
    keep = t <= max_minutes
    oi, di, t = oi[keep], di[keep], t[keep]
    w = _decay_weights(t, decay, steps=steps, sigma=sigma)
    p = pop.reindex(demand.index).to_numpy(dtype=float, na_value=np.nan)[oi]
    # step 1: each facility's capacity over the (weighted) people within its reach
    demand_w = np.bincount(di, weights=w * np.nan_to_num(p), minlength=len(supply))
    capv = cap.reindex(supply.index).to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(demand_w > 0, capv / demand_w, np.nan)
    # step 2: each resident's sum of the (weighted) ratios of the facilities in reach
    r = ratio[di]
    acc = np.bincount(oi, weights=np.where(np.isfinite(r), w * r, 0.0), minlength=len(demand))
    out = pd.Series(acc * per, index=demand.index)
    # a point without population data, or off the network without a fallback, stays NA
    out = out.where(pop.notna().to_numpy(dtype=bool, na_value=False) & reached)
    out.name = f"{demand_col}_2sfca"
    return out.astype("Float64")


def enhanced_two_step_fca(
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    *,
    network: DistanceModel | None = None,
    od: ODMatrix | pd.DataFrame | None = None,
    demand_col: str = "pop_total",
    capacity_col: str | None = None,
    max_minutes: float = 30.0,
    decay: Literal["step", "gaussian"] | Callable[[np.ndarray], np.ndarray] = "step",
    steps: Mapping[float, float] | None = None,
    sigma: float | None = None,
    per: float = 1000.0,
) -> pd.Series:
    """Enhanced 2SFCA (Luo & Qi 2009): 2SFCA with travel-time zones or Gaussian decay.

    The default zones are 0–10, 10–20 and 20–30 minutes with weights 1, 0.68 and 0.22 (as
    in PySAL access). See :func:`two_step_fca` for the parameters.
    """
    out = two_step_fca(
        demand,
        supply,
        network=network,
        od=od,
        demand_col=demand_col,
        capacity_col=capacity_col,
        max_minutes=max_minutes,
        decay=decay,
        steps=steps,
        sigma=sigma,
        per=per,
    )
    out.name = f"{demand_col}_e2sfca"
    return out


def gravity(
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    *,
    network: DistanceModel | None = None,
    od: ODMatrix | pd.DataFrame | None = None,
    capacity_col: str | None = None,
    max_minutes: float | None = 30.0,
    decay: Literal["power", "exponential"] = "exponential",
    beta: float = 0.1,
    min_minutes: float = 1.0,
) -> pd.Series:
    """Hansen gravity accessibility: A_i = Σ_j S_j f(t_ij).

    ``decay="exponential"``: f(t) = exp(−β t); ``"power"``: f(t) = max(t, min_minutes)^−β
    (the floor keeps a facility next door from giving an infinite value). No competition
    between residents (use :func:`two_step_fca` for that).

    Returns
    -------
    pandas.Series
        Indexed like ``demand``; 0 where nothing is within ``max_minutes``.
    """
    if not (math.isfinite(beta) and beta > 0):
        raise DataError(f"beta must be a positive number, got {beta!r}.")
    cap = _supply(supply, capacity_col)
    oi, di, t, reached = _od_pairs(od, network, demand, supply, max_minutes)
    if max_minutes is not None:
        keep = t <= max_minutes
        oi, di, t = oi[keep], di[keep], t[keep]
    if decay == "exponential":
        f = np.exp(-beta * t)
    elif decay == "power":
        if not min_minutes > 0:
            raise DataError("power decay needs min_minutes > 0.")
        f = np.maximum(t, min_minutes) ** (-beta)
    else:
        raise DataError(f"decay must be 'exponential' or 'power', got {decay!r}.")
    contrib = f * cap.reindex(supply.index).to_numpy(dtype=float, na_value=np.nan)[di]
    # a facility without capacity adds nothing (as a skipped NaN in a sum)
    acc = np.bincount(oi, weights=np.nan_to_num(contrib), minlength=len(demand))
    out = pd.Series(acc, index=demand.index).where(reached)
    out.name = "gravity"
    return out.astype("Float64")


# --------------------------------------------------------------------------- equity


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """Smallest value whose cumulative weight reaches q × total (inverted CDF)."""
    order = np.argsort(values, kind="stable")
    v, w = values[order], weights[order]
    cum = np.cumsum(w)
    i = int(np.searchsorted(cum, q * cum[-1], side="left"))
    return float(v[min(i, len(v) - 1)])


def equity(
    values: pd.Series,
    population: pd.Series,
    *,
    threshold: float | None = None,
) -> pd.Series:
    """Return how evenly a value (a travel time or an access score) falls on people.

    Parameters
    ----------
    values
        Per demand unit, e.g. walking minutes to the nearest centre, or a 2SFCA score.
    population
        People per unit (same index).
    threshold
        For travel times: also report the share of the population beyond it.

    Returns
    -------
    pandas.Series
        ``population`` (with a value), ``mean`` (population-weighted), ``p10``, ``median``,
        ``p90`` (weighted, inverted CDF), ``gini`` (population-weighted Gini of the
        values, 0 = equal), ``palma`` (share of the total held by the 10 % of people with
        the highest values / the share of the 40 % with the lowest), and ``share_beyond``
        (population with a value above ``threshold``) when a threshold is given. Units
        with a missing value or population are left out; all NA when nobody remains.

    Examples
    --------
    >>> v = pd.Series([1.0, 3.0]); p = pd.Series([1, 1])
    >>> e = equity(v, p, threshold=2)
    >>> float(e["mean"]), float(e["gini"]), float(e["share_beyond"])
    (2.0, 0.25, 0.5)
    """
    v = pd.to_numeric(values, errors="coerce").astype("Float64")
    w = pd.to_numeric(population.reindex(v.index), errors="coerce").astype("Float64")
    if (w < 0).any():
        raise DataError("population weights must be non-negative.")
    ok = (v.notna() & w.notna() & (w > 0)).to_numpy(dtype=bool, na_value=False)
    keys = ["population", "mean", "p10", "median", "p90", "gini", "palma"]
    if threshold is not None:
        keys.append("share_beyond")
    res = dict.fromkeys(keys, math.nan)
    if ok.any():
        x = v.to_numpy(dtype=float, na_value=np.nan)[ok]
        wt = w.to_numpy(dtype=float, na_value=np.nan)[ok]
        total = float(wt.sum())
        mean = float((x * wt).sum() / total)
        res["population"] = total
        res["mean"] = mean
        res["p10"] = _weighted_quantile(x, wt, 0.1)
        res["median"] = _weighted_quantile(x, wt, 0.5)
        res["p90"] = _weighted_quantile(x, wt, 0.9)
        if not ((x < 0).any() or mean == 0):
            order = np.argsort(x, kind="stable")
            xs, ws = x[order], wt[order]
            f = np.concatenate([[0.0], np.cumsum(ws) / total])
            lorenz = np.concatenate([[0.0], np.cumsum(xs * ws) / (xs * ws).sum()])
            res["gini"] = float(1.0 - np.sum((f[1:] - f[:-1]) * (lorenz[1:] + lorenz[:-1])))
            bottom = float(np.interp(0.4, f, lorenz))
            top = 1.0 - float(np.interp(0.9, f, lorenz))
            res["palma"] = top / bottom if bottom > 0 else math.nan
        if threshold is not None:
            res["share_beyond"] = float(wt[x > threshold].sum() / total)
    return pd.Series(res, dtype="Float64")


# --------------------------------------------------------------------------- gaps


def coverage_gaps(
    need: pd.Series,
    minutes: pd.Series,
    population: pd.Series,
    *,
    threshold: float,
    groups: pd.Series | None = None,
    names: pd.Series | None = None,
    higher_need: Literal["higher", "lower"] = "higher",
) -> pd.DataFrame:
    """Rank units where high need meets poor access, with the people affected.

    Parameters
    ----------
    need
        Need per unit (e.g. the index score, or an indicator); by default higher is more
        need. Indexed like the units (``groups`` given: like the groups).
    minutes
        Travel time of each demand point (e.g. a sector centroid) to the nearest facility.
    population
        Target-group population of each demand point.
    threshold
        Travel time beyond which a person is not covered.
    groups
        Demand point → unit (e.g. sector → wijk); ``None``: the demand points are the units.
    names
        Display names of the units.
    higher_need
        Whether a higher ``need`` value means more need.

    Returns
    -------
    pandas.DataFrame
        Per unit: ``need``, ``need_pct`` (percentile rank of need among the units with a
        value, 0–1, 1 = most need), ``pop_in_group``, ``pop_affected`` (beyond the
        threshold), ``share_not_covered``, ``mean_minutes`` (population-weighted),
        ``gap_score`` = ``need_pct`` × ``share_not_covered`` and ``gap_rank`` (1 = largest
        gap; NA where nobody is beyond the threshold or need is unknown), sorted by rank.
    """
    if not (math.isfinite(threshold) and threshold > 0):
        raise DataError(f"threshold must be a positive number of minutes, got {threshold!r}.")
    t = pd.to_numeric(minutes, errors="coerce").astype("Float64")
    p = pd.to_numeric(population.reindex(t.index), errors="coerce").astype("Float64")
    g = pd.Series(t.index, index=t.index) if groups is None else groups.reindex(t.index)
    frame = pd.DataFrame({"unit": g, "t": t, "p": p})
    frame = frame[frame["unit"].notna()]
    known = frame["t"].notna() & frame["p"].notna()
    frame["beyond"] = frame["p"].where(frame["t"] > threshold, 0.0).where(known)
    frame["pt"] = (frame["p"] * frame["t"]).where(known)
    frame["pk"] = frame["p"].where(known)
    agg = frame.groupby("unit", sort=False).agg(
        pop_in_group=("p", lambda s: s.sum(min_count=1)),
        pop_affected=("beyond", lambda s: s.sum(min_count=1)),
        pt=("pt", lambda s: s.sum(min_count=1)),
        pk=("pk", lambda s: s.sum(min_count=1)),
    )
    agg = agg.astype("Float64")
    out = pd.DataFrame(index=agg.index)
    nd = pd.to_numeric(need.reindex(agg.index), errors="coerce").astype("Float64")
    out["need"] = nd
    signed = nd if higher_need == "higher" else -nd
    out["need_pct"] = signed.rank(pct=True, method="average").astype("Float64")
    out["pop_in_group"] = agg["pop_in_group"]
    out["pop_affected"] = agg["pop_affected"]
    pk = agg["pk"].where(agg["pk"] > 0)
    out["share_not_covered"] = (agg["pop_affected"] / pk).astype("Float64")
    out["mean_minutes"] = (agg["pt"] / pk).astype("Float64")
    out["gap_score"] = (out["need_pct"] * out["share_not_covered"]).astype("Float64")
    ranked = out["gap_score"].where(out["gap_score"] > 0)
    key = pd.DataFrame({"s": ranked, "a": out["pop_affected"]})
    order = key.sort_values(["s", "a"], ascending=False, na_position="last").index
    rank = pd.Series(pd.NA, index=out.index, dtype="Int64")
    valid = [u for u in order if pd.notna(ranked[u])]
    rank[valid] = np.arange(1, len(valid) + 1)
    out["gap_rank"] = rank
    if names is not None:
        out.insert(0, "name", names.reindex(out.index).astype("object"))
    return out.loc[list(order)]


def aggregate_gaps(
    sector_gaps: pd.DataFrame,
    members: Mapping[str, Sequence[str]],
) -> pd.DataFrame:
    """Sum a sector-level :func:`coverage_gaps` table to (possibly overlapping) areas.

    Counts are summed; ``share_not_covered`` and ``mean_minutes`` are recomputed from the
    sums; ``need_pct`` is the population-weighted mean of the member sectors' need
    percentiles (the need rank of the average resident), so it stays comparable with the
    sectors. ``gap_rank`` ranks the areas among themselves.

    Parameters
    ----------
    sector_gaps
        The sector-level result of :func:`coverage_gaps`.
    members
        Area name → its sector labels (e.g. Hoogland → the 2024 sectors it lies in).
    """
    problems = Problems("aggregate_gaps")
    for name, codes in members.items():
        absent = [c for c in codes if c not in sector_gaps.index]
        if absent:
            problems.add(f"area {name!r}: sectors {listing(absent)} are not in the sector table.")
    problems.raise_if_any()
    rows = {}
    for name, codes in members.items():
        part = sector_gaps.loc[list(codes)]
        pop = part["pop_in_group"].astype("Float64")
        affected = part["pop_affected"].sum(min_count=1)
        in_group = pop.sum(min_count=1)
        known = part["mean_minutes"].notna() & pop.notna()
        pk = pop[known].sum()
        has_need = part["need_pct"].notna() & pop.notna() & (pop > 0)
        wneed = pop[has_need].sum()
        need_pct = (
            float((part["need_pct"][has_need] * pop[has_need]).sum() / wneed)
            if wneed > 0
            else math.nan
        )
        share = float(affected / pk) if pk > 0 and pd.notna(affected) else math.nan
        mean = float((part["mean_minutes"][known] * pop[known]).sum() / pk) if pk > 0 else math.nan
        rows[name] = {
            "need": math.nan,
            "need_pct": need_pct,
            "pop_in_group": in_group,
            "pop_affected": affected,
            "share_not_covered": share,
            "mean_minutes": mean,
            "gap_score": need_pct * share,
        }
    out = pd.DataFrame.from_dict(rows, orient="index").astype("Float64")
    ranked = out["gap_score"].where(out["gap_score"] > 0)
    order = ranked.sort_values(ascending=False).index
    out["gap_rank"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    valid = [u for u in order if pd.notna(ranked[u])]
    out.loc[valid, "gap_rank"] = np.arange(1, len(valid) + 1)
    return out
