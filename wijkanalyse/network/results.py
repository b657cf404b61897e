"""What distance models return: method labels, network reports, OD matrices, result tables.

Owns the ``method`` labels (:data:`METHOD_NETWORK`, :func:`euclidean_method`), the
:class:`NetworkReport` of a built network, the sparse :class:`ODMatrix`, the tables of
``nearest`` and ``service_areas`` results, and the invariant every distance keeps
(:func:`check_not_shorter`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import CRS
from scipy import sparse

from wijkanalyse import _i18n
from wijkanalyse._i18n import Items, Note, Num
from wijkanalyse._validate import listing
from wijkanalyse.network.detour import DetourCalibration
from wijkanalyse.vocab import METHOD_NETWORK, euclidean_method

__all__ = [
    "METHOD_NETWORK",
    "NetworkReport",
    "ODMatrix",
    "check_not_shorter",
    "euclidean_method",
]


@dataclass(frozen=True)
class NetworkReport:
    """What went into a network and what was left out.

    Attributes
    ----------
    source
        Where the graph came from.
    profile
        The travel profile's name.
    nodes, arcs
        Nodes and directed arcs kept.
    km
        Length of the kept streets in km (each street once, whatever its directions).
    excluded_ways, excluded_km
        Ways or arcs the profile does not allow (e.g. motorways for walking) and their km.
    components
        Number of connected components before the largest was kept.
    dropped_nodes, dropped_km
        Nodes and km outside the largest component, left out.
    detour
        The detour factor measured on the network's own routes, when it was calibrated.
    sources
        What each source of a combined network contributed (see ``StreetNetwork.combine``).
    """

    source: str
    profile: str
    nodes: int
    arcs: int
    km: float
    excluded_ways: int = 0
    excluded_km: float = 0.0
    components: int = 1
    dropped_nodes: int = 0
    dropped_km: float = 0.0
    detour: DetourCalibration | None = None
    sources: tuple[Any, ...] = ()
    """What each source of a combined network contributed
    (:class:`wijkanalyse.network.lines.Contribution`)."""

    def note(self) -> Note:
        """Return the report as a :class:`~wijkanalyse._i18n.Note` (for summaries, reports)."""
        return _i18n.note(
            "network_report",
            source=self.source,
            # a profile the catalogue names is said in the reader's language
            profile=_i18n.note(f"profile_{self.profile}")
            if _i18n.has_text(f"profile_{self.profile}")
            else self.profile,
            nodes=self.nodes,
            arcs=self.arcs,
            km=Num(self.km),
            excluded=self.excluded_ways,
            excluded_km=Num(self.excluded_km),
            components=self.components,
            dropped=self.dropped_nodes,
            dropped_km=Num(self.dropped_km),
            detour=""
            if self.detour is None
            else _i18n.note(
                "network_detour",
                factor=Num(self.detour.factor, 2),
                p25=Num(self.detour.p25, 2),
                p75=Num(self.detour.p75, 2),
                n=self.detour.n_pairs,
                min_m=int(self.detour.min_m),
                max_m=int(self.detour.max_m),
            ),
            combined=""
            if not self.sources
            else _i18n.note(
                "network_combined",
                parts=Items(
                    tuple(
                        _i18n.note(
                            "network_source",
                            source=c.source,
                            km=Num(c.km),
                            edges=c.edges,
                            connectors=c.connectors,
                        )
                        for c in self.sources
                    )
                ),
            ),
        )

    def __str__(self) -> str:
        return (
            f"{self.source} ({self.profile}): {self.nodes} nodes, {self.arcs} arcs, "
            f"{self.km:.1f} km kept; {self.excluded_ways} ways/arcs ({self.excluded_km:.1f} km) "
            f"not for this profile; {self.components} components, {self.dropped_nodes} nodes "
            f"({self.dropped_km:.1f} km) outside the largest dropped"
        )


@dataclass(frozen=True)
class ODMatrix:
    """Sparse origin-destination travel distances: only pairs within the limit are stored.

    Attributes
    ----------
    origins, destinations
        The labels of the rows and columns.
    row, col
        Positions of the stored pairs.
    network_m
        Travel distance in metres: the snap links plus the route on the street network, or
        the straight line times the detour factor where ``fallback`` is set.
    euclid_m
        Straight-line distance of the pair.
    fallback
        True where the pair's distance is a straight-line estimate (an end off the network).
    metres_per_minute
        Travel speed, to turn metres into minutes.
    method_network, method_fallback
        The ``method`` labels of network and fallback pairs.
    max_minutes
        The limit used (``None``: all pairs).
    origin_ok, destination_ok
        Whether each origin / destination has distances at all (False: off the network
        without a fallback); ``None`` when all have.
    """

    origins: pd.Index
    destinations: pd.Index
    row: np.ndarray
    col: np.ndarray
    network_m: np.ndarray
    euclid_m: np.ndarray
    fallback: np.ndarray
    metres_per_minute: float
    method_network: str
    method_fallback: str
    max_minutes: float | None = None
    origin_ok: np.ndarray | None = None
    destination_ok: np.ndarray | None = None

    def __post_init__(self) -> None:
        check_not_shorter(
            self.network_m,
            self.euclid_m,
            pair=lambda i: f"{self.origins[self.row[i]]}->{self.destinations[self.col[i]]}",
        )

    @property
    def minutes(self) -> np.ndarray:
        """Travel time of every stored pair, in minutes."""
        return self.network_m / self.metres_per_minute

    @property
    def shape(self) -> tuple[int, int]:
        """(number of origins, number of destinations)."""
        return (len(self.origins), len(self.destinations))

    def __len__(self) -> int:
        return len(self.row)

    def to_frame(self) -> pd.DataFrame:
        """Return the pairs as a long table: origin, destination, metres, minutes, method."""
        method = np.where(self.fallback, self.method_fallback, self.method_network)
        return pd.DataFrame(
            {
                "origin": self.origins[self.row],
                "destination": self.destinations[self.col],
                "network_m": self.network_m,
                "minutes": self.minutes,
                "euclid_m": self.euclid_m,
                "method": method,
            }
        )

    def to_sparse(self, value: Literal["minutes", "network_m"] = "minutes") -> sparse.csr_array:
        """Return a CSR matrix of minutes or metres; a pair at distance 0 is an explicit zero."""
        data = self.minutes if value == "minutes" else self.network_m
        return sparse.csr_array((data, (self.row, self.col)), shape=self.shape)

    def to_dense(self, value: Literal["minutes", "network_m"] = "minutes") -> pd.DataFrame:
        """Return a full origins × destinations table; pairs beyond the limit are NaN."""
        data = self.minutes if value == "minutes" else self.network_m
        out = np.full(self.shape, np.nan)
        out[self.row, self.col] = data
        return pd.DataFrame(out, index=self.origins, columns=self.destinations)


#: Floating-point slack of :func:`check_not_shorter`, in metres and relative.
_SHORTER_ATOL = 1e-6
_SHORTER_RTOL = 1e-9


def check_not_shorter(
    network_m: np.ndarray, euclid_m: np.ndarray, *, pair: Callable[[int], str] = str
) -> None:
    """Fail loudly when a travel distance is shorter than the straight line.

    This is an invariant of every distance model: a route (snap links plus streets whose
    lengths are at least their straight lines, see
    :func:`wijkanalyse._validate.check_edge_lengths`) or a straight line × a detour factor of
    at least 1 is never shorter than the straight line between its ends. A violation is a bug,
    never a result; NaN (no route) is not checked. ``pair`` names the i-th pair in the message.

    Examples
    --------
    >>> check_not_shorter(np.array([120.0, np.nan]), np.array([100.0, 50.0]))
    >>> check_not_shorter(np.array([99.0]), np.array([100.0]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    AssertionError: 1 travel distances are shorter than the straight line (0: 99.00 m < ...
    """
    net = np.asarray(network_m, dtype=float)
    euc = np.asarray(euclid_m, dtype=float)
    short = net < euc * (1 - _SHORTER_RTOL) - _SHORTER_ATOL
    if short.any():
        pairs = [
            f"{pair(int(i))}: {net[i]:.2f} m < {euc[i]:.2f} m" for i in np.flatnonzero(short)[:5]
        ]
        raise AssertionError(
            f"{int(short.sum())} travel distances are shorter than the straight line "
            f"({listing(pairs)}); this is a bug in wijkanalyse, please report it."
        )


_NEAREST_COLUMNS = [
    "nearest_id",
    "network_m",
    "minutes",
    "euclid_m",
    "detour_ratio",
    "snap_m",
    "method",
    "reason",
]


def _nearest_frame(
    index: pd.Index,
    dest_labels: pd.Index,
    pos: np.ndarray,
    metres: np.ndarray,
    euclid: np.ndarray,
    snap: np.ndarray,
    method: np.ndarray,
    reason: np.ndarray,
    metres_per_minute: float,
) -> pd.DataFrame:
    found = pos >= 0
    ids = np.full(len(index), pd.NA, dtype=object)
    if found.any():
        ids[found] = dest_labels.to_numpy()[pos[found]]
        check_not_shorter(
            np.where(found, metres, np.nan), euclid, pair=lambda i: f"{index[i]}->{ids[i]}"
        )
    metres = np.where(found, metres, np.nan)
    euclid = np.where(found, euclid, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(found & (euclid > 0), metres / euclid, np.nan)

    def na_float(values: np.ndarray) -> pd.arrays.FloatingArray:
        # NaN becomes NA (missing), never a number
        v = np.asarray(values, dtype=np.float64)
        return pd.arrays.FloatingArray(v, np.isnan(v))

    return pd.DataFrame(
        {
            "nearest_id": pd.Series(ids, index=index, dtype="object"),
            "network_m": na_float(metres),
            "minutes": na_float(metres / metres_per_minute),
            "euclid_m": na_float(euclid),
            "detour_ratio": na_float(ratio),
            "snap_m": na_float(snap),
            "method": pd.Series(
                np.where(found, method, np.array(None, dtype=object)), index=index, dtype="object"
            ),
            "reason": pd.Series(reason, index=index, dtype="object"),
        },
        index=index,
    )


def _empty_gdf(crs: CRS) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "facility_id": pd.Series([], dtype="object"),
            "minutes": pd.Series([], dtype=float),
            "method": pd.Series([], dtype="object"),
            "area_km2": pd.Series([], dtype=float),
        },
        geometry=gpd.GeoSeries([], crs=crs),
    )


def _areas_frame(rows: list[tuple[Any, float, str, Any]], crs: CRS) -> gpd.GeoDataFrame:
    if not rows:
        return _empty_gdf(crs)
    fid, mins, method, geom = zip(*rows, strict=True)
    out = gpd.GeoDataFrame(
        {"facility_id": list(fid), "minutes": list(mins), "method": list(method)},
        geometry=gpd.GeoSeries(list(geom), crs=crs),
    )
    out["area_km2"] = out.geometry.area / 1e6
    return out[["facility_id", "minutes", "method", "area_km2", "geometry"]]
