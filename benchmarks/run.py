"""All benchmarks in one process, on the same inputs, next to the peer libraries.

Run ``python -m benchmarks`` (``--quick`` for a short run, ``--only CASE ...`` for some
cases). Every case times wijkanalyse and its peers on identical inputs, prints the median
time of the repeats, the ratio (peer / wijkanalyse: above 1 means wijkanalyse is faster),
the peak traced memory of one wijkanalyse run, and whether the answers agree. The table is
also written to ``benchmarks/results/<date>.csv`` (git-ignored).

Cases:

* ``nearest``: every located Leuven sector to the nearest facility on the Leuven road graph
  (walking); raw ``scipy.sparse.csgraph`` on the same prepared graph, networkx, pandana if
  installed.
* ``od``: the sector × facility travel-time matrix within 15 minutes; networkx with a cutoff.
* ``e2sfca``: enhanced 2SFCA on synthetic demand × supply (10 000 × 1 000, quick 2 000 × 200)
  with the same cost table; PySAL ``access``.
* ``mclp``, ``p_median``: 5 new sites with 10 existing kept on random instances (5 000 × 1 000
  for MCLP, 2 000 × 400 for p-median; quick 500 × 100); spopt with PuLP + CBC.
* ``index_mc``: the index Monte Carlo over every 2024 sector of Flanders (1 000 draws; quick
  200); a per-draw recomputation, extrapolated.
* ``need_index``: the need index of the Leuven example (preset ``deprivatie``) over every 2024
  sector of Flanders with flags, shrinkage, choice sensitivity and data uncertainty (1 000
  draws each; quick 200), in a fresh process (target: under 10 s and 1 GB).
* ``euclid_nearest``: all 19 795 Belgian sector centroids to the nearest of the 124 hospital
  emergency campuses in the mirror; geopandas ``sjoin_nearest``.
* ``flanders``: every 2024 sector of Flanders, from the files to indicators, the index and
  1 000 Monte Carlo draws, in a fresh process (its peak RSS is the memory figure).
* ``regions``: ``Study.run`` of ``examples/vlaanderen.toml`` narrowed to Leuven, arrondissement
  Leuven, Vlaams-Brabant and all of Flanders, each in a fresh process: seconds per step,
  peak RSS and the fitted exponent of each step against the number of sectors; then the two
  region examples through ``wijkanalyse run``.
* ``scaling``: nearest facility and the OD matrix within 15 minutes on synthetic street grids
  of 10 000 to 1 000 000 nodes (quick: up to 160 000), one origin per 50 nodes, 200
  facilities, and the fitted exponent of time against size.
* ``ranges``: the Leuven example's access questions on street points and grid (about 16 000 +
  6 000 points), 200 draws of facility positions, demand model, speed and detour (target:
  under 5 s), next to the per-call path (move, ``nearest`` and ``coverage`` per draw).
* ``ranges_scaling``: the same draws on street grids of 10 000 to 1 000 000 nodes with one
  demand point per 4 nodes; time against nodes and the fitted exponent.
* ``robust``: the Leuven LDC question (65+, 10 minutes, p = 3, 862 candidates) across the
  example's 200 draws: the expected, worst-case and quantile plans and the selection
  frequency (target: under 60 s), next to spopt + CBC where spopt can express the model.
* ``front``: the 10-point efficiency–equity front of that question on street points and on
  sector centroids (target: under 30 s), and spopt's p-center and MCLP for its two ends.
* ``report``: the Leuven example's maps and 29 reports with their PDFs, rendered by an earlier
  commit and by this checkout side by side (see ``bench_report``); wall time and the peak
  memory of the process tree.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import re
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Row:
    case: str
    size: str
    library: str
    seconds: float
    ratio: float  # library seconds / wijkanalyse seconds
    agree: str
    peak_mib: float = math.nan


def measure(
    func: Callable[[], Any], repeat: int, *, memory: bool = False
) -> tuple[float, Any, float]:
    """Median seconds over ``repeat`` runs, the last result, and (once) peak traced MiB."""
    peak = math.nan
    if memory:
        tracemalloc.start()
        func()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result, peak


def _agree(a: np.ndarray, b: np.ndarray, tol: float, *, relative: bool = False) -> str:
    """Whether two answers agree within ``tol`` (of the largest value when ``relative``)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    if relative:
        scale = float(np.nanmax(np.abs(b))) or 1.0
        a, b = a / scale, b / scale
    if a.shape != b.shape:
        return f"NO (shapes {a.shape} vs {b.shape})"
    both_nan = np.isnan(a) & np.isnan(b)
    diff = np.abs(np.where(both_nan, 0.0, a - b))
    worst = float(np.nanmax(diff)) if diff.size else 0.0
    ok = not np.isnan(diff).any() and worst <= tol
    return f"{'yes' if ok else 'NO'} (max |diff| {worst:.2g})"


# --------------------------------------------------------------------------- network cases


def _leuven() -> tuple[Any, gpd.GeoSeries, gpd.GeoSeries]:
    import wijkanalyse as wa
    from wijkanalyse.network import StreetNetwork

    net = StreetNetwork.from_road_graph(off_network="na")
    sectors = wa.load_sectors("24062")
    sectors = sectors[sectors.geometry.notna()].geometry
    osm = wa.read_osm_points(
        "osm2015_points", types=["pharmacy", "doctors", "school", "supermarket"]
    )
    osm = osm[osm.geometry.within(wa.municipality_polygon("24062").buffer(3000))]
    centres = wa.read_facilities("leuven_centres_reference")
    facilities = gpd.GeoSeries(pd.concat([osm.geometry, centres.geometry]), crs=net.crs)
    facilities.index = [f"f{i}" for i in range(len(facilities))]
    return net, sectors, facilities


def case_network(quick: bool) -> list[Row]:
    import networkx as nx
    from scipy.sparse import csgraph

    from wijkanalyse.network import _xy
    from wijkanalyse.network._chains import with_sources

    repeat = 3 if quick else 7
    net, sectors, facilities = _leuven()
    size = f"{len(sectors)}×{len(facilities)}"
    t_ours, ours, peak = measure(lambda: net.nearest(sectors, facilities), repeat, memory=True)
    ours_m = ours["network_m"].astype(float).to_numpy()

    # the same prepared graph (streets split at the snapped points) for every peer;
    # wijkanalyse itself searches the graph of junctions (nodes of degree 2 contracted)
    xy = np.concatenate([_xy(sectors), _xy(facilities)])
    att = net._attach(xy)
    s_nodes, f_nodes = att.node[: len(sectors)], att.node[len(sectors) :]
    f_nodes = f_nodes[f_nodes >= 0]
    ok = s_nodes >= 0
    ours_ok = ours_m[ok]
    rows = [Row("nearest", size, "wijkanalyse", t_ours, 1.0, "–", peak)]

    # the same with the points snapped anew every call (a network remembers the last 16
    # point sets it snapped; above, the repeats find them)
    def cold() -> pd.DataFrame:
        net._snap_memo[1].clear()
        return net.nearest(sectors, facilities)

    t, res, _ = measure(cold, repeat)
    agree = _agree(res["network_m"].astype(float).to_numpy(), ours_m, 0.0)
    rows.append(Row("nearest", size, "wijkanalyse (points snapped anew)", t, t / t_ours, agree))

    def raw() -> np.ndarray:
        dist = csgraph.dijkstra(att.graph, directed=True, indices=f_nodes, min_only=True)
        return dist[s_nodes[ok]]

    t, res, _ = measure(raw, repeat)
    rows.append(
        Row("nearest", size, "scipy csgraph (raw)", t, t / t_ours, _agree(res, ours_ok, 1e-6))
    )
    # the search alone on wijkanalyse's own junction graph (chains contracted, the
    # facilities attached), prepared outside the timing: what is left is snapping and
    # the result
    snapped = net._snap(xy)
    f_pos = len(sectors) + np.flatnonzero(snapped.ok[len(sectors) :])
    base = net._chains.reverse
    junction_graph = with_sources(net._chains, base, *snapped.take(f_pos), leaving=False)
    sources = base.shape[0] + np.arange(len(f_pos))

    def raw_junctions() -> np.ndarray:
        return csgraph.dijkstra(junction_graph, directed=True, indices=sources, min_only=True)

    t, _, _ = measure(raw_junctions, repeat)
    rows.append(
        Row("nearest", size, "scipy csgraph (raw, junction graph)", t, t / t_ours, "search only")
    )
    g = nx.DiGraph()
    g.add_weighted_edges_from(
        zip(att.tail.tolist(), att.head.tolist(), att.length.tolist(), strict=True)
    )

    def with_nx() -> np.ndarray:
        d = nx.multi_source_dijkstra_path_length(g, set(f_nodes.tolist()), weight="weight")
        return np.array([d.get(int(n), np.inf) for n in s_nodes[ok]])

    t, res, _ = measure(with_nx, max(1, repeat // 2))
    rows.append(Row("nearest", size, "networkx", t, t / t_ours, _agree(res, ours_ok, 1e-6)))
    try:
        import pandana  # type: ignore[import-not-found]
    except ImportError:
        rows.append(Row("nearest", size, "pandana", math.nan, math.nan, "not installed"))
    else:
        pnet = pandana.Network(
            pd.Series(att.xy[:, 0]),
            pd.Series(att.xy[:, 1]),
            pd.Series(att.tail),
            pd.Series(att.head),
            pd.DataFrame({"w": att.length}),
            twoway=False,
        )
        far = float(np.nanmax(ours_ok)) + 1.0
        pnet.set_pois("f", far, 1, att.xy[f_nodes, 0], att.xy[f_nodes, 1])

        def with_pandana() -> np.ndarray:
            return pnet.nearest_pois(far, "f", num_pois=1)[1].reindex(s_nodes[ok]).to_numpy(float)

        t, res, _ = measure(with_pandana, repeat)
        rows.append(
            Row("nearest", size, "pandana (float32)", t, t / t_ours, _agree(res, ours_ok, 0.05))
        )

    # OD matrix within 15 minutes
    minutes = 15.0
    limit_m = minutes * net.profile.metres_per_minute
    t_od, od, peak = measure(
        lambda: net.od_matrix(sectors, facilities, max_minutes=minutes), repeat, memory=True
    )
    ours_od = od.to_dense("network_m").to_numpy(float)
    ours_od = np.where(ours_od <= limit_m, ours_od, np.nan)
    rows.append(Row("od", f"{size} ≤{minutes:g} min", "wijkanalyse", t_od, 1.0, "–", peak))
    s_pos = {int(n): i for i, n in enumerate(s_nodes) if n >= 0}
    f_all = att.node[len(sectors) :]

    def od_nx() -> np.ndarray:
        out = np.full((len(sectors), len(facilities)), np.nan)
        for j, fnode in enumerate(f_all):
            if fnode < 0:
                continue
            # walking is symmetric: distances from the facility are distances to it
            d = nx.single_source_dijkstra_path_length(g, int(fnode), cutoff=limit_m)
            for node, dist in d.items():
                i = s_pos.get(node)
                if i is not None:
                    out[i, j] = dist
        return out

    t, res, _ = measure(od_nx, max(1, repeat // 2))
    rows.append(
        Row(
            "od",
            f"{size} ≤{minutes:g} min",
            "networkx (cutoff)",
            t,
            t / t_od,
            _agree(res, ours_od, 1e-6),
        )
    )

    def od_raw() -> np.ndarray:
        dist = csgraph.dijkstra(att.graph, directed=True, indices=f_all[f_all >= 0], limit=limit_m)
        out = np.full((len(sectors), len(facilities)), np.nan)
        sub = dist[:, s_nodes[ok]].T
        out[np.ix_(ok, f_all >= 0)] = np.where(np.isfinite(sub), sub, np.nan)
        return out

    t, res, _ = measure(od_raw, repeat)
    rows.append(
        Row(
            "od",
            f"{size} ≤{minutes:g} min",
            "scipy csgraph (raw)",
            t,
            t / t_od,
            _agree(res, ours_od, 1e-6),
        )
    )
    return rows


# --------------------------------------------------------------------------- 2SFCA


def case_e2sfca(quick: bool) -> list[Row]:
    import warnings

    from wijkanalyse import access as ac
    from wijkanalyse.network import CrowFlies

    n, m = (2_000, 200) if quick else (10_000, 1_000)
    rng = np.random.default_rng(7)
    side = 20_000.0
    demand = gpd.GeoDataFrame(
        {"pop_total": rng.integers(50, 2_000, n)},
        geometry=gpd.points_from_xy(*(rng.uniform(0, side, (2, n)) + 150_000)),
        index=pd.Index([f"d{i}" for i in range(n)], name="id"),
        crs=31370,
    )
    supply = gpd.GeoDataFrame(
        {"capacity": rng.integers(1, 10, m).astype(float)},
        geometry=gpd.points_from_xy(*(rng.uniform(0, side, (2, m)) + 150_000)),
        index=pd.Index([f"s{j}" for j in range(m)], name="id"),
        crs=31370,
    )
    model = CrowFlies(detour_factor=1.3)
    od = model.od_matrix(demand, supply, max_minutes=30)
    cost = od.to_frame()[["origin", "destination", "minutes"]]
    repeat = 3
    t_ours, ours, peak = measure(
        lambda: ac.enhanced_two_step_fca(demand, supply, od=od, capacity_col="capacity", per=1.0),
        repeat,
        memory=True,
    )
    rows = [Row("e2sfca", f"{n}×{m}", "wijkanalyse", t_ours, 1.0, "–", peak)]
    import access  # PySAL access

    def peer() -> pd.Series:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = access.Access(
                demand_df=demand.reset_index()[["id", "pop_total"]],
                demand_index="id",
                demand_value="pop_total",
                supply_df=supply.reset_index()[["id", "capacity"]],
                supply_index="id",
                supply_value="capacity",
                cost_df=cost[["origin", "destination", "minutes"]],
                cost_origin="origin",
                cost_dest="destination",
                cost_name="minutes",
            )
            return a.enhanced_two_stage_fca(name="e", max_cost=30).iloc[:, 0]

    t, res, _ = measure(peer, 1 if not quick else 2)
    ours_v = ours.reindex(demand.index).to_numpy(float)
    peer_v = res.reindex(demand.index).to_numpy(float)
    rows.append(
        Row(
            "e2sfca",
            f"{n}×{m}",
            "PySAL access",
            t,
            t / t_ours,
            _agree(np.nan_to_num(peer_v), np.nan_to_num(ours_v), 1e-9, relative=True),
        )
    )
    return rows


# --------------------------------------------------------------------------- facility location


def case_locate(quick: bool) -> list[Row]:
    """MCLP and p-median against spopt + CBC on the same instances.

    At full size (5 000 × 1 000) spopt's p-median is one PuLP variable per pair: about
    4 minutes and 15 GB to build, before CBC starts. Both solvers get the same time limit;
    a solver that stops at it is reported as such, and the ratio is then a lower bound.
    """
    from benchmarks.bench_locate import MINUTES, instance, ours, spopt_runner

    limit = 120.0 if quick else 300.0
    size = (500, 100) if quick else (5_000, 1_000)
    spopt = spopt_runner(limit)
    rows = []
    for model in ("mclp", "p_median"):
        n, m = size
        cost, w, ex = instance(n, m)
        t0 = time.perf_counter()
        v_ours, ok_ours = ours(model, cost, w, ex, MINUTES, limit)
        t_ours = time.perf_counter() - t0
        label = f"{n}×{m}"
        rows.append(Row(model, label, "wijkanalyse (HiGHS)", t_ours, 1.0, _proven(ok_ours, v_ours)))
        if model == "p_median":
            # the same model without the Lagrangian screening of candidate sites
            t0 = time.perf_counter()
            v_full, ok_full = ours(model, cost, w, ex, MINUTES, limit, screen=False)
            t_full = time.perf_counter() - t0
            rows.append(
                Row(
                    model,
                    label,
                    "wijkanalyse (HiGHS, whole model)",
                    t_full,
                    t_full / t_ours,
                    _compare(ok_ours, v_ours, ok_full, v_full, "whole model"),
                )
            )
        t0 = time.perf_counter()
        v_sp, ok_sp = spopt(model, cost, w, ex, MINUTES)
        t_sp = time.perf_counter() - t0
        rows.append(
            Row(
                model,
                label,
                "spopt (PuLP + CBC)",
                t_sp,
                t_sp / t_ours,
                _compare(ok_ours, v_ours, ok_sp, v_sp, "spopt"),
            )
        )
    return rows


def _proven(ok: bool, value: float) -> str:
    return f"optimal ({value:.10g})" if ok else f"time limit ({value:.10g})"


def _compare(ok_ours: bool, v_ours: float, ok_peer: bool, v_peer: float, peer: str) -> str:
    """Whether two solvers agree on the optimum, or which one stopped at the limit."""
    if ok_ours and ok_peer:
        same = math.isclose(v_ours, v_peer, rel_tol=1e-9)
        return f"{'yes' if same else 'NO'} ({v_peer:.10g})"
    if ok_ours:
        best = "without a solution" if math.isnan(v_peer) else f"best {v_peer:.10g}"
        return f"{peer} stopped at the time limit {best}; ratio is a lower bound"
    return f"wijkanalyse not proven optimal ({v_ours:.10g}); {peer} {v_peer:.10g}"


# --------------------------------------------------------------------------- index Monte Carlo


def case_index(quick: bool) -> list[Row]:
    from wijkanalyse import indicators
    from wijkanalyse.index import IndexSpec, compute_index, sensitivity
    from wijkanalyse.study import Study

    draws = 200 if quick else 1_000
    values = indicators.compute(indicators.flemish_inputs(bimd="bimd2011_sectors"))
    values = values[~values.index.str.endswith("ZZZZ")]
    spec = Study.from_toml(
        Path(__file__).resolve().parent.parent / "examples" / "leuven.toml"
    ).index_spec()
    assert spec is not None
    t_ours, mc, peak = measure(
        lambda: sensitivity(values, spec, draws=draws, seed=1), 1, memory=True
    )
    n = int(mc["rank_median"].notna().sum())
    rows = [Row("index_mc", f"{n} sectors × {draws}", "wijkanalyse", t_ours, 1.0, "–", peak)]
    rng = np.random.default_rng(1)
    w = np.array([d.weight for d in spec.domains])
    k = 10
    t0 = time.perf_counter()
    for _ in range(k):
        weights = rng.dirichlet(w / w.sum() * 50)
        drawn = IndexSpec(
            domains=tuple(
                type(d)(name=d.name, weight=float(x), indicators=d.indicators)
                for d, x in zip(spec.domains, weights, strict=True)
            ),
            normalisation=spec.normalisation,
            transform=spec.transform,
            missing=spec.missing,
        )
        compute_index(values, drawn).table["score"].rank(ascending=False)
    t_naive = (time.perf_counter() - t0) / k * draws
    rows.append(
        Row(
            "index_mc",
            f"{n} sectors × {draws}",
            f"per-draw recomputation (×{k}, extrapolated)",
            t_naive,
            t_naive / t_ours,
            "–",
        )
    )
    return rows


# --------------------------------------------------------------------------- all of Flanders


def _flanders_child(draws: int) -> None:
    """In a fresh process: indicators + index + Monte Carlo of every Flemish sector."""
    import json

    from wijkanalyse import areas, indicators
    from wijkanalyse.cli import peak_rss_mib
    from wijkanalyse.index import compute_index, sensitivity
    from wijkanalyse.study import Study

    t0 = time.perf_counter()
    sectors = areas.load_sectors(areas.flemish_municipalities(), geometry=None)
    t_load = time.perf_counter() - t0
    values = indicators.compute(indicators.sector_inputs(sectors, bimd="bimd2011_sectors"))
    values = values[~values.index.str.endswith("ZZZZ")]
    t_ind = time.perf_counter() - t0
    spec = Study.from_toml(
        Path(__file__).resolve().parent.parent / "examples" / "leuven.toml"
    ).index_spec()
    assert spec is not None
    base = compute_index(values, spec).table
    mc = sensitivity(values, spec, draws=draws, seed=1)
    total = time.perf_counter() - t0
    rss = peak_rss_mib()
    print(
        json.dumps(
            {
                "sectors": len(values),
                "scored": int(base["score"].notna().sum()),
                "ranked": int(mc["rank_median"].notna().sum()),
                "load": t_load,
                "indicators": t_ind,
                "total": total,
                "peak_rss_mib": rss,
            }
        )
    )


def case_flanders(quick: bool) -> list[Row]:
    """Every 2024 sector of Flanders: indicators, index and 1 000 draws, in a new process."""
    import json
    import subprocess
    import sys

    draws = 200 if quick else 1_000
    code = f"from benchmarks.run import _flanders_child; _flanders_child({draws})"
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    r["peak_rss_mib"] = r["peak_rss_mib"] if r["peak_rss_mib"] is not None else math.nan
    size = f"{r['sectors']} sectors, {draws} draws"
    target = "< 60 s and < 4 GB: " + (
        "met" if r["total"] < 60 and r["peak_rss_mib"] < 4096 else "NOT met"
    )
    return [
        Row("flanders", size, "wijkanalyse (load + indicators)", r["indicators"], 1.0, "–"),
        Row(
            "flanders",
            size,
            "wijkanalyse (all, peak RSS of the process)",
            r["total"],
            1.0,
            target,
            r["peak_rss_mib"],
        ),
    ]


# --------------------------------------------------------------------------- need index


def _need_child(draws: int) -> None:
    """In a fresh process: the need index over Flanders with both kinds of uncertainty."""
    import json

    from wijkanalyse import index, indicators
    from wijkanalyse.cli import peak_rss_mib

    inputs = indicators.flemish_inputs(bimd="bimd2011_sectors")
    values = indicators.compute(inputs)
    for col in ("bimd_income_decile", "bimd_employment_decile"):
        values[col] = inputs.sectors[col]
    values = values[~values.index.str.endswith("ZZZZ")]
    spec = index.preset("deprivatie").spec(normalisation="rank", transform="exponential")
    t0 = time.perf_counter()
    flags = index.flag_sectors(values, rules=index.FlagRules(min_population=100))
    table = index.need_index(values, spec, flags=flags, exclude=["small"], shrink=True).table
    ranked = values[table["rank"].notna().to_numpy()]
    ranked.attrs = values.attrs
    t_index = time.perf_counter() - t0
    t1 = time.perf_counter()
    choice = index.sensitivity(ranked, spec, draws=draws, seed=1, progress=False)
    t_choice = time.perf_counter() - t1
    t1 = time.perf_counter()
    data = index.data_uncertainty(ranked, spec, draws=draws, seed=1)
    t_data = time.perf_counter() - t1
    total = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "sectors": len(values),
                "ranked": len(ranked),
                "index": t_index,
                "choice": t_choice,
                "data": t_data,
                "total": total,
                "redrawn": data.attrs["redrawn"],
                "choice_width": float((choice["rank_p95"] - choice["rank_p05"]).dropna().median()),
                "data_width": float(
                    (data["data_rank_p95"] - data["data_rank_p05"]).dropna().median()
                ),
                "peak_rss_mib": peak_rss_mib(),
            }
        )
    )


def case_need(quick: bool) -> list[Row]:
    """The need index over every Flemish sector with choice and data uncertainty.

    Target (issue 20): both kinds of uncertainty, 1 000 draws each, under 10 s and 1 GB;
    shown next to today's figure, the choice sensitivity alone (``index_mc``).
    """
    import json
    import subprocess
    import sys

    draws = 200 if quick else 1_000
    code = f"from benchmarks.run import _need_child; _need_child({draws})"
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    rss = r["peak_rss_mib"] if r["peak_rss_mib"] is not None else math.nan
    size = f"{r['ranked']}/{r['sectors']} sectors × {draws}"
    target = "< 10 s and < 1 GB: " + ("met" if r["total"] < 10 and rss < 1024 else "NOT met")
    return [
        Row("need_index", size, "flags + shrinkage + index", r["index"], 1.0, "–"),
        Row(
            "need_index",
            size,
            "choice sensitivity (today's figure)",
            r["choice"],
            1.0,
            f"median 90 % width {r['choice_width']:.0f} ranks",
        ),
        Row(
            "need_index",
            size,
            f"data uncertainty ({', '.join(r['redrawn']) or 'nothing'} redrawn)",
            r["data"],
            1.0,
            f"median 90 % width {r['data_width']:.0f} ranks",
        ),
        Row("need_index", size, "all (peak RSS of the process)", r["total"], 1.0, target, rss),
    ]


# --------------------------------------------------------------------------- whole regions


REGIONS = (
    ("Leuven", "24062"),
    ("arr. Leuven", "24000"),
    ("Vlaams-Brabant", "20001"),
    ("Vlaanderen", "flanders"),
)


def _region_child(region: str, draws: int, out: str) -> None:
    """In a fresh process: the Flanders example study, narrowed to ``region``, run in full."""
    import json
    import tomllib
    import warnings

    from wijkanalyse.cli import peak_rss_mib
    from wijkanalyse.study import Study

    root = Path(__file__).resolve().parent.parent / "examples"
    raw = tomllib.loads((root / "vlaanderen.toml").read_text(encoding="utf-8"))
    raw["study"]["region"] = region
    raw["index"]["sensitivity"]["draws"] = draws
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = Study.from_dict(raw, base_dir=root).run(out, pdf=False)
    rss = peak_rss_mib()
    print(json.dumps({"sectors": len(result.data.sectors), "peak_rss_mib": rss, **result.timings}))


def case_regions(quick: bool) -> list[Row]:
    """``Study.run`` (indicators, index + draws, straight-line access, maps and the overview
    report) from one municipality to all of Flanders, each in a fresh process; the cost of
    each step against the number of sectors, with its fitted exponent; and the two example
    studies through the ``wijkanalyse run`` command."""
    import json
    import subprocess
    import sys
    import tempfile

    draws = 200 if quick else 1_000
    root = Path(__file__).resolve().parent.parent
    rows: list[Row] = []
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, region in REGIONS:
            code = (
                "from benchmarks.run import _region_child; "
                f"_region_child({region!r}, {draws}, {str(Path(tmp) / region)!r})"
            )
            out = subprocess.run(
                [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            r["peak_rss_mib"] = r["peak_rss_mib"] if r["peak_rss_mib"] is not None else math.nan
            found.append(r)
            rows.append(
                Row(
                    "regions",
                    f"{label}: {r['sectors']} sectors",
                    "Study.run, peak RSS of the process",
                    r["total"],
                    1.0,
                    ", ".join(
                        f"{k} {r[k]:.1f}"
                        for k in ("load", "indicators", "access", "write", "report")
                    ),
                    r["peak_rss_mib"],
                )
            )
        n = np.array([r["sectors"] for r in found], dtype=float)
        for step in ("load", "indicators", "access", "write", "report", "total"):
            t = np.array([max(r[step], 1e-3) for r in found])
            slope = float(np.polyfit(np.log(n), np.log(t), 1)[0])
            rows.append(
                Row("regions fit", step, f"time ∝ sectors^{slope:.2f}", math.nan, math.nan, "–")
            )
        if not quick:
            for example in ("arrondissement_leuven.toml", "vlaanderen.toml"):
                t0 = time.perf_counter()
                done = subprocess.run(
                    [
                        str(Path(sys.executable).parent / "wijkanalyse"),
                        "run",
                        str(root / "examples" / example),
                        "--out",
                        str(Path(tmp) / example),
                        "--no-pdf",
                        "--lang",
                        "en",
                    ],
                    cwd=root,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                secs = time.perf_counter() - t0
                # the command's own last line: "Run time … s (…); peak memory N MiB"
                found_peak = re.search(r"peak memory ([\d,]+) MiB", done.stdout)
                rows.append(
                    Row(
                        "regions",
                        example,
                        "wijkanalyse run (CLI, whole process)",
                        secs,
                        1.0,
                        "–",
                        float(found_peak[1].replace(",", "")) if found_peak else math.nan,
                    )
                )
    return rows


# --------------------------------------------------------------------------- euclidean nearest


def case_euclid(quick: bool) -> list[Row]:
    import wijkanalyse as wa
    from wijkanalyse import settings
    from wijkanalyse.network import CrowFlies

    mirror = settings.resolved_data_mirror()
    assert mirror is not None, "the dataset mirror is needed"
    sectors = wa.read_sectors("statbel_sector_centroids_2024").geometry
    hospitals = gpd.read_file(
        mirror
        / "statbel_via_TravelTime_Hospitals"
        / "hospital_emergency_campuses_belgium_2024.gpkg"
    ).to_crs(31370)
    hospitals.index = [f"h{i}" for i in range(len(hospitals))]
    model = CrowFlies(detour_factor=1.0)
    repeat = 3 if quick else 7
    size = f"{len(sectors)}×{len(hospitals)}"
    t_ours, ours, peak = measure(
        lambda: model.nearest(sectors, hospitals.geometry), repeat, memory=True
    )
    rows = [Row("euclid_nearest", size, "wijkanalyse", t_ours, 1.0, "–", peak)]
    left = gpd.GeoDataFrame(geometry=sectors)

    def peer() -> pd.Series:
        j = gpd.sjoin_nearest(left, hospitals[["geometry"]], distance_col="d")
        return j.groupby(level=0)["d"].first()

    t, res, _ = measure(peer, repeat)
    rows.append(
        Row(
            "euclid_nearest",
            size,
            "geopandas sjoin_nearest",
            t,
            t / t_ours,
            _agree(
                res.reindex(sectors.index).to_numpy(),
                ours["euclid_m"].astype(float).to_numpy(),
                1e-6,
            ),
        )
    )
    return rows


# --------------------------------------------------------------------------- scaling


def grid(n: int, step: float = 100.0) -> Any:
    """An n × n grid of two-way streets, ``step`` metres apart (built vectorised)."""
    from wijkanalyse.network import StreetNetwork

    i, j = np.divmod(np.arange(n * n), n)
    nodes = pd.DataFrame({"x": 150_000 + i * step, "y": 150_000 + j * step})
    ids = np.arange(n * n).reshape(n, n)
    u = np.concatenate([ids[:-1, :].ravel(), ids[:, :-1].ravel()])
    v = np.concatenate([ids[1:, :].ravel(), ids[:, 1:].ravel()])
    return StreetNetwork.from_edges(nodes, pd.DataFrame({"u": u, "v": v}), crs="EPSG:31370")


def case_scaling(quick: bool) -> list[Row]:
    """Nearest facility and OD within 15 min on growing grids; the fitted exponent.

    The network's one-off preparation (chains, snapping tree) is its own row; the searches
    snap their points anew on every call.
    """
    sides = [100, 200, 400] if quick else [100, 200, 400, 700, 1000]
    rng = np.random.default_rng(3)
    rows: list[Row] = []
    sizes, t_near, t_od = [], [], []
    for side in sides:
        net = grid(side)
        span = (side - 1) * 100.0
        n_pts = side * side // 50  # one origin per 50 nodes
        pts = gpd.GeoSeries(
            gpd.points_from_xy(*(rng.uniform(0, span, (2, n_pts)) + 150_000)), crs=31370
        )
        fac = gpd.GeoSeries(
            gpd.points_from_xy(*(rng.uniform(0, span, (2, 200)) + 150_000)), crs=31370
        )
        fac.index = [f"f{k}" for k in range(len(fac))]
        label = f"{side * side:,} nodes, {n_pts:,} pts".replace(",", " ")
        # once per network: contract the chains, build the snapping k-d tree
        copy = net.with_options()  # a copy without its caches, for the memory
        tracemalloc.start()
        _ = copy._chains, copy._piece_tree
        peak0 = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        del copy
        t0 = time.perf_counter()
        _ = net._chains, net._piece_tree
        t0 = time.perf_counter() - t0
        rows.append(Row("scaling prepare", label, "wijkanalyse", t0, 1.0, "–", peak0))

        def fresh(call: Callable[[], Any]) -> Callable[[], Any]:
            # every call snaps its points anew (no remembered point sets)
            def run() -> Any:
                net._snap_memo[1].clear()  # noqa: B023
                return call()

            return run

        repeat = 1 if side >= 700 else 3
        t1, _, peak1 = measure(fresh(lambda: net.nearest(pts, fac)), repeat, memory=True)  # noqa: B023
        t2, _, peak2 = measure(
            fresh(lambda: net.od_matrix(pts, fac, max_minutes=15)),  # noqa: B023
            repeat,
            memory=True,
        )
        rows.append(Row("scaling nearest", label, "wijkanalyse", t1, 1.0, "–", peak1))
        rows.append(Row("scaling od", label, "wijkanalyse", t2, 1.0, "–", peak2))
        sizes.append(side * side)
        t_near.append(t1)
        t_od.append(t2)
    for name, times in (("scaling nearest", t_near), ("scaling od", t_od)):
        rows.append(fit_row(name, sizes, times))
    return rows


def fit_row(name: str, sizes: list[int], times: list[float]) -> Row:
    """The fitted exponent of time against network size (points grow with nodes)."""
    slope = float(np.polyfit(np.log(sizes), np.log(times), 1)[0])
    return Row(
        name,
        "fit",
        f"time ∝ nodes^{slope:.2f} (points grow with nodes)",
        math.nan,
        math.nan,
        "–",
    )


def case_ranges(quick: bool) -> list[Row]:
    """Access ranges: 200 draws on Leuven's street points (see ``bench_ranges``)."""
    from benchmarks.bench_ranges import case_ranges as run

    return run(quick)


def case_ranges_scaling(quick: bool) -> list[Row]:
    """Access ranges on growing grids at street-point resolution (see ``bench_ranges``)."""
    from benchmarks.bench_ranges import case_ranges_scaling as run

    return run(quick)


def case_robust(quick: bool) -> list[Row]:
    """Robust MCLP for Leuven across 200 draws, and spopt (see ``bench_robust``)."""
    from benchmarks.bench_robust import case_robust as run

    return run(quick)


def case_front(quick: bool) -> list[Row]:
    """The efficiency–equity front of the Leuven LDC question (see ``bench_robust``)."""
    from benchmarks.bench_robust import case_front as run

    return run(quick)


def case_report(quick: bool) -> list[Row]:
    """The Leuven maps and reports with PDFs, before and now (see ``bench_report``)."""
    from benchmarks.bench_report import case_report as run

    return run(quick)


CASES: dict[str, Callable[[bool], list[Row]]] = {
    "nearest": case_network,  # also the OD matrix
    "e2sfca": case_e2sfca,
    "locate": case_locate,
    "index_mc": case_index,
    "euclid_nearest": case_euclid,
    "flanders": case_flanders,
    "need_index": case_need,
    "regions": case_regions,
    "scaling": case_scaling,
    "ranges": case_ranges,
    "ranges_scaling": case_ranges_scaling,
    "robust": case_robust,
    "front": case_front,
    "report": case_report,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repeats")
    parser.add_argument("--only", nargs="+", choices=sorted(CASES), help="run only these cases")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for name, func in CASES.items():
        if args.only and name not in args.only:
            continue
        t0 = time.perf_counter()
        print(f"== {name} …", flush=True)
        rows += func(args.quick)
        print(f"   done in {time.perf_counter() - t0:.1f} s", flush=True)
    print()
    print(
        f"{'case':<16}{'size':<30}{'library':<42}{'median s':>10}{'ratio':>9}"
        f"{'peak MiB':>10}  agree"
    )
    for r in rows:
        ratio = "–" if math.isnan(r.ratio) else f"{r.ratio:.1f}×"
        peak = "" if math.isnan(r.peak_mib) else f"{r.peak_mib:.0f}"
        secs = "–" if math.isnan(r.seconds) else f"{r.seconds:.4f}"
        print(f"{r.case:<16}{r.size:<30}{r.library:<42}{secs:>10}{ratio:>9}{peak:>10}  {r.agree}")
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{stamp}{'-quick' if args.quick else ''}.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["case", "size", "library", "seconds", "ratio", "peak_mib", "agree"])
        for r in rows:
            writer.writerow(
                [
                    r.case,
                    r.size,
                    r.library,
                    f"{r.seconds:.6f}",
                    f"{r.ratio:.3f}",
                    f"{r.peak_mib:.1f}",
                    r.agree,
                ]
            )
    print("\nratio = library seconds / wijkanalyse seconds (above 1: wijkanalyse is faster)")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
