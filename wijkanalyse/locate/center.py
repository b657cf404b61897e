"""The p-center model: with at most ``p`` new sites, the shortest longest travel time.

A search over radii with a covering problem at each (a greedy cover first, the exact
:func:`~wijkanalyse.locate.lscp` when that does not suffice), then the p-median restricted
to the optimal radius breaks ties in the residents' favour.
"""

from __future__ import annotations

import time

import numpy as np

from wijkanalyse import settings
from wijkanalyse._errors import DataError, InfeasibleError
from wijkanalyse.locate.coverage import _lscp_sites
from wijkanalyse.locate.median import _p_median
from wijkanalyse.locate.plan import Plan, _assignment_nearest, _evaluate, _make_plan
from wijkanalyse.locate.problem import (
    _EPS,
    LocationProblem,
    _check_p,
    _check_threshold,
    _fixed_and_free,
    _need_full_matrix,
)


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
    fixed, _ = _fixed_and_free(problem, allow_closing)
    limit = settings.solver_time_limit if time_limit is None else time_limit
    deadline = t0 + limit
    radius, status, lower = _min_radius(problem, p, allow_closing, deadline)
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


def _min_radius(
    problem: LocationProblem, p: int, allow_closing: bool, deadline: float
) -> tuple[float, str, float]:
    """Return the shortest longest travel time ``p`` new sites can achieve.

    A binary search over the distinct travel times with a covering problem at each (a
    greedy cover first, the exact LSCP when that does not suffice). Returns the radius,
    ``optimal`` or ``time_limit``, and the lower bound no plan can beat.
    """
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

    def feasible(r: float) -> bool:
        nonlocal status
        # a quick greedy cover proves feasibility without a solver
        g = _greedy_cover(problem, r, fixed, free, allow_closing)
        if g is None:  # someone has no site within r at all
            return False
        if g <= budget:
            return True
        left = deadline - time.perf_counter()
        if left <= 0:
            status = "time_limit"
            return False
        try:
            open_sites, sol, _ = _lscp_sites(problem, r, fixed, free, time_limit=left, mip_gap=0.0)
        except InfeasibleError:
            return False
        counted = open_sites if allow_closing else open_sites & ~problem.existing
        if sol.status != "optimal":
            status = "time_limit"
        return int(counted.sum()) <= budget

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
    return float(radii[hi]), status, lower


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
