"""Straight-line distances times a detour factor: the distance model without a network.

:class:`CrowFlies` answers ``nearest``, ``od_matrix`` and ``service_areas`` like a
:class:`~wijkanalyse.network.StreetNetwork`, and labels every distance
``euclidean_x<factor>``; a street network uses the same estimate for points off its streets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import CRS
from scipy.spatial import cKDTree

from wijkanalyse import settings
from wijkanalyse._errors import CRSError
from wijkanalyse._validate import crs_label
from wijkanalyse.network._checks import _as_points, _budgets, _check_detour, _check_limit, _xy
from wijkanalyse.network.profiles import WALK, TravelProfile
from wijkanalyse.network.results import ODMatrix, _areas_frame, _nearest_frame, euclidean_method

__all__ = ["DEFAULT_DETOUR_FACTOR", "CrowFlies"]

#: Straight-line distance × this factor approximates a walking or cycling route where no
#: network is available. Walking routes in European cities are typically 1.2–1.4 times the
#: straight line; 1.3 is the usual middle value. Results say when it was used.
DEFAULT_DETOUR_FACTOR = 1.3


@dataclass(frozen=True)
class CrowFlies:
    """Straight-line distances times a detour factor: the fallback where no network exists.

    Every result labels its distances ``euclidean_x<factor>`` in ``method``.

    Parameters
    ----------
    profile
        Travel profile (its speed turns metres into minutes).
    detour_factor
        Route length per metre of straight line (default 1.3).
    crs
        Projected CRS of the points.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> a = gpd.GeoSeries([Point(0, 0)], index=["a"], crs="EPSG:31370")
    >>> b = gpd.GeoSeries([Point(300, 400)], index=["b"], crs="EPSG:31370")
    >>> row = CrowFlies(detour_factor=1.2).nearest(a, b).loc["a"]
    >>> float(row["network_m"]), row["method"]
    (600.0, 'euclidean_x1.2')
    """

    profile: TravelProfile = WALK
    detour_factor: float = DEFAULT_DETOUR_FACTOR
    crs: Any = field(default_factory=lambda: settings.working_crs)

    def __post_init__(self) -> None:
        _check_detour(self.detour_factor)
        crs = CRS.from_user_input(self.crs)
        if crs.is_geographic:
            raise CRSError(
                f"CrowFlies needs a projected CRS (metres), got {crs_label(crs)}; use "
                f"{settings.working_crs!r}."
            )
        object.__setattr__(self, "crs", crs)

    @property
    def method(self) -> str:
        """The ``method`` label of every distance."""
        return euclidean_method(self.detour_factor)

    def with_options(
        self, *, detour_factor: float | None = None, speed_kmh: float | None = None
    ) -> CrowFlies:
        """Return the same model with another detour factor or speed.

        >>> CrowFlies().with_options(speed_kmh=3.3).profile.speed_kmh
        3.3
        """
        changes: dict[str, Any] = {}
        if detour_factor is not None:
            changes["detour_factor"] = float(detour_factor)
        if speed_kmh is not None:
            changes["profile"] = self.profile.with_speed(speed_kmh)
        return replace(self, **changes)

    def nearest(
        self,
        origins: gpd.GeoDataFrame | gpd.GeoSeries,
        destinations: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        max_minutes: float | None = None,
    ) -> pd.DataFrame:
        """Return the nearest destination of every origin (see :meth:`StreetNetwork.nearest`)."""
        o = _xy(_as_points(origins, what="origins", crs=self.crs))
        dgeo = _as_points(destinations, what="destinations", crs=self.crs)
        d = _xy(dgeo)
        limit = _check_limit(max_minutes)
        n = len(o)
        pos = np.full(n, -1)
        euclid = np.full(n, np.nan)
        reason = np.full(n, None, dtype=object)
        if len(d) == 0:
            reason[:] = "no_destinations"
        elif n:
            dist, idx = cKDTree(d).query(o, k=1)
            pos, euclid = np.asarray(idx), np.asarray(dist, dtype=float)
            if limit is not None:
                far = euclid * self.detour_factor > limit * self.profile.metres_per_minute
                pos = np.where(far, -1, pos)
                reason[far] = "none_within_limit"
        index = origins.index
        return _nearest_frame(
            index,
            dgeo.index,
            pos,
            euclid * self.detour_factor,
            euclid,
            np.full(n, np.nan),
            np.full(n, self.method, dtype=object),
            reason,
            self.profile.metres_per_minute,
        )

    def od_matrix(
        self,
        origins: gpd.GeoDataFrame | gpd.GeoSeries,
        destinations: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        max_minutes: float | None = None,
    ) -> ODMatrix:
        """Return the sparse straight-line × detour distances within ``max_minutes``."""
        ogeo = _as_points(origins, what="origins", crs=self.crs)
        dgeo = _as_points(destinations, what="destinations", crs=self.crs)
        limit = _check_limit(max_minutes)
        radius = None if limit is None else limit * self.profile.metres_per_minute
        row, col, euc = _euclid_pairs(_xy(ogeo), _xy(dgeo), radius, self.detour_factor)
        return ODMatrix(
            origins=ogeo.index,
            destinations=dgeo.index,
            row=row,
            col=col,
            network_m=euc * self.detour_factor,
            euclid_m=euc,
            fallback=np.ones(len(row), dtype=bool),
            metres_per_minute=self.profile.metres_per_minute,
            method_network=self.method,
            method_fallback=self.method,
            max_minutes=limit,
        )

    def service_areas(
        self,
        facilities: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        minutes: float | Sequence[float] = (5, 10, 15),
        buffer_m: float = 50.0,
    ) -> gpd.GeoDataFrame:
        """Return circles of radius minutes × speed / detour factor around each facility."""
        geoms = _as_points(facilities, what="facilities", crs=self.crs)
        budgets = _budgets(minutes)
        rows = []
        for fid, pt in geoms.items():
            for b in budgets:
                r = b * self.profile.metres_per_minute / self.detour_factor
                rows.append((fid, b, self.method, pt.buffer(r, quad_segs=32)))
        return _areas_frame(rows, self.crs)


def _euclid_pairs(
    o: np.ndarray, d: np.ndarray, radius: float | None, detour: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All (origin, destination) pairs whose straight line × detour is within ``radius``."""
    if len(o) == 0 or len(d) == 0:
        empty = np.array([], dtype=np.int64)
        return empty, empty.copy(), np.array([], dtype=float)
    if radius is None:
        row = np.repeat(np.arange(len(o)), len(d))
        col = np.tile(np.arange(len(d)), len(o))
        euc = np.hypot(o[row, 0] - d[col, 0], o[row, 1] - d[col, 1])
        return row, col, euc
    mat = cKDTree(o).sparse_distance_matrix(cKDTree(d), radius / detour, output_type="coo_matrix")
    # sparse_distance_matrix drops pairs at distance exactly 0; add them back
    row, col, euc = mat.row.astype(np.int64), mat.col.astype(np.int64), mat.data.astype(float)
    same = cKDTree(o).query_ball_tree(cKDTree(d), 0.0)
    zr = np.array([i for i, js in enumerate(same) for _ in js], dtype=np.int64)
    zc = np.array([j for js in same for j in js], dtype=np.int64)
    if len(zr):
        known = set(zip(row.tolist(), col.tolist(), strict=True))
        keep = [
            k for k, rc in enumerate(zip(zr.tolist(), zc.tolist(), strict=True)) if rc not in known
        ]
        row = np.concatenate([row, zr[keep]])
        col = np.concatenate([col, zc[keep]])
        euc = np.concatenate([euc, np.zeros(len(keep))])
    order = np.lexsort((col, row))
    return row[order], col[order], euc[order]
