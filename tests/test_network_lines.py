"""Networks from line layers, the Wegenregister, and one network patched with another."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from wijkanalyse import DataError, areas, io
from wijkanalyse.network import StreetNetwork, combine
from wijkanalyse.network.lines import combine_edges, edges_from_lines

CRS = "EPSG:31370"


def _lines(*coords: list[tuple[float, float]], **cols: list[object]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(cols, geometry=[shapely.LineString(c) for c in coords], crs=CRS)


def test_lines_meet_only_where_the_data_say_so() -> None:
    # a street with a vertex at (100, 0), a cross street through it, and a bridge over the
    # street at x = 150 without a shared vertex
    g = _lines(
        [(0, 0), (100, 0), (200, 0)],
        [(100, -100), (100, 0), (100, 100)],
        [(150, -100), (150, 0), (150, 100)],
        bridge=[False, False, True],
    )
    # the bridge has a vertex at (150, 0), but (150, 0) is not a vertex of the street: they
    # do not meet; marked as a bridge, its inner vertex stays its own anyway
    net = StreetNetwork.from_lines(g, separate="bridge")
    assert net.report.components == 2  # the bridge is not reachable from the streets
    d = net.shortest_path_lengths([net.node_ids[0]])
    assert np.isfinite(d.to_numpy()).sum() == 5  # the street and the cross street
    # the same lines with the street cut at x = 150 (a shared vertex) and the bridge
    # unmarked: now they meet
    g2 = _lines(
        [(0, 0), (100, 0), (150, 0), (200, 0)],
        [(100, -100), (100, 0), (100, 100)],
        [(150, -100), (150, 0), (150, 100)],
        bridge=[False, False, True],
    )
    assert StreetNetwork.from_lines(g2).report.components == 1
    # ... unless it is marked as grade-separated
    assert StreetNetwork.from_lines(g2, separate="bridge").report.components == 2


def test_lines_with_node_ids_meet_at_those_nodes_only() -> None:
    # two segments that cross geometrically, joined only at the register's node 7
    g = _lines(
        [(0, 0), (100, 100)],
        [(100, 100), (200, 0)],
        [(0, 100), (50, 50), (100, 0)],  # crosses the first at (50, 50), a shared vertex
        b=[1, 7, 3],
        e=[7, 2, 4],
    )
    nodes, edges = edges_from_lines(g, ends=("b", "e"))
    # nodes: 1, 7, 2, 3, 4 and the third line's own (50, 50): no crossing at (50, 50)
    assert len(nodes) == 6
    assert len(edges) == 4
    net = StreetNetwork.from_lines(g, ends=("b", "e"))
    assert net.report.components == 2


def test_lines_reject_what_cannot_be_streets() -> None:
    pts = gpd.GeoDataFrame(geometry=[shapely.Point(0, 0)], crs=CRS)
    with pytest.raises(DataError, match="only lines can be streets"):
        edges_from_lines(pts)
    geo = _lines([(4.7, 50.88), (4.71, 50.88)]).set_crs("EPSG:4326", allow_override=True)
    with pytest.raises(DataError, match="geographic CRS"):
        edges_from_lines(geo)


def _register_segments(path: Path) -> pd.DataFrame:
    """Read every segment layer of an extract independently of the package (pyogrio)."""
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.endswith("egsegment.shp")]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Measured", UserWarning)  # the register's M values
        frames = [pyogrio.read_dataframe(f"/vsizip/{path}/{n}") for n in names]
    return pd.concat(frames).drop_duplicates("WS_OIDN")


@pytest.mark.parametrize("dataset", ["wegenregister_tienen_2023", "wegenregister_herselt"])
def test_wegenregister_extracts_become_networks(mirror: Path, dataset: str) -> None:
    from wijkanalyse import datasets

    path = datasets.fetch(dataset)
    seg = _register_segments(path)
    net = StreetNetwork.from_wegenregister(path)
    # walking: no motorway (101), no grade-separated ramp (107), tram track (116) or ferry
    usable = seg[
        (seg["STATUS"] == 4) & seg["TGBEP"].isin([1, 5]) & ~seg["MORF"].isin([101, 107, 116, 130])
    ]
    assert net.report.excluded_ways == len(seg) - len(usable)
    kept_km = usable.geometry.length.sum() / 1000
    assert net.report.km + net.report.dropped_km == pytest.approx(kept_km, rel=1e-6)
    # the same segments in networkx, joined at the register's nodes: the same distances
    graph = nx.Graph()
    for row in usable.itertuples():
        coords = np.asarray(row.geometry.coords)[:, :2]
        ids = [f"b{row.B_WK_OIDN}"] + [f"{row.WS_OIDN}:{k}" for k in range(1, len(coords) - 1)]
        ids.append(f"b{row.E_WK_OIDN}")
        for (a, pa), (b, pb) in zip(
            zip(ids[:-1], coords[:-1], strict=True),
            zip(ids[1:], coords[1:], strict=True),
            strict=True,
        ):
            length = float(np.hypot(*(pb - pa)))
            if graph.has_edge(a, b):
                length = min(length, graph[a][b]["weight"])
            graph.add_edge(a, b, weight=length)
    largest = max(nx.connected_components(graph), key=len)
    ends = sorted(n for n in largest if n.startswith("b"))
    assert len(ends) > 10
    # node ids of the package are positions; find them by coordinates
    nodes = net._node_frame()
    xy = {n: None for n in ends[:5]}
    for row in usable.itertuples():
        c = np.asarray(row.geometry.coords)[:, :2]
        for key, p in ((f"b{row.B_WK_OIDN}", c[0]), (f"b{row.E_WK_OIDN}", c[-1])):
            if key in xy and xy[key] is None:
                xy[key] = p
    for src, p in xy.items():
        pos = int(np.argmin(np.hypot(nodes["x"] - p[0], nodes["y"] - p[1])))
        ours = net.shortest_path_lengths([nodes.index[pos]]).iloc[0]
        theirs = nx.single_source_dijkstra_path_length(graph, src, weight="weight")
        for dst in ends:
            q = next(
                np.asarray(r.geometry.coords)[0 if f"b{r.B_WK_OIDN}" == dst else -1, :2]
                for r in usable.itertuples()
                if dst in (f"b{r.B_WK_OIDN}", f"b{r.E_WK_OIDN}")
            )
            qpos = int(np.argmin(np.hypot(nodes["x"] - q[0], nodes["y"] - q[1])))
            assert ours.iloc[qpos] == pytest.approx(theirs[dst], abs=0.01)


@pytest.fixture(scope="module")
def leuven_patched(mirror: Path) -> tuple[StreetNetwork, tuple, gpd.GeoDataFrame]:
    net = StreetNetwork.from_road_graph("leuven_road_graph_2013")
    within = areas.region_polygon(areas.region("24062", vintage=2024)).buffer(3000)
    lines = io.read_street_lines("osm_streets_2025", within=within)
    mine = (net._node_frame(), net.edges())
    theirs = edges_from_lines(lines)
    raw = combine_edges(mine, theirs, labels=("graph", "osm"))
    patched = combine(net, lines, labels=("graph", "osm"))
    return patched, raw, lines


def test_osm_2025_streets_fill_wijgmaal(leuven_patched) -> None:  # type: ignore[no-untyped-def]
    patched, _, _ = leuven_patched
    graph, osm = patched.report.sources
    assert graph.km == pytest.approx(841.1, abs=0.1)
    assert osm.km > 20  # Wijgmaal's streets and the ones around the Oude Markt the graph lacks
    assert osm.connectors > 0
    # Wijgmaal's sector centroids now lie on streets of the combined network
    sectors = io.read_sectors("statbel_sector_centroids_2024")
    wijgmaal = sectors.loc[["24062F40-", "24062F412", "24062F491"]]  # the wijk Wijgmaal
    before = StreetNetwork.from_road_graph("leuven_road_graph_2013").snap(wijgmaal.geometry)
    after = patched.snap(wijgmaal.geometry)
    assert not before["attached"].any()
    assert after["attached"].mean() >= 0.5
    # and the combined network keeps one part: the patch joined the graph
    assert patched.report.dropped_km < 1.0


def test_combined_network_agrees_with_networkx(leuven_patched) -> None:  # type: ignore[no-untyped-def]
    patched, (_nodes, edges, _), _ = leuven_patched
    graph = nx.Graph()
    for u, v, length in zip(edges["u"], edges["v"], edges["length_m"], strict=True):
        if graph.has_edge(u, v):
            length = min(length, graph[u][v]["weight"])
        graph.add_edge(u, v, weight=float(length))
    # from a Wijgmaal node of the patch and a node of the graph in the centre
    osm_nodes = [n for n in patched.node_ids if str(n).startswith("osm:")]
    rng = np.random.default_rng(7)
    graph_node = next(n for n in patched.node_ids if not str(n).startswith("osm:"))
    sources = [*rng.choice(osm_nodes, 2, replace=False), graph_node]
    ours = patched.shortest_path_lengths(sources)
    for src in sources:
        theirs = nx.single_source_dijkstra_path_length(graph, src, weight="weight")
        row = ours.loc[src]
        reached = row[np.isfinite(row)]
        assert len(reached) > 0.99 * len(patched.node_ids)
        got = pd.Series(theirs).reindex(reached.index)
        np.testing.assert_allclose(reached.to_numpy(), got.to_numpy(), rtol=1e-9, atol=1e-6)


def test_register_lines_in_parts_are_merged_or_refused() -> None:
    # one segment stored as two touching parts: merged, its ends at the given nodes
    whole = shapely.MultiLineString([[(0, 0), (100, 0)], [(100, 0), (200, 0)]])
    g = gpd.GeoDataFrame({"b": [1], "e": [2]}, geometry=[whole], crs=CRS)
    net = StreetNetwork.from_lines(g, ends=("b", "e"))
    nodes = net._node_frame()
    start = nodes.index[(nodes["x"] == 0) & (nodes["y"] == 0)][0]
    d = net.shortest_path_lengths([start]).iloc[0]
    assert sorted(d.round(6).tolist()) == [0.0, 100.0, 200.0]
    # parts that do not join cannot be placed between two node ids
    apart = shapely.MultiLineString([[(0, 0), (100, 0)], [(300, 0), (400, 0)]])
    g2 = gpd.GeoDataFrame({"b": [1], "e": [2]}, geometry=[apart], crs=CRS)
    with pytest.raises(DataError, match="parts that do not join"):
        edges_from_lines(g2, ends=("b", "e"))


def test_a_patch_joins_the_street_it_runs_on_not_the_nearest_one() -> None:
    """A patch street runs south onto street B; street A, across a railway, is nearer."""
    primary = _lines(
        [(20, 80), (200, 80)],  # street A, north of the railway
        [(-200, 20), (50, 20), (200, 20)],  # street B, south of it
        [(200, 80), (200, 20)],  # the bridge that joins them, far east
    )
    net = StreetNetwork.from_lines(primary, source="graph")
    assert net.report.components == 1
    # the patch comes from the north to (0, 100), then runs on past A's end (28 m away: its
    # piece counts as covered) onto B, whose street it follows: those pieces are dropped
    patch = _lines([(0, 300), (0, 100), (0, 20), (50, 20)])
    out = combine(net, patch, labels=("graph", "osm"))
    nodes = out._node_frame()
    top = nodes.index[(nodes["x"] == 0) & (nodes["y"] == 300)][0]
    at = {
        name: nodes.index[(nodes["x"] == x) & (nodes["y"] == y)][0]
        for name, (x, y) in {"b": (50, 20), "a": (20, 80)}.items()
    }
    d = out.shortest_path_lengths([top]).iloc[0]
    # 200 m of new street, the dropped piece (80 m) and on to B's node (50 m); A only over
    # the bridge (150 + 60 + 180 m more), not by a link across the railway
    assert d[at["b"]] == pytest.approx(330.0)
    assert d[at["a"]] == pytest.approx(330.0 + 150 + 60 + 180)
    graph, osm = out.report.sources
    assert (graph.km, osm.km, osm.connectors) == (
        pytest.approx(0.64),
        pytest.approx(0.2),
        1,
    )
