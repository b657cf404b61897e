"""Plans that hold up when the inputs vary: covering questions across uncertainty draws.

A plan proven optimal for one set of inputs (residents on sector centroids, one walking
speed, every centre exactly where the register puts it) can lose much of its value when
those inputs move within what the data allow. :class:`CoverDraws` holds a covering question
(MCLP) once per draw of the uncertain inputs: per draw, which candidate sites reach which
residents within the threshold, and how many are already within reach of the existing
facilities. :func:`draw_cover` builds it from the access draws of a study
(:class:`~wijkanalyse.access.ranges.AccessDraws`: the demand model, the walking speed, the
detour of points off the network and the existing facilities' positions, draw by draw, so a
plan's "before" is today's coverage range); :meth:`CoverDraws.from_problems` from any
sequence of :class:`~wijkanalyse.locate.LocationProblem`.

On it:

* :func:`robust_mclp` places ``p`` new sites for a robust objective, solved exactly:
  ``"expected"`` (the most weight covered on average over the draws), ``"worst"`` (the most
  covered in the worst draw) or ``"quantile"`` (the most covered in all but the ``q`` share
  of worst draws, e.g. the 5 % bound the ranges report). The expected objective is one MCLP
  over the draws' demand units pooled (units of any draw with the same reachable sites share
  one variable). The worst case and the quantile are solved by draw generation: a
  restricted model over a few draws is an upper bound, the plan it gives, evaluated on all
  draws, a lower bound; the draws that fall below are added until the bounds meet (the
  scenario generation of robust optimisation; e.g. Zeng & Zhao 2013 for its two-stage
  form).
* :func:`selection_frequency` solves the classic MCLP in every draw and counts how often
  each site is chosen: a site is "robust" only with that share beside it.
* :meth:`CoverDraws.covered` evaluates any set of sites in every draw (the distribution of a
  plan's coverage, and its range).

The demand units of one draw that reach the same candidates are pooled on construction
(exact for every covering objective), so 200 draws of 16 000 street points fit in memory.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse

from wijkanalyse import settings
from wijkanalyse._errors import DataError, InfeasibleError
from wijkanalyse.locate._cover import _max_cover, _restricted, _robust_search, pool_rows
from wijkanalyse.locate.draws import CoverDraws, draw_cover

__all__ = [
    "CoverDraws",
    "RobustObjective",
    "RobustPlan",
    "SelectionFrequency",
    "draw_cover",
    "robust_mclp",
    "selection_frequency",
]

RobustObjective = Literal["expected", "worst", "quantile"]

#: Draws added to the restricted model per round of draw generation (worst first).
_ADD_PER_ROUND = 8


# --------------------------------------------------------------------------- solving


@dataclass(frozen=True)
class RobustPlan:
    """New sites chosen for a robust objective, and their coverage in every draw.

    Attributes
    ----------
    sites
        The new sites, in the candidates' order.
    objective
        ``expected``, ``worst`` or ``quantile``.
    q
        For ``quantile``: the share of worst draws left out (``worst``: 0).
    value
        The objective: mean, worst or quantile weight within reach (existing included).
    bound
        The best bound proven (equal to ``value`` when optimal).
    status, gap
        ``optimal`` or ``time_limit``, and the relative gap between value and bound.
    covered_weight, covered_load
        Per draw: the weight and the people within reach with these sites.
    draws_used
        The draws the restricted model needed (all draws for ``expected``).
    seconds
        Wall-clock time.
    """

    sites: pd.Index
    objective: str
    q: float
    value: float
    bound: float
    status: str
    gap: float
    covered_weight: np.ndarray = field(repr=False)
    covered_load: np.ndarray = field(repr=False)
    draws_used: int
    seconds: float


def _allowed_below(objective: str, q: float, n: int) -> int:
    """Draws that may fall below the objective's value: as :meth:`AccessDraws.bound`."""
    if objective == "worst":
        return 0
    tail = int(np.ceil(min(q, 1.0 - q) * n - 1e-9))
    return max(tail - 1, 0)


def _kth(values: np.ndarray, k: int) -> float:
    return float(np.sort(values)[min(k, len(values) - 1)])


def _check_p(cover: CoverDraws, p: object) -> int:
    if isinstance(p, bool) or not isinstance(p, int | np.integer) or p < 0:
        raise DataError(f"p must be a whole number of new sites ≥ 0, got {p!r}.")
    if p > cover.n_sites:
        raise InfeasibleError(
            f"p={p} new sites asked, but there are only {cover.n_sites} candidate sites; lower "
            "p or add candidates."
        )
    return int(p)


def robust_mclp(
    cover: CoverDraws,
    *,
    p: int,
    objective: RobustObjective = "expected",
    q: float = 0.05,
    time_limit: float | None = None,
    mip_gap: float | None = None,
) -> RobustPlan:
    """Place ``p`` new sites for a robust covering objective, exactly (see the module).

    Parameters
    ----------
    cover
        The question across draws.
    p
        New sites, at most.
    objective
        ``"expected"``: the most weight within reach on average over the draws;
        ``"worst"``: in the worst draw; ``"quantile"``: in the draw at the ``q`` quantile
        (the value that at most ``⌈q·n⌉ − 1`` draws fall below, as the ranges' bounds).
    q
        The quantile, in (0, 0.5].
    time_limit, mip_gap
        Solver limits for the whole solve.

    Examples
    --------
    >>> import pandas as pd
    >>> from wijkanalyse.locate import LocationProblem
    >>> cost = [pd.DataFrame([[1.0, 9.0], [9.0, 1.0]], index=["a", "b"], columns=["x", "y"]),
    ...         pd.DataFrame([[9.0, 1.0], [9.0, 1.0]], index=["a", "b"], columns=["x", "y"])]
    >>> draws = CoverDraws.from_problems(
    ...     [LocationProblem.from_matrix(c, weights=[10, 4]) for c in cost], max_minutes=2)
    >>> robust_mclp(draws, p=1, objective="expected").sites.tolist()
    ['y']
    >>> robust_mclp(draws, p=1, objective="worst").value
    4.0
    """
    t0 = time.perf_counter()
    p = _check_p(cover, p)
    if objective not in ("expected", "worst", "quantile"):
        raise DataError(f"objective must be 'expected', 'worst' or 'quantile', got {objective!r}.")
    if objective == "quantile" and not (0 < q <= 0.5):
        raise DataError(f"q must lie in (0, 0.5], got {q!r}.")
    if objective == "expected":
        x, value, bound, status, gap, used = _expected(cover, p, time_limit, mip_gap)
    else:
        k = _allowed_below(objective, q, cover.n_draws)
        x, value, bound, status, gap, used = _generated(cover, p, k, time_limit, mip_gap, t0)
    w, ld = cover.covered(x)
    return RobustPlan(
        sites=cover.sites[x],
        objective=objective,
        q=0.0 if objective == "worst" else (q if objective == "quantile" else float("nan")),
        value=value,
        bound=bound,
        status=status,
        gap=gap,
        covered_weight=w,
        covered_load=ld,
        draws_used=used,
        seconds=time.perf_counter() - t0,
    )


def _expected(
    cover: CoverDraws, p: int, time_limit: float | None, mip_gap: float | None
) -> tuple[np.ndarray, float, float, str, float, int]:
    n = cover.n_draws
    stacked = sparse.csr_array(sparse.vstack(cover.cover, format="csr"))
    weight = np.concatenate(cover.weight) / n
    pooled, (w,), _ = pool_rows(stacked, weight)
    x, _, bound, status, gap = _max_cover(
        pooled, w, p, time_limit, mip_gap, "robust MCLP (expected)"
    )
    base = float(cover.base_weight.mean())
    value = float(cover.covered(x)[0].mean())
    return x, value, max(bound + base, value), status, gap, n


def _generated(
    cover: CoverDraws,
    p: int,
    k: int,
    time_limit: float | None,
    mip_gap: float | None,
    t0: float,
) -> tuple[np.ndarray, float, float, str, float, int]:
    """Solve for the worst draw (k = 0) or the (k+1)-th worst: branch and bound, else HiGHS.

    The branch and bound (:func:`~wijkanalyse.locate._cover._robust_search`) is exact. When
    it grows too large, draw generation takes over: a HiGHS model over a few draws is an
    upper bound, the plan it gives, evaluated on all draws, a lower bound; the draws that
    fall below are added until the bounds meet.
    """
    limit = settings.solver_time_limit if time_limit is None else time_limit
    gap_opt = settings.solver_mip_gap if mip_gap is None else mip_gap
    n = cover.n_draws
    x0, *_ = _expected(cover, p, time_limit, mip_gap)
    found = _robust_search(cover.cover, cover.weight, cover.base_weight, p, k, [x0])
    if found is not None:
        v = _kth(cover.covered(found)[0], k)
        return found, v, v, "optimal", 0.0, n
    best_x = x0
    w0 = cover.covered(x0)[0]
    best_val = _kth(w0, k)
    chosen = list(np.argsort(w0, kind="stable")[: min(n, k + 1 + _ADD_PER_ROUND)])
    big = float(cover.total_weight.max())
    upper = math.inf
    status = "optimal"
    while True:
        left = limit - (time.perf_counter() - t0)
        if left <= 0:
            status = "time_limit"
            break
        x, upper_s, sol_status = _restricted(
            cover.cover, cover.weight, cover.base_weight, big, chosen, p, k, left, mip_gap
        )
        upper = min(upper, upper_s)
        w = cover.covered(x)[0]
        val = _kth(w, k)
        if val > best_val:
            best_x, best_val = x, val
        tol = max(gap_opt * abs(upper), 1e-9 * max(1.0, abs(upper)))
        if upper - best_val <= tol:
            upper = max(best_val, upper) if upper - best_val > 0 else upper
            break
        if sol_status != "optimal":
            status = "time_limit"
            break
        below = [d for d in np.argsort(w, kind="stable") if w[d] < upper - 1e-9 and d not in chosen]
        if not below:  # pragma: no cover - the restricted optimum holds on every draw
            break
        chosen += [int(d) for d in below[:_ADD_PER_ROUND]]
    gap = max(0.0, upper - best_val) / max(abs(upper), 1e-12)
    if gap <= 1e-9:
        gap = 0.0
    if status == "optimal" and gap > gap_opt:
        status = "time_limit"
    return best_x, best_val, max(upper, best_val), status, gap, len(chosen)


# --------------------------------------------------------------------------- frequency


@dataclass(frozen=True)
class SelectionFrequency:
    """How often each site is in the best plan of a draw.

    Attributes
    ----------
    share
        Per site: the share of draws whose optimal plan opens it (0-1).
    plans
        Per draw: the sites of its optimal plan.
    p
        The number of new sites.
    status
        ``optimal`` when every draw's plan is proven optimal, else ``time_limit``.
    """

    share: pd.Series
    plans: tuple[tuple[str, ...], ...] = field(repr=False)
    p: int
    status: str

    def top(self, n: int = 5) -> pd.Series:
        """Return the ``n`` sites chosen most often, with their share."""
        s = self.share[self.share > 0]
        return s.sort_values(ascending=False, kind="stable").head(n)


def selection_frequency(
    cover: CoverDraws,
    *,
    p: int,
    time_limit: float | None = None,
    mip_gap: float | None = None,
) -> SelectionFrequency:
    """Solve the classic MCLP in every draw; count how often each site is chosen.

    Each draw is solved exactly (branch and bound on the sites, HiGHS where that grows too
    large; ``time_limit`` is per draw). Of several optimal plans of a draw, the first found
    counts: sites that serve the same people equally well share the frequency.
    """
    p = _check_p(cover, p)
    counts = np.zeros(cover.n_sites)
    plans: list[tuple[str, ...]] = []
    status = "optimal"
    labels = cover.sites.astype(str)
    for d in range(cover.n_draws):
        a, w = cover.cover[d], cover.weight[d]
        x, _, _, st, _ = _max_cover(a, w, p, time_limit, mip_gap, f"MCLP of draw {d}")
        if st != "optimal":
            status = "time_limit"
        counts += x
        plans.append(tuple(labels[x]))
    share = pd.Series(counts / cover.n_draws, index=cover.sites, name="selection_frequency")
    return SelectionFrequency(share=share, plans=tuple(plans), p=p, status=status)
