"""How often each site is chosen across the draws of the uncertain inputs, for any model.

:func:`~wijkanalyse.locate.robust.selection_frequency` answers this for coverage
(:class:`~wijkanalyse.locate.draws.CoverDraws`). A p-median or p-center question needs
every travel time, not only those within a threshold: :func:`draw_problems` builds one
:class:`~wijkanalyse.locate.LocationProblem` per draw of a study's access ranges (the
draw's demand points, walking speed and detour factor, and today's facilities moved as the
access draws moved them), and :func:`model_frequency` solves each exactly and counts how
often each candidate is among the new sites. A site chosen in 90 % of the draws holds up;
one chosen in 30 % is one good answer among several.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError
from wijkanalyse.access.ranges import AccessDraws, _disc, _nearest_metres, _Points, facility_radii
from wijkanalyse.locate._solve import solve
from wijkanalyse.locate.draws import draw_demand
from wijkanalyse.locate.problem import LocationProblem, Model
from wijkanalyse.network import CrowFlies, StreetNetwork
from wijkanalyse.network._checks import _xy
from wijkanalyse.uncertainty import draw_stream

__all__ = ["draw_problems", "model_frequency"]

#: the column of the nearest existing facility in each draw's problem
EXISTING = "__existing__"


def draw_problems(
    model: StreetNetwork | CrowFlies,
    draws: AccessDraws,
    existing: gpd.GeoDataFrame,
    candidates: gpd.GeoDataFrame,
    *,
    facility_type: str,
    target_group: str,
    need: pd.Series | None = None,
    sectors: Sequence[str] | None = None,
    min_sites: int = 0,
) -> Iterator[LocationProblem]:
    """Yield one location problem per access draw, with every travel time (see the module).

    Each problem's columns are the candidates and one column for today's facilities (the
    nearest of them, moved as in that draw); its rows the draw's demand points with people
    of ``target_group`` (weighted by ``need`` per sector when given). Arguments as for
    :func:`~wijkanalyse.locate.draws.draw_cover`. The problems are made one at a time: a
    study's 200 dense matrices would not fit in memory together. For p-median and
    p-center, candidates never nearer than today's centres for anyone are left out of a
    draw (they cannot lower its objective); ``min_sites`` (the largest p) of the nearest
    stay, so that a plan of p sites can always be made.
    """
    n = draws.n_draws
    speeds = draws.speeds.get(target_group, np.full(n, model.profile.speed_kmh))
    detours = np.asarray(draws.detours, dtype=float)
    cand_ids = list(candidates.index.astype(str))
    ex_xy = _xy(existing.geometry) if len(existing) else np.zeros((0, 2))
    radius = facility_radii(existing) if draws.spec.positions else np.zeros(len(existing))
    keep = None if sectors is None else pd.Index([str(s) for s in sectors])
    prepared: dict[str, tuple[_Points, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
    for d in range(n):
        name = draws.models[d]
        if name not in prepared:
            pts, people, mult = draw_demand(draws, name, target_group, keep, need)
            lived = people > 0  # an empty point changes no objective
            pts, people, mult = pts[lived], people[lived], mult[lived]
            xy = _xy(pts.geometry)
            snapped = model._snap(xy) if isinstance(model, StreetNetwork) else None
            od = model.od_matrix(pts.geometry, candidates.geometry, max_minutes=None)
            network = np.full((len(pts), len(cand_ids)), np.inf)
            euclid = np.full_like(network, np.inf)
            fallback = np.zeros(network.shape, dtype=bool)
            network[od.row, od.col] = od.network_m
            euclid[od.row, od.col] = od.euclid_m
            fallback[od.row, od.col] = od.fallback
            pts_d = _Points(xy, np.zeros(0), {}, snapped)
            prepared[name] = (pts_d, np.where(fallback, euclid, network), fallback, people, mult)
        pts_d, metres, fallback, people, mult = prepared[name]
        mpm = float(speeds[d]) * 1000.0 / 60.0
        minutes = np.where(fallback, metres * detours[d], metres) / mpm
        cols: list[np.ndarray] = []
        if len(ex_xy):
            moved = ex_xy + _disc(
                draw_stream(draws.spec.seed, f"positions:{facility_type}", d), radius
            )
            cols.append(_nearest_metres(model, pts_d, moved, float(detours[d]))[:, None] / mpm)
        names = np.asarray(cand_ids, dtype=object)
        if cols:
            # a candidate never nearer than today's nearest centre for anyone cannot lower
            # a p-median or p-center objective: left out (keeping the ``min_sites`` nearest)
            today = np.nan_to_num(cols[0][:, 0], nan=np.inf)
            useful = (minutes < today[:, None]).any(axis=0)
            if useful.sum() < min_sites:
                order = np.argsort(np.min(minutes, axis=0, initial=np.inf))
                useful[order[:min_sites]] = True
            minutes, names = minutes[:, useful], names[useful]
        cost = np.hstack([*cols, minutes]) if cols else minutes
        cost[~np.isfinite(cost)] = np.nan
        yield LocationProblem.from_matrix(
            pd.DataFrame(cost, columns=[EXISTING, *names] if cols else list(names)),
            weights=people * mult,
            load=people,
            existing=[EXISTING] if len(ex_xy) else (),
        )


def model_frequency(
    problems: Iterable[LocationProblem],
    *,
    model: Model,
    p: Sequence[int],
    max_minutes: float | None = None,
    time_limit: float | None = None,
    mip_gap: float | None = None,
) -> pd.DataFrame:
    """Return per site and ``p`` the share of problems whose best plan of ``p`` opens it.

    Rows are the candidate sites, columns the ``p``. Each problem is solved exactly with
    ``model`` (``"p_median"``, ``"p_center"`` or ``"mclp"``) for every ``p``, one problem at
    a time; only sites chosen at least once are listed.

    Examples
    --------
    >>> a = LocationProblem.from_matrix(pd.DataFrame([[1.0, 9.0]], columns=["x", "y"]),
    ...                                 weights=[1])
    >>> b = LocationProblem.from_matrix(pd.DataFrame([[9.0, 1.0]], columns=["x", "y"]),
    ...                                 weights=[1])
    >>> model_frequency([a, a, b], model="p_median", p=[1]).round(2)[1].to_dict()
    {'x': 0.67, 'y': 0.33}
    >>> model_frequency([a, a], model="p_median", p=[1])[1].to_dict()
    {'x': 1.0}
    """
    counts: dict[tuple[str, int], int] = {}
    n = 0
    for prob in problems:
        for k in p:
            opts: dict[str, object] = {"p": k, "time_limit": time_limit, "mip_gap": mip_gap}
            if max_minutes is not None:
                opts["max_minutes"] = max_minutes
            plan = solve(prob, model, **opts)
            for site in map(str, plan.new_sites):
                counts[(site, k)] = counts.get((site, k), 0) + 1
        n += 1
    if n == 0:
        raise DataError("model_frequency: give at least one problem.")
    sites = list(dict.fromkeys(site for site, _ in counts))
    table = pd.DataFrame(0.0, index=pd.Index(sites, dtype=object), columns=list(p))
    for (site, k), c in counts.items():
        table.loc[site, k] = c / n
    return table
