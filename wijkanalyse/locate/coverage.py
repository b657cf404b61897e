"""Covering models: :func:`mclp` (maximal covering) and :func:`lscp` (set covering).

Both are built in matrix form with the existing facilities fixed; demand already covered
by a kept facility is a constant, demand units with the same reachable sites share one
variable (MCLP), and dominated rows and columns leave the set-covering matrix (LSCP). With
capacities the models of :mod:`wijkanalyse.locate.capacitated` take over.
"""

from __future__ import annotations

import time

import numpy as np
from scipy import sparse

from wijkanalyse._errors import InfeasibleError
from wijkanalyse.locate._highs import _highs, _open_from, _Solution, _stack
from wijkanalyse.locate.capacitated import _lscp_capacitated, _mclp_capacitated
from wijkanalyse.locate.plan import Plan, _exact_plan
from wijkanalyse.locate.problem import (
    _EPS,
    LocationProblem,
    _check_p,
    _check_threshold,
    _fixed_and_free,
)


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
    return _exact_plan(
        problem,
        sol,
        model="mclp",
        p=p,
        max_minutes=t,
        open_sites=_open_from(sol, free_idx, fixed),
        fixed=fixed,
        started=t0,
        bound=sol.bound + constant,
        notes=[f"weight: {problem.weight_label}"],
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
    open_sites, sol, any_need = _lscp_sites(
        problem, t, fixed, free, time_limit=time_limit, mip_gap=mip_gap
    )
    n_open_new = int((open_sites & ~problem.existing).sum())
    objective = float(open_sites.sum()) if allow_closing else float(n_open_new)
    return _exact_plan(
        problem,
        sol,
        model="lscp",
        p=None,
        max_minutes=t,
        open_sites=open_sites,
        fixed=fixed,
        started=t0,
        objective=objective,
        bound=sol.bound if any_need else objective,
    )


def _lscp_sites(
    problem: LocationProblem,
    t: float,
    fixed: np.ndarray,
    free: np.ndarray,
    *,
    time_limit: float | None,
    mip_gap: float | None,
) -> tuple[np.ndarray, _Solution, bool]:
    """Solve the uncapacitated set covering at ``t``, without assembling a plan.

    Returns the open sites, the solve, and whether any unit needed a new site (the
    p-center's radius search calls it directly).
    """
    within = problem.minutes <= t + _EPS
    served = problem.load > 0
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
    return open_sites, sol, bool(len(need))


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
