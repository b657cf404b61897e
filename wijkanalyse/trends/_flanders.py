"""The Flemish Region's series: the reference line a wijk's trend is read against.

A wijk's population, energy use per connection and income are read next to its municipality
and Flanders (as the profile is, :func:`wijkanalyse.indicators.reference_indicators`). The
Flemish Region's values are sums over its sectors (deelgemeenten for income) in each year's
own vintage: a sum over a whole region needs no crosswalk.

A ratio (kWh per connection, income per return) is the ratio of the sums over the sectors
(deelgemeenten) that have both counts **in every year** of the series (``method="panel"``
when some have not): the same areas every year, so that a gap in the source moves no line.
For income the panel is fixed over the whole series, whichever years are shown.
:attr:`pandas.DataFrame.attrs` ``["coverage"]`` says how many of how many were summed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from wijkanalyse import vocab
from wijkanalyse._errors import DataError

#: The Flemish Region as a unit of the trend tables (its NIS code and name, as in the
#: reference rows of :func:`wijkanalyse.indicators.reference_indicators`).
FLANDERS_CODE, FLANDERS_NAME = "02000", "Vlaams Gewest"

#: The sums of a ratio run over the areas with a value in every year (see the module text).
PANEL = "panel"

_COLUMNS = ("unit", "name", "level", "series", "year", "value", "method", "na_reason")


def _flemish_prefixes(vintage: int) -> set[str]:
    """Return the municipality codes that begin the Flemish sector codes of ``vintage``.

    A sector code begins with the code its municipality had when the code was made: the
    2024 sectors of a municipality merged in 2019 still begin with its members' codes.
    """
    from wijkanalyse import areas

    h = areas.hierarchy(2024 if vintage >= 2019 else 2011)
    flemish = h[h["provincie"].isin(areas.FLEMISH_PROVINCES)]
    return set(flemish.index.str[:5]) | set(flemish["gemeente"].dropna().astype(str))


def _flemish(index: pd.Index, vintage: int) -> np.ndarray:
    """Which sector codes of ``vintage`` lie in the Flemish Region."""
    return np.asarray(index.str[:5].isin(_flemish_prefixes(vintage)), dtype=bool)


def flemish_population(years: Iterable[int] = (2001, 2011, 2021)) -> pd.DataFrame:
    """Return the population of the Flemish Region in each year (the sum of its sectors).

    The same sources as :func:`wijkanalyse.trends.population_series`, summed over every
    sector of a Flemish municipality (the residents without a known sector included).

    Examples
    --------
    >>> flemish_population([2021])["value"].astype(int).tolist()
    [6653062]
    """
    from wijkanalyse import io
    from wijkanalyse.trends._series import POPULATION_SOURCES

    rows = []
    for year in _years(years, POPULATION_SOURCES, "flemish_population"):
        dataset, vintage, _ = POPULATION_SOURCES[year]
        if vintage == 2024:
            counts = io.read_census(dataset)["pop_total"]
        else:
            counts = io.read_bimd_population(dataset)["pop_total"]
        inside = counts[_flemish(counts.index, vintage)]
        rows.append(_row("population", year, inside.sum(min_count=1), "exact"))
    out = pd.DataFrame(rows, columns=list(_COLUMNS))
    out.attrs["coverage"] = {}
    return out


def flemish_energy(years: Iterable[int] = (2018, 2019, 2020, 2021)) -> pd.DataFrame:
    """Return the Flemish Region's residential electricity and gas use per connection.

    Series ``elek_per_connection`` and ``gas_per_connection`` (kWh): the summed use over the
    summed connections of the sectors with both counts in every year (see the module text).
    """
    from wijkanalyse import io

    wanted = sorted(set(years))
    if not wanted:
        raise DataError("flemish_energy: no year given.")
    frames = {y: io.read_energy(year=y) for y in wanted}
    rows, coverage = [], {}
    for carrier in ("elek", "gas"):
        use, count = f"{carrier}_res_kwh", f"{carrier}_res_n"
        # the sectors of any year; a sector absent from a year has no value in it
        every = pd.Index(
            sorted(set().union(*(f.index[_flemish(f.index, 2019)] for f in frames.values())))
        )
        known = pd.Series(True, index=every)
        for raw in frames.values():
            ok = raw[use].notna() & raw[count].notna()
            known &= ok.reindex(every, fill_value=False).to_numpy(bool)
        panel = known.index[known.to_numpy(bool)]
        method = "exact" if len(panel) == len(known) else PANEL
        series = f"{carrier}_per_connection"
        coverage[series] = (len(panel), len(known))
        for year, raw in frames.items():
            sel = raw.reindex(panel)
            n = sel[count].sum(min_count=1)
            value = sel[use].sum(min_count=1) / n if pd.notna(n) and n > 0 else pd.NA
            rows.append(_row(series, year, value, method))
    out = pd.DataFrame(rows, columns=list(_COLUMNS))
    out.attrs["coverage"] = coverage
    return out


def flemish_income(years: Iterable[int] | None = None) -> pd.DataFrame:
    """Return the Flemish Region's mean net taxable income per tax return, by year.

    Series ``income_mean`` (€ per return, euros of each year): the summed income over the
    summed returns of the Flemish deelgemeenten with both in every year of the whole series
    (2005–2019), whichever ``years`` are asked for: one panel, so that the line of any
    choice of years is the one :func:`wijkanalyse.trends.income_checks` checks against
    Statbel's complete municipal table (the source withholds some deelgemeenten's totals,
    more in later years: 44 in 2005, 376 in 2019).
    """
    from wijkanalyse import io

    raw = io.read_income_deelgemeenten()
    # a deelgemeente's code begins with its municipality's code of before the 2019 mergers
    raw = raw[raw["deelgemeente"].astype(str).str[:5].isin(_flemish_prefixes(2024))]
    wanted = sorted(set(raw["year"])) if years is None else sorted(set(years))
    missing = sorted(set(wanted) - set(raw["year"]))
    if missing:
        raise DataError(
            f"flemish_income: no income for {missing}; the series covers "
            f"{int(raw['year'].min())}-{int(raw['year'].max())}."
        )
    ok = raw["returns"].notna() & raw["income_total"].notna() & (raw["returns"] > 0)
    per_area = ok.groupby(raw["deelgemeente"]).agg(["all", "size"])
    n_years = raw["year"].nunique()
    panel = per_area.index[(per_area["all"] & (per_area["size"] == n_years)).to_numpy()]
    raw = raw[raw["year"].isin(wanted)]
    method = "exact" if len(panel) == len(per_area) else PANEL
    sel = raw[raw["deelgemeente"].isin(panel)].groupby("year")[["returns", "income_total"]].sum()
    mean = sel["income_total"] / sel["returns"]
    rows = [_row("income_mean", int(y), mean.get(y), method) for y in wanted]
    out = pd.DataFrame(rows, columns=list(_COLUMNS))
    out.attrs["coverage"] = {"income_mean": (len(panel), len(per_area))}
    return out


def flemish_series(
    *,
    population: Sequence[int] = (),
    energy: Sequence[int] = (),
    income: Sequence[int] = (),
) -> pd.DataFrame:
    """Return the Flemish Region's series of the given years, one long table.

    The rows of :func:`flemish_population`, :func:`flemish_energy` and
    :func:`flemish_income` (an empty list leaves a series out); ``attrs["coverage"]``:
    ``{series: (areas summed, areas)}`` for the ratios.
    """
    parts = []
    if population:
        parts.append(flemish_population(population))
    if energy:
        parts.append(flemish_energy(energy))
    if income:
        parts.append(flemish_income(income))
    if not parts:
        return pd.DataFrame(columns=list(_COLUMNS))
    out = pd.concat(parts, ignore_index=True)
    out["value"] = out["value"].astype("Float64")
    out.attrs["coverage"] = {k: v for p in parts for k, v in p.attrs["coverage"].items()}
    return out


def _years(years: Iterable[int], known: Iterable[int], what: str) -> list[int]:
    wanted = sorted(set(years))
    at_hand = sorted(known)
    unknown = [y for y in wanted if y not in at_hand]
    if unknown:
        raise DataError(f"{what}: no source for {unknown}; the years at hand are {at_hand}.")
    return wanted


def _row(series: str, year: int, value: Any, method: str) -> dict[str, object]:
    known = value is not None and not pd.isna(value)
    return {
        "unit": FLANDERS_CODE,
        "name": FLANDERS_NAME,
        "level": "gewest",
        "series": series,
        "year": int(year),
        "value": float(value) if known else pd.NA,
        "method": method if known else None,
        "na_reason": None if known else vocab.ABSENT_FROM_SOURCE,
    }
