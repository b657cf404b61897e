"""Accessibility measures: by hand, against PySAL access, and invariants."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

import wijkanalyse as wa
from wijkanalyse import DataError, SchemaError
from wijkanalyse import access as ac
from wijkanalyse.network import CrowFlies, StreetNetwork

CRS = "EPSG:31370"


def demand_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"pop_total": [100, 200, 50], "pop_65plus": [10, 40, 0], "wijk": ["W1", "W1", "W2"]},
        geometry=[Point(0, 0), Point(1000, 0), Point(3000, 0)],
        index=pd.Index(["s1", "s2", "s3"], name="sector"),
        crs=CRS,
    )


def supply_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"type": ["buurtcentrum", "buurtcentrum"], "capacity": [2.0, 1.0]},
        geometry=[Point(0, 0), Point(1000, 0)],
        index=["c1", "c2"],
        crs=CRS,
    )


def od_frame() -> pd.DataFrame:
    # minutes, by hand: s1-c1 0, s1-c2 5, s2-c1 5, s2-c2 0, s3-c2 25
    return pd.DataFrame(
        {
            "origin": ["s1", "s1", "s2", "s2", "s3"],
            "destination": ["c1", "c2", "c1", "c2", "c2"],
            "minutes": [0.0, 5.0, 5.0, 0.0, 25.0],
        }
    )


def test_two_step_fca_by_hand() -> None:
    d, s = demand_frame(), supply_frame()
    out = ac.two_step_fca(d, s, od=od_frame(), capacity_col="capacity", max_minutes=10, per=1)
    # R_c1 = 2 / (100 + 200), R_c2 = 1 / 300; A_s1 = A_s2 = 3/300; s3 reaches nothing
    assert out["s1"] == pytest.approx(0.01)
    assert out["s2"] == pytest.approx(0.01)
    assert out["s3"] == 0
    per1000 = ac.two_step_fca(d, s, od=od_frame(), capacity_col="capacity", max_minutes=10)
    assert per1000["s1"] == pytest.approx(10.0)


def test_enhanced_two_step_fca_by_hand() -> None:
    d, s = demand_frame(), supply_frame()
    steps = {4: 1.0, 30: 0.5}
    out = ac.enhanced_two_step_fca(d, s, od=od_frame(), capacity_col="capacity", steps=steps, per=1)
    # W_c1 = 100·1 + 200·0.5 = 200 → R1 = 0.01; W_c2 = 100·0.5 + 200·1 + 50·0.5 = 275
    r1, r2 = 2 / 200, 1 / 275
    assert out["s1"] == pytest.approx(r1 * 1 + r2 * 0.5)
    assert out["s3"] == pytest.approx(r2 * 0.5)
    gauss = ac.enhanced_two_step_fca(
        d, s, od=od_frame(), decay="gaussian", sigma=10.0, max_minutes=30, per=1
    )
    w5 = np.exp(-25 / 200)
    w25 = np.exp(-625 / 200)
    r1 = 1 / (100 + 200 * w5)
    r2 = 1 / (100 * w5 + 200 + 50 * w25)
    assert gauss["s3"] == pytest.approx(r2 * w25)
    assert gauss["s1"] == pytest.approx(r1 + r2 * w5)


def test_gravity_by_hand() -> None:
    d, s = demand_frame(), supply_frame()
    out = ac.gravity(d, s, od=od_frame(), capacity_col="capacity", decay="exponential", beta=0.1)
    assert out["s1"] == pytest.approx(2 + np.exp(-0.5))
    assert out["s3"] == pytest.approx(np.exp(-2.5))
    power = ac.gravity(d, s, od=od_frame(), decay="power", beta=1.0, min_minutes=1.0)
    assert power["s1"] == pytest.approx(1 + 1 / 5)


def test_coverage_by_hand_and_its_bounds() -> None:
    d, s = demand_frame(), supply_frame()
    crow = CrowFlies(detour_factor=1.0)  # 80 m per minute
    cov = ac.coverage(
        d,
        s,
        network=crow,
        max_minutes=[5, 40],
        target_groups=["pop_total", "pop_65plus"],
        by="wijk",
    )
    row = cov[(cov["target_group"] == "pop_total") & (cov["threshold_minutes"] == 5)]
    assert row.loc["W1", "pop_covered"] == 300
    assert row.loc["W2", "pop_covered"] == 0  # 2 000 m = 25 min
    assert row.loc["W2", "share_covered"] == 0
    wide = cov[(cov["target_group"] == "pop_total") & (cov["threshold_minutes"] == 40)]
    assert wide.loc["W2", "share_covered"] == 1
    assert (cov["pop_covered"] <= cov["pop_in_group"]).all()
    assert cov["share_covered"].between(0, 1).all()
    assert set(cov["method"]) == {"euclidean_x1"}


def test_equity_by_hand() -> None:
    v = pd.Series([1.0, 2.0, 3.0, 10.0], index=list("abcd"))
    p = pd.Series([1, 1, 1, 1], index=list("abcd"))
    e = ac.equity(v, p, threshold=2.5)
    # brute-force population-weighted Gini: Σ Σ w w |x - y| / (2 W² μ)
    x, w = v.to_numpy(), p.to_numpy(float)
    brute = (w[:, None] * w[None, :] * np.abs(x[:, None] - x[None, :])).sum() / (
        2 * w.sum() ** 2 * (x * w).sum() / w.sum()
    )
    assert e["gini"] == pytest.approx(brute)
    assert e["mean"] == pytest.approx(4.0)
    assert e["share_beyond"] == pytest.approx(0.5)
    assert e["median"] == 2.0
    assert e["p90"] == 10.0
    # Palma: the top 10 % of people are 0.4 of person d (4 of 16); the bottom 40 % are
    # person a and 0.6 of person b (1 + 1.2 of 16)
    assert e["palma"] == pytest.approx(4.0 / 2.2)
    # weights act like repeated people
    rep = ac.equity(pd.Series([1.0, 1.0, 3.0]), pd.Series([1, 1, 1]))
    grouped = ac.equity(pd.Series([1.0, 3.0]), pd.Series([2, 1]))
    assert grouped["gini"] == pytest.approx(rep["gini"])
    empty = ac.equity(pd.Series([np.nan]), pd.Series([5]))
    assert empty.isna().all()


def test_coverage_gaps_by_hand() -> None:
    minutes = pd.Series([5.0, 20.0, 30.0, 12.0], index=["a", "b", "c", "d"])
    pop = pd.Series([10, 20, 30, 40], index=minutes.index)
    groups = pd.Series(["W1", "W1", "W2", "W2"], index=minutes.index)
    need = pd.Series({"W1": 1.0, "W2": 5.0})
    gaps = ac.coverage_gaps(need, minutes, pop, threshold=15, groups=groups)
    assert gaps.loc["W1", "pop_affected"] == 20
    assert gaps.loc["W1", "share_not_covered"] == pytest.approx(20 / 30)
    assert gaps.loc["W2", "share_not_covered"] == pytest.approx(30 / 70)
    assert gaps.loc["W2", "need_pct"] == 1.0
    assert gaps.loc["W2", "gap_score"] == pytest.approx(30 / 70)
    assert gaps.loc["W1", "gap_score"] == pytest.approx(0.5 * 20 / 30)
    assert list(gaps.index) == ["W2", "W1"]
    assert gaps.loc["W1", "mean_minutes"] == pytest.approx((50 + 400) / 30)
    sectors = ac.coverage_gaps(
        pd.Series({"a": 1.0, "b": 2.0, "c": 3.0, "d": 4.0}), minutes, pop, threshold=15
    )
    assert pd.isna(sectors.loc["a", "gap_rank"])  # covered: no gap
    areas = ac.aggregate_gaps(sectors, {"A": ["a", "b"], "B": ["b", "c"]})
    assert areas.loc["A", "pop_affected"] == 20
    assert areas.loc["A", "need_pct"] == pytest.approx((0.25 * 10 + 0.5 * 20) / 30)
    with pytest.raises(DataError, match="not in the sector table"):
        ac.aggregate_gaps(sectors, {"X": ["zz"]})


def test_errors_name_the_fix() -> None:
    d, s = demand_frame(), supply_frame()
    with pytest.raises(SchemaError, match="capacity column 'beds'"):
        ac.two_step_fca(d, s, od=od_frame(), capacity_col="beds")
    with pytest.raises(SchemaError, match="no population column 'pop_kids'"):
        ac.two_step_fca(d, s, od=od_frame(), demand_col="pop_kids")
    with pytest.raises(DataError, match="sigma"):
        ac.two_step_fca(d, s, od=od_frame(), decay="gaussian")
    with pytest.raises(DataError, match=r"network=\.\.\.\) or a precomputed od"):
        ac.two_step_fca(d, s)
    bad = od_frame().assign(origin=["s1", "s1", "s2", "s2", "zz"])
    with pytest.raises(DataError, match="origins not in demand: zz"):
        ac.two_step_fca(d, s, od=bad)
    bad = od_frame().assign(destination=["c1", "qq", "c1", "qq", "c2"])
    with pytest.raises(DataError, match="destinations not in supply: qq"):
        ac.gravity(d, s, od=bad)
    bad = od_frame().assign(minutes=[1.0, -2.0, 3.0, 4.0, 5.0])
    with pytest.raises(DataError, match="travel times must be non-negative"):
        ac.two_step_fca(d, s, od=bad)
    # an ODMatrix with a label the demand does not have is refused the same way
    from wijkanalyse.network import CrowFlies

    extra = pd.concat([d, d.iloc[[0]].set_axis(["s9"])])
    od = CrowFlies(detour_factor=1.0).od_matrix(extra, s, max_minutes=60)
    with pytest.raises(DataError, match="origins not in demand: s9"):
        ac.two_step_fca(d, s, od=od)
    poly = d.set_geometry(d.buffer(10))
    with pytest.raises(DataError, match="as_point='centroid'"):
        ac.demand_points(poly)
    pts_ = ac.demand_points(poly, as_point="representative_point")
    assert (pts_.geom_type == "Point").all()
    # the old name of the option still works, and says that it will go
    with pytest.warns(FutureWarning, match=r"demand_point=\.\.\.\) is now as_point"):
        old = ac.demand_points(poly, demand_point="representative_point")
    assert old.geometry.geom_equals(pts_.geometry).all()
    with pytest.raises(DataError, match="give as_point only"):
        ac.demand_points(poly, as_point="centroid", demand_point="centroid")
    with pytest.raises(SchemaError, match="lack the column 'type'"):
        ac.nearest_facility(d, s.drop(columns="type"), network=CrowFlies())


def test_adding_a_facility_never_lowers_coverage() -> None:
    d, s = demand_frame(), supply_frame()
    crow = CrowFlies()
    more = pd.concat(
        [
            s,
            gpd.GeoDataFrame(
                {"type": ["buurtcentrum"], "capacity": [1.0]},
                geometry=[Point(3000, 100)],
                index=["c3"],
                crs=CRS,
            ),
        ]
    )
    before = ac.coverage(d, s, network=crow, max_minutes=[5, 10, 30], by="wijk")
    after = ac.coverage(d, more, network=crow, max_minutes=[5, 10, 30], by="wijk")
    assert (after["pop_covered"].to_numpy() >= before["pop_covered"].to_numpy()).all()
    assert after["pop_covered"].sum() > before["pop_covered"].sum()


# --------------------------------------------------------------------------- vs PySAL access


@pytest.fixture(scope="module")
def leuven_od(mirror: Path) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, object]:
    net = StreetNetwork.from_road_graph()
    sectors = wa.load_sectors("24062")
    sectors = sectors[sectors.geometry.notna()]
    fac = wa.read_osm_points("osm2015_points", types=["pharmacy", "doctors"])
    fac = fac[fac.geometry.within(wa.municipality_polygon("24062").buffer(3000))].copy()
    fac["capacity"] = np.arange(len(fac)) % 3 + 1.0
    return sectors, fac, net.od_matrix(sectors, fac, max_minutes=30)


@pytest.mark.integration
def test_two_step_fca_equals_pysal_access(leuven_od: tuple) -> None:  # type: ignore[type-arg]
    access = pytest.importorskip("access")
    sectors, fac, od = leuven_od
    cost = od.to_frame()[["origin", "destination", "minutes"]]
    demand = pd.DataFrame({"geoid": sectors.index, "pop": sectors["pop_total"].astype(float)})
    supply = pd.DataFrame({"geoid": fac.index, "cap": fac["capacity"].to_numpy()})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the peer's own deprecation warnings
        peer = access.Access(
            demand_df=demand,
            demand_index="geoid",
            demand_value="pop",
            supply_df=supply,
            supply_index="geoid",
            supply_value="cap",
            cost_df=cost,
            cost_origin="origin",
            cost_dest="destination",
            cost_name="minutes",
        )
        p2 = peer.two_stage_fca(name="a", max_cost=10).iloc[:, 0]
        p3 = peer.enhanced_two_stage_fca(name="b").iloc[:, 0]
        p4 = peer.enhanced_two_stage_fca(
            name="c", weight_fn=access.weights.gaussian(10), max_cost=25
        ).iloc[:, 0]
        p5 = peer.weighted_catchment(
            name="d", weight_fn=access.weights.gravity(1, -1, min_dist=1)
        ).iloc[:, 0]
    kw = {"od": od, "capacity_col": "capacity", "per": 1}
    ours = {
        "2sfca": (ac.two_step_fca(sectors, fac, max_minutes=10, **kw), p2),
        "e2sfca": (ac.enhanced_two_step_fca(sectors, fac, **kw), p3),
        "gauss": (
            ac.enhanced_two_step_fca(
                sectors, fac, decay="gaussian", sigma=10, max_minutes=25, **kw
            ),
            p4,
        ),
        "gravity": (
            ac.gravity(
                sectors,
                fac,
                od=od,
                capacity_col="capacity",
                decay="power",
                beta=1,
                max_minutes=None,
            ),
            p5,
        ),
    }
    for name, (mine, ref) in ours.items():
        ref = ref.reindex(mine.index)
        both = ref.notna()
        assert both.sum() > 50, name
        np.testing.assert_allclose(
            mine[both].astype(float), ref[both].astype(float), rtol=1e-12, atol=0, err_msg=name
        )
        # where the peer has no row, no facility is in reach: ours says 0, not NA
        assert (mine[~both] == 0).all(), name


def test_points_off_the_network_without_fallback_stay_na() -> None:
    nodes = pd.DataFrame({"x": [0.0, 1000.0], "y": [0.0, 0.0]}, index=["A", "B"])
    net = StreetNetwork.from_edges(
        nodes,
        pd.DataFrame({"u": ["A"], "v": ["B"]}),
        crs=CRS,
        max_snap_m=100.0,
        off_network="na",
    )
    d = demand_frame().set_geometry([Point(0, 0), Point(500, 10), Point(500, 900)], crs=CRS)
    s = supply_frame()
    out = ac.two_step_fca(d, s, network=net, max_minutes=20)
    assert out.notna().tolist() == [True, True, False]  # s3 is 900 m off the street: NA, not 0
    grav = ac.gravity(d, s, network=net)
    assert pd.isna(grav["s3"])
    assert grav["s1"] > 0
