"""Degree-2 chain contraction: the street graph searched on its junctions only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse


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
