"""Indicator values per sector or unit (:func:`compute`): always a ratio of sums.

:func:`compute` sums the additive inputs (counts of persons, kWh, m², connections) of the
member sectors of each unit and then forms the indicator: rates are always a ratio of sums
(Σ numerator / Σ denominator), never a mean of rates. A sector median cannot be aggregated
exactly; the built-in income indicators above the sector level are a *population-weighted
median (or mean) of sector values* and carry a ``<id>_note`` that says so.

Every value that is NA carries a reason in ``<id>_suppressed_reason`` (see
:mod:`wijkanalyse.vocab`); counts of persons and rates with a small numerator or denominator
are withheld one by one (primary suppression).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely

from wijkanalyse import settings, vocab
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import check_same_crs, listing
from wijkanalyse.areas import CustomArea
from wijkanalyse.indicators.definitions import facility_indicators
from wijkanalyse.indicators.inputs import IndicatorInputs
from wijkanalyse.indicators.registry import (
    LEVELS,
    REGISTRY,
    Indicator,
    _min_denominator,
    get_indicator,
)

__all__ = [
    "compute",
]


_SMALL_COUNT = vocab.SMALL_COUNT

_SMALL_NUM = vocab.SMALL_NUMERATOR

_SMALL_DEN = vocab.SMALL_DENOMINATOR

_ZERO_DEN = vocab.ZERO_DENOMINATOR

_MEMBER_MISSING = vocab.MEMBER_MISSING

_SPLIT = vocab.SPLIT_ACROSS_UNITS

_NO_POLYGON = vocab.NO_POLYGON

_OUTSIDE = vocab.OUTSIDE_FACILITY_COVERAGE

_COVERAGE = vocab.INSUFFICIENT_COVERAGE


def _membership(
    index: pd.Index,
    by: str | pd.Series | Mapping[str, str] | Sequence[CustomArea] | None,
    data: pd.DataFrame,
) -> tuple[pd.Index, sp.csr_matrix, str]:
    """Return the units, the units × sectors 0/1 matrix and the default level name."""
    n = len(index)
    if by is None:
        return index, sp.identity(n, format="csr"), "sector"
    if (
        isinstance(by, Sequence)
        and not isinstance(by, str)
        and all(isinstance(a, CustomArea) for a in by)
    ):
        names = [a.name for a in by]
        dup = sorted({x for x in names if names.count(x) > 1})
        if dup:
            raise SchemaError(f"custom areas share the name(s) {listing(dup)}; rename them.")
        rows, cols = [], []
        for i, area in enumerate(by):
            pos = index.get_indexer(pd.Index(list(area.sectors)))
            absent = [s for s, p in zip(area.sectors, pos, strict=True) if p < 0]
            if absent:
                raise DataError(
                    f"custom area {area.name!r}: sectors {listing(absent)} are not in the "
                    "inputs (another vintage or municipality?)."
                )
            rows += [i] * len(pos)
            cols += list(pos)
        m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(by), n))
        return pd.Index(names, name="area"), m, "area"
    if isinstance(by, str):
        if by not in data:
            raise SchemaError(f"compute: no column {by!r} to group by (found: {listing(data)}).")
        keys = data[by]
        level = by
    elif isinstance(by, pd.Series):
        keys = by.reindex(index)
        level = str(by.name or "group")
    elif isinstance(by, Mapping):
        keys = pd.Series(by).reindex(index)
        level = "group"
    else:
        raise SchemaError(
            "compute: 'by' must be None (sectors), a column name, a mapping sector → unit, a "
            f"Series or a list of CustomArea; got {type(by).__name__}."
        )
    if keys.isna().any():
        raise DataError(
            f"compute: {int(keys.isna().sum())} sectors have no unit: "
            f"{listing(index[keys.isna().to_numpy()])}. Assign them first."
        )
    keys = keys.astype(str)
    units = pd.Index(pd.unique(keys.to_numpy()), name=level)
    m = sp.csr_matrix(
        (np.ones(n), (units.get_indexer(pd.Index(keys.to_numpy())), np.arange(n))),
        shape=(len(units), n),
    )
    return units, m, level


def _sum_inputs(
    inputs: IndicatorInputs, m: sp.csr_matrix, units: pd.Index, columns: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sum additive columns per unit; NA when a member is NA. Returns (values, reasons)."""
    frame = inputs.sectors
    vals = pd.DataFrame(index=units)
    reasons = pd.DataFrame(index=units, dtype="object")
    identity = m.shape[0] == m.shape[1] and (m != sp.identity(m.shape[0])).nnz == 0
    grouped = inputs.members.reindex(frame.index)
    in_group = grouped.notna().to_numpy()
    for col in columns:
        x = frame[col]
        isna = x.isna().to_numpy()
        reason_col = f"{col}_na_reason"
        src_reason = (
            frame[reason_col].astype("object")
            if reason_col in frame
            else pd.Series(None, index=frame.index, dtype="object")
        )
        if identity:
            v = x.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
            out = pd.Series(v, index=units)
            r = src_reason.where(x.isna(), None).to_numpy(dtype="object")
            r = np.where(isna & pd.isna(r), _MEMBER_MISSING, r)
            vals[col] = out
            reasons[col] = pd.Series(r, index=units).where(out.isna(), None)
            continue
        has_group = col in inputs.groups.columns and in_group.any()
        base_na = (isna & ~in_group) if has_group else isna
        v = np.where(isna, 0.0, x.astype("Float64").to_numpy(dtype="float64", na_value=0.0))
        total = m @ v
        n_na = m @ base_na.astype(float)
        reason = np.full(len(units), None, dtype=object)
        reason[n_na > 0] = _MEMBER_MISSING
        if has_group:
            gids = pd.Index(inputs.groups.index)
            gpos = gids.get_indexer(grouped[in_group].to_numpy())
            k = sp.csr_matrix(
                (np.ones(int(in_group.sum())), (np.flatnonzero(in_group), gpos)),
                shape=(len(frame), len(gids)),
            )
            overlap = (m @ k).toarray()
            size = inputs.members.value_counts().reindex(gids).fillna(0).to_numpy()
            full = overlap == size[None, :]
            partial = (overlap > 0) & ~full
            gv = inputs.groups[col].astype("Float64")
            g_na = gv.isna().to_numpy()
            total = total + full.astype(float) @ np.where(g_na, 0.0, gv.to_numpy(na_value=0.0))
            g_missing = (full & g_na[None, :]).any(axis=1)
            split = partial.any(axis=1)
            reason[g_missing & (reason == None)] = _MEMBER_MISSING  # noqa: E711
            reason[split] = _SPLIT
            n_na = n_na + g_missing + split
        out = pd.Series(np.where(n_na > 0, np.nan, total), index=units)
        vals[col] = out
        reasons[col] = pd.Series(reason, index=units).where(out.isna(), None)
    return vals, reasons


def _weighted(
    values: pd.Series,
    weights: pd.Series,
    m: sp.csr_matrix,
    units: pd.Index,
    how: Literal["median", "mean"],
    min_coverage: float,
) -> tuple[pd.Series, pd.Series]:
    """Weighted median/mean of sector values per unit, with a coverage rule."""
    v = values.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    w = weights.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    out = np.full(len(units), np.nan)
    reason = np.full(len(units), None, dtype=object)
    m = m.tocsr()
    for i in range(len(units)):
        idx = m.indices[m.indptr[i] : m.indptr[i + 1]]
        vi, wi = v[idx], w[idx]
        if np.isnan(wi).any():
            reason[i] = _MEMBER_MISSING
            continue
        total = wi.sum()
        ok = ~np.isnan(vi) & (wi > 0)
        if total <= 0 or not ok.any():
            reason[i] = _MEMBER_MISSING
            continue
        if wi[ok].sum() / total < min_coverage:
            reason[i] = _COVERAGE
            continue
        vi, wi = vi[ok], wi[ok]
        if how == "mean":
            out[i] = float(np.sum(vi * wi) / np.sum(wi))
        else:
            order = np.argsort(vi, kind="stable")
            cum = np.cumsum(wi[order])
            out[i] = float(vi[order][np.searchsorted(cum, cum[-1] / 2.0)])
    return pd.Series(out, index=units), pd.Series(reason, index=units)


def _geometric_inputs(
    units: pd.Index,
    polygons: gpd.GeoSeries | None,
    facilities: gpd.GeoDataFrame | None,
    facility_types: Sequence[str],
    facility_extent: Any,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    vals = pd.DataFrame(index=units)
    reasons = pd.DataFrame(index=units, dtype="object")
    if polygons is None:
        geoms = pd.Series([None] * len(units), index=units, dtype="object")
    else:
        geoms = polygons.reindex(units)
    has_poly = np.array(
        [g is not None and not g.is_empty and g.geom_type.endswith("Polygon") for g in geoms]
    )
    area = np.array([g.area if ok else np.nan for g, ok in zip(geoms, has_poly, strict=True)])
    vals["area_m2"] = area
    reasons["area_m2"] = [None if ok else _NO_POLYGON for ok in has_poly]
    for t in facility_types:
        col = f"n_{t}"
        counts = np.full(len(units), np.nan)
        reason = np.array([None if ok else _NO_POLYGON for ok in has_poly], dtype=object)
        if facilities is not None and has_poly.any():
            pts = facilities.geometry[(facilities["type"] == t).to_numpy()]
            poly_series = gpd.GeoSeries(
                [g if ok else None for g, ok in zip(geoms, has_poly, strict=True)],
                crs=facilities.crs,
            )
            if len(pts):
                tree_idx = pts.sindex.query(poly_series.to_numpy(), predicate="contains")
                c = np.bincount(tree_idx[0], minlength=len(units)).astype(float)
            else:
                c = np.zeros(len(units))
            counts = np.where(has_poly, c, np.nan)
            if facility_extent is not None:
                inside = np.array(
                    [
                        bool(ok and shapely.covered_by(g, facility_extent))
                        for g, ok in zip(geoms, has_poly, strict=True)
                    ]
                )
                outside = has_poly & ~inside
                counts[outside] = np.nan
                reason[outside] = _OUTSIDE
        vals[col] = counts
        reasons[col] = pd.Series(reason, index=units).where(np.isnan(counts), None)
    return vals, reasons


def compute(
    inputs: IndicatorInputs | pd.DataFrame,
    *,
    by: str | pd.Series | Mapping[str, str] | Sequence[CustomArea] | None = None,
    level: str | None = None,
    indicators: Sequence[str | Indicator] | None = None,
    polygons: gpd.GeoSeries | None = None,
    facilities: gpd.GeoDataFrame | None = None,
    facility_extent: Any = None,
    threshold: int | None = None,
    min_coverage: float = 0.9,
    names: pd.Series | None = None,
) -> pd.DataFrame:
    """Compute indicators per sector or per unit (wijk, deelgemeente, custom area, ...).

    Parameters
    ----------
    inputs
        :class:`IndicatorInputs` from :func:`sector_inputs`, or a plain sectors frame.
    by
        ``None`` for sectors; else a column of the sectors (``"wijk"``, ``"deelgemeente"``,
        ``"gemeente"``, ``"arrondissement"``), a mapping sector → unit, a Series, or a list
        of :class:`~wijkanalyse.areas.CustomArea` (which may overlap).
    level
        The level name (see :data:`LEVELS`); default from ``by``.
    indicators
        Ids or :class:`Indicator` objects. Default: every registered indicator whose inputs
        are present and that is valid at the level, plus the facility indicators of every
        facility type in ``facilities``.
    polygons
        Unit polygons (GeoSeries indexed like the units), for area-based and facility
        indicators. At the sector level the sectors' own polygons are used when present.
    facilities
        Facilities frame (``type`` and Point geometry), same CRS as ``polygons``.
    facility_extent
        The area the facility data cover (e.g. the municipality plus a buffer); units not
        inside it get NA (``outside_facility_coverage``) for facility indicators.
    threshold
        Small-number threshold; default :data:`wijkanalyse.settings.suppression_threshold`.
    min_coverage
        For the weighted (approximate) indicators: the share of the unit's weight whose
        sectors must have a value, else NA (``insufficient_coverage``).
    names
        Display names of the units (default: ``<by>_name`` of the sectors when present).

    Returns
    -------
    pandas.DataFrame
        Indexed by unit, with ``level``, ``name``, one column per indicator, and for each
        indicator with an NA a ``<id>_suppressed_reason`` column; ``<id>_note`` for values
        that are approximations. ``attrs["indicators"]`` holds the :class:`Indicator`
        objects.

    Examples
    --------
    >>> from wijkanalyse import areas
    >>> leuven = areas.load_sectors("24062", geometry=None)
    >>> w = compute(leuven, by="wijk", indicators=["pop_total", "share_65plus"])
    >>> int(w["pop_total"].sum())
    101032
    >>> round(float(w.loc["240621", "share_65plus"]), 1)  # Wijgmaal
    20.2
    """
    if isinstance(inputs, pd.DataFrame):
        inputs = IndicatorInputs(sectors=inputs)
    frame = inputs.sectors
    thr = settings.suppression_threshold if threshold is None else int(threshold)
    if thr < 0:
        raise SchemaError(f"threshold must be ≥ 0; got {thr}.")
    units, m, default_level = _membership(frame.index, by, frame)
    level = level or default_level
    if level not in LEVELS:
        raise SchemaError(f"level {level!r} is not one of {listing(LEVELS)}.")
    types = (
        sorted(facilities["type"].dropna().unique())
        if facilities is not None and len(facilities)
        else []
    )
    if polygons is not None and facilities is not None:
        check_same_crs(polygons, facilities, names=("polygons", "facilities"))
    if polygons is None and level == "sector" and isinstance(frame, gpd.GeoDataFrame):
        geoms = frame.geometry
        if (geoms.geom_type.isin(["Polygon", "MultiPolygon"])).any():
            polygons = geoms
    catalogue = {**REGISTRY, **{i.id: i for i in facility_indicators(types)}}
    geometric_cols = {"area_m2", *(f"n_{t}" for t in types)}
    if indicators is None:
        chosen = [
            ind
            for ind in catalogue.values()
            if level in ind.levels and _inputs_present(ind, frame, geometric_cols)
        ]
    else:
        chosen = []
        for item in indicators:
            ind = item if isinstance(item, Indicator) else catalogue.get(item)
            if ind is None:
                get_indicator(str(item))  # raises with close matches
                raise AssertionError("unreachable")
            if level not in ind.levels:
                raise SchemaError(
                    f"indicator {ind.id!r} is not valid at level {level!r} (valid: "
                    f"{listing(ind.levels)})."
                )
            if not _inputs_present(ind, frame, geometric_cols):
                need = list(
                    dict.fromkeys(
                        c
                        for c in (*ind.additive_inputs, ind.numerator)
                        if c and c not in frame and c not in geometric_cols
                    )
                )
                raise SchemaError(
                    f"indicator {ind.id!r} needs input column(s) {listing(need)}, which the "
                    "sectors lack. Build the inputs with wijkanalyse.indicators.sector_inputs "
                    "or add the columns."
                )
            chosen.append(ind)
    additive = sorted(
        {c for ind in chosen for c in ind.additive_inputs if c and c not in geometric_cols}
    )
    sums, sum_reasons = _sum_inputs(inputs, m, units, additive)
    geo_vals, geo_reasons = _geometric_inputs(units, polygons, facilities, types, facility_extent)
    for col in geo_vals:
        sums[col] = geo_vals[col]
        sum_reasons[col] = geo_reasons[col]

    out = pd.DataFrame(index=units)
    out["level"] = level
    if names is None:
        name_col = f"{by}_name" if isinstance(by, str) else None
        if level == "sector" and "name" in frame:
            names = frame["name"]
        elif isinstance(by, str) and name_col and name_col in frame:
            names = frame.groupby(by)[name_col].first()
        elif level == "area":
            names = pd.Series(units, index=units)
    out["name"] = names.reindex(units).to_numpy() if names is not None else None
    for ind in chosen:
        value, reason, note = _evaluate(
            ind, sums, sum_reasons, inputs, m, units, level, thr, min_coverage
        )
        out[ind.id] = value
        if reason.notna().any():
            out[f"{ind.id}_suppressed_reason"] = reason
        if note is not None:
            out[f"{ind.id}_note"] = note
    out.attrs["indicators"] = {ind.id: ind for ind in chosen}
    out.attrs["threshold"] = thr
    return out


def _inputs_present(ind: Indicator, frame: pd.DataFrame, geometric: set[str]) -> bool:
    cols = list(ind.additive_inputs)
    if ind.kind in ("weighted_median", "weighted_mean"):
        cols.append(str(ind.numerator))
    return all(c in frame or c in geometric for c in cols)


def _first_reason(*reasons: pd.Series) -> pd.Series:
    out = reasons[0].astype("object").copy()
    for r in reasons[1:]:
        out = out.where(out.notna(), r.astype("object"))
    return out


def _evaluate(
    ind: Indicator,
    sums: pd.DataFrame,
    reasons: pd.DataFrame,
    inputs: IndicatorInputs,
    m: sp.csr_matrix,
    units: pd.Index,
    level: str,
    thr: int,
    min_coverage: float,
) -> tuple[pd.Series, pd.Series, pd.Series | None]:
    note = None
    if ind.kind == "count":
        col = str(ind.numerator)
        value = sums[col].astype("float64")
        reason = reasons[col].astype("object")
        if ind.persons:
            small = value < thr
            reason = reason.where(~small, _SMALL_COUNT)
            value = value.mask(small)
        return _as_number(value, integer=True), reason.where(value.isna(), None), None
    if ind.kind == "ratio":
        num, den = sums[str(ind.numerator)], sums[str(ind.denominator)]
        reason = _first_reason(
            reasons[str(ind.numerator)].where(num.isna(), None),
            reasons[str(ind.denominator)].where(den.isna(), None),
        )
        note = None
        fallback = reason == _MEMBER_MISSING
        # the ratio over the members with data needs both parts per sector; a unit's area
        # (from its polygon) has no sector values, so e.g. a density stays NA
        per_sector = all(
            str(c) in inputs.sectors for c in (ind.numerator, ind.denominator, "pop_total")
        )
        if level != "sector" and fallback.any() and per_sector:
            num, den, reason, note = _complete_pairs(
                ind, inputs, m, units, num, den, reason, fallback, min_coverage
            )
        value = ind.scale * num / den.where(den != 0)
        reason = reason.where(~((den == 0) & reason.isna()), _ZERO_DEN)
        min_den = _min_denominator(ind, thr)
        if min_den is not None:
            small = (den < min_den) & (den != 0)
            reason = reason.where(~(small & reason.isna()), _SMALL_DEN)
        else:
            small = pd.Series(False, index=units)
        small_num = (num < thr) & ind.persons
        reason = reason.where(~(small_num & reason.isna()), _SMALL_NUM)
        value = value.mask(small | small_num | reason.notna())
        if note is not None:
            note = note.where(value.notna(), None)
        return _as_number(value), reason.where(value.isna(), None), note
    if ind.kind in ("weighted_median", "weighted_mean"):
        col = str(ind.numerator)
        frame = inputs.sectors
        if level == "sector":
            value = frame[col].reindex(units).astype("Float64").astype("float64")
            reason_col = f"{col}_na_reason"
            src = (
                frame[reason_col].reindex(units).astype("object")
                if reason_col in frame
                else pd.Series(None, index=units, dtype="object")
            )
            reason = src.where(value.isna(), None)
            reason = reason.where(~(value.isna() & reason.isna()), _MEMBER_MISSING)
            return _as_number(value), reason.where(value.isna(), None), None
        how: Literal["median", "mean"] = "median" if ind.kind == "weighted_median" else "mean"
        value, reason = _weighted(frame[col], frame[ind.weight], m, units, how, min_coverage)
        note = pd.Series(
            f"approximation: {ind.weight}-weighted {how} of sector values", index=units
        ).where(value.notna(), None)
        return _as_number(value), reason.where(value.isna(), None), note
    assert ind.func is not None
    missing_cols = [c for c in ind.inputs if c not in sums]
    if missing_cols:
        raise SchemaError(f"indicator {ind.id!r}: inputs {listing(missing_cols)} are missing.")
    try:
        value = pd.Series(ind.func(sums[list(ind.inputs)]), index=units).astype("float64")
    except Exception as exc:  # a user function: say which one failed
        raise DataError(f"indicator {ind.id!r}: its function failed: {exc}") from exc
    value = value.replace([np.inf, -np.inf], np.nan)
    reason = (
        _first_reason(*(reasons[c].where(sums[c].isna(), None) for c in ind.inputs))
        if ind.inputs
        else pd.Series(None, index=units, dtype="object")
    )
    if ind.denominator and ind.denominator in sums:
        den = sums[ind.denominator]
        reason = reason.where(~((den == 0) & reason.isna()), _ZERO_DEN)
        min_den = _min_denominator(ind, thr)
        if min_den is not None:
            small = (den < min_den) & (den != 0)
            reason = reason.where(~(small & reason.isna()), _SMALL_DEN)
    value = value.mask(reason.notna())
    reason = reason.where(~(value.isna() & reason.isna()), _MEMBER_MISSING)
    return _as_number(value), reason.where(value.isna(), None), None


def _complete_pairs(
    ind: Indicator,
    inputs: IndicatorInputs,
    m: sp.csr_matrix,
    units: pd.Index,
    num: pd.Series,
    den: pd.Series,
    reason: pd.Series,
    fallback: pd.Series,
    min_coverage: float,
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series | None]:
    """Ratio over the member sectors that have both numerator and denominator.

    Used where a member sector lacks data (e.g. Fluvius' missing cells), provided the
    sectors with data hold at least ``min_coverage`` of the unit's residents.
    """
    f = inputs.sectors
    nv = f[str(ind.numerator)].astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    dv = f[str(ind.denominator)].astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    pop = f["pop_total"].astype("Float64").to_numpy(dtype="float64", na_value=0.0)
    both = ~np.isnan(nv) & ~np.isnan(dv)
    n_c = m @ np.where(both, nv, 0.0)
    d_c = m @ np.where(both, dv, 0.0)
    total_pop = m @ pop
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = np.where(total_pop > 0, (m @ np.where(both, pop, 0.0)) / total_pop, 0.0)
    ok = fallback.to_numpy() & (cov >= min_coverage) & (d_c > 0)
    low = fallback.to_numpy() & ~ok
    if not ok.any():
        return num, den, reason.where(~low, _COVERAGE), None
    num = num.copy()
    den = den.copy()
    num[ok] = n_c[ok]
    den[ok] = d_c[ok]
    reason = reason.where(~ok, None).where(~low, _COVERAGE)
    note = pd.Series(None, index=units, dtype="object")
    note[ok] = [f"ratio over the member sectors with data ({c:.1%} of residents)" for c in cov[ok]]
    return num, den, reason, note


def _as_number(values: pd.Series, *, integer: bool = False) -> pd.Series:
    arr = values.astype("float64")
    if integer:
        return arr.round().astype("Int64")
    return arr.astype("Float64")
