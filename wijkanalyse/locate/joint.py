"""Two types at once, with shared buildings: buurtcentra and lokale dienstencentra.

The city asks to examine the spread of buurtwerk "in samenhang met aanwezigheid lokale
dienstencentra, in functie van gedeeld gebruik infrastructuur". :func:`joint_mclp` places
new sites of two facility types in one model, each for its own target group and threshold
(e.g. buurtcentra for everyone within 10 minutes, lokale dienstencentra for the 65+ within
10 minutes at their own speed), and lets them share buildings: a site is *shared* when both
types are there, new or existing (a new buurtcentrum in an existing lokaal dienstencentrum
counts). Sharing can be rewarded (``share_bonus``, in units of the objective) or required
(``min_shared``); :func:`sharing_cost` reports what each number of shared sites costs in
coverage, so the choice is made with the price in view.

Each type comes as its own :class:`~wijkanalyse.locate.LocationProblem` (its demand, its
existing facilities, its travel times); candidates are matched by label, so a building of
the city's list, or an existing centre of the other type, is a candidate for both when it
is in both problems. Solved exactly by HiGHS.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from wijkanalyse._errors import DataError, InfeasibleError
from wijkanalyse.locate._cover import pool_rows
from wijkanalyse.locate._highs import _highs, _stack
from wijkanalyse.locate.problem import _EPS, LocationProblem, _check_threshold

__all__ = ["JointPlan", "joint_mclp", "sharing_cost"]


@dataclass(frozen=True)
class JointPlan:
    """New sites of two types, and where they share a building.

    ``sites_a`` / ``sites_b``: the new sites of each type; ``shared``: the sites with both
    types (new or existing) where at least one is new; ``covered_a`` / ``covered_b``: the
    weight within reach of each type (existing included); ``objective``: the weighted sum
    plus the sharing bonus; ``status`` and ``gap`` of the solve.
    """

    sites_a: tuple[str, ...]
    sites_b: tuple[str, ...]
    shared: tuple[str, ...]
    covered_a: float
    covered_b: float
    objective: float
    status: str
    gap: float
    seconds: float


def _side(
    prob: LocationProblem, t: float, labels: pd.Index
) -> tuple[sparse.csr_array, np.ndarray, float, np.ndarray, np.ndarray]:
    """One type: pooled covering matrix over all ``labels``, weights, constant, masks."""
    within = prob.minutes <= t + _EPS
    r, c = prob.row[within], prob.col[within]
    pre = np.zeros(prob.n_demand, dtype=bool)
    pre[r[prob.existing[c]]] = True
    served = prob.weight > 0
    pos = labels.get_indexer(prob.sites.astype(str))
    keep = ~prob.existing[c] & ~pre[r] & served[r]
    mat = sparse.csr_array(
        (np.ones(int(keep.sum()), dtype=bool), (r[keep], pos[c[keep]])),
        shape=(prob.n_demand, len(labels)),
    )
    pooled, (w,), _ = pool_rows(mat, prob.weight)
    free = np.zeros(len(labels), dtype=bool)
    free[pos[~prob.existing]] = True
    have = np.zeros(len(labels), dtype=bool)
    have[pos[prob.existing]] = True
    return pooled, w, float(prob.weight[pre].sum()), free, have


def joint_mclp(
    prob_a: LocationProblem,
    prob_b: LocationProblem,
    *,
    p_a: int,
    p_b: int,
    max_minutes_a: float,
    max_minutes_b: float,
    weight_a: float = 1.0,
    weight_b: float = 1.0,
    share_bonus: float = 0.0,
    min_shared: int = 0,
    time_limit: float | None = None,
    mip_gap: float | None = None,
) -> JointPlan:
    """Place up to ``p_a`` and ``p_b`` new sites of two types at once (see the module).

    Maximises ``weight_a`` × (weight of A within reach) + ``weight_b`` × (that of B) +
    ``share_bonus`` × (shared sites), with at least ``min_shared`` shared sites. Existing
    facilities of each type are kept.

    Examples
    --------
    >>> cost = pd.DataFrame([[1.0, 9.0], [9.0, 1.0]], index=["u", "v"], columns=["x", "y"])
    >>> a = LocationProblem.from_matrix(cost, weights=[5, 4])
    >>> b = LocationProblem.from_matrix(cost, weights=[1, 3])
    >>> plan = joint_mclp(a, b, p_a=1, p_b=1, max_minutes_a=2, max_minutes_b=2)
    >>> plan.sites_a, plan.sites_b, plan.shared
    (('x',), ('y',), ())
    >>> joint_mclp(a, b, p_a=1, p_b=1, max_minutes_a=2, max_minutes_b=2, min_shared=1).shared
    ('y',)
    """
    t0 = time.perf_counter()
    ta, tb = _check_threshold(max_minutes_a, prob_a), _check_threshold(max_minutes_b, prob_b)
    for name, v in (("p_a", p_a), ("p_b", p_b), ("min_shared", min_shared)):
        if isinstance(v, bool) or not isinstance(v, int | np.integer) or v < 0:
            raise DataError(f"{name} must be a whole number ≥ 0, got {v!r}.")
    if share_bonus < 0:
        raise DataError(f"share_bonus must be ≥ 0, got {share_bonus!r}.")
    labels = pd.Index(list(dict.fromkeys([*prob_a.sites.astype(str), *prob_b.sites.astype(str)])))
    mat_a, w_a, base_a, free_a, have_a = _side(prob_a, ta, labels)
    mat_b, w_b, base_b, free_b, have_b = _side(prob_b, tb, labels)
    m = len(labels)
    # a shared site needs both types there, and at least one of them new
    can_a, can_b = free_a | have_a, free_b | have_b
    share_ok = can_a & can_b & (free_a | free_b)
    n_s = int(share_ok.sum())
    if min_shared > n_s:
        raise DataError(
            f"min_shared={min_shared}, but only {n_s} sites can hold both types; add "
            "candidates for both (the city's buildings, the other type's centres)."
        )
    s_idx = np.flatnonzero(share_ok)
    ga, gb = mat_a.shape[0], mat_b.shape[0]
    # columns: ya (m) | yb (m) | za (ga) | zb (gb) | s (n_s)
    oa, ob, oza, ozb, os_ = 0, m, 2 * m, 2 * m + ga, 2 * m + ga + gb
    n = os_ + n_s

    def block(
        rows: int, entries: list[tuple[np.ndarray, np.ndarray, np.ndarray]]
    ) -> sparse.csr_array:
        r = np.concatenate([e[0] for e in entries])
        c = np.concatenate([e[1] for e in entries])
        v = np.concatenate([e[2] for e in entries])
        return sparse.csr_array((v, (r, c)), shape=(rows, n))

    def link(mat: sparse.csr_array, off_y: int, off_z: int) -> sparse.csr_array:
        coo = sparse.coo_array(mat)
        g = mat.shape[0]
        return block(
            g,
            [
                (coo.row, off_y + coo.col, -np.ones(coo.nnz)),
                (np.arange(g), off_z + np.arange(g), np.ones(g)),
            ],
        )

    rows = [link(mat_a, oa, oza), link(mat_b, ob, ozb)]
    lower, upper = [np.full(ga + gb, -np.inf)], [np.zeros(ga + gb)]
    # budgets
    rows.append(block(1, [(np.zeros(m, dtype=int), oa + np.arange(m), free_a.astype(float))]))
    rows.append(block(1, [(np.zeros(m, dtype=int), ob + np.arange(m), free_b.astype(float))]))
    lower += [np.array([-np.inf]), np.array([-np.inf])]
    upper += [np.array([float(p_a)]), np.array([float(p_b)])]
    # s_j ≤ type A there (new, or existing: the bound is 1) and the same for B
    k = np.arange(n_s)
    for free, off in ((free_a, oa), (free_b, ob)):
        new = free[s_idx]
        rows.append(
            block(
                n_s,
                [
                    (k, os_ + k, np.ones(n_s)),
                    (k[new], off + s_idx[new], -np.ones(int(new.sum()))),
                ],
            )
        )
        lower.append(np.full(n_s, -np.inf))
        upper.append(np.where(new, 0.0, 1.0))
    if min_shared:
        rows.append(block(1, [(np.zeros(n_s, dtype=int), os_ + k, np.ones(n_s))]))
        lower.append(np.array([float(min_shared)]))
        upper.append(np.array([np.inf]))
    col_upper = np.ones(n)
    col_upper[oa : oa + m] = free_a  # only candidates of a type can open for it
    col_upper[ob : ob + m] = free_b
    cost = np.zeros(n)
    cost[oza:ozb] = weight_a * w_a
    cost[ozb:os_] = weight_b * w_b
    cost[os_:] = share_bonus
    integer = np.zeros(n, dtype=bool)
    integer[: 2 * m] = True
    integer[os_:] = True
    sol = _highs(
        cost=cost,
        lower=np.zeros(n),
        upper=col_upper.astype(float),
        integer=integer,
        matrix=_stack(rows),
        row_lower=np.concatenate(lower),
        row_upper=np.concatenate(upper),
        maximise=True,
        time_limit=time_limit,
        mip_gap=mip_gap,
        what="joint MCLP",
    )
    xa = sol.x[oa : oa + m] > 0.5
    xb = sol.x[ob : ob + m] > 0.5
    at_a, at_b = xa | have_a, xb | have_b
    shared = labels[at_a & at_b & (xa | xb)]
    cov_a = base_a + float(
        w_a[(sparse.csr_array(mat_a, dtype=float) @ xa.astype(float)) > 0.5].sum()
    )
    cov_b = base_b + float(
        w_b[(sparse.csr_array(mat_b, dtype=float) @ xb.astype(float)) > 0.5].sum()
    )
    return JointPlan(
        sites_a=tuple(labels[xa]),
        sites_b=tuple(labels[xb]),
        shared=tuple(shared),
        covered_a=cov_a,
        covered_b=cov_b,
        objective=weight_a * cov_a + weight_b * cov_b + share_bonus * len(shared),
        status=sol.status,
        gap=sol.gap,
        seconds=time.perf_counter() - t0,
    )


def sharing_cost(
    prob_a: LocationProblem,
    prob_b: LocationProblem,
    *,
    p_a: int,
    p_b: int,
    max_minutes_a: float,
    max_minutes_b: float,
    weight_a: float = 1.0,
    weight_b: float = 1.0,
    time_limit: float | None = None,
    mip_gap: float | None = None,
    known: Mapping[int, JointPlan] | None = None,
) -> pd.DataFrame:
    """Return what 0, 1, 2 … required shared sites cost in coverage, each solved exactly.

    One row per number of shared sites, from 0 to as many as can be shared (at most
    ``p_a + p_b``: a new centre of one type may move into an existing one of the other):
    ``min_shared``, the sites, ``covered_a``, ``covered_b`` and ``cost`` (the weighted
    coverage lost against no requirement). ``known``: plans already solved with these
    arguments and no sharing bonus, by their ``min_shared`` (reused, not solved again).
    """
    rows = []
    best = None
    for k in range(p_a + p_b + 1):
        try:
            plan = (known or {}).get(k) or joint_mclp(
                prob_a,
                prob_b,
                p_a=p_a,
                p_b=p_b,
                max_minutes_a=max_minutes_a,
                max_minutes_b=max_minutes_b,
                weight_a=weight_a,
                weight_b=weight_b,
                min_shared=k,
                time_limit=time_limit,
                mip_gap=mip_gap,
            )
        except (DataError, InfeasibleError):
            break
        value = weight_a * plan.covered_a + weight_b * plan.covered_b
        best = value if best is None else best
        rows.append(
            {
                "min_shared": k,
                "sites_a": " ".join(plan.sites_a),
                "sites_b": " ".join(plan.sites_b),
                "shared": " ".join(plan.shared),
                "covered_a": plan.covered_a,
                "covered_b": plan.covered_b,
                "cost": best - value,
                "status": plan.status,
            }
        )
    return pd.DataFrame(rows)
