"""Travel distances on a street network: OD matrices, nearest destinations, service areas.

The bodies of :class:`~wijkanalyse.network.StreetNetwork`'s ``od_matrix``, ``nearest`` and
``service_areas``: the points are snapped to the streets (see
:mod:`wijkanalyse.network._snapping`), searched on the contracted graph (see
:mod:`wijkanalyse.network._chains`) and, when farther than ``max_snap_m`` from every street
with ``off_network="euclidean"``, given the straight line times the detour factor.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from wijkanalyse._errors import DataError
from wijkanalyse.network._chains import from_sources, nearest_sources
from wijkanalyse.network._checks import _as_points, _budgets, _check_limit, _xy
from wijkanalyse.network._graph import _StreetGraph
from wijkanalyse.network.crowflies import _euclid_pairs
from wijkanalyse.network.results import ODMatrix, _areas_frame, _nearest_frame


def od_matrix(
    net: _StreetGraph,
    origins: gpd.GeoDataFrame | gpd.GeoSeries,
    destinations: gpd.GeoDataFrame | gpd.GeoSeries,
    *,
    max_minutes: float | None = None,
) -> ODMatrix:
    """Return the travel distances on ``net`` within a limit.

    See :meth:`~wijkanalyse.network.StreetNetwork.od_matrix`.
    """
    ogeo = _as_points(origins, what="origins", crs=net.crs)
    dgeo = _as_points(destinations, what="destinations", crs=net.crs)
    limit = _check_limit(max_minutes)
    limit_m = np.inf if limit is None else limit * net.profile.metres_per_minute
    o_xy, d_xy = _xy(ogeo), _xy(dgeo)
    o_snapped, d_snapped = net._snap(o_xy), net._snap(d_xy)
    o_on, d_on = o_snapped.ok, d_snapped.ok
    o_ok, d_ok = np.flatnonzero(o_on), np.flatnonzero(d_on)
    o_pts, d_pts = o_snapped.take(o_ok), d_snapped.take(d_ok)
    if len(o_ok) and len(d_ok):
        if len(o_ok) <= len(d_ok):
            r, c, v = from_sources(net._chains, o_pts, d_pts, limit_m, reverse=False)
            row, col = o_ok[r], d_ok[c]
        else:
            r, c, v = from_sources(net._chains, d_pts, o_pts, limit_m, reverse=True)
            row, col = o_ok[c], d_ok[r]
    else:
        row = col = np.array([], dtype=np.int64)
        v = np.array([], dtype=float)
    fb = np.zeros(len(row), dtype=bool)
    if net.off_network == "euclidean":
        o_off, d_off = np.flatnonzero(~o_on), np.flatnonzero(~d_on)
        radius = None if limit is None else limit_m
        extra = []
        # pairs with an origin off the network: to every destination
        if len(o_off):
            r2, c2, e2 = _euclid_pairs(o_xy[o_off], d_xy, radius, net.detour_factor)
            extra.append((o_off[r2], c2, e2))
        # pairs with an attached origin and a destination off the network
        if len(d_off) and len(o_ok):
            r3, c3, e3 = _euclid_pairs(o_xy[o_ok], d_xy[d_off], radius, net.detour_factor)
            extra.append((o_ok[r3], d_off[c3], e3))
        for er, ec, ee in extra:
            row = np.concatenate([row, er])
            col = np.concatenate([col, ec])
            v = np.concatenate([v, ee * net.detour_factor])
            fb = np.concatenate([fb, np.ones(len(er), dtype=bool)])
    order = np.lexsort((col, row))
    row, col, v, fb = row[order], col[order], v[order], fb[order]
    euclid = np.hypot(o_xy[row, 0] - d_xy[col, 0], o_xy[row, 1] - d_xy[col, 1])
    return ODMatrix(
        origins=ogeo.index,
        destinations=dgeo.index,
        row=row,
        col=col,
        network_m=v,
        euclid_m=euclid,
        fallback=fb,
        metres_per_minute=net.profile.metres_per_minute,
        method_network=net.method,
        method_fallback=net.fallback_method,
        max_minutes=limit,
        origin_ok=None if net.off_network == "euclidean" else o_on,
        destination_ok=None if net.off_network == "euclidean" else d_on,
    )


def nearest(
    net: _StreetGraph,
    origins: gpd.GeoDataFrame | gpd.GeoSeries,
    destinations: gpd.GeoDataFrame | gpd.GeoSeries,
    *,
    max_minutes: float | None = None,
) -> pd.DataFrame:
    """Return the nearest destination of every origin by travel distance on ``net``.

    See :meth:`~wijkanalyse.network.StreetNetwork.nearest`.
    """
    ogeo = _as_points(origins, what="origins", crs=net.crs)
    dgeo = _as_points(destinations, what="destinations", crs=net.crs)
    limit = _check_limit(max_minutes)
    limit_m = np.inf if limit is None else limit * net.profile.metres_per_minute
    o_xy, d_xy = _xy(ogeo), _xy(dgeo)
    n = len(o_xy)
    o_snapped = net._snap(o_xy)
    o_on = o_snapped.ok
    best, pos, fb = nearest_arrays(net, o_xy, o_snapped, d_xy, limit_m, net.detour_factor)
    reason = np.full(n, None, dtype=object)
    none = pos < 0
    if len(d_xy) == 0:
        reason[:] = "no_destinations"
    else:
        far = "unreachable" if limit is None else "none_within_limit"
        reason[none & o_on] = far
        if net.off_network == "na":
            reason[none & ~o_on] = "off_network"
        else:
            reason[none & ~o_on] = far
    safe = np.clip(pos, 0, max(len(d_xy) - 1, 0))
    euclid = (
        np.hypot(o_xy[:, 0] - d_xy[safe, 0], o_xy[:, 1] - d_xy[safe, 1])
        if len(d_xy)
        else np.full(n, np.nan)
    )
    method = np.where(fb, net.fallback_method, net.method)
    return _nearest_frame(
        ogeo.index,
        dgeo.index,
        pos,
        best,
        euclid,
        o_snapped.snap_m,
        method,
        reason,
        net.profile.metres_per_minute,
    )


def nearest_arrays(
    net: _StreetGraph,
    o_xy: np.ndarray,
    o_snapped: Any,
    d_xy: np.ndarray,
    limit_m: float,
    detour_factor: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return every origin's metres to its nearest destination, which one, and if estimated.

    The core of :func:`nearest` on arrays, with the origins already snapped (``net._snap``):
    a Monte Carlo study moves the destinations and the detour factor many times over the
    same origins. Unreached origins get ``inf`` and position -1; ``fb`` marks straight-line
    estimates (an origin or its nearest destination off the network).
    """
    n = len(o_xy)
    d_snapped = net._snap(d_xy)
    o_on, d_on = o_snapped.ok, d_snapped.ok
    best = np.full(n, np.inf)
    pos = np.full(n, -1, dtype=np.int64)
    fb = np.zeros(n, dtype=bool)
    d_ok = np.flatnonzero(d_on)
    if len(d_ok) and o_on.any():
        # distances *to* the destinations: search the reversed arcs from them
        on = np.flatnonzero(o_on)
        o_seg, o_t, o_snap = o_snapped.take(on)
        metres, winner = nearest_sources(net._chains, d_snapped.take(d_ok), (o_seg, o_t), limit_m)
        reach = np.isfinite(metres)
        best[on[reach]] = metres[reach] + o_snap[reach]
        pos[on[reach]] = d_ok[winner[reach]]
    if net.off_network == "euclidean" and len(d_xy):
        d_off = np.flatnonzero(~d_on)
        # origins off the network: straight line to every destination
        off = np.flatnonzero(~o_on)
        if len(off):
            e, i = cKDTree(d_xy).query(o_xy[off], k=1)
            est = np.asarray(e, float) * detour_factor
            better = est < best[off]
            best[off[better]] = est[better]
            pos[off[better]] = np.asarray(i)[better]
            fb[off[better]] = True
        # attached origins: a destination off the network may still be nearer
        if len(d_off) and o_on.any():
            on = np.flatnonzero(o_on)
            e, i = cKDTree(d_xy[d_off]).query(o_xy[on], k=1)
            est = np.asarray(e, float) * detour_factor
            better = est < best[on]
            best[on[better]] = est[better]
            pos[on[better]] = d_off[np.asarray(i)[better]]
            fb[on[better]] = True
    pos[best > limit_m] = -1
    best[pos < 0] = np.inf
    return best, pos, fb


def service_areas(
    net: _StreetGraph,
    facilities: gpd.GeoDataFrame | gpd.GeoSeries,
    *,
    minutes: float | Sequence[float] = (5, 10, 15),
    buffer_m: float = 50.0,
) -> gpd.GeoDataFrame:
    """Return the area reachable on ``net`` within each travel time of each facility.

    See :meth:`~wijkanalyse.network.StreetNetwork.service_areas`.
    """
    geoms = _as_points(facilities, what="facilities", crs=net.crs)
    budgets = _budgets(minutes)
    if not (math.isfinite(buffer_m) and buffer_m > 0):
        raise DataError(f"buffer_m must be a positive number of metres, got {buffer_m!r}.")
    xy = _xy(geoms)
    att = net._attach(xy)
    mpm = net.profile.metres_per_minute
    top = max(budgets) * mpm
    ok = np.flatnonzero(att.node >= 0)
    rows: list[tuple[Any, float, str, Any]] = []
    g = att.graph.T.tocsr() if net.directed else att.graph
    txy, hxy = att.xy[att.tail], att.xy[att.head]
    for lo in range(0, len(ok), 64):
        block = ok[lo : lo + 64]
        dist = csgraph.dijkstra(g, directed=True, indices=att.node[block], limit=top)
        for b_i, f_i in enumerate(block):
            d_head = dist[b_i][att.head]
            for b in budgets:
                budget = b * mpm
                reach = np.clip(budget - d_head, 0.0, att.length)
                use = reach > 0
                if not use.any():
                    geom = shapely.Point(xy[f_i]).buffer(buffer_m)
                else:
                    frac = np.divide(
                        reach[use],
                        att.length[use],
                        out=np.ones(int(use.sum())),
                        where=att.length[use] > 0,
                    )
                    start = hxy[use] - (hxy[use] - txy[use]) * frac[:, None]
                    geom = _reach_polygon(_street_lines(start, hxy[use]), buffer_m)
                rows.append((geoms.index[f_i], b, net.method, geom))
    for f_i in np.flatnonzero(att.node < 0):
        if net.off_network != "euclidean":
            continue
        for b in budgets:
            r = b * mpm / net.detour_factor
            rows.append(
                (geoms.index[f_i], b, net.fallback_method, shapely.Point(xy[f_i]).buffer(r))
            )
    out = _areas_frame(rows, net.crs)
    if len(out):
        order = pd.Series(np.arange(len(geoms)), index=geoms.index)
        out = out.assign(_pos=order.reindex(out["facility_id"]).to_numpy())
        out = out.sort_values(["_pos", "minutes"], kind="stable").drop(columns="_pos")
        out = out.reset_index(drop=True)
    return out


def _street_lines(start: np.ndarray, end: np.ndarray) -> Any:
    """Return the reached street pieces as one merged line geometry, ready to buffer.

    A two-way street reached along its whole length appears as two arcs (one per direction);
    the copy is dropped, and touching pieces are merged into longer lines, which makes the
    buffer about six times faster without changing it.
    """
    seg = np.concatenate([start, end], axis=1)
    flip = (seg[:, 0] > seg[:, 2]) | ((seg[:, 0] == seg[:, 2]) & (seg[:, 1] > seg[:, 3]))
    canon = np.where(flip[:, None], seg[:, [2, 3, 0, 1]], seg)
    _, first = np.unique(np.round(canon, 3), axis=0, return_index=True)
    keep = np.sort(first)
    lines = shapely.linestrings(np.stack([start[keep], end[keep]], axis=1))
    return shapely.line_merge(shapely.multilinestrings(lines))


def _reach_polygon(lines: Any, buffer_m: float) -> Any:
    """Return the area within ``buffer_m`` of the reached street pieces.

    Each piece is buffered on its own and the buffers are united: the same area as buffering
    the whole multi-line at once (up to floating-point noise of a few square centimetres on a
    square kilometre), and about fifteen times faster on a town's streets, because GEOS
    does not have to node hundreds of overlapping round caps in one buffer.
    """
    parts = shapely.get_parts(lines)
    return shapely.union_all(shapely.buffer(parts, buffer_m, quad_segs=4))
