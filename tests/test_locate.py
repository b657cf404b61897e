"""Facility location: by hand, against brute force and spopt, invariants and every error."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import itertools
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from conftest import grid_network
from shapely.geometry import Point, box

from wijkanalyse import DataError, InfeasibleError, SchemaError
from wijkanalyse import locate as lc
from wijkanalyse.network import CrowFlies

CRS = "EPSG:31370"

# Minutes by hand. E is an existing facility; X, Y, Z are candidates.
HAND = pd.DataFrame(
    [[2, 12, 9, 20], [15, 3, 11, 20], [20, 14, 4, 6], [25, 20, 13, 5]],
    index=pd.Index(["a", "b", "c", "d"], name="sector"),
    columns=["E", "X", "Y", "Z"],
    dtype=float,
)
WEIGHTS = pd.Series([10.0, 20.0, 30.0, 40.0], index=HAND.index)


def hand(**kw: object) -> lc.LocationProblem:
    return lc.LocationProblem.from_matrix(HAND, weights=WEIGHTS, existing=["E"], **kw)  # type: ignore[arg-type]


def new_sites(plan: lc.Plan) -> set[str]:
    return set(map(str, plan.new_sites))


# --------------------------------------------------------------------------- by hand


def test_mclp_by_hand() -> None:
    prob = hand()
    one = lc.mclp(prob, p=1, max_minutes=10)
    # E covers a (10); Z adds c and d (70)
    assert new_sites(one) == {"Z"}
    assert one.objective == 80
    assert one.status == "optimal"
    assert one.gap == 0
    assert "E" in one.selected.index
    assert bool(one.selected.at["E", "existing"])
    two = lc.mclp(prob, p=2, max_minutes=10)
    assert new_sites(two) == {"X", "Z"}
    assert two.objective == 100
    assert list(two.new_sites) == ["Z", "X"]  # build Z first: it adds 70, X adds 20
    assert two.selected.loc[["Z", "X"], "marginal_gain"].tolist() == [70.0, 20.0]
    assert two.covered.at["load", "share_covered"] == 1.0
    zero = lc.mclp(prob, p=0, max_minutes=10)
    assert zero.objective == 10
    assert not len(zero.new_sites)


def test_lscp_by_hand() -> None:
    plan = lc.lscp(hand(), max_minutes=10)
    # b needs X; d needs Z; then c is covered too
    assert new_sites(plan) == {"X", "Z"}
    assert plan.objective == 2
    assert plan.p is None
    assert plan.assignment["covered"].all()


def test_p_median_by_hand() -> None:
    prob = hand()
    # E alone: 10*2 + 20*15 + 30*20 + 40*25 = 1920; with Z: 20 + 300 + 180 + 200 = 700
    one = lc.p_median(prob, p=1)
    assert new_sites(one) == {"Z"}
    assert one.objective == pytest.approx(700)
    assert one.selected.at["Z", "marginal_gain"] == pytest.approx(1220)
    two = lc.p_median(prob, p=2, max_minutes=10)
    assert new_sites(two) == {"X", "Z"}
    assert two.objective == pytest.approx(460)
    a = two.assignment.set_index("demand")
    assert a.loc[["a", "b", "c", "d"], "site"].tolist() == ["E", "X", "Z", "Z"]
    assert a["minutes"].tolist() == [2, 3, 6, 5]
    assert two.covered.at["load", "mean_minutes"] == pytest.approx(460 / 100)


def test_p_center_by_hand() -> None:
    prob = hand()
    one = lc.p_center(prob, p=1)
    # with Y the longest walk is 13 (d); X gives 20, Z gives 15
    assert new_sites(one) == {"Y"}
    assert one.objective == 13
    two = lc.p_center(prob, p=2)
    assert new_sites(two) == {"X", "Z"}
    assert two.objective == 6


def test_capacities_by_hand() -> None:
    cap = pd.Series([np.inf, np.inf, np.inf, 50.0], index=HAND.columns)
    prob = hand(capacity=cap)
    split = lc.mclp(prob, p=1, max_minutes=10)
    # Z can serve 50 of c (30) and d (40): a 10 + 50
    assert new_sites(split) == {"Z"}
    assert split.objective == pytest.approx(60)
    z = split.assignment[split.assignment["site"] == "Z"]
    assert z["share"].mul(WEIGHTS.reindex(z["demand"]).to_numpy()).sum() == pytest.approx(50)
    whole = lc.mclp(prob, p=1, max_minutes=10, single_source=True)
    assert whole.objective == pytest.approx(50)  # Z takes d (40) whole
    assert set(whole.assignment["share"].dropna()) == {1.0}
    # p-median: everyone must be served; Z takes 50 people at most
    pm = lc.p_median(prob, p=1)
    assert pm.selected["load"].sum() == pytest.approx(100)
    assert (pm.selected["load"] <= cap.reindex(pm.selected.index) + 1e-6).all()


def test_allow_closing() -> None:
    prob = hand()
    kept = lc.mclp(prob, p=0, max_minutes=10)
    assert kept.objective == 10
    assert kept.closed == ()
    moved = lc.mclp(prob, p=0, max_minutes=10, allow_closing=True)
    # one site in all: Z (c and d, 70) beats E (a, 10)
    assert moved.closed == ("E",)
    assert new_sites(moved) == {"Z"}
    assert moved.objective == 70


def test_greedy_and_curve() -> None:
    prob = hand()
    g = lc.greedy(prob, p=3, max_minutes=10)
    # Z (70), then X (20); Y adds nothing, so the ranking stops
    assert list(g.new_sites) == ["Z", "X"]
    assert g.status == "greedy"
    assert np.isnan(g.gap)
    assert any("suffice" in n for n in g.notes)
    gm = lc.greedy(prob, model="p_median", p=2)
    assert list(gm.new_sites) == ["Z", "X"]
    assert gm.objective == pytest.approx(460)
    curve = lc.coverage_curve(prob, max_minutes=10, p_max=3)
    assert curve["exact"].tolist() == [10, 80, 100, 100]
    assert (curve["exact"] >= curve["greedy"] - 1e-9).all()
    assert curve["exact_share"].iloc[-1] == 1.0


def test_plan_frame() -> None:
    frame = lc.mclp(hand(), p=2, max_minutes=10).to_frame()
    for col in ("site_id", "x", "y", "rank", "marginal_gain", "objective", "status", "gap"):
        assert col in frame
    assert frame["site_id"].tolist() == ["Z", "X"]
    assert frame["rank"].tolist() == [1, 2]
    empty = lc.mclp(hand(), p=0, max_minutes=10).to_frame()
    assert len(empty) == 1
    assert empty["site_id"].isna().all()
    assert empty["objective"].iat[0] == 10


# --------------------------------------------------------------------------- brute force


def random_problem(seed: int, n: int = 12, m: int = 8) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    d = rng.uniform(0, 10, (n, 2))
    s = rng.uniform(0, 10, (m, 2))
    cost = np.hypot(d[:, None, 0] - s[None, :, 0], d[:, None, 1] - s[None, :, 1])
    w = rng.integers(1, 50, n).astype(float)
    ex = np.zeros(m, dtype=bool)
    ex[:2] = True
    return cost, w, ex


def brute(cost: np.ndarray, w: np.ndarray, ex: np.ndarray, model: str, p: int, t: float) -> float:
    best = None
    for new in itertools.combinations(np.flatnonzero(~ex), p):
        cols = np.flatnonzero(ex).tolist() + list(new)
        near = cost[:, cols].min(axis=1)
        value = {
            "mclp": float(w[near <= t].sum()),
            "p_median": float((w * near).sum()),
            "p_center": float(near.max()),
        }[model]
        if best is None or (value > best if model == "mclp" else value < best):
            best = value
    assert best is not None
    return best


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("p", [1, 2, 3])
def test_against_brute_force(seed: int, p: int) -> None:
    cost, w, ex = random_problem(seed)
    prob = lc.LocationProblem.from_matrix(cost, weights=w, existing=ex)
    t = 2.5
    assert lc.mclp(prob, p=p, max_minutes=t).objective == pytest.approx(
        brute(cost, w, ex, "mclp", p, t)
    )
    assert lc.p_median(prob, p=p).objective == pytest.approx(brute(cost, w, ex, "p_median", p, t))
    assert lc.p_center(prob, p=p).objective == pytest.approx(brute(cost, w, ex, "p_center", p, t))
    # the smallest cover, by trying every size, at the smallest radius that has one
    r = float(cost.min(axis=1).max())
    plan = lc.lscp(prob, max_minutes=r)
    k = next(
        k
        for k in range(0, 7)
        if any(
            (cost[:, np.r_[np.flatnonzero(ex), list(c)].astype(int)] <= r).any(axis=1).all()
            for c in itertools.combinations(np.flatnonzero(~ex), k)
        )
    )
    assert plan.objective == k


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("allow_closing", [False, True])
def test_p_median_screening_keeps_the_optimum(seed: int, allow_closing: bool) -> None:
    """Sites ruled out by the Lagrangian bound never change the optimum; they shrink the
    model (the full model, unscreened, is the reference)."""
    rng = np.random.default_rng(seed)
    cost, w, ex = random_problem(seed, n=250, m=60)
    w[rng.random(len(w)) < 0.1] = 0.0  # units with no weight still need a site
    prob = lc.LocationProblem.from_matrix(cost, weights=w, existing=ex)
    kw = dict(
        allow_closing=allow_closing,
        time_limit=None,
        mip_gap=0.0,
        single_source=False,
        max_minutes=None,
        radius=None,
    )
    for p in (1, 4):
        full = lc._p_median(prob, p=p, screen=False, **kw)  # type: ignore[arg-type]
        fast = lc._p_median(prob, p=p, screen=True, **kw)  # type: ignore[arg-type]
        assert full.status == fast.status == "optimal"
        assert fast.objective == pytest.approx(full.objective, rel=1e-12)
        ruled = [n for n in fast.notes if "ruled out" in n]
        assert len(ruled) == 1
        assert int(ruled[0].split()[0]) >= 30  # most of the 58 candidates
    # a matrix known only within a limit: units reach few sites, still exact
    limited = lc.LocationProblem.from_matrix(cost, weights=w, existing=ex, max_minutes=6.0)
    full = lc._p_median(limited, p=3, screen=False, **kw)  # type: ignore[arg-type]
    fast = lc._p_median(limited, p=3, screen=True, **kw)  # type: ignore[arg-type]
    assert fast.objective == pytest.approx(full.objective, rel=1e-12)


def test_lagrangian_bound_by_hand() -> None:
    # two units, two candidate sites, one to open; no fixed site. Unit a: 1 min to X,
    # 5 to Y; unit b: 4 to X, 2 to Y; weights 1. Optimum: X (1 + 4 = 5) or Y (5 + 2 = 7).
    rows, cols = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    cost = np.array([1.0, 5.0, 4.0, 2.0])
    base = np.full(2, np.inf)
    chosen, upper = lc._swap_heuristic(rows, cols, cost, base, n_free=2, budget=1)
    assert chosen.tolist() == [0]
    assert upper == 5.0
    ruled_out, bound, best = lc._lagrangian_screen(rows, cols, cost, base, 2, 1, upper)
    assert best == 5.0
    # the LP bound of this instance is the optimum, 5 (e.g. λ = (3, 4)); the optimal site
    # is never ruled out
    assert bound == pytest.approx(5.0, abs=1e-6)
    assert not ruled_out[0]
    # a heuristic plan worse than the optimum is improved by the λ's own plans
    ruled_out, bound, best = lc._lagrangian_screen(rows, cols, cost, base, 2, 1, 7.0)
    assert best == 5.0
    assert bound <= 5.0 + 1e-9
    assert not ruled_out[0]


# --------------------------------------------------------------------------- spopt


def spopt_models():  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pulp
        from spopt.locate import LSCP, MCLP, PCenter, PMedian
    return pulp, MCLP, LSCP, PMedian, PCenter


def cbc(pulp):  # type: ignore[no-untyped-def]
    """CBC from pulp[cbc], by its path: the venv's bin folder need not be on PATH."""
    import cbcbox

    return pulp.COIN_CMD(path=cbcbox.cbc_bin_path(), msg=False)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PuLP 3 warns about spopt's calls
@pytest.mark.parametrize("seed", [11, 12])
def test_against_spopt(seed: int) -> None:
    pulp, MCLP, LSCP, PMedian, PCenter = spopt_models()  # noqa: N806
    cost, w, ex = random_problem(seed, n=40, m=15)
    prob = lc.LocationProblem.from_matrix(cost, weights=w, existing=ex)
    n_ex = int(ex.sum())
    solver = cbc(pulp)

    def solved(model):  # type: ignore[no-untyped-def]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pulp.value(model.solve(solver).problem.objective)

    for p in (1, 3):
        # spopt counts the predefined (existing) facilities in p
        sp = MCLP.from_cost_matrix(
            cost, w, service_radius=2.0, p_facilities=p + n_ex, predefined_facilities_arr=ex
        )
        assert lc.mclp(prob, p=p, max_minutes=2.0).objective == pytest.approx(solved(sp))
        sp = PMedian.from_cost_matrix(cost, w, p_facilities=p + n_ex, predefined_facilities_arr=ex)
        assert lc.p_median(prob, p=p).objective == pytest.approx(solved(sp), rel=1e-9)
        sp = PCenter.from_cost_matrix(cost, p_facilities=p + n_ex, predefined_facilities_arr=ex)
        assert lc.p_center(prob, p=p).objective == pytest.approx(solved(sp), rel=1e-6)
    sp = LSCP.from_cost_matrix(cost, service_radius=4.0, predefined_facilities_arr=ex)
    # spopt's LSCP objective counts the existing facilities as well
    assert lc.lscp(prob, max_minutes=4.0).objective + n_ex == pytest.approx(solved(sp))
    # capacities, one site per demand unit (spopt's assignment is binary)
    cap = np.full(cost.shape[1], w.sum() / 3)
    capped = lc.LocationProblem.from_matrix(cost, weights=w, existing=ex, capacity=cap)
    sp = PMedian.from_cost_matrix(
        cost, w, p_facilities=2 + n_ex, predefined_facilities_arr=ex, facility_capacities=cap
    )
    ours = lc.p_median(capped, p=2, single_source=True)
    assert ours.objective == pytest.approx(solved(sp), rel=1e-9)


# --------------------------------------------------------------------------- invariants


@pytest.mark.parametrize("seed", range(4))
def test_invariants(seed: int) -> None:
    cost, w, ex = random_problem(seed + 100, n=30, m=12)
    prob = lc.LocationProblem.from_matrix(cost, weights=w, existing=ex)
    labels = set(prob.sites[ex])
    previous_cover, previous_time = -1.0, np.inf
    for p in range(0, 5):
        cover = lc.mclp(prob, p=p, max_minutes=2.0)
        median = lc.p_median(prob, p=p)
        assert labels <= set(cover.selected.index)
        assert labels <= set(median.selected.index)
        assert cover.objective >= previous_cover - 1e-9  # more p never lowers coverage
        assert median.objective <= previous_time + 1e-9
        greedy = lc.greedy(prob, p=p, max_minutes=2.0)
        assert cover.objective >= greedy.objective - 1e-9  # exact never below greedy
        assert len(cover.new_sites) <= p
        previous_cover, previous_time = cover.objective, median.objective


# --------------------------------------------------------------------------- errors


def test_errors() -> None:
    prob = hand()
    with pytest.raises(InfeasibleError, match="only 3 candidate sites"):
        lc.mclp(prob, p=4, max_minutes=10)
    with pytest.raises(InfeasibleError, match="no candidate site lies within 2 min"):
        lc.mclp(prob, p=1, max_minutes=2)
    with pytest.raises(
        InfeasibleError, match=r"1 demand units have no site within 4 min: d \(5.0 min\)"
    ):
        lc.lscp(prob, max_minutes=4)
    with pytest.raises(DataError, match="whole number of new sites"):
        lc.mclp(prob, p=1.5, max_minutes=10)  # type: ignore[arg-type]
    with pytest.raises(DataError, match="max_minutes must be positive"):
        lc.mclp(prob, p=1, max_minutes=0)
    with pytest.raises(DataError, match="does not take capacities"):
        lc.p_center(hand(capacity=[1, 1, 1, 1]), p=1)
    limited = hand(max_minutes=10)
    # times beyond 10 min are unknown here, so a mean travel time would flatter: NA
    assert pd.isna(lc.mclp(limited, p=0, max_minutes=10).covered.at["load", "mean_minutes"])
    with pytest.raises(DataError, match="exceeds the limit the travel times were computed with"):
        lc.mclp(limited, p=1, max_minutes=15)
    with pytest.raises(InfeasibleError, match=r"with at most 1 new sites, not every demand unit"):
        lc.p_median(limited, p=1)
    with pytest.raises(InfeasibleError, match=r"demand units d reach no site within the 4-minute"):
        lc.p_median(hand(max_minutes=4), p=1)
    with pytest.raises(DataError, match="weights must be non-negative numbers; missing or invalid"):
        lc.LocationProblem.from_matrix(HAND, weights=[1, np.nan, 1, 1])
    with pytest.raises(DataError, match="weights has 2 values for 4 units"):
        lc.LocationProblem.from_matrix(HAND, weights=[1, 2])
    with pytest.raises(DataError, match="not columns of the cost matrix: Q"):
        lc.LocationProblem.from_matrix(HAND, weights=WEIGHTS, existing=["Q"])
    with pytest.raises(DataError, match="travel times must be finite and non-negative"):
        lc.LocationProblem.from_matrix(-HAND, weights=WEIGHTS)
    with pytest.raises(DataError, match="time_limit must be positive"):
        lc.mclp(prob, p=1, max_minutes=10, time_limit=0)
    with pytest.raises(DataError, match="unknown model 'q'"):
        lc.solve(prob, "q", p=1)  # type: ignore[arg-type]
    with pytest.raises(DataError, match="greedy MCLP needs max_minutes"):
        lc.greedy(prob, p=1)


# --------------------------------------------------------------------------- on a network


def test_candidates_and_problem_on_a_network() -> None:
    net = grid_network()
    demand = gpd.GeoDataFrame(
        {"name": ["A", "B"], "pop_total": [100, 50], "pop_65plus": [10, 5]},
        geometry=[Point(0, 0), Point(400, 400)],
        index=pd.Index(["s1", "s2"], name="sector"),
        crs=CRS,
    )
    cand = lc.candidate_sites(sectors=demand, network=net, grid_m=200)
    # a 5 × 5 grid of 100 m thinned to 200 m cells: cells 0..2 in x and y → 9 nodes
    assert (cand["source"] == "network_node").sum() == 9
    assert set(cand.index[cand["source"] == "sector"]) == {"sector:s1", "sector:s2"}
    assert (cand["snap_m"] == 0).all()
    assert cand["attached"].all()
    left = gpd.GeoDataFrame({"wijk": ["W"]}, geometry=[box(-1, -1, 150, 450)], index=["W"], crs=CRS)
    inside = lc.candidate_sites(sectors=demand, network=net, grid_m=200, within=left)
    assert (inside.geometry.x <= 150).all()
    assert set(inside["area"]) == {"W"}
    existing = gpd.GeoDataFrame({"name": ["old"]}, geometry=[Point(400, 0)], index=["f1"], crs=CRS)
    prob = lc.location_problem(demand, cand, network=net, existing=existing, weight="pop_65plus")
    assert prob.existing.sum() == 1
    assert prob.weight.tolist() == [10, 5]
    dense = prob.to_dense()
    # s1 → f1: 400 m at 4.8 km/h = 5 min; s2 → f1: 400 m
    assert dense.at["s1", "f1"] == pytest.approx(5.0)
    assert dense.at["s2", "f1"] == pytest.approx(5.0)
    plan = lc.p_median(prob, p=1)
    assert plan.selected.loc[plan.new_sites, "x"].notna().all()
    need = pd.Series([1.0, 0.5], index=demand.index)
    weighted = lc.location_problem(demand, cand, network=net, weight="pop_total", need=need)
    assert weighted.weight.tolist() == [100, 25]
    assert weighted.weight_label == "need × pop_total"
    crow = lc.location_problem(demand, cand, network=CrowFlies(crs=CRS), max_minutes=30)
    assert crow.method.startswith("euclidean")


def test_candidate_and_problem_errors() -> None:
    net = grid_network()
    demand = gpd.GeoDataFrame({"pop_total": [1]}, geometry=[Point(0, 0)], index=["s1"], crs=CRS)
    with pytest.raises(DataError, match="give at least one source"):
        lc.candidate_sites()
    with pytest.raises(DataError, match="pass network=... as well"):
        lc.candidate_sites(sectors=demand, grid_m=100)
    with pytest.raises(DataError, match="grid_m must be a positive number"):
        lc.candidate_sites(network=net, grid_m=-5)
    with pytest.raises(DataError, match="sectors must be points"):
        lc.candidate_sites(sectors=demand.set_geometry(demand.buffer(5)))
    cand = lc.candidate_sites(sectors=demand)
    with pytest.raises(SchemaError, match="no population column 'pop_65plus'"):
        lc.location_problem(demand, cand, network=net, weight="pop_65plus")
    clash = cand.rename(index={"sector:s1": "f1"})
    existing = gpd.GeoDataFrame({"name": ["x"]}, geometry=[Point(0, 0)], index=["f1"], crs=CRS)
    with pytest.raises(
        DataError, match="candidate labels equal existing facility labels: f1; relabel"
    ):
        lc.location_problem(demand, clash, network=net, existing=existing)
    with pytest.raises(DataError, match="need must be non-negative"):
        lc.location_problem(demand, cand, network=net, need=pd.Series([-1.0], index=["s1"]))


def test_pairs_are_ordered_by_demand_time_and_site_and_never_repeat() -> None:
    # integer minutes: many ties within a demand unit, broken by the site position
    rng = np.random.default_rng(7)
    cost = rng.integers(0, 4, size=(40, 25)).astype(float)
    cost[rng.random(cost.shape) < 0.2] = np.nan
    prob = lc.LocationProblem.from_matrix(cost, weights=np.ones(40))
    bounds, col, minutes = prob._by_time
    expected = np.lexsort((prob.col, prob.minutes, prob.row))
    np.testing.assert_array_equal(col, prob.col[expected])
    np.testing.assert_array_equal(minutes, prob.minutes[expected])
    np.testing.assert_array_equal(np.diff(bounds), np.bincount(prob.row, minlength=40))
    # the nearest open site, ties to the lowest position, against brute force
    for trial in range(20):
        open_sites = rng.random(25) < (0.05 if trial < 5 else 0.5)
        site, near = prob.nearest(open_sites)
        masked = np.where(open_sites & np.isfinite(cost), cost, np.inf)
        best = masked.min(axis=1)
        reach = np.isfinite(best)
        np.testing.assert_array_equal(site, np.where(reach, masked.argmin(axis=1), -1))
        np.testing.assert_array_equal(near, np.where(reach, best, np.nan))
    # the same pair twice is refused, wherever the copy sits
    row = np.r_[prob.row, prob.row[17]]
    col = np.r_[prob.col, prob.col[17]]
    minutes = np.r_[prob.minutes, 1.0]
    with pytest.raises(DataError, match=r"a \(demand, site\) pair appears twice"):
        dataclasses.replace(prob, row=row, col=col, minutes=minutes)


def test_the_solver_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    # HiGHS writes its banner to the C-level stdout when it is constructed; none of it may
    # reach a terminal, a notebook or a test log
    capfd.readouterr()
    plan = lc.mclp(hand(), p=1, max_minutes=10)
    # solves in several threads at once (Dask's local scheduler) never leave stdout silenced
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        plans = list(pool.map(lambda p: lc.mclp(hand(), p=p, max_minutes=10), [1, 2, 1, 2] * 4))
    print("after")  # the real stdout works again after the solves
    out, err = capfd.readouterr()
    assert plan.status == "optimal"
    assert [pl.objective for pl in plans[:2]] == [80, 100]
    assert out == "after\n"
    assert err == ""
