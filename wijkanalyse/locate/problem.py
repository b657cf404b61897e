"""The input of every model: demand units, sites and the travel times between them.

:class:`LocationProblem` holds the known (demand unit, site) travel times as sparse pairs,
with the weight, load and target-group populations per demand unit and the capacity per
site. :func:`location_problem` builds one from demand points, candidate sites and a street
network; :meth:`LocationProblem.from_matrix` from any cost matrix. The checks every model
makes of its arguments against a problem (``p``, ``max_minutes``, travel times to everyone,
which sites are fixed) live here too, with the names of the models (:data:`MODELS`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError, InfeasibleError, SchemaError
from wijkanalyse._validate import Problems, listing
from wijkanalyse.access import DistanceModel
from wijkanalyse.network import StreetNetwork

#: The models :func:`solve` knows, by name.
MODELS = ("mclp", "lscp", "p_median", "p_center")

#: Travel times within this many minutes of a threshold count as within it (floating point).
_EPS = 1e-9

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
        >>> from wijkanalyse.locate import mclp
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
