"""The arrays of a street network and what derives from them.

:class:`_StreetGraph` is the state of a :class:`~wijkanalyse.network.StreetNetwork`: the
graph as read-only arrays, the snapping and fallback options, the views of it (nodes,
streets, node-to-node distances, :meth:`~_StreetGraph.snap`) and the caches derived from
it (the streets, the snapping trees, the contracted chains, the last few snapped point
sets). Each cache is computed from the instance's own fields, which never change; a copy
with other options (``dataclasses.replace``) starts with empty caches.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing
from wijkanalyse.network._chains import _Chains, contract_chains, street_lengths
from wijkanalyse.network._checks import _as_points, _check_detour, _xy
from wijkanalyse.network._snapping import (
    _Attached,
    _Snapped,
    _Streets,
    attach,
    piece_tree,
    project,
    segments,
    street_tree,
)
from wijkanalyse.network.crowflies import DEFAULT_DETOUR_FACTOR
from wijkanalyse.network.profiles import TravelProfile
from wijkanalyse.network.results import METHOD_NETWORK, NetworkReport, euclidean_method

__all__ = ["DEFAULT_MAX_SNAP_M"]

#: Points farther than this from the nearest street are not attached to the network.
DEFAULT_MAX_SNAP_M = 300.0

# how many snapped point sets a network remembers
_SNAP_MEMO = 16


@dataclass(frozen=True, eq=False)
class _StreetGraph:
    """The fields, views and caches of a :class:`~wijkanalyse.network.StreetNetwork`.

    See :class:`~wijkanalyse.network.StreetNetwork` for the attributes.
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
        self._freeze_arrays()
        if not (math.isfinite(self.max_snap_m) and self.max_snap_m >= 0):
            raise DataError(f"max_snap_m must be a non-negative number, got {self.max_snap_m!r}.")
        if self.off_network not in ("euclidean", "na"):
            raise DataError(f"off_network must be 'euclidean' or 'na', got {self.off_network!r}.")
        _check_detour(self.detour_factor)

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

    def _node_frame(self) -> pd.DataFrame:
        """Return the node coordinates (``x``, ``y``) indexed by node id."""
        return pd.DataFrame({"x": self.x, "y": self.y}, index=pd.Index(self.node_ids))

    def nodes(self) -> gpd.GeoDataFrame:
        """Return the nodes as points, indexed by node id."""
        return gpd.GeoDataFrame(
            geometry=gpd.points_from_xy(self.x, self.y), index=self.node_ids, crs=self.crs
        )

    def shortest_path_lengths(self, sources: Iterable[Any]) -> pd.DataFrame:
        """Return node-to-node distances in metres from the given node ids (for checks)."""
        src = list(sources)
        pos = self.node_ids.get_indexer(pd.Index(src))
        if (pos < 0).any():
            raise DataError(f"unknown node ids: {listing(np.asarray(src)[pos < 0])}.")
        dist = csgraph.dijkstra(self.graph, directed=True, indices=pos)
        return pd.DataFrame(dist, index=pd.Index(src), columns=self.node_ids)

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
    def _segments(self) -> _Streets:
        """Undirected streets: (a, b) node pairs, and for every arc its street and direction."""
        return segments(self.tail, self.head, self.n_nodes)

    @cached_property
    def _tree(self) -> shapely.STRtree:
        """The streets as straight lines in an STRtree, in street order."""
        return street_tree(self.x, self.y, self._segments)

    @cached_property
    def _piece_tree(self) -> tuple[cKDTree, np.ndarray, float]:
        """A k-d tree of the midpoints of the streets cut into pieces of at most 30 m.

        See :func:`~wijkanalyse.network._snapping.piece_tree`.
        """
        return piece_tree(self.x, self.y, self._segments)

    def _project(self, xy: np.ndarray) -> tuple[np.ndarray, ...]:
        """Find the nearest street of each point: street, position, foot point, distance."""
        return project(
            xy,
            self.x,
            self.y,
            self._segments,
            pieces=self._piece_tree,
            fallback_tree=lambda: self._tree,
        )

    def _attach(self, xy: np.ndarray) -> _Attached:
        """Add the points as nodes: split their streets at the projections, link them."""
        return attach(
            xy,
            self._project(xy),
            x=self.x,
            y=self.y,
            tail=self.tail,
            head=self.head,
            length_m=self.length_m,
            streets=self._segments,
            max_snap_m=self.max_snap_m,
        )

    @cached_property
    def _snap_memo(self) -> tuple[threading.Lock, OrderedDict[bytes, _Snapped]]:
        return threading.Lock(), OrderedDict()

    def __getstate__(self) -> dict[str, Any]:
        # the snapping memo holds a lock: rebuilt where the network is unpickled (Dask)
        return {k: v for k, v in self.__dict__.items() if k != "_snap_memo"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # arrays come back from a pickle writable: read-only again, as the caches assume
        self.__dict__.update(state)
        self._freeze_arrays()

    def _freeze_arrays(self) -> None:
        """Make the graph's arrays read-only: every cache is derived from them once."""
        for name in ("x", "y", "tail", "head", "length_m"):
            getattr(self, name).setflags(write=False)

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

    # -- shortest paths

    @cached_property
    def _chains(self) -> _Chains:
        """Contract the nodes of degree 2 (see :class:`~wijkanalyse.network._chains._Chains`)."""
        seg_a, seg_b, arc_seg, forward = self._segments
        fwd, bwd = street_lengths(seg_a, arc_seg, forward, self.length_m)
        return contract_chains(seg_a, seg_b, fwd, bwd, self.graph, directed=self.directed)
