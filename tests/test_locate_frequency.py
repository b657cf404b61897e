"""How often each site is chosen across draws, for p-median and p-center questions."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

# ten points 100 m apart on a line, today's centre at 0 (uncertain by 150 m), a candidate
# near the far end and one 5 km away
from test_locate_robust import _line_world

from wijkanalyse import DataError
from wijkanalyse import locate as lc
from wijkanalyse.access.ranges import DrawSpec, RangeQuestion, draw_access
from wijkanalyse.locate import frequency, robust
from wijkanalyse.network import CrowFlies, travel_profile

CRS = "EPSG:31370"


@pytest.fixture(scope="module")
def line():  # type: ignore[no-untyped-def]
    pts, fac, cand = _line_world()
    model = CrowFlies(profile=travel_profile("walk"), detour_factor=1.0, crs=CRS)
    spec = DrawSpec(draws=25, seed=7, speeds={"pop_total": (3.0, 6.0)}, detour=(1.0, 1.4))
    q = RangeQuestion("bc", "pop_total", (4.0,))
    draws = draw_access(model, {"street_points": pts}, fac, [q], spec)
    return model, draws, fac, cand


def test_each_draws_problem_is_the_covering_draws_own(line) -> None:  # type: ignore[no-untyped-def]
    model, draws, fac, cand = line
    cover = robust.draw_cover(
        model, draws, fac, cand, facility_type="bc", target_group="pop_total", max_minutes=4.0
    )
    problems = list(
        lc.draw_problems(
            model, draws, fac, cand, facility_type="bc", target_group="pop_total", min_sites=1
        )
    )
    assert len(problems) == draws.n_draws
    # exactly, per draw: this caught draw_cover pruning at the longest detour of any draw
    for d, prob in enumerate(problems):
        minutes = _dense(prob)
        today = minutes[frequency.EXISTING]
        # within 4 minutes of today's centre, moved as the access draws moved it
        assert float(prob.load[(today <= 4.0 + 1e-9).to_numpy()].sum()) == pytest.approx(
            cover.base_load[d]
        )
        with_k1 = np.fmin(today, minutes["k1"])
        assert float(prob.load[(with_k1 <= 4.0 + 1e-9).to_numpy()].sum()) == pytest.approx(
            cover.covered(["k1"])[1][d]
        )
        # the 5 km candidate is never nearer than today's centre: left out
        assert "k2" not in minutes


def _dense(prob: lc.LocationProblem) -> pd.DataFrame:
    """Return a problem's travel times as a units × sites frame (NaN: not stored)."""
    out = np.full((prob.n_demand, len(prob.sites)), np.nan)
    out[prob.row, prob.col] = prob.minutes
    return pd.DataFrame(out, columns=prob.sites.astype(str))


def test_min_sites_keeps_the_nearest_candidates(line) -> None:  # type: ignore[no-untyped-def]
    model, draws, fac, cand = line
    (first, *_) = lc.draw_problems(
        model, draws, fac, cand, facility_type="bc", target_group="pop_total", min_sites=2
    )
    assert set(first.sites.astype(str)) == {frequency.EXISTING, "k1", "k2"}


def _random(seed: int, n: int = 9, m: int = 5) -> lc.LocationProblem:
    rng = np.random.default_rng(seed)
    cost = pd.DataFrame(rng.uniform(1, 20, (n, m)), columns=[f"s{j}" for j in range(m)])
    return lc.LocationProblem.from_matrix(cost, weights=rng.integers(1, 9, n))


def _brute(prob: lc.LocationProblem, p: int, model: str) -> tuple[str, ...]:
    m = _dense(prob).to_numpy()
    w = np.asarray(prob.weight, dtype=float)
    best, arg = np.inf, ()
    for combo in itertools.combinations(range(m.shape[1]), p):
        near = m[:, list(combo)].min(axis=1)
        value = (w * near).sum() if model == "p_median" else near.max()
        if value < best - 1e-9:
            best, arg = value, combo
    return tuple(str(prob.sites[j]) for j in arg)


@pytest.mark.parametrize("model", ["p_median", "p_center"])
def test_model_frequency_counts_each_problems_optimum(model: str) -> None:
    problems = [_random(s) for s in range(8)]
    freq = lc.model_frequency(problems, model=model, p=[1, 2])  # type: ignore[arg-type]
    for p in (1, 2):
        want: dict[str, float] = {}
        for prob in problems:
            for site in _brute(prob, p, model):
                want[site] = want.get(site, 0.0) + 1 / len(problems)
        got = freq[p][freq[p] > 0].to_dict()
        if model == "p_median":  # a unique optimum with continuous random times
            assert got == pytest.approx(want)
        else:  # p-center can tie; each draw still opens exactly p sites
            assert sum(got.values()) == pytest.approx(p)


def test_model_frequency_needs_a_problem() -> None:
    with pytest.raises(DataError, match="at least one problem"):
        lc.model_frequency([], model="p_median", p=[1])
