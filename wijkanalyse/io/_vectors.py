"""Plumbing shared by the readers of vector files: open, check the CRS, reproject.

Owns how a vector file, folder or zip member is opened (one layer, no Z), how a file that
states no CRS is refused or given ``assume_crs``, the checks every geometry passes
(inside Belgium, valid) and the reprojection to the working CRS.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import geopandas as gpd
import shapely

from wijkanalyse import settings
from wijkanalyse._errors import CRSError, DataError
from wijkanalyse._validate import Problems, check_geometries, check_in_belgium, crs_label, listing
from wijkanalyse.io._tables import _check_not_empty, _pick_member

log = logging.getLogger(__name__)


_VECTOR_SUFFIXES = (".shp", ".geojson", ".json", ".gpkg", ".sqlite", ".db", ".fgb")


def _vector_target(path: Path, member: str | None, label: str) -> tuple[str, str]:
    """Return (GDAL path, inner file name) for a file, a folder or a zip."""
    if path.is_dir():
        found = [p for p in sorted(path.rglob("*")) if p.suffix.lower() in _VECTOR_SUFFIXES]
        if len(found) != 1:
            raise DataError(
                f"{label}: expected one vector file in the folder, found "
                f"{listing(p.name for p in found) or 'none'}."
            )
        return str(found[0]), found[0].name
    _check_not_empty(path, label)
    if path.suffix.lower() == ".zip":
        name = _pick_member(path, _VECTOR_SUFFIXES, member, "vector")
        return f"/vsizip/{path.resolve()}/{name}", name
    return str(path), path.name


def _read_vector(
    path: Path,
    *,
    label: str,
    layer: str | None,
    member: str | None,
    assume_crs: str | None,
    crs_hint: str | None = None,
) -> gpd.GeoDataFrame:
    import pyogrio

    target, inner = _vector_target(path, member, label)
    try:
        layers = pyogrio.list_layers(target)
    except Exception as exc:  # pyogrio raises DataSourceError and friends
        raise DataError(f"{label} cannot be opened as a vector file: {exc}") from exc
    names = [str(n) for n in layers[:, 0]]
    if layer is None and len(names) > 1:
        spatial = [str(n) for n, g in layers if g]
        if len(spatial) == 1:
            layer = spatial[0]
        else:
            raise DataError(f"{label} has several layers ({listing(names)}); pass layer=... .")
    if layer is not None and layer not in names:
        raise DataError(f"{label} has no layer {layer!r}; its layers: {listing(names)}.")
    frame = gpd.read_file(target, layer=layer, engine="pyogrio")
    if len(frame) == 0:
        raise DataError(f"{label} has no features.")
    if frame.geometry.has_z.any():
        frame = frame.set_geometry(shapely.force_2d(frame.geometry.values))
    if _geojson_without_crs(frame, inner):
        if assume_crs is None:
            b = frame.total_bounds
            guess = next(
                (
                    name
                    for name, (x0, y0, x1, y1) in settings.belgium_bounds.items()
                    if name != "EPSG:4326"
                    and x0 <= b[0]
                    and b[2] <= x1
                    and y0 <= b[1]
                    and b[3] <= y1
                ),
                None,
            )
            said = f"; they look like {guess}" if guess else ""
            raise CRSError(
                f"{label} states no CRS: a GeoJSON file without a 'crs' member counts as "
                f"EPSG:4326 (longitude/latitude), but its coordinates (x {b[0]:.6g}..{b[2]:.6g}, "
                f"y {b[1]:.6g}..{b[3]:.6g}) are not degrees{said}. Pass "
                f"assume_crs='{guess or 'EPSG:31370'}' (the CRS the coordinates are in), or "
                "write the file with its CRS."
            )
        log.info("%s states no CRS; assuming %s as asked", label, assume_crs)
        frame = frame.set_crs(assume_crs, allow_override=True)
    if frame.crs is None:
        if assume_crs is None:
            guess = crs_hint
            m = re.search(r"_(31370|3812|4326)_", Path(inner).name + "_" + path.name)
            if m:
                guess = f"EPSG:{m.group(1)}"
            hint = (
                f" The file name suggests {guess}; if so, pass assume_crs='{guess}'."
                if guess
                else (" Pass assume_crs='EPSG:31370' (or the right CRS) if you know it.")
            )
            raise CRSError(f"{label} has no CRS.{hint}")
        log.info("%s has no CRS; assuming %s as asked", label, assume_crs)
        frame = frame.set_crs(assume_crs)
    return frame


def _geojson_without_crs(frame: gpd.GeoDataFrame, inner: str) -> bool:
    """Return True for a GeoJSON file that GDAL labels EPSG:4326 but whose values are not degrees.

    GeoJSON without a ``crs`` member is WGS 84 by the standard, so GDAL reports EPSG:4326
    for it; a file written in Lambert metres without that member would then be described as
    EPSG:4326 and blamed on the CRS.
    """
    if Path(inner).suffix.lower() not in (".geojson", ".json") or frame.crs is None:
        return False
    if crs_label(frame.crs) not in ("EPSG:4326", "WGS 84"):
        return False
    xmin, ymin, xmax, ymax = frame.total_bounds
    return bool(min(xmin, ymin) < -180 or max(xmax, ymax) > 180)


def _to_working_crs(frame: gpd.GeoDataFrame, label: str) -> gpd.GeoDataFrame:
    target = settings.working_crs
    if frame.crs is not None and not frame.crs.equals(target):
        log.info("reprojecting %s from %s to %s", label, crs_label(frame.crs), target)
        frame = frame.to_crs(target)
    return frame


def _geo_checks(frame: gpd.GeoDataFrame, label: str, problems: Problems) -> None:
    check_in_belgium(frame, source=label, problems=problems)
    check_geometries(frame, source=label, problems=problems)
