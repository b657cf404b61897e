"""Time exact facility location: wijkanalyse (HiGHS, matrix form) vs spopt (PuLP + CBC).

Run from the checkout:

    python benchmarks/bench_locate.py [--full] [--sizes 500x100 ...] [--models ...]

Both libraries solve the same instances to proven optimality: demand points and candidate
sites spread uniformly over a 10 × 10 km square, travel time = straight line at walking
speed (80 m per minute), 10 existing facilities that must stay open, p = 5 new sites.

* MCLP: the most weighted demand within 10 minutes;
* LSCP: the fewest new sites so that every demand point has a site within the smallest
  radius for which that is possible (rounded up to the minute);
* p-median: the least total weighted walking time. spopt builds one binary variable per
  (demand, site) pair in Python, so at 5 000 × 1 000 (5 million variables) it needs many
  minutes and gigabytes; that size runs only with ``--full``.

Times include building the model from the cost matrix (what a user waits for); the
instances are generated once and shared. Objectives are printed side by side; for spopt,
p counts the existing facilities too (its ``predefined_facilities_arr``).
Both get the same time limit per solve (``--limit``, default 300 s); a case where either
stops at it is marked "not proven", with the best objective each found.
"""

from __future__ import annotations

import argparse
import math
import time
import warnings
from collections.abc import Callable

import numpy as np

from wijkanalyse import locate as lc

P_NEW = 5
N_EXISTING = 10
MINUTES = 10.0
SPEED = 80.0  # metres per minute


def instance(n: int, m: int, seed: int = 20261122) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    demand = rng.uniform(0, 10_000, (n, 2))
    sites = rng.uniform(0, 10_000, (m, 2))
    cost = (
        np.hypot(demand[:, None, 0] - sites[None, :, 0], demand[:, None, 1] - sites[None, :, 1])
        / SPEED
    )
    weights = rng.integers(5, 500, n).astype(float)
    existing = np.zeros(m, dtype=bool)
    existing[rng.choice(m, N_EXISTING, replace=False)] = True
    return cost, weights, existing


def timed(func: Callable[[], tuple[float, bool]]) -> tuple[float, float, bool]:
    t0 = time.perf_counter()
    value, proven = func()
    return time.perf_counter() - t0, value, proven


Runner = Callable[[str, np.ndarray, np.ndarray, np.ndarray, float], tuple[float, bool]]


def spopt_runner(limit: float) -> Runner:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pulp
        from spopt.locate import LSCP, MCLP, PMedian

    import cbcbox  # the CBC binary of pulp[cbc]

    # explicit path: the venv's bin folder need not be on PATH
    solver = pulp.COIN_CMD(path=cbcbox.cbc_bin_path(), msg=False, timeLimit=limit)

    def run(
        model: str, cost: np.ndarray, w: np.ndarray, ex: np.ndarray, radius: float
    ) -> tuple[float, bool]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if model == "mclp":
                obj = MCLP.from_cost_matrix(
                    cost,
                    w,
                    service_radius=radius,
                    p_facilities=P_NEW + int(ex.sum()),
                    predefined_facilities_arr=ex,
                )
            elif model == "lscp":
                obj = LSCP.from_cost_matrix(
                    cost, service_radius=radius, predefined_facilities_arr=ex
                )
            else:
                obj = PMedian.from_cost_matrix(
                    cost, w, p_facilities=P_NEW + int(ex.sum()), predefined_facilities_arr=ex
                )
            try:
                obj.solve(solver)
            except RuntimeError:  # spopt raises when CBC stops with no solution at all
                return math.nan, False
            proven = obj.problem.sol_status == pulp.LpSolutionOptimal
            value = pulp.value(obj.problem.objective)
            value = math.nan if value is None else float(value)
        # spopt's LSCP counts the existing facilities in its objective
        return (value - int(ex.sum()) if model == "lscp" else value), proven

    return run


def ours(
    model: str,
    cost: np.ndarray,
    w: np.ndarray,
    ex: np.ndarray,
    radius: float,
    limit: float,
    *,
    screen: bool = True,
) -> tuple[float, bool]:
    """Solve with wijkanalyse; ``screen=False`` builds the whole p-median model (no sites
    ruled out beforehand by the Lagrangian bound), to show what the screening saves."""
    sparse_ok = model in ("mclp", "lscp")
    prob = lc.LocationProblem.from_matrix(
        cost, weights=w, existing=ex, max_minutes=radius if sparse_ok else None
    )
    if model == "mclp":
        plan = lc.mclp(prob, p=P_NEW, max_minutes=radius, mip_gap=0.0, time_limit=limit)
    elif model == "lscp":
        plan = lc.lscp(prob, max_minutes=radius, mip_gap=0.0, time_limit=limit)
    elif screen:
        plan = lc.p_median(prob, p=P_NEW, mip_gap=0.0, time_limit=limit)
    else:
        plan = lc._p_median(
            prob,
            p=P_NEW,
            allow_closing=False,
            time_limit=limit,
            mip_gap=0.0,
            single_source=False,
            max_minutes=None,
            radius=None,
            screen=False,
        )
    return plan.objective, plan.status == "optimal"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", default=["500x100", "2000x400", "5000x1000"])
    parser.add_argument(
        "--full",
        action="store_true",
        help="also spopt p-median above 200 000 pairs (very slow: millions of PuLP variables)",
    )
    parser.add_argument("--no-spopt", action="store_true", help="time wijkanalyse only")
    parser.add_argument(
        "--models",
        nargs="+",
        choices=["mclp", "lscp", "p_median"],
        default=["mclp", "lscp", "p_median"],
        help="which models to run (default: all three)",
    )
    parser.add_argument(
        "--limit", type=float, default=300.0, help="time limit per solve for both, seconds"
    )
    args = parser.parse_args()
    spopt = None if args.no_spopt else spopt_runner(args.limit)
    header = (
        f"{'model':<11}{'size':>10}{'wijkanalyse s':>15}{'spopt s':>10}{'ratio':>8}"
        f"{'objective (ours)':>19}{'objective (spopt)':>19}  agree"
    )
    print(f"p = {P_NEW} new sites, {N_EXISTING} existing kept; HiGHS vs PuLP + CBC")
    print(header)
    for size in args.sizes:
        n, m = (int(v) for v in size.lower().split("x"))
        cost, w, ex = instance(n, m)
        lscp_radius = float(math.ceil(cost.min(axis=1).max()))
        for model in args.models:
            radius = MINUTES if model != "lscp" else max(MINUTES, lscp_radius)
            t_ours, v_ours, ok_ours = timed(lambda: ours(model, cost, w, ex, radius, args.limit))  # noqa: B023
            skip = spopt is None or (model == "p_median" and n * m > 200_000 and not args.full)
            if skip:
                t_sp, v_sp, ok_sp = math.nan, math.nan, False
            else:
                assert spopt is not None
                t_sp, v_sp, ok_sp = timed(lambda: spopt(model, cost, w, ex, radius))  # noqa: B023
            if skip:
                agree = "– (spopt not run)" if spopt is None else "– (spopt not run; --full)"
            elif ok_ours and ok_sp:
                agree = "yes" if math.isclose(v_ours, v_sp, rel_tol=1e-6) else "NO"
            else:
                who = [x for x, ok in (("wijkanalyse", ok_ours), ("spopt", ok_sp)) if not ok]
                agree = f"not proven: {' and '.join(who)} hit the {args.limit:g} s limit"
            ratio = f"{t_sp / t_ours:>7.1f}×" if not skip else f"{'–':>8}"
            label = f"{model}{f' r={radius:g}' if model == 'lscp' else ''}"
            print(
                f"{label:<11}{f'{n}×{m}':>10}{t_ours:>15.3f}{t_sp:>10.2f}{ratio}"
                f"{v_ours:>19.2f}{v_sp:>19.2f}  {agree}"
            )


if __name__ == "__main__":
    main()
