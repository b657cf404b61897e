"""Readers of Statbel's files: sector layers, population, census and fiscal income.

Owns :func:`read_sectors` (every official form of the statistical-sector layer),
:func:`read_population` (``OPENDATA_SECTOREN``), :func:`read_census` (Census 2021) and
:func:`read_income` (``TF_PSNL_INC_TAX_SECTOR``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import Problems, as_nullable_int, listing, require_columns
from wijkanalyse.datasets import SourceLike, resolve_source
from wijkanalyse.io._tables import (
    SUPPRESSED,
    _clean_codes,
    _find,
    _finish_sector_table,
    _label,
    _memo,
    _norm,
    _open_table,
    _to_number,
    _vintage_hint,
    _year_in_name,
)
from wijkanalyse.io._vectors import _geo_checks, _read_vector, _to_working_crs

__all__ = [
    "read_census",
    "read_income",
    "read_population",
    "read_sectors",
]

log = logging.getLogger(__name__)


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
