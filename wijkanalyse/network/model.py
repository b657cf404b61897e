"""The distance-model protocol: what access, locate and scenario need of a distance model.

:class:`~wijkanalyse.network.StreetNetwork` and :class:`~wijkanalyse.network.CrowFlies`
follow it; ``wijkanalyse.access`` re-exports it.
"""

from __future__ import annotations

from typing import Protocol

import geopandas as gpd
import pandas as pd

from wijkanalyse.network.profiles import TravelProfile
from wijkanalyse.network.results import ODMatrix

__all__ = ["DistanceModel"]


class DistanceModel(Protocol):
    """What access functions need of a network: a profile, nearest and OD distances."""

    @property
    def profile(self) -> TravelProfile:
        """The travel profile (speed) of the model."""
        ...

    def nearest(
        self,
        origins: gpd.GeoDataFrame | gpd.GeoSeries,
        destinations: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        max_minutes: float | None = None,
    ) -> pd.DataFrame:
        """Nearest destination per origin."""
        ...

    def od_matrix(
        self,
        origins: gpd.GeoDataFrame | gpd.GeoSeries,
        destinations: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        max_minutes: float | None = None,
    ) -> ODMatrix:
        """Sparse origin-destination distances."""
        ...
