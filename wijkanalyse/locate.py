"""Facility location: where new centres should go, with the existing ones kept.

Four classic models, each solved exactly as a mixed-integer programme by HiGHS
(``highspy``), built in matrix form (one sparse constraint matrix, no expression objects):

* :func:`mclp`: the maximal covering location problem (Church & ReVelle 1974): with ``p``
  new sites, cover as much (need-weighted) population as possible within a threshold;
* :func:`lscp`: the location set covering problem (Toregas et al. 1971): the fewest new
  sites so that everyone is within the threshold;
* :func:`p_median`: minimise the total (need-weighted) travel time to the nearest open site
  (Hakimi 1964; ReVelle & Swain 1970); without capacities, candidate sites that a
  Lagrangian bound proves useless are left out of the model first (exact, and what makes
  5 000 demand units × 1 000 candidates a matter of seconds);
* :func:`p_center`: minimise the longest travel time of anyone (Hakimi 1965), solved by a
  search over radii with a covering problem at each, then the shortest total time among the
  plans that achieve it.

Existing facilities are fixed: they count, and they are neither moved nor closed, unless
``allow_closing=True``. Capacities are optional; with capacities, demand is assigned to
open sites within their capacity (split over several sites unless ``single_source=True``).
``p`` is always the number of **new** sites, an upper bound: a site that adds nothing is not
forced into a plan, and the plan says how many were needed.

Every model returns a frozen :class:`Plan` with the sites, the assignment of every demand
unit, the objective, the population covered per target group, the solver status, the MIP
gap and the time taken. :func:`greedy` gives the ranking "if you can add only one, add
this; then this; …" with the marginal gain of each, and :func:`coverage_curve` puts the
exact optimum per number of new sites next to the greedy one.

Inputs are a :class:`LocationProblem`: demand units with weights, sites (existing and
candidates) and the travel times between them, built by :func:`location_problem` from a
street network, or by :meth:`LocationProblem.from_matrix` from any cost matrix.
:func:`candidate_sites` proposes candidates: a user list, sector centroids, or street-network
nodes thinned to a grid, filtered by area.
"""

from __future__ import annotations

import logging
import math
import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse

from wijkanalyse import settings
from wijkanalyse._errors import DataError, InfeasibleError, SchemaError, WijkanalyseError
from wijkanalyse._validate import Problems, listing
from wijkanalyse.access import DistanceModel
from wijkanalyse.network import StreetNetwork

__all__ = [
    "MODELS",
    "LocationProblem",
    "Plan",
    "candidate_sites",
    "coverage_curve",
    "greedy",
    "location_problem",
    "lscp",
    "mclp",
    "p_center",
    "p_median",
    "solve",
]

log = logging.getLogger(__name__)

#: The models :func:`solve` knows, by name.
MODELS = ("mclp", "lscp", "p_median", "p_center")

#: Travel times within this many minutes of a threshold count as within it (floating point).
_EPS = 1e-9
# p-median screening: a Lagrangian plan within this factor of the best known one is
# polished by a swap search
_PROMISING = 1.02

Model = Literal["mclp", "lscp", "p_median", "p_center"]


# --------------------------------------------------------------------------- the problem


@dataclass(frozen=True)
class LocationProblem:
    """Demand, sites and the travel times between them: the input of every model.

    Attributes
    ----------
    demand
        Labels of the demand units (e.g. sector codes).
    sites
        Labels of the sites: the existing facilities and the candidates.
    existing
        Per site: True for an existing facility (kept unless closing is allowed).
    row, col, minutes
        The known travel times, as pairs (demand position, site position, minutes). A pair
        that is absent is unreachable (or beyond the limit the matrix was built with).
    weight
        Per demand unit, the weight in the objective (population, or need × population).
    load
        Per demand unit, the people it stands for (used for capacities and coverage).
    groups
        Per demand unit, the population of each target group, for reporting.
    capacity
        Per site, how many people it can serve (``inf``: no limit); ``None``: uncapacitated.
    site_table
        Per site: ``name``, ``source``, ``x``, ``y``, ``snap_m`` (where known).
    max_minutes
        The limit the travel times were computed with (``None``: all pairs).
    method
        How the travel times were measured.
    weight_label
        What the weight is, e.g. ``pop_65plus`` or ``need × pop_65plus``.
    """

    demand: pd.Index
    sites: pd.Index
    existing: np.ndarray
    row: np.ndarray
    col: np.ndarray
    minutes: np.ndarray
    weight: np.ndarray
    load: np.ndarray
    groups: pd.DataFrame = field(repr=False)
    capacity: np.ndarray | None = None
    site_table: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    max_minutes: float | None = None
    method: str = ""
    weight_label: str = "weight"

    def __post_init__(self) -> None:
        problems = Problems("location problem")
        n, m = len(self.demand), len(self.sites)
        if not self.demand.is_unique:
            problems.add(f"demand labels repeat: {listing(self.demand[self.demand.duplicated()])}.")
        if not self.sites.is_unique:
            problems.add(f"site labels repeat: {listing(self.sites[self.sites.duplicated()])}.")
        for name, arr, size in (
            ("existing", self.existing, m),
            ("weight", self.weight, n),
            ("load", self.load, n),
        ):
            if len(arr) != size:
                problems.add(f"{name} has {len(arr)} values for {size} units.")
        if not (len(self.row) == len(self.col) == len(self.minutes)):
            problems.add("row, col and minutes differ in length.")
        elif len(self.row):
            if self.row.min() < 0 or self.row.max() >= n:
                problems.add("a pair refers to a demand position out of range.")
            if self.col.min() < 0 or self.col.max() >= m:
                problems.add("a pair refers to a site position out of range.")
            if not np.isfinite(self.minutes).all() or (self.minutes < 0).any():
                problems.add("travel times must be finite and non-negative.")
            # sort, not np.unique: numpy ≥ 2.3 answers np.unique of millions of distinct
            # integers by hashing, 60× slower than a sort (5.6 s against 0.08 s for the
            # 5 million pairs of a 5 000 × 1 000 matrix)
            key = np.sort(self.row.astype(np.int64) * max(m, 1) + self.col)
            if (key[1:] == key[:-1]).any():
                problems.add("a (demand, site) pair appears twice.")
        for name, arr in (("weight", self.weight), ("load", self.load)):
            if len(arr) and (not np.isfinite(arr).all() or (arr < 0).any()):
                problems.add(f"{name} must be finite and non-negative.")
        if self.capacity is not None:
            if len(self.capacity) != m:
                problems.add(f"capacity has {len(self.capacity)} values for {m} sites.")
            elif np.isnan(self.capacity).any() or (self.capacity < 0).any():
                problems.add("capacities must be non-negative numbers (inf: no limit).")
        problems.raise_if_any()

    # -- construction

    @classmethod
    def from_matrix(
        cls,
        cost: pd.DataFrame | np.ndarray,
        *,
        weights: pd.Series | np.ndarray | Sequence[float],
        existing: Sequence[Any] | np.ndarray = (),
        capacity: pd.Series | np.ndarray | Sequence[float] | None = None,
        load: pd.Series | np.ndarray | Sequence[float] | None = None,
        groups: pd.DataFrame | None = None,
        max_minutes: float | None = None,
        method: str = "matrix",
    ) -> LocationProblem:
        """Build a problem from a demand × sites matrix of travel times.

        Parameters
        ----------
        cost
            Travel times (minutes or any cost unit); NaN or ``inf`` marks an unreachable
            pair. A DataFrame gives the labels; an array is labelled by position.
        weights
            Per demand unit (row), the weight in the objective.
        existing
            Labels (or, for an array, positions) of the existing facilities among the columns;
            or a boolean mask with one value per column.
        capacity
            Per site, the people it can serve (``inf`` for no limit).
        load
            Per demand unit, the people it stands for (default: the weights).
        groups
            Target-group populations per demand unit, for reporting (default: the load).

        Examples
        --------
        >>> cost = pd.DataFrame([[1.0, 5.0], [4.0, 2.0]], index=["a", "b"], columns=["x", "y"])
        >>> prob = LocationProblem.from_matrix(cost, weights=[10, 20])
        >>> mclp(prob, p=1, max_minutes=3).selected.index.tolist()
        ['y']
        """
        frame = (
            cost if isinstance(cost, pd.DataFrame) else pd.DataFrame(np.asarray(cost, dtype=float))
        )
        values = frame.to_numpy(dtype=float, na_value=np.nan)
        m = values.shape[1]
        w = _per_unit(weights, frame.index, "weights")
        ld = w if load is None else _per_unit(load, frame.index, "load")
        ex = np.zeros(m, dtype=bool)
        ex_arr = np.asarray(existing)
        if ex_arr.dtype == bool and len(ex_arr) == m:
            ex = ex_arr.copy()
        elif len(ex_arr):
            labels = list(existing)
            unknown = [e for e in labels if e not in frame.columns]
            if unknown:
                raise DataError(
                    f"existing names sites that are not columns of the cost matrix: "
                    f"{listing(unknown)}."
                )
            ex = frame.columns.isin(labels)
        cap = None if capacity is None else _per_unit(capacity, frame.columns, "capacity", inf=True)
        reach = np.isfinite(values)
        if max_minutes is not None:
            reach &= values <= max_minutes + _EPS
        r, c = np.nonzero(reach)
        grp = (
            pd.DataFrame({"load": ld}, index=frame.index)
            if groups is None
            else groups.reindex(frame.index)
        )
        return cls(
            demand=frame.index,
            sites=frame.columns,
            existing=ex,
            row=r.astype(np.int64),
            col=c.astype(np.int64),
            minutes=values[r, c],
            weight=w,
            load=ld,
            groups=grp,
            capacity=cap,
            site_table=pd.DataFrame(index=frame.columns),
            max_minutes=max_minutes,
            method=method,
        )

    # -- derived

    @property
    def n_demand(self) -> int:
        """Number of demand units."""
        return len(self.demand)

    @property
    def n_sites(self) -> int:
        """Number of sites (existing and candidates)."""
        return len(self.sites)

    @property
    def candidates(self) -> pd.Index:
        """Labels of the candidate (not existing) sites."""
        return self.sites[~self.existing]

    @cached_property
    def _by_time(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The pairs ordered by (demand, minutes, site).

        Returns per demand unit where its pairs start and end (``n_demand + 1`` bounds),
        and the ordered sites and times.

        One argsort of an exact integer key (demand, rank of the time, site) instead of a
        three-key lexsort: 1.2 s instead of 1.9 s for 5 million pairs. The pairs are unique
        (checked on construction), so the key is too and the order is fully determined.
        """
        times, rank = np.unique(self.minutes, return_inverse=True)
        n_times, m = max(len(times), 1), max(self.n_sites, 1)
        if self.n_demand * n_times * m >= 2**63:  # pragma: no cover - beyond int64
            order = np.lexsort((self.col, self.minutes, self.row))
        else:
            order = np.argsort((self.row.astype(np.int64) * n_times + rank) * m + self.col)
        bounds = np.searchsorted(self.row[order], np.arange(self.n_demand + 1))
        return bounds, self.col[order].astype(np.int32), self.minutes[order]

    def to_dense(self) -> pd.DataFrame:
        """Return the travel times as a demand × sites table (NaN: no known time)."""
        out = np.full((self.n_demand, self.n_sites), np.nan)
        out[self.row, self.col] = self.minutes
        return pd.DataFrame(out, index=self.demand, columns=self.sites)

    def nearest(self, open_sites: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per demand unit, the position of the nearest open site and its time (-1/NaN).

        Ties in time go to the lowest site position.
        """
        bounds, col, minutes_sorted = self._by_time
        hit = np.flatnonzero(open_sites[col])
        site = np.full(self.n_demand, -1, dtype=np.int64)
        minutes = np.full(self.n_demand, np.nan)
        if len(hit) == 0:
            return site, minutes
        # the first open pair at or after each demand unit's start, if it is still its own
        at = np.minimum(np.searchsorted(hit, bounds[:-1]), len(hit) - 1)
        at = hit[at]
        found = (at >= bounds[:-1]) & (at < bounds[1:])
        site[found] = col[at[found]]
        minutes[found] = minutes_sorted[at[found]]
        return site, minutes

    def restrict(self, demand: Sequence[Any] | pd.Index) -> LocationProblem:
        """Return the problem for a subset of the demand units (e.g. one area)."""
        labels = pd.Index(demand)
        unknown = labels.difference(self.demand)
        if len(unknown):
            raise DataError(f"restrict: unknown demand units {listing(unknown)}.")
        pos = self.demand.get_indexer(labels)
        new_of_old = np.full(self.n_demand, -1, dtype=np.int64)
        new_of_old[pos] = np.arange(len(pos))
        keep = new_of_old[self.row] >= 0
        return LocationProblem(
            demand=self.demand[pos],
            sites=self.sites,
            existing=self.existing,
            row=new_of_old[self.row[keep]],
            col=self.col[keep],
            minutes=self.minutes[keep],
            weight=self.weight[pos],
            load=self.load[pos],
            groups=self.groups.iloc[pos],
            capacity=self.capacity,
            site_table=self.site_table,
            max_minutes=self.max_minutes,
            method=self.method,
            weight_label=self.weight_label,
        )


def _per_unit(
    values: pd.Series | np.ndarray | Sequence[float],
    labels: pd.Index,
    what: str,
    *,
    inf: bool = False,
) -> np.ndarray:
    if isinstance(values, pd.Series):
        missing = labels.difference(values.index)
        if len(missing):
            raise DataError(f"{what} lacks values for {listing(missing)}.")
        s = pd.to_numeric(values.reindex(labels), errors="coerce")
    else:
        s = pd.Series(np.asarray(values, dtype=float))
        if len(s) != len(labels):
            raise DataError(f"{what} has {len(s)} values for {len(labels)} units.")
    arr = s.to_numpy(dtype=float, na_value=np.nan)
    bad = np.isnan(arr) | (arr < 0) | (np.isinf(arr) if not inf else False)
    if bad.any():
        raise DataError(
            f"{what} must be non-negative numbers; missing or invalid for "
            f"{listing(labels[bad])}. Drop those units or give them a value."
        )
    return arr


def location_problem(
    demand: gpd.GeoDataFrame,
    candidates: gpd.GeoDataFrame,
    *,
    network: DistanceModel,
    existing: gpd.GeoDataFrame | None = None,
    weight: str = "pop_total",
    need: pd.Series | None = None,
    target_groups: Sequence[str] | None = None,
    capacity_col: str | None = None,
    max_minutes: float | None = None,
) -> LocationProblem:
    """Build a location problem from demand points, candidate sites and a street network.

    Parameters
    ----------
    demand
        Demand points (sector centroids) with population columns; see
        :func:`~wijkanalyse.access.demand_points` for polygons.
    candidates
        Candidate sites (see :func:`candidate_sites`), with unique labels.
    network
        A :class:`~wijkanalyse.network.StreetNetwork` or
        :class:`~wijkanalyse.network.CrowFlies`.
    existing
        The existing facilities of the type being planned (kept in every plan unless
        closing is allowed). Their labels must differ from the candidates'.
    weight
        The population column that is served (e.g. ``"pop_65plus"``).
    need
        Optional need per demand unit (non-negative, e.g. a percentile rank in [0, 1]):
        the objective weight becomes need × population.
    target_groups
        Population columns to report coverage for (default: every ``pop_*`` column).
    capacity_col
        Column of ``existing`` and ``candidates`` with the people a site can serve.
    max_minutes
        Compute travel times only up to this limit (enough for MCLP and LSCP at that
        threshold; p-median and p-center need times to everyone and want ``None``).
    """
    problems = Problems("location_problem")
    for what, frame in (("demand", demand), ("candidates", candidates)):
        if not isinstance(frame, gpd.GeoDataFrame):
            raise DataError(f"{what} must be a GeoDataFrame, got {type(frame).__name__}.")
    if weight not in demand:
        have = [c for c in demand.columns if str(c).startswith("pop_")]
        problems.add(f"demand has no population column {weight!r} (found: {listing(have)}).")
    ex = existing if existing is not None else candidates.iloc[:0]
    if capacity_col is not None:
        for what, frame in (("existing", ex), ("candidates", candidates)):
            if len(frame) and capacity_col not in frame:
                problems.add(f"{what} lack the capacity column {capacity_col!r}.")
    cand_ids = pd.Index(candidates.index.astype(str))
    ex_ids = pd.Index(ex.index.astype(str))
    clash = cand_ids.intersection(ex_ids)
    if len(clash):
        problems.add(
            f"candidate labels equal existing facility labels: {listing(clash)}; relabel them."
        )
    if not cand_ids.is_unique:
        problems.add(f"candidate labels repeat: {listing(cand_ids[cand_ids.duplicated()])}.")
    problems.raise_if_any(SchemaError)
    groups = list(target_groups or [c for c in demand.columns if str(c).startswith("pop_")])
    if weight not in groups:
        groups.insert(0, weight)
    missing_groups = [g for g in groups if g not in demand]
    if missing_groups:
        raise SchemaError(f"demand lacks target-group columns {listing(missing_groups)}.")
    load = _per_unit(demand[weight], demand.index, f"population column {weight!r}")
    label = weight
    w = load
    if need is not None:
        nd = _per_unit(need.reindex(demand.index), demand.index, "need")
        w = nd * load
        label = f"need × {weight}"
    sites = pd.concat(
        [
            gpd.GeoDataFrame(ex.assign(_existing=True), geometry=ex.geometry.name),
            gpd.GeoDataFrame(candidates.assign(_existing=False), geometry=candidates.geometry.name),
        ]
    )
    sites.index = ex_ids.append(cand_ids)
    site_geo = sites.geometry
    od = network.od_matrix(demand.geometry, site_geo, max_minutes=max_minutes)
    cap = None
    if capacity_col is not None:
        cap = _per_unit(sites[capacity_col], sites.index, f"capacity {capacity_col!r}", inf=True)
    table = pd.DataFrame(index=sites.index)
    table["name"] = (
        sites["name"].astype("string") if "name" in sites else pd.Series(pd.NA, index=sites.index)
    )
    table["source"] = (
        sites["source"].astype("string")
        if "source" in sites
        else pd.Series(np.where(sites["_existing"], "existing", "candidate"), index=sites.index)
    )
    table.loc[sites["_existing"].to_numpy(bool), "source"] = "existing"
    table["x"] = site_geo.x.to_numpy()
    table["y"] = site_geo.y.to_numpy()
    if isinstance(network, StreetNetwork):
        table["snap_m"] = network.snap(site_geo)["snap_m"].to_numpy()
    else:
        table["snap_m"] = np.nan
    method = od.method_network
    if od.fallback.any():
        method = f"{od.method_network}+{od.method_fallback}"
    return LocationProblem(
        demand=demand.index,
        sites=sites.index,
        existing=sites["_existing"].to_numpy(bool),
        row=od.row.astype(np.int64),
        col=od.col.astype(np.int64),
        minutes=od.minutes,
        weight=w,
        load=load,
        groups=demand[groups].apply(pd.to_numeric, errors="coerce").astype("Float64"),
        capacity=cap,
        site_table=table,
        max_minutes=max_minutes,
        method=method,
        weight_label=label,
    )


# --------------------------------------------------------------------------- candidates


def candidate_sites(
    *,
    sites: gpd.GeoDataFrame | None = None,
    sectors: gpd.GeoDataFrame | None = None,
    network: StreetNetwork | None = None,
    grid_m: float | None = None,
    within: gpd.GeoDataFrame | gpd.GeoSeries | shapely.Geometry | None = None,
    name_col: str = "name",
) -> gpd.GeoDataFrame:
    """Return candidate sites from a user list, sector centroids and street-network nodes.

    Parameters
    ----------
    sites
        The user's own list (e.g. city-owned buildings), points with unique labels.
    sectors
        Sector points (centroids or representative points): each becomes a candidate
        labelled ``sector:<code>``.
    network
        Street network whose nodes, thinned to one per ``grid_m`` cell (the node nearest the
        cell's centre), become candidates labelled ``node:<id>``. Every candidate is also
        snapped to it (``snap_m``, ``attached``).
    grid_m
        Grid spacing for thinning network nodes (required with ``network`` nodes).
    within
        Keep only candidates inside these polygons (e.g. some wijken); on the boundary
        counts as inside. With a GeoDataFrame, ``area`` gives the label of the polygon each
        candidate lies in.
    name_col
        Column with a site's name in ``sites`` and ``sectors``.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ``site_id``: ``name``, ``source`` (``user``, ``sector``,
        ``network_node``), ``snap_m`` and ``attached`` (NA without a network).
    """
    frames: list[gpd.GeoDataFrame] = []
    crs = None
    if sites is not None:
        _check_points(sites, "sites")
        crs = sites.crs
        frames.append(_candidates(sites, [str(i) for i in sites.index], "user", name_col))
    if sectors is not None:
        _check_points(sectors, "sectors")
        crs = crs or sectors.crs
        frames.append(
            _candidates(sectors, [f"sector:{i}" for i in sectors.index], "sector", name_col)
        )
    if network is not None and grid_m is not None:
        if not (isinstance(grid_m, int | float) and grid_m > 0):
            raise DataError(f"grid_m must be a positive number of metres, got {grid_m!r}.")
        nodes = network.nodes()
        crs = crs or nodes.crs
        xy = np.column_stack([network.x, network.y])
        cell = np.floor(xy / grid_m).astype(np.int64)
        centre = (cell + 0.5) * grid_m
        d = np.hypot(*(xy - centre).T)
        order = np.lexsort((d, cell[:, 1], cell[:, 0]))
        c = cell[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (c[1:] != c[:-1]).any(axis=1)
        pick = np.sort(order[first])
        picked = nodes.iloc[pick]
        frames.append(
            gpd.GeoDataFrame(
                {
                    "name": pd.Series(pd.NA, index=range(len(pick)), dtype="string"),
                    "source": "network_node",
                },
                geometry=picked.geometry.to_numpy(),
                index=pd.Index([f"node:{i}" for i in picked.index], name="site_id"),
                crs=nodes.crs,
            )
        )
    elif grid_m is not None:
        raise DataError("grid_m thins network nodes: pass network=... as well.")
    if not frames:
        raise DataError(
            "candidate_sites: give at least one source: sites=..., sectors=... or "
            "network=... with grid_m=..."
        )
    out = gpd.GeoDataFrame(pd.concat(frames), crs=crs)
    out.index.name = "site_id"
    if not out.index.is_unique:
        raise DataError(
            f"candidate labels repeat: {listing(out.index[out.index.duplicated()])}; relabel "
            "the user's sites."
        )
    if within is not None:
        if isinstance(within, gpd.GeoDataFrame | gpd.GeoSeries):
            if within.crs is not None and out.crs is not None and within.crs != out.crs:
                raise DataError(
                    f"within is in {within.crs.to_string()}, the candidates in "
                    f"{out.crs.to_string()}; reproject one of them."
                )
            area = shapely.union_all(within.geometry.to_numpy())
        else:
            area = within
        inside = shapely.covers(area, out.geometry.to_numpy())
        out = out[inside].copy()
        if isinstance(within, gpd.GeoDataFrame | gpd.GeoSeries) and len(out):
            # which polygon each candidate lies in (the first, if they overlap)
            tree = shapely.STRtree(within.geometry.to_numpy())
            pt, poly = tree.query(out.geometry.to_numpy(), predicate="covered_by")
            order = np.lexsort((poly, pt))
            pt, poly = pt[order], poly[order]
            head = np.r_[True, pt[1:] != pt[:-1]] if len(pt) else np.array([], dtype=bool)
            area_id = np.full(len(out), None, dtype=object)
            area_id[pt[head]] = np.asarray(within.index)[poly[head]]
            out["area"] = area_id
    if network is not None and len(out):
        snapped = network.snap(out.geometry)
        out["snap_m"] = snapped["snap_m"].to_numpy()
        out["attached"] = snapped["attached"].to_numpy()
    else:
        out["snap_m"] = np.nan
        out["attached"] = pd.array([pd.NA] * len(out), dtype="boolean")
    return out


def _check_points(frame: gpd.GeoDataFrame, what: str) -> None:
    if not isinstance(frame, gpd.GeoDataFrame):
        raise DataError(f"{what} must be a GeoDataFrame, got {type(frame).__name__}.")
    kinds = set(frame.geometry.dropna().geom_type)
    if kinds - {"Point"}:
        raise DataError(
            f"{what} must be points, found {listing(sorted(kinds))}; use "
            "access.demand_points(..., demand_point=...) for polygons."
        )
    if frame.geometry.isna().any() or frame.geometry.is_empty.any():
        bad = frame.index[frame.geometry.isna() | frame.geometry.is_empty]
        raise DataError(f"{what} without a location: {listing(bad)}.")


def _candidates(
    frame: gpd.GeoDataFrame, ids: list[str], source: str, name_col: str
) -> gpd.GeoDataFrame:
    names = (
        frame[name_col].astype("string").to_numpy()
        if name_col in frame
        else pd.array([pd.NA] * len(frame), dtype="string")
    )
    return gpd.GeoDataFrame(
        {"name": names, "source": source},
        geometry=frame.geometry.to_numpy(),
        index=pd.Index(ids, name="site_id"),
        crs=frame.crs,
    )


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Plan:
    """A solved location question.

    Attributes
    ----------
    model
        ``mclp``, ``lscp``, ``p_median`` or ``p_center``.
    method
        ``exact`` (MILP, solved by HiGHS) or ``greedy``.
    p
        The number of new sites asked for (``None`` for LSCP).
    max_minutes
        The coverage threshold (MCLP, LSCP), or ``None``.
    selected
        The open sites, indexed by site label: ``name``, ``source``, ``x``, ``y``,
        ``snap_m``, ``existing``, ``rank`` (new sites: the order to build them in),
        ``marginal_gain`` (what each adds to the objective in that order), ``load`` (the
        people assigned to it).
    assignment
        One row per (demand unit, site) assigned: ``demand``, ``site``, ``share`` (1
        unless demand is split by capacities), ``minutes``, ``covered`` (within
        ``max_minutes``). Demand units that reach no open site have ``site`` NA.
    covered
        Per target group: ``population``, ``covered`` and ``share_covered`` (within
        ``max_minutes``; NA without a threshold), ``mean_minutes`` (population-weighted;
        NA when some people have no known time, e.g. beyond the limit the travel times
        were computed with).
    objective
        The objective value: covered weight (MCLP), number of new sites (LSCP; with closing
        allowed, all open sites), total weighted minutes (p-median), longest minutes
        (p-center).
    bound
        The best bound the solver proved (equal to ``objective`` when optimal).
    status
        ``optimal``, ``time_limit`` (best plan found, see ``gap``) or ``greedy``.
    gap
        Relative MIP gap between the objective and the bound (0: proven optimal; NaN for
        greedy plans).
    solve_seconds
        Wall-clock seconds to build and solve.
    closed
        Existing facilities the plan closes (only with ``allow_closing``).
    notes
        What the user should know (sites that add nothing, the weight used, …).
    """

    model: str
    method: str
    p: int | None
    max_minutes: float | None
    selected: pd.DataFrame = field(repr=False)
    assignment: pd.DataFrame = field(repr=False)
    covered: pd.DataFrame = field(repr=False)
    objective: float
    bound: float
    status: str
    gap: float
    solve_seconds: float
    closed: tuple[Any, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def new_sites(self) -> pd.Index:
        """Labels of the new sites, in the order to build them."""
        new = self.selected[~self.selected["existing"].astype(bool)]
        return new.sort_values("rank").index

    def to_frame(self) -> pd.DataFrame:
        """Return one row per new site: ``site_id``, ``x``, ``y``, ``rank``, ``marginal_gain``….

        A plan without new sites gives one row with ``site_id`` NA, so that its objective
        and status are still recorded.
        """
        new = self.selected[~self.selected["existing"].astype(bool)].sort_values("rank")
        if not len(new):
            new = pd.DataFrame(
                {c: [pd.NA] for c in ("name", "source", "x", "y", "snap_m", "rank")}
                | {"marginal_gain": [np.nan]},
                index=pd.Index([pd.NA]),
            )
        out = pd.DataFrame(
            {
                "model": self.model,
                "method": self.method,
                "p": self.p if self.p is not None else pd.NA,
                "max_minutes": self.max_minutes if self.max_minutes is not None else np.nan,
                "site_id": pd.Series(new.index, dtype="string").to_numpy(),
                "name": new["name"].to_numpy(),
                "source": new["source"].to_numpy(),
                "x": new["x"].to_numpy(),
                "y": new["y"].to_numpy(),
                "snap_m": new["snap_m"].to_numpy(),
                "rank": new["rank"].to_numpy(),
                "marginal_gain": new["marginal_gain"].to_numpy(),
                "objective": self.objective,
                "status": self.status,
                "gap": self.gap,
                "solve_seconds": self.solve_seconds,
            }
        )
        return out


# --------------------------------------------------------------------------- HiGHS


@dataclass(frozen=True)
class _Solution:
    x: np.ndarray
    objective: float
    bound: float
    status: str
    gap: float
    seconds: float


def _highs(
    *,
    cost: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    integer: np.ndarray,
    matrix: sparse.csr_array,
    row_lower: np.ndarray,
    row_upper: np.ndarray,
    maximise: bool,
    time_limit: float | None,
    mip_gap: float | None,
    what: str,
) -> _Solution:
    """Solve one MILP in matrix form with HiGHS and translate its status."""
    try:
        import highspy
    except ImportError as exc:  # pragma: no cover - highspy is a dependency
        raise WijkanalyseError(
            "facility location needs highspy; install it with `pip install highspy`."
        ) from exc
    t0 = time.perf_counter()
    n_col = len(cost)
    h = _quiet_highs(highspy)
    limit = settings.solver_time_limit if time_limit is None else time_limit
    gap_opt = settings.solver_mip_gap if mip_gap is None else mip_gap
    if not (limit > 0):
        raise DataError(f"time_limit must be positive seconds, got {limit!r}.")
    if not (0 <= gap_opt < 1):
        raise DataError(f"mip_gap must lie in [0, 1), got {gap_opt!r}.")
    h.setOptionValue("time_limit", float(limit))
    h.setOptionValue("mip_rel_gap", float(gap_opt))
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = n_col
    lp.num_row_ = matrix.shape[0]
    lp.sense_ = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
    lp.col_cost_ = np.ascontiguousarray(cost, dtype=np.float64)
    lp.col_lower_ = np.ascontiguousarray(lower, dtype=np.float64)
    lp.col_upper_ = np.ascontiguousarray(upper, dtype=np.float64)
    lp.row_lower_ = np.where(np.isinf(row_lower), -inf, row_lower).astype(np.float64)
    lp.row_upper_ = np.where(np.isinf(row_upper), inf, row_upper).astype(np.float64)
    csr = sparse.csr_array(matrix)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = n_col
    lp.a_matrix_.num_row_ = matrix.shape[0]
    lp.a_matrix_.start_ = csr.indptr.astype(np.int32)
    lp.a_matrix_.index_ = csr.indices.astype(np.int32)
    lp.a_matrix_.value_ = csr.data.astype(np.float64)
    h.passModel(lp)
    ints = np.flatnonzero(integer).astype(np.int32)
    if len(ints):
        h.changeColsIntegrality(len(ints), ints, np.ones(len(ints), dtype=np.uint8))
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    seconds = time.perf_counter() - t0
    kind = highspy.HighsModelStatus
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    if status == kind.kOptimal:
        label = "optimal"
    elif status in (
        kind.kTimeLimit,
        kind.kInterrupt,
        kind.kSolutionLimit,
        kind.kIterationLimit,
    ):
        if not has_solution:
            raise InfeasibleError(
                f"{what}: the solver found no plan within the time limit of {limit:g} s; "
                "raise time_limit, or make the problem smaller (fewer candidates, a grid "
                "with a larger spacing)."
            )
        label = "time_limit"
    elif status == kind.kInfeasible:
        raise InfeasibleError(f"{what}: the constraints cannot all be met (HiGHS: infeasible).")
    else:
        raise WijkanalyseError(
            f"{what}: HiGHS stopped with status {h.modelStatusToString(status)}."
        )
    x = np.asarray(h.getSolution().col_value, dtype=float)
    obj = float(info.objective_function_value)
    if len(ints):
        bound = float(info.mip_dual_bound)
        gap = float(info.mip_gap) if label != "optimal" else max(0.0, float(info.mip_gap))
    else:
        bound, gap = obj, 0.0
    return _Solution(x=x, objective=obj, bound=bound, status=label, gap=gap, seconds=seconds)


_STDOUT_LOCK = threading.Lock()


def _quiet_highs(highspy: Any) -> Any:
    """Return a ``highspy.Highs`` that prints nothing, its banner included.

    ``highspy.Highs()`` (1.16) writes "Running HiGHS ... Copyright ..." to the C-level
    standard output while it is being constructed: its ``__init__`` enables the callbacks,
    which logs the header before any option can be set. The constructor takes no options,
    ``Highs.silent()`` only sets ``output_flag`` afterwards, and HiGHS reads no environment
    variable. So for the construction alone file descriptor 1 points to the null device:
    under a lock (concurrent solves never interleave their redirections), with Python's
    buffered output flushed first, and restored in every case. HiGHS flushes what it writes,
    so nothing of the banner is left to escape later. Where fd 1 cannot be duplicated (no
    standard output at all), the solver is built as it is.
    """
    with _STDOUT_LOCK:
        try:
            saved = os.dup(1)
        except OSError:
            saved = -1
        try:
            if saved >= 0:
                if sys.stdout is not None:
                    sys.stdout.flush()
                null = os.open(os.devnull, os.O_WRONLY)
                try:
                    os.dup2(null, 1)
                finally:
                    os.close(null)
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
        finally:
            if saved >= 0:
                os.dup2(saved, 1)
                os.close(saved)
    return h


def _stack(blocks: Sequence[sparse.csr_array | sparse.coo_array]) -> sparse.csr_array:
    return sparse.csr_array(sparse.vstack(blocks, format="csr"))


# --------------------------------------------------------------------------- checks


def _check_p(problem: LocationProblem, p: Any) -> int:
    if isinstance(p, bool) or not isinstance(p, int | np.integer) or p < 0:
        raise DataError(f"p must be a whole number of new sites ≥ 0, got {p!r}.")
    n_cand = int((~problem.existing).sum())
    if p > n_cand:
        raise InfeasibleError(
            f"p={p} new sites asked, but there are only {n_cand} candidate sites; lower p or "
            "add candidates (a finer grid, sector centroids, the city's own list)."
        )
    return int(p)


def _check_threshold(max_minutes: Any, problem: LocationProblem) -> float:
    if not (isinstance(max_minutes, int | float) and math.isfinite(max_minutes)):
        raise DataError(f"max_minutes must be a number of minutes, got {max_minutes!r}.")
    if max_minutes <= 0:
        raise DataError(f"max_minutes must be positive, got {max_minutes!r}.")
    if problem.max_minutes is not None and max_minutes > problem.max_minutes + _EPS:
        raise DataError(
            f"max_minutes={max_minutes:g} exceeds the limit the travel times were computed "
            f"with ({problem.max_minutes:g} min); rebuild the problem with a larger "
            "max_minutes."
        )
    return float(max_minutes)


def _need_full_matrix(problem: LocationProblem, model: str) -> None:
    """p-median / p-center: every served unit must reach some site."""
    served = problem.load > 0
    reached = np.zeros(problem.n_demand, dtype=bool)
    reached[problem.row] = True
    lost = served & ~reached
    if lost.any():
        limit = (
            f" within the {problem.max_minutes:g}-minute limit of the travel times"
            if problem.max_minutes is not None
            else ""
        )
        raise InfeasibleError(
            f"{model}: demand units {listing(problem.demand[lost])} reach no site{limit}, so "
            "they cannot be assigned; build the problem without max_minutes, use "
            "off_network='euclidean', or leave those units out."
        )


def _fixed_and_free(problem: LocationProblem, allow_closing: bool) -> tuple[np.ndarray, np.ndarray]:
    fixed = problem.existing & (not allow_closing)
    free = ~fixed
    return fixed, free


# --------------------------------------------------------------------------- evaluation


def _evaluate(
    problem: LocationProblem, open_sites: np.ndarray, model: str, max_minutes: float | None
) -> float:
    """Objective of an open set under nearest-site assignment (no capacities)."""
    _, minutes = problem.nearest(open_sites)
    served = problem.load > 0
    if model == "mclp":
        ok = minutes <= (max_minutes or 0) + _EPS
        return float(problem.weight[ok].sum())
    if model == "lscp":
        ok = minutes <= (max_minutes or 0) + _EPS
        return float(problem.load[ok].sum())
    if model == "p_median":
        if np.isnan(minutes[problem.weight > 0]).any():
            return math.inf
        m = np.nan_to_num(minutes)
        return float((problem.weight * m).sum())
    if model == "p_center":
        if not served.any():
            return 0.0
        if np.isnan(minutes[served]).any():
            return math.inf
        return float(minutes[served].max())
    raise DataError(f"unknown model {model!r}; choose one of {listing(MODELS)}.")


def _maximising(model: str) -> bool:
    return model in ("mclp", "lscp")


def _order(
    problem: LocationProblem,
    base: np.ndarray,
    chosen: np.ndarray,
    model: str,
    max_minutes: float | None,
) -> tuple[list[int], list[float]]:
    """Order chosen sites greedily from the base: the best first, with marginal gains."""
    current = base.copy()
    value = _evaluate(problem, current, model, max_minutes)
    left = list(np.flatnonzero(chosen & ~base))
    order: list[int] = []
    gains: list[float] = []
    sign = 1.0 if _maximising(model) else -1.0
    while left:
        best, best_val = left[0], None
        for j in left:
            trial = current.copy()
            trial[j] = True
            v = _evaluate(problem, trial, model, max_minutes)
            if best_val is None or _better(sign * v, sign * best_val):
                best, best_val = j, v
        assert best_val is not None
        gains.append(_gain(value, best_val, sign))
        order.append(int(best))
        current[best] = True
        value = best_val
        left.remove(best)
    return order, gains


def _better(a: float, b: float) -> bool:
    return a > b + 1e-9 * max(1.0, abs(b)) if math.isfinite(b) else a > b


def _gain(before: float, after: float, sign: float) -> float:
    if math.isinf(before) and math.isinf(after):
        return 0.0
    if math.isinf(before):
        return math.inf
    return sign * (after - before)


# --------------------------------------------------------------------------- plan assembly


def _assignment_nearest(
    problem: LocationProblem, open_sites: np.ndarray, max_minutes: float | None
) -> pd.DataFrame:
    site, minutes = problem.nearest(open_sites)
    has = site >= 0
    return pd.DataFrame(
        {
            "demand": problem.demand,
            "site": pd.Series(
                np.where(has, problem.sites.astype(str)[np.maximum(site, 0)], None),
                dtype="string",
            ).to_numpy(),
            "share": np.where(has, 1.0, np.nan),
            "minutes": minutes,
            "covered": pd.array(
                minutes <= max_minutes + _EPS if max_minutes is not None else [pd.NA] * len(site),
                dtype="boolean",
            ),
        }
    )


def _assignment_split(
    problem: LocationProblem,
    pair_idx: np.ndarray,
    share: np.ndarray,
    max_minutes: float | None,
) -> pd.DataFrame:
    keep = share > 1e-9
    pi, sh = pair_idx[keep], share[keep]
    rows = pd.DataFrame(
        {
            "demand": problem.demand[problem.row[pi]],
            "site": pd.array(problem.sites.astype(str)[problem.col[pi]], dtype="string"),
            "share": np.minimum(sh, 1.0),
            "minutes": problem.minutes[pi],
        }
    )
    done = set(problem.row[pi])
    rest = [i for i in range(problem.n_demand) if i not in done]
    if rest:
        rows = pd.concat(
            [
                rows,
                pd.DataFrame(
                    {
                        "demand": problem.demand[rest],
                        "site": pd.array([pd.NA] * len(rest), dtype="string"),
                        "share": np.nan,
                        "minutes": np.nan,
                    }
                ),
            ],
            ignore_index=True,
        )
    if max_minutes is not None:
        rows["covered"] = (rows["minutes"] <= max_minutes + _EPS).astype("boolean")
        rows.loc[rows["site"].isna(), "covered"] = False
    else:
        rows["covered"] = pd.array([pd.NA] * len(rows), dtype="boolean")
    return rows


def _covered(
    problem: LocationProblem, assignment: pd.DataFrame, max_minutes: float | None
) -> pd.DataFrame:
    pos = problem.demand.get_indexer(pd.Index(assignment["demand"]))
    share = assignment["share"].fillna(0).to_numpy(float)
    minutes = assignment["minutes"].to_numpy(float)
    within = (
        np.nan_to_num(minutes, nan=np.inf) <= max_minutes + _EPS
        if max_minutes is not None
        else None
    )
    rows = {}
    for g in problem.groups.columns:
        pop = problem.groups[g].to_numpy(dtype=float, na_value=np.nan)
        total = np.nansum(pop)
        per = pop[pos] * share
        reach = ~np.isnan(minutes)
        # a mean over only those with a known time would flatter the plan: NA instead
        unknown = (np.nan_to_num(pop[pos]) > 0) & ~reach
        mean = (
            float(np.nansum(per[reach] * minutes[reach]) / np.nansum(per[reach]))
            if np.nansum(per[reach]) > 0 and not unknown.any()
            else np.nan
        )
        cov = float(np.nansum(per[within])) if within is not None else np.nan
        rows[g] = {
            "population": total,
            "covered": cov,
            "share_covered": cov / total if total > 0 and within is not None else np.nan,
            "mean_minutes": mean,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "target_group"
    return out


def _make_plan(
    problem: LocationProblem,
    *,
    model: str,
    method: str,
    p: int | None,
    max_minutes: float | None,
    open_sites: np.ndarray,
    base: np.ndarray,
    assignment: pd.DataFrame,
    objective: float,
    bound: float,
    status: str,
    gap: float,
    seconds: float,
    order: tuple[list[int], list[float]] | None = None,
    notes: Sequence[str] = (),
    rank_model: str | None = None,
) -> Plan:
    idx = np.flatnonzero(open_sites)
    table = problem.site_table.reindex(problem.sites)
    for col in ("name", "source"):
        if col not in table:
            table[col] = pd.Series(pd.NA, index=table.index, dtype="string")
    for col in ("x", "y", "snap_m"):
        if col not in table:
            table[col] = np.nan
    sel = table.iloc[idx][["name", "source", "x", "y", "snap_m"]].copy()
    sel["existing"] = problem.existing[idx]
    if order is None:
        order = _order(problem, base & open_sites, open_sites, rank_model or model, max_minutes)
    ranks = pd.Series(pd.NA, index=sel.index, dtype="Int64")
    gains = pd.Series(np.nan, index=sel.index, dtype=float)
    for r, (j, g) in enumerate(zip(*order, strict=True), start=1):
        label = problem.sites[j]
        if label in ranks.index and not problem.existing[j]:
            ranks[label] = r
            gains[label] = g
    sel["rank"] = ranks
    sel["marginal_gain"] = gains
    load = (
        assignment.assign(
            _load=problem.load[problem.demand.get_indexer(pd.Index(assignment["demand"]))]
            * assignment["share"].fillna(0)
        )
        .groupby("site", dropna=True)["_load"]
        .sum()
    )
    sel["load"] = load.reindex(sel.index.astype(str)).fillna(0.0).to_numpy()
    sel.index.name = "site_id"
    sel = sel.sort_values(["existing", "rank"], ascending=[False, True], na_position="last")
    closed = tuple(problem.sites[problem.existing & ~open_sites])
    all_notes = list(notes)
    zero = sel.index[(~sel["existing"]) & (sel["marginal_gain"] <= 0)]
    if len(zero):
        all_notes.append(
            f"{len(zero)} of the new sites add nothing once the others are built: {listing(zero)}."
        )
    n_new = int((~sel["existing"]).sum())
    if p is not None and n_new < p:
        all_notes.append(f"{n_new} new sites suffice; a further site would add nothing.")
    return Plan(
        model=model,
        method=method,
        p=p,
        max_minutes=max_minutes,
        selected=sel,
        assignment=assignment,
        covered=_covered(problem, assignment, max_minutes),
        objective=objective,
        bound=bound,
        status=status,
        gap=gap,
        solve_seconds=seconds,
        closed=closed,
        notes=tuple(all_notes),
    )


# --------------------------------------------------------------------------- models


def mclp(
    problem: LocationProblem,
    *,
    p: int,
    max_minutes: float,
    allow_closing: bool = False,
    time_limit: float | None = None,
    mip_gap: float | None = None,
    single_source: bool = False,
) -> Plan:
    """Maximal covering: with at most ``p`` new sites, cover the most weight within a time.

    Without capacities the model is the classic one (Church & ReVelle 1974): a binary
    ``y_j`` per free site, a covered fraction ``z_i`` per demand unit with
    ``z_i ≤ Σ_{j within reach} y_j``. Demand already covered by a kept existing facility is a
    constant, and demand units with the same set of reachable sites share one ``z`` (both
    exact reductions). With capacities, covered demand is assigned to open sites within reach
    and within their capacity.

    Parameters
    ----------
    problem
        Demand, sites and travel times.
    p
        New sites, at most (existing facilities are kept and do not count).
    max_minutes
        Coverage threshold: a demand unit is covered when an open site is within it (≤).
    allow_closing
        Let the model close existing facilities; the total number of open sites stays at
        most the number of existing ones plus ``p``.
    time_limit, mip_gap
        Solver limits (default: :data:`wijkanalyse.settings.solver_time_limit` and
        :data:`~wijkanalyse.settings.solver_mip_gap`).
    single_source
        With capacities: each demand unit goes to one site only.

    Returns
    -------
    Plan
        ``objective`` is the covered weight, including what existing facilities cover.

    Raises
    ------
    InfeasibleError
        ``p`` exceeds the number of candidates, or no candidate is within ``max_minutes`` of
        any demand unit.
    """
    t0 = time.perf_counter()
    t = _check_threshold(max_minutes, problem)
    p = _check_p(problem, p)
    fixed, free = _fixed_and_free(problem, allow_closing)
    within = problem.minutes <= t + _EPS
    r, c = problem.row[within], problem.col[within]
    served = problem.weight > 0
    if p > 0 and not (free[c] & served[r] & ~problem.existing[c]).any():
        near = problem.minutes[~problem.existing[problem.col]]
        nearest = (
            f"; the shortest time from a candidate is {near.min():.1f} min" if len(near) else ""
        )
        raise InfeasibleError(
            f"MCLP: no candidate site lies within {t:g} min of any demand unit with "
            f"population{nearest}. Add candidates closer to the people, or raise max_minutes."
        )
    if problem.capacity is not None:
        return _mclp_capacitated(
            problem, p, t, allow_closing, time_limit, mip_gap, single_source, t0
        )
    pre = np.zeros(problem.n_demand, dtype=bool)
    pre[r[fixed[c]]] = True
    constant = float(problem.weight[pre].sum())
    # free sites: the columns of the model
    free_idx = np.flatnonzero(free)
    col_of = np.full(problem.n_sites, -1, dtype=np.int64)
    col_of[free_idx] = np.arange(len(free_idx))
    keep = free[c] & ~pre[r] & served[r]
    kr, kc = r[keep], col_of[c[keep]]
    cover = sparse.csr_array((np.ones(len(kr)), (kr, kc)), shape=(problem.n_demand, len(free_idx)))
    cover.sum_duplicates()
    rows_with = np.flatnonzero(np.diff(cover.indptr) > 0)
    # demand units with the same reachable sites share one variable
    keys: dict[bytes, int] = {}
    group_of = np.empty(len(rows_with), dtype=np.int64)
    for k, i in enumerate(rows_with):
        key = cover.indices[cover.indptr[i] : cover.indptr[i + 1]].tobytes()
        group_of[k] = keys.setdefault(key, len(keys))
    n_g = len(keys)
    gw = np.bincount(group_of, weights=problem.weight[rows_with], minlength=n_g)
    first_row = np.full(n_g, -1, dtype=np.int64)
    first_row[group_of[::-1]] = rows_with[::-1]
    sub = cover[first_row] if n_g else sparse.csr_array((0, len(free_idx)))
    n_y = len(free_idx)
    # columns: y (n_y), z (n_g); rows: z_g - Σ y ≤ 0 (n_g), budget
    a_cov = sparse.hstack([-sub, sparse.eye_array(n_g, format="csr")], format="csr")
    budget_cols = np.ones(n_y) if allow_closing else (~problem.existing[free_idx]).astype(float)
    a_budget = sparse.csr_array(np.concatenate([budget_cols, np.zeros(n_g)])[None, :])
    budget = p + (int(problem.existing.sum()) if allow_closing else 0)
    sol = _highs(
        cost=np.concatenate([np.zeros(n_y), gw]),
        lower=np.zeros(n_y + n_g),
        upper=np.ones(n_y + n_g),
        integer=np.concatenate([np.ones(n_y, dtype=bool), np.zeros(n_g, dtype=bool)]),
        matrix=_stack([a_cov, a_budget]),
        row_lower=np.full(n_g + 1, -np.inf),
        row_upper=np.concatenate([np.zeros(n_g), [budget]]),
        maximise=True,
        time_limit=time_limit,
        mip_gap=mip_gap,
        what="MCLP",
    )
    open_sites = fixed.copy()
    open_sites[free_idx[sol.x[:n_y] > 0.5]] = True
    assignment = _assignment_nearest(problem, open_sites, t)
    objective = _evaluate(problem, open_sites, "mclp", t)
    return _make_plan(
        problem,
        model="mclp",
        method="exact",
        p=p,
        max_minutes=t,
        open_sites=open_sites,
        base=fixed,
        assignment=assignment,
        objective=objective,
        bound=sol.bound + constant,
        status=sol.status,
        gap=sol.gap,
        seconds=time.perf_counter() - t0,
        notes=[f"weight: {problem.weight_label}"],
    )


def _pair_model(
    problem: LocationProblem,
    keep: np.ndarray,
    free: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, sparse.csr_array, np.ndarray]:
    """Columns for site-opening y (free sites) and assignment x (kept pairs).

    Returns the free-site positions, the pair indices, the rows ``x_k - y_j ≤ 0`` (pairs on
    free sites) and each site's column among the y (-1: not free).
    """
    free_idx = np.flatnonzero(free)
    col_of = np.full(problem.n_sites, -1, dtype=np.int64)
    col_of[free_idx] = np.arange(len(free_idx))
    pairs = np.flatnonzero(keep)
    n_y, n_x = len(free_idx), len(pairs)
    pc = problem.col[pairs]
    on_free = col_of[pc] >= 0
    k = np.flatnonzero(on_free)
    link = sparse.csr_array(
        (
            np.concatenate([np.ones(len(k)), -np.ones(len(k))]),
            (
                np.concatenate([np.arange(len(k)), np.arange(len(k))]),
                np.concatenate([n_y + k, col_of[pc[k]]]),
            ),
        ),
        shape=(len(k), n_y + n_x),
    )
    return free_idx, pairs, link, col_of


def _capacity_rows(
    problem: LocationProblem,
    pairs: np.ndarray,
    free_idx: np.ndarray,
    col_of: np.ndarray,
    fixed: np.ndarray,
) -> tuple[sparse.csr_array, np.ndarray]:
    """Σ_i load_i x_ij − C_j y_j ≤ 0 (free sites) and Σ_i load_i x_ij ≤ C_j (fixed sites)."""
    assert problem.capacity is not None
    n_y, n_x = len(free_idx), len(pairs)
    cap = problem.capacity
    limited = np.flatnonzero(np.isfinite(cap))
    site_row = np.full(problem.n_sites, -1, dtype=np.int64)
    site_row[limited] = np.arange(len(limited))
    pc = problem.col[pairs]
    k = np.flatnonzero(site_row[pc] >= 0)
    data = [problem.load[problem.row[pairs[k]]]]
    rr = [site_row[pc[k]]]
    cc = [n_y + k]
    upper = np.zeros(len(limited))
    lim_free = limited[col_of[limited] >= 0]
    data.append(-cap[lim_free])
    rr.append(site_row[lim_free])
    cc.append(col_of[lim_free])
    lim_fixed = limited[fixed[limited]]
    upper[site_row[lim_fixed]] = cap[lim_fixed]
    # existing sites that may not be used (closed and not free) never get load: pairs to
    # them were not kept, so no row entries exist.
    mat = sparse.csr_array(
        (np.concatenate(data), (np.concatenate(rr), np.concatenate(cc))),
        shape=(len(limited), n_y + n_x),
    )
    return mat, upper


def _budget_row(
    problem: LocationProblem, free_idx: np.ndarray, n_x: int, p: int, allow_closing: bool
) -> tuple[sparse.csr_array, float]:
    cols = np.ones(len(free_idx)) if allow_closing else (~problem.existing[free_idx]).astype(float)
    row = sparse.csr_array(np.concatenate([cols, np.zeros(n_x)])[None, :])
    return row, p + (int(problem.existing.sum()) if allow_closing else 0)


def _open_from(sol: _Solution, free_idx: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    open_sites = fixed.copy()
    open_sites[free_idx[sol.x[: len(free_idx)] > 0.5]] = True
    return open_sites


def _mclp_capacitated(
    problem: LocationProblem,
    p: int,
    t: float,
    allow_closing: bool,
    time_limit: float | None,
    mip_gap: float | None,
    single_source: bool,
    t0: float,
) -> Plan:
    fixed, free = _fixed_and_free(problem, allow_closing)
    keep = (problem.minutes <= t + _EPS) & (problem.weight[problem.row] > 0)
    keep &= fixed[problem.col] | free[problem.col]
    free_idx, pairs, link, col_of = _pair_model(problem, keep, free)
    n_y, n_x = len(free_idx), len(pairs)
    # Σ_j x_ij ≤ 1 per demand unit
    assign = sparse.csr_array(
        (np.ones(n_x), (problem.row[pairs], n_y + np.arange(n_x))),
        shape=(problem.n_demand, n_y + n_x),
    )
    cap_mat, cap_upper = _capacity_rows(problem, pairs, free_idx, col_of, fixed)
    budget, b = _budget_row(problem, free_idx, n_x, p, allow_closing)
    n_rows = [assign.shape[0], link.shape[0], cap_mat.shape[0], 1]
    sol = _highs(
        cost=np.concatenate([np.zeros(n_y), problem.weight[problem.row[pairs]]]),
        lower=np.zeros(n_y + n_x),
        upper=np.ones(n_y + n_x),
        integer=np.concatenate([np.ones(n_y, dtype=bool), np.full(n_x, single_source)]),
        matrix=_stack([assign, link, cap_mat, budget]),
        row_lower=np.full(sum(n_rows), -np.inf),
        row_upper=np.concatenate([np.ones(n_rows[0]), np.zeros(n_rows[1]), cap_upper, [b]]),
        maximise=True,
        time_limit=time_limit,
        mip_gap=mip_gap,
        what="MCLP with capacities",
    )
    open_sites = _open_from(sol, free_idx, fixed)
    assignment = _assignment_split(problem, pairs, sol.x[n_y:], t)
    return _make_plan(
        problem,
        model="mclp",
        method="exact",
        p=p,
        max_minutes=t,
        open_sites=open_sites,
        base=fixed,
        assignment=assignment,
        objective=sol.objective,
        bound=sol.bound,
        status=sol.status,
        gap=sol.gap,
        seconds=time.perf_counter() - t0,
        notes=[
            f"weight: {problem.weight_label}",
            "capacities: demand assigned within capacity; the order of new sites ignores "
            "capacities",
        ],
    )


def lscp(
    problem: LocationProblem,
    *,
    max_minutes: float,
    allow_closing: bool = False,
    time_limit: float | None = None,
    mip_gap: float | None = None,
    single_source: bool = False,
) -> Plan:
    """Set covering: the fewest new sites so that everyone is within ``max_minutes``.

    "Everyone" is every demand unit with people (``load > 0``); units already within reach
    of a kept existing facility need nothing more.

    Returns
    -------
    Plan
        ``objective`` is the number of new sites (with ``allow_closing``: of all open
        sites); ``p`` is ``None``.

    Raises
    ------
    InfeasibleError
        Some demand units have no site at all within ``max_minutes`` (they are named, with
        the shortest time any site offers them), or capacities cannot hold everyone.
    """
    t0 = time.perf_counter()
    t = _check_threshold(max_minutes, problem)
    fixed, free = _fixed_and_free(problem, allow_closing)
    within = problem.minutes <= t + _EPS
    served = problem.load > 0
    reachable = np.zeros(problem.n_demand, dtype=bool)
    reachable[problem.row[within]] = True
    lost = served & ~reachable
    if lost.any():
        _, best = problem.nearest(np.ones(problem.n_sites, dtype=bool))
        detail = ", ".join(
            f"{problem.demand[i]} ({best[i]:.1f} min)"
            if not np.isnan(best[i])
            else f"{problem.demand[i]} (none)"
            for i in np.flatnonzero(lost)[:10]
        )
        more = f" and {int(lost.sum()) - 10} more" if lost.sum() > 10 else ""
        raise InfeasibleError(
            f"LSCP: {int(lost.sum())} demand units have no site within {t:g} min: {detail}{more}. "
            "Add candidate sites near them, raise max_minutes, or use MCLP to cover as many "
            "as possible."
        )
    if problem.capacity is not None:
        return _lscp_capacitated(problem, t, allow_closing, time_limit, mip_gap, single_source, t0)
    r, c = problem.row[within], problem.col[within]
    pre = np.zeros(problem.n_demand, dtype=bool)
    pre[r[fixed[c]]] = True
    free_idx = np.flatnonzero(free)
    col_of = np.full(problem.n_sites, -1, dtype=np.int64)
    col_of[free_idx] = np.arange(len(free_idx))
    keep = free[c] & served[r] & ~pre[r]
    cover = sparse.csr_array(
        (np.ones(int(keep.sum())), (r[keep], col_of[c[keep]])),
        shape=(problem.n_demand, len(free_idx)),
    )
    cover.sum_duplicates()
    need = np.flatnonzero(served & ~pre)
    n_y = len(free_idx)
    if len(need) == 0:
        open_sites = fixed.copy()
        sol = _Solution(np.zeros(n_y), 0.0, 0.0, "optimal", 0.0, 0.0)
    else:
        # every free site costs 1 (new, or any site when closing is allowed), so dominated
        # rows and columns can go (exact)
        rows, cols = _dominance(cover[need])
        sub = cover[need[rows]][:, cols]
        sol = _highs(
            cost=np.ones(len(cols)),
            lower=np.zeros(len(cols)),
            upper=np.ones(len(cols)),
            integer=np.ones(len(cols), dtype=bool),
            matrix=sub,
            row_lower=np.ones(len(rows)),
            row_upper=np.full(len(rows), np.inf),
            maximise=False,
            time_limit=time_limit,
            mip_gap=mip_gap,
            what="LSCP",
        )
        open_sites = fixed.copy()
        open_sites[free_idx[cols[sol.x > 0.5]]] = True
    n_open_new = int((open_sites & ~problem.existing).sum())
    objective = float(open_sites.sum()) if allow_closing else float(n_open_new)
    bound = sol.bound if len(need) else objective
    return _make_plan(
        problem,
        model="lscp",
        method="exact",
        p=None,
        max_minutes=t,
        open_sites=open_sites,
        base=fixed,
        assignment=_assignment_nearest(problem, open_sites, t),
        objective=objective,
        bound=bound,
        status=sol.status,
        gap=sol.gap,
        seconds=time.perf_counter() - t0,
    )


def _dominance(cover: sparse.csr_array) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of a unit-cost covering matrix that decide its optimum.

    A column whose rows are a subset of another column's rows is never needed (swap it for
    the other); a row whose columns include all columns of another row is covered whenever
    that row is. Both reductions are exact and are repeated until nothing changes; of equal
    rows or columns the first is kept.
    """
    a = sparse.csr_array(
        (np.ones(cover.nnz, dtype=np.int32), cover.indices, cover.indptr), shape=cover.shape
    )
    rows = np.arange(a.shape[0])
    cols = np.arange(a.shape[1])
    while True:
        size_c = np.asarray(a.sum(axis=0)).ravel()
        g = sparse.coo_array(a.T @ a)
        i, k = g.row, g.col
        dom = (i != k) & (g.data == size_c[i]) & ((size_c[k] > size_c[i]) | (k < i))
        keep_c = np.ones(a.shape[1], dtype=bool)
        keep_c[i[dom]] = False
        keep_c &= size_c > 0
        a = sparse.csr_array(a[:, np.flatnonzero(keep_c)])
        cols = cols[keep_c]
        size_r = np.diff(a.indptr)
        h = sparse.coo_array(a @ a.T)
        r, b = h.row, h.col
        red = (r != b) & (h.data == size_r[r]) & ((size_r[b] > size_r[r]) | (r < b))
        keep_r = np.ones(a.shape[0], dtype=bool)
        keep_r[b[red]] = False
        a = sparse.csr_array(a[np.flatnonzero(keep_r)])
        rows = rows[keep_r]
        if keep_c.all() and keep_r.all():
            return rows, cols


def _lscp_capacitated(
    problem: LocationProblem,
    t: float,
    allow_closing: bool,
    time_limit: float | None,
    mip_gap: float | None,
    single_source: bool,
    t0: float,
) -> Plan:
    fixed, free = _fixed_and_free(problem, allow_closing)
    keep = (problem.minutes <= t + _EPS) & (problem.load[problem.row] > 0)
    free_idx, pairs, link, col_of = _pair_model(problem, keep, free)
    n_y, n_x = len(free_idx), len(pairs)
    need = np.flatnonzero(problem.load > 0)
    pos = np.full(problem.n_demand, -1, dtype=np.int64)
    pos[need] = np.arange(len(need))
    assign = sparse.csr_array(
        (np.ones(n_x), (pos[problem.row[pairs]], n_y + np.arange(n_x))),
        shape=(len(need), n_y + n_x),
    )
    cap_mat, cap_upper = _capacity_rows(problem, pairs, free_idx, col_of, fixed)
    cost_y = np.ones(n_y) if allow_closing else (~problem.existing[free_idx]).astype(float)
    sol = _highs(
        cost=np.concatenate([cost_y, np.zeros(n_x)]),
        lower=np.zeros(n_y + n_x),
        upper=np.ones(n_y + n_x),
        integer=np.concatenate([np.ones(n_y, dtype=bool), np.full(n_x, single_source)]),
        matrix=_stack([assign, link, cap_mat]),
        row_lower=np.concatenate(
            [np.ones(len(need)), np.full(link.shape[0] + cap_mat.shape[0], -np.inf)]
        ),
        row_upper=np.concatenate([np.ones(len(need)), np.zeros(link.shape[0]), cap_upper]),
        maximise=False,
        time_limit=time_limit,
        mip_gap=mip_gap,
        what="LSCP with capacities",
    )
    open_sites = _open_from(sol, free_idx, fixed)
    n_new = int((open_sites & ~problem.existing).sum())
    objective = float(open_sites.sum()) if allow_closing else float(n_new)
    return _make_plan(
        problem,
        model="lscp",
        method="exact",
        p=None,
        max_minutes=t,
        open_sites=open_sites,
        base=fixed,
        assignment=_assignment_split(problem, pairs, sol.x[n_y:], t),
        objective=objective,
        bound=sol.bound,
        status=sol.status,
        gap=sol.gap,
        seconds=time.perf_counter() - t0,
    )


# --------------------------------------------------------------------------- p-median screening


def _swap_heuristic(
    rows: np.ndarray,
    cols: np.ndarray,
    cost: np.ndarray,
    base: np.ndarray,
    n_free: int,
    budget: int,
    start: Sequence[int] | np.ndarray = (),
) -> tuple[np.ndarray, float]:
    """Find a good p-median plan: greedy from ``start``, then swaps while they improve.

    The swap search (Teitz–Bart) takes the best swap of an open and a closed site while
    one lowers the total. ``rows``/``cols``/``cost`` are the pairs of demand units and
    free sites with their weighted time; ``base`` is each unit's weighted time to its
    nearest fixed site (inf: none). Returns the free sites opened and the plan's total
    (inf if some unit is left without a site).
    """
    big = float(cost.max(initial=0.0)) * 2.0 + 1.0
    floor = np.where(np.isfinite(base), base, big)

    def total(chosen: list[int]) -> tuple[float, np.ndarray]:
        best = floor.copy()
        on = np.isin(cols, chosen)
        np.minimum.at(best, rows[on], cost[on])
        return float(best.sum()), best

    def best_addition(current: np.ndarray, chosen: list[int]) -> tuple[int, float]:
        gain = np.bincount(cols, weights=np.maximum(current[rows] - cost, 0.0), minlength=n_free)
        gain[chosen] = -1.0
        j = int(np.argmax(gain))
        return j, float(gain[j])

    chosen = [int(c) for c in start][:budget]
    value, current = total(chosen)
    for _ in range(min(budget, n_free) - len(chosen)):
        j, gain = best_addition(current, chosen)
        if gain <= 0:
            break
        chosen.append(j)
        value, current = total(chosen)
    while chosen:
        best_swap, best_value = None, value * (1 - 1e-12)
        for k in chosen:
            rest = [c for c in chosen if c != k]
            v, without = total(rest)
            j, gain = best_addition(without, rest)
            if v - gain < best_value:
                best_swap, best_value = (k, j), v - gain
        if best_swap is None:
            break
        chosen = [c for c in chosen if c != best_swap[0]] + [best_swap[1]]
        value, current = total(chosen)
    if (current >= big).any():
        return np.array(chosen, dtype=np.int64), math.inf
    return np.array(chosen, dtype=np.int64), value


def _lagrangian_screen(
    rows: np.ndarray,
    cols: np.ndarray,
    cost: np.ndarray,
    base: np.ndarray,
    n_free: int,
    budget: int,
    upper: float,
    max_rounds: int = 600,
) -> tuple[np.ndarray, float, float]:
    """Free sites that no optimal p-median plan opens, proven by Lagrangian bounds.

    The assignment constraints are relaxed with multipliers λ (one per demand unit); for
    any λ,

        L(λ) = Σ λ_i + Σ_i min(0, base_i - λ_i) + (sum of the ``budget`` most negative ρ_j),
        ρ_j = Σ_i min(0, cost_ij - λ_i),

    is a lower bound on every plan, and L(λ) + ρ_j - (the largest chosen ρ) a lower bound
    on every plan that opens site j. A site whose bound exceeds ``upper`` (the cost of a
    known plan) cannot be in an optimal plan. λ is improved by subgradient steps
    (Held–Wolfe–Crowder step sizes); sites are ruled out as soon as any λ allows it. The
    sites each λ picks are a plan too: when one is better than ``upper`` (after a swap
    search from it), ``upper`` drops, and more sites can be ruled out.

    Returns the mask of ruled-out free sites, the best lower bound and the best plan's
    total.
    """
    n_demand = len(base)
    lam = np.where(np.isfinite(base), base, 0.0)
    if not np.isfinite(base).all():
        # units without a fixed site: start from their cheapest pair
        cheapest = np.full(n_demand, np.inf)
        np.minimum.at(cheapest, rows, cost)
        lam = np.where(np.isfinite(base), base, np.where(np.isfinite(cheapest), cheapest, 0.0))
    ruled_out = np.zeros(n_free, dtype=bool)
    best, step, stall = -math.inf, 2.0, 0
    slack = _EPS * max(1.0, abs(upper))
    tried: set[frozenset[int]] = set()
    for _ in range(max_rounds):
        reduced = cost - lam[rows]
        rho = np.bincount(cols, weights=np.minimum(reduced, 0.0), minlength=n_free)
        k = min(budget, n_free)
        pick = np.argpartition(rho, k - 1)[:k] if k else np.array([], dtype=np.int64)
        pick = pick[rho[pick] < 0]
        with np.errstate(invalid="ignore"):
            own = np.minimum(0.0, base - lam)  # base inf: 0
        bound = float(lam.sum() + own.sum() + rho[pick].sum())
        key = frozenset(pick.tolist())
        if key not in tried:  # the λ's own plan, polished by swaps when it is promising
            tried.add(key)
            on = np.isin(cols, pick)
            near = np.where(np.isfinite(base), base, np.inf)
            np.minimum.at(near, rows[on], cost[on])
            if float(near.sum()) < upper * _PROMISING:
                _, value = _swap_heuristic(rows, cols, cost, base, n_free, budget, start=pick)
                if value < upper:
                    upper, slack = value, _EPS * max(1.0, abs(value))
        worst = float(rho[pick].max()) if len(pick) == k and k else 0.0
        forced = bound + rho - worst
        forced[pick] = -math.inf
        ruled_out |= forced > upper + slack
        if bound > best + slack:
            best, stall = bound, 0
        else:
            stall += 1
            if stall >= 30:
                step, stall = step / 2.0, 0
        if upper - bound <= slack or step < 1e-4:
            break
        open_mask = np.zeros(n_free, dtype=bool)
        open_mask[pick] = True
        served = np.bincount(rows[(reduced < 0) & open_mask[cols]], minlength=n_demand)
        grad = 1.0 - served - (own < 0)
        norm = float(grad @ grad)
        if norm == 0.0:
            break
        lam = lam + step * (upper - bound) / norm * grad
    return ruled_out, best, upper


def p_median(
    problem: LocationProblem,
    *,
    p: int,
    allow_closing: bool = False,
    time_limit: float | None = None,
    mip_gap: float | None = None,
    single_source: bool = False,
    max_minutes: float | None = None,
) -> Plan:
    """p-median: with at most ``p`` new sites, minimise the total weighted travel time.

    The strong formulation (``x_ij ≤ y_j``) in matrix form. Without capacities and with
    existing facilities kept, a demand unit is only ever assigned to a site closer than its
    nearest existing facility, so only those pairs enter the model (exact). Without
    capacities, a swap heuristic and a Lagrangian relaxation of the assignment constraints
    (subgradient optimisation) first rule out the candidate sites whose opening provably
    costs more than a known plan; they cannot be in an optimal plan, so the smaller model
    has the same optimum (the plan's notes say how many were ruled out).

    Parameters
    ----------
    max_minutes
        Also report coverage within this threshold (the objective ignores it).

    Returns
    -------
    Plan
        ``objective`` is Σ weight × minutes to the assigned site.

    Raises
    ------
    InfeasibleError
        ``p`` exceeds the candidates, some demand unit reaches no site (the travel times
        were computed with a limit), or capacities cannot hold everyone.
    """
    p = _check_p(problem, p)
    if max_minutes is not None:
        max_minutes = _check_threshold(max_minutes, problem)
    _need_full_matrix(problem, "p-median")
    return _p_median(
        problem,
        p=p,
        allow_closing=allow_closing,
        time_limit=time_limit,
        mip_gap=mip_gap,
        single_source=single_source,
        max_minutes=max_minutes,
        radius=None,
    )


def _p_median(
    problem: LocationProblem,
    *,
    p: int,
    allow_closing: bool,
    time_limit: float | None,
    mip_gap: float | None,
    single_source: bool,
    max_minutes: float | None,
    radius: float | None,
    screen: bool = True,
) -> Plan:
    t0 = time.perf_counter()
    fixed, free = _fixed_and_free(problem, allow_closing)
    served = (problem.weight > 0) | (problem.load > 0)
    keep = served[problem.row] & (fixed[problem.col] | free[problem.col])
    if radius is not None:
        keep &= problem.minutes <= radius + _EPS
    if problem.capacity is None and fixed.any():
        # closest kept existing facility per demand unit: farther pairs are never used
        _, near_fixed = problem.nearest(fixed)
        limit = np.where(np.isnan(near_fixed), np.inf, near_fixed)[problem.row]
        on_fixed = fixed[problem.col]
        keep &= (problem.minutes < limit - _EPS) | on_fixed
        # of the fixed sites, only the nearest one matters
        site_f, _ = problem.nearest(fixed)
        keep &= ~on_fixed | (problem.col == site_f[problem.row])
    rows_need = np.flatnonzero(served)
    reached = np.zeros(problem.n_demand, dtype=bool)
    reached[problem.row[keep]] = True
    if (served & ~reached).any():
        lost = problem.demand[served & ~reached]
        raise InfeasibleError(
            f"p-median: demand units {listing(lost)} have no site within the radius; "
            "this radius is too small."
        )
    notes = [f"weight: {problem.weight_label}"]
    if screen and problem.capacity is None and radius is None:
        free, keep, note = _screen_p_median(problem, keep, fixed, free, p, allow_closing)
        notes += note
    free_idx, pairs, link, col_of = _pair_model(problem, keep, free)
    n_y, n_x = len(free_idx), len(pairs)
    pos = np.full(problem.n_demand, -1, dtype=np.int64)
    pos[rows_need] = np.arange(len(rows_need))
    assign = sparse.csr_array(
        (np.ones(n_x), (pos[problem.row[pairs]], n_y + np.arange(n_x))),
        shape=(len(rows_need), n_y + n_x),
    )
    blocks: list[sparse.csr_array] = [assign, link]
    lo = [np.ones(len(rows_need)), np.full(link.shape[0], -np.inf)]
    hi = [np.ones(len(rows_need)), np.zeros(link.shape[0])]
    if problem.capacity is not None:
        cap_mat, cap_upper = _capacity_rows(problem, pairs, free_idx, col_of, fixed)
        blocks.append(cap_mat)
        lo.append(np.full(cap_mat.shape[0], -np.inf))
        hi.append(cap_upper)
    budget, b = _budget_row(problem, free_idx, n_x, p, allow_closing)
    blocks.append(budget)
    lo.append(np.array([-np.inf]))
    hi.append(np.array([b]))
    try:
        sol = _highs(
            cost=np.concatenate(
                [np.zeros(n_y), problem.weight[problem.row[pairs]] * problem.minutes[pairs]]
            ),
            lower=np.zeros(n_y + n_x),
            upper=np.ones(n_y + n_x),
            integer=np.concatenate(
                [
                    np.ones(n_y, dtype=bool),
                    np.full(n_x, single_source and problem.capacity is not None),
                ]
            ),
            matrix=_stack(blocks),
            row_lower=np.concatenate(lo),
            row_upper=np.concatenate(hi),
            maximise=False,
            time_limit=time_limit,
            mip_gap=mip_gap,
            what="p-median",
        )
    except InfeasibleError as exc:
        if "cannot all be met" not in str(exc):
            raise
        limit = (
            f" (travel times known up to {problem.max_minutes:g} min)"
            if problem.max_minutes is not None
            else ""
        )
        reason = "within the capacities" if problem.capacity is not None else f"by a site{limit}"
        raise InfeasibleError(
            f"p-median: with at most {p} new sites, not every demand unit can be served "
            f"{reason}; raise p, add capacity, or build the problem without max_minutes."
        ) from exc
    open_sites = _open_from(sol, free_idx, fixed)
    if problem.capacity is None and radius is None:
        assignment = _assignment_nearest(problem, open_sites, max_minutes)
        objective = _evaluate(problem, open_sites, "p_median", None)
    else:
        assignment = _assignment_split(problem, pairs, sol.x[n_y:], max_minutes)
        objective = sol.objective
    return _make_plan(
        problem,
        model="p_median",
        method="exact",
        p=p,
        max_minutes=max_minutes,
        open_sites=open_sites,
        base=fixed,
        assignment=assignment,
        objective=objective,
        bound=sol.bound,
        status=sol.status,
        gap=sol.gap,
        seconds=time.perf_counter() - t0,
        notes=notes,
    )


def _screen_p_median(
    problem: LocationProblem,
    keep: np.ndarray,
    fixed: np.ndarray,
    free: np.ndarray,
    p: int,
    allow_closing: bool,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Drop the free sites that no optimal plan opens (see :func:`_lagrangian_screen`).

    Exact: the optimum of the smaller model is the optimum of the full one. Returns the
    free-site mask, the kept pairs and a note for the plan.
    """
    pair = np.flatnonzero(keep)
    cost = problem.weight[problem.row[pair]] * problem.minutes[pair]
    on_fixed = fixed[problem.col[pair]]
    # the units in the model (those to be served), numbered 0..k-1
    units, unit_of = np.unique(problem.row[pair], return_inverse=True)
    base = np.full(len(units), np.inf)
    np.minimum.at(base, unit_of[on_fixed], cost[on_fixed])
    free_idx = np.flatnonzero(free)
    local = np.full(problem.n_sites, -1, dtype=np.int64)
    local[free_idx] = np.arange(len(free_idx))
    fp = pair[~on_fixed]
    rows, cols, fcost = unit_of[~on_fixed], local[problem.col[fp]], cost[~on_fixed]
    budget = p + (int(problem.existing.sum()) if allow_closing else 0)
    if len(free_idx) <= budget or not len(fp):
        return free, keep, []
    _, upper = _swap_heuristic(rows, cols, fcost, base, len(free_idx), budget)
    if not math.isfinite(upper):
        return free, keep, []
    ruled_out, _, _ = _lagrangian_screen(rows, cols, fcost, base, len(free_idx), budget, upper)
    if not ruled_out.any():
        return free, keep, []
    free = free.copy()
    free[free_idx[ruled_out]] = False
    keep = keep & (fixed[problem.col] | free[problem.col])
    note = (
        f"{int(ruled_out.sum())} of {len(free_idx)} candidate sites ruled out beforehand by a "
        "Lagrangian bound (they cannot be in an optimal plan)."
    )
    return free, keep, [note]


def p_center(
    problem: LocationProblem,
    *,
    p: int,
    allow_closing: bool = False,
    time_limit: float | None = None,
    mip_gap: float | None = None,
    max_minutes: float | None = None,
) -> Plan:
    """p-center: with at most ``p`` new sites, minimise the longest travel time of anyone.

    Exact by a binary search over the distinct travel times: a radius is feasible when a
    covering problem needs at most ``p`` new sites for every demand unit with people
    (Minieka 1970). Among the plans with the optimal radius, the one with the shortest total
    weighted time is returned (a p-median restricted to that radius), so ties are broken in
    the residents' favour. Capacities are not supported (use :func:`p_median`).

    Returns
    -------
    Plan
        ``objective`` is the longest travel time (minutes) of any demand unit with people.
    """
    t0 = time.perf_counter()
    if problem.capacity is not None:
        raise DataError(
            "p-center does not take capacities here; use p_median or mclp with capacities."
        )
    p = _check_p(problem, p)
    if max_minutes is not None:
        max_minutes = _check_threshold(max_minutes, problem)
    _need_full_matrix(problem, "p-center")
    fixed, free = _fixed_and_free(problem, allow_closing)
    served = problem.load > 0
    usable = served[problem.row]
    radii = np.unique(problem.minutes[usable])
    # no plan beats the time to the nearest site of all
    _, best = problem.nearest(np.ones(problem.n_sites, dtype=bool))
    lower = float(np.nanmax(best[served])) if served.any() else 0.0
    lo = int(np.searchsorted(radii, lower - _EPS))
    hi = len(radii) - 1
    budget = p + (int(problem.existing.sum()) if allow_closing else 0)
    status = "optimal"
    limit = settings.solver_time_limit if time_limit is None else time_limit
    deadline = t0 + limit

    def feasible(r: float) -> bool:
        nonlocal status
        # a quick greedy cover proves feasibility without a solver
        g = _greedy_cover(problem, r, fixed, free, allow_closing)
        if g is not None and g <= budget:
            return True
        left = deadline - time.perf_counter()
        if left <= 0:
            status = "time_limit"
            return False
        try:
            plan = lscp(
                problem,
                max_minutes=r,
                allow_closing=allow_closing,
                time_limit=left,
                mip_gap=0.0,
            )
        except InfeasibleError:
            return False
        if plan.status != "optimal":
            status = "time_limit"
            # only the bound is proven: feasible if even the bound fits
            return plan.objective <= budget
        return plan.objective <= budget

    if not feasible(float(radii[hi])):
        raise InfeasibleError(
            f"p-center: even with every candidate reachable, {p} new sites cannot reach "
            "every demand unit; raise p."
        )
    while lo < hi:
        mid = (lo + hi) // 2
        if feasible(float(radii[mid])):
            hi = mid
        else:
            lo = mid + 1
    radius = float(radii[hi])
    left = max(deadline - time.perf_counter(), 1.0)
    plan = _p_median(
        problem,
        p=p,
        allow_closing=allow_closing,
        time_limit=left,
        mip_gap=mip_gap,
        single_source=False,
        max_minutes=max_minutes,
        radius=radius,
    )
    open_sites = problem.sites.isin(plan.selected.index)
    # with a time-limited step only the nearest-site bound is proven
    bound = radius if status == "optimal" else lower
    gap = (radius - bound) / radius if radius > 0 else 0.0
    return _make_plan(
        problem,
        model="p_center",
        method="exact",
        p=p,
        max_minutes=max_minutes,
        open_sites=open_sites,
        base=fixed,
        assignment=_assignment_nearest(problem, open_sites, max_minutes),
        objective=_evaluate(problem, open_sites, "p_center", None),
        bound=bound,
        status=status,
        gap=gap,
        seconds=time.perf_counter() - t0,
        notes=[
            "ties at the optimal longest time are broken by the shortest total "
            f"weighted time ({problem.weight_label})"
        ],
    )


def _greedy_cover(
    problem: LocationProblem,
    r: float,
    fixed: np.ndarray,
    free: np.ndarray,
    allow_closing: bool,
) -> int | None:
    """Sites a greedy cover needs at radius r (new sites, or all with closing); None: none."""
    within = problem.minutes <= r + _EPS
    served = problem.load > 0
    rr, cc = problem.row[within], problem.col[within]
    covered = ~served
    covered[rr[fixed[cc]]] = True
    count = int(fixed.sum()) if allow_closing else 0
    avail = free.copy()
    while not covered.all():
        m = avail[cc] & ~covered[rr]
        gain = np.bincount(cc[m], minlength=problem.n_sites)
        j = int(np.argmax(gain))
        if gain[j] == 0:
            return None
        covered[rr[cc == j]] = True
        avail[j] = False
        count += 1
    return count


# --------------------------------------------------------------------------- greedy, curve


def greedy(
    problem: LocationProblem,
    *,
    model: Literal["mclp", "p_median"] = "mclp",
    p: int,
    max_minutes: float | None = None,
) -> Plan:
    """Rank sites one at a time: "if you can add only one, add this; then this; …".

    Each step adds the candidate with the largest marginal gain given the existing
    facilities and the sites already ranked (ties: the first candidate in the problem's
    order). The ranking stops early when no candidate adds anything.

    Parameters
    ----------
    model
        ``mclp`` (gain: weight newly covered within ``max_minutes``) or ``p_median``
        (gain: weighted minutes saved).
    p
        How many sites to rank.
    max_minutes
        Coverage threshold (required for MCLP; for p-median only reported).

    Returns
    -------
    Plan
        ``method="greedy"``, ``status="greedy"``, ``gap`` NaN.
    """
    t0 = time.perf_counter()
    p = _check_p(problem, p)
    if model == "mclp":
        if max_minutes is None:
            raise DataError("greedy MCLP needs max_minutes.")
    elif model != "p_median":
        raise DataError(f"greedy ranks 'mclp' or 'p_median', got {model!r}.")
    t = None if max_minutes is None else _check_threshold(max_minutes, problem)
    open_sites = problem.existing.copy()
    rr, cc, mm = problem.row, problem.col, problem.minutes
    w = problem.weight
    order: list[int] = []
    gains: list[float] = []
    _, current = problem.nearest(open_sites)
    big = (float(mm.max()) + 1.0) * 10 if len(mm) else 1.0
    for _ in range(p):
        avail = ~open_sites
        if model == "mclp":
            assert t is not None
            covered = current <= t + _EPS
            m = avail[cc] & (mm <= t + _EPS) & ~covered[rr]
            gain = np.bincount(cc[m], weights=w[rr[m]], minlength=problem.n_sites)
        else:
            d = np.where(np.isnan(current), big, current)
            m = avail[cc] & (mm < d[rr])
            gain = np.bincount(
                cc[m], weights=w[rr[m]] * (d[rr[m]] - mm[m]), minlength=problem.n_sites
            )
        gain[~avail] = -1.0
        j = int(np.argmax(gain))
        if gain[j] <= 0:
            break
        before = _evaluate(problem, open_sites, model, t)
        open_sites[j] = True
        after = _evaluate(problem, open_sites, model, t)
        order.append(j)
        gains.append(_gain(before, after, 1.0 if model == "mclp" else -1.0))
        _, current = problem.nearest(open_sites)
    objective = _evaluate(problem, open_sites, model, t)
    return _make_plan(
        problem,
        model=model,
        method="greedy",
        p=p,
        max_minutes=t,
        open_sites=open_sites,
        base=problem.existing,
        assignment=_assignment_nearest(problem, open_sites, t),
        objective=objective,
        bound=math.nan,
        status="greedy",
        gap=math.nan,
        seconds=time.perf_counter() - t0,
        order=(order, gains),
        notes=[f"weight: {problem.weight_label}"],
    )


def solve(problem: LocationProblem, model: Model, **options: Any) -> Plan:
    """Solve ``model`` (one of :data:`MODELS`) with the given options."""
    funcs = {"mclp": mclp, "lscp": lscp, "p_median": p_median, "p_center": p_center}
    if model not in funcs:
        raise DataError(f"unknown model {model!r}; choose one of {listing(MODELS)}.")
    return funcs[model](problem, **options)  # type: ignore[operator]


def coverage_curve(
    problem: LocationProblem,
    *,
    max_minutes: float,
    p_max: int,
    model: Literal["mclp", "p_median"] = "mclp",
    time_limit: float | None = None,
    mip_gap: float | None = None,
) -> pd.DataFrame:
    """Return the objective per number of new sites, exact next to greedy, 0 to ``p_max``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``p``: ``exact`` and ``greedy`` objective, ``exact_share`` and
        ``greedy_share`` (of the total weight, MCLP), ``covered`` per target group columns
        ``covered_<group>`` (exact plan), ``status``, ``gap``, ``seconds`` and ``sites``
        (the exact plan's new sites, space-separated).
    """
    p_max = _check_p(problem, p_max)
    g = greedy(problem, model=model, p=p_max, max_minutes=max_minutes)
    g_order = list(g.new_sites)
    rows = []
    total = float(problem.weight.sum())
    for p in range(p_max + 1):
        if model == "mclp":
            plan = mclp(
                problem, p=p, max_minutes=max_minutes, time_limit=time_limit, mip_gap=mip_gap
            )
        else:
            plan = p_median(
                problem, p=p, max_minutes=max_minutes, time_limit=time_limit, mip_gap=mip_gap
            )
        open_g = problem.existing | problem.sites.isin(g_order[:p])
        g_obj = _evaluate(problem, open_g, model, max_minutes)
        row: dict[str, Any] = {
            "p": p,
            "exact": plan.objective,
            "greedy": g_obj,
        }
        if model == "mclp" and total > 0:
            row["exact_share"] = plan.objective / total
            row["greedy_share"] = g_obj / total
        for grp, cov in plan.covered["covered"].items():
            row[f"covered_{grp}"] = cov
        row.update(
            status=plan.status,
            gap=plan.gap,
            seconds=plan.solve_seconds,
            sites=" ".join(map(str, plan.new_sites)),
        )
        rows.append(row)
    return pd.DataFrame(rows).set_index("p")
