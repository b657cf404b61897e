"""p-median screening: candidate sites that no optimal plan opens, ruled out beforehand.

A swap search (Teitz–Bart) finds a good plan; Lagrangian bounds then prove which candidate
sites cannot be in an optimal one, so the exact model is built without them and has the
same optimum. Array functions over the (demand unit, free site) pairs, plus
:func:`_screen_p_median`, which applies them to a :class:`LocationProblem`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from wijkanalyse.locate.problem import _EPS, LocationProblem

# p-median screening: a Lagrangian plan within this factor of the best known one is
# polished by a swap search
_PROMISING = 1.02


def _swap_heuristic(
    rows: np.ndarray,
    cols: np.ndarray,
    cost: np.ndarray,
    base: np.ndarray,
    n_free: int,
    budget: int,
    start: Sequence[int] | np.ndarray = (),
) -> tuple[np.ndarray, float]:
    """Find a good p-median plan: greedy from ``start``, then swaps while they improve.

    The swap search (Teitz–Bart) takes the best swap of an open and a closed site while
    one lowers the total. ``rows``/``cols``/``cost`` are the pairs of demand units and
    free sites with their weighted time; ``base`` is each unit's weighted time to its
    nearest fixed site (inf: none). Returns the free sites opened and the plan's total
    (inf if some unit is left without a site).
    """
    big = float(cost.max(initial=0.0)) * 2.0 + 1.0
    floor = np.where(np.isfinite(base), base, big)

    def total(chosen: list[int]) -> tuple[float, np.ndarray]:
        best = floor.copy()
        on = np.isin(cols, chosen)
        np.minimum.at(best, rows[on], cost[on])
        return float(best.sum()), best

    def best_addition(current: np.ndarray, chosen: list[int]) -> tuple[int, float]:
        gain = np.bincount(cols, weights=np.maximum(current[rows] - cost, 0.0), minlength=n_free)
        gain[chosen] = -1.0
        j = int(np.argmax(gain))
        return j, float(gain[j])

    chosen = [int(c) for c in start][:budget]
    value, current = total(chosen)
    for _ in range(min(budget, n_free) - len(chosen)):
        j, gain = best_addition(current, chosen)
        if gain <= 0:
            break
        chosen.append(j)
        value, current = total(chosen)
    while chosen:
        best_swap, best_value = None, value * (1 - 1e-12)
        for k in chosen:
            rest = [c for c in chosen if c != k]
            v, without = total(rest)
            j, gain = best_addition(without, rest)
            if v - gain < best_value:
                best_swap, best_value = (k, j), v - gain
        if best_swap is None:
            break
        chosen = [c for c in chosen if c != best_swap[0]] + [best_swap[1]]
        value, current = total(chosen)
    if (current >= big).any():
        return np.array(chosen, dtype=np.int64), math.inf
    return np.array(chosen, dtype=np.int64), value


def _lagrangian_screen(
    rows: np.ndarray,
    cols: np.ndarray,
    cost: np.ndarray,
    base: np.ndarray,
    n_free: int,
    budget: int,
    upper: float,
    max_rounds: int = 600,
) -> tuple[np.ndarray, float, float]:
    """Free sites that no optimal p-median plan opens, proven by Lagrangian bounds.

    The assignment constraints are relaxed with multipliers λ (one per demand unit); for
    any λ,

        L(λ) = Σ λ_i + Σ_i min(0, base_i - λ_i) + (sum of the ``budget`` most negative ρ_j),
        ρ_j = Σ_i min(0, cost_ij - λ_i),

    is a lower bound on every plan, and L(λ) + ρ_j - (the largest chosen ρ) a lower bound
    on every plan that opens site j. A site whose bound exceeds ``upper`` (the cost of a
    known plan) cannot be in an optimal plan. λ is improved by subgradient steps
    (Held–Wolfe–Crowder step sizes); sites are ruled out as soon as any λ allows it. The
    sites each λ picks are a plan too: when one is better than ``upper`` (after a swap
    search from it), ``upper`` drops, and more sites can be ruled out.

    Returns the mask of ruled-out free sites, the best lower bound and the best plan's
    total.
    """
    n_demand = len(base)
    lam = np.where(np.isfinite(base), base, 0.0)
    if not np.isfinite(base).all():
        # units without a fixed site: start from their cheapest pair
        cheapest = np.full(n_demand, np.inf)
        np.minimum.at(cheapest, rows, cost)
        lam = np.where(np.isfinite(base), base, np.where(np.isfinite(cheapest), cheapest, 0.0))
    ruled_out = np.zeros(n_free, dtype=bool)
    best, step, stall = -math.inf, 2.0, 0
    slack = _EPS * max(1.0, abs(upper))
    tried: set[frozenset[int]] = set()
    for _ in range(max_rounds):
        reduced = cost - lam[rows]
        rho = np.bincount(cols, weights=np.minimum(reduced, 0.0), minlength=n_free)
        k = min(budget, n_free)
        pick = np.argpartition(rho, k - 1)[:k] if k else np.array([], dtype=np.int64)
        pick = pick[rho[pick] < 0]
        with np.errstate(invalid="ignore"):
            own = np.minimum(0.0, base - lam)  # base inf: 0
        bound = float(lam.sum() + own.sum() + rho[pick].sum())
        key = frozenset(pick.tolist())
        if key not in tried:  # the λ's own plan, polished by swaps when it is promising
            tried.add(key)
            on = np.isin(cols, pick)
            near = np.where(np.isfinite(base), base, np.inf)
            np.minimum.at(near, rows[on], cost[on])
            if float(near.sum()) < upper * _PROMISING:
                _, value = _swap_heuristic(rows, cols, cost, base, n_free, budget, start=pick)
                if value < upper:
                    upper, slack = value, _EPS * max(1.0, abs(value))
        worst = float(rho[pick].max()) if len(pick) == k and k else 0.0
        forced = bound + rho - worst
        forced[pick] = -math.inf
        ruled_out |= forced > upper + slack
        if bound > best + slack:
            best, stall = bound, 0
        else:
            stall += 1
            if stall >= 30:
                step, stall = step / 2.0, 0
        if upper - bound <= slack or step < 1e-4:
            break
        open_mask = np.zeros(n_free, dtype=bool)
        open_mask[pick] = True
        served = np.bincount(rows[(reduced < 0) & open_mask[cols]], minlength=n_demand)
        grad = 1.0 - served - (own < 0)
        norm = float(grad @ grad)
        if norm == 0.0:
            break
        lam = lam + step * (upper - bound) / norm * grad
    return ruled_out, best, upper


def _screen_p_median(
    problem: LocationProblem,
    keep: np.ndarray,
    fixed: np.ndarray,
    free: np.ndarray,
    p: int,
    allow_closing: bool,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Drop the free sites that no optimal plan opens (see :func:`_lagrangian_screen`).

    Exact: the optimum of the smaller model is the optimum of the full one. Returns the
    free-site mask, the kept pairs and a note for the plan.
    """
    pair = np.flatnonzero(keep)
    cost = problem.weight[problem.row[pair]] * problem.minutes[pair]
    on_fixed = fixed[problem.col[pair]]
    # the units in the model (those to be served), numbered 0..k-1
    units, unit_of = np.unique(problem.row[pair], return_inverse=True)
    base = np.full(len(units), np.inf)
    np.minimum.at(base, unit_of[on_fixed], cost[on_fixed])
    free_idx = np.flatnonzero(free)
    local = np.full(problem.n_sites, -1, dtype=np.int64)
    local[free_idx] = np.arange(len(free_idx))
    fp = pair[~on_fixed]
    rows, cols, fcost = unit_of[~on_fixed], local[problem.col[fp]], cost[~on_fixed]
    budget = p + (int(problem.existing.sum()) if allow_closing else 0)
    if len(free_idx) <= budget or not len(fp):
        return free, keep, []
    _, upper = _swap_heuristic(rows, cols, fcost, base, len(free_idx), budget)
    if not math.isfinite(upper):
        return free, keep, []
    ruled_out, _, _ = _lagrangian_screen(rows, cols, fcost, base, len(free_idx), budget, upper)
    if not ruled_out.any():
        return free, keep, []
    free = free.copy()
    free[free_idx[ruled_out]] = False
    keep = keep & (fixed[problem.col] | free[problem.col])
    note = (
        f"{int(ruled_out.sum())} of {len(free_idx)} candidate sites ruled out beforehand by a "
        "Lagrangian bound (they cannot be in an optimal plan)."
    )
    return free, keep, [note]
