"""Degree-2 chain contraction and the searches on it, on plain arrays (no network object).

:func:`contract_chains` turns a street graph into :class:`_Chains`: one arc per chain of
streets between two junctions. Points on streets (street, position, snap distance; see
:mod:`wijkanalyse.network._snapping`) join the search as extra nodes linked to the ends of
their chain (:func:`with_sources`), are reached from those ends (:func:`arrive`) or, on a
shared chain, straight along it (:func:`same_chain`). :func:`from_sources` gives sparse
source × target distances within a limit, :func:`nearest_sources` each point's nearest
source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph


def _scaled(length: np.ndarray, frac: np.ndarray) -> np.ndarray:
    """``length × frac``, but infinite (no arc) wherever ``length`` is, even at frac 0."""
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(length), length * frac, np.inf)


@dataclass(frozen=True)
class _Chains:
    """The street graph with its nodes of degree 2 contracted away.

    Most nodes of an OSM street graph only shape a street (20 689 nodes in Leuven's road
    graph, 16 338 with two neighbours). Shortest paths only need the junctions (the other
    nodes): a *chain* is a run of streets between two junctions, and the graph searched is
    one arc per chain and direction. A point on a street is reached from, or leaves to, the
    junctions at the two ends of its chain.

    Every street is walked in both directions: half-edge ``2s`` is street ``s`` from a to
    b, ``2s + 1`` from b to a. A *run* is a chain walked in one direction; per half-edge the
    arrays below describe its run.
    """

    graph: sparse.csr_array  # junction → junction, one arc per run (the shortest if several)
    reverse: sparse.csr_array  # the same with every arc turned around
    length: np.ndarray  # length of the half-edge (inf: the street cannot be used that way)
    before: np.ndarray  # length of the run before the half-edge (unusable ones count 0)
    before_blocks: np.ndarray  # unusable half-edges before it in its run
    after: np.ndarray  # length of the run after the half-edge
    after_blocked: np.ndarray
    start: np.ndarray  # junction where the run starts
    end: np.ndarray  # junction where the run ends
    step: np.ndarray  # half-edges before it in its run
    run: np.ndarray  # the run (its first half-edge)


def _jump(pointer: np.ndarray, values: Sequence[np.ndarray]) -> tuple[list[np.ndarray], np.ndarray]:
    """Sum ``values`` from each element to the end of its list, by pointer jumping.

    ``pointer`` links each element to the next one (-1 at the end of a list; no cycles).
    Returns the sums (the element itself included) and the last element of each list, in
    O(log of the longest list) vectorised rounds.
    """
    acc = [np.asarray(v).copy() for v in values]
    ptr = pointer.copy()
    last = np.arange(len(ptr), dtype=ptr.dtype)
    live = np.flatnonzero(ptr >= 0)
    while len(live):
        nxt = ptr[live]
        for a in acc:
            a[live] += a[nxt]
        last[live] = last[nxt]
        ptr[live] = ptr[nxt]
        live = live[ptr[live] >= 0]
    return acc, last


def street_lengths(
    seg_a: np.ndarray, arc_seg: np.ndarray, forward: np.ndarray, length_m: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per street, its shortest arc from a to b and from b to a (inf: no such arc)."""
    fwd = np.full(len(seg_a), np.inf)
    bwd = np.full(len(seg_a), np.inf)
    np.minimum.at(fwd, arc_seg[forward], length_m[forward])
    np.minimum.at(bwd, arc_seg[~forward], length_m[~forward])
    return fwd, bwd


def contract_chains(
    seg_a: np.ndarray,
    seg_b: np.ndarray,
    fwd: np.ndarray,
    bwd: np.ndarray,
    street_graph: sparse.csr_array,
    *,
    directed: bool,
) -> _Chains:
    """Contract the nodes of degree 2 (see :class:`_Chains`).

    ``seg_a``, ``seg_b`` are the streets' end nodes, ``fwd``, ``bwd`` their lengths from a
    to b and back (:func:`street_lengths`), ``street_graph`` the arcs as a node × node
    matrix; ``directed``: some street can be used one way only.
    """
    n, m = street_graph.shape[0], len(seg_a)
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
    _, comp = csgraph.connected_components(street_graph, directed=False)
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
        reverse=sparse.csr_array(graph.T) if directed else graph,
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


def chain_ends(
    ch: _Chains, seg: np.ndarray, t: np.ndarray, *, leaving: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Return the junctions at both ends of each point's chain, and the walks to them.

    The walk runs between point and junction along the chain. ``leaving``: from the
    point to the junction, along the arcs of the streets; otherwise from the junction
    to the point. Each is an (n, 2) array, the end on the street's a side first; the
    walk is inf where a one-way street is in the way.
    """
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


def with_sources(
    ch: _Chains,
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
    ends, walk = chain_ends(ch, seg, t, leaving=leaving)
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


def arrive(
    ch: _Chains, dist: np.ndarray, seg: np.ndarray, t: np.ndarray, *, leaving: bool
) -> tuple[np.ndarray, np.ndarray]:
    """From junction distances (rows of ``dist``) to distances of points on streets.

    Returns the shortest over the two ends of each point's chain (snap link not
    included) and which end (0: on the street's a side, 1: b side) gave it.
    """
    ends, walk = chain_ends(ch, seg, t, leaving=leaving)
    via_a = dist[..., ends[:, 0]] + walk[:, 0]
    via_b = dist[..., ends[:, 1]] + walk[:, 1]
    end = via_b < via_a
    return np.where(end, via_b, via_a), end.astype(np.int64)


def same_chain(
    ch: _Chains,
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


def from_sources(
    ch: _Chains,
    source: tuple[np.ndarray, np.ndarray, np.ndarray],
    target: tuple[np.ndarray, np.ndarray, np.ndarray],
    limit: float,
    *,
    reverse: bool,
    chunk: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the distances from each source to each target within ``limit`` (sparse triples).

    ``source`` and ``target`` are (street, position, snap distance) of points. The
    sources become extra nodes (see :func:`with_sources`); a target's distance is the
    shorter way in from the two ends of its street, or straight along a street it
    shares with the source. ``reverse`` walks the arcs backwards: the distance *to*
    each source. Sources are searched in blocks whose dense distance rows stay near
    128 MB (256 sources on a city graph, 16 on a million-node one), so memory does not
    grow with the sources.
    """
    s_seg, s_t, s_snap = source
    t_seg, t_t, t_snap = target
    base = ch.reverse if reverse else ch.graph
    graph = with_sources(ch, base, s_seg, s_t, s_snap, leaving=not reverse)
    n0 = base.shape[0]
    if chunk is None:
        chunk = max(1, min(256, 16_000_000 // max(graph.shape[0], 1)))
    rows, cols, vals = [], [], []
    for lo in range(0, len(s_seg), chunk):
        block = np.arange(lo, min(lo + chunk, len(s_seg)))
        dist = csgraph.dijkstra(graph, directed=True, indices=n0 + block, limit=limit)
        sub = arrive(ch, dist, t_seg, t_t, leaving=reverse)[0] + t_snap
        r, c = np.nonzero(sub <= limit)
        rows.append(r + lo)
        cols.append(c)
        vals.append(sub[r, c])
    si, ti, walk = same_chain(ch, s_seg, s_t, t_seg, t_t, from_source=not reverse)
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


def nearest_sources(
    ch: _Chains,
    sources: tuple[np.ndarray, np.ndarray, np.ndarray],
    points: tuple[np.ndarray, np.ndarray],
    limit: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the distance of every point to its nearest source, and which source it is.

    ``sources`` are (street, position, snap distance), ``points`` (street, position). One
    multi-source search on the reversed arcs (scipy ``min_only``) gives the distances *to*
    the sources, so its cost hardly grows with their number. The distance includes the
    sources' snap links, not the points' own; inf (and any source) beyond ``limit``.
    """
    d_seg, d_t, d_snap = sources
    o_seg, o_t = points
    base = ch.reverse
    graph = with_sources(ch, base, d_seg, d_t, d_snap, leaving=False)
    n0 = base.shape[0]
    dist, _, src = csgraph.dijkstra(
        graph,
        directed=True,
        indices=n0 + np.arange(len(d_seg)),
        min_only=True,
        return_predecessors=True,
        limit=limit,
    )
    metres, end = arrive(ch, dist, o_seg, o_t, leaving=True)
    # ``src`` holds the extra node of the winning destination
    ends = chain_ends(ch, o_seg, o_t, leaving=True)[0]
    winner = src[ends[np.arange(len(o_seg)), end]] - n0
    # or straight along the origin's own street to a destination on it
    si, ti, walk = same_chain(ch, d_seg, d_t, o_seg, o_t, from_source=False)
    walk = walk + d_snap[si]
    order = np.lexsort((walk, ti))
    si, ti, walk = si[order], ti[order], walk[order]
    first = np.ones(len(ti), dtype=bool)
    first[1:] = ti[1:] != ti[:-1]
    si, ti, walk = si[first], ti[first], walk[first]
    along = walk < metres[ti]
    metres[ti[along]] = walk[along]
    winner[ti[along]] = si[along]
    return metres, winner
