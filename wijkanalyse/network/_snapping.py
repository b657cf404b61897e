"""Snapping points to streets: the arrays of points projected on, or attached to, a graph."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

# snapping: streets cut into pieces of at most this length, and how many of the nearest
# piece midpoints are candidates (see ``StreetNetwork._project``)
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
