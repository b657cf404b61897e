"""Street networks from line layers: any lines, the Wegenregister, and patches of one by another.

:func:`edges_from_lines` turns a line layer into nodes and edges: every vertex is a node, and
two lines meet only where the data say so, at a vertex they share (or, with ``ends``, at the
node ids the layer gives for each line's ends, as the Wegenregister does). Lines marked as
grade-separated (bridges, tunnels) meet others only at their ends; ``node_crossings`` adds a
node where unmarked lines cross without a shared vertex (for sloppy data).

:func:`from_wegenregister` builds one from the official Flemish road register (Wegenregister,
shapefile schema: ``Wegsegment`` with ``B_WK_OIDN``/``E_WK_OIDN``, ``STATUS``, ``MORF``,
``TGBEP``; read by :func:`wijkanalyse.io.read_wegenregister`), with the segments a travel
profile may use.

:func:`combine` patches one network with another where the first has no streets (e.g. the
2013 road graph, which misses Wijgmaal, with OSM 2025 streets), joins the patch to the first
network where they meet, and reports what each source contributed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import listing
from wijkanalyse.io.roads import read_wegenregister
from wijkanalyse.network._graph import DEFAULT_MAX_SNAP_M
from wijkanalyse.network.crowflies import DEFAULT_DETOUR_FACTOR
from wijkanalyse.network.profiles import TravelProfile, travel_profile

__all__ = [
    "Contribution",
    "combine",
    "combine_edges",
    "edges_from_lines",
    "from_lines",
    "from_wegenregister",
]


def edges_from_lines(
    lines: gpd.GeoDataFrame | gpd.GeoSeries,
    *,
    ends: tuple[str, str] | None = None,
    separate: str | None = None,
    node_crossings: bool = False,
    precision_m: float = 0.01,
) -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
    """Return the nodes (``x``, ``y``) and two-way edges (``u``, ``v``, ``length_m``) of lines.

    Parameters
    ----------
    lines
        LineStrings or MultiLineStrings in a projected CRS.
    ends
        Two columns with the node ids of each line's first and last point (the register's
        own topology): lines meet there and nowhere else.
    separate
        A column that marks grade-separated lines (truthy: a bridge or tunnel); their inner
        vertices are never shared with other lines.
    node_crossings
        Also node where lines (not marked ``separate``) cross without a shared vertex.
    precision_m
        Vertices closer than this are the same node.

    Examples
    --------
    Two streets crossing at a shared vertex meet; a bridge over them does not.

    >>> a = shapely.LineString([(0, 0), (100, 0), (200, 0)])
    >>> b = shapely.LineString([(100, -100), (100, 0), (100, 100)])
    >>> c = shapely.LineString([(150, -100), (150, 100)])
    >>> g = gpd.GeoDataFrame({"bridge": [False, False, True]}, geometry=[a, b, c],
    ...                      crs="EPSG:31370")
    >>> nodes, edges = edges_from_lines(g, separate="bridge")
    >>> len(nodes), len(edges)
    (7, 5)
    >>> plain = g.drop(columns="bridge")  # not marked: with node_crossings, c meets a at (150, 0)
    >>> [len(e) for e in (edges_from_lines(plain)[1], edges_from_lines(plain,
    ...                   node_crossings=True)[1])]
    [5, 7]
    """
    frame = lines.to_frame("geometry") if isinstance(lines, gpd.GeoSeries) else lines
    crs = frame.crs
    if crs is None:
        raise DataError("edges_from_lines: the lines have no CRS; set one (e.g. EPSG:31370).")
    if crs.is_geographic:
        raise DataError(
            "edges_from_lines: the lines are in a geographic CRS; lengths need metres. "
            "Reproject them first (e.g. .to_crs('EPSG:31370'))."
        )
    for col in [*(ends or ()), *([separate] if separate else [])]:
        if col not in frame:
            raise SchemaError(
                f"edges_from_lines: no column {col!r} (found: {listing(frame.columns)})."
            )
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    kinds = set(frame.geometry.geom_type)
    if kinds - {"LineString", "MultiLineString"}:
        raise DataError(
            f"edges_from_lines: only lines can be streets, got {listing(sorted(kinds))}."
        )
    if ends is not None:
        # the layer's node ids name a line's first and last point: a line in several parts
        # is merged first, and one whose parts do not join cannot be placed
        merged = shapely.line_merge(frame.geometry.to_numpy())
        split = shapely.get_type_id(merged) != shapely.GeometryType.LINESTRING
        if split.any():
            raise DataError(
                f"edges_from_lines: {int(split.sum())} lines are in parts that do not join "
                f"(rows {listing(frame.index[split])}); with ends=, each line must be one "
                "piece from its first to its last node. Split them into one line per piece "
                "with their own node ids."
            )
        frame = frame.set_geometry(merged)
    parts = frame.explode(index_parts=False).reset_index(drop=True)
    geoms = parts.geometry.to_numpy()
    sep = (
        parts[separate].fillna(False).astype(bool).to_numpy()
        if separate
        else np.zeros(len(parts), dtype=bool)
    )
    end_ids = None
    if ends is not None:
        codes, _ = pd.factorize(pd.concat([parts[ends[0]], parts[ends[1]]]).astype(str))
        end_ids = codes.reshape(2, -1)
    if node_crossings and ends is None and (~sep).any():
        noded = shapely.get_parts(shapely.node(shapely.multilinestrings(geoms[~sep])))
        geoms = np.concatenate([noded, geoms[sep]])
        sep = np.concatenate([np.zeros(len(noded), dtype=bool), np.ones(int(sep.sum()), bool)])
    xy, line = shapely.get_coordinates(geoms, return_index=True)
    n = len(xy)
    first = np.r_[True, line[1:] != line[:-1]]
    last = np.r_[line[1:] != line[:-1], True]
    k = np.arange(n)
    # a node key per vertex: (kind, a, b). kind 0: a shared position; kind 1: a vertex of
    # its own line only; kind 2: a node id given by the layer
    kind = np.zeros(n, dtype=np.int64)
    a = np.round(xy[:, 0] / precision_m).astype(np.int64)
    b = np.round(xy[:, 1] / precision_m).astype(np.int64)
    private = ~(first | last) & (sep[line] | (end_ids is not None))
    kind[private], a[private], b[private] = 1, line[private], k[private]
    if end_ids is not None:
        for which, at in ((0, first), (1, last)):
            kind[at], a[at], b[at] = 2, end_ids[which][line[at]], 0
    keys = np.column_stack([kind, a, b])
    uniq, node = np.unique(keys, axis=0, return_inverse=True)
    node = node.ravel()
    count = np.bincount(node, minlength=len(uniq)).astype(float)
    nodes = pd.DataFrame(
        {
            "x": np.bincount(node, weights=xy[:, 0], minlength=len(uniq)) / count,
            "y": np.bincount(node, weights=xy[:, 1], minlength=len(uniq)) / count,
        },
        index=pd.RangeIndex(len(uniq), name="node_id"),
    )
    step = ~last[:-1]  # consecutive vertices of the same line
    u, v = node[:-1][step], node[1:][step]
    p, q = xy[:-1][step], xy[1:][step]
    keep = u != v
    u, v, p, q = u[keep], v[keep], p[keep], q[keep]
    edges = gpd.GeoDataFrame(
        {"u": u, "v": v, "length_m": np.hypot(*(q - p).T), "oneway": False},
        geometry=shapely.linestrings(np.stack([p, q], axis=1)),
        crs=crs,
    )
    return nodes, edges


@dataclass(frozen=True)
class Contribution:
    """What one source gave a combined network: streets (km), edges, connectors."""

    source: str
    km: float
    edges: int
    connectors: int = 0


def combine_edges(
    primary: tuple[pd.DataFrame, gpd.GeoDataFrame],
    patch: tuple[pd.DataFrame, gpd.GeoDataFrame],
    *,
    labels: Sequence[str] = ("primary", "patch"),
    gap_m: float = 30.0,
    connect_m: float = 60.0,
    join_m: float = 5.0,
) -> tuple[pd.DataFrame, gpd.GeoDataFrame, tuple[Contribution, Contribution]]:
    """Patch the edges of one network with another's where the first has none.

    A patch edge is added when its midpoint lies more than ``gap_m`` from every primary
    edge. Where an added edge meets a dropped one (the patch runs on into the primary's
    streets), a connector follows the dropped piece to its far end and on to the primary node
    nearest that end (within ``connect_m``); a patch node within ``join_m`` of a primary node
    (the same crossing in both sources) joins it too. The primary keeps its node ids; the
    patch's become ``"<label>:<id>"``.

    Returns the combined nodes and edges and what each source contributed.
    """
    (pn, pe), (qn, qe) = primary, patch
    if pe.crs is not None and qe.crs is not None and not pe.crs.equals(qe.crs):
        raise DataError("combine: the two networks are in different CRSs; reproject one.")
    tree = shapely.STRtree(pe.geometry.to_numpy())
    mid = shapely.line_interpolate_point(qe.geometry.to_numpy(), 0.5, normalized=True)
    near = np.full(len(qe), np.inf)
    idx, d = tree.query_nearest(mid, return_distance=True, all_matches=False)
    near[idx[0]] = d
    added = near > gap_m
    kept = qe[added]
    used = set(kept["u"]) | set(kept["v"])
    dropped = qe[~added]
    la, lb = labels
    # the primary keeps its node ids (plans and reports name its nodes); the patch's are
    # prefixed with its label
    nodes = pd.concat(
        [
            pn,
            qn.loc[sorted(used)].set_axis(pd.Index([f"{lb}:{i}" for i in sorted(used)]), axis=0),
        ]
    )
    if nodes.index.has_duplicates:
        raise DataError(
            f"combine: node ids of {la!r} look like the patch's ({lb!r}:…); give other labels."
        )
    parts = [
        pe,
        kept.assign(u=[f"{lb}:{u}" for u in kept["u"]], v=[f"{lb}:{v}" for v in kept["v"]]),
    ]
    pxy = pn[["x", "y"]].to_numpy(float)
    ptree = cKDTree(pxy)
    links: dict[tuple[Any, Any], tuple[float, Any]] = {}
    # where the patch runs on into the primary's streets: follow its own dropped piece to
    # the piece's far end, which lies on a primary street, and join the primary node there
    # (not whatever node is nearest: that may be across a railway)
    for b_col, w_col in (("u", "v"), ("v", "u")):
        runs = dropped[dropped[b_col].isin(used) & ~dropped[w_col].isin(used)]
        if not len(runs):
            continue
        wxy = qn.loc[runs[w_col], ["x", "y"]].to_numpy(float)
        bxy = qn.loc[runs[b_col], ["x", "y"]].to_numpy(float)
        dd, ii = ptree.query(wxy, k=1, distance_upper_bound=connect_m)
        for k in np.flatnonzero(np.isfinite(dd)):
            b = runs[b_col].iloc[k]
            p_id = pn.index[ii[k]]
            length = float(runs["length_m"].iloc[k]) + float(dd[k])
            geom = shapely.LineString([bxy[k], wxy[k], pxy[ii[k]]])
            if length < links.get((b, p_id), (np.inf, None))[0]:
                links[(b, p_id)] = (length, geom)
    if used:
        # a patch node at a primary node (the same crossing in both sources) joins it
        ids = sorted(used)
        qxy = qn.loc[ids, ["x", "y"]].to_numpy(float)
        dd, ii = ptree.query(qxy, k=1, distance_upper_bound=join_m)
        for k in np.flatnonzero(np.isfinite(dd)):
            p_id = pn.index[ii[k]]
            geom = shapely.LineString([qxy[k], pxy[ii[k]]])
            if float(dd[k]) < links.get((ids[k], p_id), (np.inf, None))[0]:
                links[(ids[k], p_id)] = (float(dd[k]), geom)
    connectors = len(links)
    if links:
        parts.append(
            gpd.GeoDataFrame(
                {
                    "u": [f"{lb}:{b}" for b, _ in links],
                    "v": [p for _, p in links],
                    "length_m": [v[0] for v in links.values()],
                    "oneway": False,
                },
                geometry=[v[1] for v in links.values()],
                crs=pe.crs,
            )
        )
    cols = ["u", "v", "length_m", "oneway", "geometry"]
    edges = gpd.GeoDataFrame(
        pd.concat([e[cols] for e in parts], ignore_index=True), geometry="geometry", crs=pe.crs
    )
    contrib = (
        Contribution(la, float(pe["length_m"].sum() / 1000.0), len(pe)),
        Contribution(lb, float(kept["length_m"].sum() / 1000.0), len(kept), connectors),
    )
    return nodes, edges, contrib


def from_lines(
    cls: Any,
    lines: gpd.GeoDataFrame | gpd.GeoSeries,
    *,
    ends: tuple[str, str] | None = None,
    separate: str | None = None,
    node_crossings: bool = False,
    profile: str | TravelProfile = "walk",
    speed_kmh: float | None = None,
    source: str = "lines",
    max_snap_m: float = DEFAULT_MAX_SNAP_M,
    off_network: Literal["euclidean", "na"] = "euclidean",
    detour_factor: float = DEFAULT_DETOUR_FACTOR,
) -> Any:
    """Build a network from any line layer (``StreetNetwork.from_lines``); streets two-way.

    Lines meet at the vertices they share, or (``ends``) at the node ids two columns give
    for each line's ends; lines marked in the column ``separate`` (bridges, tunnels) meet
    others only at their ends; ``node_crossings`` also joins lines that cross without a
    shared vertex. See :func:`edges_from_lines`. The other options are those of
    ``StreetNetwork.from_edges``.
    """
    nodes, edges = edges_from_lines(
        lines, ends=ends, separate=separate, node_crossings=node_crossings
    )
    return cls.from_edges(
        nodes,
        edges,
        crs=edges.crs,
        profile=profile,
        speed_kmh=speed_kmh,
        source=source,
        max_snap_m=max_snap_m,
        off_network=off_network,
        detour_factor=detour_factor,
    )


def from_wegenregister(
    cls: Any,
    path: str | Path,
    *,
    profile: str | TravelProfile = "walk",
    speed_kmh: float | None = None,
    layer: str | None = None,
    max_snap_m: float = DEFAULT_MAX_SNAP_M,
    off_network: Literal["euclidean", "na"] = "euclidean",
    detour_factor: float = DEFAULT_DETOUR_FACTOR,
) -> Any:
    """Build a network from a Wegenregister extract (``StreetNetwork.from_wegenregister``).

    The register's segments in use, open to the public and of a morphology the profile may
    use (walking and cycling: no motorways, grade-separated ramps, tram tracks or ferries),
    joined at the register's own nodes (``B_WK_OIDN``, ``E_WK_OIDN``); see
    :func:`wijkanalyse.io.read_wegenregister`. What was left out is counted in
    ``report.excluded_ways`` and ``excluded_km``.
    """
    prof = travel_profile(profile, speed_kmh=speed_kmh)
    lines, rep = read_wegenregister(path, profile=prof.name, layer=layer)
    if not len(lines):
        raise DataError(f"Wegenregister {Path(path).name}: no segment this profile may use.")
    net = from_lines(
        cls,
        lines,
        ends=("B_WK_OIDN", "E_WK_OIDN"),
        profile=prof,
        source=f"Wegenregister {Path(path).name}",
        max_snap_m=max_snap_m,
        off_network=off_network,
        detour_factor=detour_factor,
    )
    report = replace(
        net.report,
        excluded_ways=net.report.excluded_ways + rep["segments"] - rep["kept"],
        excluded_km=net.report.excluded_km + rep["excluded_km"],
    )
    return replace(net, report=report)


def combine(
    primary: Any,
    other: Any,
    *,
    gap_m: float = 30.0,
    connect_m: float = 60.0,
    labels: tuple[str, str] | None = None,
) -> Any:
    """Return the network ``primary`` patched with ``other`` where it has no streets.

    ``other`` is a :class:`~wijkanalyse.network.StreetNetwork` or a line layer (give lines
    rather than a network when the patch has parts that join ``primary`` only through it: a
    network keeps its largest part only). An edge of ``other`` is added when it lies more
    than ``gap_m`` from every street of ``primary``; where the patch runs on into
    ``primary``'s streets it is joined to the nearest node within ``connect_m``. The
    combined network keeps its largest connected part; its ``report.sources`` say what
    each source contributed (km, edges, connectors).

    Examples
    --------
    >>> from wijkanalyse.network import StreetNetwork
    >>> main = gpd.GeoDataFrame(geometry=[shapely.LineString([(0, 0), (500, 0)])],
    ...                         crs="EPSG:31370")
    >>> village = gpd.GeoDataFrame(geometry=[shapely.LineString([(0, 0), (0, 400),
    ...                            (300, 400)])], crs="EPSG:31370")
    >>> net = combine(StreetNetwork.from_lines(main), village, labels=("main", "village"))
    >>> [(c.source, round(c.km, 1), c.connectors) for c in net.report.sources]
    [('main', 0.5, 0), ('village', 0.7, 1)]
    """
    if hasattr(other, "_node_frame"):
        theirs = (other._node_frame(), other.edges())
        label_b = other.report.source
    else:
        lines = other.to_crs(primary.crs) if other.crs is not None else other
        theirs = edges_from_lines(lines)
        label_b = "lines"
    la, lb = labels or (primary.report.source, label_b)
    mine = (primary._node_frame(), primary.edges())
    nodes, edges, contrib = combine_edges(
        mine, theirs, labels=(la, lb), gap_m=gap_m, connect_m=connect_m
    )
    net = type(primary).from_edges(
        nodes,
        edges,
        crs=primary.crs,
        profile=primary.profile,
        source=f"{la} + {lb}",
        max_snap_m=primary.max_snap_m,
        off_network=primary.off_network,
        detour_factor=primary.detour_factor,
    )
    # what each source gave to the network as kept (its largest connected part)
    final = net.edges()
    mine_u = ~final["u"].astype(str).str.startswith(f"{lb}:")
    mine_v = ~final["v"].astype(str).str.startswith(f"{lb}:")
    link = mine_u != mine_v
    kept_contrib = (
        Contribution(
            la,
            float(final.loc[mine_u & mine_v, "length_m"].sum() / 1000.0),
            int((mine_u & mine_v).sum()),
        ),
        Contribution(
            lb,
            float(final.loc[~mine_u & ~mine_v, "length_m"].sum() / 1000.0),
            int((~mine_u & ~mine_v).sum()),
            int(link.sum()),
        ),
    )
    del contrib
    return replace(net, report=replace(net.report, sources=kept_contrib))
