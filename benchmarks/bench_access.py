"""Time all-sectors-to-nearest-facility on the Leuven road graph: wijkanalyse vs peers.

Run from the checkout:  python benchmarks/bench_access.py [--repeat 5] [--types pharmacy ...]

All libraries answer the same question on the same graph: the walking distance from each of
Leuven's 118 located sector centroids to the nearest facility (OSM 2015 pharmacies, doctors,
schools, supermarkets within Leuven + 3 km, and the city's centres). The sectors and
facilities are first attached to the graph by wijkanalyse (split at their projection on the
nearest street), and that augmented graph is handed to every peer, so the answers must be
identical; the script checks that they are.

* wijkanalyse: ``StreetNetwork.nearest`` (snapping and graph augmentation included), one
  multi-source ``scipy.sparse.csgraph.dijkstra`` with ``min_only``.
* raw scipy: the same Dijkstra call on the prepared CSR matrix (the floor we can reach).
* networkx: ``multi_source_dijkstra_path_length`` on the same graph (graph build not timed).
* pandana (if installed: ``pip install pandana``): contraction hierarchies,
  ``nearest_pois`` (precompute not timed).
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.sparse import csgraph

import wijkanalyse as wa
from wijkanalyse.network import StreetNetwork, _xy


def timed(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--types", nargs="+", default=["pharmacy", "doctors", "school", "supermarket"]
    )
    args = parser.parse_args()

    t0 = time.perf_counter()
    net = StreetNetwork.from_road_graph(off_network="na")
    t_build = time.perf_counter() - t0
    sectors = wa.load_sectors("24062")
    sectors = sectors[sectors.geometry.notna()].geometry
    osm = wa.read_osm_points("osm2015_points", types=args.types)
    osm = osm[osm.geometry.within(wa.municipality_polygon("24062").buffer(3000))]
    centres = wa.read_facilities("leuven_centres_reference")
    facilities = gpd.GeoSeries(pd.concat([osm.geometry, centres.geometry]), crs=net.crs)
    print(f"graph: {net.report}")
    print(f"built in {t_build:.2f} s; {len(sectors)} sectors, {len(facilities)} facilities")

    tracemalloc.start()
    t_ours, ours = timed(lambda: net.nearest(sectors, facilities), args.repeat)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    ours_m = ours["network_m"].astype(float).to_numpy()  # type: ignore[index]

    # the same augmented graph for everyone
    xy = np.concatenate([_xy(sectors), _xy(facilities)])
    att = net._attach(xy)
    s_nodes = att.node[: len(sectors)]
    f_nodes = att.node[len(sectors) :]
    f_nodes = f_nodes[f_nodes >= 0]
    ok = s_nodes >= 0

    def raw() -> np.ndarray:
        dist = csgraph.dijkstra(att.graph, directed=True, indices=f_nodes, min_only=True)
        return dist[s_nodes[ok]]

    t_raw, raw_m = timed(raw, args.repeat)
    rows = [("wijkanalyse", t_ours, ours_m[ok]), ("scipy csgraph (raw)", t_raw, raw_m)]

    import networkx as nx

    g = nx.DiGraph()
    g.add_weighted_edges_from(
        zip(att.tail.tolist(), att.head.tolist(), att.length.tolist(), strict=True)
    )

    def with_networkx() -> np.ndarray:
        d = nx.multi_source_dijkstra_path_length(g, set(f_nodes.tolist()), weight="weight")
        return np.array([d.get(int(n), np.inf) for n in s_nodes[ok]])

    t_nx, nx_m = timed(with_networkx, max(1, args.repeat // 2))
    rows.append(("networkx", t_nx, nx_m))

    try:
        import pandana  # type: ignore[import-not-found]
    except ImportError:
        print("pandana: not installed (pip install pandana); skipped")
    else:
        nodes = pd.DataFrame({"x": att.xy[:, 0], "y": att.xy[:, 1]})
        edges = pd.DataFrame({"from": att.tail, "to": att.head, "w": att.length})
        pnet = pandana.Network(
            nodes["x"], nodes["y"], edges["from"], edges["to"], edges[["w"]], twoway=False
        )
        far = float(np.nanmax(ours_m)) + 1.0
        pnet.set_pois("f", far, 1, att.xy[f_nodes, 0], att.xy[f_nodes, 1])

        def with_pandana() -> np.ndarray:
            res = pnet.nearest_pois(far, "f", num_pois=1)
            return res[1].reindex(s_nodes[ok]).to_numpy(float)

        t_pd, pd_m = timed(with_pandana, args.repeat)
        rows.append(("pandana (all nodes)", t_pd, pd_m))

    print(f"\nall {ok.sum()} sectors → nearest of {len(f_nodes)} facilities, median of runs")
    print(f"{'library':<22}{'seconds':>10}{'vs wijkanalyse':>16}{'max |diff| m':>14}")
    for name, secs, values in rows:
        diff = float(np.nanmax(np.abs(np.asarray(values, float) - ours_m[ok])))
        print(f"{name:<22}{secs:>10.4f}{secs / t_ours:>15.1f}×{diff:>14.2e}")
    print(f"wijkanalyse peak traced memory: {peak:.1f} MiB")


if __name__ == "__main__":
    main()
