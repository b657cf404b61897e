"""The reports' trends: the city's "Signalen", and each wijk's "Evolutie".

Read from ``trends_signals.csv``, ``trends_wijken.csv`` and ``trends_definitions.csv``
(already protected by the ``[trends]`` step). A signal is a ranking, not a verdict: the
section says what a change can say (the chance band of a count; the BIMD compares within a
year).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from wijkanalyse import _i18n, charts, trends
from wijkanalyse._i18n import Language
from wijkanalyse.report._context import _Builder
from wijkanalyse.report._format import _img


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
            "student": None if pd.isna(r.get("n_fell_student")) else int(r["n_fell_student"]),
            "approximate": bool(r["approximate"]),
        }
        for _, r in _kind(signals, "relative_deprivation")
    ]
    return {
        "checks": trends.check_sentence(b.run.table("trends_checks"), lang),
        "population": population,
        "growth": growth,
        "decline": decline,
        "deprivation": deprivation,
        "approximate": any(r["approximate"] for r in [*growth, *decline, *deprivation]),
        "students": any(r["student"] is not None for r in deprivation),
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


# --------------------------------------------------------------------------- a wijk's page


def wijk_trend(b: _Builder, code: str) -> dict[str, Any] | None:
    """Return a wijk's "Evolutie": its trend chart and what its population did.

    The chart has a panel per series the run has (population as an index, energy use per
    connection, the income of the deelgemeente where most of its residents live), each with
    the municipality and Flanders as reference lines. ``None`` without ``[trends]``.
    """
    units = b.run.table("trends_wijken")
    if units is None:
        return None
    sectors = b.run.sectors
    lang = b.lang
    units = units.assign(unit=units["unit"].astype(str))
    levels = units[units["kind"] == "level"]
    mine = sectors[sectors["wijk"].astype(str) == str(code)]
    if mine.empty or not (levels["unit"] == str(code)).any():
        return None
    gemeente = str(mine["gemeente"].mode().iloc[0])
    city = (
        str(levels.loc[levels["unit"] == gemeente, "name"].iloc[0])
        if (levels["unit"] == gemeente).any()
        else gemeente
    )
    flanders = (trends.FLANDERS_CODE, _i18n.text("report_trend_flanders", lang))
    name = b.wijk_names.get(code, code)
    refs = [(code, name), (gemeente, city), flanders]
    panels: list[tuple[str, str, list[tuple[str, str]], bool]] = []
    shown = set(levels["series"])
    if "population" in shown:
        first = int(levels.loc[levels["series"] == "population", "year"].min())
        label = _label("population", lang)
        panels.append(
            (
                "population",
                _i18n.text("report_trend_index", lang, label=label, year=first),
                refs,
                True,
            )
        )
    for series in ("elek_per_connection", "gas_per_connection"):
        if series in shown:
            title = _i18n.text("report_trend_unit", lang, label=_label(series, lang), unit="kWh")
            panels.append((series, title, refs, False))
    income_note = None
    if "income_mean" in shown:
        dg, dg_name, share = _deelgemeente(mine)
        title = _i18n.text("report_trend_unit", lang, label=_label("income_mean", lang), unit="€")
        panels.append(("income_mean", title, [(dg, dg_name), refs[1], flanders], False))
        key = "report_trend_income_share" if share < 0.995 else "report_trend_income_of"
        income_note = _i18n.text(key, lang, name=dg_name, share=_i18n.fmt_pct(share, 0, lang))
    if not panels:
        return None
    img = _img(charts.trend_chart(levels, panels=panels, language=lang))
    defs = b.run.table("trends_definitions")
    what = []
    if defs is not None:
        d = defs.set_index("series")
        suffix = "_nl" if lang == "nl" else ""
        told: set[str] = set()
        for series, *_ in panels:
            if series in d.index:
                row = d.loc[series]
                caveat = str(row[f"caveat{suffix}"])
                what.append(
                    {
                        "label": _label(series, lang),
                        "definition": str(row[f"definition{suffix}"]),
                        # electricity and gas share their caveat: said once
                        "caveat": "" if caveat in told else caveat,
                    }
                )
                told.add(caveat)
    return {
        "intro": _i18n.text("report_trend_intro", lang, municipality=city),
        "img": img,
        "population": _population_text(units, code, lang),
        "income_note": income_note,
        "what": what,
    }


def _label(series: str, lang: Language) -> str:
    text = _i18n.series_label(series, lang)
    return text[:1].upper() + text[1:]


def _deelgemeente(mine: pd.DataFrame) -> tuple[str, str, float]:
    """Return the deelgemeente where most of the wijk's residents live, and their share."""
    pop = pd.to_numeric(mine["pop_total"], errors="coerce").fillna(0)
    dg = mine["deelgemeente"].astype(str)
    per = pop.groupby(dg).sum()
    top = str(per.idxmax()) if per.sum() > 0 else str(dg.mode().iloc[0])
    name = str(mine.loc[dg == top, "deelgemeente_name"].iloc[0])
    share = float(per[top] / per.sum()) if per.sum() > 0 else 1.0
    return top, name, share


def _population_text(units: pd.DataFrame, code: str, lang: Language) -> str | None:
    pop = units[(units["unit"] == str(code)) & (units["series"] == "population")]
    lv = pop[pop["kind"] == "level"].sort_values("year")
    if lv.empty:
        return None
    approx = lv[lv["method"].astype(str) == "by_code"]
    levels = " · ".join(f"{int(r['year'])} {_count(r['value'], lang)}" for _, r in lv.iterrows())
    if len(approx):
        notes = "; ".join(
            _i18n.text("report_trend_approximate", lang, year=int(y)) for y in approx["year"]
        )
        levels += f" ({notes})"
    start, end = int(lv["year"].min()), int(lv["year"].max())
    whole = pop[(pop["kind"] == "change") & (pop["from_year"] == start) & (pop["to_year"] == end)]
    if whole.empty or pd.isna(whole["change"].iloc[0]):
        verdict = _i18n.text("report_trend_withheld", lang)
        return f"{levels}. {start}–{end}: {verdict}."
    r = whole.iloc[0]
    if bool(r["significant"]):
        verdict = _i18n.text(
            "report_trend_growth" if r["change"] > 0 else "report_trend_decline", lang
        )
    else:
        verdict = _i18n.text("report_trend_noise", lang)
    change = _i18n.fmt_int(r["change"], lang)
    return _i18n.text(
        "report_trend_population",
        lang,
        levels=levels,
        start=start,
        end=end,
        change=("+" if r["change"] > 0 else "") + change,
        rate=_i18n.fmt_pct(r["rate_annual"], 1, lang),
        band=_count(r["band"], lang),
        verdict=verdict,
    )
