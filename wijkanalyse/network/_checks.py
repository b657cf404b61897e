"""Checks of what every distance model is given: points, time limits, detour factors."""

from __future__ import annotations

import math
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS

from wijkanalyse._errors import CRSError, DataError
from wijkanalyse._validate import Problems, check_projected, crs_label, listing


def _as_points(points: gpd.GeoDataFrame | gpd.GeoSeries, *, what: str, crs: CRS) -> gpd.GeoSeries:
    if not isinstance(points, gpd.GeoDataFrame | gpd.GeoSeries):
        raise DataError(
            f"{what} must be a GeoDataFrame or GeoSeries of points, got {type(points).__name__}."
        )
    geoms = points.geometry if isinstance(points, gpd.GeoDataFrame) else points
    check_projected(geoms, what=what)
    if not geoms.crs.equals(crs):
        raise CRSError(
            f"{what} is in {crs_label(geoms.crs)} but the network is in {crs_label(crs)}. "
            f"Reproject first: {what}.to_crs({crs_label(crs)!r})."
        )
    problems = Problems(what)
    if geoms.index.has_duplicates:
        problems.add(
            f"labels occur more than once: {listing(geoms.index[geoms.index.duplicated()])}; "
            "results are indexed by label."
        )
    arr = geoms.to_numpy()
    empty = shapely.is_missing(arr) | shapely.is_empty(arr)
    if empty.any():
        problems.add(
            f"{int(empty.sum())} rows have no geometry ({listing(geoms.index[empty])}); drop "
            "them or give them a location."
        )
    not_point = ~empty & (shapely.get_type_id(arr) != shapely.GeometryType.POINT)
    if not_point.any():
        bad = geoms[not_point].geom_type
        problems.add(
            f"{len(bad)} geometries are not points ({listing(sorted(set(bad)))}); turn areas "
            "into points explicitly, e.g. .representative_point() or .centroid."
        )
    problems.raise_if_any()
    return geoms


def _xy(geoms: gpd.GeoSeries) -> np.ndarray:
    arr = geoms.to_numpy()
    return np.column_stack([shapely.get_x(arr), shapely.get_y(arr)]).astype(float)


def _check_limit(max_minutes: float | None) -> float | None:
    if max_minutes is None:
        return None
    if not (
        isinstance(max_minutes, int | float) and math.isfinite(max_minutes) and max_minutes > 0
    ):
        raise DataError(f"max_minutes must be a positive number, got {max_minutes!r}.")
    return float(max_minutes)


def _check_detour(detour_factor: float) -> float:
    if not (math.isfinite(detour_factor) and 1.0 <= detour_factor <= 3.0):
        raise DataError(
            f"detour_factor must lie between 1 and 3 (route length / straight line), got "
            f"{detour_factor!r}."
        )
    return float(detour_factor)


def _budgets(minutes: float | Sequence[float]) -> list[float]:
    values = [minutes] if isinstance(minutes, int | float) else list(minutes)
    out = []
    for m in values:
        checked = _check_limit(m)
        assert checked is not None
        out.append(checked)
    if not out:
        raise DataError("minutes: give at least one travel time.")
    return sorted(set(out))
