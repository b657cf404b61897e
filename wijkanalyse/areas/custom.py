"""Custom areas: user-defined sets of sectors of one vintage, and their outlines.

A :class:`CustomArea` is made from sector codes or a polygon (:func:`custom_area`), moves
to another vintage along the crosswalk (:meth:`CustomArea.to_vintage`) and gets an outline
polygon from sector polygons, whole wijken or Voronoi cells (:func:`area_outlines`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import check_projected, check_same_crs, listing
from wijkanalyse.areas.vintages import _codes_of, check_vintage, crosswalk, detect_vintage

__all__ = [
    "CustomArea",
    "area_outlines",
    "custom_area",
]


@dataclass(frozen=True)
class CustomArea:
    """An area defined by the user as a set of sectors of one vintage.

    Attributes
    ----------
    name
        Display name, e.g. ``"Hoogland"``.
    sectors
        Sector codes of ``vintage``.
    vintage
        Sector-code vintage of ``sectors``.
    exact
        False when the area was translated from another vintage and the sectors only
        approximate it (``note`` says how).
    note
        How the area was made.
    source_sectors, source_vintage
        For a translated area: the sectors and vintage it was defined in.
    extra_sectors
        For a translated area: sectors of ``source_vintage`` outside the area that the
        translated sectors also contain (so figures cover more than the area).
    """

    name: str
    sectors: tuple[str, ...]
    vintage: int
    exact: bool = True
    note: str = ""
    source_sectors: tuple[str, ...] = field(default=(), repr=False)
    source_vintage: int | None = field(default=None, repr=False)
    extra_sectors: tuple[str, ...] = field(default=(), repr=False)

    def to_vintage(self, vintage: int) -> CustomArea:
        """Return the area expressed in the sectors of another vintage (via :func:`crosswalk`).

        The result holds every target sector linked to one of the area's sectors. It is
        ``exact`` only when every link is an unchanged sector and no target sector reaches
        outside the area; otherwise ``note`` names the extra sectors it contains.
        """
        if vintage == self.vintage:
            return self
        cw = crosswalk(self.vintage, vintage)
        a, b = f"sector_{self.vintage}", f"sector_{vintage}"
        links = cw[cw[a].isin(self.sectors)]
        unlinked = sorted(set(self.sectors) - set(links[a].dropna()))
        if unlinked:
            raise DataError(
                f"area {self.name!r}: sectors {listing(unlinked)} are not in the "
                f"{self.vintage} code list."
            )
        targets = sorted(links[b].dropna().unique())
        if not targets:
            raise DataError(
                f"area {self.name!r}: no {vintage} sector is linked to {listing(self.sectors)} "
                f"(relation {listing(links['relation'].unique())}); define the area in {vintage} "
                "sectors directly."
            )
        back = cw[cw[b].isin(targets)]
        extra = sorted(set(back[a].dropna()) - set(self.sectors))
        exact = bool(links["exact"].all()) and not extra
        relations = listing(sorted(links["relation"].unique()))
        note = (
            f"translated from {self.vintage} sectors {listing(self.sectors)} to {vintage} "
            f"sectors {listing(targets)} via the crosswalk ({relations})"
        )
        if extra:
            note += (
                f"; the {vintage} sectors also contain {self.vintage} sector(s) "
                f"{listing(extra)} outside the area, so figures cover more than "
                f"{self.name}"
            )
        return CustomArea(
            name=self.name,
            sectors=tuple(targets),
            vintage=vintage,
            exact=exact,
            note=note,
            source_sectors=self.sectors,
            source_vintage=self.vintage,
            extra_sectors=tuple(extra),
        )


def custom_area(
    name: str,
    *,
    sectors: Sequence[str] | None = None,
    polygon: BaseGeometry | gpd.GeoSeries | gpd.GeoDataFrame | None = None,
    sectors_frame: gpd.GeoDataFrame | None = None,
    vintage: int | None = None,
    point: Literal["representative_point", "centroid"] = "representative_point",
) -> CustomArea:
    """Define a custom area by a list of sector codes or by a polygon.

    Parameters
    ----------
    name
        Display name.
    sectors
        Sector codes. The vintage is detected from them unless given; codes of another
        vintage than ``vintage`` are an error.
    polygon
        A polygon (shapely geometry in the sectors' CRS, or a GeoSeries/GeoDataFrame with a
        CRS). The area holds the sectors of ``sectors_frame`` whose point lies within it:
        the point itself for point geometries, else the ``point`` of the polygon.
    sectors_frame
        The sectors frame to select from, for ``polygon``.
    vintage
        Vintage of ``sectors``.

    Examples
    --------
    >>> hoogland = custom_area("Hoogland", sectors=["24062E73L"])
    >>> hoogland.vintage
    2025
    """
    if (sectors is None) == (polygon is None):
        raise SchemaError(
            f"custom area {name!r}: pass either sectors=[...] or polygon=..., "
            "not both and not neither."
        )
    if sectors is not None:
        codes = tuple(dict.fromkeys(str(s).strip() for s in sectors))
        if not codes:
            raise DataError(f"custom area {name!r} has no sectors.")
        _codes_of(codes)
        if vintage is None:
            vintage = detect_vintage(codes)
        check_vintage(codes, vintage, what=f"custom area {name!r}")
        return CustomArea(
            name=name,
            sectors=codes,
            vintage=vintage,
            note=f"defined by {len(codes)} sector(s) of {vintage}",
        )
    if sectors_frame is None:
        raise SchemaError(f"custom area {name!r}: a polygon needs sectors_frame= to select from.")
    check_projected(sectors_frame, what="sectors_frame")
    if isinstance(polygon, (gpd.GeoSeries, gpd.GeoDataFrame)):
        check_same_crs(sectors_frame, polygon, names=("sectors_frame", "polygon"))
        shape = shapely.union_all(polygon.geometry.to_numpy())
    else:
        assert polygon is not None
        shape = polygon
    geoms = sectors_frame.geometry
    pts = geoms.where(
        geoms.geom_type == "Point",
        geoms.representative_point() if point == "representative_point" else geoms.centroid,
    )
    inside = pts.within(shape)
    codes = tuple(sectors_frame.index[inside.to_numpy()])
    if not codes:
        raise DataError(
            f"custom area {name!r}: no sector lies within the polygon; check that polygon and "
            "sectors are in the same CRS and place."
        )
    vint = int(sectors_frame["vintage"].iloc[0]) if vintage is None else vintage
    return CustomArea(
        name=name,
        sectors=codes,
        vintage=vint,
        note=f"sectors whose {point.replace('_', ' ')} lies in the polygon",
    )


# --------------------------------------------------------------------------- outlines


def area_outlines(
    members: Mapping[str, Sequence[str]],
    sectors: gpd.GeoDataFrame,
    wijken: gpd.GeoDataFrame,
) -> gpd.GeoDataFrame:
    """Return an outline polygon for each custom area, and how it was drawn.

    ``how`` says which: ``sector_polygons`` (the union of the real sector polygons),
    ``wijken`` (the area is made of whole wijken: the union of their polygons, exact) or
    ``voronoi`` (an approximation where only sector centroids are known: each sector's
    Voronoi cell around the centroids of its wijk, clipped to the wijk polygon).

    Parameters
    ----------
    members
        Area name → its sector codes (in the vintage of ``sectors``).
    sectors
        Sectors with ``wijk`` and a geometry (polygon or centroid), indexed by code.
    wijken
        Wijk polygons indexed by wijk code, in the CRS of ``sectors``.
    """
    check_same_crs(sectors, wijken, names=("sectors", "wijken"))
    unknown = sorted({c for codes in members.values() for c in codes} - set(sectors.index))
    if unknown:
        raise DataError(f"area_outlines: sectors {listing(unknown)} are not in the sectors frame.")
    is_poly = sectors.geometry.geom_type.isin(["Polygon", "MultiPolygon"])
    cells: gpd.GeoSeries | None = None
    rows = []
    for name, codes in members.items():
        codes = list(codes)
        if codes and is_poly.loc[codes].all():
            geom, how = sectors.geometry.loc[codes].union_all(), "sector_polygons"
        else:
            wk = set(sectors.loc[codes, "wijk"].dropna())
            whole = set(sectors.index[sectors["wijk"].isin(wk)]) == set(codes)
            if codes and whole and wk <= set(wijken.index):
                geom, how = wijken.geometry.loc[sorted(wk)].union_all(), "wijken"
            else:
                if cells is None:
                    cells = _voronoi_cells(sectors, wijken)
                have = [c for c in codes if c in cells.index]
                geom = cells.loc[have].union_all() if have else None
                how = "voronoi"
        rows.append({"area": name, "how": how, "geometry": geom})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=sectors.crs).set_index("area")


def _voronoi_cells(sectors: gpd.GeoDataFrame, wijken: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Each located sector's Voronoi cell among the sectors of its wijk, clipped to the wijk."""
    pts = sectors.geometry.where(sectors.geometry.notna())
    pts = pts[pts.notna() & ~pts.is_empty].representative_point()
    out: dict[str, BaseGeometry] = {}
    for wijk, block in pts.groupby(sectors["wijk"].reindex(pts.index)):
        if wijk not in wijken.index or wijken.geometry.loc[wijk] is None:
            continue
        poly = wijken.geometry.loc[wijk]
        if len(block) == 1:
            out[block.index[0]] = poly
            continue
        diagram = shapely.voronoi_polygons(
            shapely.MultiPoint(list(block.to_numpy())), extend_to=poly, ordered=True
        )
        for code, cell in zip(block.index, shapely.get_parts(diagram), strict=True):
            out[code] = shapely.intersection(cell, poly)
    return gpd.GeoSeries(out, crs=sectors.crs)
