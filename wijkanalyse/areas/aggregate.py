"""The sectors frame, and the data joined to it and summed from it.

:func:`load_sectors` builds the canonical sectors frame of a municipality or region (the
hierarchy, geometry, population and income); :func:`join` adds sector-keyed data within one
vintage.

**Aggregation.** :func:`aggregate` sums counts from sectors to any grouping (wijk,
deelgemeente, custom areas) and preserves totals exactly; a group with a missing member is
NA unless you ask otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Literal

import geopandas as gpd
import pandas as pd

from wijkanalyse import io, settings
from wijkanalyse._errors import DataError, SchemaError, VintageError
from wijkanalyse._validate import check_nis5, listing
from wijkanalyse.areas.custom import CustomArea
from wijkanalyse.areas.regions import hierarchy, municipality
from wijkanalyse.areas.vintages import _is_pseudo, check_vintage, sector_codes
from wijkanalyse.datasets import SourceLike, dataset_of

__all__ = [
    "HIERARCHY_COLUMNS",
    "aggregate",
    "join",
    "load_sectors",
]

log = logging.getLogger(__name__)


#: The hierarchy columns of a sectors frame, in order.
HIERARCHY_COLUMNS: tuple[str, ...] = (
    "name",
    "wijk",
    "wijk_name",
    "deelgemeente",
    "deelgemeente_name",
    "gemeente",
    "gemeente_name",
)


# --------------------------------------------------------------------------- joins


def _vintage_of(frame: pd.DataFrame, what: str) -> int:
    if "vintage" not in frame:
        raise SchemaError(
            f"{what} has no 'vintage' column; set it (e.g. frame['vintage'] = 2024) "
            "or detect it with wijkanalyse.areas.detect_vintage(frame.index)."
        )
    vals = pd.unique(frame["vintage"].dropna())
    if len(vals) != 1:
        raise VintageError(
            f"{what} mixes sector vintages {listing(sorted(vals))}; split it by vintage first."
        )
    return int(vals[0])


def join(
    sectors: pd.DataFrame,
    table: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    complete: bool = False,
    what: str = "table",
) -> pd.DataFrame:
    """Add columns of a sector-keyed ``table`` to ``sectors``, within one vintage.

    Parameters
    ----------
    sectors
        Sectors frame (index = sector code, with ``vintage``).
    table
        Sector-keyed data (index = sector code, with ``vintage``), e.g. from
        :func:`wijkanalyse.io.read_census`.
    columns
        Columns to add (default: all but ``vintage``).
    complete
        True when ``table`` lists every sector with a non-zero count (a census): sectors
        absent from it get 0 in its count columns. Otherwise they get NA, and a
        ``*_na_reason`` column says ``"absent_from_source"``.

    Raises
    ------
    VintageError
        When the vintages differ: the message explains the crosswalk.
    """
    v_s, v_t = _vintage_of(sectors, "sectors"), _vintage_of(table, what)
    if v_s != v_t:
        raise VintageError(
            f"cannot join {what} of sector vintage {v_t} to sectors of vintage {v_s}: the codes "
            f"were redrawn (e.g. 2024 '24062A00-' became 2025 '24062A00K'), so a code-by-code "
            f"join would silently drop or misplace people. Use data and sectors of the same "
            f"vintage, or move the data with wijkanalyse.areas.crosswalk({v_t}, {v_s}) "
            "(exact only for unchanged sectors), or aggregate both to a shared level."
        )
    check_vintage(table.index, v_t, what=what)
    cols = [c for c in (columns or table.columns) if c != "vintage"]
    missing = [c for c in cols if c not in table]
    if missing:
        raise SchemaError(
            f"{what} has no column(s) {listing(missing)} (found: {listing(table.columns)})."
        )
    clash = [c for c in cols if c in sectors.columns]
    if clash:
        raise SchemaError(
            f"sectors already have column(s) {listing(clash)}; drop them first or "
            "pass columns=[...] without them."
        )
    out = sectors.copy()
    absent = ~out.index.isin(table.index)
    sub = table[cols].reindex(out.index)
    given_reasons = {c for c in cols if c.endswith("_na_reason")}
    for col in cols:
        if col in given_reasons:
            continue
        values = sub[col]
        measure = pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(
            values.dtype
        )
        if complete and measure:
            values = values.where(~absent, 0)
        out[col] = values
        reason_col = f"{col}_na_reason"
        if measure and not complete and (reason_col in given_reasons or absent.any()):
            reason = (
                sub[reason_col] if reason_col in given_reasons else pd.Series(None, index=out.index)
            ).astype("object")
            reason[absent] = io.ABSENT
            out[reason_col] = reason
    if absent.any():
        log.info(
            "%d of %d sectors are absent from %s (%s)",
            int(absent.sum()),
            len(out),
            what,
            "count 0: the table is complete" if complete else "NA",
        )
    return out


def load_sectors(
    gemeente: str | Sequence[str],
    *,
    vintage: int = 2024,
    geometry: SourceLike | None = "statbel_sector_centroids_2024",
    population: SourceLike | None = "statbel_census2021_age65",
    income: SourceLike | None = "statbel_income2021",
) -> gpd.GeoDataFrame:
    """Build the canonical sectors frame of one municipality from catalogue datasets or files.

    The frame holds every sector of the municipality in the ``vintage`` hierarchy
    (including the pseudo-sector of unlocated residents), its wijk, deelgemeente and
    gemeente with names, the geometry (sector polygons or centroids; NA for sectors without
    one), the population columns and the income columns.

    Parameters
    ----------
    gemeente
        NIS5 code of the municipality, or a sequence of codes for a region (e.g. every
        municipality of an arrondissement or of Flanders; see :data:`FLEMISH_PROVINCES`).
    vintage
        Sector vintage of every input.
    geometry, population, income
        Dataset ids or paths, or :class:`~wijkanalyse.datasets.Source` with reading options
        (``None`` leaves the part out). ``population`` is read with
        :func:`wijkanalyse.io.read_census` (or :func:`~wijkanalyse.io.read_population` for an
        ``OPENDATA_SECTOREN`` file), ``income`` with :func:`wijkanalyse.io.read_income`.
        Only the population *counts* (``pop_*``) are taken: the names, municipality codes
        and areas a population table may carry are left to the hierarchy. A population
        file is read as sector codes of ``vintage`` unless it is a catalogued one.
        A file that is a byte-identical copy of a catalogued file is read as that dataset
        (:func:`wijkanalyse.datasets.identify`): e.g. a copy of the census is complete, so
        its absent sectors count 0; any other population file leaves them NA.

    Examples
    --------
    >>> leuven = load_sectors("24062")
    >>> int(leuven["pop_total"].sum()), int(leuven["pop_65plus"].sum())
    (101032, 16872)
    """
    if isinstance(gemeente, str):
        muni = municipality(gemeente, vintage=vintage)
        if muni.note:
            log.info(muni.note)
        h = hierarchy(vintage).loc[list(muni.sectors)]
    else:
        wanted = [check_nis5(g, what="gemeente") for g in gemeente]
        full = hierarchy(vintage)
        unknown = sorted(set(wanted) - set(full["gemeente"]))
        if unknown:
            raise DataError(
                f"load_sectors: {listing(unknown)} are not municipalities of vintage {vintage}."
            )
        h = full[full["gemeente"].isin(wanted)]
    frame = h[[c for c in HIERARCHY_COLUMNS if c in h]].copy()
    frame["vintage"] = vintage
    if geometry is not None:
        geo = io.read_sectors(geometry, vintage=None if dataset_of(geometry) else vintage)
        _vintage_equal(geo, vintage, f"geometry {geometry!r}")
        check_vintage(geo.index, vintage, what=f"geometry {geometry!r}")
        gs = geo.geometry.reindex(frame.index)
        no_geom = [s for s in frame.index[gs.isna()] if not _is_pseudo(s)]
        if no_geom:
            log.info("sectors without geometry in %s: %s", geometry, listing(no_geom))
        sectors = gpd.GeoDataFrame(frame, geometry=gs.to_numpy(), crs=geo.crs)
        if "area_ha" in geo and geo["area_ha"].notna().any():
            sectors["area_ha"] = geo["area_ha"].reindex(frame.index)
    else:
        sectors = gpd.GeoDataFrame(frame, geometry=[None] * len(frame), crs=settings.working_crs)
    if population is not None:
        pop_ds = dataset_of(population)
        pop = _read_population_any(population, vintage=None if pop_ds else vintage)
        described = [c for c in pop.columns if c != "vintage" and not str(c).startswith("pop_")]
        if described:
            log.debug("population %r: columns %s left to the hierarchy", population, described)
            pop = pop.drop(columns=described)
        pop = _harmonise_pseudo(pop, vintage)
        sectors = join(
            sectors,
            pop,
            complete=bool(pop_ds and pop_ds.complete),
            what=f"population {population!r}",
        )
    if income is not None:
        inc = io.read_income(income)
        sectors = join(sectors, inc.drop(columns=["year"]), what=f"income {income!r}")
    return sectors


def _vintage_equal(frame: pd.DataFrame, vintage: int, what: str) -> None:
    v = _vintage_of(frame, what)
    if v != vintage:
        raise VintageError(
            f"{what} is of sector vintage {v}, but vintage {vintage} was asked; "
            "use inputs of one vintage (see wijkanalyse.areas.crosswalk)."
        )


def _read_population_any(source: SourceLike, *, vintage: int | None) -> pd.DataFrame:
    """Read a census table or else a population table; report the error of the layout it has.

    A table in the population layout (``CD_SECTOR``, ``TOTAL``) with a bad cell gets that
    cell's error, not the census reader's "lacks columns" (issue 18).
    """
    try:
        return io.read_census(source, vintage=vintage)
    except SchemaError as census_error:
        try:
            return io.read_population(source, vintage=vintage)
        except SchemaError as population_error:
            census_layout = " lacks column" not in str(census_error)
            population_layout = " lacks column" not in str(population_error)
            if population_layout and not census_layout:
                raise population_error from None
            raise census_error from None


def _harmonise_pseudo(table: pd.DataFrame, vintage: int) -> pd.DataFrame:
    """Re-key pseudo-sectors of municipalities merged in 2019 to their successor's code.

    Census 2021 still lists e.g. ``12030ZZZZ`` (Puurs, merged into Puurs-Sint-Amands 12041
    in 2019); the official 2019 → 2024 table maps it to ``12041ZZZZ``. Counts are summed.
    """
    if vintage != 2024:
        return table
    known = sector_codes(2024)
    odd = [c for c in table.index if _is_pseudo(c) and c not in known]
    if not odd:
        return table
    cw = io.read_sector_crosswalk().dropna()
    succ = dict(zip(cw["sector_2019"], cw["sector_2024"], strict=True))
    mapping = {c: succ[c] for c in odd if c in succ}
    if not mapping:
        return table
    counts = [
        c for c in table.columns if c != "vintage" and pd.api.types.is_integer_dtype(table[c].dtype)
    ]
    others = [c for c in table.columns if c not in counts and c != "vintage"]
    if others:
        log.info("pseudo-sectors %s not re-keyed: table has non-count columns", listing(mapping))
        return table
    renamed = table.rename(index=mapping)
    out = renamed[counts].groupby(level=0, sort=False).sum(min_count=1)
    out["vintage"] = vintage
    log.info(
        "re-keyed pseudo-sectors of merged municipalities: %s",
        listing(f"{a}→{b}" for a, b in mapping.items()),
    )
    return out


# --------------------------------------------------------------------------- aggregation


def aggregate(
    data: pd.DataFrame,
    by: str | pd.Series | Mapping[str, str] | Sequence[CustomArea],
    *,
    columns: Sequence[str] | None = None,
    na: Literal["propagate", "skip"] = "propagate",
) -> pd.DataFrame:
    """Sum sector counts to wijken, deelgemeenten, municipalities or custom areas.

    Parameters
    ----------
    data
        Sector-keyed frame (index = sector code).
    by
        A column of ``data`` (``"wijk"``, ``"deelgemeente"``, ``"gemeente"``), a mapping
        sector → group, or a sequence of :class:`CustomArea` (which may overlap).
    columns
        Count columns to sum. Default: every integer column except ``vintage``. Only counts
        are summed; rates must be recomputed from summed numerators and denominators.
    na
        ``"propagate"`` (default): a group with a missing count in a member is NA.
        ``"skip"``: sum the known values and report ``<column>_n_missing``.

    Returns
    -------
    pandas.DataFrame
        Indexed by group code, in order of first appearance, with the summed columns
        (Int64) and ``n_sectors``. For a partition (a column or mapping) the group totals
        add up exactly to the sector totals.

    Raises
    ------
    DataError
        Sectors without a group, or custom-area sectors absent from ``data``.
    """
    if isinstance(data, gpd.GeoDataFrame):
        data = pd.DataFrame(data.drop(columns=data.geometry.name))
    if columns is None:
        columns = [
            c
            for c in data.columns
            if c != "vintage"
            and pd.api.types.is_integer_dtype(data[c].dtype)
            and not pd.api.types.is_bool_dtype(data[c].dtype)
        ]
    missing = [c for c in columns if c not in data]
    if missing:
        raise SchemaError(
            f"aggregate: no column(s) {listing(missing)} (found: {listing(data.columns)})."
        )
    not_int = [c for c in columns if not pd.api.types.is_integer_dtype(data[c].dtype)]
    if not_int:
        raise SchemaError(
            f"aggregate sums counts only; {listing(not_int)} are not integer columns. Rates and "
            "medians cannot be summed: aggregate their numerators and denominators instead."
        )
    values = data[list(columns)].astype("Int64")

    if (
        isinstance(by, Sequence)
        and not isinstance(by, str)
        and all(isinstance(a, CustomArea) for a in by)
    ):
        rows = {}
        for area in by:
            absent = [s for s in area.sectors if s not in data.index]
            if absent:
                raise DataError(
                    f"custom area {area.name!r}: sectors {listing(absent)} are not in "
                    "the data (another vintage or municipality?)."
                )
            rows[area.name] = _sum_block(values.loc[list(area.sectors)], na)
        out = pd.DataFrame.from_dict(rows, orient="index")
        out.index.name = "area"
        return _finish_counts(out, columns, na)

    if isinstance(by, str):
        if by not in data:
            raise SchemaError(
                f"aggregate: no column {by!r} to group by (found: {listing(data.columns)})."
            )
        keys = data[by]
        name = by
    else:
        if isinstance(by, pd.Series):
            keys = by.reindex(data.index)
        elif isinstance(by, Mapping):
            keys = pd.Series(by).reindex(data.index)
        else:
            raise SchemaError(
                "aggregate: 'by' must be a column name, a mapping sector → group, a Series or a "
                f"list of CustomArea; got {type(by).__name__}."
            )
        name = getattr(by, "name", None) or "group"
    if keys.isna().any():
        raise DataError(
            f"aggregate: {int(keys.isna().sum())} sectors have no {name}: "
            f"{listing(data.index[keys.isna().to_numpy()])}. Assign them first."
        )
    keys = keys.astype(str)
    grouped = values.groupby(keys.to_numpy(), sort=False)
    if na == "propagate":
        sums = grouped.sum(min_count=1)
        has_na = values.isna().groupby(keys.to_numpy(), sort=False).any()
        sums = sums.mask(has_na)
        # an all-NA group sums to NA through min_count; a group of zeros stays 0
    else:
        sums = grouped.sum(min_count=0)
        for c in columns:
            sums[f"{c}_n_missing"] = values[c].isna().groupby(keys.to_numpy(), sort=False).sum()
    sums["n_sectors"] = grouped.size()
    sums.index.name = name
    return _finish_counts(sums, columns, na)


def _sum_block(block: pd.DataFrame, na: str) -> dict[str, object]:
    row: dict[str, object] = {}
    for c in block.columns:
        col = block[c]
        if na == "propagate":
            row[c] = pd.NA if col.isna().any() else int(col.sum())
        else:
            row[c] = int(col.sum(skipna=True))
            row[f"{c}_n_missing"] = int(col.isna().sum())
    row["n_sectors"] = len(block)
    return row


def _finish_counts(frame: pd.DataFrame, columns: Sequence[str], na: str) -> pd.DataFrame:
    for c in columns:
        frame[c] = frame[c].astype("Int64")
    frame["n_sectors"] = frame["n_sectors"].astype("int64")
    return frame
