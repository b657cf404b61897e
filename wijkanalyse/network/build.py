"""Building street graphs from node and edge frames, road-graph GeoPackages and OSM files.

Every source ends in :func:`_build`: the arcs a travel profile may use in the directions it
may use them, loops and longer parallel arcs dropped, the largest connected component kept
and the nodes renumbered. The result, :class:`GraphArrays`, is what
:class:`~wijkanalyse.network.StreetNetwork` wraps with its snapping and fallback options.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer
from scipy import sparse
from scipy.sparse import csgraph

from wijkanalyse import io, settings
from wijkanalyse._errors import CRSError, DataError, SchemaError
from wijkanalyse._validate import Problems, check_edge_lengths, crs_label, listing
from wijkanalyse.datasets import resolve_source
from wijkanalyse.network.profiles import _NEVER, TravelProfile
from wijkanalyse.network.results import NetworkReport


@dataclass(frozen=True)
class GraphArrays:
    """A built street graph: the arrays of a :class:`~wijkanalyse.network.StreetNetwork`.

    The attributes are those of :class:`~wijkanalyse.network.StreetNetwork` without its
    snapping and fallback options.
    """

    node_ids: pd.Index
    x: np.ndarray
    y: np.ndarray
    tail: np.ndarray
    head: np.ndarray
    length_m: np.ndarray
    crs: CRS
    profile: TravelProfile
    report: NetworkReport


def graph_from_edges(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    crs: Any,
    profile: TravelProfile,
    source: str,
) -> GraphArrays:
    """Build a graph from node coordinates and an edge list.

    See :meth:`~wijkanalyse.network.StreetNetwork.from_edges`.
    """
    label = f"network {source!r}"
    problems = Problems(label)
    if isinstance(nodes, gpd.GeoDataFrame):
        crs = crs if crs is not None else nodes.crs
        geoms = nodes.geometry
        if (geoms.geom_type != "Point").any():
            problems.add("node geometries must be points.")
            problems.raise_if_any(SchemaError)
        x, y = geoms.x.to_numpy(float), geoms.y.to_numpy(float)
    else:
        missing = [c for c in ("x", "y") if c not in nodes]
        if missing:
            raise SchemaError(
                f"{label}: nodes need columns 'x' and 'y' or a geometry (found: "
                f"{listing(nodes.columns)})."
            )
        x = pd.to_numeric(nodes["x"], errors="coerce").to_numpy(float)
        y = pd.to_numeric(nodes["y"], errors="coerce").to_numpy(float)
    if crs is None:
        raise CRSError(f"{label}: the node coordinates have no CRS; pass crs='EPSG:31370'.")
    crs = CRS.from_user_input(crs)
    if crs.is_geographic:
        raise CRSError(
            f"{label} is in a geographic CRS ({crs_label(crs)}); lengths need metres. "
            f"Reproject the nodes first (e.g. to {settings.working_crs})."
        )
    ids = pd.Index(nodes.index)
    if ids.has_duplicates:
        problems.add(f"node ids occur more than once: {listing(ids[ids.duplicated()])}.")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        problems.add("node coordinates must be finite numbers.")
    missing_cols = [c for c in ("u", "v") if c not in edges]
    if missing_cols:
        problems.add(
            f"edges lack columns {listing(missing_cols)} (found: {listing(edges.columns)})."
        )
        problems.raise_if_any(SchemaError)
    problems.raise_if_any()
    tail = ids.get_indexer(edges["u"])
    head = ids.get_indexer(edges["v"])
    dangling = (tail < 0) | (head < 0)
    if dangling.any():
        unknown = pd.unique(np.concatenate([edges["u"][tail < 0], edges["v"][head < 0]]))
        problems.add(f"{int(dangling.sum())} edges refer to unknown nodes ({listing(unknown)}).")
    problems.raise_if_any()
    # the shortest an arc can be: the straight line between its nodes, or its own line
    reference = np.hypot(x[head] - x[tail], y[head] - y[tail])
    if isinstance(edges, gpd.GeoDataFrame) and edges.geometry.name in edges:
        geoms = edges.geometry.to_numpy()
        lines = np.isin(
            shapely.get_type_id(geoms),
            [shapely.GeometryType.LINESTRING, shapely.GeometryType.MULTILINESTRING],
        )
        reference = np.fmax(reference, np.where(lines, shapely.length(geoms), np.nan))
    if "length_m" in edges:
        length = pd.to_numeric(edges["length_m"], errors="coerce").to_numpy(float)
        ends = [f"{u}->{v}" for u, v in zip(edges["u"], edges["v"], strict=True)]
        length, _ = check_edge_lengths(length, reference, source=label, ids=ends)
    else:
        length = reference
    if "oneway" in edges:
        oneway = edges["oneway"].fillna(False).astype(bool).to_numpy()
    else:
        oneway = np.zeros(len(edges), dtype=bool)
    return _build(
        ids,
        x,
        y,
        tail,
        head,
        length,
        oneway,
        crs=crs,
        profile=profile,
        source=source,
        excluded=(0, 0.0),
    )


def graph_from_road_graph(
    source: io.RoadGraphFrames | str | Path, *, profile: TravelProfile
) -> GraphArrays:
    """Build a graph from a road-graph GeoPackage (layers ``nodes`` and ``edges``).

    See :meth:`~wijkanalyse.network.StreetNetwork.from_road_graph`.
    """
    frames = source if isinstance(source, io.RoadGraphFrames) else io.read_road_graph(source)
    label = source if isinstance(source, str | Path) else "road graph"
    edges = frames.edges
    if "maxspeed_kmh" in edges:
        speed = pd.to_numeric(edges["maxspeed_kmh"], errors="coerce")
        fast = (speed > profile.max_road_speed_kmh).fillna(False).to_numpy(bool)
    else:
        fast = np.zeros(len(edges), dtype=bool)
    length = pd.to_numeric(edges["length_m"], errors="coerce").to_numpy(float)
    # each direction of a two-way road is its own arc in the source
    kept = edges.loc[~fast, ["u", "v"]].copy()
    kept["length_m"] = length[~fast]
    kept["oneway"] = True
    graph = graph_from_edges(
        frames.nodes, kept, crs=frames.nodes.crs, profile=profile, source=str(label)
    )
    if fast.any():
        two_way = (
            edges["has_reverse"].fillna(False).astype(bool).to_numpy()
            if "has_reverse" in edges
            else np.zeros(len(edges), dtype=bool)
        )
        km = float((length[fast] * np.where(two_way[fast], 0.5, 1.0)).sum()) / 1000
        rep = replace(graph.report, excluded_ways=int(fast.sum()), excluded_km=km)
        graph = replace(graph, report=rep)
    return graph


def graph_from_osm(path: str | Path, *, profile: TravelProfile, crs: Any) -> GraphArrays:
    """Build a graph from an OpenStreetMap XML or PBF file (or a dataset id).

    See :meth:`~wijkanalyse.network.StreetNetwork.from_osm`.
    """
    p, _ = resolve_source(path)
    work_crs = CRS.from_user_input(crs if crs is not None else settings.working_crs)
    if work_crs.is_geographic:
        raise CRSError(f"crs must be projected (metres), got {crs_label(work_crs)}.")
    refs, lons, lats, tails, heads, oneway, excl, excl_m = _read_osm_ways(p, profile)
    if not len(tails):
        raise DataError(
            f"OSM file {p.name!r} holds no ways a {profile.label_en} network can use "
            "(no 'highway' ways, or all excluded by the profile)."
        )
    to_work = Transformer.from_crs("EPSG:4326", work_crs, always_xy=True)
    x, y = to_work.transform(lons, lats)
    x, y = np.asarray(x, float), np.asarray(y, float)
    tail, head = np.asarray(tails), np.asarray(heads)
    length = np.hypot(x[head] - x[tail], y[head] - y[tail])
    km_excl = 0.0
    if len(excl_m):
        ex = np.asarray(excl_m)
        ex_x, ex_y = to_work.transform(ex[:, 0], ex[:, 1])
        ex_x2, ex_y2 = to_work.transform(ex[:, 2], ex[:, 3])
        km_excl = float(np.hypot(np.asarray(ex_x2) - ex_x, np.asarray(ex_y2) - ex_y).sum()) / 1000
    return _build(
        pd.Index(refs, name="node_id"),
        x,
        y,
        tail,
        head,
        length,
        np.asarray(oneway, dtype=bool),
        crs=work_crs,
        profile=profile,
        source=p.name,
        excluded=(excl, km_excl),
    )


def _build(
    ids: pd.Index,
    x: np.ndarray,
    y: np.ndarray,
    tail: np.ndarray,
    head: np.ndarray,
    length: np.ndarray,
    oneway: np.ndarray,
    *,
    crs: CRS,
    profile: TravelProfile,
    source: str,
    excluded: tuple[int, float],
) -> GraphArrays:
    """Directions, duplicates, largest component, compact numbering."""
    tail = np.asarray(tail, dtype=np.int64)
    head = np.asarray(head, dtype=np.int64)
    length = np.asarray(length, dtype=float)
    loop = tail == head
    tail, head, length, oneway = tail[~loop], head[~loop], length[~loop], oneway[~loop]
    # an arc may also be travelled backwards unless it is one-way for this profile
    back = ~oneway if profile.oneway else np.ones(len(tail), dtype=bool)
    t_all = np.concatenate([tail, head[back]])
    h_all = np.concatenate([head, tail[back]])
    l_all = np.concatenate([length, length[back]])
    # parallel arcs: keep the shortest (a CSR build would add them up)
    order = np.lexsort((l_all, h_all, t_all))
    t_all, h_all, l_all = t_all[order], h_all[order], l_all[order]
    first = np.ones(len(t_all), dtype=bool)
    first[1:] = (t_all[1:] != t_all[:-1]) | (h_all[1:] != h_all[:-1])
    t_all, h_all, l_all = t_all[first], h_all[first], l_all[first]
    n = len(ids)
    g = sparse.csr_array((l_all, (t_all, h_all)), shape=(n, n))
    used = np.zeros(n, dtype=bool)
    used[t_all] = True
    used[h_all] = True
    n_comp, labels = csgraph.connected_components(
        g, directed=profile.oneway, connection="strong" if profile.oneway else "weak"
    )
    # isolated nodes (no arc) are not streets; count components among used nodes only
    comp_sizes = np.bincount(labels[used], minlength=n_comp) if used.any() else np.zeros(1)
    if not used.any():
        raise DataError(f"network {source!r}: no street is left for {profile.label_en}.")
    big = int(np.argmax(comp_sizes))
    keep_node = (labels == big) & used
    keep_arc = keep_node[t_all] & keep_node[h_all]

    def km(mask: np.ndarray) -> float:
        # a street counts once whatever its directions
        lo = np.minimum(t_all[mask], h_all[mask])
        hi = np.maximum(t_all[mask], h_all[mask])
        if not mask.any():
            return 0.0
        frame = pd.DataFrame({"lo": lo, "hi": hi, "len": l_all[mask]})
        return float(frame.groupby(["lo", "hi"])["len"].min().sum()) / 1000

    dropped_km = km(~keep_arc)
    new_pos = np.cumsum(keep_node) - 1
    report = NetworkReport(
        source=source,
        profile=profile.name,
        nodes=int(keep_node.sum()),
        arcs=int(keep_arc.sum()),
        km=km(keep_arc),
        excluded_ways=excluded[0],
        excluded_km=excluded[1],
        components=int((comp_sizes > 0).sum()),
        dropped_nodes=int(used.sum() - keep_node.sum()),
        dropped_km=dropped_km,
    )
    return GraphArrays(
        node_ids=ids[keep_node],
        x=np.ascontiguousarray(x[keep_node], dtype=float),
        y=np.ascontiguousarray(y[keep_node], dtype=float),
        tail=new_pos[t_all[keep_arc]],
        head=new_pos[h_all[keep_arc]],
        length_m=l_all[keep_arc],
        crs=crs,
        profile=profile,
        report=report,
    )


def _read_osm_ways(
    path: Path, profile: TravelProfile
) -> tuple[
    list[int],
    np.ndarray,
    np.ndarray,
    list[int],
    list[int],
    list[bool],
    int,
    list[tuple[float, ...]],
]:
    """Read the usable ways of an OSM file as straight segments between their nodes."""
    try:
        import osmium
    except ImportError as exc:  # pragma: no cover - osmium is a dependency
        raise ImportError("reading OpenStreetMap files needs pyosmium: pip install osmium") from exc
    pos: dict[int, int] = {}
    lons: list[float] = []
    lats: list[float] = []
    tails: list[int] = []
    heads: list[int] = []
    oneway: list[bool] = []
    excluded = 0
    excluded_segments: list[tuple[float, ...]] = []

    def node_pos(ref: int, lon: float, lat: float) -> int:
        i = pos.get(ref)
        if i is None:
            i = len(lons)
            pos[ref] = i
            lons.append(lon)
            lats.append(lat)
        return i

    try:
        processor = osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
        processor = processor.with_locations()
        for obj in processor:
            if not isinstance(obj, osmium.osm.Way):
                continue
            tags = {t.k: t.v for t in obj.tags}
            if "highway" not in tags:
                continue
            locs = [
                (r.ref, r.location.lon, r.location.lat) if r.location.valid() else None
                for r in obj.nodes
            ]
            if not profile.allows(tags):
                if tags["highway"] not in _NEVER:
                    excluded += 1
                    for a, b in itertools.pairwise(locs):
                        if a is not None and b is not None:
                            excluded_segments.append((a[1], a[2], b[1], b[2]))
                continue
            direction = profile.direction(tags)
            for a, b in itertools.pairwise(locs):
                if a is None or b is None:
                    continue  # a node outside the extract: the way is cut there
                ia, ib = node_pos(*a), node_pos(*b)
                if direction == -1:
                    ia, ib = ib, ia
                tails.append(ia)
                heads.append(ib)
                oneway.append(direction != 0)
    except RuntimeError as exc:
        raise DataError(f"OSM file {path.name!r} cannot be read: {exc}") from exc
    refs = list(pos)
    return (
        refs,
        np.asarray(lons, dtype=float),
        np.asarray(lats, dtype=float),
        tails,
        heads,
        oneway,
        excluded,
        excluded_segments,
    )
