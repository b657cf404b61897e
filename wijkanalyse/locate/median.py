"""The p-median model: with at most ``p`` new sites, the shortest total travel time."""

from __future__ import annotations

import time

import numpy as np
from scipy import sparse

from wijkanalyse._errors import InfeasibleError
from wijkanalyse._validate import listing
from wijkanalyse.locate._highs import (
    _budget_row,
    _capacity_rows,
    _highs,
    _open_from,
    _pair_model,
    _stack,
)
from wijkanalyse.locate._screening import _screen_p_median
from wijkanalyse.locate.plan import Plan, _exact_plan
from wijkanalyse.locate.problem import (
    _EPS,
    LocationProblem,
    _check_p,
    _check_threshold,
    _fixed_and_free,
    _need_full_matrix,
)


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
    nearest = problem.capacity is None and radius is None
    return _exact_plan(
        problem,
        sol,
        model="p_median",
        p=p,
        max_minutes=max_minutes,
        open_sites=_open_from(sol, free_idx, fixed),
        fixed=fixed,
        started=t0,
        split=None if nearest else (pairs, sol.x[n_y:]),
        notes=notes,
    )
