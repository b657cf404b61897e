"""A covering question once per draw of the uncertain inputs: :class:`CoverDraws`.

Per draw: which candidate sites reach which residents within the threshold, and how many
are already within reach of the existing facilities. :func:`draw_cover` builds it from the
access draws of a study; :meth:`CoverDraws.from_problems` from any sequence of
:class:`~wijkanalyse.locate.LocationProblem`. The solvers are in
:mod:`wijkanalyse.locate.robust`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy import sparse

from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing
from wijkanalyse.access.ranges import AccessDraws, _disc, _nearest_metres, _Points, facility_radii
from wijkanalyse.locate._cover import pool_rows
from wijkanalyse.locate.problem import _EPS, LocationProblem, _check_threshold
from wijkanalyse.network import CrowFlies, ODMatrix, StreetNetwork
from wijkanalyse.network._checks import _xy
from wijkanalyse.uncertainty import draw_stream

__all__ = ["CoverDraws", "draw_cover"]


@dataclass(frozen=True)
class CoverDraws:
    """A covering question once per draw of the uncertain inputs (see the module).

    Attributes
    ----------
    sites
        Labels of the candidate sites (the columns of every draw's matrix).
    cover
        Per draw: a 0/1 matrix of demand units × sites, a unit being residents not within
        reach of an existing facility in that draw who reach the same candidates (pooled).
    weight, load
        Per draw and unit: the objective's weight (people, or need × people) and the people.
    base_weight, base_load
        Per draw: the weight and the people within reach of the existing facilities.
    total_weight, total_load
        Per draw: all weight and all people of the question (within reach or not).
    max_minutes
        The threshold.
    site_table
        Per site: ``name``, ``source``, ``x``, ``y`` where known.
    weight_label
        What the weight is, e.g. ``pop_65plus`` or ``need × pop_65plus``.
    """

    sites: pd.Index
    cover: tuple[sparse.csr_array, ...] = field(repr=False)
    weight: tuple[np.ndarray, ...] = field(repr=False)
    load: tuple[np.ndarray, ...] = field(repr=False)
    base_weight: np.ndarray = field(repr=False)
    base_load: np.ndarray = field(repr=False)
    total_weight: np.ndarray = field(repr=False)
    total_load: np.ndarray = field(repr=False)
    max_minutes: float
    site_table: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    weight_label: str = "weight"

    def __post_init__(self) -> None:
        n = len(self.cover)
        if n == 0:
            raise DataError("CoverDraws: give at least one draw.")
        if not self.sites.is_unique:
            raise DataError(
                f"CoverDraws: site labels repeat: {listing(self.sites[self.sites.duplicated()])}."
            )
        for name in ("weight", "load", "base_weight", "base_load", "total_weight", "total_load"):
            if len(getattr(self, name)) != n:
                raise DataError(
                    f"CoverDraws: {name} has {len(getattr(self, name))} draws, not {n}."
                )
        for d, (a, w, ld) in enumerate(zip(self.cover, self.weight, self.load, strict=True)):
            if a.shape[1] != len(self.sites) or a.shape[0] != len(w) or len(w) != len(ld):
                raise DataError(f"CoverDraws: draw {d} has matrices of inconsistent shapes.")

    @property
    def n_draws(self) -> int:
        """The number of draws."""
        return len(self.cover)

    @property
    def n_sites(self) -> int:
        """The number of candidate sites."""
        return len(self.sites)

    def _mask(self, sites: Sequence[object] | np.ndarray) -> np.ndarray:
        arr = np.asarray(sites)
        if arr.dtype == bool and len(arr) == self.n_sites:
            return arr.copy()
        labels = pd.Index(list(sites))
        unknown = labels.difference(self.sites)
        if len(unknown):
            raise DataError(f"unknown sites {listing(unknown)}; choose among the candidates.")
        return self.sites.isin(labels)

    def covered(self, sites: Sequence[object] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return per draw the weight and the people within reach with ``sites`` open.

        ``sites`` are candidate labels (or a boolean mask over :attr:`sites`); the existing
        facilities always count.
        """
        x = self._mask(sites).astype(float)
        w = self.base_weight.astype(float).copy()
        ld = self.base_load.astype(float).copy()
        for d, a in enumerate(self.cover):
            hit = (a @ x) > 0.5
            w[d] += float(self.weight[d][hit].sum())
            ld[d] += float(self.load[d][hit].sum())
        return w, ld

    def share_covered(self, sites: Sequence[object] | np.ndarray) -> np.ndarray:
        """Return per draw the share of the people within reach with ``sites`` open."""
        _, ld = self.covered(sites)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.total_load > 0, ld / self.total_load, np.nan)

    @classmethod
    def from_problems(
        cls, problems: Sequence[LocationProblem], *, max_minutes: float
    ) -> CoverDraws:
        """Build the draws from one :class:`LocationProblem` per draw.

        Every problem must have the same candidate sites (labels, in any order, beside
        its existing facilities, which may differ between draws: e.g. moved within their
        location uncertainty) and travel times up to at least ``max_minutes``.
        """
        if not problems:
            raise DataError("from_problems: give at least one problem.")
        sites = problems[0].candidates
        parts = []
        for d, prob in enumerate(problems):
            t = _check_threshold(max_minutes, prob)
            cand = prob.candidates
            if not cand.sort_values().equals(sites.sort_values()):
                raise DataError(
                    f"from_problems: problem {d} has other candidate sites than problem 0; "
                    "every draw must offer the same candidates."
                )
            within = prob.minutes <= t + _EPS
            r, c = prob.row[within], prob.col[within]
            pre = np.zeros(prob.n_demand, dtype=bool)
            pre[r[prob.existing[c]]] = True
            col_of = sites.get_indexer(prob.sites)
            keep = ~prob.existing[c] & ~pre[r] & (prob.weight[r] > 0)
            parts.append(
                _Draw(
                    rows=r[keep],
                    cols=col_of[c[keep]],
                    n_units=prob.n_demand,
                    weight=prob.weight,
                    load=prob.load,
                    pre=pre,
                )
            )
        table = problems[0].site_table.reindex(sites) if len(problems[0].site_table) else None
        return cls._of(parts, sites, max_minutes, table, problems[0].weight_label)

    @classmethod
    def _of(
        cls,
        draws: Sequence[_Draw],
        sites: pd.Index,
        max_minutes: float,
        site_table: pd.DataFrame | None,
        weight_label: str,
    ) -> CoverDraws:
        cover, weight, load = [], [], []
        base_w, base_l, tot_w, tot_l = [], [], [], []
        for dr in draws:
            mat = sparse.csr_array(
                (np.ones(len(dr.rows), dtype=bool), (dr.rows, dr.cols)),
                shape=(dr.n_units, len(sites)),
            )
            pooled, (w, ld), _ = pool_rows(mat, dr.weight, dr.load)
            cover.append(pooled)
            weight.append(w)
            load.append(ld)
            base_w.append(float(dr.weight[dr.pre].sum()))
            base_l.append(float(dr.load[dr.pre].sum()))
            tot_w.append(float(dr.weight.sum()))
            tot_l.append(float(dr.load.sum()))
        return cls(
            sites=sites,
            cover=tuple(cover),
            weight=tuple(weight),
            load=tuple(load),
            base_weight=np.array(base_w),
            base_load=np.array(base_l),
            total_weight=np.array(tot_w),
            total_load=np.array(tot_l),
            max_minutes=float(max_minutes),
            site_table=site_table if site_table is not None else pd.DataFrame(index=sites),
            weight_label=weight_label,
        )


@dataclass
class _Draw:
    rows: np.ndarray
    cols: np.ndarray
    n_units: int
    weight: np.ndarray
    load: np.ndarray
    pre: np.ndarray


def draw_demand(
    draws: AccessDraws,
    name: str,
    target_group: str,
    sectors: pd.Index | None,
    need: pd.Series | None,
) -> tuple[gpd.GeoDataFrame, np.ndarray, np.ndarray]:
    """Return a demand set of the draws: its points, their people and need multipliers.

    Only the points of ``sectors`` when given; the multiplier is the sector's ``need`` (1
    without), and a populated point whose need is unknown is an error.
    """
    pts = draws.sets[name]
    if target_group not in pts:
        raise DataError(f"demand set {name!r} has no column {target_group!r}.")
    if sectors is not None:
        pts = pts[pts["sector"].astype(str).isin(sectors)]
    people = np.nan_to_num(pd.to_numeric(pts[target_group], errors="coerce").to_numpy(float))
    mult = np.ones(len(pts))
    if need is not None:
        nd = pd.to_numeric(
            need.reindex(pd.Index(pts["sector"].astype(str))), errors="coerce"
        ).to_numpy(float)
        lost = (people > 0) & ~np.isfinite(nd)
        if lost.any():
            missing = sorted(set(pts["sector"].astype(str)[lost]))
            raise DataError(f"need is unknown for sectors {listing(missing)}.")
        mult = np.nan_to_num(nd, nan=0.0)
    return pts, people, mult


def draw_cover(
    model: StreetNetwork | CrowFlies,
    draws: AccessDraws,
    existing: gpd.GeoDataFrame,
    candidates: gpd.GeoDataFrame,
    *,
    facility_type: str,
    target_group: str,
    max_minutes: float,
    need: pd.Series | None = None,
    sectors: Sequence[str] | None = None,
) -> CoverDraws:
    """Build a covering question across the draws of a study's access ranges.

    Each draw takes the access draw's demand point set, its walking speed of
    ``target_group`` and its detour factor, and moves the ``existing`` facilities as the
    access draws moved them (the same random stream per facility type and draw), so the
    weight within reach of today's facilities is the access draws' own. Candidates stay
    where they are: they are proposals, not uncertain registrations.

    Parameters
    ----------
    model
        The distance model the draws were made with.
    draws
        The access draws (:func:`~wijkanalyse.access.ranges.draw_access`).
    existing
        The existing facilities of ``facility_type``, in the order the access draws had
        them (the study's facilities of that type with status ``existing``).
    candidates
        Candidate sites with unique labels (``name``, ``source`` where known).
    facility_type, target_group, max_minutes
        The question.
    need
        Optional need per sector (non-negative): the weight becomes need × people.
    sectors
        Optional sector codes: only residents of these sectors count (a question about
        some areas).
    """
    t = float(max_minutes)
    if not (math.isfinite(t) and t > 0):
        raise DataError(f"max_minutes must be a positive number of minutes, got {max_minutes!r}.")
    n = draws.n_draws
    base_speed = model.profile.speed_kmh
    speeds = draws.speeds.get(target_group, np.full(n, base_speed))
    detours = np.asarray(draws.detours, dtype=float)
    # the candidates' travel times are computed once, at the most permissive inputs of any
    # draw (the fastest walk, the shortest detour), and each draw keeps what it reaches
    fast = model.with_options(
        speed_kmh=float(np.max(speeds)), detour_factor=max(float(np.min(detours)), 1.0)
    )
    cand_ids = pd.Index(candidates.index.astype(str))
    ex_xy = _xy(existing.geometry) if len(existing) else np.zeros((0, 2))
    radius = facility_radii(existing) if draws.spec.positions else np.zeros(len(existing))
    keep_sectors = None if sectors is None else pd.Index([str(s) for s in sectors])
    prepared: dict[str, tuple[_Points, ODMatrix, np.ndarray, np.ndarray]] = {}
    parts: list[_Draw] = []
    for d in range(n):
        name = draws.models[d]
        if name not in prepared:
            pts, people, mult = draw_demand(draws, name, target_group, keep_sectors, need)
            xy = _xy(pts.geometry)
            snapped = model._snap(xy) if isinstance(model, StreetNetwork) else None
            od = fast.od_matrix(pts.geometry, candidates.geometry, max_minutes=t)
            prepared[name] = (_Points(xy, np.zeros(0), {}, snapped), od, people, mult)
        pts_d, od, people, mult = prepared[name]
        mpm = float(speeds[d]) * 1000.0 / 60.0
        if len(ex_xy):
            moved = ex_xy + _disc(
                draw_stream(draws.spec.seed, f"positions:{facility_type}", d), radius
            )
            near = _nearest_metres(model, pts_d, moved, float(detours[d]))
        else:
            near = np.full(len(people), np.inf)
        pre = near / mpm <= t
        metres = np.where(od.fallback, od.euclid_m * detours[d], od.network_m)
        ok = (metres / mpm <= t + _EPS) & ~pre[od.row] & (people[od.row] > 0)
        parts.append(
            _Draw(
                rows=od.row[ok],
                cols=od.col[ok],
                n_units=len(people),
                weight=people * mult,
                load=people,
                pre=pre,
            )
        )
    table = pd.DataFrame(index=cand_ids)
    for col in ("name", "source"):
        if col in candidates:
            table[col] = candidates[col].to_numpy()
    table["x"] = candidates.geometry.x.to_numpy()
    table["y"] = candidates.geometry.y.to_numpy()
    label = target_group if need is None else f"need × {target_group}"
    return CoverDraws._of(parts, cand_ids, t, table, label)
