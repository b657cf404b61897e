"""Demand points (issue 21, item 1): each sector's counts spread over points, kept exactly."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkanalyse import demand
from wijkanalyse._errors import DataError, SchemaError

CRS = "EPSG:31370"


def _world() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoSeries]:
    # one 200 m × 100 m wijk, two sectors (centroids at x = 50 and 150) and one street along
    # y = 50 from x = 0 to 200: each sector's cell holds 100 m of it
    wijken = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 200, 100)], index=["W"], crs=CRS)
    sectors = gpd.GeoDataFrame(
        {"wijk": ["W", "W"], "pop_total": [7, 2], "pop_65plus": [1, pd.NA]},
        geometry=gpd.points_from_xy([50, 150], [50, 50]),
        index=["a", "b"],
        crs=CRS,
    )
    sectors["pop_65plus"] = sectors["pop_65plus"].astype("Int64")
    streets = gpd.GeoSeries([shapely.LineString([(0, 50), (200, 50)])], crs=CRS)
    return sectors, wijken, streets


def test_street_points_by_hand() -> None:
    sectors, wijken, streets = _world()
    cells = demand.sector_cells(sectors, wijken)
    assert cells.loc["a"].geometry.equals(shapely.box(0, 0, 100, 100))
    assert set(cells["area_method"]) == {"voronoi_in_wijk"}
    pts = demand.demand_points(
        sectors,
        model="street_points",
        groups=["pop_total", "pop_65plus"],
        areas=cells.geometry,
        streets=streets,
        spacing_m=25,
    )
    a = pts[pts["sector"] == "a"]
    # 100 m of street every 25 m: 4 points in the middle of each stretch
    assert sorted(a.geometry.x.round(1)) == [12.5, 37.5, 62.5, 87.5]
    # 7 over 4 points, exactly; the remainder on the middles of 3 equal stretches of the 4
    assert a["pop_total"].tolist() == [2, 1, 2, 2]
    assert a["pop_65plus"].tolist() == [0, 0, 1, 0]
    b = pts[pts["sector"] == "b"]
    assert b["pop_total"].tolist() == [0, 1, 0, 1]
    assert b["pop_65plus"].isna().all()  # withheld stays withheld on every point
    assert set(pts["model"]) == {"street_points"}


def test_grid_centroid_and_fallback() -> None:
    sectors, wijken, _ = _world()
    cells = demand.sector_cells(sectors, wijken)
    grid = demand.demand_points(sectors, model="grid", areas=cells.geometry, cell_m=50)
    # 100 m × 100 m per sector, 50 m cells: 4 centres each
    assert grid.groupby("sector").size().tolist() == [4, 4]
    one = demand.demand_points(sectors)
    assert one["pop_total"].tolist() == [7, 2]
    assert set(one["model"]) == {"centroid"}
    # no street in a sector's area: its centroid, said so
    far = gpd.GeoSeries([shapely.LineString([(0, 500), (10, 500)])], crs=CRS)
    fb = demand.demand_points(sectors, model="street_points", areas=cells.geometry, streets=far)
    assert set(fb["model"]) == {"centroid_fallback"}
    assert fb["pop_total"].tolist() == [7, 2]


def test_bad_requests_are_refused() -> None:
    sectors, _, _ = _world()
    with pytest.raises(SchemaError, match="not one of centroid, street_points, grid"):
        demand.demand_points(sectors, model="homes")  # type: ignore[arg-type]
    with pytest.raises(SchemaError, match="needs each sector's area"):
        demand.demand_points(sectors, model="grid")
    with pytest.raises(SchemaError, match="lack pop_18plus"):
        demand.demand_points(sectors, groups=["pop_18plus"])
    with pytest.raises(DataError, match="cannot be negative"):
        demand.allocate(-1, 3)


@settings(max_examples=60, deadline=None)
@given(
    counts=st.lists(st.integers(0, 5000), min_size=1, max_size=8),
    spacing=st.floats(5, 400),
    seed=st.integers(0, 10_000),
)
def test_totals_are_preserved_exactly(counts: list[int], spacing: float, seed: int) -> None:
    """Whatever the sectors, streets and spacing, every sector's points add up to its count."""
    rng = np.random.default_rng(seed)
    n = len(counts)
    xy = rng.uniform(0, 1000, size=(n, 2))
    sectors = gpd.GeoDataFrame(
        {"wijk": "W", "pop_total": counts},
        geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]),
        index=[f"s{i}" for i in range(n)],
        crs=CRS,
    )
    wijken = gpd.GeoDataFrame(geometry=[shapely.box(-10, -10, 1010, 1010)], index=["W"], crs=CRS)
    ends = rng.uniform(0, 1000, size=(12, 4))
    streets = gpd.GeoSeries([shapely.LineString([(a, b), (c, d)]) for a, b, c, d in ends], crs=CRS)
    cells = demand.sector_cells(sectors, wijken)
    # the cells tile the wijk: their areas add up to it
    assert cells.area.sum() == pytest.approx(wijken.area.sum(), rel=1e-9)
    for model in ("street_points", "grid"):
        pts = demand.demand_points(
            sectors, model=model, areas=cells.geometry, streets=streets, spacing_m=spacing
        )
        got = pts.groupby("sector")["pop_total"].sum().reindex(sectors.index)
        assert got.tolist() == counts
        assert (pts["pop_total"] >= 0).all()


def test_leuven_street_points_keep_the_census(leuven_streets: tuple) -> None:
    sectors, pts = leuven_streets
    got = pts.groupby("sector")[["pop_total", "pop_65plus"]].sum()
    want = sectors[["pop_total", "pop_65plus"]].reindex(got.index)
    assert (got["pop_total"] == want["pop_total"]).all()
    assert (got["pop_65plus"] == want["pop_65plus"]).all()
    assert int(pts["pop_total"].sum()) == 100_947  # 101 032 less the 85 without a sector
    assert len(pts) > 10_000
    # Wijgmaal's sectors have no street in the 2013 graph: their centroids, said so
    wijgmaal = pts[pts["sector"].isin(sectors.index[sectors["wijk"] == "240621"])]
    assert set(wijgmaal["model"]) == {"centroid_fallback"}


@pytest.fixture(scope="module")
def leuven_streets(mirror: object) -> tuple:
    import wijkanalyse as wa
    from wijkanalyse.network import StreetNetwork

    sectors = wa.load_sectors("24062")
    cells = demand.sector_cells(sectors, wa.wijk_areas(2024, gemeente="24062"))
    net = StreetNetwork.from_road_graph("leuven_road_graph_2013")
    pts = demand.demand_points(
        sectors,
        model="street_points",
        groups=["pop_total", "pop_65plus"],
        areas=cells.geometry,
        streets=net.edges(),
    )
    return sectors, pts


def test_user_points_share_a_sector_by_their_weights() -> None:
    """Three addresses in sector a (1, 1 and 2 dwellings), none in b: a's 7 go 2/2/3."""
    sectors, wijken, _ = _world()
    cells = demand.sector_cells(sectors, wijken)
    addresses = gpd.GeoDataFrame(
        {"wooneenheden": [1, 1, 2]},
        geometry=gpd.points_from_xy([10, 40, 90], [20, 60, 80]),
        crs=CRS,
    )
    # placed by location in the sector areas (no sector column in the file)
    given = demand.user_points(addresses, cells.geometry, weight_col="wooneenheden")
    assert given["sector"].tolist() == ["a", "a", "a"]
    pts = demand.demand_points(
        sectors, model="points", groups=["pop_total", "pop_65plus"], points=given
    )
    a = pts[pts["sector"] == "a"]
    # quotas 1.75, 1.75, 3.5: floors 1, 1, 3 and the remaining 2 to the largest fractions
    assert a["pop_total"].tolist() == [2, 2, 3]
    assert int(a["pop_65plus"].sum()) == 1
    b = pts[pts["sector"] == "b"]
    assert b["model"].tolist() == ["centroid_fallback"]  # no address in b: its centre
    assert b["pop_total"].tolist() == [2]
    # real sector polygons are indexed by a named index; a point on the border between a
    # and b goes to one of them, not lost
    named = cells.geometry.rename_axis("sector")
    on_border = addresses.assign(geometry=gpd.points_from_xy([10, 40, 100], [20, 60, 50]))
    assert demand.user_points(on_border, named)["sector"].tolist() == ["a", "a", "a"]
    # with a sector column, the file says where each point belongs
    coded = addresses.assign(sector=["a", "b", "b"])
    placed = demand.user_points(coded)
    assert placed["sector"].tolist() == ["a", "b", "b"]
    with pytest.raises(DataError, match="missing or negative"):
        demand.user_points(addresses.assign(w=[1, -1, 2]), cells.geometry, weight_col="w")
    with pytest.raises(SchemaError, match="needs points="):
        demand.demand_points(sectors, model="points")


@settings(max_examples=60, deadline=None)
@given(
    total=st.integers(0, 5000),
    weights=st.lists(st.floats(0, 50, allow_nan=False), min_size=1, max_size=30),
)
def test_weighted_allocation_keeps_the_total(total: int, weights: list[float]) -> None:
    out = demand.allocate_weighted(total, np.array(weights))
    assert int(out.sum()) == total
    assert (out >= 0).all()
    w = np.array(weights)
    if w.sum() > 0:
        # each point within one person of its exact quota
        assert np.all(np.abs(out - total * w / w.sum()) < 1 + 1e-9)
