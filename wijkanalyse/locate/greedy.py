"""The greedy ranking of new sites, and the coverage curve that sets it beside the optimum.

:func:`greedy` answers "if you can add only one, add this; then this; …" with the marginal
gain of each site; :func:`coverage_curve` gives the exact optimum per number of new sites
next to the greedy one.
"""

from __future__ import annotations

import math
import time
from typing import Any, Literal

import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError
from wijkanalyse.locate.coverage import mclp
from wijkanalyse.locate.median import p_median
from wijkanalyse.locate.plan import Plan, _assignment_nearest, _evaluate, _gain, _make_plan
from wijkanalyse.locate.problem import _EPS, LocationProblem, _check_p, _check_threshold


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
