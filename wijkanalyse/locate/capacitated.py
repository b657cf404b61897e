"""Covering models with capacities: demand assigned to open sites within their capacity.

The MCLP and LSCP variants behind :func:`~wijkanalyse.locate.mclp` and
:func:`~wijkanalyse.locate.lscp` when the problem has capacities: an assignment variable per
(demand unit, site) pair within the threshold, split over several sites unless
``single_source=True``.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from wijkanalyse.locate._highs import (
    _budget_row,
    _capacity_rows,
    _highs,
    _open_from,
    _pair_model,
    _stack,
)
from wijkanalyse.locate.plan import Plan, _exact_plan
from wijkanalyse.locate.problem import _EPS, LocationProblem, _fixed_and_free


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
    return _exact_plan(
        problem,
        sol,
        model="mclp",
        p=p,
        max_minutes=t,
        open_sites=_open_from(sol, free_idx, fixed),
        fixed=fixed,
        started=t0,
        split=(pairs, sol.x[n_y:]),
        notes=[
            f"weight: {problem.weight_label}",
            "capacities: demand assigned within capacity; the order of new sites ignores "
            "capacities",
        ],
    )


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
    return _exact_plan(
        problem,
        sol,
        model="lscp",
        p=None,
        max_minutes=t,
        open_sites=open_sites,
        fixed=fixed,
        started=t0,
        split=(pairs, sol.x[n_y:]),
        objective=objective,
    )
