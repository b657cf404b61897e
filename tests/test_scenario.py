"""Scenarios: applying changes and the before/after comparison, by hand."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from wijkanalyse import DataError
from wijkanalyse import locate as lc
from wijkanalyse import scenario as sc
from wijkanalyse.network import CrowFlies

CRS = "EPSG:31370"
# straight lines, no detour, 4.8 km/h walking: 80 m per minute
CROW = CrowFlies(detour_factor=1.0, crs=CRS)


def demand() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"pop_total": [100, 300], "wijk": ["W1", "W2"]},
        geometry=[Point(0, 0), Point(4000, 0)],
        index=pd.Index(["s1", "s2"], name="sector"),
        crs=CRS,
    )


def facilities() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"type": ["buurtcentrum", "buurtcentrum"], "name": ["A", "B"]},
        geometry=[Point(400, 0), Point(0, 2400)],
        index=["fA", "fB"],
        crs=CRS,
    )


def added(x: float) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": ["new"]}, geometry=[Point(x, 0)], index=["n1"], crs=CRS)


def test_compare_by_hand() -> None:
    scen = sc.Scenario("nieuw", "buurtcentrum", added(3600), close=("fB",))
    after = scen.apply(facilities())
    assert list(after.index) == ["fA", "n1"]
    out = sc.compare(
        demand(),
        facilities(),
        [scen],
        network=CROW,
        max_minutes=[10],
        by={"wijk": demand()["wijk"], "all": {"stad": ["s1", "s2"]}},
    )
    row = out.set_index(["level", "unit"])
    # s1: 400 m = 5 min before and after; s2: 3.6 km to A = 45 min before, 400 m = 5 after
    assert row.loc[("wijk", "W2"), "mean_minutes_before"] == pytest.approx(45)
    assert row.loc[("wijk", "W2"), "mean_minutes_after"] == pytest.approx(5)
    assert row.loc[("all", "stad"), "covered_before"] == 100
    assert row.loc[("all", "stad"), "covered_after"] == 400
    assert row.loc[("all", "stad"), "share_covered_change"] == pytest.approx(0.75)
    # 2SFCA within 10 min: before A serves 100 people → 1 per 100 = 10 per 1 000 for s1
    assert row.loc[("wijk", "W1"), "fca_before"] == pytest.approx(10)
    assert row.loc[("wijk", "W2"), "fca_after"] == pytest.approx(1000 / 300)
    assert row.loc[("all", "stad"), "mean_minutes_after"] == pytest.approx(5)


def test_from_plan_and_errors() -> None:
    cost = pd.DataFrame([[1.0, 9.0], [9.0, 1.0]], index=["s1", "s2"], columns=["fA", "c1"])
    plan = lc.mclp(
        lc.LocationProblem.from_matrix(cost, weights=[1, 1], existing=["fA"]), p=1, max_minutes=5
    )
    scen = sc.Scenario.from_plan(plan, name="plan", facility_type="buurtcentrum", crs=CRS)
    assert list(scen.add.index) == ["c1"]
    assert scen.source == "plan:mclp p=1"
    with pytest.raises(DataError, match="closes zz, which are not existing buurtcentrum"):
        sc.Scenario("x", "buurtcentrum", added(0).iloc[:0], close=("zz",)).apply(facilities())
    with pytest.raises(DataError, match="adds sites with the labels of existing facilities: fA"):
        sc.Scenario("x", "buurtcentrum", added(0).rename(index={"n1": "fA"})).apply(facilities())
    s = sc.Scenario("x", "buurtcentrum", added(0))
    with pytest.raises(DataError, match="scenario names repeat"):
        sc.compare(demand(), facilities(), [s, s], network=CROW)
    with pytest.raises(DataError, match="lacks the target-group columns pop_65plus"):
        sc.compare(demand(), facilities(), [s], network=CROW, target_groups=["pop_65plus"])


def test_unknown_population_stays_unknown() -> None:
    d = demand()
    d["pop_total"] = pd.array([100, pd.NA], dtype="Int64")
    scen = sc.Scenario("nieuw", "buurtcentrum", added(3600))
    out = sc.compare(
        d, facilities(), [scen], network=CROW, max_minutes=[10], by={"wijk": d["wijk"]}
    )
    row = out.set_index("unit")
    assert pd.isna(row.at["W2", "pop_in_group"])
    assert pd.isna(row.at["W2", "covered_after"])
    assert pd.isna(row.at["W2", "share_covered_after"])
    assert row.at["W1", "covered_after"] == 100


def test_a_planned_centre_counts_only_when_a_scenario_opens_it() -> None:
    fac = gpd.GeoDataFrame(
        {
            "type": ["buurtcentrum"] * 3,
            "name": ["A", "B", "C"],
            "status": ["existing", "planned", "planned"],
        },
        geometry=[Point(400, 0), Point(0, 2400), Point(3600, 0)],
        index=["fA", "fB", "fC"],
        crs=CRS,
    )
    today = sc.Scenario("vandaag", "buurtcentrum", added(0).iloc[:0])
    assert list(today.apply(fac).index) == ["fA"]  # planned centres are not open today
    opened = sc.Scenario("C open", "buurtcentrum", added(0).iloc[:0], open=("fC",))
    assert list(opened.apply(fac).index) == ["fA", "fC"]
    out = sc.compare(
        demand(), fac, [opened], network=CROW, max_minutes=[10], by={"wijk": demand()["wijk"]}
    )
    w2 = out.set_index("unit").loc["W2"]
    # s2 at 4 000 m: 3.6 km to A (45 min) today; 400 m to C (5 min) once C opens
    assert w2["mean_minutes_before"] == pytest.approx(45)
    assert w2["mean_minutes_after"] == pytest.approx(5)
    with pytest.raises(DataError, match="opens fA, which are not planned"):
        sc.Scenario("x", "buurtcentrum", added(0).iloc[:0], open=("fA",)).apply(fac)
    with pytest.raises(DataError, match="closes fC, which are not existing"):
        sc.Scenario("x", "buurtcentrum", added(0).iloc[:0], close=("fC",)).apply(fac)
