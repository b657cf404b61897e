"""The efficiency–equity front: coverage against the longest walk of anyone.

A plan that covers the most residents within 10 minutes may leave a hamlet at 40 minutes;
the plan that serves the worst-off best (p-center) may cover fewer. :func:`equity_front`
shows the trade-off between the two, exactly, by the ε-constraint method (Haimes, Lasdon &
Wismer 1971): for a series of limits on the longest travel time, between the p-center
optimum and the longest time of the MCLP optimum, it finds the plan that covers the most
weight within the threshold while nobody walks longer than the limit. Every point is a
mixed-integer programme solved to optimality by HiGHS, so each is a proven trade-off:
covering more is impossible without someone walking longer.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from scipy import sparse

from wijkanalyse import settings
from wijkanalyse._errors import DataError, InfeasibleError
from wijkanalyse.locate._cover import pool_rows
from wijkanalyse.locate._highs import _highs, _stack
from wijkanalyse.locate.center import _min_radius
from wijkanalyse.locate.coverage import mclp
from wijkanalyse.locate.plan import _evaluate
from wijkanalyse.locate.problem import (
    _EPS,
    LocationProblem,
    _check_p,
    _check_threshold,
    _need_full_matrix,
)

__all__ = ["equity_front"]


def equity_front(
    problem: LocationProblem,
    *,
    p: int,
    max_minutes: float,
    points: int = 10,
    time_limit: float | None = None,
    mip_gap: float | None = None,
) -> pd.DataFrame:
    """Return the efficiency–equity front of ``p`` new sites (see the module).

    Parameters
    ----------
    problem
        Demand, sites and travel times to everyone (built without ``max_minutes``).
    p
        New sites, at most; existing facilities are kept.
    max_minutes
        The coverage threshold of the efficiency objective.
    points
        Limits on the longest travel time, evenly spaced from the p-center optimum to the
        longest time of the MCLP optimum (each rounded down to a travel time that occurs).
    time_limit, mip_gap
        Solver limits per point.

    Returns
    -------
    pandas.DataFrame
        One row per point, from the most equal plan to the most efficient: ``limit_minutes``
        (the ε), ``covered`` (the weight within ``max_minutes``), ``covered_load`` (people),
        ``share_covered``, ``longest_minutes`` (the plan's longest travel time),
        ``sites`` (new sites, space-separated), ``status``, ``gap`` and ``efficient``
        (False for a point another point beats on both objectives).

    Examples
    --------
    Site x serves a and b within 3 minutes but leaves c at 12; site y keeps everyone
    within 6 minutes and serves nobody within 3:

    >>> cost = pd.DataFrame([[1.0, 6.0], [2.0, 6.0], [12.0, 5.0]], index=list("abc"),
    ...                     columns=["x", "y"])
    >>> prob = LocationProblem.from_matrix(cost, weights=[5, 5, 1])
    >>> front = equity_front(prob, p=1, max_minutes=3, points=2)
    >>> front[["limit_minutes", "covered", "longest_minutes", "sites"]].to_numpy().tolist()
    [[6.0, 0.0, 6.0, 'y'], [12.0, 10.0, 12.0, 'x']]
    """
    t0 = time.perf_counter()
    t = _check_threshold(max_minutes, problem)
    p = _check_p(problem, p)
    if problem.capacity is not None:
        raise DataError("equity_front does not take capacities; build the problem without.")
    if problem.max_minutes is not None:
        raise DataError(
            "equity_front needs travel times to everyone: build the problem without max_minutes."
        )
    if not (isinstance(points, int) and 2 <= points <= 100):
        raise DataError(f"points must be a whole number from 2 to 100, got {points!r}.")
    _need_full_matrix(problem, "equity front")
    limit = settings.solver_time_limit if time_limit is None else time_limit
    low, _, _ = _min_radius(problem, p, False, time.perf_counter() + limit)
    best = mclp(problem, p=p, max_minutes=t, time_limit=time_limit, mip_gap=mip_gap)
    best_open = problem.sites.isin(best.selected.index)
    high = _evaluate(problem, best_open, "p_center", None)
    times = np.unique(problem.minutes)
    limits = []
    for eps in np.linspace(low, max(high, low), points):
        # the constraint set only changes at travel times that occur
        k = int(np.searchsorted(times, eps + _EPS, side="right")) - 1
        limits.append(float(times[max(k, 0)]) if k >= 0 else float(eps))
    rows = []
    for eps in dict.fromkeys(max(e, low) for e in limits):
        try:
            open_sites, status, gap = _eps_mclp(problem, p, t, eps, time_limit, mip_gap)
        except InfeasibleError:  # pragma: no cover - every limit ≥ the p-center optimum is feasible
            continue
        rows.append(_point(problem, open_sites, t, eps, status, gap))
    out = pd.DataFrame(rows)
    out = out.sort_values(["longest_minutes", "covered"], ascending=[True, False], kind="stable")
    out = out.drop_duplicates(["sites"]).reset_index(drop=True)
    cov = out["covered"].to_numpy(float)
    lon = out["longest_minutes"].to_numpy(float)
    tol = 1e-9 * max(1.0, float(np.nanmax(cov)) if len(cov) else 1.0)
    out["efficient"] = [
        not (
            ((cov >= cov[i] - tol) & (lon <= lon[i] + _EPS))
            & ((cov > cov[i] + tol) | (lon < lon[i] - _EPS))
        ).any()
        for i in range(len(out))
    ]
    out.attrs["seconds"] = time.perf_counter() - t0
    return out


def _point(
    problem: LocationProblem,
    open_sites: np.ndarray,
    t: float,
    eps: float,
    status: str,
    gap: float,
) -> dict[str, object]:
    _, minutes = problem.nearest(open_sites)
    within = np.nan_to_num(minutes, nan=np.inf) <= t + _EPS
    load = float(problem.load.sum())
    new = problem.sites[open_sites & ~problem.existing]
    return {
        "limit_minutes": eps,
        "covered": float(problem.weight[within].sum()),
        "covered_load": float(problem.load[within].sum()),
        "share_covered": float(problem.load[within].sum()) / load if load > 0 else np.nan,
        "longest_minutes": _evaluate(problem, open_sites, "p_center", None),
        "sites": " ".join(str(s) for s in new),
        "status": status,
        "gap": gap,
    }


def _eps_mclp(
    problem: LocationProblem,
    p: int,
    t: float,
    eps: float,
    time_limit: float | None,
    mip_gap: float | None,
) -> tuple[np.ndarray, str, float]:
    """Max the weight within ``t`` with everyone (with people) within ``eps``: exact."""
    fixed = problem.existing.copy()
    free_idx = np.flatnonzero(~fixed)
    col_of = np.full(problem.n_sites, -1, dtype=np.int64)
    col_of[free_idx] = np.arange(len(free_idx))
    n_y = len(free_idx)
    r, c, mins = problem.row, problem.col, problem.minutes
    served = problem.load > 0

    def reach(limit: float) -> tuple[np.ndarray, sparse.csr_array]:
        ok = mins <= limit + _EPS
        done = np.zeros(problem.n_demand, dtype=bool)
        done[r[ok & fixed[c]]] = True
        keep = ok & ~fixed[c] & ~done[r]
        mat = sparse.csr_array(
            (np.ones(int(keep.sum()), dtype=bool), (r[keep], col_of[c[keep]])),
            shape=(problem.n_demand, n_y),
        )
        return done, mat

    # the objective: weight within t, units with the same reachable sites pooled
    _, cov = reach(t)
    cover, (gw,), _ = pool_rows(cov, problem.weight * served)
    # the ε-constraint: every unit with people reaches a site within eps
    done, eq = reach(eps)
    need = served & ~done
    if (need & (np.diff(eq.indptr) == 0)).any():
        raise InfeasibleError(f"no plan keeps everyone within {eps:g} minutes.")
    must, _, _ = pool_rows(sparse.csr_array(eq[np.flatnonzero(need)]), np.ones(int(need.sum())))
    must = sparse.csr_array(must[_implied_rows(must)])
    # a site that covers and reaches no more than another one is never needed (exact)
    cols = _dominated_columns(sparse.csr_array(sparse.vstack([cover, must], format="csr")))
    cover = sparse.csr_array(cover[:, cols])
    must = sparse.csr_array(must[:, cols])
    free_idx = free_idx[cols]
    n_y = len(free_idx)
    n_g, n_e = cover.shape[0], must.shape[0]
    blocks = [
        sparse.hstack(
            [-sparse.csr_array(cover, dtype=float), sparse.eye_array(n_g, format="csr")],
            format="csr",
        ),
        sparse.hstack(
            [sparse.csr_array(must, dtype=float), sparse.csr_array((n_e, n_g))], format="csr"
        ),
        sparse.csr_array(np.concatenate([np.ones(n_y), np.zeros(n_g)])[None, :]),
    ]
    sol = _highs(
        cost=np.concatenate([np.zeros(n_y), gw]),
        lower=np.zeros(n_y + n_g),
        upper=np.ones(n_y + n_g),
        integer=np.concatenate([np.ones(n_y, dtype=bool), np.zeros(n_g, dtype=bool)]),
        matrix=_stack(blocks),
        row_lower=np.concatenate([np.full(n_g, -np.inf), np.ones(n_e), [-np.inf]]),
        row_upper=np.concatenate([np.zeros(n_g), np.full(n_e, np.inf), [float(p)]]),
        maximise=True,
        time_limit=time_limit,
        mip_gap=mip_gap,
        what=f"equity front ({eps:g} min)",
    )
    open_sites = fixed.copy()
    open_sites[free_idx[sol.x[:n_y] > 0.5]] = True
    return open_sites, sol.status, sol.gap


def _ones(mat: sparse.csr_array) -> sparse.csr_array:
    a = sparse.csr_array(mat)
    return sparse.csr_array((np.ones(a.nnz), a.indices, a.indptr), shape=a.shape)


def _dominated_columns(mat: sparse.csr_array) -> np.ndarray:
    """Return the columns to keep: those whose rows are no subset of another's.

    Of equal columns the first is kept. With non-negative weights and "at least one"
    constraints, a subset column can always be swapped for its superset (exact).
    """
    a = _ones(mat)
    size = np.asarray(a.sum(axis=0)).ravel()
    g = sparse.coo_array(a.T @ a)
    i, k = g.row, g.col
    dom = (i != k) & (g.data == size[i]) & ((size[k] > size[i]) | (k < i))
    keep = np.ones(a.shape[1], dtype=bool)
    keep[i[dom]] = False
    return np.flatnonzero(keep)


def _implied_rows(mat: sparse.csr_array) -> np.ndarray:
    """Return the "at least one" rows to keep: a row that holds all of another is implied."""
    a = _ones(mat)
    size = np.diff(a.indptr)
    h = sparse.coo_array(a @ a.T)
    r, b = h.row, h.col
    red = (r != b) & (h.data == size[r]) & ((size[b] > size[r]) | (r < b))
    keep = np.ones(a.shape[0], dtype=bool)
    keep[b[red]] = False
    return np.flatnonzero(keep)
