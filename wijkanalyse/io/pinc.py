"""Readers of Provincies in Cijfers' files: sector tables, areas, upload tables.

Owns :func:`read_sector_table` (the sector → higher-levels tables of PinC, and Statbel's
2011 hierarchy in the same shape), :func:`read_sector_crosswalk` (2019 → 2024 codes),
:func:`read_area_names` and :func:`read_areas` (area polygons), and the upload tables:
:func:`read_pinc_upload` with :func:`read_energy` (Fluvius) and :func:`read_open_space`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import geopandas as gpd
import pandas as pd

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import (
    Problems,
    check_sector_codes,
    close_matches,
    listing,
    require_columns,
)
from wijkanalyse.datasets import SourceLike, resolve_source
from wijkanalyse.io._tables import (
    MISSING,
    SUPPRESSED,
    _clean_codes,
    _find,
    _finish_sector_table,
    _label,
    _memo,
    _norm,
    _open_table,
    _read_table,
    _to_number,
    _vintage_hint,
)
from wijkanalyse.io._vectors import _geo_checks, _read_vector, _to_working_crs

__all__ = [
    "read_area_names",
    "read_areas",
    "read_energy",
    "read_open_space",
    "read_pinc_upload",
    "read_sector_crosswalk",
    "read_sector_table",
]


#: Provincies in Cijfers' codes for missing values in upload files.
PINC_MISSING = {"-99999": MISSING, "-99996": MISSING, "-99997": SUPPRESSED}


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
    out = _measures(frame, cols, label, pd.Index(frame["geoitem"].to_numpy(), name="sector"))
    out["year"] = year
    out["vintage"] = vint
    return out


def _measures(
    frame: pd.DataFrame, cols: Sequence[str], label: str, index: pd.Index
) -> pd.DataFrame:
    """Return PinC measure columns as numbers, PinC's missing codes as NA with a reason."""
    out = pd.DataFrame(index=index)
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
