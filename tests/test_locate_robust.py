"""Robust plans: covering questions across draws, against brute force, spopt and by hand."""

from __future__ import annotations

import itertools
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from wijkanalyse import DataError, InfeasibleError
from wijkanalyse import locate as lc
from wijkanalyse.access.ranges import AccessDraws, DrawSpec, RangeQuestion, draw_access
from wijkanalyse.locate import _cover, robust
from wijkanalyse.network import CrowFlies, travel_profile

CRS = "EPSG:31370"
THR = 3.0


def _draw_problems(seed: int, draws: int = 6, n: int = 14, m: int = 7) -> list[lc.LocationProblem]:
    """Random problems with the same candidates c0… and one existing site E per draw."""
    rng = np.random.default_rng(seed)
    weights = rng.integers(1, 20, size=n).astype(float)
    out = []
    for _ in range(draws):
        cost = pd.DataFrame(
            rng.uniform(0, 8, size=(n, m + 1)),
            index=[f"u{i}" for i in range(n)],
            columns=["E"] + [f"c{j}" for j in range(m)],
        )
        # some residents of a draw are unknown to another (another demand model)
        w = weights * rng.integers(0, 2, size=n)
        out.append(lc.LocationProblem.from_matrix(cost, weights=w, existing=["E"]))
    return out


def _coverage_brute(problems: list[lc.LocationProblem], sites: tuple[str, ...]) -> np.ndarray:
    """Per draw, the weight within THR of E or of ``sites``: straight from the matrices."""
    out = []
    for prob in problems:
        dense = prob.to_dense()
        open_cols = ["E", *sites]
        hit = (dense[open_cols] <= THR).any(axis=1).to_numpy()
        out.append(float(prob.weight[hit].sum()))
    return np.array(out)


def _best(problems: list[lc.LocationProblem], p: int, score) -> float:  # type: ignore[no-untyped-def]
    cands = [f"c{j}" for j in range(problems[0].n_sites - 1)]
    return max(
        score(_coverage_brute(problems, combo))
        for r in range(p + 1)
        for combo in itertools.combinations(cands, r)
    )


def test_pool_rows_groups_exactly() -> None:
    rng = np.random.default_rng(1)
    dense = rng.random((300, 6)) < 0.3
    dense[:40] = dense[0]  # many equal rows
    w = rng.random(300)
    pooled, (sums,), group = _cover.pool_rows(sparse.csr_array(dense), w)
    rows = [tuple(np.flatnonzero(r)) for r in dense]
    distinct = list(dict.fromkeys(r for r in rows if r))
    assert pooled.shape[0] == len(distinct)
    for g, key in enumerate(distinct):
        assert tuple(np.flatnonzero(pooled.toarray()[g])) == key
        members = [i for i, r in enumerate(rows) if r == key]
        assert sums[g] == pytest.approx(w[members].sum())
        assert set(np.flatnonzero(group == g)) == set(members)
    assert (group[[i for i, r in enumerate(rows) if not r]] == -1).all()


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("p", [1, 2, 3, 4])
def test_branch_and_bound_against_brute_force_and_highs(
    seed: int, p: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(seed)
    a = sparse.csr_array(rng.random((40, 9)) < 0.25)
    w = rng.integers(1, 10, size=40).astype(float)
    dense = a.toarray()
    brute = max(
        w[dense[:, list(c)].any(axis=1)].sum() if c else 0.0
        for r in range(p + 1)
        for c in itertools.combinations(range(9), r)
    )
    x, value, *_ = _cover._max_cover(a, w, p, None, 0.0, "test")
    assert value == pytest.approx(brute)
    assert x.sum() <= p
    assert w[dense[:, x].any(axis=1)].sum() == pytest.approx(brute)
    # the same by HiGHS, when the search may not branch
    monkeypatch.setattr(_cover, "_NODE_LIMIT", 0)
    _, by_highs, *_ = _cover._max_cover(a, w, p, None, 0.0, "test")
    assert by_highs == pytest.approx(brute)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("p", [1, 2, 3])
def test_robust_objectives_against_brute_force(seed: int, p: int) -> None:
    problems = _draw_problems(seed)
    cover = robust.CoverDraws.from_problems(problems, max_minutes=THR)
    n = cover.n_draws
    k = robust._allowed_below("quantile", 0.34, n)  # ⌈0.34·6⌉ - 1 = 2 draws may fall below
    scores = {
        "expected": lambda v: v.mean(),
        "worst": lambda v: v.min(),
        "quantile": lambda v: np.sort(v)[k],
    }
    for objective, score in scores.items():
        plan = robust.robust_mclp(cover, p=p, objective=objective, q=0.34)  # type: ignore[arg-type]
        best = _best(problems, p, score)
        assert plan.value == pytest.approx(best)
        assert plan.status == "optimal"
        # the plan's own coverage per draw, from the matrices
        direct = _coverage_brute(problems, tuple(plan.sites))
        assert np.allclose(plan.covered_weight, direct)
        assert score(direct) == pytest.approx(best)
        assert len(plan.sites) <= p


@pytest.mark.parametrize("seed", range(4))
def test_draw_generation_with_highs_when_the_search_is_too_large(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems = _draw_problems(seed, draws=8)
    cover = robust.CoverDraws.from_problems(problems, max_minutes=THR)
    monkeypatch.setattr(_cover, "_NODE_LIMIT", 0)
    monkeypatch.setattr(robust, "_ADD_PER_ROUND", 1)  # several rounds of draw generation
    for objective, score in (("worst", np.min), ("quantile", lambda v: np.sort(v)[1])):
        plan = robust.robust_mclp(cover, p=2, objective=objective, q=0.25)  # type: ignore[arg-type]
        assert plan.value == pytest.approx(_best(problems, 2, score))
        assert plan.status == "optimal"


def test_quantile_objective_is_the_bound_the_ranges_report() -> None:
    problems = _draw_problems(7, draws=40, n=20)
    cover = robust.CoverDraws.from_problems(problems, max_minutes=THR)
    plan = robust.robust_mclp(cover, p=2, objective="quantile", q=0.05)
    assert plan.value == pytest.approx(AccessDraws.bound(plan.covered_weight, 0.05)[0])
    # no plan of two sites has a higher 5 % bound
    best = _best(problems, 2, lambda v: AccessDraws.bound(v, 0.05)[0])
    assert plan.value == pytest.approx(best)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_expected_coverage_against_spopt() -> None:
    """The expected objective is one MCLP over all draws' residents, weights / draws."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import cbcbox
        import pulp
        from spopt.locate import MCLP
    problems = _draw_problems(3, draws=5, n=30, m=10)
    cover = robust.CoverDraws.from_problems(problems, max_minutes=THR)
    cost = np.vstack([prob.to_dense().to_numpy() for prob in problems])
    weights = np.concatenate([prob.weight for prob in problems]) / len(problems)
    existing = np.array([0])
    for p in (1, 2, 3):
        sp = MCLP.from_cost_matrix(
            cost,
            weights,
            service_radius=THR,
            p_facilities=p + 1,
            predefined_facilities_arr=existing,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            solved = sp.solve(pulp.COIN_CMD(path=cbcbox.cbc_bin_path(), msg=False))
        ours = robust.robust_mclp(cover, p=p, objective="expected")
        assert ours.value == pytest.approx(pulp.value(solved.problem.objective))


def test_selection_frequency_counts_each_draws_optimum() -> None:
    problems = _draw_problems(11, draws=12)
    cover = robust.CoverDraws.from_problems(problems, max_minutes=THR)
    freq = robust.selection_frequency(cover, p=2)
    assert len(freq.plans) == 12
    counts = pd.Series(0.0, index=cover.sites)
    for d, sites in enumerate(freq.plans):
        # each draw's plan is an optimum of that draw
        best = _best([problems[d]], 2, lambda v: v[0])
        assert _coverage_brute([problems[d]], sites)[0] == pytest.approx(best)
        counts[list(sites)] += 1
    assert np.allclose(freq.share, counts / 12)
    assert freq.top(3).index[0] == counts.idxmax()
    assert freq.status == "optimal"


def test_by_hand_two_draws() -> None:
    """Two draws of four residents; x serves a and b, y serves c, z serves b and c."""
    cost_1 = pd.DataFrame(
        [[1, 9, 9], [1, 9, 1], [9, 1, 1], [9, 9, 9]],
        index=list("abcd"),
        columns=list("xyz"),
        dtype=float,
    )
    # in the second draw resident d sits next to y
    cost_2 = cost_1.copy()
    cost_2.loc["d", "y"] = 1.0
    w = [10, 5, 8, 6]
    problems = [lc.LocationProblem.from_matrix(c, weights=w) for c in (cost_1, cost_2)]
    cover = robust.CoverDraws.from_problems(problems, max_minutes=2)
    # one site: x 15 | 15, y 8 | 14, z 13 | 13: x on average (15) and in the worst draw
    assert list(robust.robust_mclp(cover, p=1).sites) == ["x"]
    assert robust.robust_mclp(cover, p=1, objective="worst").value == 15.0
    # two sites: x + y 23 | 29 (mean 26), x + z 23 | 23
    two = robust.robust_mclp(cover, p=2)
    assert list(two.sites) == ["x", "y"]
    assert two.value == 26.0
    assert list(two.covered_load) == [23.0, 29.0]
    assert np.allclose(cover.share_covered(["x", "y"]), [23 / 29, 1.0])


def _line_world() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    xs = np.arange(1, 11) * 100.0
    pts = gpd.GeoDataFrame(
        {"sector": ["a"] * 5 + ["b"] * 5, "pop_total": pd.array([10] * 10, dtype="Int64")},
        geometry=gpd.points_from_xy(xs, np.zeros(10)),
        crs=CRS,
    )
    fac = gpd.GeoDataFrame(
        {"type": ["bc"], "location_radius_m": [150.0]},
        geometry=gpd.points_from_xy([0.0], [0.0]),
        index=["c"],
        crs=CRS,
    )
    cand = gpd.GeoDataFrame(
        {"name": ["east", "far"]},
        geometry=gpd.points_from_xy([900.0, 5000.0], [0.0, 0.0]),
        index=["k1", "k2"],
        crs=CRS,
    )
    return pts, fac, cand


def test_draw_cover_is_paired_with_the_access_draws() -> None:
    pts, fac, cand = _line_world()
    model = CrowFlies(profile=travel_profile("walk"), detour_factor=1.0, crs=CRS)
    spec = DrawSpec(draws=30, seed=5, speeds={"pop_total": (3.0, 6.0)}, detour=(1.0, 1.4))
    q = RangeQuestion("bc", "pop_total", (4.0,))
    draws = draw_access(model, {"street_points": pts}, fac, [q], spec)
    cover = robust.draw_cover(
        model, draws, fac, cand, facility_type="bc", target_group="pop_total", max_minutes=4.0
    )
    # today's coverage in every draw is the access draws' own
    assert np.allclose(cover.base_load, draws.covered[("bc", "pop_total", 4.0)].sum(axis=1))
    assert np.allclose(cover.total_load, 100.0)
    # a site at 900 m: points within speed × 4 min / detour of it, and not already served
    x = pts.geometry.x.to_numpy()
    for d in range(spec.draws):
        reach = draws.speeds["pop_total"][d] * 1000 / 60 * 4.0
        near_site = np.abs(x - 900.0) * draws.detours[d] <= reach + 1e-9
        new = (cover.covered(["k1"])[1][d]) - cover.base_load[d]
        served = draws.covered[("bc", "pop_total", 4.0)][d].sum()
        assert new <= 10.0 * near_site.sum() + 1e-9
        assert cover.covered(["k1"])[1][d] <= served + 10.0 * near_site.sum() + 1e-9
    # the far site serves no one
    assert np.allclose(cover.covered(["k2"])[1], cover.base_load)
    # only sector b
    only_b = robust.draw_cover(
        model,
        draws,
        fac,
        cand,
        facility_type="bc",
        target_group="pop_total",
        max_minutes=4.0,
        sectors=["b"],
    )
    assert np.allclose(only_b.total_load, 50.0)
    # need-weighted: sector b counts twice
    need = pd.Series({"a": 1.0, "b": 2.0})
    weighted = robust.draw_cover(
        model,
        draws,
        fac,
        cand,
        facility_type="bc",
        target_group="pop_total",
        max_minutes=4.0,
        need=need,
    )
    assert np.allclose(weighted.total_weight, 150.0)
    assert weighted.weight_label == "need × pop_total"
    with pytest.raises(DataError, match="need is unknown for sectors b"):
        robust.draw_cover(
            model,
            draws,
            fac,
            cand,
            facility_type="bc",
            target_group="pop_total",
            max_minutes=4.0,
            need=need.drop("b"),
        )


def test_bad_arguments() -> None:
    cover = robust.CoverDraws.from_problems(_draw_problems(1, draws=2), max_minutes=THR)
    with pytest.raises(DataError, match="objective must be"):
        robust.robust_mclp(cover, p=1, objective="best")  # type: ignore[arg-type]
    with pytest.raises(DataError, match="q must lie"):
        robust.robust_mclp(cover, p=1, objective="quantile", q=0.7)
    with pytest.raises(InfeasibleError, match="only 7 candidate sites"):
        robust.robust_mclp(cover, p=8)
    with pytest.raises(DataError, match="unknown sites"):
        cover.covered(["nowhere"])
    other = lc.LocationProblem.from_matrix(
        pd.DataFrame([[1.0]], index=["a"], columns=["q"]), weights=[1]
    )
    with pytest.raises(DataError, match="other candidate sites"):
        robust.CoverDraws.from_problems([_draw_problems(1, draws=1)[0], other], max_minutes=THR)
