"""The ``[trends]`` step: the series of the study's municipalities, protected, and the signals.

For every municipality of the study it brings each series of ``[trends]`` to the 2024 sectors
and their units (:mod:`wijkanalyse.trends`), withholds what may not be published (the
population is a person count: :func:`wijkanalyse.trends.protect_counts`), adds the changes
between the years, and lists the early signals from what is published.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from wijkanalyse import _i18n, trends, validation, vocab
from wijkanalyse._i18n import Label, Note
from wijkanalyse.indicators.suppression import Ledger
from wijkanalyse.study.config import StudyConfig, TrendsSection

__all__ = ["TrendResults", "run_trends"]


@dataclass(frozen=True)
class TrendResults:
    """The published trend tables of a study.

    Attributes
    ----------
    sectors
        Per 2024 sector: levels and changes of the population and the BIMD deciles
        (``trends_sectors.csv``; columns :data:`wijkanalyse.trends.COLUMNS` and ``wijk``).
    units
        Per wijk, deelgemeente and municipality: population, energy use per connection,
        income (``trends_wijken.csv``).
    signals
        The early signals (``trends_signals.csv``).
    checks
        The series against an outside reference (``trends_checks.csv``, columns of
        :data:`wijkanalyse.validation.COLUMNS`; empty without income).
    datasets
        The catalogue datasets the series were read from.
    """

    sectors: pd.DataFrame = field(repr=False)
    units: pd.DataFrame = field(repr=False)
    signals: pd.DataFrame = field(repr=False)
    checks: pd.DataFrame = field(repr=False)
    datasets: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()


_POPULATION_LEVELS = ("wijk", "deelgemeente", "gemeente")


def run_trends(
    config: StudyConfig,
    municipalities: list[str],
    student: pd.Series | None = None,
    ledger: Ledger | None = None,
) -> TrendResults | None:
    """Compute the ``[trends]`` of the study's municipalities (``None`` without ``[trends]``).

    ``student``: per sector, the need index's student flag (the deprivation signals say how
    many of a wijk's fallen sectors are student sectors). ``ledger``: the study's own
    disclosure ledger; the year of the study's population source (the census 2021) is
    withheld exactly as it decided, so that the sectors layer and the trend tables together
    give away nothing either withholds.
    """
    section = config.trends
    if section is None:
        return None
    thr = config.indicators.suppression_threshold
    sectors, units, signals = [], [], []
    datasets: list[str] = []
    given: dict[int, tuple[Ledger, str]] = {}
    source = config.data.population.source
    if ledger is not None and "pop_total" in ledger.columns:
        given = {
            year: (ledger, "pop_total")
            for year in section.population
            if trends.POPULATION_SOURCES[year][0] == source
        }
    for code in municipalities:
        s, u, sig, used = _municipality(section, code, thr, student, given)
        sectors.append(s)
        units.append(u)
        signals.append(sig)
        datasets += used
    ref = trends.flemish_series(
        population=section.population, energy=section.energy, income=section.income
    )
    flanders, notes = _flanders(ref, thr)
    checks = validation.checks_table([])
    if section.income:
        checks = trends.income_checks(municipalities)
        datasets.append(trends.INCOME_REFERENCE)
    return TrendResults(
        sectors=pd.concat(sectors, ignore_index=True),
        units=pd.concat([*units, flanders], ignore_index=True),
        signals=pd.concat(signals, ignore_index=True),
        checks=checks,
        datasets=tuple(dict.fromkeys(datasets)),
        notes=(_i18n.note("trends_caveats"), *notes),
    )


def _flanders(ref: pd.DataFrame, thr: int) -> tuple[pd.DataFrame, list[Note]]:
    """Return the Flemish Region's series (every wijk's reference line) and their notes."""
    parts = [
        trends.with_changes(
            ref[ref["series"] == series],
            kind="count" if series == "population" else "rate",
            threshold=thr,
        )
        for series in pd.unique(ref["series"])
    ]
    notes = [
        _i18n.note(
            "trends_flanders_panel",
            series=Label("series", series),
            summed=summed,
            total=total,
            areas=_i18n.note(
                "trends_areas_deelgemeenten"
                if series.startswith("income")
                else "trends_areas_sectors"
            ),
        )
        for series, (summed, total) in ref.attrs.get("coverage", {}).items()
        if summed < total
    ]
    return (pd.concat(parts, ignore_index=True) if parts else _empty()), notes


def _municipality(
    section: TrendsSection,
    code: str,
    thr: int,
    student: pd.Series | None,
    given: dict[int, tuple[Ledger, str]],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, list[str]]:
    from wijkanalyse import areas

    h = areas.hierarchy(2024, gemeente=code)
    sector_parts: list[pd.DataFrame] = []
    unit_parts: list[pd.DataFrame] = []
    signals: list[pd.DataFrame] = []
    used: list[str] = []
    if section.population:
        years = section.population
        used += [trends.POPULATION_SOURCES[y][0] for y in years]
        sec = trends.population_series(code, level="sector", years=years)
        sec = sec.assign(level="sector", series="population")
        above = pd.concat(
            [
                trends.population_series(code, level=lv, years=years).assign(level=lv)
                for lv in _POPULATION_LEVELS
            ],
            ignore_index=True,
        ).assign(series="population")
        groups: dict[str, dict[Hashable, list[Any]]] = {
            lv: {u: list(m.index) for u, m in h.groupby(h[lv].astype(str))}
            for lv in _POPULATION_LEVELS
        }
        sec, above = trends.protect_counts(sec, above, groups, threshold=thr, given=given)
        sector_parts.append(trends.with_changes(sec, kind="count", threshold=thr))
        unit_parts.append(
            pd.concat(
                [
                    trends.with_changes(above[above["level"] == lv], kind="count", threshold=thr)
                    for lv in _POPULATION_LEVELS
                ],
                ignore_index=True,
            )
        )
        # residents without a known place are no wijk to signal
        wijken = above[(above["level"] == "wijk") & ~above["unit"].map(vocab.is_pseudo_wijk)]
        signals.append(trends.population_signals(wijken, top=10**6, threshold=thr))
    if section.bimd:
        used += [f"bimd{y}_sectors" for y in section.bimd]
        bimd = trends.bimd_changes(code)
        sector_parts.append(_bimd_rows(bimd, section.bimd))
        signals.append(trends.deprivation_signals(bimd, top=10**6, student=student))
    if section.energy:
        used.append("fluvius_energy_2018_2021")
        for lv in ("wijk", "gemeente"):
            energy = trends.energy_series(code, level=lv, years=section.energy)
            unit_parts.append(_energy_rows(energy, thr, lv))
    if section.income:
        used.append("pinc_income_deelgemeenten_2005_2019")
        income = trends.income_series(code, years=section.income)
        unit_parts.append(_income_rows(income, thr))
    wijk_of = h["wijk"].astype(str)
    sectors = pd.concat(sector_parts, ignore_index=True) if sector_parts else _empty()
    sectors.insert(1, "wijk", sectors["unit"].map(wijk_of))
    found = _signals(signals, section.signals, h).assign(gemeente=code)
    units = pd.concat(unit_parts, ignore_index=True) if unit_parts else _empty()
    return sectors, units, found, used


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(trends.COLUMNS))


def _bimd_rows(bimd: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Return the BIMD deciles of each year as levels, and their change, per sector."""
    rows = []
    for year in years:
        rows.append(
            pd.DataFrame(
                {
                    "unit": bimd.index,
                    "name": bimd["name"].to_numpy(),
                    "level": "sector",
                    "series": "bimd_decile",
                    "kind": "level",
                    "year": year,
                    "value": bimd[f"decile_{year}"].astype("Float64").to_numpy(),
                    "method": bimd[f"method_{year}"].to_numpy(),
                    "na_reason": bimd["na_reason"].where(bimd[f"decile_{year}"].isna()).to_numpy(),
                }
            )
        )
    change = pd.DataFrame(
        {
            "unit": bimd.index,
            "name": bimd["name"].to_numpy(),
            "level": "sector",
            "series": "bimd_decile",
            "kind": "change",
            "from_year": years[0],
            "to_year": years[-1],
            "change": bimd["decile_change"].astype("Float64").to_numpy(),
            "method": bimd["method_2001"].where(bimd["decile_change"].notna()).to_numpy(),
            "na_reason": bimd["na_reason"].to_numpy(),
        }
    )
    return _columns(pd.concat([*rows, change], ignore_index=True))


def _energy_rows(energy: pd.DataFrame, thr: int, level: str) -> pd.DataFrame:
    """Electricity and gas use per connection per unit (a rate: changes without a band)."""
    parts = []
    for carrier in ("elek", "gas"):
        small = energy[f"{carrier}_res_n"] < thr
        rows = pd.DataFrame(
            {
                "unit": energy["unit"],
                "name": energy["name"],
                "level": level,
                "series": f"{carrier}_per_connection",
                "year": energy["year"],
                "value": energy[f"{carrier}_per_connection"].mask(small.fillna(False)),
                "method": energy["method"],
                "na_reason": energy["na_reason"].mask(small.fillna(False), "small_denominator"),
            }
        )
        parts.append(trends.with_changes(rows, kind="rate", threshold=thr))
    return pd.concat(parts, ignore_index=True)


def _income_rows(income: pd.DataFrame, thr: int) -> pd.DataFrame:
    """Median and mean income per return per deelgemeente, the mean for the municipality.

    A median cannot be added up: the municipality (and Flanders) have the mean only, so the
    mean is what a deelgemeente is compared with.
    """
    parts = []
    for series, level in (
        ("income_median", "deelgemeente"),
        ("income_mean", "deelgemeente"),
        ("income_mean", "gemeente"),
    ):
        column = series
        sel = income[income["level"] == level]
        few = sel["returns"] < thr
        rows = pd.DataFrame(
            {
                "unit": sel["unit"],
                "name": sel["name"],
                "level": level,
                "series": series,
                "year": sel["year"],
                "value": sel[column].mask(few.fillna(False)),
                "method": "exact",
                "na_reason": sel["na_reason"].mask(few.fillna(False), "small_denominator"),
            }
        )
        parts.append(trends.with_changes(rows, kind="rate", threshold=thr))
    return pd.concat(parts, ignore_index=True)


def _columns(frame: pd.DataFrame) -> pd.DataFrame:
    for col in trends.COLUMNS:
        if col not in frame:
            frame[col] = pd.NA
    return frame[list(trends.COLUMNS)]


def _signals(found: list[pd.DataFrame], top: int, h: pd.DataFrame) -> pd.DataFrame:
    """Return the first ``top`` of each kind, with the wijk's name."""
    names = h.groupby(h["wijk"].astype(str))["wijk_name"].first()
    rows: list[dict[str, Any]] = []
    for frame in found:
        for _, r in frame.iterrows():
            if int(r["rank"]) > top:
                continue
            entry = {str(k): v for k, v in r.items()}
            rows.append({**entry, "name": names.get(str(r["unit"]), r.get("name"))})
    cols = ["kind", "unit", "name", "rank", "approximate"]
    out = pd.DataFrame(rows)
    if out.empty:
        return pd.DataFrame(columns=cols)
    rest = [c for c in out.columns if c not in cols]
    return out[[*cols, *rest]]
