"""Street-point coverage of the Leuven example recomputed independently on a few wijken.

The recomputation shares nothing with the package's routing: its own snapping (shapely's
nearest line and projection on the network's edges), its own graph (networkx) and its own
count. It should give the same people within reach as ``coverage_wijken.csv``.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely

from wijkanalyse.study import RunResult

WIJKEN = ("Vaartkom", "Kareelveld", "Heverlee Oost", "Wijgmaal")


def _attach(graph: nx.Graph, lines: np.ndarray, ends: pd.DataFrame, pts: np.ndarray, tag: str):
    """Add each point to ``graph`` as a node on its nearest line; return the snap lengths."""
    tree = shapely.STRtree(lines)
    geoms = shapely.points(pts)
    idx = tree.nearest(geoms)
    snap = np.empty(len(pts))
    alongs = np.empty(len(pts))
    for k, (g, i) in enumerate(zip(geoms, idx, strict=True)):
        line = lines[i]
        along = line.project(g)
        q = line.interpolate(along)
        snap[k], alongs[k] = g.distance(q), along
        u, v = ends.iloc[i]["u"], ends.iloc[i]["v"]
        node = f"{tag}{k}"
        graph.add_edge(node, u, weight=along)
        graph.add_edge(node, v, weight=line.length - along)
    return snap, np.asarray(idx), alongs


@pytest.mark.parametrize("wijk_name", WIJKEN)
def test_street_point_coverage_by_hand(leuven_run: RunResult, wijk_name: str) -> None:
    acc = leuven_run.access
    assert acc is not None
    net = acc.model
    edges = net.edges()
    lines = edges.geometry.to_numpy()
    fac = leuven_run.data.facilities
    centres = fac[(fac["type"] == "buurtcentrum") & (fac["status"] == "existing")]
    pts = acc.demand
    names = leuven_run.data.wijken["wijk_name"]
    code = names.index[names == wijk_name][0]
    mine = pts[pts["wijk"] == code]
    assert len(mine) > 20  # street points, not one centroid
    graph = nx.Graph()
    for u, v, w in zip(edges["u"], edges["v"], edges["length_m"], strict=True):
        graph.add_edge(u, v, weight=float(w))
    fxy = np.column_stack([centres.geometry.x, centres.geometry.y])
    f_snap, f_line, f_along = _attach(graph, lines, edges, fxy, "f")
    # one source behind every centre on the network, each at its own snap walk
    for k in range(len(fxy)):
        if f_snap[k] <= net.max_snap_m:
            graph.add_edge("S", f"f{k}", weight=float(f_snap[k]))
    best = nx.single_source_dijkstra_path_length(graph, "S", weight="weight")
    pxy = np.column_stack([mine.geometry.x, mine.geometry.y])
    sub = nx.Graph()
    p_snap, p_line, p_along = _attach(sub, lines, edges, pxy, "p")
    metres = np.full(len(mine), np.inf)
    for k in range(len(mine)):
        if p_snap[k] > net.max_snap_m:
            continue
        node = f"p{k}"
        # the point's node joins its line's two ends: the nearest centre through either
        for nb in sub.neighbors(node):
            if nb in best:
                metres[k] = min(metres[k], sub[node][nb]["weight"] + best[nb] + p_snap[k])
        # a centre on the same street piece: straight along it
        for f in np.flatnonzero((f_line == p_line[k]) & (f_snap <= net.max_snap_m)):
            direct = abs(p_along[k] - f_along[f]) + f_snap[f] + p_snap[k]
            metres[k] = min(metres[k], direct)
    # points off the network, or a centre off it: the straight line × the detour factor
    euclid = np.hypot(pxy[:, None, 0] - fxy[None, :, 0], pxy[:, None, 1] - fxy[None, :, 1])
    off = p_snap > net.max_snap_m
    metres[off] = euclid[off].min(axis=1) * net.detour_factor
    far_centres = f_snap > net.max_snap_m
    if far_centres.any():
        metres = np.minimum(metres, euclid[:, far_centres].min(axis=1) * net.detour_factor)
    minutes = metres / (4.8 * 1000 / 60)
    pop = mine["pop_total"].astype(float).to_numpy()
    within = minutes <= 10
    cov = acc.coverage
    row = cov[
        (cov.index == code)
        & (cov["facility_type"] == "buurtcentrum")
        & (cov["threshold_minutes"] == 10)
    ].iloc[0]
    # points within a hair of 10 minutes may fall either way (floating point): allow them
    edge = np.abs(minutes - 10) < 1e-6
    lo, hi = pop[within & ~edge].sum(), pop[within | edge].sum()
    assert lo <= row["pop_covered"] <= hi
    assert row["pop_in_group"] == pop.sum()


def test_the_ranges_hold_the_point_estimate_mostly(leuven_run: RunResult) -> None:
    """The nominal inputs are one possible draw: most shares lie within their range."""
    cov = leuven_run.access.coverage
    ok = cov[["share_covered", "share_covered_p05", "share_covered_p95"]].dropna()
    inside = (ok["share_covered"] >= ok["share_covered_p05"] - 0.02) & (
        ok["share_covered"] <= ok["share_covered_p95"] + 0.02
    )
    assert inside.mean() >= 0.8
