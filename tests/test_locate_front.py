"""The efficiency–equity front: every point against brute force, its ends against spopt."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
import pytest

from wijkanalyse import DataError
from wijkanalyse import locate as lc
from wijkanalyse.locate.front import equity_front


def _problem(seed: int, n: int = 14, m: int = 8) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    d = rng.uniform(0, 10, (n, 2))
    s = rng.uniform(0, 10, (m, 2))
    cost = np.hypot(d[:, None, 0] - s[None, :, 0], d[:, None, 1] - s[None, :, 1])
    w = rng.integers(1, 50, n).astype(float)
    ex = np.zeros(m, dtype=bool)
    ex[0] = True
    return cost, w, ex


def _plans(cost: np.ndarray, w: np.ndarray, ex: np.ndarray, p: int, t: float):  # type: ignore[no-untyped-def]
    """Every plan of at most p new sites: (covered within t, longest time)."""
    out = []
    for r in range(p + 1):
        for new in itertools.combinations(np.flatnonzero(~ex), r):
            near = cost[:, np.flatnonzero(ex).tolist() + list(new)].min(axis=1)
            out.append((float(w[near <= t].sum()), float(near.max())))
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("p", [1, 2, 3])
def test_every_point_is_the_best_coverage_at_its_limit(seed: int, p: int) -> None:
    cost, w, ex = _problem(seed)
    prob = lc.LocationProblem.from_matrix(cost, weights=w, existing=ex)
    front = equity_front(prob, p=p, max_minutes=3.0, points=8)
    plans = _plans(cost, w, ex, p, 3.0)
    for row in front.itertuples():
        feasible = [c for c, longest in plans if longest <= row.limit_minutes + 1e-9]
        assert row.covered == pytest.approx(max(feasible))
        assert row.longest_minutes <= row.limit_minutes + 1e-9
        assert row.status == "optimal"
    # the ends: the fairest plan (p-center) and the most covering one (MCLP)
    assert front["longest_minutes"].iloc[0] == pytest.approx(min(lg for _, lg in plans))
    assert front["covered"].iloc[-1] == pytest.approx(max(c for c, _ in plans))
    # longer walks allowed, more covered; the efficient points are not beaten on both
    assert front["covered"].is_monotonic_increasing
    assert front["longest_minutes"].is_monotonic_increasing
    for row in front[front["efficient"]].itertuples():
        assert not any(
            c >= row.covered
            and lg <= row.longest_minutes
            and (c, lg) != (row.covered, row.longest_minutes)
            and (c > row.covered + 1e-9 or lg < row.longest_minutes - 1e-9)
            for c, lg in plans
        )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_ends_against_spopt() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import cbcbox
        import pulp
        from spopt.locate import MCLP, PCenter
    cost, w, ex = _problem(21, n=30, m=12)
    prob = lc.LocationProblem.from_matrix(cost, weights=w, existing=ex)
    front = equity_front(prob, p=2, max_minutes=3.0)
    solver = pulp.COIN_CMD(path=cbcbox.cbc_bin_path(), msg=False)
    existing = np.flatnonzero(ex)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        center = PCenter.from_cost_matrix(cost, p_facilities=3, predefined_facilities_arr=existing)
        center.solve(solver)
        cover = MCLP.from_cost_matrix(
            cost, w, service_radius=3.0, p_facilities=3, predefined_facilities_arr=existing
        )
        cover.solve(solver)
    assert front["longest_minutes"].iloc[0] == pytest.approx(pulp.value(center.problem.objective))
    assert front["covered"].iloc[-1] == pytest.approx(pulp.value(cover.problem.objective))


def test_bad_arguments() -> None:
    cost, w, ex = _problem(1)
    prob = lc.LocationProblem.from_matrix(cost, weights=w, existing=ex)
    with pytest.raises(DataError, match="points must be"):
        equity_front(prob, p=1, max_minutes=3.0, points=1)
    limited = lc.LocationProblem.from_matrix(cost, weights=w, existing=ex, max_minutes=5.0)
    with pytest.raises(DataError, match="travel times to everyone"):
        equity_front(limited, p=1, max_minutes=3.0)
    capped = lc.LocationProblem.from_matrix(
        cost, weights=w, existing=ex, capacity=np.full(cost.shape[1], 100.0)
    )
    with pytest.raises(DataError, match="capacities"):
        equity_front(capped, p=1, max_minutes=3.0)
    assert isinstance(equity_front(prob, p=1, max_minutes=3.0), pd.DataFrame)
