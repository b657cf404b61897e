"""Reader of the user's own demand points: an address or building file."""

from __future__ import annotations

import geopandas as gpd

from wijkanalyse._validate import Problems
from wijkanalyse.datasets import SourceLike, resolve_source
from wijkanalyse.io._tables import _label
from wijkanalyse.io._vectors import _geo_checks, _read_vector, _to_working_crs

__all__ = ["read_demand_points"]


def read_demand_points(
    source: SourceLike,
    *,
    layer: str | None = None,
    member: str | None = None,
    assume_crs: str | None = None,
) -> gpd.GeoDataFrame:
    """Read an address or building file (points or polygons) in the working CRS.

    Its attributes are kept as they are: a ``sector`` column (the statistical sector of each
    point) and a weight (e.g. dwellings) are used by :func:`wijkanalyse.demand.user_points`;
    without a sector column the points are placed in the sector areas.
    """
    path, ds = resolve_source(source)
    label = _label(path, ds)
    frame = _read_vector(path, label=label, layer=layer, member=member, assume_crs=assume_crs)
    problems = Problems(label)
    kinds = set(frame.geometry.dropna().geom_type)
    if not kinds or kinds - {"Point", "MultiPoint", "Polygon", "MultiPolygon"}:
        problems.add(
            f"demand points must be points (addresses) or polygons (buildings), found "
            f"{sorted(kinds) or 'no geometry'}."
        )
    problems.raise_if_any()
    frame = _to_working_crs(frame, label)
    _geo_checks(frame, label, problems)
    problems.raise_if_any()
    return frame.reset_index(drop=True)
