"""Readers for the official formats wijkanalyse works with.

Every reader takes a ``source``: a dataset id from :mod:`wijkanalyse.datasets` (the catalogue
then supplies layer, encoding, CRS and vintage) or a path to a file. Every reader returns a
canonical frame (see DESIGN.md, *Data contracts*):

- sector-keyed tables are indexed by the 9-character sector code (``sector``) and carry a
  ``vintage`` column (the sector-code vintage: 2011, 2019, 2024 for the 2020–2024 codes,
  2025);
- geometries are in the working CRS (:data:`wijkanalyse.settings.working_crs`); a file
  without a CRS is an error unless ``assume_crs=`` is passed, and reprojection is logged;
- counts are pandas nullable integers; a missing or suppressed value is NA (with a reason
  column where the source says why), never 0.

Readers check their input at the boundary and raise one error listing every problem found:
missing columns (with the columns found and the option to pass), malformed or duplicate
sector codes, wrong encoding, empty files, coordinates outside Belgium for the stated CRS,
invalid geometries.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import io as _io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from wijkanalyse import settings, vocab
from wijkanalyse._errors import CRSError, DataError, SchemaError
from wijkanalyse._validate import (
    Problems,
    as_nullable_int,
    check_edge_lengths,
    check_geometries,
    check_in_belgium,
    check_sector_codes,
    close_matches,
    crs_label,
    listing,
    require_columns,
)
from wijkanalyse.datasets import Dataset, Source, SourceLike, resolve_source

__all__ = [
    "FACILITY_STATUSES",
    "OSM_TYPES",
    "RoadGraphFrames",
    "read_area_names",
    "read_areas",
    "read_census",
    "read_energy",
    "read_facilities",
    "read_income",
    "read_open_space",
    "read_osm_points",
    "read_pinc_upload",
    "read_population",
    "read_road_graph",
    "read_sector_crosswalk",
    "read_sector_table",
    "read_sectors",
    "vintage_from_year",
]

log = logging.getLogger(__name__)

#: Reason codes used in ``*_na_reason`` columns.
SUPPRESSED = vocab.SUPPRESSED_BY_SOURCE
ABSENT = vocab.ABSENT_FROM_SOURCE
MISSING = "missing_in_source"

#: Provincies in Cijfers' codes for missing values in upload files.
PINC_MISSING = {"-99999": MISSING, "-99996": MISSING, "-99997": SUPPRESSED}

#: Allowed values of the facilities ``status`` column.
FACILITY_STATUSES = ("existing", "candidate", "closed")

_VINTAGES = (2011, 2019, 2024, 2025)
_TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xls", ".tsv")
_VECTOR_SUFFIXES = (".shp", ".geojson", ".json", ".gpkg", ".sqlite", ".db", ".fgb")
#: Cell values read as missing in text tables: empty, and R's ``NA`` (several mirror files
#: were written by R).
_NA_MARKERS = ("", "NA")
_MOJIBAKE_RE = re.compile("[ÃÂ][\u0080-\u00bf]")


# --------------------------------------------------------------------------- helpers


_F = TypeVar("_F", bound=Callable[..., Any])
_MEMO: dict[tuple[object, ...], Any] = {}


def _memo(func: _F) -> _F:
    """Cache reads of catalogue datasets in this process; callers get a copy.

    Catalogue files are verified by hash and never change, so reading one twice with the
    same arguments gives the same frame. Paths are never cached.

    A :class:`~wijkanalyse.datasets.Source` is unwrapped here: its options that the reader
    takes become keyword arguments (explicit ones other than ``None`` win), the others do
    not apply to it.
    """
    params = inspect.signature(func).parameters
    default = params["source"].default

    @functools.wraps(func)
    def wrapper(source: object = default, *args: Any, **kwargs: Any) -> Any:
        from wijkanalyse.datasets import CATALOGUE

        if source is inspect.Parameter.empty:
            raise TypeError(f"{func.__name__}() missing the required argument 'source'")
        if isinstance(source, Source):
            options = {k: v for k, v in source.options.items() if k in params}
            given = {k: v for k, v in kwargs.items() if v is not None or k not in options}
            kwargs = {**options, **given}
            source = source.source
        if args or not (isinstance(source, str) and source in CATALOGUE):
            return func(source, *args, **kwargs)
        frozen = tuple(
            sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items())
        )
        key = (func.__name__, source, frozen, settings.working_crs)
        try:
            hash(key)
        except TypeError:
            return func(source, **kwargs)
        if key not in _MEMO:
            _MEMO[key] = func(source, **kwargs)
        value = _MEMO[key]
        if isinstance(value, RoadGraphFrames):
            return replace(value, nodes=value.nodes.copy(), edges=value.edges.copy())
        return value.copy()

    return wrapper  # type: ignore[return-value]


def vintage_from_year(year: int) -> int:
    """Return the sector-code vintage in force on 1 January of ``year``.

    Statbel's codes changed in 2019 (municipal mergers), in 2020 (the "statsec2024" codes,
    valid 2020–2024) and in 2025 (the new sectors). Earlier years use the 2011 codes.

    Examples
    --------
    >>> vintage_from_year(2021), vintage_from_year(2025), vintage_from_year(2013)
    (2024, 2025, 2011)
    """
    if year >= 2025:
        return 2025
    if year >= 2020:
        return 2024
    if year == 2019:
        return 2019
    return 2011


def _norm(name: object) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9a-z]+", "_", text.strip().lower()).strip("_")


def _find(frame: pd.DataFrame, *candidates: str, pattern: str | None = None) -> str | None:
    """Return the first column whose normalised name is a candidate (or matches pattern)."""
    normed = {_norm(c): c for c in frame.columns}
    for cand in candidates:
        if _norm(cand) in normed:
            return str(normed[_norm(cand)])
    if pattern is not None:
        for n, c in normed.items():
            if re.fullmatch(pattern, n):
                return str(c)
    return None


def _label(path: Path, ds: Dataset | None) -> str:
    return f"dataset {ds.id!r} ({path.name})" if ds else f"file {path.name!r}"


def _check_not_empty(path: Path, label: str) -> None:
    if path.is_file() and path.stat().st_size == 0:
        raise DataError(f"{label} is empty (0 bytes). Download it again or check the path.")


def _zip_members(path: Path, suffixes: Sequence[str]) -> list[str]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except zipfile.BadZipFile as exc:
        raise DataError(f"{path.name!r} is not a valid zip archive ({exc}).") from exc
    return [
        n
        for n in names
        if n.lower().endswith(tuple(suffixes))
        and not n.startswith("__MACOSX")
        and not n.endswith("/")
    ]


def _pick_member(path: Path, suffixes: Sequence[str], member: str | None, what: str) -> str:
    members = _zip_members(path, suffixes)
    if member is not None:
        if member not in members:
            raise DataError(
                f"zip {path.name!r} has no member {member!r}; {what} members: "
                f"{listing(members) or 'none'}."
            )
        return member
    if not members:
        raise DataError(
            f"zip {path.name!r} holds no {what} file (looked for {', '.join(suffixes)})."
        )
    if len(members) > 1:
        # a shapefile zip can hold one .shp plus no other vector file; otherwise ask
        raise DataError(
            f"zip {path.name!r} holds several {what} files: {listing(members)}. Pass member=... "
            "to choose one."
        )
    return members[0]


def _decode(raw: bytes, encoding: str, label: str) -> str:
    if not raw.strip():
        raise DataError(f"{label} is empty: it has no header and no rows.")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        line = raw[: exc.start].count(b"\n") + 1
        other = "cp1252" if encoding.replace("-", "").lower().startswith("utf8") else "utf-8"
        raise DataError(
            f"{label} is not valid {encoding} text (byte 0x{bad} on line {line}). Statbel and "
            f"PinC files are UTF-8 (often with BOM) or cp1252/latin-1: pass encoding='{other}'."
        ) from exc
    head = text[:200_000]
    if encoding.lower().replace("-", "") in {"cp1252", "latin1", "iso88591", "windows1252"}:
        hits = _MOJIBAKE_RE.findall(head)
        if len(hits) >= 3:
            raise DataError(
                f"{label} looks like UTF-8 text read as {encoding} (garbled characters such as "
                f"{listing(sorted(set(hits)), 4)}): pass encoding='utf-8'."
            )
    return text.lstrip("\ufeff")


def _sniff_sep(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in ("|", ";", "\t", ",")}
    sep, n = max(counts.items(), key=lambda kv: kv[1])
    return sep if n else ","


def _read_table(
    path: Path,
    *,
    label: str,
    encoding: str | None = None,
    sep: str | None = None,
    sheet: str | int | None = None,
    member: str | None = None,
) -> pd.DataFrame:
    """Read a CSV/TXT/XLSX table (optionally inside a zip) as text columns."""
    _check_not_empty(path, label)
    suffix = path.suffix.lower()
    raw: bytes | None = None
    name = path.name
    if suffix == ".zip":
        name = _pick_member(path, _TABLE_SUFFIXES, member, "table")
        with zipfile.ZipFile(path) as zf:
            raw = zf.read(name)
        label = f"{label} member {name!r}"
        suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xls"):
        source: Any = _io.BytesIO(raw) if raw is not None else path
        try:
            frame = pd.read_excel(
                source,
                sheet_name=0 if sheet is None else sheet,
                dtype=str,
                engine="calamine",
            )
        except ValueError as exc:
            raise DataError(f"{label} cannot be read as a spreadsheet: {exc}") from exc
        if frame.shape[1] == 0:
            raise DataError(f"{label} is empty: its sheet has no header and no rows.")
    elif suffix in (".csv", ".txt", ".tsv") or raw is not None:
        if raw is None:
            raw = path.read_bytes()
        text = _decode(raw, encoding or "utf-8-sig", label)
        try:
            frame = pd.read_csv(
                _io.StringIO(text),
                sep=sep or _sniff_sep(text),
                dtype=str,
                keep_default_na=False,
                na_values=list(_NA_MARKERS),
                skipinitialspace=True,
            )
        except pd.errors.ParserError as exc:
            raise DataError(f"{label} cannot be parsed as a delimited table: {exc}") from exc
    else:
        raise DataError(
            f"{label}: unsupported table format {suffix!r}; use CSV/TXT (optionally zipped) "
            "or XLSX."
        )
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    for col in frame.columns:
        frame[col] = (
            frame[col]
            .astype("object")
            .map(lambda v: None if _blank(v) else (v.strip() if isinstance(v, str) else v))
        )
    if len(frame) == 0:
        raise DataError(f"{label} has a header but no rows.")
    return frame


def _open_table(
    source: SourceLike,
    *,
    encoding: str | None = None,
    sheet: str | int | None = None,
    member: str | None = None,
) -> tuple[pd.DataFrame, Path, Dataset | None, str]:
    """Resolve a dataset id or path and read it as a text table (catalogue encoding first)."""
    path, ds = resolve_source(source)
    label = _label(path, ds)
    frame = _read_table(
        path,
        label=label,
        encoding=encoding or (ds.encoding if ds else None),
        sheet=sheet,
        member=member,
    )
    return frame, path, ds, label


def _to_number(values: pd.Series, *, what: str, missing: Iterable[str] = ()) -> pd.Series:
    """Parse numbers written with a decimal point or a decimal comma; ``missing`` → NA."""
    markers = set(missing)
    s = values.astype("object").map(
        lambda v: None if _blank(v) or (isinstance(v, str) and v.strip() in markers) else v
    )
    text = s.map(
        lambda v: None if _blank(v) else str(v).strip().replace("\u00a0", "").replace(" ", "")
    )
    only_comma = text.map(lambda v: isinstance(v, str) and "," in v and "." not in v)
    only_point = text.map(lambda v: isinstance(v, str) and "." in v and "," not in v)
    if only_comma.any() and only_point.any():
        examples = [values[only_comma].iloc[0], values[only_point].iloc[0]]
        raise SchemaError(
            f"{what} mixes decimal commas and decimal points ({listing(map(repr, examples))}); "
            "the numbers are ambiguous. Make the column use one convention."
        )
    text = text.map(_normalise_decimal)
    num = pd.to_numeric(text, errors="coerce")
    bad = text.notna() & num.isna()
    if bad.any():
        raise SchemaError(
            f"{what} has {int(bad.sum())} values that are not numbers: "
            f"{listing(repr(v) for v in values[bad].unique())}."
        )
    return num.astype("Float64")


def _normalise_decimal(value: object) -> object:
    """Turn '1.234,5' and '12,5' (decimal comma) and '1,234.5' into Python notation.

    With both separators, the last one is the decimal separator; with only commas, the
    comma is the decimal separator (Statbel's convention).
    """
    if not isinstance(value, str) or "," not in value:
        return value
    if "." in value and value.rfind(".") > value.rfind(","):
        return value.replace(",", "")
    return value.replace(".", "").replace(",", ".")


def _blank(value: object) -> bool:
    """Return True for None, NaN and pandas NA."""
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _clean_codes(values: pd.Series) -> pd.Series:
    """Strip whitespace and an Excel-added '.0' from code strings; keep NA."""

    def fix(v: object) -> object:
        if _blank(v):
            return None
        t = str(v).strip()
        if re.fullmatch(r"\d+\.0", t):
            t = t[:-2]
        return t or None

    return values.map(fix).astype("object")


def _vintage_hint(vintage: int | None, label: str, *, year: int | None = None) -> int:
    if vintage is not None:
        if vintage not in _VINTAGES:
            raise SchemaError(
                f"vintage must be one of {', '.join(map(str, _VINTAGES))} (2024 stands for the "
                f"2020-2024 codes); got {vintage!r}."
            )
        return vintage
    if year is not None:
        return vintage_from_year(year)
    raise SchemaError(
        f"cannot tell the sector-code vintage of {label}: pass vintage=2024 (codes of "
        "2020-2024), 2025, 2019 or 2011. wijkanalyse.areas.detect_vintage(codes) can suggest "
        "it from the codes."
    )


def _year_in_name(name: str) -> int | None:
    m = re.search(r"(?<!\d)(20\d{2}|19\d{2})(?:0101)?(?!\d)", name)
    return int(m.group(1)) if m else None


def _finish_sector_table(
    frame: pd.DataFrame, code_col: str, *, label: str, problems: Problems, duplicates: str = "error"
) -> pd.DataFrame:
    codes = _clean_codes(frame[code_col])
    frame = frame.assign(**{code_col: codes})
    check_sector_codes(
        codes, source=label, problems=problems, allow_duplicates=duplicates != "error"
    )
    return frame


# --------------------------------------------------------------------------- sectors


_SECTOR_CODE_COLS = (
    "cd_sector",
    "cd_refnis_sector",
    "cs012011",
    "codsec",
    "statsec",
    "statsec2024",
)
_SECTOR_NAME_COLS = ("tx_sector_descr_nl", "t_sec_nl", "sector_nl", "statsec_naam", "sec_nl")
_MUNTY_COLS = ("cd_munty_refnis", "nis_012011", "cd_refnis")


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


@_memo
def read_sectors(
    source: SourceLike,
    *,
    vintage: int | None = None,
    layer: str | None = None,
    member: str | None = None,
    assume_crs: str | None = None,
    code_col: str | None = None,
    name_col: str | None = None,
) -> gpd.GeoDataFrame:
    """Read a Statbel statistical-sector layer (polygons or points) into a sectors frame.

    Reads every official form: zipped shapefile (also with the nested folders of the Statbel
    zips), shapefile, GeoJSON (zipped or not), GeoPackage and SQLite/SpatiaLite, in
    EPSG:31370 or EPSG:3812, with the column names of the 2011 (``cs012011``, ``sector_nl``),
    2019–2024 shapefiles (``CS0101yyyy``, ``T_SEC_NL``, ``CNIS5_yyyy``) and the 2022–2025
    GeoJSON/SQLite (``cd_sector``, ``tx_sector_descr_nl``, ``cd_munty_refnis``,
    ``cd_sub_munty``). A Z dimension is dropped.

    Parameters
    ----------
    source
        Dataset id (e.g. ``"statbel_sector_centroids_2024"``) or a path (file, folder or zip).
    vintage
        Sector-code vintage. By default taken from the catalogue, the year in the code column
        name (``CS01012020``) or the date in the file name (``…_20240101``).
    layer, member
        Layer of a multi-layer file; member of a zip holding several vector files.
    assume_crs
        CRS to use when the file has none (an error otherwise).
    code_col, name_col
        Column names, when they are not one of the official ones.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ``sector``, with ``name``, ``vintage``, ``gemeente`` (NIS5, NA when the
        file has no municipality column), ``deelgemeente`` (when present), ``area_ha`` and
        the geometry in the working CRS.
    """
    path, ds = resolve_source(source)
    label = _label(path, ds)
    frame = _read_vector(
        path,
        label=label,
        layer=layer or (ds.layer if ds else None),
        member=member,
        assume_crs=assume_crs,
    )
    problems = Problems(label)
    code = code_col or _find(frame, *_SECTOR_CODE_COLS, pattern=r"cs0101\d{4}")
    if code is None or code not in frame.columns:
        require_columns(
            frame,
            [code_col or "cd_sector"],
            source=label,
            hint="Pass code_col='...' with the column that holds the 9-character sector code.",
        )
        raise AssertionError("unreachable")
    name = name_col or _find(frame, *_SECTOR_NAME_COLS)
    munty = _find(frame, *_MUNTY_COLS, pattern=r"cnis5_\d{4}")
    sub = _find(frame, "cd_sub_munty")
    area = _find(frame, "ms_area_ha", "m_area_ha", "gis_area_h", "ms_area")

    year = None
    m = re.fullmatch(r"cs0101(\d{4})", _norm(code)) or (
        re.fullmatch(r"cnis5_(\d{4})", _norm(munty)) if munty else None
    )
    if m:
        year = int(m.group(1))
    elif _norm(code) == "cs012011":
        year = 2011
    else:
        year = _year_in_name(path.name) if ds is None else None
    vint = _vintage_hint(
        vintage if vintage is not None else (ds.vintage if ds else None), label, year=year
    )

    frame = _finish_sector_table(frame, code, label=label, problems=problems)
    _geo_checks(frame, label, problems)
    problems.raise_if_any()

    out = gpd.GeoDataFrame(
        {
            "name": frame[name].astype("object")
            if name
            else pd.Series(None, index=frame.index, dtype="object"),
            "vintage": vint,
            "gemeente": _clean_codes(frame[munty]) if munty else None,
            "deelgemeente": _clean_codes(frame[sub]) if sub else None,
            "area_ha": _to_number(frame[area], what=f"{label} column {area!r}") if area else pd.NA,
        },
        geometry=frame.geometry.values,
        crs=frame.crs,
    )
    out["area_ha"] = out["area_ha"].astype("Float64")
    out.index = pd.Index(frame[code].to_numpy(), name="sector")
    if not sub:
        out = out.drop(columns="deelgemeente")
    return _to_working_crs(out, label)


# --------------------------------------------------------------------------- population


@_memo
def read_population(
    source: SourceLike,
    *,
    vintage: int | None = None,
    duplicates: Literal["error", "sum"] = "error",
    sheet: str | int | None = None,
    member: str | None = None,
    encoding: str | None = None,
    na_values: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read Statbel's population per statistical sector (``OPENDATA_SECTOREN_<year>``).

    Reads the pipe-separated TXT (UTF-8 with BOM; also inside the official zip) and the XLSX
    forms, with the 2022+ columns ``CD_REFNIS``, ``CD_SECTOR``, ``TOTAL``, ``DT_STRT_SECTOR``,
    ``DT_STOP_SECTOR``, ``OPPERVLAKKTE IN HM²`` (decimal comma) and ``TX_DESCR_SECTOR_NL``.

    Parameters
    ----------
    source
        Dataset id or path (``.txt``, ``.zip``, ``.xlsx``).
    vintage
        Sector-code vintage. By default from the file name: ``OPENDATA_SECTOREN_2024`` → 2024
        (population on 1 January 2024, codes 2020–2024); ``…_2025_OLD`` → 2024;
        ``…_2025_NEW`` → 2025.
    duplicates
        Some editions list a sector more than once. ``"error"`` (default) refuses that;
        ``"sum"`` adds the rows up.
    na_values
        Cell values that mean "not available" (e.g. ``"n.b."``); they are read as NA, never
        0. Any other text in a count column is an error naming the column, rows and values.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sector``: ``pop_total`` (Int64), ``name``, ``gemeente``, ``area_ha``,
        ``vintage``.
    """
    frame, path, ds, label = _open_table(source, encoding=encoding, sheet=sheet, member=member)
    problems = Problems(label)
    code = _find(frame, "cd_sector", "cd_refnis_sector")
    total = _find(frame, "total", "ms_population", "ms_pop", "population")
    require_columns(
        frame,
        [c for c, f in (("CD_SECTOR", code), ("TOTAL", total)) if f is None],
        source=label,
        hint="This reader expects Statbel's OPENDATA_SECTOREN layout (CD_SECTOR, TOTAL, ...).",
    )
    assert code is not None
    assert total is not None
    name = _find(frame, "tx_descr_sector_nl", "tx_sector_descr_nl")
    munty = _find(frame, "cd_refnis", "cd_munty_refnis")
    area = next(
        (
            c
            for c in frame.columns
            if "oppervl" in _norm(c)
            or "hm" in _norm(c).split("_")
            or _norm(c) in {"superficie", "ms_area_ha"}
        ),
        None,
    )

    stem = path.stem.upper()
    if vintage is None and ds is None:
        if stem.endswith("_NEW"):
            vintage = 2025
        elif stem.endswith("_OLD"):
            vintage = 2024
    year = _year_in_name(path.name)
    vint = _vintage_hint(
        vintage if vintage is not None else (ds.vintage if ds else None), label, year=year
    )

    frame = _finish_sector_table(frame, code, label=label, problems=problems, duplicates=duplicates)
    pop = as_nullable_int(
        frame[total], what=f"{label} column {total!r}", na_values=_markers(na_values)
    )
    if (pop < 0).any():
        problems.add(f"column {total!r} has negative counts.")
    problems.raise_if_any()
    out = pd.DataFrame(
        {
            "pop_total": pop.to_numpy(),
            "name": frame[name].to_numpy() if name else None,
            "gemeente": _clean_codes(frame[munty]).to_numpy() if munty else None,
            "area_ha": _to_number(frame[area], what=f"{label} column {area!r}").to_numpy()
            if area
            else pd.NA,
        },
        index=pd.Index(frame[code].to_numpy(), name="sector"),
    )
    out["area_ha"] = out["area_ha"].astype("Float64")
    out["pop_total"] = out["pop_total"].astype("Int64")
    if out.index.duplicated().any():
        agg: Any = {
            "pop_total": lambda s: s.sum(min_count=1),
            "name": "first",
            "gemeente": "first",
            "area_ha": lambda s: s.max(),
        }
        n = int(out.index.duplicated().sum())
        log.info("%s: summed %d duplicate sector rows as asked (duplicates='sum')", label, n)
        out = out.groupby(level=0, sort=False).agg(agg)
        out["pop_total"] = out["pop_total"].astype("Int64")
    out["vintage"] = vint
    return out


def _markers(na_values: str | Sequence[str] | None) -> tuple[str, ...]:
    """Return the 'not available' markers a reader was given, as a tuple."""
    if na_values is None:
        return ()
    return (na_values,) if isinstance(na_values, str) else tuple(na_values)


def _census_counts(values: pd.Series, *, what: str, na_values: tuple[str, ...]) -> pd.Series:
    """Census counts: an empty cell is 0 (census tables omit empty cells), a marker is NA."""
    marked = values.map(lambda v: isinstance(v, str) and v.strip() in na_values)
    counts = as_nullable_int(values, what=what, na_values=na_values).fillna(0)
    return counts.mask(marked.to_numpy(bool))


_AGE_RE = re.compile(r"^(\d+)\s*(?:-\s*(\d+)|\+)$")


@_memo
def read_census(
    source: SourceLike = "statbel_census2021_age65",
    *,
    vintage: int | None = None,
    sheet: str | int | None = None,
    member: str | None = None,
    encoding: str | None = None,
    na_values: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read census population per sector: total, 65+ and under 65 (and age bands).

    Two layouts are read:

    - the mirror's Census 2021 table (``cd_sector``, ``x65``, ``rest``): ``x65`` persons aged
      65 or more and ``rest`` persons under 65;
    - Statbel's ``TF_CENSUS_2021_S01`` (``CD_SECTOR``, ``CD_AGE`` in 5-year classes such as
      ``"65-69"`` and ``"100+"``, ``MS_POP``, optionally ``CD_SEX``), in TXT, ZIP or XLSX.

    A census counts every resident, and its tables omit empty cells: an empty ``x65`` or
    ``rest`` therefore means 0 persons in that group (the Belgian total of the mirror table,
    11 521 238, is the census count). This is the only place where an empty cell becomes 0.
    A cell holding one of ``na_values`` (e.g. ``"n.b."``, "not available") is NA, never 0,
    and so is every total it enters; other text is an error naming column, rows and values.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sector``: ``pop_total``, ``pop_65plus``, ``pop_under65`` (Int64), and for
        the official layout also ``pop_0_14``, ``pop_15_64``, ``pop_80plus``; ``vintage``.
    """
    frame, path, ds, label = _open_table(source, encoding=encoding, sheet=sheet, member=member)
    problems = Problems(label)
    code = _find(frame, "cd_sector", "cd_refnis_sector")
    x65, rest = _find(frame, "x65"), _find(frame, "rest")
    age, pop = _find(frame, "cd_age"), _find(frame, "ms_pop", "ms_population")
    if code is None or not ((x65 and rest) or (age and pop)):
        require_columns(
            frame,
            ["cd_sector", "x65", "rest"] if not age else ["cd_sector", "cd_age", "ms_pop"],
            source=label,
            hint="Expected the mirror's census table (cd_sector, x65, rest) or Statbel's "
            "TF_CENSUS_2021_S01 (CD_SECTOR, CD_AGE, MS_POP).",
        )
    assert code is not None
    year = _year_in_name(path.name) or 2021
    vint = _vintage_hint(
        vintage if vintage is not None else (ds.vintage if ds else None), label, year=year
    )
    long_format = not (x65 and rest)
    frame = _finish_sector_table(
        frame, code, label=label, problems=problems, duplicates="allow" if long_format else "error"
    )
    problems.raise_if_any()

    if not long_format:
        assert x65 is not None
        assert rest is not None
        marks = _markers(na_values)
        old = _census_counts(frame[x65], what=f"{label} column {x65!r}", na_values=marks)
        young = _census_counts(frame[rest], what=f"{label} column {rest!r}", na_values=marks)
        out = pd.DataFrame(
            {
                "pop_total": (old + young).to_numpy(),
                "pop_65plus": old.to_numpy(),
                "pop_under65": young.to_numpy(),
            },
            index=pd.Index(frame[code].to_numpy(), name="sector"),
        ).astype("Int64")
    else:
        assert age is not None
        assert pop is not None
        counts = _census_counts(
            frame[pop], what=f"{label} column {pop!r}", na_values=_markers(na_values)
        )
        parsed = frame[age].map(lambda a: _AGE_RE.match(str(a)) if a is not None else None)
        bad = parsed.isna()
        if bad.any():
            raise SchemaError(
                f"{label} column {age!r} has age classes that are not 'a-b' or 'a+': "
                f"{listing(repr(v) for v in frame.loc[bad, age].unique())}."
            )
        lower = parsed.map(lambda m: int(m.group(1)))
        upper = parsed.map(lambda m: int(m.group(2)) if m.group(2) else 10**6)
        straddle = (
            (lower < 65) & (upper >= 65)
            | (lower < 15) & (upper >= 15)
            | (lower < 80) & (upper >= 80)
        )
        if straddle.any():
            raise SchemaError(
                f"{label}: age classes {listing(frame.loc[straddle, age].unique())} straddle the "
                "bands 15, 65 or 80; they cannot be split without a model."
            )
        work = pd.DataFrame(
            {"sector": frame[code].to_numpy(), "n": counts.to_numpy(), "lo": lower.to_numpy()}
        )
        bands = {
            "pop_0_14": work.lo < 15,
            "pop_15_64": (work.lo >= 15) & (work.lo < 65),
            "pop_65plus": work.lo >= 65,
            "pop_80plus": work.lo >= 80,
        }
        out = pd.DataFrame({k: work.n.where(v, 0) for k, v in bands.items()})
        out["pop_total"] = work.n
        out["sector"] = work.sector
        # a band with a cell marked 'not available' is unknown, never the sum of the rest
        out = out.groupby("sector", sort=False).sum(min_count=1).astype("Int64")
        unknown = pd.DataFrame({c: work.n.where(v, 0).isna() for c, v in bands.items()})
        unknown["pop_total"] = work.n.isna()
        unknown = unknown.groupby(work.sector.to_numpy(), sort=False).any()
        out = out.mask(unknown.reindex(index=out.index, columns=out.columns, fill_value=False))
        out["pop_under65"] = out["pop_total"] - out["pop_65plus"]
        out = out[["pop_total", "pop_65plus", "pop_under65", "pop_0_14", "pop_15_64", "pop_80plus"]]
    if (out < 0).any().any():
        raise DataError(f"{label} has negative population counts.")
    out["vintage"] = vint
    return out


# --------------------------------------------------------------------------- income


_INCOME_MEASURES = {
    # canonical name: (official columns, lowercase/mirror alias)
    "income_median": ("ms_median_net_taxable_inc",),
    "income_mean": ("ms_avg_tot_net_taxable_inc",),
    "income_total": ("ms_tot_net_taxable_inc",),
    "n_declarations": ("ms_nbr_non_zero_inc",),
}
_SUPPRESSION_MARKERS = ("C", "*", "-99997", "-99999")


@_memo
def read_income(
    source: SourceLike = "statbel_income2021",
    *,
    year: int | None = None,
    vintage: int | None = None,
    sheet: str | int | None = None,
    member: str | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read Statbel's fiscal income per statistical sector (``TF_PSNL_INC_TAX_SECTOR``).

    Reads the official TXT (pipe-separated, confidential cells ``C``), the official XLSX and
    the mirror's 2021 extract (``cd_sector``, ``ms_avg_tot_net_taxable_inc``,
    ``ms_median_net_taxable_inc``; empty = suppressed). In the old TXT ``CD_SECTOR`` is the
    4-character suffix and ``CD_REFNIS_SECTOR`` the 9-character code; both layouts are
    recognised.

    Incomes are **per tax return, not per inhabitant**, in euro. A suppressed cell (empty,
    ``C``, ``*``) becomes NA with ``<column>_na_reason = "suppressed_by_source"``.

    Parameters
    ----------
    year
        Income year to keep. Required when the file holds several years.
    vintage
        Sector-code vintage; by default the vintage in force in ``year`` (2021 → 2024).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sector``: ``income_median``, ``income_mean`` and, when present,
        ``income_total`` and ``n_declarations``; one ``*_na_reason`` column per measure;
        ``year``, ``vintage``.
    """
    frame, path, ds, label = _open_table(source, encoding=encoding, sheet=sheet, member=member)
    problems = Problems(label)
    full = _find(frame, "cd_refnis_sector")
    short = _find(frame, "cd_sector")
    munty = _find(frame, "cd_munty_refnis", "cd_refnis")
    if full is not None:
        codes = frame[full]
    elif short is not None:
        s = _clean_codes(frame[short])
        if s.dropna().str.len().eq(4).all() and munty is not None:
            codes = _clean_codes(frame[munty]) + s
        else:
            codes = s
    else:
        require_columns(
            frame,
            ["CD_REFNIS_SECTOR"],
            source=label,
            hint="Expected Statbel's TF_PSNL_INC_TAX_SECTOR layout (CD_REFNIS_SECTOR "
            "or cd_sector, MS_MEDIAN_NET_TAXABLE_INC, ...).",
        )
        raise AssertionError("unreachable")
    frame = frame.assign(_code=codes)
    measures = {k: _find(frame, *v) for k, v in _INCOME_MEASURES.items()}
    if measures["income_median"] is None and measures["income_mean"] is None:
        require_columns(
            frame, ["MS_MEDIAN_NET_TAXABLE_INC", "MS_AVG_TOT_NET_TAXABLE_INC"], source=label
        )
    ycol = _find(frame, "cd_year")
    if ycol is not None:
        years = sorted({int(float(y)) for y in frame[ycol].dropna()})
        if year is None:
            if len(years) > 1:
                raise SchemaError(
                    f"{label} holds income years {listing(years)}; pass year=... to choose one."
                )
            year = years[0]
        elif year not in years:
            raise DataError(f"{label} has no income year {year}; it holds {listing(years)}.")
        frame = frame[frame[ycol].map(lambda y: y is not None and int(float(y)) == year)]
    elif year is None:
        year = ds.reference_year if ds and ds.reference_year else _year_in_name(path.name)
        if year is None:
            raise SchemaError(f"{label} has no CD_YEAR column; pass year=... (the income year).")
    vint = _vintage_hint(
        vintage if vintage is not None else (ds.vintage if ds else None), label, year=year
    )
    frame = _finish_sector_table(frame, "_code", label=label, problems=problems)
    problems.raise_if_any()

    out = pd.DataFrame(index=pd.Index(frame["_code"].to_numpy(), name="sector"))
    for name, col in measures.items():
        if col is None:
            continue
        raw = frame[col]
        suppressed = raw.isna() | raw.map(
            lambda v: isinstance(v, str) and v.strip() in _SUPPRESSION_MARKERS
        )
        values = _to_number(raw, what=f"{label} column {col!r}", missing=_SUPPRESSION_MARKERS)
        if name == "n_declarations":
            values = values.round().astype("Int64")
        if (values < 0).any():
            raise DataError(f"{label} column {col!r} has negative values.")
        out[name] = values.array
        reason = np.full(len(out), None, dtype=object)
        reason[suppressed.to_numpy(dtype=bool)] = SUPPRESSED
        out[f"{name}_na_reason"] = reason
    out["year"] = year
    out["vintage"] = vint
    return out


# --------------------------------------------------------------------------- hierarchy tables


_HIERARCHY_LAYOUTS: list[tuple[str, dict[str, tuple[str, ...]]]] = [
    # (name, canonical column → candidate source columns), first match wins per column
    (
        "pinc_2024",
        {
            "sector": ("statsec2024",),
            "name": ("statsec2024_naam",),
            "deelgemeente": ("deelgemeente2024",),
            "deelgemeente_name": ("deelgemeente2024_naam",),
            "gemeente": ("gemeente2024",),
            "gemeente_name": ("gemeente2024_naam",),
            "gemeente_2025": ("gemeente",),
            "wijk": ("ggw72024",),
            "arrondissement": ("arrondiss2024",),
            "arrondissement_name": ("bestuurlijk_arrondissement2024_naam",),
            "provincie": ("provincie2024",),
            "provincie_name": ("provincie2024_naam",),
        },
    ),
    (
        "pinc_2025",
        {
            "sector": ("statsec",),
            "name": ("statsec_naam",),
            "deelgemeente": ("deelgemeente",),
            "deelgemeente_name": ("deelgemeente_naam",),
            "gemeente": ("gemeente",),
            "gemeente_name": ("gemeente_naam",),
            "wijk": ("ggw7",),
            "arrondissement": ("arrondiss",),
            "arrondissement_name": ("bestuurlijk_arrondissement_naam",),
            "provincie": ("provincie",),
            "provincie_name": ("provincie_naam",),
        },
    ),
    (
        "statbel_2011",
        {
            "sector": ("cd_refnis_sector",),
            "name": ("tx_sector_descr_nl",),
            "gemeente": ("cd_munty_refnis",),
            "gemeente_name": ("tx_munty_descr_nl",),
            "arrondissement": ("cd_dstr_refnis",),
            "arrondissement_name": ("tx_adm_dstr_descr_nl",),
            "provincie": ("cd_prov_refnis",),
            "provincie_name": ("tx_prov_descr_nl",),
        },
    ),
]


@_memo
def read_sector_table(
    source: SourceLike,
    *,
    vintage: int | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read a sector → higher-levels table (the hierarchy of a vintage).

    Recognised layouts: PinC ``statsec2024_als_basis.xlsx`` (2024 codes, with ``ggw72024``
    wijken and the 2025 municipality), PinC ``statsec_als_basis.xlsx`` (2025 codes, ``ggw7``),
    the PinC sector → wijk tables (``statsec[2024]`` + ``ggw7[2024]``), PinC
    ``deelgemeenten_belgie.csv`` (cp1252, ``;``) and Statbel's 2011 hierarchy
    (``CD_REFNIS_SECTOR`` ...).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sector``; the columns among ``name``, ``deelgemeente``,
        ``deelgemeente_name``, ``gemeente``, ``gemeente_name``, ``gemeente_2025``, ``wijk``,
        ``arrondissement``, ``arrondissement_name``, ``provincie``, ``provincie_name`` that the
        source has; ``vintage``.
    """
    frame, _path, ds, label = _open_table(source, encoding=encoding, sheet=sheet)
    normed = {_norm(c) for c in frame.columns}
    layout: dict[str, tuple[str, ...]] | None = None
    if "statsec2024" in normed:
        layout = dict(_HIERARCHY_LAYOUTS[0][1])
        if "ggw72024" not in normed:
            layout.pop("wijk")
        if vintage is None:
            vintage = 2024
    elif "statsec" in normed:
        layout = dict(_HIERARCHY_LAYOUTS[1][1])
        if "statsec_naam_lang" in normed:  # PinC deelgemeenten_belgie.csv
            layout.update({"name": ("statsec_naam",), "provincie": ("provincie",)})
    elif "cd_refnis_sector" in normed:
        layout = dict(_HIERARCHY_LAYOUTS[2][1])
        if vintage is None and ds is None:
            vintage = 2011
    if layout is None:
        require_columns(
            frame,
            ["statsec2024 | statsec | CD_REFNIS_SECTOR"],
            source=label,
            hint="Expected a PinC or Statbel sector table.",
        )
        raise AssertionError("unreachable")
    vint = _vintage_hint(vintage if vintage is not None else (ds.vintage if ds else None), label)
    cols = {}
    for canon, cands in layout.items():
        found = _find(frame, *cands)
        if found is not None:
            cols[canon] = found
    problems = Problems(label)
    frame = _finish_sector_table(frame, cols["sector"], label=label, problems=problems)
    problems.raise_if_any()
    out = pd.DataFrame(
        {
            canon: (
                _clean_codes(frame[col])
                if canon not in {"name"} and not canon.endswith("_name")
                else frame[col].astype("object")
            ).to_numpy()
            for canon, col in cols.items()
            if canon != "sector"
        },
        index=pd.Index(frame[cols["sector"]].to_numpy(), name="sector"),
    )
    out["vintage"] = vint
    return out


@_memo
def read_pinc_upload(
    source: SourceLike,
    *,
    measures: Sequence[str] | None = None,
    year: int | None = None,
    vintage: int | None = None,
    sheet: str | int | None = None,
    member: str | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read a Provincies in Cijfers upload table (``period``, ``geolevel``, ``geoitem``, measures).

    PinC publishes its indicator inputs as long tables with one row per area and period.
    Missing values follow PinC's convention: ``-99999`` (and ``-99996``) is missing,
    ``-99997`` is suppressed by the source; both become NA with a ``<measure>_na_reason``.

    Parameters
    ----------
    measures
        Measure columns to keep (default: every column but ``period``, ``geolevel`` and
        ``geoitem``).
    year
        The period to keep. Default: the latest period in the file.
    vintage
        Sector-code vintage; default from the catalogue or from ``geolevel``
        (``statsec2019`` → 2019, ``statsec2024`` → 2024).
    sheet, member, encoding
        The sheet of a spreadsheet, the table inside a zip that holds several, the text
        encoding of a CSV (default UTF-8, with or without BOM).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sector``: the measures (Float64), their ``*_na_reason`` columns where a
        value is missing, ``year`` and ``vintage``.
    """
    frame, _path, ds, label = _open_table(source, encoding=encoding, sheet=sheet, member=member)
    require_columns(
        frame,
        ["period", "geolevel", "geoitem"],
        source=label,
        hint="Expected a Provincies in Cijfers upload table.",
    )
    levels = sorted(frame["geolevel"].dropna().unique())
    not_sector = [lv for lv in levels if not str(lv).startswith("statsec")]
    if not_sector:
        raise DataError(
            f"{label} holds geolevel(s) {listing(not_sector)}, not statistical sectors; "
            "read it with pandas and aggregate it yourself."
        )
    periods = _to_number(frame["period"], what=f"{label} column 'period'")
    if periods.isna().any():
        raise DataError(f"{label}: {int(periods.isna().sum())} rows have no period.")
    available = sorted(int(p) for p in periods.unique())
    if year is None:
        year = available[-1]
    elif year not in available:
        raise DataError(
            f"{label} has no period {year}; it has {listing(available)}. Pass year=... "
            "from that list."
        )
    frame = frame[(periods == year).to_numpy()]
    if vintage is None and ds is not None and ds.vintage is not None:
        vintage = ds.vintage
    if vintage is None:
        lv = str(levels[0]) if levels else ""
        m = re.fullmatch(r"statsec(\d{4})", lv)
        vintage = int(m.group(1)) if m else None
    vint = _vintage_hint(vintage, label)
    problems = Problems(label)
    frame = _finish_sector_table(frame, "geoitem", label=label, problems=problems)
    problems.raise_if_any()
    cols = [c for c in frame.columns if c not in ("period", "geolevel", "geoitem")]
    if measures is not None:
        missing = [m for m in measures if m not in frame.columns]
        if missing:
            hits = {m: close_matches(m, cols) for m in missing}
            hint = "; ".join(f"{m!r}: did you mean {', '.join(h)}?" for m, h in hits.items() if h)
            raise SchemaError(
                f"{label} lacks measure(s) {listing(missing)} (found: {listing(cols)}). {hint}"
            )
        cols = list(measures)
    out = pd.DataFrame(index=pd.Index(frame["geoitem"].to_numpy(), name="sector"))
    for col in cols:
        raw = frame[col].astype("object").map(lambda v: str(v).strip() if v is not None else v)
        raw = raw.map(lambda v: re.sub(r"\.0+$", "", v) if isinstance(v, str) else v)
        reason = raw.map(PINC_MISSING).where(raw.isin(list(PINC_MISSING)))
        values = _to_number(
            raw.where(~raw.isin(list(PINC_MISSING))), what=f"{label} column {col!r}"
        )
        out[col] = values.array
        reason = reason.where(values.notna().to_numpy() | reason.notna(), MISSING)
        if reason.notna().any():
            out[f"{col}_na_reason"] = reason.astype("object").to_numpy()
    out["year"] = year
    out["vintage"] = vint
    return out


_ENERGY_MEASURES = {
    "v2506_elek_res_cons": "elek_res_kwh",
    "v2506_elek_res_n": "elek_res_n",
    "v2506_gas_res_cons": "gas_res_kwh",
    "v2506_gas_res_n": "gas_res_n",
}


def read_energy(
    source: SourceLike = "fluvius_energy_2018_2021",
    *,
    year: int = 2021,
    sheet: str | int | None = None,
    member: str | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read Fluvius' residential electricity and gas use per statistical sector.

    ``sheet``, ``member`` and ``encoding`` are as in :func:`read_pinc_upload`.

    Returns
    -------
    pandas.DataFrame
        Indexed by sector code **of the 2019 vintage** (the file's own), with
        ``elek_res_kwh`` and ``gas_res_kwh`` (kWh per year, Float64), ``elek_res_n`` and
        ``gas_res_n`` (number of residential connections, Int64), their ``*_na_reason``
        columns, ``year`` and ``vintage``. Use :func:`wijkanalyse.areas.crosswalk` (or
        :func:`wijkanalyse.indicators.sector_inputs`, which does it exactly) to reach 2024.
    """
    raw = read_pinc_upload(
        source,
        measures=list(_ENERGY_MEASURES),
        year=year,
        sheet=sheet,
        member=member,
        encoding=encoding,
    )
    out = raw.rename(
        columns={
            **_ENERGY_MEASURES,
            **{f"{k}_na_reason": f"{v}_na_reason" for k, v in _ENERGY_MEASURES.items()},
        }
    )
    for col in ("elek_res_n", "gas_res_n"):
        out[col] = out[col].round().astype("Int64")
    return out


_OPEN_SPACE_MEASURES = {
    "v1591_opp_or_totaal": "open_space_m2",
    "v1591_opp_or_bos": "forest_m2",
    "v1591_opp_or_grasland": "grassland_m2",
    "v1591_opp_or_akker": "arable_m2",
    "v1591_opp_or_water": "water_m2",
}


def read_open_space(
    source: SourceLike = "pinc_open_space_2013_2016",
    *,
    year: int = 2016,
    sheet: str | int | None = None,
    member: str | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read the land use of open space per statistical sector (2024 codes).

    ``sheet``, ``member`` and ``encoding`` are as in :func:`read_pinc_upload`.

    Returns
    -------
    pandas.DataFrame
        Indexed by sector code (2024 vintage), with ``open_space_m2`` (all open space),
        ``forest_m2``, ``grassland_m2``, ``arable_m2`` and ``water_m2`` (m², Float64), the
        ``*_na_reason`` columns where values are missing, ``year`` and ``vintage``. The
        source does not state the unit; its values are multiples of 100, consistent with
        m² counted on a 10 m raster.
    """
    raw = read_pinc_upload(
        source,
        measures=list(_OPEN_SPACE_MEASURES),
        year=year,
        sheet=sheet,
        member=member,
        encoding=encoding,
    )
    return raw.rename(
        columns={
            **_OPEN_SPACE_MEASURES,
            **{f"{k}_na_reason": f"{v}_na_reason" for k, v in _OPEN_SPACE_MEASURES.items()},
        }
    )


@_memo
def read_sector_crosswalk(source: SourceLike = "pinc_statsec2019_statsec2024") -> pd.DataFrame:
    """Read PinC's official 2019 → 2024 sector-code table.

    Returns
    -------
    pandas.DataFrame
        Columns ``sector_2019`` (NA for sectors new in 2020) and ``sector_2024``.
    """
    path, ds = resolve_source(source)
    label = _label(path, ds)
    frame = _read_table(path, label=label)
    require_columns(frame, ["statsec2019", "statsec2024"], source=label)
    problems = Problems(label)
    check_sector_codes(_clean_codes(frame["statsec2024"]), source=label, problems=problems)
    old = _clean_codes(frame["statsec2019"])
    check_sector_codes(
        old.dropna(),
        source=f"{label} column 'statsec2019'",
        problems=problems,
        allow_duplicates=True,
    )
    problems.raise_if_any()
    return pd.DataFrame(
        {
            "sector_2019": old.to_numpy(),
            "sector_2024": _clean_codes(frame["statsec2024"]).to_numpy(),
        }
    )


@_memo
def read_area_names(source: SourceLike) -> pd.DataFrame:
    """Read a PinC area-definition table (``geoitem code``, ``short name``, ``name``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code``, with ``short_name`` and ``name``.
    """
    path, ds = resolve_source(source)
    label = _label(path, ds)
    frame = _read_table(path, label=label)
    code, short, long = (
        _find(frame, "geoitem code", "geoitem"),
        _find(frame, "short name"),
        _find(frame, "name", "naam"),
    )
    require_columns(
        frame,
        [
            c
            for c, f in (("geoitem code", code), ("short name", short), ("name", long))
            if f is None
        ],
        source=label,
    )
    assert code
    assert short
    assert long
    codes = _clean_codes(frame[code])
    dup = codes[codes.duplicated()]
    if len(dup):
        raise DataError(f"{label} lists codes more than once: {listing(dup.unique())}.")
    return pd.DataFrame(
        {"short_name": frame[short].to_numpy(), "name": frame[long].to_numpy()},
        index=pd.Index(codes.to_numpy(), name="code"),
    )


_AREA_LEVEL_CODES = {
    "wijk": ("geoitem",),
    "deelgemeente": ("geoitem",),
    "gemeente": ("gemeente", "geoitem"),
    "arrondissement": ("arrondiss", "geoitem"),
    "provincie": ("provincie", "geoitem"),
}


@_memo
def read_areas(
    source: SourceLike,
    *,
    level: Literal["wijk", "deelgemeente", "gemeente", "arrondissement", "provincie"] | None = None,
    layer: str | None = None,
    assume_crs: str | None = None,
    code_col: str | None = None,
    name_col: str | None = None,
) -> gpd.GeoDataFrame:
    """Read PinC area polygons (wijken, deelgemeenten, municipalities, ...).

    Parameters
    ----------
    source
        Dataset id (e.g. ``"pinc_wijken_ggw72024_arr_leuven"``) or path.
    level
        Area level; by default guessed from the layer name.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ``code``, with ``name`` (as in the source, e.g. ``"Blauwput (Leuven)"``),
        ``short_name`` (without the municipality in brackets), ``level`` and the geometry in
        the working CRS.
    """
    path, ds = resolve_source(source)
    label = _label(path, ds)
    frame = _read_vector(
        path,
        label=label,
        layer=layer or (ds.layer if ds else None),
        member=None,
        assume_crs=assume_crs,
    )
    if level is None:
        lname = (ds.layer if ds and ds.layer else path.stem).lower()
        level = (
            "wijk"
            if "ggw" in lname or "wijk" in lname
            else "deelgemeente"
            if "deelgemeente" in lname
            else "gemeente"
            if "gemeente" in lname
            else "arrondissement"
            if "arrondiss" in lname
            else "provincie"
            if "provincie" in lname
            else None
        )
        if level is None:
            raise SchemaError(
                f"{label}: cannot tell the area level; pass level='wijk' (or "
                "'deelgemeente', 'gemeente', 'arrondissement', 'provincie')."
            )
    code = code_col or _find(frame, *_AREA_LEVEL_CODES[level])
    name = name_col or _find(frame, "naam", "name")
    require_columns(
        frame,
        [c for c, f in (("geoitem", code), ("naam", name)) if f is None],
        source=label,
        hint="Pass code_col=... and name_col=... .",
    )
    assert code
    assert name
    problems = Problems(label)
    codes = _clean_codes(frame[code])
    if codes.isna().any():
        problems.add(f"{int(codes.isna().sum())} areas have no code.")
    dup = codes[codes.duplicated()]
    if len(dup):
        problems.add(f"area codes occur more than once: {listing(dup.unique())}.")
    _geo_checks(frame, label, problems)
    problems.raise_if_any()
    names = frame[name].astype("object")
    short = names.map(lambda n: re.sub(r"\s*\([^()]*\)\s*$", "", n) if isinstance(n, str) else n)
    out = gpd.GeoDataFrame(
        {"name": names.to_numpy(), "short_name": short.to_numpy(), "level": level},
        geometry=frame.geometry.values,
        crs=frame.crs,
    )
    out.index = pd.Index(codes.to_numpy(), name="code")
    return _to_working_crs(out, label)


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
    status: str = "existing",
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
        ``"existing"``, ``"candidate"`` or ``"closed"``, unless the file has a ``status``
        column.
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
        when unknown), ``source`` and the other columns of the file; Point geometries in the
        working CRS.
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
            "status": "existing",
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


# --------------------------------------------------------------------------- road graph


@dataclass(frozen=True)
class RoadGraphFrames:
    """A road graph as plain frames: nodes (points) and directed edges (lines)."""

    nodes: gpd.GeoDataFrame
    edges: gpd.GeoDataFrame
    repaired_edges: int = 0
    """Edges whose ``length_m`` was missing, negative, zero or shorter than their geometry,
    and was replaced by the geometry's length (see :func:`read_road_graph`)."""
    repaired_km: float = 0.0
    """Their length by the geometry, in km."""


@_memo
def read_road_graph(
    source: SourceLike = "leuven_road_graph_2013",
    *,
    assume_crs: str | None = None,
    member: str | None = None,
) -> RoadGraphFrames:
    """Read a road graph GeoPackage with layers ``nodes`` and ``edges``.

    ``assume_crs`` is the CRS of a file that states none (an error otherwise); ``member``
    the GeoPackage inside a zip that holds several vector files.

    The mirror's Leuven graph (OSM c. 2013 via RinSim) is a *road* network: footways,
    cycleways, pedestrian streets, steps and service roads are missing, and Wijgmaal is not
    covered. ``maxspeed_kmh`` values above 200 (RinSim parse artefacts such as 3050 from
    "30/50") become NA.

    Returns
    -------
    RoadGraphFrames
        ``nodes`` indexed by ``node_id``; ``edges`` with ``u``, ``v``, ``length_m``,
        ``maxspeed_kmh`` (Float64), ``has_reverse``; both in the working CRS.
    """
    path, ds = resolve_source(source)
    label = _label(path, ds)
    nodes = _read_vector(
        path, label=f"{label} layer 'nodes'", layer="nodes", member=member, assume_crs=assume_crs
    )
    edges = _read_vector(
        path, label=f"{label} layer 'edges'", layer="edges", member=member, assume_crs=assume_crs
    )
    problems = Problems(label)
    require_columns(nodes, ["node_id"], source=f"{label} layer 'nodes'", problems=problems)
    require_columns(
        edges, ["u", "v", "length_m"], source=f"{label} layer 'edges'", problems=problems
    )
    problems.raise_if_any()
    if nodes["node_id"].duplicated().any():
        problems.add("node ids occur more than once.")
    known = set(nodes["node_id"])
    dangling = ~(edges["u"].isin(known) & edges["v"].isin(known))
    if dangling.any():
        problems.add(f"{int(dangling.sum())} edges refer to nodes that do not exist.")
    _geo_checks(nodes, f"{label} layer 'nodes'", problems)
    problems.raise_if_any()
    nodes = nodes.set_index("node_id")
    edges, repaired, km = _repair_edge_lengths(nodes, edges, label=f"{label} layer 'edges'")
    if "maxspeed_kmh" in edges:
        speed = pd.to_numeric(edges["maxspeed_kmh"], errors="coerce").astype("Float64")
        odd = speed > 200
        if odd.any():
            log.info(
                "%s: %d maxspeed values above 200 km/h set to NA (parse artefacts)",
                label,
                int(odd.sum()),
            )
        edges["maxspeed_kmh"] = speed.mask(odd)
    return RoadGraphFrames(
        nodes=_to_working_crs(nodes, label),
        edges=_to_working_crs(edges, label),
        repaired_edges=repaired,
        repaired_km=km,
    )


def _repair_edge_lengths(
    nodes: gpd.GeoDataFrame, edges: gpd.GeoDataFrame, *, label: str
) -> tuple[gpd.GeoDataFrame, int, float]:
    """Check ``length_m`` against each edge's line and its end nodes; repair what is wrong.

    The shortest length an edge can have is the longer of its line geometry's length and the
    straight line between its end nodes (both in the file's projected CRS). A ``length_m``
    that is missing, negative, zero or shorter than that is replaced by it, with a
    :class:`~wijkanalyse.DataWarning` (see :func:`wijkanalyse._validate.check_edge_lengths`):
    a zero-length street would make every route across it too short.
    """
    if edges.crs is not None and edges.crs.is_geographic:
        raise CRSError(
            f"{label} is in a geographic CRS ({crs_label(edges.crs)}); edge lengths are checked "
            f"in metres. Reproject the file (e.g. to {settings.working_crs})."
        )
    length = pd.to_numeric(edges["length_m"], errors="coerce").to_numpy(float)
    geoms = edges.geometry.to_numpy()
    lines = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    lines &= np.isin(
        shapely.get_type_id(geoms),
        [shapely.GeometryType.LINESTRING, shapely.GeometryType.MULTILINESTRING],
    )
    by_line = np.where(lines, shapely.length(geoms), np.nan)
    xy = nodes.geometry
    x = xy.x.reindex(edges["u"]).to_numpy(float), xy.x.reindex(edges["v"]).to_numpy(float)
    y = xy.y.reindex(edges["u"]).to_numpy(float), xy.y.reindex(edges["v"]).to_numpy(float)
    chord = np.hypot(x[1] - x[0], y[1] - y[0])
    reference = np.fmax(by_line, chord)
    ids = [f"{u}->{v}" for u, v in zip(edges["u"], edges["v"], strict=True)]
    fixed, wrong = check_edge_lengths(length, reference, source=label, ids=ids)
    edges = edges.assign(length_m=fixed)
    return edges, int(wrong.sum()), float(fixed[wrong].sum()) / 1000
