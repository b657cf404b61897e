"""Readers of facility registers (CSV, GeoJSON, GeoPackage) and OSM points of interest.

Owns :func:`read_facilities`, :func:`read_osm_points`, the facility statuses a register may
state and the stable facility ids made from type, name and location.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse._errors import CRSError, DataError, SchemaError
from wijkanalyse._validate import (
    Problems,
    check_geometries,
    check_in_belgium,
    close_matches,
    crs_label,
    listing,
    require_columns,
)
from wijkanalyse.datasets import SourceLike, resolve_source
from wijkanalyse.io._tables import (
    _TABLE_SUFFIXES,
    _clean_codes,
    _find,
    _label,
    _memo,
    _read_table,
    _to_number,
    _zip_members,
)
from wijkanalyse.io._vectors import _geo_checks, _read_vector, _to_working_crs
from wijkanalyse.vocab import EXISTING, FACILITY_STATUSES, LOCATION_RADIUS_M

__all__ = [
    "FACILITY_STATUSES",
    "OSM_TYPES",
    "read_facilities",
    "read_osm_points",
]

log = logging.getLogger(__name__)


#: Allowed values of the facilities ``status`` column.


# --------------------------------------------------------------------------- facilities


def _slug(text: object) -> str:
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "x"


def _stable_ids(types: pd.Series, names: pd.Series, geoms: gpd.GeoSeries) -> pd.Index:
    """Ids from type and name; a short hash of the location separates equal names."""
    base = [
        f"{_slug(t)}-{_slug(n) if isinstance(n, str) and n.strip() else 'naamloos'}"
        for t, n in zip(types, names, strict=True)
    ]
    counts = pd.Series(base).value_counts()
    ids = []
    for b, g in zip(base, geoms, strict=True):
        if counts[b] > 1:
            key = f"{g.x:.1f},{g.y:.1f}" if g is not None and not g.is_empty else "none"
            b = f"{b}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
        ids.append(b)
    dup = pd.Series(ids)[pd.Series(ids).duplicated()]
    if len(dup):
        raise DataError(
            f"facilities {listing(dup.unique())} have the same type, name and location; remove "
            "the duplicates or pass id_col=... ."
        )
    return pd.Index(ids, name="facility_id")


_COORD_PAIRS = [
    (("x_31370", "y_31370"), "EPSG:31370"),
    (("x_lambert72", "y_lambert72"), "EPSG:31370"),
    (("x_3812", "y_3812"), "EPSG:3812"),
    (("lon", "lat"), "EPSG:4326"),
    (("lng", "lat"), "EPSG:4326"),
    (("longitude", "latitude"), "EPSG:4326"),
    (("x", "y"), ""),
]


@_memo
def read_facilities(
    source: SourceLike,
    *,
    facility_type: str | None = None,
    types: Sequence[str] | None = None,
    type_col: str = "type",
    name_col: str = "name",
    id_col: str | None = None,
    status: str = EXISTING,
    capacity_col: str | None = None,
    x_col: str | None = None,
    y_col: str | None = None,
    lon_col: str | None = None,
    lat_col: str | None = None,
    crs: str | None = None,
    assume_crs: str | None = None,
    layer: str | None = None,
    member: str | None = None,
    as_point: Literal["centroid", "representative_point"] | None = None,
    encoding: str | None = None,
) -> gpd.GeoDataFrame:
    """Read a facility register into a facilities frame.

    Reads CSV (coordinates in ``x_31370``/``y_31370``, ``lon``/``lat`` and similar pairs, or
    the columns you name), GeoJSON and GeoPackage. The mirror's Leuven centres list
    (``"leuven_centres_reference"``) is a CSV of this kind.

    Parameters
    ----------
    source
        Dataset id or path.
    facility_type
        Type of every facility, when the file has no type column.
    types
        Keep only these types.
    type_col, name_col, id_col, capacity_col
        Column names. Without ``id_col`` a stable id is made from type and name (plus a short
        hash of the location for equal names), so it does not depend on row order.
    status
        ``"existing"``, ``"planned"``, ``"candidate"`` or ``"closed"``, unless the file has a
        ``status`` column (a planned facility is not in today's access; a scenario can open
        it).
    x_col, y_col, crs
        Projected coordinate columns and their CRS (``crs`` is required for plain ``x``/``y``).
    lon_col, lat_col
        Longitude/latitude columns (EPSG:4326).
    assume_crs
        CRS of a vector file that has none.
    layer, member
        Layer of a multi-layer file; member of a zip holding several tables or vector files.
    encoding
        Text encoding of a CSV (default UTF-8, with or without BOM).
    as_point
        How a polygon facility becomes a point; polygons are refused unless this is given.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ``facility_id``: ``name``, ``type``, ``status``, ``capacity`` (Float64, NA
        when unknown), ``source`` and the other columns of the file; with a
        ``location_confidence`` column (high / medium / low or metres) also
        ``location_radius_m``, how far the facility may lie from its point. Point
        geometries in the working CRS.
    """
    path, ds = resolve_source(source)
    label = _label(path, ds)
    problems = Problems(label)
    suffix = path.suffix.lower()
    columns: tuple[str, str, str, str, str] | None = None  # coordinates, options, CRS
    if suffix in (".csv", ".txt", ".xlsx", ".tsv") or (
        suffix == ".zip" and _zip_members(path, _TABLE_SUFFIXES)
    ):
        table = _read_table(
            path, label=label, encoding=encoding or (ds.encoding if ds else None), member=member
        )
        if lon_col or lat_col:
            pair, pair_crs = (lon_col, lat_col), "EPSG:4326"
        elif x_col or y_col:
            pair, pair_crs = (x_col, y_col), crs or ""
        else:
            pair, pair_crs = (None, None), ""
            for (xc, yc), pcrs in _COORD_PAIRS:
                fx, fy = _find(table, xc), _find(table, yc)
                if fx and fy:
                    pair, pair_crs = (fx, fy), crs or pcrs
                    break
        if pair[0] is None or pair[1] is None or pair[0] not in table or pair[1] not in table:
            require_columns(
                table,
                [c for c in pair if c] or ["x_31370", "y_31370"],
                source=label,
                hint="Name the coordinate columns with x_col=/y_col= (and crs=) or "
                "lon_col=/lat_col=.",
            )
            raise AssertionError("unreachable")
        if not pair_crs:
            raise CRSError(
                f"{label}: coordinate columns {pair[0]!r}/{pair[1]!r} do not say their CRS. "
                "Pass crs='EPSG:31370' (Lambert 72 metres) or use lon_col=/lat_col= for "
                "longitude/latitude."
            )
        xs = _to_number(table[pair[0]], what=f"{label} column {pair[0]!r}")
        ys = _to_number(table[pair[1]], what=f"{label} column {pair[1]!r}")
        nocoord = xs.isna() | ys.isna()
        if nocoord.any():
            rows = [f"row {i + 2}" for i in np.flatnonzero(nocoord.to_numpy())]
            problems.add(
                f"{int(nocoord.sum())} facilities have no coordinates ({listing(rows)}); "
                "geocode them or remove them."
            )
            problems.raise_if_any(SchemaError)
        frame = gpd.GeoDataFrame(
            table.drop(columns=list(pair)),
            geometry=gpd.points_from_xy(xs.astype(float), ys.astype(float)),
            crs=pair_crs,
        )
        opts = ("lon_col", "lat_col") if pair_crs == "EPSG:4326" else ("x_col", "y_col")
        columns = (str(pair[0]), str(pair[1]), *opts, crs_label(pair_crs))
    else:
        if x_col or lon_col:
            raise SchemaError(f"{label} is a vector file; coordinate columns do not apply.")
        frame = _read_vector(
            path,
            label=label,
            layer=layer or (ds.layer if ds else None),
            member=member,
            assume_crs=assume_crs,
        )
        frame = frame.rename_geometry("geometry") if frame.geometry.name != "geometry" else frame
        gtypes = set(frame.geom_type.dropna())
        if gtypes - {"Point"}:
            if as_point is None:
                raise SchemaError(
                    f"{label} has {listing(sorted(gtypes - {'Point'}))} geometries; facilities are "
                    "points. Pass as_point='representative_point' (inside the shape) or "
                    "'centroid' to convert them."
                )
            frame = frame.set_geometry(
                frame.geometry.representative_point()
                if as_point == "representative_point"
                else frame.geometry.centroid
            )
            log.info("%s: polygons converted with %s", label, as_point)
    if columns is not None:
        xc, yc, xo, yo, ccrs = columns
        also = f", crs='{ccrs}'" if xo == "x_col" else ""
        axis_fix = (
            f"Column {xc!r} holds the {'latitude' if xo == 'lon_col' else 'y coordinate'}: "
            f"pass {xo}='{yc}', {yo}='{xc}'{also} to read them the right way round, or swap "
            "the columns in the file."
        )
    else:
        axis_fix = (
            "Write the file with x (easting or longitude) first, or swap the coordinates, e.g. "
            "with shapely.ops.transform(lambda x, y: (y, x), geometry)."
        )
    check_in_belgium(frame, source=label, problems=problems, axis_fix=axis_fix)
    check_geometries(frame, source=label, problems=problems)

    tcol = _find(frame, type_col) if type_col else None
    if facility_type is not None:
        ftypes = pd.Series(facility_type, index=frame.index, dtype="object")
    elif tcol is not None:
        ftypes = frame[tcol].astype("object")
        if ftypes.isna().any():
            problems.add(f"{int(ftypes.isna().sum())} facilities have no {type_col!r}.")
    else:
        problems.add(
            f"there is no {type_col!r} column (found: {listing(frame.columns[:-1])}); "
            "pass type_col=... or facility_type='buurtcentrum'.",
            SchemaError,
        )
        ftypes = pd.Series(None, index=frame.index, dtype="object")
    ncol = _find(frame, name_col) if name_col else None
    names = (
        frame[ncol].astype("object") if ncol else pd.Series(None, index=frame.index, dtype="object")
    )
    scol = _find(frame, "status")
    statuses = (
        frame[scol].astype("object")
        if scol
        else pd.Series(status, index=frame.index, dtype="object")
    )
    bad_status = sorted({str(s) for s in statuses.dropna()} - set(FACILITY_STATUSES))
    if bad_status or statuses.isna().any():
        problems.add(
            f"status must be one of {', '.join(FACILITY_STATUSES)}; found "
            f"{listing(bad_status or ['<empty>'])}.",
            SchemaError,
        )
    ccol = _find(frame, capacity_col) if capacity_col else _find(frame, "capacity")
    if capacity_col and ccol is None:
        problems.add(f"there is no capacity column {capacity_col!r}.", SchemaError)
    capacity = (
        _to_number(frame[ccol], what=f"{label} column {ccol!r}")
        if ccol
        else pd.Series(pd.NA, index=frame.index, dtype="Float64")
    )
    if (capacity < 0).any():
        problems.add("capacities must not be negative.")
    problems.raise_if_any()

    ftypes = ftypes.map(
        lambda t: re.sub(r"[\s-]+", "_", t.strip().lower()) if isinstance(t, str) else t
    )
    if id_col is not None:
        icol = _find(frame, id_col)
        require_columns(frame, [id_col] if icol is None else [], source=label)
        ids = _clean_codes(frame[icol])
        if ids.isna().any() or ids.duplicated().any():
            raise DataError(
                f"{label} column {id_col!r} must hold a unique id for every facility; "
                f"duplicates: {listing(ids[ids.duplicated()].unique()) or 'none'}, "
                f"empty: {int(ids.isna().sum())}."
            )
        index = pd.Index(ids.to_numpy(), name="facility_id")
    else:
        index = _stable_ids(ftypes, names, frame.geometry)

    used = {c for c in (tcol, ncol, scol, ccol, "geometry") if c}
    extra = frame.drop(columns=[c for c in frame.columns if c in used])
    out = gpd.GeoDataFrame(
        {
            "name": names.to_numpy(),
            "type": ftypes.to_numpy(),
            "status": statuses.to_numpy(),
            "capacity": capacity.to_numpy(),
            "source": ds.id if ds else path.name,
        },
        geometry=frame.geometry.values,
        crs=frame.crs,
    )
    for col in extra.columns:
        if col not in out.columns:
            out[col] = extra[col].to_numpy()
    out["capacity"] = out["capacity"].astype("Float64")
    lcol = _find(out, "location_confidence")
    if lcol is not None:
        out = out.rename(columns={lcol: "location_confidence"})
        out["location_radius_m"] = _location_radius(out["location_confidence"], label)
    out.index = index
    if types is not None:
        wanted = [re.sub(r"[\s-]+", "_", t.strip().lower()) for t in types]
        unknown = sorted(set(wanted) - set(out["type"].dropna()))
        if unknown:
            log.info("%s has no facilities of type %s", label, listing(unknown))
        out = out[out["type"].isin(wanted)]
    out = _to_working_crs(out, label)
    # the coordinate columns and the options that name them, for checks against a study area
    out.attrs["coordinate_columns"] = columns
    return out


def open_facilities(facilities: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the facilities open today: ``status`` existing (or no status column).

    A planned, candidate or closed facility is kept in the register but counts nowhere today.
    """
    if "status" not in facilities:
        return facilities
    return facilities[facilities["status"].fillna(EXISTING) == EXISTING]


def _location_radius(confidence: pd.Series, label: str) -> pd.Series:
    """Return how far each facility may lie from its point, in metres.

    ``high`` / ``medium`` / ``low`` (:data:`wijkanalyse.vocab.LOCATION_RADIUS_M`) or a
    radius in metres; empty is NA (unknown).
    """
    out = []
    bad = []
    for value in confidence:
        if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
            out.append(np.nan)
            continue
        text = str(value).strip().lower()
        if text in LOCATION_RADIUS_M:
            out.append(LOCATION_RADIUS_M[text])
            continue
        try:
            metres = float(text.removesuffix("m").strip())
        except ValueError:
            bad.append(str(value))
            continue
        if metres < 0 or not np.isfinite(metres):
            bad.append(str(value))
        out.append(metres)
    if bad:
        raise DataError(
            f"{label} column 'location_confidence' must be high, medium, low or a radius in "
            f"metres; found {listing(sorted(set(bad)))}. Fix the register's column."
        )
    return pd.Series(out, index=confidence.index, dtype="Float64")


#: OSM Geofabrik point ``type`` values that are useful facility types, with a Dutch label.
OSM_TYPES: dict[str, str] = {
    "pharmacy": "apotheek",
    "doctors": "huisarts",
    "dentist": "tandarts",
    "hospital": "ziekenhuis",
    "school": "school",
    "kindergarten": "kleuterschool",
    "library": "bibliotheek",
    "supermarket": "supermarkt",
    "post_office": "postkantoor",
    "social_facility": "sociale voorziening",
    "community_centre": "gemeenschapscentrum",
    "townhall": "gemeentehuis",
    "bus_stop": "bushalte",
    "playground": "speeltuin",
    "police": "politie",
}


@_memo
def read_osm_points(
    source: SourceLike = "osm2015_points",
    *,
    types: Sequence[str] | None = None,
    assume_crs: str | None = None,
) -> gpd.GeoDataFrame:
    """Read OSM points of interest (Geofabrik ``points`` layer) as facilities.

    Parameters
    ----------
    source
        Dataset id or path of a Geofabrik-style point layer (``osm_id``, ``name``, ``type``).
    types
        OSM ``type`` values to keep, e.g. ``["pharmacy", "doctors", "school"]`` (see
        :data:`OSM_TYPES`). Geofabrik truncates ``type`` to 16 characters; longer requests are
        matched on their first 16. ``None`` keeps every point.
    assume_crs
        CRS of a file that states none (an error otherwise).

    Returns
    -------
    geopandas.GeoDataFrame
        A facilities frame indexed by ``osm-node-<osm_id>``, ``type`` = the OSM type,
        ``status`` ``"existing"``, plus ``osm_id`` and ``timestamp``.
    """
    path, ds = resolve_source(source)
    label = _label(path, ds)
    frame = _read_vector(
        path, label=label, layer=ds.layer if ds else None, member=None, assume_crs=assume_crs
    )
    require_columns(frame, ["osm_id", "type"], source=label)
    problems = Problems(label)
    _geo_checks(frame, label, problems)
    problems.raise_if_any()
    present = frame["type"].value_counts()
    if types is not None:
        wanted = {t[:16] for t in types}
        unknown = sorted(wanted - set(present.index))
        if unknown:
            offers = ", ".join(f"{t} ({n})" for t, n in present.head(25).items())
            sugg = {u: close_matches(u, present.index) for u in unknown}
            hint = "; ".join(f"{u!r}: did you mean {', '.join(s)}?" for u, s in sugg.items() if s)
            raise DataError(
                f"{label} has no points of type {listing(repr(u) for u in unknown)}. "
                + (hint + " " if hint else "")
                + f"Most common types: {offers}."
            )
        frame = frame[frame["type"].isin(wanted)]
    ids = pd.Index([f"osm-node-{int(i)}" for i in frame["osm_id"]], name="facility_id")
    if ids.duplicated().any():
        raise DataError(
            f"{label} lists OSM nodes more than once: {listing(ids[ids.duplicated()].unique())}."
        )
    names = (
        frame["name"].astype("object").where(frame["name"].notna() & (frame["name"] != ""), None)
        if "name" in frame
        else None
    )
    out = gpd.GeoDataFrame(
        {
            "name": names.to_numpy() if names is not None else None,
            "type": frame["type"].to_numpy(),
            "status": EXISTING,
            "capacity": pd.array([pd.NA] * len(frame), dtype="Float64"),
            "source": ds.id if ds else path.name,
            "osm_id": frame["osm_id"].to_numpy(),
            "timestamp": frame["timestamp"].to_numpy() if "timestamp" in frame else None,
        },
        geometry=frame.geometry.values,
        crs=frame.crs,
        index=ids,
    )
    return _to_working_crs(out, label)
