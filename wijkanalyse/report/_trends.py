"""The city report's "Signalen": what grows or falls back fastest, with its evidence.

Read from ``trends_signals.csv`` and ``trends_wijken.csv`` (already protected by the
``[trends]`` step). A signal is a ranking, not a verdict: the section says what a change
can say (the chance band of a count; the BIMD compares within a year).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse.report._context import _Builder


def signals_section(b: _Builder) -> dict[str, Any] | None:
    """Return the "Signalen" section of the overview (``None`` without ``[trends]``)."""
    signals = b.run.table("trends_signals")
    units = b.run.table("trends_wijken")
    if signals is None or units is None:
        return None
    lang = b.lang
    city = units[
        (units["level"] == "gemeente")
        & (units["series"] == "population")
        & (units["kind"] == "level")
    ]
    population = [
        {"year": int(r["year"]), "value": _count(r["value"], lang)} for _, r in city.iterrows()
    ]
    growth = [_population_row(r, lang) for _, r in _kind(signals, "population_growth")]
    decline = [_population_row(r, lang) for _, r in _kind(signals, "population_decline")]
    deprivation = [
        {
            "rank": int(r["rank"]),
            "name": r["name"],
            "change": _i18n.fmt_number(r["mean_decile_change"], 1, lang),
            "fell": f"{int(r['n_fell'])}/{int(r['n_sectors'])}",
            "approximate": bool(r["approximate"]),
        }
        for _, r in _kind(signals, "relative_deprivation")
    ]
    return {
        "population": population,
        "growth": growth,
        "decline": decline,
        "deprivation": deprivation,
        "approximate": any(r["approximate"] for r in [*growth, *decline, *deprivation]),
    }


def _kind(signals: pd.DataFrame, kind: str) -> Any:
    return signals[signals["kind"] == kind].sort_values("rank").iterrows()


def _count(value: Any, lang: str) -> str:
    return _i18n.fmt_int(value, lang) if pd.notna(value) else _i18n.text("insufficient_data", lang)


def _population_row(r: pd.Series, lang: str) -> dict[str, Any]:
    return {
        "rank": int(r["rank"]),
        "name": r["name"],
        "period": f"{int(r['from_year'])}–{int(r['to_year'])}",
        "before": _count(r["before"], lang),
        "after": _count(r["after"], lang),
        "rate": _i18n.fmt_pct(r["rate_annual"], 1, lang),
        "band": "±" + _count(r["band"], lang),
        "approximate": bool(r["approximate"]),
    }
