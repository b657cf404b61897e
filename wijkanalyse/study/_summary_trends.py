"""The summary's trend lines: the municipality's population by year and the "Signalen"."""

from __future__ import annotations

import pandas as pd

from wijkanalyse import _i18n, trends
from wijkanalyse._i18n import Language
from wijkanalyse.study.trends import TrendResults


def trend_lines(res: TrendResults, lang: Language) -> list[str]:
    """Return the summary lines of ``[trends]`` (the population, then the signals)."""
    t = _i18n.text
    lines: list[str] = []
    units = res.units
    city = units[
        (units["level"] == "gemeente")
        & (units["series"] == "population")
        & (units["kind"] == "level")
    ]
    for (code, name), rows in city.groupby(["unit", "name"], sort=False):
        mine = res.signals[res.signals["gemeente"].astype(str) == str(code)]
        series = " · ".join(
            f"{int(r['year'])} {_i18n.fmt_count(r['value'], lang)}" for _, r in rows.iterrows()
        )
        lines.append("  " + t("trends_population", lang, name=name, series=series))
        lines.append("  " + t("trends_signals", lang, name=name))
        lines += _signal_lines(mine, lang)
    checked = trends.check_sentence(res.checks, lang)
    if checked:
        lines.append("  " + checked)
    for note in res.notes:
        lines.append(f"  {t('warning', lang)}: {note.render(lang)}")
    return lines


def _signal_lines(signals: pd.DataFrame, lang: Language) -> list[str]:
    t = _i18n.text
    out = []
    for kind in ("population_growth", "population_decline"):
        sel = signals[signals["kind"] == kind]
        items = [
            t(
                "trends_signal_population_item",
                lang,
                name=r["name"],
                before=_i18n.fmt_count(r["before"], lang),
                after=_i18n.fmt_count(r["after"], lang),
                start=int(r["from_year"]),
                end=int(r["to_year"]),
                rate=_i18n.fmt_pct(r["rate_annual"], 1, lang),
                band=_i18n.fmt_count(r["band"], lang),
            )
            for _, r in sel.iterrows()
        ]
        label = "trends_signal_growth" if kind == "population_growth" else "trends_signal_decline"
        joined = "; ".join(items) or t("trends_signal_none", lang)
        out.append("    " + t(label, lang, items=joined) + _approximate(sel, lang))
    sel = signals[signals["kind"] == "relative_deprivation"]
    items = [
        t(
            "trends_signal_deprivation_item",
            lang,
            name=r["name"],
            change=_i18n.fmt_number(r["mean_decile_change"], 1, lang),
            fell=int(r["n_fell"]),
            n=int(r["n_sectors"]),
            students=_students(r, lang),
        )
        for _, r in sel.iterrows()
    ]
    joined = "; ".join(items) or t("trends_signal_none", lang)
    out.append(
        "    " + t("trends_signal_deprivation", lang, items=joined) + _approximate(sel, lang)
    )
    return out


def _approximate(sel: pd.DataFrame, lang: Language) -> str:
    """Say once per line which of its units rest on counts carried by 2001 codes."""
    approx = sel[sel["approximate"].astype(bool)]
    if approx.empty:
        return ""
    if len(approx) == len(sel):
        return _i18n.text("trends_approximate_all", lang)
    return _i18n.text("trends_approximate_some", lang, names=", ".join(map(str, approx["name"])))


def _students(r: pd.Series, lang: Language) -> str:
    """Say how many of a wijk's fallen sectors the need index flags as student sectors."""
    n = r.get("n_fell_student")
    if n is None or pd.isna(n) or int(n) == 0:
        return ""
    if int(n) == 1:
        return _i18n.text("trends_signal_students_one", lang)
    return _i18n.text("trends_signal_students_many", lang, n=int(n))
