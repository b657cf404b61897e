"""The detour factor of a network, measured on its own routes.

A point too far from any street gets the straight line times a detour factor. A fixed 1.3 is
the usual middle value for European cities, but a network says what its own factor is:
:func:`calibrate_detour` takes random pairs of its nodes whose straight-line distance lies
in a band (by default 200 m to 2 km: the distances a walk of a few to 25 minutes covers,
those a fallback stands in for), routes them on the network and returns the median ratio of
route to straight line, with its quartiles and the number of pairs. In Leuven's road graph
the median is about 1.3-1.4: a route is rarely straight.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import csgraph

from wijkanalyse._errors import DataError

if TYPE_CHECKING:
    from wijkanalyse.network.street import StreetNetwork

__all__ = ["DetourCalibration", "calibrate_detour"]


@dataclass(frozen=True)
class DetourCalibration:
    """The detour factor measured on a network's routes.

    Attributes
    ----------
    factor
        The median ratio of route length to straight-line distance.
    p25, p75
        Its quartiles over the pairs.
    n_pairs
        How many node pairs were measured.
    min_m, max_m
        The band of straight-line distances of the pairs.
    """

    factor: float
    p25: float
    p75: float
    n_pairs: int
    min_m: float
    max_m: float


def calibrate_detour(
    net: StreetNetwork,
    *,
    sources: int = 200,
    per_source: int = 50,
    min_m: float = 200.0,
    max_m: float = 2000.0,
    seed: int = 0,
) -> DetourCalibration:
    """Measure the detour factor of ``net`` on random node pairs (see the module docstring).

    Parameters
    ----------
    sources
        Random nodes the routes start from.
    per_source
        At most this many destinations per source (random among those in the band), so a
        dense centre does not outweigh the rest.
    min_m, max_m
        The band of straight-line distances.
    seed
        Seed of the random choice (same seed, same factor).

    Examples
    --------
    A grid of 100 m blocks: a diagonal of 3 × 4 blocks is 500 m as the crow flies and 700 m
    along the streets (1.4), a straight street no detour at all (1.0); over all directions
    the ratio lies between 1 and √2 ≈ 1.41, with its median near 1.3.

    >>> import pandas as pd
    >>> from wijkanalyse.network import StreetNetwork
    >>> nodes = [(i, j) for i in range(11) for j in range(11)]
    >>> ids = {n: k for k, n in enumerate(nodes)}
    >>> edges = [(ids[(i, j)], ids[(i + 1, j)]) for i in range(10) for j in range(11)]
    >>> edges += [(ids[(i, j)], ids[(i, j + 1)]) for i in range(11) for j in range(10)]
    >>> net = StreetNetwork.from_edges(
    ...     pd.DataFrame({"x": [100.0 * i for i, _ in nodes], "y": [100.0 * j for _, j in nodes]}),
    ...     pd.DataFrame(edges, columns=["u", "v"]),
    ...     crs="EPSG:31370",
    ... )
    >>> cal = calibrate_detour(net, sources=50, min_m=200, max_m=800)
    >>> cal.factor, cal.p25 >= 1.0, cal.n_pairs > 1000
    (1.3, True, True)
    """
    if not (0 <= min_m < max_m):
        raise DataError(f"calibrate_detour: need 0 <= min_m < max_m; got {min_m}, {max_m}.")
    n = net.n_nodes
    if n < 2:
        raise DataError("calibrate_detour: the network has fewer than 2 nodes.")
    rng = np.random.default_rng(seed)
    starts = rng.choice(n, size=min(sources, n), replace=False)
    graph = net.graph
    # a route within the band is at most a few times its straight line: stop searching there
    dist = csgraph.dijkstra(graph, directed=net.directed, indices=starts, limit=4.0 * max_m)
    ratios = []
    for row, s in enumerate(starts):
        euclid = np.hypot(net.x - net.x[s], net.y - net.y[s])
        band = np.flatnonzero((euclid >= min_m) & (euclid <= max_m) & np.isfinite(dist[row]))
        if len(band) > per_source:
            band = rng.choice(band, size=per_source, replace=False)
        ratios.append(dist[row, band] / euclid[band])
    values = np.concatenate(ratios) if ratios else np.array([])
    if len(values) == 0:
        raise DataError(
            f"calibrate_detour: no two connected nodes lie {min_m:g}-{max_m:g} m apart; give "
            "a fixed detour_factor instead."
        )
    p25, med, p75 = np.quantile(values, [0.25, 0.5, 0.75])
    return DetourCalibration(
        factor=round(float(med), 2),
        p25=float(p25),
        p75=float(p75),
        n_pairs=len(values),
        min_m=float(min_m),
        max_m=float(max_m),
    )
