"""Where people live: each sector's residents spread over points, totals kept exactly.

A statistical sector is not a point. With every resident on the centroid, a wijk whose one
sector lies 11 minutes from a centre counts as wholly out of a 10-minute reach, although
half its streets are within it. :func:`demand_points` spreads each sector's counts over
points inside the sector's area:

``"centroid"``
    One point per sector (what the package did before; the comparison baseline).
``"street_points"``
    Points every ``spacing_m`` metres along the streets of a network inside the sector's
    area: people live along streets.
``"grid"``
    The centres of a ``cell_m`` grid inside the sector's area.
``"points"``
    The user's own points (addresses, buildings; :func:`user_points`), each sector's counts
    shared in proportion to their weights (e.g. dwellings).

Every point carries an integer share of each count (largest-remainder allocation), so a
sector's points add up **exactly** to its census counts for every target group; a sector
whose area holds no street or grid point keeps its centroid (``model`` says so).

**The sector's area.** Sector polygons are not public offline. With polygons, a sector's
area is its polygon. Without them, :func:`sector_cells` approximates it from what is known
exactly: every wijk is an exact union of sectors, so the wijk's polygon is divided into the
Voronoi cells of its sectors' centroids. Every output of this module names it an
approximation (``area_method = "voronoi_in_wijk"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import listing

__all__ = [
    "DEMAND_MODELS",
    "allocate",
    "allocate_weighted",
    "demand_points",
    "sector_cells",
    "user_points",
]

#: The demand models.
DEMAND_MODELS: tuple[str, ...] = ("centroid", "street_points", "grid", "points")

DemandModel = Literal["centroid", "street_points", "grid", "points"]


def allocate(total: int, n: int) -> np.ndarray:
    """Split a count over ``n`` points in integers that add up to it exactly.

    Each point gets ``total // n``; ``total % n`` points spread evenly along the sequence
    get one more (largest remainder with equal shares, the remainder not heaped on the first
    points: along a street, the few residents of a small sector are spread over it).

    >>> allocate(7, 3).tolist(), allocate(2, 4).tolist(), int(allocate(101_032, 7).sum())
    ([2, 3, 2], [0, 1, 0, 1], 101032)
    """
    if n < 1:
        raise DataError("allocate: at least one point is needed.")
    if total < 0:
        raise DataError(f"allocate: a count cannot be negative, got {total}.")
    out = np.full(n, total // n, dtype=np.int64)
    extra = total % n
    # the middles of `extra` equal stretches of the sequence: distinct positions
    out[((np.arange(extra) + 0.5) * n / extra).astype(np.int64)] += 1
    return out


def allocate_weighted(total: int, weights: np.ndarray) -> np.ndarray:
    """Split a count over points in proportion to ``weights``, in integers that add up to it.

    Largest remainder (Hamilton): each point gets the floor of its quota, the rest go one by
    one to the largest fractional parts (the first point on ties). All weights zero: equal.

    >>> allocate_weighted(10, np.array([1.0, 1.0, 2.0])).tolist()
    [3, 2, 5]
    """
    w = np.asarray(weights, dtype=float)
    if (w < 0).any() or not np.isfinite(w).all():
        raise DataError("allocate_weighted: weights must be finite and non-negative.")
    if w.sum() <= 0:
        return allocate(total, len(w))
    quota = total * w / w.sum()
    out = np.floor(quota).astype(np.int64)
    rest = total - int(out.sum())
    order = np.argsort(-(quota - out), kind="stable")
    out[order[:rest]] += 1
    return out


def user_points(
    points: gpd.GeoDataFrame,
    areas: gpd.GeoSeries | None = None,
    *,
    sector_col: str = "sector",
    weight_col: str | None = None,
) -> gpd.GeoDataFrame:
    """Return user points (addresses, buildings) with the sector each lies in and a weight.

    A point's sector is its ``sector_col`` value when the file has one, else the sector
    area (``areas``: polygons indexed by sector code) that contains it. ``weight_col`` (e.g.
    dwellings per address) weighs how a sector's counts are shared; default 1 per point.
    Points in no sector are left out (``attrs["outside"]`` counts them).
    """
    if points.crs is None:
        raise DataError("user points have no CRS; set it (e.g. EPSG:31370).")
    pts = points[points.geometry.notna() & ~points.geometry.is_empty]
    kinds = set(pts.geometry.geom_type)
    if kinds - {"Point"}:
        pts = pts.set_geometry(pts.geometry.representative_point())
    if sector_col in pts:
        sector = pts[sector_col].astype("string")
    elif areas is not None:
        if areas.crs != pts.crs:
            pts = pts.to_crs(areas.crs)
        cells = gpd.GeoDataFrame(
            {"_sector": areas.index.astype(str)}, geometry=areas.to_numpy(), crs=areas.crs
        )
        # a point on a border between two sectors goes to the first
        hit = gpd.sjoin(pts[[pts.geometry.name]], cells, predicate="intersects", how="left")
        hit = hit[~hit.index.duplicated(keep="first")]
        sector = hit["_sector"].astype("string").reindex(pts.index)
    else:
        raise SchemaError(
            f"user points need a {sector_col!r} column or the sector areas to place them in."
        )
    if weight_col is not None:
        if weight_col not in pts:
            raise SchemaError(
                f"user points have no weight column {weight_col!r} (found: {listing(pts.columns)})."
            )
        weight = pd.to_numeric(pts[weight_col], errors="coerce")
        bad = weight.isna() | (weight < 0)
        if bad.any():
            raise DataError(
                f"user points: {int(bad.sum())} weights in {weight_col!r} are missing or "
                "negative; give a number of 0 or more for every point."
            )
    else:
        weight = pd.Series(1.0, index=pts.index)
    out = gpd.GeoDataFrame(
        {"sector": sector, "weight": weight.astype(float)}, geometry=pts.geometry, crs=pts.crs
    )
    inside = out["sector"].notna()
    out = out[inside]
    out.attrs["outside"] = int((~inside).sum())
    return out


def sector_cells(sectors: gpd.GeoDataFrame, wijken: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Approximate each sector's area: its centroid's Voronoi cell inside its wijk.

    Parameters
    ----------
    sectors
        Sector points (centroids) with a ``wijk`` column.
    wijken
        Wijk polygons indexed by wijk code, in the same CRS.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed like the located sectors of ``sectors``: the cell polygon and
        ``area_method = "voronoi_in_wijk"``. A sector whose wijk has no polygon has no cell.

    Examples
    --------
    Two sectors in a 200 m × 100 m wijk: each gets its half.

    >>> w = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 200, 100)], index=["W"],
    ...                      crs="EPSG:31370")
    >>> s = gpd.GeoDataFrame({"wijk": ["W", "W"]}, geometry=gpd.points_from_xy([50, 150],
    ...                      [50, 50]), index=["a", "b"], crs="EPSG:31370")
    >>> sector_cells(s, w).area.round().tolist()
    [10000.0, 10000.0]
    """
    if sectors.crs != wijken.crs:
        raise DataError("sector_cells: sectors and wijken are in different CRSs.")
    located = sectors[sectors.geometry.notna() & ~sectors.geometry.is_empty]
    cells = {}
    for wijk, members in located.groupby("wijk"):
        poly = wijken.geometry.get(wijk)
        if poly is None or poly.is_empty:
            continue
        pts = members.geometry
        if len(pts) == 1:
            cells[pts.index[0]] = poly
            continue
        regions = shapely.voronoi_polygons(shapely.MultiPoint(list(pts)), extend_to=poly)
        parts = list(regions.geoms)
        # each Voronoi region holds exactly one of the points
        for label, pt in pts.items():
            region = next(r for r in parts if r.covers(pt))
            cells[label] = region.intersection(poly)
    out = gpd.GeoDataFrame(geometry=gpd.GeoSeries(cells, crs=sectors.crs))
    out["area_method"] = "voronoi_in_wijk"
    return out


def _street_points(cell: shapely.Geometry, lines: gpd.GeoSeries, spacing_m: float) -> list:
    """Points every ``spacing_m`` along the parts of ``lines`` inside ``cell``."""
    if cell is None or cell.is_empty:
        return []
    idx = lines.sindex.query(cell, predicate="intersects")
    pts: list = []
    for line in lines.iloc[idx]:
        part = line.intersection(cell)
        for piece in getattr(part, "geoms", [part]):
            if piece.geom_type != "LineString" or piece.length <= 0:
                continue
            n = max(1, int(piece.length // spacing_m))
            # the middle of each of n equal stretches
            dist = (np.arange(n) + 0.5) * piece.length / n
            pts.extend(shapely.line_interpolate_point(piece, dist))
    return pts


def _grid_points(cell: shapely.Geometry, cell_m: float) -> list:
    if cell is None or cell.is_empty:
        return []
    x0, y0, x1, y1 = cell.bounds
    xs = np.arange(np.floor(x0 / cell_m) * cell_m + cell_m / 2, x1, cell_m)
    ys = np.arange(np.floor(y0 / cell_m) * cell_m + cell_m / 2, y1, cell_m)
    if not len(xs) or not len(ys):
        return []
    gx, gy = np.meshgrid(xs, ys)
    pts = shapely.points(gx.ravel(), gy.ravel())
    return list(pts[shapely.contains(cell, pts)])


def demand_points(
    sectors: gpd.GeoDataFrame,
    *,
    model: DemandModel = "centroid",
    groups: Sequence[str] = ("pop_total",),
    areas: gpd.GeoSeries | None = None,
    streets: gpd.GeoDataFrame | gpd.GeoSeries | None = None,
    spacing_m: float = 50.0,
    cell_m: float = 100.0,
    points: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Spread each sector's counts over points inside its area (see the module docstring).

    Parameters
    ----------
    sectors
        Sectors with a point geometry (centroid) and the count columns ``groups``. A count
        that is NA (withheld) stays NA on every point of its sector.
    model
        ``"centroid"``, ``"street_points"`` or ``"grid"``.
    areas
        Each sector's area (polygons indexed like ``sectors``): real sector polygons, or
        :func:`sector_cells`. Required for ``street_points`` and ``grid``.
    streets
        Street lines (e.g. ``StreetNetwork.edges()``), for ``street_points``.
    spacing_m, cell_m
        Distance between street points; grid cell size.
    points
        For ``model="points"``: the user's points from :func:`user_points` (``sector`` and
        ``weight``); a sector's counts are shared in proportion to the weights.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per point: ``sector``, one integer (Int64) column per group, ``model``
        (the model, or ``"centroid_fallback"`` for a sector whose area held no point) and
        the point geometry, in the sectors' CRS.
    """
    if model not in DEMAND_MODELS:
        raise SchemaError(f"demand model {model!r} is not one of {listing(DEMAND_MODELS)}.")
    missing = [g for g in groups if g not in sectors]
    if missing:
        raise SchemaError(f"demand_points: the sectors lack {listing(missing)}.")
    if model == "points" and points is None:
        raise SchemaError(
            "demand model 'points' needs points= (wijkanalyse.demand.user_points of an "
            "address or building file)."
        )
    if model not in ("centroid", "points") and areas is None:
        raise SchemaError(
            f"demand model {model!r} needs each sector's area: sector polygons, or "
            "wijkanalyse.demand.sector_cells(sectors, wijken)."
        )
    if model == "street_points" and streets is None:
        raise SchemaError("demand model 'street_points' needs streets= (lines).")
    if spacing_m <= 0 or cell_m <= 0:
        raise SchemaError("spacing_m and cell_m must be positive numbers of metres.")
    lines = None
    if streets is not None:
        lines = streets.geometry if isinstance(streets, gpd.GeoDataFrame) else streets
        lines = lines[lines.notna()].reset_index(drop=True)
    located = sectors[sectors.geometry.notna() & ~sectors.geometry.is_empty]
    by_sector: dict[str, gpd.GeoDataFrame] = {}
    if points is not None:
        by_sector = {str(k): v for k, v in points.groupby(points["sector"].astype(str))}
    rows_sector, rows_model, rows_geom = [], [], []
    counts: dict[str, list] = {g: [] for g in groups}
    for label, row in located.iterrows():
        pts: list = []
        weights = None
        if model == "points":
            mine = by_sector.get(str(label))
            if mine is not None and len(mine):
                pts = list(mine.geometry)
                weights = mine["weight"].to_numpy(float)
        elif model != "centroid":
            assert areas is not None
            cell = areas.get(label)
            if model == "street_points":
                assert lines is not None
                pts = _street_points(cell, lines, spacing_m)
            else:
                pts = _grid_points(cell, cell_m)
        how: str = model
        if not pts:
            pts = [row.geometry]
            how = "centroid" if model == "centroid" else "centroid_fallback"
        for g in groups:
            value = row[g]
            if pd.isna(value):
                counts[g].extend([pd.NA] * len(pts))
            elif weights is not None:
                counts[g].extend(allocate_weighted(int(value), weights).tolist())
            else:
                counts[g].extend(allocate(int(value), len(pts)).tolist())
        rows_sector.extend([label] * len(pts))
        rows_model.extend([how] * len(pts))
        rows_geom.extend(pts)
    out = gpd.GeoDataFrame(
        {
            "sector": pd.array(rows_sector, dtype="string"),
            **{g: pd.array(counts[g], dtype="Int64") for g in groups},
            "model": rows_model,
        },
        geometry=gpd.GeoSeries(rows_geom, crs=sectors.crs),
    )
    out.attrs["no_location"] = [str(s) for s in sectors.index.difference(located.index)]
    return out
