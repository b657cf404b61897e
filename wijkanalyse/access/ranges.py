"""Ranges of the access measures: what they become when the uncertain inputs vary.

A coverage of "9,7 %" rests on inputs that are not known exactly: where each centre is
(registers give an address, a sector centroid or a village point), where the residents of a
sector live (the demand model), how fast a target group walks, and how long the way is from
a point off the network. :func:`draw_access` draws all of them together, ``draws`` times,
seeded and reproducible (independent streams per input, :func:`wijkanalyse.uncertainty.streams`):

- **facility positions**: uniformly in a disc of the facility's ``location_radius_m``
  (:data:`wijkanalyse.vocab.LOCATION_RADIUS_M` per confidence), snapped to the network again;
- **demand model**: one of the given demand point sets per draw, with equal chance;
- **speed**: per target group, uniformly in its range
  (:func:`wijkanalyse.network.speed_range`, with sources);
- **detour**: the factor of straight lines off the network, uniformly between the quartiles
  of the network's own detours (:func:`wijkanalyse.network.calibrate_detour`).

Every draw keeps, per question, threshold and sector, the people within reach, the people
with a known time and their total minutes (:class:`AccessDraws`); any unit that is a union of
sectors (wijk, gemeente, custom area) gets its distribution from sums of those, and a range
bound is the value of an actual draw, so the publish step can audit its count like any
other (:meth:`AccessDraws.bound`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from wijkanalyse import vocab
from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing
from wijkanalyse.access.inputs import _facilities_of
from wijkanalyse.network import CrowFlies, StreetNetwork
from wijkanalyse.network._checks import _xy
from wijkanalyse.network._routes import nearest_arrays
from wijkanalyse.uncertainty import draw_stream, streams

__all__ = ["AccessDraws", "DrawSpec", "RangeQuestion", "draw_access", "facility_radii"]

#: The quantiles of a range: 5 % and 95 %.
RANGE_QUANTILES = (0.05, 0.95)


@dataclass(frozen=True)
class RangeQuestion:
    """One access question: a facility type, a target group and its thresholds (minutes)."""

    facility_type: str
    target_group: str
    thresholds: tuple[float, ...]


@dataclass(frozen=True)
class DrawSpec:
    """What varies between the draws, and how many there are.

    ``speeds``: per target group, the (low, high) speed in km/h; a group not named keeps the
    model's speed. ``detour``: the (low, high) detour factor of points off the network
    (``None``: the model's). ``positions``: move each facility within its
    ``location_radius_m``.
    """

    draws: int = 200
    seed: int = 20261130
    speeds: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    detour: tuple[float, float] | None = None
    positions: bool = True

    def __post_init__(self) -> None:
        if self.draws < 20:
            raise DataError(
                f"access ranges need at least 20 draws for a 5-95 % range, got {self.draws}."
            )
        for group, (lo, hi) in self.speeds.items():
            if not 0 < lo <= hi:
                raise DataError(f"speed range of {group!r} must be 0 < low <= high, got {lo, hi}.")
        if self.detour is not None and not 1.0 <= self.detour[0] <= self.detour[1]:
            raise DataError(f"detour range must be 1 <= low <= high, got {self.detour}.")


def facility_radii(facilities: pd.DataFrame) -> np.ndarray:
    """Return each facility's location uncertainty in metres (0 where it is exact or unknown).

    ``location_radius_m`` where given, else the radius of its ``location_confidence``
    (:data:`wijkanalyse.vocab.LOCATION_RADIUS_M`).
    """
    n = len(facilities)
    radius = np.full(n, np.nan)
    if "location_radius_m" in facilities:
        radius = pd.to_numeric(facilities["location_radius_m"], errors="coerce").to_numpy(float)
    if "location_confidence" in facilities:
        conf = facilities["location_confidence"].map(vocab.LOCATION_RADIUS_M)
        radius = np.where(np.isnan(radius), pd.to_numeric(conf).to_numpy(float), radius)
    return np.nan_to_num(radius, nan=0.0)


@dataclass(frozen=True)
class AccessDraws:
    """The access measures of every draw, per sector (see the module docstring).

    ``covered[(type, group, threshold)]``, ``known[(type, group)]`` and
    ``minutes[(type, group)]`` are ``draws × sectors`` arrays of people within reach, people
    with a known time and their total minutes; ``population[group]`` the sector counts the
    points carry; ``equity[(type, group, threshold)]`` a ``draws × 3`` array of the mean,
    the 90th percentile and the share beyond the threshold over all points; ``models`` the
    demand model of each draw; ``speeds`` and ``detours`` the drawn values.
    """

    sectors: pd.Index
    questions: tuple[RangeQuestion, ...]
    covered: dict[tuple[str, str, float], np.ndarray]
    known: dict[tuple[str, str], np.ndarray]
    minutes: dict[tuple[str, str], np.ndarray]
    population: dict[str, np.ndarray]
    equity: dict[tuple[str, str, float], np.ndarray]
    models: tuple[str, ...]
    speeds: dict[str, np.ndarray]
    detours: np.ndarray
    spec: DrawSpec
    sets: Mapping[str, gpd.GeoDataFrame] = field(default_factory=dict, repr=False)
    """The demand point sets the draws chose from (to draw a scenario the same way)."""

    @property
    def n_draws(self) -> int:
        """The number of draws."""
        return len(self.models)

    def positions(self, sectors: Sequence[str]) -> np.ndarray:
        """Return the positions of sector codes in :attr:`sectors` (unknown codes left out)."""
        pos = self.sectors.get_indexer(pd.Index([str(s) for s in sectors]))
        return pos[pos >= 0]

    def share_covered(
        self, key: tuple[str, str, float], members: np.ndarray | None = None
    ) -> np.ndarray:
        """Return the share within reach of the members (all sectors: ``None``) per draw."""
        cov, known = self.covered[key], self.known[key[:2]]
        if members is not None:
            cov, known = cov[:, members], known[:, members]
        c, k = cov.sum(axis=1), known.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(k > 0, c / k, np.nan)

    def mean_minutes(self, key: tuple[str, str], members: np.ndarray | None = None) -> np.ndarray:
        """Return the population-weighted mean minutes of the members per draw."""
        tot, known = self.minutes[key], self.known[key]
        if members is not None:
            tot, known = tot[:, members], known[:, members]
        t, k = tot.sum(axis=1), known.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(k > 0, t / k, np.nan)

    @staticmethod
    def bound(values: np.ndarray, q: float) -> tuple[float, int]:
        """Return the ``q`` quantile of per-draw ``values`` and the draw it is the value of.

        The quantile is an actual draw's value (inverted CDF, NaN draws left out), so the
        count behind it can be audited. ``(nan, -1)`` when no draw has a value.
        """
        ok = np.flatnonzero(~np.isnan(values))
        if not len(ok):
            return float("nan"), -1
        order = ok[np.argsort(values[ok], kind="stable")]
        m = len(order)
        # symmetric: the 5 % bound leaves as many draws below it as the 95 % one above it,
        # so the bounds of a share and of its complement are the same draws' values
        tail = int(np.ceil(min(q, 1.0 - q) * m - 1e-9))  # draws at or beyond the bound
        k = tail - 1 if q <= 0.5 else m - tail
        d = int(order[min(max(k, 0), m - 1)])
        return float(values[d]), d

    def shares_of_draw(self, key: tuple[str, str, float], draw: int) -> np.ndarray:
        """Return per sector the share of its people within reach in one draw."""
        pop = self.population[key[1]]
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(pop > 0, self.covered[key][draw] / pop, 0.0)
        return np.nan_to_num(share, nan=0.0)


def _disc(rng: np.random.Generator, radius: np.ndarray) -> np.ndarray:
    """Return uniform offsets in discs of ``radius`` (one row per facility).

    Two numbers per facility, in the facilities' order: a scenario that adds facilities at
    the end moves the others exactly as before (paired draws).
    """
    u = rng.random((len(radius), 2))
    r = radius * np.sqrt(u[:, 0])
    a = u[:, 1] * 2.0 * np.pi
    return np.column_stack([r * np.cos(a), r * np.sin(a)])


def _weighted_p90(x: np.ndarray, w: np.ndarray) -> float:
    order = np.argsort(x, kind="stable")
    cum = np.cumsum(w[order])
    if not len(cum) or cum[-1] <= 0:
        return float("nan")
    i = int(np.searchsorted(cum, 0.9 * cum[-1], side="left"))
    return float(x[order][min(i, len(x) - 1)])


@dataclass
class _Points:
    xy: np.ndarray
    sector: np.ndarray
    weights: dict[str, np.ndarray]
    snapped: object | None


def draw_access(
    model: StreetNetwork | CrowFlies,
    demand: Mapping[str, gpd.GeoDataFrame],
    facilities: gpd.GeoDataFrame,
    questions: Sequence[RangeQuestion],
    spec: DrawSpec,
) -> AccessDraws:
    """Draw the uncertain inputs ``spec.draws`` times and measure every question each time.

    Parameters
    ----------
    model
        The distance model at its profile's speed (a street network or straight lines).
    demand
        Demand point sets by model name (:func:`wijkanalyse.demand.demand_points`), each
        with ``sector`` and the target groups' counts; each draw takes one set.
    facilities
        Facilities with ``type`` (existing ones count) and ``location_radius_m`` or
        ``location_confidence``.
    questions
        The access questions.
    spec
        What varies and how often.
    """
    if not demand:
        raise DataError("draw_access: give at least one demand point set.")
    groups = sorted({q.target_group for q in questions})
    sectors = pd.Index(
        sorted({str(s) for pts in demand.values() for s in pts["sector"].astype(str)})
    )
    sets: dict[str, _Points] = {}
    population: dict[str, np.ndarray] = {}
    for name, pts in demand.items():
        missing = [g for g in groups if g not in pts]
        if missing:
            raise DataError(f"demand set {name!r} lacks {listing(missing)}.")
        xy = _xy(pts.geometry)
        pos = sectors.get_indexer(pd.Index(pts["sector"].astype(str)))
        weights = {
            g: np.nan_to_num(pd.to_numeric(pts[g], errors="coerce").to_numpy(float), nan=0.0)
            for g in groups
        }
        for g, w in weights.items():
            pop = np.bincount(pos, weights=w, minlength=len(sectors))
            if g in population and not np.allclose(population[g], pop):
                raise DataError(
                    f"demand sets disagree on the sector counts of {g!r}: every model must "
                    "carry each sector's census counts exactly."
                )
            population[g] = pop
        snapped = model._snap(xy) if isinstance(model, StreetNetwork) else None
        sets[name] = _Points(xy, pos, weights, snapped)
    types = list(dict.fromkeys(q.facility_type for q in questions))
    by_type = _facilities_of(facilities, types)
    fac_xy = {t: _xy(f.geometry) for t, f in by_type.items()}
    fac_r = {
        t: (facility_radii(f) if spec.positions else np.zeros(len(f))) for t, f in by_type.items()
    }
    # one stream per purpose, per target group and per facility type: adding a question or
    # a type leaves the draws of the others as they were
    rng = streams(spec.seed, "demand", "detour", *(f"speed:{g}" for g in groups))
    names = list(sets)
    n, m = spec.draws, len(sectors)
    covered = {
        (q.facility_type, q.target_group, float(t)): np.zeros((n, m))
        for q in questions
        for t in q.thresholds
    }
    known = {(q.facility_type, q.target_group): np.zeros((n, m)) for q in questions}
    minutes_tot = {(q.facility_type, q.target_group): np.zeros((n, m)) for q in questions}
    equity = {k: np.full((n, 3), np.nan) for k in covered}
    base = model.profile.speed_kmh
    model_detour = float(model.detour_factor)
    speeds = {g: np.full(n, spec.speeds.get(g, (base, base))[0]) for g in groups}
    detours = np.full(n, model_detour)
    chosen: list[str] = []
    for d in range(n):
        name = names[int(rng["demand"].integers(len(names)))] if len(names) > 1 else names[0]
        chosen.append(name)
        for g in groups:
            lo, hi = spec.speeds.get(g, (base, base))
            speeds[g][d] = rng[f"speed:{g}"].uniform(lo, hi)
        if spec.detour is not None:
            detours[d] = rng["detour"].uniform(*spec.detour)
        pts = sets[name]
        metres: dict[str, np.ndarray] = {}
        for t in types:
            xy = fac_xy[t]
            if len(xy):
                # one generator per type and draw: a scenario that adds sites moves today's
                # facilities exactly as the draws of today do (paired draws)
                xy = xy + _disc(draw_stream(spec.seed, f"positions:{t}", d), fac_r[t])
            metres[t] = _nearest_metres(model, pts, xy, detours[d])
        for q in questions:
            w = pts.weights[q.target_group]
            mins = metres[q.facility_type] / (speeds[q.target_group][d] * 1000.0 / 60.0)
            ok = np.isfinite(mins)
            wk = np.where(ok, w, 0.0)
            key2 = (q.facility_type, q.target_group)
            known[key2][d] = np.bincount(pts.sector, weights=wk, minlength=m)
            minutes_tot[key2][d] = np.bincount(
                pts.sector, weights=np.where(ok, mins * w, 0.0), minlength=m
            )
            total = wk.sum()
            mean = float((np.where(ok, mins, 0.0) * wk).sum() / total) if total > 0 else np.nan
            p90 = _weighted_p90(mins[ok], w[ok]) if total > 0 else np.nan
            for thr in q.thresholds:
                within = ok & (mins <= thr)
                key3 = (q.facility_type, q.target_group, float(thr))
                covered[key3][d] = np.bincount(
                    pts.sector, weights=np.where(within, w, 0.0), minlength=m
                )
                beyond = float(w[ok & ~within].sum() / total) if total > 0 else np.nan
                equity[key3][d] = (mean, p90, beyond)
    return AccessDraws(
        sectors=sectors,
        questions=tuple(questions),
        covered=covered,
        known=known,
        minutes=minutes_tot,
        population=population,
        equity=equity,
        models=tuple(chosen),
        speeds=speeds,
        detours=detours,
        spec=spec,
        sets=dict(demand),
    )


def _nearest_metres(
    model: StreetNetwork | CrowFlies, pts: _Points, fac_xy: np.ndarray, detour: float
) -> np.ndarray:
    """Return each point's distance in metres to the nearest of ``fac_xy`` (inf: none)."""
    if not len(fac_xy):
        return np.full(len(pts.xy), np.inf)
    if isinstance(model, StreetNetwork):
        best, _, _ = nearest_arrays(model, pts.xy, pts.snapped, fac_xy, np.inf, detour)
        return best
    dist, _ = cKDTree(fac_xy).query(pts.xy, k=1)
    return np.asarray(dist, dtype=float) * detour
