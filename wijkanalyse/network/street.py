"""The street network: a graph for one travel profile, with snapping and shortest paths.

:class:`StreetNetwork` is built from node and edge frames, a road-graph GeoPackage or an
OSM file; it snaps points to the nearest street and answers ``nearest``, ``od_matrix`` and
``service_areas`` (see :mod:`wijkanalyse.network`).
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from wijkanalyse import io, settings
from wijkanalyse._errors import CRSError, DataError, SchemaError
from wijkanalyse._validate import Problems, check_edge_lengths, crs_label, listing
from wijkanalyse.datasets import resolve_source
from wijkanalyse.network._chains import _Chains, _jump, _scaled
from wijkanalyse.network._checks import _as_points, _budgets, _check_detour, _check_limit, _xy
from wijkanalyse.network._snapping import _PIECE_CANDIDATES, _PIECE_M, _Attached, _Snapped
from wijkanalyse.network.build import _read_osm_ways
from wijkanalyse.network.crowflies import DEFAULT_DETOUR_FACTOR, _euclid_pairs
from wijkanalyse.network.profiles import TravelProfile, travel_profile
from wijkanalyse.network.results import (
    METHOD_NETWORK,
    NetworkReport,
    ODMatrix,
    _areas_frame,
    _nearest_frame,
    euclidean_method,
)

__all__ = ["DEFAULT_MAX_SNAP_M", "StreetNetwork"]

log = logging.getLogger(__name__)

#: Points farther than this from the nearest street are not attached to the network.
DEFAULT_MAX_SNAP_M = 300.0

# how many snapped point sets a network remembers
_SNAP_MEMO = 16


@dataclass(frozen=True, eq=False)
class StreetNetwork:
    """A street graph for one travel profile, ready for shortest paths.

    Build one with :meth:`from_road_graph`, :meth:`from_osm` or :meth:`from_edges`. Its
    arrays are read-only; :meth:`with_options` returns a copy with other snapping or
    fallback options.

    Attributes
    ----------
    node_ids
        The original node ids, in graph order.
    x, y
        Node coordinates in ``crs``.
    tail, head, length_m
        Directed arcs (positions into the node arrays) and their lengths in metres. A
        two-way street is two arcs.
    crs
        The projected CRS.
    profile
        The travel profile the network was built for.
    report
        What was kept and dropped.
    max_snap_m
        Points farther than this from the nearest street are not attached.
    off_network
        What a point that is not attached gets: ``"euclidean"`` (straight line × detour
        factor, labelled in ``method``) or ``"na"`` (no value, ``reason="off_network"``).
    detour_factor
        The straight-line detour factor of the fallback.
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
    max_snap_m: float = DEFAULT_MAX_SNAP_M
    off_network: Literal["euclidean", "na"] = "euclidean"
    detour_factor: float = DEFAULT_DETOUR_FACTOR

    def __post_init__(self) -> None:
        for name in ("x", "y", "tail", "head", "length_m"):
            getattr(self, name).setflags(write=False)
        if not (math.isfinite(self.max_snap_m) and self.max_snap_m >= 0):
            raise DataError(f"max_snap_m must be a non-negative number, got {self.max_snap_m!r}.")
        if self.off_network not in ("euclidean", "na"):
            raise DataError(f"off_network must be 'euclidean' or 'na', got {self.off_network!r}.")
        _check_detour(self.detour_factor)

    def __repr__(self) -> str:
        return f"StreetNetwork({self.report})"

    # -- construction

    def with_options(
        self,
        *,
        max_snap_m: float | None = None,
        off_network: Literal["euclidean", "na"] | None = None,
        detour_factor: float | None = None,
        speed_kmh: float | None = None,
    ) -> StreetNetwork:
        """Return the same network with other snapping, fallback or speed options."""
        changes: dict[str, Any] = {}
        if max_snap_m is not None:
            changes["max_snap_m"] = float(max_snap_m)
        if off_network is not None:
            changes["off_network"] = off_network
        if detour_factor is not None:
            changes["detour_factor"] = float(detour_factor)
        if speed_kmh is not None:
            changes["profile"] = self.profile.with_speed(speed_kmh)
        return replace(self, **changes)

    @classmethod
    def from_edges(
        cls,
        nodes: pd.DataFrame,
        edges: pd.DataFrame,
        *,
        crs: Any = None,
        profile: str | TravelProfile = "walk",
        speed_kmh: float | None = None,
        source: str = "edges",
        max_snap_m: float = DEFAULT_MAX_SNAP_M,
        off_network: Literal["euclidean", "na"] = "euclidean",
        detour_factor: float = DEFAULT_DETOUR_FACTOR,
    ) -> StreetNetwork:
        """Build a network from node coordinates and an edge list.

        Parameters
        ----------
        nodes
            Indexed by node id, with point geometry (a GeoDataFrame) or ``x`` and ``y``.
        edges
            One row per directed arc with ``u`` and ``v`` (node ids); optional ``length_m``
            (default: the arc's line geometry in a GeoDataFrame, else the straight line) and
            ``oneway`` (default False: usable both ways; for a walking profile every street is
            two-way). A ``length_m`` that is missing, negative, zero or shorter than the
            straight line between the arc's nodes (or than its line) is replaced by that
            length, with a :class:`~wijkanalyse.DataWarning`.
        crs
            The CRS of ``x``/``y``; a GeoDataFrame's own CRS is used when not given.
        profile, speed_kmh
            Travel profile and an optional other speed.
        source
            A label for reports.
        max_snap_m, off_network, detour_factor
            See the class attributes.
        """
        prof = travel_profile(profile, speed_kmh=speed_kmh)
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
            problems.add(
                f"{int(dangling.sum())} edges refer to unknown nodes ({listing(unknown)})."
            )
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
            profile=prof,
            source=source,
            excluded=(0, 0.0),
            options={
                "max_snap_m": max_snap_m,
                "off_network": off_network,
                "detour_factor": detour_factor,
            },
        )

    @classmethod
    def from_road_graph(
        cls,
        source: io.RoadGraphFrames | str | Path = "leuven_road_graph_2013",
        *,
        profile: str | TravelProfile = "walk",
        speed_kmh: float | None = None,
        max_snap_m: float = DEFAULT_MAX_SNAP_M,
        off_network: Literal["euclidean", "na"] = "euclidean",
        detour_factor: float = DEFAULT_DETOUR_FACTOR,
    ) -> StreetNetwork:
        """Build a network from a road-graph GeoPackage (layers ``nodes`` and ``edges``).

        The mirror's Leuven graph (OSM c. 2013 via RinSim) is a road network without
        footways, cycle paths, pedestrian streets, steps or service roads, and it does not
        reach Wijgmaal. Its arcs carry no road type: arcs with a speed limit above the
        profile's ``max_road_speed_kmh`` (90 km/h) are taken to be motorways and left out.
        For walking every road is two-way; for cycling the arcs' own directions hold.
        """
        prof = travel_profile(profile, speed_kmh=speed_kmh)
        frames = source if isinstance(source, io.RoadGraphFrames) else io.read_road_graph(source)
        label = source if isinstance(source, str | Path) else "road graph"
        edges = frames.edges
        if "maxspeed_kmh" in edges:
            speed = pd.to_numeric(edges["maxspeed_kmh"], errors="coerce")
            fast = (speed > prof.max_road_speed_kmh).fillna(False).to_numpy(bool)
        else:
            fast = np.zeros(len(edges), dtype=bool)
        length = pd.to_numeric(edges["length_m"], errors="coerce").to_numpy(float)
        # each direction of a two-way road is its own arc in the source
        kept = edges.loc[~fast, ["u", "v"]].copy()
        kept["length_m"] = length[~fast]
        kept["oneway"] = True
        net = cls.from_edges(
            frames.nodes,
            kept,
            crs=frames.nodes.crs,
            profile=prof,
            source=str(label),
            max_snap_m=max_snap_m,
            off_network=off_network,
            detour_factor=detour_factor,
        )
        if fast.any():
            two_way = (
                edges["has_reverse"].fillna(False).astype(bool).to_numpy()
                if "has_reverse" in edges
                else np.zeros(len(edges), dtype=bool)
            )
            km = float((length[fast] * np.where(two_way[fast], 0.5, 1.0)).sum()) / 1000
            rep = replace(net.report, excluded_ways=int(fast.sum()), excluded_km=km)
            net = replace(net, report=rep)
        log.info("%s", net.report)
        return net

    @classmethod
    def from_osm(
        cls,
        path: str | Path,
        *,
        profile: str | TravelProfile = "walk",
        speed_kmh: float | None = None,
        crs: Any = None,
        max_snap_m: float = DEFAULT_MAX_SNAP_M,
        off_network: Literal["euclidean", "na"] = "euclidean",
        detour_factor: float = DEFAULT_DETOUR_FACTOR,
    ) -> StreetNetwork:
        """Build a network from OpenStreetMap XML (``.osm``, ``.osm.bz2``) or PBF (``.pbf``).

        The profile decides which ways count (see :meth:`TravelProfile.allows`): for walking,
        footways, paths, pedestrian streets, steps and all roads except motorways; ways
        with ``foot=no`` or private access are left out. Every way is split into straight
        segments between its nodes; lengths are measured in ``crs``.

        Parameters
        ----------
        path
            The OSM file, or a dataset id of the catalogue (e.g. ``osm_tervuursevest_2016``).
        profile, speed_kmh
            Travel profile and an optional other speed.
        crs
            Projected CRS to work in (default: ``settings.working_crs``, Belgian Lambert 72).
        max_snap_m, off_network, detour_factor
            See the class attributes.
        """
        prof = travel_profile(profile, speed_kmh=speed_kmh)
        p, _ = resolve_source(path)
        work_crs = CRS.from_user_input(crs if crs is not None else settings.working_crs)
        if work_crs.is_geographic:
            raise CRSError(f"crs must be projected (metres), got {crs_label(work_crs)}.")
        refs, lons, lats, tails, heads, oneway, excl, excl_m = _read_osm_ways(p, prof)
        if not len(tails):
            raise DataError(
                f"OSM file {p.name!r} holds no ways a {prof.label_en} network can use "
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
            km_excl = (
                float(np.hypot(np.asarray(ex_x2) - ex_x, np.asarray(ex_y2) - ex_y).sum()) / 1000
            )
        net = _build(
            pd.Index(refs, name="node_id"),
            x,
            y,
            tail,
            head,
            length,
            np.asarray(oneway, dtype=bool),
            crs=work_crs,
            profile=prof,
            source=p.name,
            excluded=(excl, km_excl),
            options={
                "max_snap_m": max_snap_m,
                "off_network": off_network,
                "detour_factor": detour_factor,
            },
        )
        log.info("%s", net.report)
        return net

    # -- views

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return len(self.x)

    @property
    def method(self) -> str:
        """The ``method`` label of distances on this network."""
        return METHOD_NETWORK

    @property
    def fallback_method(self) -> str:
        """The ``method`` label of straight-line estimates for points off the network."""
        return euclidean_method(self.detour_factor)

    @cached_property
    def graph(self) -> sparse.csr_array:
        """The arcs as an n × n CSR matrix of lengths in metres (explicit zeros are arcs)."""
        return sparse.csr_array(
            (self.length_m, (self.tail, self.head)), shape=(self.n_nodes, self.n_nodes)
        )

    @property
    def directed(self) -> bool:
        """Whether some street can be used in one direction only."""
        return self.profile.oneway

    @cached_property
    def _segments(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Undirected streets: (a, b) node pairs, and for every arc its street and direction."""
        lo = np.minimum(self.tail, self.head)
        hi = np.maximum(self.tail, self.head)
        key = lo.astype(np.int64) * self.n_nodes + hi
        uniq, arc_seg = np.unique(key, return_inverse=True)
        seg_a = (uniq // self.n_nodes).astype(np.int64)
        seg_b = (uniq % self.n_nodes).astype(np.int64)
        forward = self.tail == seg_a[arc_seg]
        return seg_a, seg_b, arc_seg, forward

    @cached_property
    def _tree(self) -> shapely.STRtree:
        seg_a, seg_b, _, _ = self._segments
        lines = shapely.linestrings(
            np.stack(
                [
                    np.column_stack([self.x[seg_a], self.y[seg_a]]),
                    np.column_stack([self.x[seg_b], self.y[seg_b]]),
                ],
                axis=1,
            )
        )
        return shapely.STRtree(lines)

    def edges(self) -> gpd.GeoDataFrame:
        """Return the streets (each once) as a GeoDataFrame of straight lines.

        Columns: ``u``, ``v`` (node ids), ``length_m``, ``oneway`` (only u → v may be used).
        """
        seg_a, seg_b, arc_seg, forward = self._segments
        n = len(seg_a)
        has_fwd = np.zeros(n, dtype=bool)
        has_bwd = np.zeros(n, dtype=bool)
        has_fwd[arc_seg[forward]] = True
        has_bwd[arc_seg[~forward]] = True
        length = np.full(n, np.inf)
        np.minimum.at(length, arc_seg, self.length_m)
        u = np.where(has_fwd, seg_a, seg_b)
        v = np.where(has_fwd, seg_b, seg_a)
        return gpd.GeoDataFrame(
            {
                "u": self.node_ids[u],
                "v": self.node_ids[v],
                "length_m": length,
                "oneway": has_fwd != has_bwd,
            },
            geometry=gpd.GeoSeries(self._tree.geometries, crs=self.crs),
        )

    def nodes(self) -> gpd.GeoDataFrame:
        """Return the nodes as points, indexed by node id."""
        return gpd.GeoDataFrame(
            geometry=gpd.points_from_xy(self.x, self.y), index=self.node_ids, crs=self.crs
        )

    # -- snapping

    def snap(self, points: gpd.GeoDataFrame | gpd.GeoSeries) -> pd.DataFrame:
        """Attach points to the nearest street, at the projection of the point on it.

        Returns
        -------
        pandas.DataFrame
            Indexed like ``points``: ``u``, ``v`` (the street's end nodes), ``t`` (0 at u, 1 at
            v), ``x_snap``, ``y_snap`` (the point on the street), ``snap_m`` (straight walk
            from the point to the street) and ``attached`` (False when ``snap_m`` exceeds
            ``max_snap_m``: the point is flagged, not attached).
        """
        geoms = _as_points(points, what="points", crs=self.crs)
        seg, t, qx, qy, dist = self._project(_xy(geoms))
        seg_a, seg_b, _, _ = self._segments
        return pd.DataFrame(
            {
                "u": self.node_ids[seg_a[seg]],
                "v": self.node_ids[seg_b[seg]],
                "t": t,
                "x_snap": qx,
                "y_snap": qy,
                "snap_m": dist,
                "attached": dist <= self.max_snap_m,
            },
            index=geoms.index,
        )

    @cached_property
    def _piece_tree(self) -> tuple[cKDTree, np.ndarray, float]:
        """A k-d tree of the midpoints of the streets cut into pieces of at most 30 m (_PIECE_M).

        Returns the tree, the street of each piece and the longest half piece: every point
        of a street lies within that distance of one of its piece midpoints.
        """
        seg_a, seg_b, _, _ = self._segments
        ax, ay, bx, by = self.x[seg_a], self.y[seg_a], self.x[seg_b], self.y[seg_b]
        seg_len = np.hypot(bx - ax, by - ay)
        count = np.maximum(1, np.ceil(seg_len / _PIECE_M)).astype(np.int64)
        seg_of = np.repeat(np.arange(len(seg_a)), count)
        j = np.arange(len(seg_of)) - np.repeat(np.cumsum(count) - count, count)
        frac = (j + 0.5) / count[seg_of]
        mx = ax[seg_of] + frac * (bx - ax)[seg_of]
        my = ay[seg_of] + frac * (by - ay)[seg_of]
        half = float(np.max(seg_len / count)) / 2.0 if len(seg_len) else 0.0
        return cKDTree(np.column_stack([mx, my])), seg_of, half

    def _onto(self, xy: np.ndarray, seg: np.ndarray) -> tuple[np.ndarray, ...]:
        """Project points on given streets (broadcast): position, foot point, distance."""
        seg_a, seg_b, _, _ = self._segments
        ax, ay = self.x[seg_a[seg]], self.y[seg_a[seg]]
        bx, by = self.x[seg_b[seg]], self.y[seg_b[seg]]
        px, py = (xy[:, 0], xy[:, 1]) if seg.ndim == 1 else (xy[:, :1], xy[:, 1:])
        dx, dy = bx - ax, by - ay
        len2 = dx * dx + dy * dy
        with np.errstate(invalid="ignore", divide="ignore"):
            t = np.where(len2 > 0, ((px - ax) * dx + (py - ay) * dy) / len2, 0.0)
        t = np.clip(t, 0.0, 1.0)
        qx, qy = ax + t * dx, ay + t * dy
        return t, qx, qy, np.hypot(px - qx, py - qy)

    def _project(self, xy: np.ndarray) -> tuple[np.ndarray, ...]:
        """Find the nearest street of each point: street, position, foot point, distance.

        The streets of the nearest piece midpoints (:attr:`_piece_tree`) are candidates;
        the answer is exact once the best of them is nearer than the farthest candidate
        midpoint minus half a piece (no other street can then be nearer). The few points
        where that does not hold (far from every street) ask the STRtree instead.
        """
        n = len(xy)
        if n == 0:
            e = np.array([], dtype=float)
            return np.array([], dtype=np.int64), e, e.copy(), e.copy(), e.copy()
        tree, seg_of, half = self._piece_tree
        k = min(_PIECE_CANDIDATES, tree.n)
        d_mid, i_mid = tree.query(xy, k=k)
        cand = seg_of[i_mid.reshape(n, k)]
        dist_c = self._onto(xy, cand)[3]
        pick = np.argmin(dist_c, axis=1)
        seg = cand[np.arange(n), pick]
        best = dist_c[np.arange(n), pick]
        unsure = best >= np.reshape(d_mid, (n, k))[:, -1] - half if k < tree.n else best < 0
        if unsure.any():
            which = np.flatnonzero(unsure)
            idx = self._tree.query_nearest(shapely.points(xy[which]), all_matches=False)
            seg[which[idx[0]]] = idx[1]
        t, qx, qy, dist = self._onto(xy, seg)
        return seg, t, qx, qy, dist

    def _attach(self, xy: np.ndarray) -> _Attached:
        """Add the points as nodes: split their streets at the projections, link them."""
        n0 = self.n_nodes
        seg, t, qx, qy, dist = self._project(xy)
        ok = dist <= self.max_snap_m
        k = int(ok.sum())
        node = np.full(len(xy), -1, dtype=np.int64)
        # new nodes: q (on the street) n0..n0+k-1, p (the point) n0+k..n0+2k-1
        q_of = np.arange(n0, n0 + k)
        p_of = np.arange(n0 + k, n0 + 2 * k)
        node[ok] = p_of
        seg_ok, t_ok = seg[ok], t[ok]
        order = np.lexsort((t_ok, seg_ok))
        s_seg, s_t, s_q = seg_ok[order], t_ok[order], q_of[order]
        _, _, arc_seg, forward = self._segments
        touched = np.isin(arc_seg, s_seg) if k else np.zeros(len(arc_seg), dtype=bool)
        keep_tail, keep_head, keep_len = (
            self.tail[~touched],
            self.head[~touched],
            self.length_m[~touched],
        )
        a_idx = np.flatnonzero(touched)
        a_seg = arc_seg[a_idx]
        start = np.searchsorted(s_seg, a_seg, side="left")
        stop = np.searchsorted(s_seg, a_seg, side="right")
        cnt = stop - start
        pieces = cnt + 1
        total = int(pieces.sum())
        arc_rep = np.repeat(np.arange(len(a_idx)), pieces)
        offs = np.concatenate([[0], np.cumsum(pieces)[:-1]]) if len(pieces) else np.array([], int)
        j = np.arange(total) - np.repeat(offs, pieces)
        kk = cnt[arc_rep]
        st, sp = start[arc_rep], stop[arc_rep]
        fwd = forward[a_idx][arc_rep]
        # forward arcs visit the points by increasing t, backward arcs by decreasing t
        prev_pt = np.where(fwd, st + j - 1, sp - j)
        next_pt = np.where(fwd, st + j, sp - 1 - j)
        tail_a, head_a = self.tail[a_idx][arc_rep], self.head[a_idx][arc_rep]
        first, last = j == 0, j == kk
        safe_prev = np.clip(prev_pt, 0, max(len(s_q) - 1, 0))
        safe_next = np.clip(next_pt, 0, max(len(s_q) - 1, 0))
        frm = np.where(first, tail_a, s_q[safe_prev])
        to = np.where(last, head_a, s_q[safe_next])
        # position along the street (0 at seg_a, 1 at seg_b) of each piece's ends
        t_tail = np.where(fwd, 0.0, 1.0)
        t_head = np.where(fwd, 1.0, 0.0)
        p_from = np.where(first, t_tail, s_t[safe_prev])
        p_to = np.where(last, t_head, s_t[safe_next])
        plen = self.length_m[a_idx][arc_rep] * np.abs(p_to - p_from)
        link = dist[ok][order]
        p_sorted = p_of[order]
        tail = np.concatenate([keep_tail, frm, s_q, p_sorted])
        head = np.concatenate([keep_head, to, p_sorted, s_q])
        length = np.concatenate([keep_len, plen, link, link])
        size = n0 + 2 * k
        graph = sparse.csr_array((length, (tail, head)), shape=(size, size))
        xy_all = np.concatenate(
            [
                np.column_stack([self.x, self.y]),
                np.column_stack([qx[ok], qy[ok]]),
                xy[ok],
            ]
        )
        return _Attached(
            graph=graph,
            node=node,
            snap_m=np.where(np.isfinite(dist), dist, np.nan),
            xy=xy_all,
            tail=tail,
            head=head,
            length=length,
        )

    @cached_property
    def _snap_memo(self) -> tuple[threading.Lock, OrderedDict[bytes, _Snapped]]:
        return threading.Lock(), OrderedDict()

    def __getstate__(self) -> dict[str, Any]:
        # the snapping memo holds a lock: rebuilt where the network is unpickled (Dask)
        return {k: v for k, v in self.__dict__.items() if k != "_snap_memo"}

    def _snap(self, xy: np.ndarray) -> _Snapped:
        """Project the points on their nearest street, without touching the graph.

        The last few point sets are remembered (by a hash of their coordinates): a study
        snaps the same sector centroids for every facility type and target group.
        """
        xy = np.ascontiguousarray(xy, dtype=np.float64)
        key = hashlib.blake2b(xy.tobytes(), digest_size=20).digest() + bytes(str(xy.shape), "ascii")
        lock, memo = self._snap_memo
        with lock:
            hit = memo.get(key)
            if hit is not None:
                memo.move_to_end(key)
                return hit
        seg, t, _, _, dist = self._project(xy)
        out = _Snapped(seg=seg, t=t, snap_m=dist, ok=dist <= self.max_snap_m)
        for arr in (out.seg, out.t, out.snap_m, out.ok):
            arr.setflags(write=False)
        with lock:
            memo[key] = out
            while len(memo) > _SNAP_MEMO:
                memo.popitem(last=False)
        return out

    @cached_property
    def _street_lengths(self) -> tuple[np.ndarray, np.ndarray]:
        """Per street, its shortest arc from a to b and from b to a (inf: no such arc)."""
        seg_a, _, arc_seg, forward = self._segments
        fwd = np.full(len(seg_a), np.inf)
        bwd = np.full(len(seg_a), np.inf)
        np.minimum.at(fwd, arc_seg[forward], self.length_m[forward])
        np.minimum.at(bwd, arc_seg[~forward], self.length_m[~forward])
        return fwd, bwd

    @cached_property
    def _chains(self) -> _Chains:
        """Contract the nodes of degree 2 (see :class:`_Chains`)."""
        seg_a, seg_b, _, _ = self._segments
        n, m = self.n_nodes, len(seg_a)
        fwd, bwd = self._street_lengths
        # half-edges: 2s is street s from a to b, 2s + 1 from b to a
        h_tail = np.empty(2 * m, dtype=np.int64)
        h_head = np.empty(2 * m, dtype=np.int64)
        h_tail[0::2], h_tail[1::2] = seg_a, seg_b
        h_head[0::2], h_head[1::2] = seg_b, seg_a
        length = np.empty(2 * m)
        length[0::2], length[1::2] = fwd, bwd
        degree = np.bincount(np.concatenate([seg_a, seg_b]), minlength=n)
        is_junction = degree != 2
        # a component that is one closed ring has no junction: make its first node one
        _, comp = csgraph.connected_components(self.graph, directed=False)
        has = np.zeros(comp.max() + 1 if n else 0, dtype=bool)
        has[comp[is_junction]] = True
        first_node = np.full(len(has), n)
        np.minimum.at(first_node, comp, np.arange(n))
        is_junction[first_node[~has]] = True
        # at a node of degree 2, a half-edge coming in goes on along the other street
        order = np.argsort(h_head, kind="stable")  # half-edges coming into each node
        inner = ~is_junction[h_head[order]]
        came = order[inner].reshape(-1, 2)  # the two half-edges into each inner node
        nxt = np.full(2 * m, -1, dtype=np.int32)
        nxt[came[:, 0]] = came[:, 1] ^ 1  # the other street, walked away from the node
        nxt[came[:, 1]] = came[:, 0] ^ 1
        prev = np.full(2 * m, -1, dtype=np.int32)
        has_next = nxt >= 0
        prev[nxt[has_next]] = np.flatnonzero(has_next)
        usable = np.isfinite(length)
        finite = np.where(usable, length, 0.0)
        blocked = (~usable).astype(np.int32)
        ones = np.ones(2 * m, dtype=np.int32)
        (to_end, blocked_to_end), last = _jump(nxt, [finite, blocked])
        (from_start, blocked_from_start, steps), first = _jump(prev, [finite, blocked, ones])
        junction = np.full(n, -1, dtype=np.int64)
        junction[is_junction] = np.arange(int(is_junction.sum()))
        start = junction[h_tail[first]]
        end = junction[h_head[last]]
        # one arc per run: from the half-edges that leave a junction
        lead = np.flatnonzero((prev < 0) & (blocked_to_end == 0))
        k = int(is_junction.sum())
        tail, head, total = start[lead], end[lead], to_end[lead]
        keep = tail != head  # a loop back to its own junction never shortens a path
        tail, head, total = tail[keep], head[keep], total[keep]
        pick = np.lexsort((total, head, tail))
        tail, head, total = tail[pick], head[pick], total[pick]
        one = np.ones(len(tail), dtype=bool)
        one[1:] = (tail[1:] != tail[:-1]) | (head[1:] != head[:-1])
        graph = sparse.csr_array((total[one], (tail[one], head[one])), shape=(k, k))
        after = np.where(has_next, to_end[np.maximum(nxt, 0)], 0.0)
        after_blocked = has_next & (blocked_to_end[np.maximum(nxt, 0)] > 0)
        has_prev = prev >= 0
        before = np.where(has_prev, from_start[np.maximum(prev, 0)], 0.0)
        before_blocks = np.where(has_prev, blocked_from_start[np.maximum(prev, 0)], 0)
        small = np.int32  # half-edge and junction numbers; a street graph has < 2**31
        return _Chains(
            graph=graph,
            reverse=sparse.csr_array(graph.T) if self.directed else graph,
            length=length,
            before=before,
            before_blocks=before_blocks.astype(small),
            after=after,
            after_blocked=after_blocked,
            start=start.astype(small),
            end=end.astype(small),
            step=(steps - 1).astype(small),
            run=first.astype(small),
        )

    def _ends(
        self, seg: np.ndarray, t: np.ndarray, *, leaving: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return the junctions at both ends of each point's chain, and the walks to them.

        The walk runs between point and junction along the chain. ``leaving``: from the
        point to the junction, along the arcs of the streets; otherwise from the junction
        to the point. Each is an (n, 2) array, the end on the street's a side first; the
        walk is inf where a one-way street is in the way.
        """
        ch = self._chains
        h = np.column_stack([2 * seg, 2 * seg + 1])  # walking toward b, toward a
        part = np.column_stack([1.0 - t, t])  # share of the own street left toward b / a
        if leaving:
            ends = ch.end[h[:, ::-1]]  # the a side is where the walk toward a ends
            walk = _scaled(ch.length[h], part) + ch.after[h]
            stop = ch.after_blocked[h]
            walk, stop = walk[:, ::-1], stop[:, ::-1]
        else:
            ends = ch.start[h]  # coming toward b starts at the a side
            walk = ch.before[h] + _scaled(ch.length[h], 1.0 - part)
            stop = ch.before_blocks[h] > 0
        return ends, np.where(stop, np.inf, walk)

    def _with_sources(
        self,
        graph: sparse.csr_array,
        seg: np.ndarray,
        t: np.ndarray,
        snap: np.ndarray,
        *,
        leaving: bool,
    ) -> sparse.csr_array:
        """Return ``graph`` (of junctions) with one extra node per point.

        The extra nodes are numbered after the others, with arcs to the junctions at the
        two ends of the point's chain (``leaving``; from them otherwise, as the graph is
        searched backwards then) weighted by the snap link plus the walk along the chain.

        Rows are only appended, so the cost is a copy of the arc arrays: no sort, no
        rebuild, and no street is split.
        """
        n0, k = graph.shape[0], len(seg)
        ends, walk = self._ends(seg, t, leaving=leaving)
        weight = walk + snap[:, None]
        # a chain that loops back to its junction: one arc, the shorter way round
        loop = ends[:, 0] == ends[:, 1]
        weight[loop, 0] = np.minimum(weight[loop, 0], weight[loop, 1])
        weight[loop, 1] = np.inf
        use = np.isfinite(weight)  # row by row, a end first: the CSR order of new rows
        itype = graph.indices.dtype
        indptr = np.concatenate(
            [graph.indptr, graph.indptr[-1] + np.cumsum(use.sum(axis=1), dtype=itype)]
        )
        indices = np.concatenate([graph.indices, ends[use].astype(itype)])
        data = np.concatenate([graph.data, weight[use]])
        return sparse.csr_array((data, indices, indptr), shape=(n0 + k, n0 + k))

    def _arrive(
        self, dist: np.ndarray, seg: np.ndarray, t: np.ndarray, *, leaving: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        """From junction distances (rows of ``dist``) to distances of points on streets.

        Returns the shortest over the two ends of each point's chain (snap link not
        included) and which end (0: on the street's a side, 1: b side) gave it.
        """
        ends, walk = self._ends(seg, t, leaving=leaving)
        via_a = dist[..., ends[:, 0]] + walk[:, 0]
        via_b = dist[..., ends[:, 1]] + walk[:, 1]
        end = via_b < via_a
        return np.where(end, via_b, via_a), end.astype(np.int64)

    def _same_chain(
        self,
        s_seg: np.ndarray,
        s_t: np.ndarray,
        t_seg: np.ndarray,
        t_t: np.ndarray,
        *,
        from_source: bool,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the pairs of a source and a target point on the same chain, with the walk.

        The walk runs along the chain between them (from the source when
        ``from_source``; inf where one-way forbids it). Snap links not included. A path
        through the chain's junctions is found by the graph search; this is the one that
        never leaves the chain.
        """
        ch = self._chains
        s_key = np.minimum(ch.run[2 * s_seg], ch.run[2 * s_seg + 1])
        t_key = np.minimum(ch.run[2 * t_seg], ch.run[2 * t_seg + 1])
        order = np.argsort(s_key, kind="stable")
        sorted_key = s_key[order]
        lo = np.searchsorted(sorted_key, t_key, side="left")
        cnt = np.searchsorted(sorted_key, t_key, side="right") - lo
        ti = np.repeat(np.arange(len(t_key)), cnt)
        si = order[np.repeat(lo - (np.cumsum(cnt) - cnt), cnt) + np.arange(len(ti))]
        (p_seg, p_t), (q_seg, q_t) = ((s_seg[si], s_t[si]), (t_seg[ti], t_t[ti]))
        if not from_source:
            (p_seg, p_t), (q_seg, q_t) = (q_seg, q_t), (p_seg, p_t)
        walk = np.full(len(si), np.inf)
        for way in (0, 1):  # along the run that walks p's street toward b, then toward a
            hp = 2 * p_seg + way
            up = p_t if way == 0 else 1.0 - p_t
            # q's street walked in the same run
            hq = 2 * q_seg + (ch.run[2 * q_seg + 1] == ch.run[hp])
            uq = np.where(hq % 2 == 0, q_t, 1.0 - q_t)
            ahead = (ch.step[hq] > ch.step[hp]) | ((hq == hp) & (uq >= up))
            usable = np.isfinite(ch.length[hp]) & np.isfinite(ch.length[hq])
            # no unusable half-edge from p's street up to q's
            clear = ch.before_blocks[hq] == ch.before_blocks[hp]
            lp = np.where(usable, ch.length[hp], 0.0)
            lq = np.where(usable, ch.length[hq], 0.0)
            here = np.maximum(ch.before[hq] + uq * lq - ch.before[hp] - up * lp, 0.0)
            ok = ahead & usable & clear
            walk = np.where(ok, np.minimum(walk, here), walk)
        return si, ti, walk

    # -- shortest paths

    def _from_sources(
        self,
        source: tuple[np.ndarray, np.ndarray, np.ndarray],
        target: tuple[np.ndarray, np.ndarray, np.ndarray],
        limit: float,
        *,
        reverse: bool,
        chunk: int | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Distances from each source to each target within ``limit`` (sparse triples).

        ``source`` and ``target`` are (street, position, snap distance) of points. The
        sources become extra nodes (see :meth:`_with_sources`); a target's distance is the
        shorter way in from the two ends of its street, or straight along a street it
        shares with the source. ``reverse`` walks the arcs backwards: the distance *to*
        each source. Sources are searched in blocks whose dense distance rows stay near
        128 MB (256 sources on a city graph, 16 on a million-node one), so memory does not
        grow with the sources.
        """
        s_seg, s_t, s_snap = source
        t_seg, t_t, t_snap = target
        base = self._chains.reverse if reverse else self._chains.graph
        graph = self._with_sources(base, s_seg, s_t, s_snap, leaving=not reverse)
        n0 = base.shape[0]
        if chunk is None:
            chunk = max(1, min(256, 16_000_000 // max(graph.shape[0], 1)))
        rows, cols, vals = [], [], []
        for lo in range(0, len(s_seg), chunk):
            block = np.arange(lo, min(lo + chunk, len(s_seg)))
            dist = csgraph.dijkstra(graph, directed=True, indices=n0 + block, limit=limit)
            sub = self._arrive(dist, t_seg, t_t, leaving=reverse)[0] + t_snap
            r, c = np.nonzero(sub <= limit)
            rows.append(r + lo)
            cols.append(c)
            vals.append(sub[r, c])
        si, ti, walk = self._same_chain(s_seg, s_t, t_seg, t_t, from_source=not reverse)
        rows.append(si)
        cols.append(ti)
        vals.append(walk + s_snap[si] + t_snap[ti])
        row, col, val = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
        keep = val <= limit
        row, col, val = row[keep], col[keep], val[keep]
        # a pair on one street may come twice (along it and round by the graph): keep the
        # shorter
        order = np.lexsort((val, col, row))
        row, col, val = row[order], col[order], val[order]
        first = np.ones(len(row), dtype=bool)
        first[1:] = (row[1:] != row[:-1]) | (col[1:] != col[:-1])
        return row[first], col[first], val[first]

    def od_matrix(
        self,
        origins: gpd.GeoDataFrame | gpd.GeoSeries,
        destinations: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        max_minutes: float | None = None,
    ) -> ODMatrix:
        """Return the travel distances from every origin to every destination within a limit.

        Parameters
        ----------
        origins, destinations
            Points in the network's CRS, with unique labels.
        max_minutes
            Keep only pairs within this travel time (``None``: every connected pair). The
            search stops at the limit, so a small limit is fast on a large graph.

        Returns
        -------
        ODMatrix
            Sparse pairs; ``fallback`` marks straight-line estimates for points off the
            network (``off_network="euclidean"``).
        """
        ogeo = _as_points(origins, what="origins", crs=self.crs)
        dgeo = _as_points(destinations, what="destinations", crs=self.crs)
        limit = _check_limit(max_minutes)
        limit_m = np.inf if limit is None else limit * self.profile.metres_per_minute
        o_xy, d_xy = _xy(ogeo), _xy(dgeo)
        o_snapped, d_snapped = self._snap(o_xy), self._snap(d_xy)
        o_on, d_on = o_snapped.ok, d_snapped.ok
        o_ok, d_ok = np.flatnonzero(o_on), np.flatnonzero(d_on)
        o_pts, d_pts = o_snapped.take(o_ok), d_snapped.take(d_ok)
        if len(o_ok) and len(d_ok):
            if len(o_ok) <= len(d_ok):
                r, c, v = self._from_sources(o_pts, d_pts, limit_m, reverse=False)
                row, col = o_ok[r], d_ok[c]
            else:
                r, c, v = self._from_sources(d_pts, o_pts, limit_m, reverse=True)
                row, col = o_ok[c], d_ok[r]
        else:
            row = col = np.array([], dtype=np.int64)
            v = np.array([], dtype=float)
        fb = np.zeros(len(row), dtype=bool)
        if self.off_network == "euclidean":
            o_off, d_off = np.flatnonzero(~o_on), np.flatnonzero(~d_on)
            radius = None if limit is None else limit_m
            extra = []
            # pairs with an origin off the network: to every destination
            if len(o_off):
                r2, c2, e2 = _euclid_pairs(o_xy[o_off], d_xy, radius, self.detour_factor)
                extra.append((o_off[r2], c2, e2))
            # pairs with an attached origin and a destination off the network
            if len(d_off) and len(o_ok):
                r3, c3, e3 = _euclid_pairs(o_xy[o_ok], d_xy[d_off], radius, self.detour_factor)
                extra.append((o_ok[r3], d_off[c3], e3))
            for er, ec, ee in extra:
                row = np.concatenate([row, er])
                col = np.concatenate([col, ec])
                v = np.concatenate([v, ee * self.detour_factor])
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
            metres_per_minute=self.profile.metres_per_minute,
            method_network=self.method,
            method_fallback=self.fallback_method,
            max_minutes=limit,
            origin_ok=None if self.off_network == "euclidean" else o_on,
            destination_ok=None if self.off_network == "euclidean" else d_on,
        )

    def nearest(
        self,
        origins: gpd.GeoDataFrame | gpd.GeoSeries,
        destinations: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        max_minutes: float | None = None,
    ) -> pd.DataFrame:
        """Return the nearest destination of every origin by travel distance.

        One multi-source Dijkstra search from all destinations at once (scipy
        ``min_only``), so the cost hardly grows with the number of destinations.

        Parameters
        ----------
        origins, destinations
            Points in the network's CRS, with unique labels.
        max_minutes
            Search no farther (``None``: no limit).

        Returns
        -------
        pandas.DataFrame
            Indexed like ``origins``: ``nearest_id``, ``network_m`` (snap links included),
            ``minutes``, ``euclid_m`` (straight line to that destination), ``detour_ratio``
            (``network_m / euclid_m``), ``snap_m`` (the origin's snap distance), ``method``
            (``network`` or ``euclidean_x<factor>``) and ``reason`` when there is no value
            (``off_network``, ``none_within_limit``, ``unreachable``, ``no_destinations``).
        """
        ogeo = _as_points(origins, what="origins", crs=self.crs)
        dgeo = _as_points(destinations, what="destinations", crs=self.crs)
        limit = _check_limit(max_minutes)
        limit_m = np.inf if limit is None else limit * self.profile.metres_per_minute
        o_xy, d_xy = _xy(ogeo), _xy(dgeo)
        n = len(o_xy)
        o_snapped, d_snapped = self._snap(o_xy), self._snap(d_xy)
        o_on, d_on = o_snapped.ok, d_snapped.ok
        best = np.full(n, np.inf)
        pos = np.full(n, -1, dtype=np.int64)
        fb = np.zeros(n, dtype=bool)
        d_ok = np.flatnonzero(d_on)
        if len(d_ok) and o_on.any():
            # distances *to* the destinations: search the reversed arcs from them
            d_seg, d_t, d_snap = d_snapped.take(d_ok)
            base = self._chains.reverse
            graph = self._with_sources(base, d_seg, d_t, d_snap, leaving=False)
            n0 = base.shape[0]
            dist, _, src = csgraph.dijkstra(
                graph,
                directed=True,
                indices=n0 + np.arange(len(d_ok)),
                min_only=True,
                return_predecessors=True,
                limit=limit_m,
            )
            on = np.flatnonzero(o_on)
            o_seg, o_t, o_snap = o_snapped.take(on)
            metres, end = self._arrive(dist, o_seg, o_t, leaving=True)
            # ``src`` holds the extra node of the winning destination
            ends = self._ends(o_seg, o_t, leaving=True)[0]
            winner = src[ends[np.arange(len(on)), end]] - n0
            # or straight along the origin's own street to a destination on it
            si, ti, walk = self._same_chain(d_seg, d_t, o_seg, o_t, from_source=False)
            walk = walk + d_snap[si]
            order = np.lexsort((walk, ti))
            si, ti, walk = si[order], ti[order], walk[order]
            first = np.ones(len(ti), dtype=bool)
            first[1:] = ti[1:] != ti[:-1]
            si, ti, walk = si[first], ti[first], walk[first]
            along = walk < metres[ti]
            metres[ti[along]] = walk[along]
            winner[ti[along]] = si[along]
            reach = np.isfinite(metres)
            best[on[reach]] = metres[reach] + o_snap[reach]
            pos[on[reach]] = d_ok[winner[reach]]
        reason = np.full(n, None, dtype=object)
        if self.off_network == "euclidean" and len(d_xy):
            d_off = np.flatnonzero(~d_on)
            # origins off the network: straight line to every destination
            off = np.flatnonzero(~o_on)
            if len(off):
                e, i = cKDTree(d_xy).query(o_xy[off], k=1)
                est = np.asarray(e, float) * self.detour_factor
                better = est < best[off]
                best[off[better]] = est[better]
                pos[off[better]] = np.asarray(i)[better]
                fb[off[better]] = True
            # attached origins: a destination off the network may still be nearer
            if len(d_off) and o_on.any():
                on = np.flatnonzero(o_on)
                e, i = cKDTree(d_xy[d_off]).query(o_xy[on], k=1)
                est = np.asarray(e, float) * self.detour_factor
                better = est < best[on]
                best[on[better]] = est[better]
                pos[on[better]] = d_off[np.asarray(i)[better]]
                fb[on[better]] = True
        pos[best > limit_m] = -1
        none = pos < 0
        if len(d_xy) == 0:
            reason[:] = "no_destinations"
        else:
            far = "unreachable" if limit is None else "none_within_limit"
            reason[none & o_on] = far
            if self.off_network == "na":
                reason[none & ~o_on] = "off_network"
            else:
                reason[none & ~o_on] = far
        safe = np.clip(pos, 0, max(len(d_xy) - 1, 0))
        euclid = (
            np.hypot(o_xy[:, 0] - d_xy[safe, 0], o_xy[:, 1] - d_xy[safe, 1])
            if len(d_xy)
            else np.full(n, np.nan)
        )
        method = np.where(fb, self.fallback_method, self.method)
        return _nearest_frame(
            ogeo.index,
            dgeo.index,
            pos,
            best,
            euclid,
            o_snapped.snap_m,
            method,
            reason,
            self.profile.metres_per_minute,
        )

    def service_areas(
        self,
        facilities: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        minutes: float | Sequence[float] = (5, 10, 15),
        buffer_m: float = 50.0,
    ) -> gpd.GeoDataFrame:
        """Return the area reachable within each travel time of each facility.

        The reachable parts of the streets (partly reached streets are cut where the time
        runs out) are buffered by ``buffer_m``, the distance a front door may lie from the
        street centre line (round ends drawn with 4 segments per quarter circle: at 50 m
        at most 1 m inside the true circle). Travel is *towards* the facility, which matters
        for one-way streets when cycling. A facility off the network gets a circle of radius
        minutes × speed / detour factor, with ``method`` saying so.

        Returns
        -------
        geopandas.GeoDataFrame
            One row per facility and travel time: ``facility_id``, ``minutes``, ``method``,
            ``area_km2`` and the polygon.
        """
        geoms = _as_points(facilities, what="facilities", crs=self.crs)
        budgets = _budgets(minutes)
        if not (math.isfinite(buffer_m) and buffer_m > 0):
            raise DataError(f"buffer_m must be a positive number of metres, got {buffer_m!r}.")
        xy = _xy(geoms)
        att = self._attach(xy)
        mpm = self.profile.metres_per_minute
        top = max(budgets) * mpm
        ok = np.flatnonzero(att.node >= 0)
        rows: list[tuple[Any, float, str, Any]] = []
        g = att.graph.T.tocsr() if self.directed else att.graph
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
                        geom = shapely.buffer(_street_lines(start, hxy[use]), buffer_m, quad_segs=4)
                    rows.append((geoms.index[f_i], b, self.method, geom))
        for f_i in np.flatnonzero(att.node < 0):
            if self.off_network != "euclidean":
                continue
            for b in budgets:
                r = b * mpm / self.detour_factor
                rows.append(
                    (geoms.index[f_i], b, self.fallback_method, shapely.Point(xy[f_i]).buffer(r))
                )
        out = _areas_frame(rows, self.crs)
        if len(out):
            order = pd.Series(np.arange(len(geoms)), index=geoms.index)
            out = out.assign(_pos=order.reindex(out["facility_id"]).to_numpy())
            out = out.sort_values(["_pos", "minutes"], kind="stable").drop(columns="_pos")
            out = out.reset_index(drop=True)
        return out

    def shortest_path_lengths(self, sources: Iterable[Any]) -> pd.DataFrame:
        """Return node-to-node distances in metres from the given node ids (for checks)."""
        src = list(sources)
        pos = self.node_ids.get_indexer(pd.Index(src))
        if (pos < 0).any():
            raise DataError(f"unknown node ids: {listing(np.asarray(src)[pos < 0])}.")
        dist = csgraph.dijkstra(self.graph, directed=True, indices=pos)
        return pd.DataFrame(dist, index=pd.Index(src), columns=self.node_ids)


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
    options: dict[str, Any],
) -> StreetNetwork:
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
    return StreetNetwork(
        node_ids=ids[keep_node],
        x=np.ascontiguousarray(x[keep_node], dtype=float),
        y=np.ascontiguousarray(y[keep_node], dtype=float),
        tail=new_pos[t_all[keep_arc]],
        head=new_pos[h_all[keep_arc]],
        length_m=l_all[keep_arc],
        crs=crs,
        profile=profile,
        report=report,
        **options,
    )
