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
    the municipality and Flanders as reference lines. ``None`` without ``[trends]`` or
    without any value for the wijk's panels.

    A unit is named by its level and code: a wijk's code can be that of a deelgemeente
    (Hasselt's 71022B) or of its municipality (Huldenberg, 24045).
    """
    units = b.run.table("trends_wijken")
    sectors = b.run.sectors
    mine = sectors[sectors["wijk"].astype(str) == str(code)]
    if units is None or mine.empty:
        return None
    lang = b.lang
    levels = units[units["kind"] == "level"]
    values = levels.assign(unit=levels["level"].astype(str) + ":" + levels["unit"].astype(str))
    gemeente = str(mine["gemeente"].mode().iloc[0])
    city_rows = levels[(levels["level"] == "gemeente") & (levels["unit"].astype(str) == gemeente)]
    city = str(city_rows["name"].iloc[0]) if len(city_rows) else gemeente
    refs = [
        (f"wijk:{code}", b.wijk_names.get(code, code)),
        (f"gemeente:{gemeente}", city),
        (f"gewest:{trends.FLANDERS_CODE}", _i18n.text("report_trend_flanders", lang)),
    ]
    panels: list[tuple[str, str, list[tuple[str, str]], bool]] = []
    shown = set(levels["series"])
    if "population" in shown:
        first = int(levels.loc[levels["series"] == "population", "year"].min())
        label = _label("population", lang)
        title = _i18n.text("report_trend_index", lang, label=label, year=first)
        panels.append(("population", title, refs, True))
    for series in ("elek_per_connection", "gas_per_connection"):
        if series in shown:
            title = _i18n.text("report_trend_unit", lang, label=_label(series, lang), unit="kWh")
            panels.append((series, title, refs, False))
    income_note = None
    if "income_mean" in shown:
        dg, dg_name, key, share = _deelgemeente(mine)
        title = _i18n.text("report_trend_unit", lang, label=_label("income_mean", lang), unit="€")
        panels.append(("income_mean", title, [(f"deelgemeente:{dg}", dg_name), *refs[1:]], False))
        income_note = _i18n.text(key, lang, name=dg_name, share=_i18n.fmt_pct(share, 0, lang))
    own = {line for _, _, lines, _ in panels for line in lines[:1]}
    if not values["unit"].isin({unit for unit, _ in own}).any():
        return None
    img = _img(charts.trend_chart(values, panels=panels, language=lang))
    return {
        "intro": _i18n.text(
            "report_trend_intro", lang, municipality=city, series=_covered(levels, panels, lang)
        ),
        "img": img,
        "population": _population_text(units[units["level"] == "wijk"], code, lang),
        "income_note": income_note,
        "what": _what(b, panels, lang),
    }


def _covered(levels: pd.DataFrame, panels: list[Any], lang: Language) -> str:
    """Return the series shown with their years: "inwoners 2001–2021, …"."""
    parts = []
    for series, *_ in panels:
        years = levels.loc[levels["series"] == series, "year"].dropna().astype(int)
        label = _i18n.series_label(series, lang)
        parts.append(f"{label} {years.min()}–{years.max()}")
    return ", ".join(parts)


#: The columns of ``trends_definitions.csv`` in each language: definition, caveat.
_COLUMNS: dict[str, tuple[str, str]] = {
    "nl": ("definition_nl", "caveat_nl"),
    "en": ("definition", "caveat"),
}


def _what(b: _Builder, panels: list[Any], lang: Language) -> list[dict[str, str]]:
    """Return the definition and caveat of each series shown, in the page's language."""
    defs = b.run.table("trends_definitions")
    if defs is None:
        return []
    d = defs.set_index("series")
    definition, caveat_col = _COLUMNS[lang]
    told: set[str] = set()
    what = []
    for series, *_ in panels:
        if series not in d.index:
            continue
        row = d.loc[series]
        caveat = str(row[caveat_col])
        what.append(
            {
                "label": _label(series, lang),
                "definition": str(row[definition]),
                # electricity and gas share their caveat: said once
                "caveat": "" if caveat in told else caveat,
            }
        )
        told.add(caveat)
    return what


def _label(series: str, lang: Language) -> str:
    text = _i18n.series_label(series, lang)
    return text[:1].upper() + text[1:]


def _deelgemeente(mine: pd.DataFrame) -> tuple[str, str, str, float]:
    """Return the deelgemeente where most of the wijk's residents live, and how to say so.

    Returns its code and name, the text key (the wijk lies in it; most residents live in
    it, with their share; or most of those whose count is published) and the share.
    """
    pop = pd.to_numeric(mine["pop_total"], errors="coerce")
    dg = mine["deelgemeente"].astype(str)
    per = pop.fillna(0).groupby(dg).sum()
    top = str(per.idxmax()) if per.sum() > 0 else str(dg.mode().iloc[0])
    name = str(mine.loc[dg == top, "deelgemeente_name"].iloc[0])
    if dg.nunique() == 1:
        return top, name, "report_trend_income_of", 1.0
    if pop.isna().any():  # a withheld count: the share is not known
        return top, name, "report_trend_income_most", float("nan")
    return top, name, "report_trend_income_share", float(per[top] / per.sum())


def _population_text(units: pd.DataFrame, code: str, lang: Language) -> str | None:
    """Return what a unit's population did (``units``: the rows of its level only)."""
    pop = units[(units["unit"].astype(str) == str(code)) & (units["series"] == "population")]
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
