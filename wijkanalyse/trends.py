"""Trends: the same count at several dates for the same units, across sector vintages.

Statbel redrew the statistical sectors in 2011, 2019/2020 and 2025, so a count of 2001 (2001
codes), of 2011 (2011 codes) and of 2021 (2024 codes) are counts of different areas until
they are brought to one vintage. This module brings them to the sectors of one vintage
(:func:`move_counts`) and adds them up to wijken, deelgemeenten or any grouping of those
sectors (:func:`unit_counts`), saying for every value how it got there; then it measures the
change between two dates with the band that noise in small counts would give
(:func:`changes`).

**How a count moves** (``method`` of each row), along :func:`wijkanalyse.areas.crosswalk`:

* ``same``: the sector is the same in both vintages (same or new code, exact link);
* ``merged``: several older sectors make up this sector (their counts add up, exact);
* ``by_code``: linked by code only, in a municipality whose sectors were redrawn between the
  two vintages (2001 → 2011: Statbel publishes no correspondence); the count is carried as
  it is, an approximation, because a neighbour may have taken part of the sector;
* ``split_allocated``: an older sector was split; its count is shared among the parts in
  proportion to ``weights`` (the user says which: e.g. the parts' later population);
* ``split_in_crosswalk``: the same without weights: the parts have no value of their own
  (NA), and a unit that holds all the parts gets the whole count (``exact``);
* ``new_sector``: no older sector links to it: it did not exist then (its residents were
  counted in a neighbour's code) or, where the older code list holds only the inhabited
  sectors (2001), it had nobody (NA: the two cannot be told apart).

A unit's value is the sum over the groups of linked sectors (the connected parts of the
crosswalk) that touch it: a group entirely inside the unit counts whole and exactly; a group
that straddles units is shared by ``weights`` (``allocated``) or leaves the unit without a
value (``split_in_crosswalk``). A unit's ``method`` is the least exact of its parts:
``exact``, ``by_code`` or ``allocated``. Vintages are never mixed silently: the source's
codes must all be of ``from_vintage`` (:func:`wijkanalyse.areas.check_vintage`).

**What a change can say.** A count of residents is not a sample, but a small count moves by
chance from year to year (births, deaths, a family that moves): two counts ``a`` and ``b``
differ by less than ``z·√(a + b)`` (the Poisson band of their difference) about 95 % of the
time when nothing but chance is at work. A change inside that band is ``significant =
False``: the report draws no arrow on it. A change smaller than the suppression threshold is
not published (``small_change``), and neither is a change of a withheld count.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from wijkanalyse import vocab
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import listing

__all__ = [
    "METHODS",
    "UNIT_METHODS",
    "Links",
    "changes",
    "links_between",
    "move_counts",
    "poisson_band",
    "unit_counts",
]

#: How a sector's count moved between vintages (see the module docstring).
METHODS = ("same", "merged", "by_code", "split_allocated", "split_in_crosswalk", "new_sector")
Absent = Literal["na", "zero"]

#: How a unit's count was made, from most to least exact (a unit without value: NA).
UNIT_METHODS = ("exact", "by_code", "allocated")


@dataclass(frozen=True)
class Links:
    """The links between the sectors of two vintages that a count moves along.

    Attributes
    ----------
    links
        One row per link: ``source`` (older code), ``target`` (newer code) and ``exact``
        (``False`` for a link by code across a redrawing).
    from_vintage, to_vintage
        The two vintages.
    """

    links: pd.DataFrame
    from_vintage: int
    to_vintage: int


def links_between(from_vintage: int, to_vintage: int = 2024) -> Links:
    """Return the crosswalk's links between two vintages, as counts move along them."""
    from wijkanalyse import areas

    cw = areas.crosswalk(from_vintage, to_vintage)
    src, tgt = f"sector_{from_vintage}", f"sector_{to_vintage}"
    if from_vintage == to_vintage:
        frame = pd.DataFrame({"source": cw[src], "target": cw[src], "exact": True})
    else:
        cw = cw[cw["relation"] != "unmatched"].dropna(subset=[src, tgt])
        frame = pd.DataFrame(
            {
                "source": cw[src].astype(str).to_numpy(),
                "target": cw[tgt].astype(str).to_numpy(),
                "exact": cw["exact"].astype(bool).to_numpy(),
            }
        )
    return Links(frame.drop_duplicates(["source", "target"]), from_vintage, to_vintage)


def _groups(links: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Label the connected groups of linked sectors: (group of each source, of each target)."""
    sources = pd.Index(sorted(set(links["source"])))
    targets = pd.Index(sorted(set(links["target"])))
    n = len(sources) + len(targets)
    rows = sources.get_indexer(links["source"])
    cols = targets.get_indexer(links["target"]) + len(sources)
    graph = coo_matrix((np.ones(len(links)), (rows, cols)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    return (
        pd.Series(label[: len(sources)], index=sources),
        pd.Series(label[len(sources) :], index=targets),
    )


def _check_counts(values: pd.Series, what: str) -> pd.Series:
    if not values.index.is_unique:
        dup = values.index[values.index.duplicated()].unique()
        raise DataError(f"{what}: sector codes listed twice ({listing(list(dup))}).")
    v = pd.to_numeric(values, errors="coerce").astype("Float64")
    bad = values.index[v.isna().to_numpy() & values.notna().to_numpy()]
    if len(bad):
        raise SchemaError(f"{what}: values that are not numbers for sectors {listing(list(bad))}.")
    neg = v.index[(v < 0).fillna(False).to_numpy(bool)]
    if len(neg):
        raise DataError(f"{what}: negative counts for sectors {listing(list(neg))}.")
    return v


def _around(links: pd.DataFrame, sources: set[str], targets: set[str]) -> pd.DataFrame:
    """Return the links of every group of linked sectors that holds one of the given."""
    while True:
        sel = links[links["source"].isin(sources) | links["target"].isin(targets)]
        more_s, more_t = set(sel["source"]) - sources, set(sel["target"]) - targets
        if not more_s and not more_t:
            return sel
        sources |= more_s
        targets |= more_t


def _prepare(
    values: pd.Series, links: Links, targets: Iterable[str], absent: Absent
) -> tuple[pd.Series, pd.DataFrame]:
    """Check the counts; return them and the links of the groups of linked sectors concerned.

    The counts are returned for every older sector of those groups: a sector the source
    does not list is NA, or 0 with ``absent="zero"``.
    """
    v = _check_counts(values, f"counts of {links.from_vintage}")
    if absent not in ("na", "zero"):
        raise DataError(f"absent must be 'na' or 'zero', got {absent!r}.")
    lost = sorted(set(v.dropna().index[v.dropna() > 0]) - set(links.links["source"]))
    if lost:
        which = f"sector {lost[0]} has" if len(lost) == 1 else f"{len(lost)} sectors have"
        raise DataError(
            f"counts of {links.from_vintage}: {which} no {links.to_vintage} successor "
            f"({listing(lost)}): are they codes of {links.from_vintage}? Check the codes "
            "with wijkanalyse.areas.detect_vintage() and pass the counts with their own "
            "vintage's links."
        )
    lk = _around(links.links, set(v.index), set(targets))
    full = v.reindex(sorted(set(lk["source"])))
    if absent == "zero":
        full = full.fillna(0).where(~full.index.isin(v.index[v.isna()]), pd.NA)
    return full.astype("Float64"), lk


def move_counts(
    values: pd.Series,
    links: Links,
    *,
    targets: pd.Index | None = None,
    weights: pd.Series | None = None,
    absent: Absent = "na",
) -> pd.DataFrame:
    """Move additive counts (persons, households) from older sectors to newer sectors.

    Parameters
    ----------
    values
        Counts indexed by the sector codes of ``links.from_vintage`` (NA: unknown).
    links
        The links to move along (:func:`links_between`).
    targets
        The newer sectors to return (default: every sector a value reaches).
    weights
        Per newer sector, what a split sector's count is shared by (e.g. the parts' later
        population); without it a split sector's parts have no value.
    absent
        What an older sector the source does not list holds: unknown (``"na"``) or nobody
        (``"zero"``: for a source that lists only the sectors with residents, as the
        BIMD's population files do).

    Returns
    -------
    pandas.DataFrame
        Indexed by newer sector: ``value`` (Float64, NA where it cannot be known),
        ``method`` (see the module docstring), ``group`` (the connected group of linked
        sectors), ``na_reason``.
    """
    v, lk = _prepare(values, links, () if targets is None else targets, absent)
    g_src, g_tgt = _groups(lk) if len(lk) else (pd.Series(dtype=int), pd.Series(dtype=int))
    if targets is None:
        targets = pd.Index(sorted(g_tgt.index), name="sector")
    src_values = v.reindex(g_src.index)
    total = src_values.groupby(g_src.to_numpy()).sum(min_count=1)
    unknown = src_values.isna().groupby(g_src.to_numpy()).any()
    total = total.mask(unknown)
    n_src = g_src.groupby(g_src.to_numpy()).size()
    n_tgt = g_tgt.groupby(g_tgt.to_numpy()).size()
    inexact = ~lk.groupby(g_src.reindex(lk["source"]).to_numpy())["exact"].all()
    out = pd.DataFrame(index=targets)
    group = g_tgt.reindex(targets)
    out["group"] = group.astype("Int64")
    gv = group.to_numpy(dtype=float)
    has = ~np.isnan(gv)
    g = np.where(has, gv, -1).astype(int)
    value = pd.Series(pd.NA, index=targets, dtype="Float64")
    method = pd.Series(vocab.NEW_SECTOR, index=targets, dtype="object")
    one = has & (n_tgt.reindex(g).fillna(0).to_numpy() == 1)
    value[one] = total.reindex(g[one]).to_numpy()
    method[one] = np.where(
        inexact.reindex(g[one]).fillna(False).to_numpy(bool),
        "by_code",
        np.where(n_src.reindex(g[one]).to_numpy() > 1, "merged", "same"),
    )
    split = has & ~one
    method[split] = vocab.SPLIT_IN_CROSSWALK
    if weights is not None and split.any():
        share = _shares(g_tgt, _check_counts(weights, "weights"))
        part = pd.Series(
            share.reindex(targets[split]).to_numpy() * total.reindex(g[split]).to_numpy()
        ).astype("Float64")
        at = np.flatnonzero(split)[part.notna().to_numpy(bool)]
        value.iloc[at] = part.dropna().to_numpy(dtype=float)
        method.iloc[at] = "split_allocated"
    out["value"] = value
    out["method"] = method
    reason = pd.Series(None, index=targets, dtype="object")
    reason[value.isna().to_numpy()] = vocab.ABSENT_FROM_SOURCE
    reason[(method == vocab.SPLIT_IN_CROSSWALK).to_numpy()] = vocab.SPLIT_IN_CROSSWALK
    reason[(method == vocab.NEW_SECTOR).to_numpy()] = vocab.NEW_SECTOR
    out["na_reason"] = reason.where(value.isna(), None)
    return out


def _shares(g_tgt: pd.Series, weights: pd.Series) -> pd.Series:
    """Each newer sector's share of its group by ``weights`` (NA where the group's is 0)."""
    w = weights.reindex(g_tgt.index)
    by_group = w.groupby(g_tgt.to_numpy()).transform(lambda s: s.sum(min_count=1))
    unknown = w.isna().groupby(g_tgt.to_numpy()).transform("any")
    share = (w / by_group.replace(0, pd.NA)).mask(unknown.to_numpy(bool))
    return share.astype("Float64")


def unit_counts(
    values: pd.Series,
    links: Links,
    unit_of: pd.Series,
    *,
    weights: pd.Series | None = None,
    absent: Absent = "na",
) -> pd.DataFrame:
    """Add counts of older sectors up to units made of newer sectors (wijken, areas …).

    Parameters
    ----------
    values
        Counts indexed by the sector codes of ``links.from_vintage``.
    links
        The links to move along (:func:`links_between`).
    unit_of
        The unit of each newer sector (index: sector codes of ``links.to_vintage``).
    weights
        Per newer sector, what a group of linked sectors that straddles units is shared by;
        without it such a unit has no value (``split_in_crosswalk``).
    absent
        As in :func:`move_counts`.

    Returns
    -------
    pandas.DataFrame
        Indexed by unit: ``value`` (Float64), ``method`` (``exact``, ``by_code``,
        ``allocated``; NA where there is no value), ``na_reason``, and ``n_sectors`` (the
        older sectors counted).
    """
    v, lk = _prepare(values, links, unit_of.index, absent)
    g_src, g_tgt = _groups(lk)
    # a newer sector outside every unit is a unit of its own here: a group that reaches
    # outside is shared with it, never given whole to the units inside
    placed = unit_of.reindex(g_tgt.index).astype("object")
    placed = placed.where(placed.notna(), _OUTSIDE)
    src_values = v.reindex(g_src.index)
    total = src_values.groupby(g_src.to_numpy()).sum(min_count=1)
    total = total.mask(src_values.isna().groupby(g_src.to_numpy()).any())
    inexact = ~lk.groupby(g_src.reindex(lk["source"]).to_numpy())["exact"].all()
    n_src = g_src.groupby(g_src.to_numpy()).size()
    units_of_group = placed.groupby(g_tgt.to_numpy()).nunique()
    share = _shares(g_tgt, _check_counts(weights, "weights")) if weights is not None else None
    rank = {m: i for i, m in enumerate(UNIT_METHODS)}
    rows: dict[object, dict[str, object]] = {}
    for unit in pd.unique(unit_of.dropna()):
        rows[unit] = {"value": 0.0, "method": "exact", "na_reason": None, "n_sectors": 0}
    for group, members in g_tgt.groupby(g_tgt.to_numpy()):
        whole = total.get(group)
        for unit, part in members.groupby(placed.reindex(members.index).to_numpy()):
            if unit == _OUTSIDE:
                continue
            row = rows[unit]
            if row["na_reason"] is not None:
                continue
            how = "by_code" if bool(inexact.get(group, False)) else "exact"
            if pd.isna(whole):
                row.update(value=np.nan, na_reason=vocab.ABSENT_FROM_SOURCE)
                continue
            if units_of_group.get(group, 1) == 1:
                add = float(whole)
            elif share is None or share.reindex(part.index).isna().any():
                row.update(value=np.nan, na_reason=vocab.SPLIT_IN_CROSSWALK)
                continue
            else:
                add = float(whole) * float(share.reindex(part.index).sum())
                how = "allocated"
            row["value"] = float(row["value"]) + add  # type: ignore[arg-type]
            row["n_sectors"] = int(row["n_sectors"]) + int(n_src.get(group, 0))  # type: ignore[call-overload]
            if rank[how] > rank[str(row["method"])]:
                row["method"] = how
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = unit_of.name or "unit"
    out["value"] = out["value"].astype("Float64")
    out["method"] = out["method"].where(out["na_reason"].isna(), None)
    out["n_sectors"] = out["n_sectors"].astype("Int64")
    return out[["value", "method", "na_reason", "n_sectors"]]


_OUTSIDE = "\x00outside"  # not a unit name anyone writes


def poisson_band(before: float, after: float, z: float = 1.96) -> float:
    """Return the half-width of the band a change ``after - before`` stays inside by chance.

    Two counts of the same underlying rate differ by ``z·√(before + after)`` or less with
    the probability of ``z`` (1.96: about 95 %): the difference of two Poisson counts has
    the variance ``before + after``.
    """
    return float(z * np.sqrt(before + after))


def changes(
    series: pd.DataFrame,
    *,
    threshold: int = 5,
    z: float = 1.96,
    pairs: Mapping[str, tuple[int, int]] | None = None,
) -> pd.DataFrame:
    """Return the change of a count between dates, per unit, with its noise band.

    Parameters
    ----------
    series
        One row per unit, one column per year (int column names): the counts.
    threshold
        Counts and changes below it are not published (the run's suppression threshold).
    z
        The band's width in standard deviations (1.96: 95 %).
    pairs
        The periods to compare (default: every two consecutive years, and first to last).

    Returns
    -------
    pandas.DataFrame
        One row per unit and period: ``unit``, ``from_year``, ``to_year``, ``before``,
        ``after``, ``change``, ``change_rel`` (fraction), ``rate_annual`` (fraction per
        year, compounded), ``band`` (half-width), ``significant`` (boolean), ``na_reason``.
    """
    years = sorted(int(c) for c in series.columns)
    if len(years) < 2:
        raise DataError(f"changes: need at least two years, got {years}.")
    if pairs is None:
        steps = list(itertools.pairwise(years))
        if len(years) > 2:
            steps.append((years[0], years[-1]))
    else:
        steps = list(pairs.values())
    rows = []
    for a, b in steps:
        if b <= a:
            raise DataError(f"changes: period {a}–{b} does not move forward in time.")
        for unit, before, after in zip(series.index, series[a], series[b], strict=True):
            rows.append(_change(unit, a, b, before, after, threshold, z))
    out = pd.DataFrame(rows)
    for col in ("before", "after", "change", "change_rel", "rate_annual", "band"):
        out[col] = out[col].astype("Float64")
    out["significant"] = out["significant"].astype("boolean")
    return out


def _change(
    unit: object, a: int, b: int, before: Any, after: Any, threshold: int, z: float
) -> dict[str, object]:
    row: dict[str, object] = {
        "unit": unit,
        "from_year": a,
        "to_year": b,
        "before": np.nan,
        "after": np.nan,
        "change": np.nan,
        "change_rel": np.nan,
        "rate_annual": np.nan,
        "band": np.nan,
        "significant": pd.NA,
        "na_reason": None,
    }
    if pd.isna(before) or pd.isna(after):
        row["na_reason"] = vocab.ABSENT_FROM_SOURCE
        return row
    x, y = float(before), float(after)
    if 0 < x < threshold or 0 < y < threshold:
        row["na_reason"] = vocab.SMALL_COUNT
        return row
    row.update(before=x, after=y)
    d = y - x
    if abs(d) < threshold:
        row["na_reason"] = vocab.SMALL_CHANGE
        return row
    band = poisson_band(x, y, z)
    row.update(change=d, band=band, significant=bool(abs(d) > band))
    if x > 0:
        row["change_rel"] = d / x
        row["rate_annual"] = (y / x) ** (1.0 / (b - a)) - 1.0
    return row


# --------------------------------------------------------------------------- population

#: The population counts of each year: the catalogue dataset, the vintage of its sector
#: codes, and whether it lists only the inhabited sectors (a sector it leaves out had
#: nobody). 2001 and 2011: the populations the BIMD used (Statbel, 1 January); 2021: the
#: Census 2021 (1 January 2021), which has no row for an uninhabited sector either (Leuven:
#: 24062A17- Station and 24062C58- Dijledreef, also absent in 2011).
POPULATION_SOURCES: dict[int, tuple[str, int, bool]] = {
    2001: ("bimd_population_2001", 2001, True),
    2011: ("bimd_population_2011", 2011, True),
    2021: ("statbel_census2021_age65", 2024, True),
}

_LEVELS = ("sector", "wijk", "deelgemeente", "gemeente")


def population_series(
    gemeente: str,
    *,
    level: str = "wijk",
    years: Iterable[int] = (2001, 2011, 2021),
    weights: pd.Series | None = None,
) -> pd.DataFrame:
    """Return a municipality's population per unit of 2024 in several years.

    Each year's count is read in its own vintage (:data:`POPULATION_SOURCES`) and brought to
    the 2024 sectors and their units along the crosswalk (:func:`move_counts`,
    :func:`unit_counts`): the ``method`` of each row says how. The municipality's total of
    every year equals its source's (no municipal boundary changed between 1977 and 2019,
    and sector codes keep their municipality's NIS code).

    Parameters
    ----------
    gemeente
        The municipality's NIS code (2024), e.g. ``"24062"`` (Leuven).
    level
        ``sector`` (2024 sectors), ``wijk``, ``deelgemeente`` or ``gemeente``.
    years
        Years of :data:`POPULATION_SOURCES`.
    weights
        Per 2024 sector, what a split older sector is shared by (e.g. the 2021 population);
        without it, a unit that holds only part of a split sector has no value.

    Returns
    -------
    pandas.DataFrame
        One row per unit and year: ``unit``, ``name``, ``year``, ``vintage`` (of the source's
        codes), ``dataset``, ``value``, ``method``, ``na_reason`` and ``n_sectors`` (at the
        sector level, the older sectors are those of the row's group).

    Examples
    --------
    >>> pop = population_series("24062", level="gemeente")
    >>> pop.set_index("year")["value"].astype(int).to_dict()
    {2001: 88606, 2011: 96928, 2021: 101032}
    """
    from wijkanalyse import areas, io

    if level not in _LEVELS:
        raise DataError(f"population_series: level must be one of {_LEVELS}, got {level!r}.")
    unknown = sorted(set(years) - set(POPULATION_SOURCES))
    if unknown:
        raise DataError(
            f"population_series: no population source for {unknown}; "
            f"the years at hand are {sorted(POPULATION_SOURCES)}."
        )
    h = areas.hierarchy(2024, gemeente=gemeente)
    frames = []
    for year in years:
        dataset, vintage, inhabited_only = POPULATION_SOURCES[year]
        if vintage == 2024:
            counts = io.read_census(dataset)["pop_total"]
        else:
            counts = io.read_bimd_population(dataset)["pop_total"]
        # the municipality's own sectors: codes begin with its NIS code in every vintage
        counts = counts[counts.index.str.startswith(str(gemeente))]
        areas.check_vintage(counts.index, vintage, what=dataset)
        links = links_between(vintage, 2024)
        absent: Absent = "zero" if inhabited_only else "na"
        if level == "sector":
            moved = move_counts(counts, links, targets=h.index, weights=weights, absent=absent)
            part = moved.drop(columns=["group"])
            part["n_sectors"] = pd.array([pd.NA] * len(part), dtype="Int64")
            part["name"] = h["name"].reindex(moved.index).to_numpy()
        else:
            unit_of = h[level].astype(str)
            part = unit_counts(counts, links, unit_of, weights=weights, absent=absent)
            names = h.groupby(level)[f"{level}_name" if level != "gemeente" else "gemeente_name"]
            part["name"] = names.first().reindex(part.index).to_numpy()
        part.index.name = "unit"
        frames.append(part.reset_index().assign(year=year, vintage=vintage, dataset=dataset))
    out = pd.concat(frames, ignore_index=True)
    cols = ["unit", "name", "year", "vintage", "dataset", "value", "method", "na_reason"]
    return out[[*cols, "n_sectors"]]


# --------------------------------------------------------------------------- BIMD 2001 → 2011

#: The BIMD's own warning about its changes (Otavova et al. 2023).
BIMD_CAVEAT = (
    "The BIMD ranks sectors within one year: a change of rank or decile between 2001 and "
    "2011 says that a sector moved relative to the other sectors of Belgium, not that its "
    "deprivation grew or fell in absolute terms (Otavova et al. 2023)."
)


def bimd_changes(gemeente: str, *, domain: str = "") -> pd.DataFrame:
    """Return the BIMD 2001 and 2011 of a municipality's 2024 sectors, and their change.

    Both years are brought to the 2024 sectors as the need index brings them
    (:func:`wijkanalyse.indicators.inputs.bimd_2024`): a 2024 sector made of exactly one
    older sector carries its rank and decile; the parts of a split sector, and a sector
    merged from several, have none (a rank cannot be added up). See :data:`BIMD_CAVEAT`
    for what a change can say.

    Parameters
    ----------
    gemeente
        The municipality's NIS code (2024).
    domain
        ``""`` for the overall index, or a domain: ``income``, ``employment``,
        ``education``, ``housing``, ``health``, ``crime``.

    Returns
    -------
    pandas.DataFrame
        Indexed by 2024 sector: ``name``, ``wijk``, ``rank_2001``, ``rank_2011`` (1 = most
        deprived of Belgium), ``percentile_2001``, ``percentile_2011`` (rank over the number
        of ranked sectors: 2001 and 2011 rank different numbers), ``decile_2001``,
        ``decile_2011``, ``decile_change`` (2011 − 2001: negative is relatively more
        deprived), ``method_2001``, ``method_2011`` (``same``, ``by_code``) and
        ``na_reason``.
    """
    from wijkanalyse import areas
    from wijkanalyse.indicators.inputs import bimd_2024

    prefix = f"bimd_{domain}_" if domain else "bimd_"
    h = areas.hierarchy(2024, gemeente=gemeente)
    out = pd.DataFrame({"name": h["name"], "wijk": h["wijk"]}, index=h.index)
    reasons = pd.Series(None, index=h.index, dtype="object")
    for year in (2001, 2011):
        moved, _ = bimd_2024(f"bimd{year}_sectors", h.index)
        if f"{prefix}rank" not in moved:
            raise DataError(
                f"bimd_changes: the BIMD {year} has no {domain or 'overall'} rank "
                f"(domains: income, employment, education, housing, health, crime)."
            )
        rank = moved[f"{prefix}rank"].astype("Float64")
        n_ranked = moved.attrs.get("n_ranked") or _n_ranked(year)
        out[f"rank_{year}"] = rank.astype("Int64")
        out[f"percentile_{year}"] = rank / n_ranked
        out[f"decile_{year}"] = moved[f"{prefix}decile"].astype("Int64")
        method = pd.Series("same", index=h.index, dtype="object")
        method[h.index.isin(moved.attrs.get("approximate", []))] = "by_code"
        out[f"method_{year}"] = method.where(rank.notna().to_numpy(bool), None)
        why = moved.get(f"{prefix}score_na_reason")
        if why is not None:
            reasons = reasons.fillna(why.where(rank.isna(), None))
    out["decile_change"] = out["decile_2011"] - out["decile_2001"]
    missing = out["decile_change"].isna()
    out["na_reason"] = reasons.where(missing, None)
    out.loc[missing & out["na_reason"].isna(), "na_reason"] = vocab.ABSENT_FROM_SOURCE
    out.attrs["caveat"] = BIMD_CAVEAT
    return out


def _n_ranked(year: int) -> int:
    from wijkanalyse import io

    return int(io.read_bimd(f"bimd{year}_sectors").attrs["n_ranked"])
