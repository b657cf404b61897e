"""Snapping points to streets, on plain arrays (no network object).

A street graph's arcs ``tail → head`` are grouped into undirected streets (:func:`segments`).
A point is projected on its nearest street (:func:`project`: a k-d tree of street pieces of
at most ``_PIECE_M`` metres, :func:`piece_tree`, with an STRtree of the streets for the few
points it cannot settle) and then either only located there (:class:`_Snapped`, for searches
on the contracted graph) or added to the graph as two new nodes (:func:`attach`, for service
areas).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import shapely
from scipy import sparse
from scipy.spatial import cKDTree

# snapping: streets cut into pieces of at most this length, and how many of the nearest
# piece midpoints are candidates (see :func:`project`)
_PIECE_M = 30.0
_PIECE_CANDIDATES = 8


@dataclass(frozen=True)
class _Attached:
    """Points attached to a network: graph with the points as extra nodes."""

    graph: sparse.csr_array  # arcs as (tail → head) with lengths in metres
    node: np.ndarray  # graph node of each point, -1 when not attached
    snap_m: np.ndarray  # snap distance of each point (NaN for empty input)
    xy: np.ndarray  # coordinates of every graph node
    tail: np.ndarray  # arcs of the augmented graph
    head: np.ndarray
    length: np.ndarray


@dataclass(frozen=True)
class _Snapped:
    """Points projected on their nearest street; the graph itself is left as it is."""

    seg: np.ndarray  # street of each point (see ``StreetNetwork._segments``)
    t: np.ndarray  # position along the street, 0 at its a end, 1 at its b end
    snap_m: np.ndarray  # straight walk from the point to the street
    ok: np.ndarray  # attached: snap_m <= max_snap_m

    def take(self, which: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Street, position and snap distance of the points ``which``."""
        return self.seg[which], self.t[which], self.snap_m[which]


class _Streets(NamedTuple):
    """Undirected streets: (a, b) node pairs, and for every arc its street and direction."""

    seg_a: np.ndarray  # node at the street's a end (the lower node number)
    seg_b: np.ndarray  # node at its b end
    arc_seg: np.ndarray  # street of each arc
    forward: np.ndarray  # whether the arc runs from a to b


def segments(tail: np.ndarray, head: np.ndarray, n_nodes: int) -> _Streets:
    """Group the arcs ``tail → head`` of a graph of ``n_nodes`` nodes into streets."""
    lo = np.minimum(tail, head)
    hi = np.maximum(tail, head)
    key = lo.astype(np.int64) * n_nodes + hi
    uniq, arc_seg = np.unique(key, return_inverse=True)
    seg_a = (uniq // n_nodes).astype(np.int64)
    seg_b = (uniq % n_nodes).astype(np.int64)
    forward = tail == seg_a[arc_seg]
    return _Streets(seg_a, seg_b, arc_seg, forward)


def street_tree(x: np.ndarray, y: np.ndarray, streets: _Streets) -> shapely.STRtree:
    """Return an STRtree of the streets as straight lines, in street order."""
    seg_a, seg_b = streets.seg_a, streets.seg_b
    lines = shapely.linestrings(
        np.stack(
            [
                np.column_stack([x[seg_a], y[seg_a]]),
                np.column_stack([x[seg_b], y[seg_b]]),
            ],
            axis=1,
        )
    )
    return shapely.STRtree(lines)


def piece_tree(
    x: np.ndarray, y: np.ndarray, streets: _Streets
) -> tuple[cKDTree, np.ndarray, float]:
    """Return a k-d tree of the midpoints of the streets cut into pieces of at most 30 m.

    Returns the tree, the street of each piece and the longest half piece: every point
    of a street lies within that distance of one of its piece midpoints.
    """
    seg_a, seg_b = streets.seg_a, streets.seg_b
    ax, ay, bx, by = x[seg_a], y[seg_a], x[seg_b], y[seg_b]
    seg_len = np.hypot(bx - ax, by - ay)
    count = np.maximum(1, np.ceil(seg_len / _PIECE_M)).astype(np.int64)
    seg_of = np.repeat(np.arange(len(seg_a)), count)
    j = np.arange(len(seg_of)) - np.repeat(np.cumsum(count) - count, count)
    frac = (j + 0.5) / count[seg_of]
    mx = ax[seg_of] + frac * (bx - ax)[seg_of]
    my = ay[seg_of] + frac * (by - ay)[seg_of]
    half = float(np.max(seg_len / count)) / 2.0 if len(seg_len) else 0.0
    return cKDTree(np.column_stack([mx, my])), seg_of, half


def onto(
    xy: np.ndarray, seg: np.ndarray, x: np.ndarray, y: np.ndarray, streets: _Streets
) -> tuple[np.ndarray, ...]:
    """Project points on given streets (broadcast): position, foot point, distance."""
    seg_a, seg_b = streets.seg_a, streets.seg_b
    ax, ay = x[seg_a[seg]], y[seg_a[seg]]
    bx, by = x[seg_b[seg]], y[seg_b[seg]]
    px, py = (xy[:, 0], xy[:, 1]) if seg.ndim == 1 else (xy[:, :1], xy[:, 1:])
    dx, dy = bx - ax, by - ay
    len2 = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(len2 > 0, ((px - ax) * dx + (py - ay) * dy) / len2, 0.0)
    t = np.clip(t, 0.0, 1.0)
    qx, qy = ax + t * dx, ay + t * dy
    return t, qx, qy, np.hypot(px - qx, py - qy)


def project(
    xy: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    streets: _Streets,
    *,
    pieces: tuple[cKDTree, np.ndarray, float],
    fallback_tree: Callable[[], shapely.STRtree],
) -> tuple[np.ndarray, ...]:
    """Find the nearest street of each point: street, position, foot point, distance.

    The streets of the nearest piece midpoints (``pieces``, see :func:`piece_tree`) are
    candidates; the answer is exact once the best of them is nearer than the farthest
    candidate midpoint minus half a piece (no other street can then be nearer). The few
    points where that does not hold (far from every street) ask ``fallback_tree()`` instead:
    an STRtree of the streets (see :func:`street_tree`), built only when needed.
    """
    n = len(xy)
    if n == 0:
        e = np.array([], dtype=float)
        return np.array([], dtype=np.int64), e, e.copy(), e.copy(), e.copy()
    tree, seg_of, half = pieces
    k = min(_PIECE_CANDIDATES, tree.n)
    d_mid, i_mid = tree.query(xy, k=k)
    cand = seg_of[i_mid.reshape(n, k)]
    dist_c = onto(xy, cand, x, y, streets)[3]
    pick = np.argmin(dist_c, axis=1)
    seg = cand[np.arange(n), pick]
    best = dist_c[np.arange(n), pick]
    unsure = best >= np.reshape(d_mid, (n, k))[:, -1] - half if k < tree.n else best < 0
    if unsure.any():
        which = np.flatnonzero(unsure)
        idx = fallback_tree().query_nearest(shapely.points(xy[which]), all_matches=False)
        seg[which[idx[0]]] = idx[1]
    t, qx, qy, dist = onto(xy, seg, x, y, streets)
    return seg, t, qx, qy, dist


def attach(
    xy: np.ndarray,
    projected: tuple[np.ndarray, ...],
    *,
    x: np.ndarray,
    y: np.ndarray,
    tail: np.ndarray,
    head: np.ndarray,
    length_m: np.ndarray,
    streets: _Streets,
    max_snap_m: float,
) -> _Attached:
    """Add the points as nodes: split their streets at the projections, link them.

    ``projected`` is the points' :func:`project` result on the graph ``tail → head``
    (``length_m``) with nodes at ``x``, ``y``; points farther than ``max_snap_m`` from
    their street are not attached.
    """
    n0 = len(x)
    seg, t, qx, qy, dist = projected
    ok = dist <= max_snap_m
    k = int(ok.sum())
    node = np.full(len(xy), -1, dtype=np.int64)
    # new nodes: q (on the street) n0..n0+k-1, p (the point) n0+k..n0+2k-1
    q_of = np.arange(n0, n0 + k)
    p_of = np.arange(n0 + k, n0 + 2 * k)
    node[ok] = p_of
    seg_ok, t_ok = seg[ok], t[ok]
    order = np.lexsort((t_ok, seg_ok))
    s_seg, s_t, s_q = seg_ok[order], t_ok[order], q_of[order]
    arc_seg, forward = streets.arc_seg, streets.forward
    touched = np.isin(arc_seg, s_seg) if k else np.zeros(len(arc_seg), dtype=bool)
    keep_tail, keep_head, keep_len = (
        tail[~touched],
        head[~touched],
        length_m[~touched],
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
    tail_a, head_a = tail[a_idx][arc_rep], head[a_idx][arc_rep]
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
    plen = length_m[a_idx][arc_rep] * np.abs(p_to - p_from)
    link = dist[ok][order]
    p_sorted = p_of[order]
    all_tail = np.concatenate([keep_tail, frm, s_q, p_sorted])
    all_head = np.concatenate([keep_head, to, p_sorted, s_q])
    length = np.concatenate([keep_len, plen, link, link])
    size = n0 + 2 * k
    graph = sparse.csr_array((length, (all_tail, all_head)), shape=(size, size))
    xy_all = np.concatenate(
        [
            np.column_stack([x, y]),
            np.column_stack([qx[ok], qy[ok]]),
            xy[ok],
        ]
    )
    return _Attached(
        graph=graph,
        node=node,
        snap_m=np.where(np.isfinite(dist), dist, np.nan),
        xy=xy_all,
        tail=all_tail,
        head=all_head,
        length=length,
    )
