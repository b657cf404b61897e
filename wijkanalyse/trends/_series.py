"""The series at hand: population 2001/2011/2021, BIMD 2001 → 2011, energy 2018–2021.

Each is read in its own vintage and brought to the 2024 sectors and their units (see
:mod:`wijkanalyse.trends`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import numpy as np
import pandas as pd

from wijkanalyse import vocab
from wijkanalyse._errors import DataError
from wijkanalyse.trends._moves import (
    UNIT_METHODS,
    Absent,
    Links,
    links_between,
    move_counts,
    unit_counts,
)
from wijkanalyse.trends._registry import get_series

_Frame = TypeVar("_Frame", pd.Series, pd.DataFrame)

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
    every year equals its source's: no municipal boundary was redrawn between 1977 and
    2024 (the 2019 mergers joined whole municipalities), and a source's rows are those
    linked to the municipality's 2024 sectors.

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
        links = links_between(vintage, 2024)
        counts = _own(_unlocated(counts, gemeente, h.index), gemeente, links, h.index)
        areas.check_vintage(counts.index, vintage, what=dataset)
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


def _own(values: _Frame, gemeente: str, links: Links, sectors: pd.Index) -> _Frame:
    """Return the rows of a source (indexed by sector code) that belong to a municipality.

    A sector code begins with the NIS code its municipality had when the code was made, so
    the sectors of a municipality merged in 2019 keep their old members' codes (Puurs-Sint-
    Amands, 12041: 12030…, 12034…): a row belongs to the municipality when its code begins
    with the municipality's code or links to one of its 2024 ``sectors``.
    """
    linked = links.links.loc[links.links["target"].isin(sectors), "source"]
    keep = values.index.str.startswith(str(gemeente)) | values.index.isin(linked)
    return values[keep]


def _unlocated(counts: pd.Series, gemeente: str, sectors: pd.Index) -> pd.Series:
    """Count the residents without a known place under the municipality's own pseudo-sector.

    The census keeps them under the code of the member municipality they were registered
    in (Puurs-Sint-Amands: 12030ZZZZ), the 2024 hierarchy under the merged municipality's
    (12041ZZZZ): they are the same residents.
    """
    own = f"{gemeente}{vocab.PSEUDO_SECTOR_SUFFIX}"
    members = set(sectors.str[:5]) - {str(gemeente)}
    old = counts.index.str.endswith(vocab.PSEUDO_SECTOR_SUFFIX) & counts.index.str[:5].isin(members)
    if own not in sectors or not old.any():
        return counts
    moved = counts[old]
    kept = counts[~old].copy()
    kept.loc[own] = kept.get(own, 0) + moved.sum(min_count=1)
    return kept


# --------------------------------------------------------------------------- BIMD 2001 → 2011

#: The BIMD's own warning about its changes (Otavova et al. 2023).
BIMD_CAVEAT = get_series("bimd_decile").caveat


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


# --------------------------------------------------------------------------- energy

_ENERGY = (("elek", "elek_res_kwh", "elek_res_n"), ("gas", "gas_res_kwh", "gas_res_n"))


def energy_series(
    gemeente: str, *, level: str = "wijk", years: Iterable[int] = (2018, 2019, 2020, 2021)
) -> pd.DataFrame:
    """Return residential electricity and gas use per connection per unit of 2024, by year.

    Fluvius' use and connection counts (2019 sector codes) are both additive: each is
    brought to the 2024 units along the official crosswalk (:func:`unit_counts`, exact: a
    2019 sector split in 2020 counts whole in a unit that holds all its parts), and the
    ratio is taken of the sums, so a large sector weighs as it should.

    Returns
    -------
    pandas.DataFrame
        One row per unit and year: ``unit``, ``name``, ``year``, ``elek_res_kwh``,
        ``elek_res_n``, ``elek_per_connection`` (kWh), the same for ``gas``, ``method`` and
        ``na_reason`` (of the least known of the four counts).
    """
    from wijkanalyse import areas, io

    if level not in _LEVELS[1:]:
        raise DataError(f"energy_series: level must be one of {_LEVELS[1:]}, got {level!r}.")
    h = areas.hierarchy(2024, gemeente=gemeente)
    unit_of = h[level].astype(str)
    names = h.groupby(level)[f"{level}_name"].first()
    links = links_between(2019, 2024)
    rank = {m: i for i, m in enumerate(UNIT_METHODS)}
    frames = []
    for year in years:
        raw = io.read_energy(year=year)
        raw = _own(raw, gemeente, links, h.index)
        areas.check_vintage(raw.index, 2019, what=f"Fluvius energy {year}")
        part = pd.DataFrame(index=pd.Index(sorted(unit_of.unique()), name="unit"))
        method = pd.Series("exact", index=part.index, dtype="object")
        reason = pd.Series(None, index=part.index, dtype="object")
        for carrier, use, count in _ENERGY:
            for col in (use, count):
                moved = unit_counts(raw[col], links, unit_of).reindex(part.index)
                part[col] = moved["value"]
                worse = moved["method"].map(rank).fillna(-1) > method.map(rank)
                method = method.where(~worse.to_numpy(bool), moved["method"])
                reason = reason.fillna(moved["na_reason"])
            with np.errstate(invalid="ignore", divide="ignore"):
                ratio = part[use] / part[count].where(part[count] > 0)
            part[f"{carrier}_per_connection"] = ratio.astype("Float64")
        part["method"] = method.where(reason.isna(), None)
        part["na_reason"] = reason
        part["name"] = names.reindex(part.index).to_numpy()
        frames.append(part.reset_index().assign(year=year))
    out = pd.concat(frames, ignore_index=True)
    first = ["unit", "name", "year"]
    return out[[*first, *[c for c in out.columns if c not in first]]]


# --------------------------------------------------------------------------- income

#: What an income change can say (the series' own caveats).
INCOME_CAVEAT = get_series("income_median").caveat


def income_series(gemeente: str, *, years: Iterable[int] | None = None) -> pd.DataFrame:
    """Return the fiscal income per deelgemeente of a municipality by year (2005–2019).

    The deelgemeenten are those of the 2024 hierarchy (their codes are the series' own), and
    the municipality as a whole (``unit`` = its NIS code): its ``income_mean`` is the total
    over the returns of its deelgemeenten, its ``income_median`` NA (a median cannot be
    added up). See :data:`INCOME_CAVEAT`.

    Returns
    -------
    pandas.DataFrame
        One row per unit and year: ``unit``, ``name``, ``level`` (``deelgemeente`` or
        ``gemeente``), ``year``, ``income_median``, ``income_mean`` (€ per return),
        ``returns``, ``income_total``, ``na_reason``.
    """
    from wijkanalyse import areas, io

    h = areas.hierarchy(2024, gemeente=gemeente)
    names = h.groupby("deelgemeente")["deelgemeente_name"].first()
    raw = io.read_income_deelgemeenten()
    raw = raw[raw["deelgemeente"].isin(names.index)]
    if years is not None:
        wanted = sorted(set(years))
        missing = sorted(set(wanted) - set(raw["year"]))
        if missing:
            raise DataError(
                f"income_series: no income for {missing}; the series covers "
                f"{int(raw['year'].min())}-{int(raw['year'].max())}."
            )
        raw = raw[raw["year"].isin(wanted)]
    if raw.empty:
        raise DataError(f"income_series: the series has no deelgemeente of {gemeente}.")
    dg = raw.rename(columns={"deelgemeente": "unit"}).assign(level="deelgemeente")
    dg["name"] = dg["unit"].map(names)
    dg["income_mean"] = (dg["income_total"] / dg["returns"].where(dg["returns"] > 0)).astype(
        "Float64"
    )
    dg["na_reason"] = dg.get("income_median_na_reason")
    by_year = dg.groupby("year")
    whole = pd.DataFrame(
        {
            "returns": by_year["returns"].sum(min_count=1),
            "income_total": by_year["income_total"].sum(min_count=1),
        }
    )
    # a deelgemeente without its counts leaves the municipality's sums unknown
    unknown = dg[["returns", "income_total"]].isna().any(axis=1).groupby(dg["year"]).any()
    whole.loc[unknown.reindex(whole.index).to_numpy(bool), :] = pd.NA
    whole["income_mean"] = (whole["income_total"] / whole["returns"]).astype("Float64")
    whole["income_median"] = pd.NA
    whole = whole.reset_index().assign(
        unit=str(gemeente), name=h["gemeente_name"].iloc[0], level="gemeente", na_reason=None
    )
    cols = [
        "unit",
        "name",
        "level",
        "year",
        "income_median",
        "income_mean",
        "returns",
        "income_total",
        "na_reason",
    ]
    out = pd.concat([dg[cols], whole[cols]], ignore_index=True)
    out["income_median"] = out["income_median"].astype("Float64")
    out["income_mean"] = out["income_mean"].astype("Float64")
    return out
