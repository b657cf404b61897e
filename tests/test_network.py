"""Street networks: building, snapping, shortest paths, service areas, peers and invariants."""

from __future__ import annotations

import itertools
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import grid_network
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

import wijkanalyse as wa
from wijkanalyse import CRSError, DataError, SchemaError
from wijkanalyse.network import BIKE, WALK, CrowFlies, StreetNetwork, travel_profile

CRS = "EPSG:31370"


def pts(coords: dict[str, tuple[float, float]]) -> gpd.GeoSeries:
    return gpd.GeoSeries([Point(x, y) for x, y in coords.values()], index=list(coords), crs=CRS)


def line_network(**kw: object) -> StreetNetwork:
    """A-B-C-D along the x axis, 100 m apart, plus a spur B-E of 50 m to the north."""
    nodes = pd.DataFrame(
        {"x": [0.0, 100.0, 200.0, 300.0, 100.0], "y": [0.0, 0.0, 0.0, 0.0, 50.0]},
        index=list("ABCDE"),
    )
    edges = pd.DataFrame({"u": list("ABCB"), "v": list("BCDE")})
    return StreetNetwork.from_edges(nodes, edges, crs=CRS, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- by hand


def test_snapping_to_the_edge_walks_the_snap_distance() -> None:
    net = line_network()
    home = pts({"home": (150.0, 20.0)})  # 20 m north of the middle of B-C
    snap = net.snap(home).loc["home"]
    assert {snap["u"], snap["v"]} == {"B", "C"}
    assert snap["snap_m"] == pytest.approx(20.0)
    assert (snap["x_snap"], snap["y_snap"]) == (pytest.approx(150.0), pytest.approx(0.0))
    shop = pts({"shop": (300.0, 0.0)})
    row = net.nearest(home, shop).loc["home"]
    # 20 m to the street, 50 m to C, 100 m to D (the shop is on node D)
    assert row["network_m"] == pytest.approx(170.0)
    assert row["minutes"] == pytest.approx(170.0 / (4.8 * 1000 / 60))
    assert row["euclid_m"] == pytest.approx(np.hypot(150, 20))
    assert row["snap_m"] == pytest.approx(20.0)
    assert row["method"] == "network"


def test_two_points_on_one_edge_go_straight_along_it() -> None:
    net = line_network()
    a = pts({"a": (120.0, 5.0)})
    b = pts({"b": (180.0, -5.0)})
    # not via B or C: 5 + 60 + 5
    assert net.nearest(a, b).loc["a", "network_m"] == pytest.approx(70.0)
    od = net.od_matrix(a, b).to_dense("network_m")
    assert od.loc["a", "b"] == pytest.approx(70.0)


def test_nearest_picks_the_nearest_by_network_not_by_straight_line() -> None:
    net = line_network()
    home = pts({"home": (100.0, 40.0)})  # on the spur B-E
    # x is 60 m away in a straight line but 40 + 60 + 40 = 140 m on the network;
    # y is 98 m away in a straight line and 40 + 90 = 130 m on the network
    dests = pts({"x": (160.0, 40.0), "y": (10.0, 0.0)})
    out = net.nearest(home, dests).loc["home"]
    assert out["nearest_id"] == "y"
    assert out["network_m"] == pytest.approx(130.0)
    assert out["euclid_m"] == pytest.approx(np.hypot(90, 40))
    assert out["detour_ratio"] == pytest.approx(130.0 / np.hypot(90, 40))


def test_max_minutes_limits_the_search_and_says_why() -> None:
    net = line_network()
    home = pts({"home": (0.0, 0.0)})
    shop = pts({"shop": (300.0, 0.0)})
    out = net.nearest(home, shop, max_minutes=3.0)  # 240 m < 300 m
    assert out.loc["home", "nearest_id"] is pd.NA or pd.isna(out.loc["home", "nearest_id"])
    assert out.loc["home", "reason"] == "none_within_limit"
    assert pd.isna(out.loc["home", "minutes"])
    assert len(net.od_matrix(home, shop, max_minutes=3.0)) == 0
    assert len(net.od_matrix(home, shop, max_minutes=4.0)) == 1


def test_points_far_from_the_street_are_flagged_and_fall_back_labelled() -> None:
    net = line_network(max_snap_m=100.0)
    far = pts({"far": (0.0, 400.0)})
    shop = pts({"shop": (300.0, 0.0)})
    assert not net.snap(far).loc["far", "attached"]
    row = net.nearest(far, shop).loc["far"]
    assert row["method"] == "euclidean_x1.3"
    assert row["network_m"] == pytest.approx(500.0 * 1.3)
    strict = net.with_options(off_network="na")
    row = strict.nearest(far, shop).loc["far"]
    assert pd.isna(row["minutes"])
    assert row["reason"] == "off_network"
    od = strict.od_matrix(far, shop)
    assert len(od) == 0
    assert od.origin_ok is not None
    assert not od.origin_ok[0]


def test_one_way_streets_bind_cyclists_not_walkers() -> None:
    nodes = pd.DataFrame(
        {"x": [0.0, 100.0, 100.0, 0.0], "y": [0.0, 0.0, 100.0, 100.0]}, index=list("ABCD")
    )
    # A square; A->B is one-way, the rest two-way
    edges = pd.DataFrame(
        {"u": list("ABCD"), "v": list("BCDA"), "oneway": [True, False, False, False]}
    )
    walk = StreetNetwork.from_edges(nodes, edges, crs=CRS)
    bike = StreetNetwork.from_edges(nodes, edges, crs=CRS, profile="bike")
    a, b = pts({"a": (0.0, 0.0)}), pts({"b": (100.0, 0.0)})
    assert walk.nearest(b, a).loc["b", "network_m"] == pytest.approx(100.0)
    assert bike.nearest(b, a).loc["b", "network_m"] == pytest.approx(300.0)
    assert bike.nearest(a, b).loc["a", "network_m"] == pytest.approx(100.0)
    assert bike.edges()["oneway"].sum() == 1


def test_a_loop_hanging_from_one_junction() -> None:
    # K-J spur of 100 m; a 100 m square loop J-B-C-D-J whose corners have two neighbours
    # each, so the loop is one chain from J back to J. Cyclists may ride it only J→B→C→D→J.
    nodes = pd.DataFrame(
        {"x": [-100.0, 0.0, 100.0, 100.0, 0.0], "y": [0.0, 0.0, 0.0, 100.0, 100.0]},
        index=list("KJBCD"),
    )
    edges = pd.DataFrame(
        {"u": list("KJBCD"), "v": list("JBCDJ"), "oneway": [False, True, True, True, True]}
    )
    walk = StreetNetwork.from_edges(nodes, edges, crs=CRS)
    bike = StreetNetwork.from_edges(nodes, edges, crs=CRS, profile="bike")
    home = pts({"home": (100.0, 50.0)})  # on B-C
    k, top = pts({"k": (-100.0, 0.0)}), pts({"top": (50.0, 100.0)})  # on C-D
    # walking: the short way round to J (via B), then the spur
    assert walk.nearest(home, k).loc["home", "network_m"] == pytest.approx(250.0)
    # cycling: on round the loop via C and D
    assert bike.nearest(home, k).loc["home", "network_m"] == pytest.approx(350.0)
    # along the loop without passing J, both ways on foot; by bike only forward
    assert walk.nearest(home, top).loc["home", "network_m"] == pytest.approx(100.0)
    assert bike.nearest(home, top).loc["home", "network_m"] == pytest.approx(100.0)
    assert bike.nearest(top, home).loc["top", "network_m"] == pytest.approx(300.0)
    od = bike.od_matrix(pd.concat([home, top]), pd.concat([home, top, k])).to_dense("network_m")
    assert od.loc["top", "home"] == pytest.approx(300.0)
    assert od.loc["home", "top"] == pytest.approx(100.0)
    assert od.loc["top", "k"] == pytest.approx(250.0)  # 50 to D, 100 to J, 100 to K
    assert od.loc["home", "home"] == pytest.approx(0.0)


def test_snapped_points_are_remembered_and_the_network_still_pickles() -> None:
    import pickle

    net = line_network()
    homes = pts({"a": (120.0, 5.0), "b": (250.0, -10.0)})
    shop = pts({"s": (300.0, 0.0)})
    first = net.nearest(homes, shop)
    _lock, memo = net._snap_memo
    assert len(memo) == 2  # the homes and the shop
    pd.testing.assert_frame_equal(net.nearest(homes, shop), first)
    assert len(memo) == 2
    moved = homes.translate(xoff=1.0)  # other coordinates: snapped anew
    # 5 m to the street at x = 121, then 179 m to the shop on D
    assert net.nearest(moved, shop).loc["a", "network_m"] == pytest.approx(184.0)
    for k in range(40):  # bounded
        net.nearest(homes.translate(yoff=k / 100), shop)
    assert len(memo) <= 16
    copy = pickle.loads(pickle.dumps(net))
    pd.testing.assert_frame_equal(copy.nearest(homes, shop), first)


def test_a_network_read_back_from_a_pickle_keeps_its_arrays_read_only() -> None:
    import pickle

    net = line_network()
    net.nearest(pts({"a": (120.0, 5.0)}), pts({"s": (300.0, 0.0)}))  # fills the caches
    copy = pickle.loads(pickle.dumps(net))  # as a Dask worker gets it
    # the graph, the contracted chains and the snapping trees are derived from these once
    for name in ("x", "y", "tail", "head", "length_m"):
        with pytest.raises(ValueError, match="read-only"):
            getattr(copy, name)[0] = 0


def test_largest_component_is_kept_and_the_rest_reported() -> None:
    # A-B (150 m) is cut off from C-D-E (2 × 100 m), the largest component
    nodes = pd.DataFrame(
        {"x": [0.0, 100.0, 500.0, 600.0, 700.0], "y": [0.0] * 5}, index=list("ABCDE")
    )
    edges = pd.DataFrame(
        {"u": ["A", "C", "D"], "v": ["B", "D", "E"], "length_m": [150.0, 100.0, 100.0]}
    )
    net = StreetNetwork.from_edges(nodes, edges, crs=CRS)
    assert list(net.node_ids) == ["C", "D", "E"]
    assert net.report.components == 2
    assert net.report.dropped_nodes == 2
    assert net.report.dropped_km == pytest.approx(0.15)
    assert net.report.km == pytest.approx(0.2)


def test_parallel_edges_keep_the_shortest() -> None:
    nodes = pd.DataFrame({"x": [0.0, 100.0], "y": [0.0, 0.0]}, index=["A", "B"])
    edges = pd.DataFrame(
        {"u": ["A", "A", "B"], "v": ["B", "B", "A"], "length_m": [130.0, 110.0, 120.0]}
    )
    net = StreetNetwork.from_edges(nodes, edges, crs=CRS)
    d = net.shortest_path_lengths(["A"])
    assert d.loc["A", "B"] == pytest.approx(110.0)


def test_service_area_of_a_straight_street() -> None:
    net = line_network()
    fac = pts({"f": (0.0, 0.0)})
    # 2.5 min at 80 m/min = 200 m: A-B-C, and the spur B-E (50 m) completely
    areas = net.service_areas(fac, minutes=[2.5], buffer_m=10.0)
    assert len(areas) == 1
    geom = areas.geometry.iloc[0]
    assert geom.contains(Point(195.0, 0.0))
    assert geom.contains(Point(100.0, 55.0))
    assert not geom.contains(Point(215.0, 0.0))
    expected = shapely.union_all(
        [shapely.LineString([(0, 0), (200, 0)]), shapely.LineString([(100, 0), (100, 50)])]
    ).buffer(10.0, quad_segs=4)
    assert geom.symmetric_difference(expected).area < 5.0  # round caps differ slightly
    assert areas["area_km2"].iloc[0] == pytest.approx(expected.area / 1e6, rel=1e-3)


def test_street_lines_drop_the_copy_of_a_two_way_street() -> None:
    from wijkanalyse.network import _street_lines

    start = np.array([[0.0, 0.0], [100.0, 0.0], [100.0, 0.0], [100.0, 0.0]])
    end = np.array([[100.0, 0.0], [0.0, 0.0], [200.0, 0.0], [100.0, 50.0]])
    merged = _street_lines(start, end)
    # A-B and B-A are one street (without the dedupe the length would be 350 m)
    assert merged.length == pytest.approx(250.0)
    assert shapely.get_num_geometries(merged) == 3  # B joins three pieces: nothing to merge
    chain = _street_lines(start[[0, 2]], end[[0, 2]])
    assert chain.equals(shapely.LineString([(0, 0), (100, 0), (200, 0)]))  # A-B-C merged


def test_reach_polygon_is_the_buffer_of_all_pieces() -> None:
    from wijkanalyse.network._routes import _reach_polygon

    rng = np.random.default_rng(3)
    start = rng.uniform(0, 1000, size=(300, 2))
    end = start + rng.uniform(-120, 120, size=(300, 2))
    lines = shapely.multilinestrings(shapely.linestrings(np.stack([start, end], axis=1)))
    whole = shapely.buffer(lines, 25.0, quad_segs=4)  # one buffer of everything, as before
    got = _reach_polygon(lines, 25.0)
    assert got.symmetric_difference(whole).area < 1e-6 * whole.area
    assert got.area == pytest.approx(whole.area, rel=1e-9)


def test_service_areas_grow_with_time() -> None:
    net = grid_network()
    fac = pts({"f": (200.0, 200.0)})
    areas = net.service_areas(fac, minutes=[1, 2, 4])
    assert list(areas["minutes"]) == [1.0, 2.0, 4.0]
    assert areas["area_km2"].is_monotonic_increasing
    assert areas.geometry.iloc[1].buffer(1e-6).contains(areas.geometry.iloc[0])


def test_crow_flies_is_labelled_and_matches_the_straight_line() -> None:
    a = pts({"a": (0.0, 0.0), "b": (1000.0, 0.0)})
    f = pts({"f": (300.0, 400.0)})
    crow = CrowFlies(detour_factor=1.25)
    out = crow.nearest(a, f)
    assert out.loc["a", "network_m"] == pytest.approx(625.0)
    assert set(out["method"]) == {"euclidean_x1.25"}
    od = crow.od_matrix(a, f, max_minutes=625.0 / 80.0 + 1e-9)
    assert list(od.to_frame()["origin"]) == ["a"]
    circles = crow.service_areas(f, minutes=[10])
    assert circles["area_km2"].iloc[0] == pytest.approx(np.pi * (800 / 1.25) ** 2 / 1e6, rel=1e-3)


# --------------------------------------------------------------------------- errors


def test_bad_inputs_are_refused_clearly() -> None:
    net = line_network()
    with pytest.raises(CRSError, match="geographic CRS"):
        net.nearest(gpd.GeoSeries([Point(4.7, 50.9)], crs="EPSG:4326"), pts({"f": (0, 0)}))
    with pytest.raises(CRSError, match=r"EPSG:3812.*to_crs"):
        net.nearest(gpd.GeoSeries([Point(650000, 670000)], crs="EPSG:3812"), pts({"f": (0, 0)}))
    poly = gpd.GeoSeries([shapely.box(0, 0, 10, 10)], crs=CRS)
    with pytest.raises(DataError, match="representative_point"):
        net.nearest(poly, pts({"f": (0, 0)}))
    dup = gpd.GeoSeries([Point(0, 0), Point(1, 1)], index=["a", "a"], crs=CRS)
    with pytest.raises(DataError, match="more than once"):
        net.nearest(dup, pts({"f": (0, 0)}))
    with pytest.raises(DataError, match="max_minutes"):
        net.nearest(pts({"a": (0, 0)}), pts({"f": (0, 0)}), max_minutes=-1)
    with pytest.raises(DataError, match="unknown travel profile 'swim'"):
        travel_profile("swim")
    with pytest.raises(DataError, match="speed_kmh"):
        travel_profile("walk", speed_kmh=0)
    with pytest.raises(DataError, match="detour_factor"):
        CrowFlies(detour_factor=0.5)
    nodes = pd.DataFrame({"x": [0.0], "y": [0.0]}, index=["A"])
    with pytest.raises(SchemaError, match="lack columns u, v"):
        StreetNetwork.from_edges(nodes, pd.DataFrame({"a": [1]}), crs=CRS)
    with pytest.raises(DataError, match="unknown nodes"):
        StreetNetwork.from_edges(nodes, pd.DataFrame({"u": ["A"], "v": ["Z"]}), crs=CRS)
    with pytest.raises(CRSError, match="no CRS"):
        StreetNetwork.from_edges(nodes, pd.DataFrame({"u": ["A"], "v": ["A"]}))
    with pytest.raises(CRSError, match="geographic"):
        StreetNetwork.from_edges(nodes, pd.DataFrame({"u": ["A"], "v": ["A"]}), crs="EPSG:4326")


def test_osm_file_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="does not exist"):
        StreetNetwork.from_osm(tmp_path / "nothing.osm")


# --------------------------------------------------------------------------- invariants


@settings(max_examples=40, deadline=None)
@given(
    homes=st.lists(st.tuples(st.floats(-50, 450), st.floats(-50, 450)), min_size=1, max_size=8),
    facs=st.lists(st.tuples(st.floats(-50, 450), st.floats(-50, 450)), min_size=1, max_size=4),
    extra=st.tuples(st.floats(-50, 450), st.floats(-50, 450)),
    limit=st.floats(1.0, 12.0),
)
def test_adding_a_facility_never_raises_a_travel_time(
    homes: list[tuple[float, float]],
    facs: list[tuple[float, float]],
    extra: tuple[float, float],
    limit: float,
) -> None:
    net = GRID
    h = pts({f"h{i}": xy for i, xy in enumerate(homes)})
    f = pts({f"f{i}": xy for i, xy in enumerate(facs)})
    f2 = pts({**{f"f{i}": xy for i, xy in enumerate(facs)}, "new": extra})
    before = net.nearest(h, f)["network_m"].astype(float)
    after = net.nearest(h, f2)["network_m"].astype(float)
    assert (after <= before + 1e-9).all()
    # the nearest equals the row minimum of the full OD matrix
    od = net.od_matrix(h, f).to_dense("network_m").min(axis=1)
    np.testing.assert_allclose(before.to_numpy(), od.to_numpy(), rtol=0, atol=1e-9)
    # covered within a limit never shrinks either
    within_b = net.nearest(h, f, max_minutes=limit)["minutes"].notna()
    within_a = net.nearest(h, f2, max_minutes=limit)["minutes"].notna()
    assert (within_a | ~within_b).all()


GRID = grid_network()


def chain_network(seed: int, profile: str) -> StreetNetwork:
    """A 4 × 4 grid with streets cut into 1–3 bends (nodes of degree 2), some streets
    missing and some one-way: many chains, some blocked halfway for cyclists."""
    rng = np.random.default_rng(seed)
    xs, ys, us, vs, ones = [], [], [], [], []
    ids: dict[tuple[int, int], str] = {}
    for i, j in itertools.product(range(4), range(4)):
        ids[i, j] = f"{i}-{j}"
        xs.append(i * 100.0)
        ys.append(j * 100.0)
    names = list(ids.values())
    for (i, j), (di, dj) in itertools.product(ids, [(1, 0), (0, 1)]):
        if (i + di, j + dj) not in ids or rng.random() < 0.15:
            continue
        a, b = ids[i, j], ids[i + di, j + dj]
        bends = int(rng.integers(0, 3))
        chain = [a]
        for k in range(bends):
            name = f"{a}/{b}/{k}"
            f = (k + 1) / (bends + 1)
            names.append(name)
            xs.append(i * 100.0 + di * 100.0 * f + rng.normal(0, 8))
            ys.append(j * 100.0 + dj * 100.0 * f + rng.normal(0, 8))
            chain.append(name)
        chain.append(b)
        for u, v in itertools.pairwise(chain):
            us.append(u)
            vs.append(v)
            ones.append(bool(rng.random() < 0.3))
    nodes = pd.DataFrame({"x": xs, "y": ys}, index=names)
    edges = pd.DataFrame({"u": us, "v": vs, "oneway": ones})
    return StreetNetwork.from_edges(nodes, edges, crs=CRS, profile=profile, off_network="na")


def split_digraph(net: StreetNetwork, points: gpd.GeoSeries) -> nx.DiGraph:
    """The network in networkx with every attached point inserted on its street, built
    from the public ``edges()`` and ``snap()`` only."""
    g = nx.DiGraph()
    snap = net.snap(points)
    snap = snap[snap["attached"]]
    on = {uv: grp for uv, grp in snap.groupby(["u", "v"], sort=False)}
    for u, v, length, oneway in net.edges()[["u", "v", "length_m", "oneway"]].itertuples(
        index=False
    ):
        # snap() measures t from its own u; edges() turns a one-way street its way round
        # points at the same spot share one node
        spots: dict[float, list[str]] = {}
        if (u, v) in on:
            for k, t in on[u, v]["t"].items():
                spots.setdefault(t, []).append(k)
        if (v, u) in on:
            for k, t in on[v, u]["t"].items():
                spots.setdefault(1.0 - t, []).append(k)
        inner = [(t, f"q:{u}:{v}:{t!r}") for t in sorted(spots)]
        for t, q in inner:
            for k in spots[t]:
                d = float(snap.at[k, "snap_m"])
                g.add_edge(f"p:{k}", q, w=d)
                g.add_edge(q, f"p:{k}", w=d)
        chain = [(0.0, u), *inner, (1.0, v)]
        for (t0, a), (t1, b) in itertools.pairwise(chain):
            g.add_edge(a, b, w=length * (t1 - t0))
            if not oneway:
                g.add_edge(b, a, w=length * (t1 - t0))
    return g


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    profile=st.sampled_from(["walk", "bike"]),
    spots=st.lists(st.tuples(st.floats(-20, 320), st.floats(-20, 320)), min_size=4, max_size=30),
    limit=st.sampled_from([None, 1.0, 3.0]),
)
def test_contracted_search_equals_networkx_on_the_split_graph(
    seed: int, profile: str, spots: list[tuple[float, float]], limit: float | None
) -> None:
    """Chains of degree-2 nodes are contracted for the search; the answers must be those
    of a plain search on the graph with every point inserted (networkx), one-way streets
    halfway along a chain and several points on one chain included."""
    net = chain_network(seed, profile)
    half = len(spots) // 2
    homes = pts({f"h{i}": xy for i, xy in enumerate(spots[:half])})
    facs = pts({f"f{i}": xy for i, xy in enumerate(spots[half:])})
    g = split_digraph(net, pd.concat([homes, facs]))
    rev = g.reverse(copy=False)
    expected = pd.DataFrame(np.nan, index=homes.index, columns=facs.index)
    for f in facs.index:
        if f"p:{f}" not in g:
            continue
        dist = nx.single_source_dijkstra_path_length(rev, f"p:{f}", weight="w")
        for h in homes.index:
            expected.loc[h, f] = dist.get(f"p:{h}", np.nan)
    limit_m = np.inf if limit is None else limit * net.profile.metres_per_minute
    expected = expected.where(expected <= limit_m)
    od = net.od_matrix(homes, facs, max_minutes=limit).to_dense("network_m")
    np.testing.assert_allclose(od.to_numpy(float), expected.to_numpy(float), atol=1e-6)
    near = net.nearest(homes, facs, max_minutes=limit)
    np.testing.assert_allclose(
        near["network_m"].astype(float).to_numpy(), expected.min(axis=1).to_numpy(), atol=1e-6
    )
    found = near["nearest_id"].notna()
    chosen = [expected.at[h, f] for h, f in near.loc[found, "nearest_id"].items()]
    np.testing.assert_allclose(chosen, near.loc[found, "network_m"].astype(float), atol=1e-6)


# --------------------------------------------------------------------------- OSM readers


@pytest.mark.integration
def test_osm_xml_walking_network_includes_footways(mirror: Path) -> None:
    walk = StreetNetwork.from_osm("osm_tervuursevest_2016")
    bike = StreetNetwork.from_osm("osm_tervuursevest_2016", profile="bike")
    assert walk.profile is WALK or walk.profile.name == "walk"
    assert walk.report.km > bike.report.km > 10
    assert walk.report.excluded_ways > 0
    # steps are for walkers only: a walking route exists where cyclists must go round
    assert walk.n_nodes > bike.n_nodes
    edges = walk.edges()
    assert edges.crs.equals(wa.settings.working_crs)
    assert edges["oneway"].sum() == 0  # walkers ignore one-way streets
    assert bike.edges()["oneway"].sum() > 0
    assert BIKE.speed_kmh == 15.0


@pytest.mark.integration
def test_osm_pbf_shipped_by_pyrosm_reads() -> None:
    pyrosm = pytest.importorskip("pyrosm")
    path = pyrosm.get_data("test_pbf")
    net = StreetNetwork.from_osm(path, crs="EPSG:3067")
    assert net.report.nodes > 500
    assert net.report.km > 20
    # walking is symmetric: distances from A to B equal B to A
    ids = list(net.node_ids[:5])
    d = net.shortest_path_lengths(ids)[ids]
    np.testing.assert_allclose(d.to_numpy(), d.to_numpy().T)
    # the same ways read by pyrosm have (nearly) the same total length
    osm = pyrosm.OSM(path)
    ways = osm.get_network(network_type="walking")
    assert ways is not None
    assert len(ways) > 0


# --------------------------------------------------------------------------- Leuven vs networkx


@pytest.fixture(scope="module")
def leuven_net(mirror: Path) -> StreetNetwork:
    return StreetNetwork.from_road_graph()


@pytest.fixture(scope="module")
def leuven_points(mirror: Path) -> tuple[gpd.GeoSeries, gpd.GeoSeries]:
    sectors = wa.load_sectors("24062")
    sectors = sectors[sectors.geometry.notna()]
    centres = wa.read_facilities("leuven_centres_reference")
    osm = wa.read_osm_points("osm2015_points", types=["pharmacy"])
    osm = osm[osm.geometry.within(wa.municipality_polygon("24062").buffer(3000))]
    facilities = pd.concat([centres.geometry, osm.geometry])
    return sectors.geometry, gpd.GeoSeries(facilities, crs=CRS)


@pytest.mark.integration
def test_leuven_road_graph_is_read_with_motorways_out(leuven_net: StreetNetwork) -> None:
    rep = leuven_net.report
    assert rep.nodes > 20_000
    assert rep.excluded_ways == 269  # the arcs with a 120 km/h limit
    assert 800 < rep.km < 900
    assert rep.components > 1
    assert rep.dropped_nodes < 200


@pytest.mark.integration
def test_leuven_distances_equal_networkx(
    leuven_net: StreetNetwork, leuven_points: tuple[gpd.GeoSeries, gpd.GeoSeries]
) -> None:
    """All sector→facility distances, against networkx on an independently split graph."""
    sectors, facilities = leuven_points
    net = leuven_net.with_options(off_network="na")
    od = net.od_matrix(sectors, facilities).to_dense("network_m")
    # build the same graph in networkx from the source file, not from our arrays
    frames = wa.read_road_graph()
    e = frames.edges
    fast = (e["maxspeed_kmh"] > 90).fillna(False).astype(bool)
    g = nx.Graph()
    for u, v, length in zip(e["u"][~fast], e["v"][~fast], e["length_m"][~fast], strict=True):
        if u != v and (not g.has_edge(u, v) or g[u][v]["w"] > length):
            g.add_edge(u, v, w=float(length))
    keep = max(nx.connected_components(g), key=len)
    g = g.subgraph(keep).copy()
    # insert every attached point on its street, at its projection, in order along it
    both = pd.concat([sectors, facilities])
    snap = net.snap(both)
    snap = snap[snap["attached"]]
    for (u, v), grp in snap.groupby(["u", "v"], sort=False):
        length = g[u][v]["w"]
        g.remove_edge(u, v)
        chain = [(0.0, u), *sorted((t, f"q:{k}") for k, t in grp["t"].items()), (1.0, v)]
        for (t0, a), (t1, b) in itertools.pairwise(chain):
            g.add_edge(a, b, w=length * (t1 - t0))
        for k, d in grp["snap_m"].items():
            g.add_edge(f"p:{k}", f"q:{k}", w=float(d))
    checked = 0
    for fac in facilities.index:
        if fac not in snap.index:
            assert od[fac].isna().all()
            continue
        dist = nx.single_source_dijkstra_path_length(g, f"p:{fac}", weight="w")
        for sec in sectors.index:
            expected = dist.get(f"p:{sec}", np.nan)
            assert od.at[sec, fac] == pytest.approx(expected, abs=1e-6, nan_ok=True)
            checked += 1
    assert checked > 118 * 50


@pytest.mark.integration
def test_leuven_euclidean_nearest_equals_sjoin_nearest(
    leuven_points: tuple[gpd.GeoSeries, gpd.GeoSeries],
) -> None:
    sectors, facilities = leuven_points
    ours = CrowFlies(detour_factor=1.0).nearest(sectors, facilities)
    peer = gpd.sjoin_nearest(
        gpd.GeoDataFrame(geometry=sectors),
        gpd.GeoDataFrame(geometry=facilities),
        distance_col="d",
    )
    peer = peer[~peer.index.duplicated()]
    np.testing.assert_allclose(
        ours["euclid_m"].astype(float).to_numpy(), peer["d"].reindex(ours.index).to_numpy()
    )


@pytest.mark.integration
def test_leuven_snap_distance_is_the_distance_to_the_nearest_street(
    leuven_net: StreetNetwork, leuven_points: tuple[gpd.GeoSeries, gpd.GeoSeries]
) -> None:
    sectors, _ = leuven_points
    snap = leuven_net.snap(sectors)
    streets = leuven_net.edges()
    peer = gpd.sjoin_nearest(gpd.GeoDataFrame(geometry=sectors), streets, distance_col="d")
    peer = peer[~peer.index.duplicated()]
    np.testing.assert_allclose(snap["snap_m"], peer["d"].reindex(snap.index), atol=1e-6)
    # the sectors of Wijgmaal lie beyond the graph's northern edge: flagged, not attached
    wijk = wa.load_sectors("24062")["wijk"]
    off = snap.index[~snap["attached"]]
    assert set(wijk[off]) <= {"240621", "240622"}
    assert (wijk[off] == "240621").sum() == 3


def test_od_pairs_at_distance_zero_are_kept() -> None:
    # a facility exactly at a home is a pair at 0 m, stored, not dropped as a sparse zero
    homes = pts({"a": (0.0, 0.0), "b": (500.0, 0.0)})
    fac = pts({"f": (0.0, 0.0)})
    od = CrowFlies().od_matrix(homes, fac, max_minutes=1.0)
    frame = od.to_frame()
    assert list(frame["origin"]) == ["a"]
    assert frame["network_m"].tolist() == [0.0]
    assert od.to_sparse().nnz == 1
    assert line_network().od_matrix(homes, fac, max_minutes=1.0).to_frame()["minutes"].tolist() == [
        0.0
    ]


# --------------------------------------------------------------------------- edge lengths


def test_zero_and_short_edge_lengths_are_repaired_from_the_straight_line() -> None:
    # A-B-C is a 300 m detour; the shortcut A-C (straight line 200 m) claims 0 m, then 50 m
    nodes = pd.DataFrame({"x": [0.0, 100.0, 200.0], "y": [0.0, 100.0, 0.0]}, index=list("ABC"))
    for claimed in (0.0, 50.0, np.nan, -5.0):
        edges = pd.DataFrame(
            {"u": ["A", "B", "A"], "v": ["B", "C", "C"], "length_m": [150.0, 150.0, claimed]}
        )
        with pytest.warns(
            wa.DataWarning,
            match=r"network 'edges': 1 edges \(0\.20 km by their geometry\) have a length_m that "
            r"is missing, negative, zero",
        ):
            net = StreetNetwork.from_edges(nodes, edges, crs=CRS)
        assert net.shortest_path_lengths(["A"]).loc["A", "C"] == pytest.approx(200.0)
        row = net.nearest(pts({"h": (0.0, 0.0)}), pts({"f": (200.0, 0.0)})).loc["h"]
        assert row["network_m"] == pytest.approx(200.0)
        assert row["network_m"] >= row["euclid_m"]


def test_edge_line_geometry_is_the_reference_when_given() -> None:
    nodes = pd.DataFrame({"x": [0.0, 100.0], "y": [0.0, 0.0]}, index=["A", "B"])
    bend = shapely.LineString([(0, 0), (50, 50), (100, 0)])  # 141.4 m
    edges = gpd.GeoDataFrame({"u": ["A"], "v": ["B"], "length_m": [0.0]}, geometry=[bend], crs=CRS)
    with pytest.warns(wa.DataWarning, match=r"1 edges \(0\.14 km by their geometry\)"):
        net = StreetNetwork.from_edges(nodes, edges, crs=CRS)
    assert net.length_m.min() == pytest.approx(100 * np.sqrt(2))
    # without length_m the line's own length is used, silently
    net = StreetNetwork.from_edges(nodes, edges.drop(columns="length_m"), crs=CRS)
    assert net.length_m.min() == pytest.approx(100 * np.sqrt(2))
    # rounding to the centimetre is no error: raised to the straight line without a word
    rounded = pd.DataFrame({"u": ["A"], "v": ["B"], "length_m": [99.995]})
    assert StreetNetwork.from_edges(nodes, rounded, crs=CRS).length_m.min() == 100.0


def test_a_distance_shorter_than_the_straight_line_is_a_bug_not_a_result() -> None:
    from wijkanalyse.network import ODMatrix, check_not_shorter

    with pytest.raises(AssertionError, match=r"1 travel distances are shorter than the straight"):
        check_not_shorter(np.array([10.0, 99.0]), np.array([5.0, 100.0]))
    with pytest.raises(AssertionError, match=r"a->x: 90\.00 m < 100\.00 m"):
        ODMatrix(
            origins=pd.Index(["a"]),
            destinations=pd.Index(["x"]),
            row=np.array([0]),
            col=np.array([0]),
            network_m=np.array([90.0]),
            euclid_m=np.array([100.0]),
            fallback=np.array([False]),
            metres_per_minute=80.0,
            method_network="network",
            method_fallback="euclidean",
        )


@settings(max_examples=40, deadline=None)
@given(
    homes=st.lists(st.tuples(st.floats(-80, 480), st.floats(-80, 480)), min_size=1, max_size=8),
    facs=st.lists(st.tuples(st.floats(-80, 480), st.floats(-80, 480)), min_size=1, max_size=4),
    snap=st.sampled_from([5.0, 40.0, 300.0]),
    off=st.sampled_from(["euclidean", "na"]),
)
def test_network_distance_is_never_shorter_than_the_straight_line(
    homes: list[tuple[float, float]],
    facs: list[tuple[float, float]],
    snap: float,
    off: str,
) -> None:
    net = GRID.with_options(max_snap_m=snap, off_network=off)  # type: ignore[arg-type]
    h = pts({f"h{i}": xy for i, xy in enumerate(homes)})
    f = pts({f"f{i}": xy for i, xy in enumerate(facs)})
    near = net.nearest(h, f)
    both = near["network_m"].notna()
    assert (near.loc[both, "network_m"] >= near.loc[both, "euclid_m"] - 1e-6).all()
    od = net.od_matrix(h, f).to_frame()
    assert (od["network_m"] >= od["euclid_m"] - 1e-6).all()


def test_detour_calibrated_on_the_networks_own_routes() -> None:
    from wijkanalyse.network import calibrate_detour

    # one straight street of 30 nodes 100 m apart: every route is its straight line
    nodes = pd.DataFrame({"x": [100.0 * i for i in range(30)], "y": [0.0] * 30})
    edges = pd.DataFrame({"u": range(29), "v": range(1, 30)})
    line = StreetNetwork.from_edges(nodes, edges, crs="EPSG:31370")
    cal = calibrate_detour(line, min_m=200, max_m=1000)
    assert (cal.factor, cal.p25, cal.p75) == (1.0, 1.0, 1.0)
    # Leuven's road graph: routes of 200 m - 2 km are about 1.4 times the straight line
    net = StreetNetwork.from_road_graph("leuven_road_graph_2013")
    leuven = calibrate_detour(net)
    assert 1.3 <= leuven.factor <= 1.5
    assert leuven.p25 < leuven.factor < leuven.p75
    assert leuven.n_pairs == 10_000
    assert calibrate_detour(net) == leuven  # seeded
    with pytest.raises(DataError, match="no two connected nodes"):
        calibrate_detour(line, min_m=5000, max_m=9000)
