"""The report's need-index sections: what the index measures, its flags, and "Toetsing".

Everything here is read back from the output folder (``index_*.csv``, ``validation.csv``,
``indicator_definitions.csv`` and the provenance record's ``index`` entry) and written in
the report's language only.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse.report._context import _Builder

#: one piece of a flag's evidence: ``<column> [<value>] <operator> <threshold>``
_TOKEN = re.compile(r"^(\w+)(?: ([-\d.]+))? (<=|>=|<|>) ([-\d.]+)$")

_DECILES = {"bimd_income_decile": "bimd_income", "bimd_employment_decile": "bimd_employment"}


def _label(b: _Builder, ind_id: str) -> str:
    if b.defs is not None and ind_id in b.defs.index:
        return str(b.defs.loc[ind_id, f"label_{b.lang}"])
    return ind_id


def flag_label(kind: str, lang: str) -> str:
    """Return the label of a flag kind (``student``, ``collective``, ``small``)."""
    return _i18n.text(f"report_flag_{kind}", lang)


def flag_labels(kinds: Any, lang: str) -> str:
    """Return the labels of a comma-separated list of flag kinds ('' when none)."""
    if not isinstance(kinds, str) or not kinds.strip():
        return ""
    return ", ".join(flag_label(k.strip(), lang) for k in kinds.split(","))


def _value(b: _Builder, column: str, text: str) -> str:
    x = float(text)
    if column.endswith("_decile"):
        return str(int(x))
    if column == "share_65plus":
        return _i18n.fmt_pct(x / 100, 1, b.lang)
    if abs(x) >= 100:
        return _i18n.fmt_int(round(x), b.lang)
    return _i18n.fmt_number(x, 1, b.lang)


def evidence_text(b: _Builder, evidence: Any) -> str:
    """Write a flag's evidence (``flag_evidence``) in the report's language."""
    if not isinstance(evidence, str) or not evidence.strip():
        return ""
    parts = []
    for token in evidence.split("; "):
        token = token.strip()
        if token == "no_bimd":
            parts.append(_i18n.text("report_flag_no_bimd", b.lang))
            continue
        if token == "pop_total NA":
            parts.append(_i18n.text("report_flag_pop_unknown", b.lang))
            continue
        m = _TOKEN.match(token)
        if m is None:  # a form this version does not know: shown as written
            parts.append(token)
            continue
        column, value, op, threshold = m.groups()
        name = (
            _i18n.text("report_bimd_decile", b.lang, domain=_label(b, _DECILES[column]))
            if column in _DECILES
            else _label(b, column)
        )
        op_text = {"<=": "≤", ">=": "≥"}.get(op, op)
        shown = f"{_value(b, column, value)} " if value is not None else ""
        parts.append(f"{name} {shown}{op_text} {_value(b, column, threshold)}")
    return "; ".join(parts)


def _years(b: _Builder, indicators: list[str]) -> str:
    """Return 'label (year)' for each indicator, from the datasets of its definition."""
    years = {d.get("id"): d.get("reference_year") for d in b.run.provenance.get("datasets", [])}
    out = []
    for ind_id in indicators:
        year = None
        if b.defs is not None and ind_id in b.defs.index:
            for src in str(b.defs.loc[ind_id, "source"]).split():
                if years.get(src):
                    year = years[src]
                    break
        label = _label(b, ind_id)
        out.append(f"{label} ({year})" if year else label)
    return _i18n.short_list(out, b.lang)


def index_about(b: _Builder) -> list[str]:
    """Return the paragraphs that say what the index measures and how sure its ranks are."""
    info = b.run.provenance.get("index")
    if not info:
        return []
    lang = b.lang
    name = b.map_value()[1]
    paras = [
        _i18n.text(
            "report_index_made_of", lang, name=name, indicators=_years(b, info["indicators"])
        )
    ]
    not_need = info.get("not_need") or {}
    if not not_need:
        paras[0] += " " + _i18n.text("report_index_measures_need", lang)
    if any(str(i).startswith("bimd") for i in info["indicators"]):
        paras[0] += " " + _i18n.text("report_index_years_bimd", lang)
    if not_need:
        paras.append(
            _i18n.text(
                "report_index_not_need",
                lang,
                indicators=_i18n.short_list([_label(b, i) for i in not_need], lang),
            )
        )
    thr = info.get("flag_thresholds", {})
    excluded = [flag_label(k, lang) for k in info.get("exclude", [])]
    paras.append(
        _i18n.text(
            "report_index_flags" if info.get("bimd_deciles") else "report_index_flags_no_bimd",
            lang,
            young=_i18n.fmt_pct(float(thr.get("young_share_65plus", 0)) / 100, 1, lang),
            ppc=_i18n.fmt_number(float(thr.get("collective_persons_per_connection", 0)), 1, lang),
            min=_i18n.fmt_int(int(thr.get("min_population", 0)), lang),
        )
        + (
            " " + _i18n.text("report_index_excluded", lang, kinds=_i18n.short_list(excluded, lang))
            if excluded
            else ""
        )
    )
    if info.get("choice_draws"):
        paras.append(
            _i18n.text("report_index_choice", lang, draws=_i18n.fmt_int(info["choice_draws"], lang))
        )
    if info.get("data_draws") and "redrawn" in info:
        redrawn = info.get("redrawn") or []
        fixed = info.get("fixed") or []
        paras.append(
            _i18n.text(
                "report_index_data",
                lang,
                draws=_i18n.fmt_int(info["data_draws"], lang),
                redrawn=_i18n.short_list([_label(b, i) for i in redrawn], lang)
                if redrawn
                else _i18n.text("none", lang),
                fixed=_i18n.short_list([_label(b, i) for i in fixed], lang)
                if fixed
                else _i18n.text("none", lang),
            )
        )
    if info.get("n_flanders"):
        paras.append(
            _i18n.text(
                "report_index_flanders", lang, n=_i18n.fmt_int(int(info["n_flanders"]), lang)
            )
        )
    return paras


def _interval(r: Any, prefix: str) -> str:
    lo, hi = r.get(f"{prefix}rank_p05"), r.get(f"{prefix}rank_p95")
    return f"{int(lo)}–{int(hi)}" if pd.notna(lo) and pd.notna(hi) else "–"


def index_columns(b: _Builder, r: Any) -> dict[str, str]:
    """Return a unit's intervals (choices, data) and flags for the index tables."""
    return {
        "choice": _interval(r, "choice_"),
        "data": _interval(r, "data_"),
        "flags": flag_labels(r.get("flags"), b.lang),
    }


_RESULTS = ("strong", "moderate", "weak")


def _result(code: Any, lang: str) -> str:
    code = str(code)
    if code.endswith("_negative"):
        return _i18n.text("report_check_negative", lang, band=_result(code[:-9], lang))
    return _i18n.text(f"report_check_{code}", lang)


def validation_section(b: _Builder) -> dict[str, Any] | None:
    """Return the rows of the "Toetsing" section, or ``None`` without a validation table."""
    val = b.run.table("validation")
    if val is None or val.empty:
        return None
    lang = b.lang
    level = {
        "wijk": _i18n.text("report_level_wijken", lang),
        "sector": _i18n.text("report_level_sectors", lang),
        "sector_flanders": _i18n.text("report_level_flanders", lang),
    }
    corr = []
    for _, r in val[val["check"] == "rank_correlation"].iterrows():
        has = pd.notna(r["value"])
        missing = str(r["result"]) == "no_reference"
        corr.append(
            {
                "level": level.get(str(r["level"]), str(r["level"])),
                "reference": "BIMD" if missing else _label(b, str(r["reference"])),
                "n": _i18n.fmt_int(int(r["n"]), lang) if pd.notna(r["n"]) else "–",
                "rho": _i18n.fmt_number(float(r["value"]), 2, lang) if has else "–",
                "ci": (
                    f"{_i18n.fmt_number(float(r['ci_low']), 2, lang)} – "
                    f"{_i18n.fmt_number(float(r['ci_high']), 2, lang)}"
                )
                if has and pd.notna(r["ci_low"])
                else "–",
                "independent": "–"
                if missing
                else _i18n.text(
                    "report_yes" if str(r["independent"]).lower() == "true" else "report_no",
                    lang,
                ),
                "result": _result(r["result"], lang),
            }
        )
    known = []
    for _, r in val[val["check"].isin(["known_high", "known_low"])].iterrows():
        known.append(
            {
                "group": _i18n.text(f"report_{r['check']}", lang),
                "name": r["name"] if pd.notna(r["name"]) else r["unit"],
                "level": level.get(str(r["level"]), str(r["level"])),
                "rank": f"{int(r['value'])}/{int(r['n'])}" if pd.notna(r["value"]) else "–",
                "result": _i18n.text(f"report_known_{r['result']}", lang),
            }
        )
    summary = [
        _i18n.text(
            "report_known_summary",
            lang,
            level=level.get(str(r["level"]), str(r["level"])),
            result=str(r["result"]),
        )
        for _, r in val[val["check"] == "known_groups"].iterrows()
    ]
    gaps = []
    for _, r in val[(val["check"] == "disagreement") & (val["level"] == "sector")].iterrows():
        detail = str(r["detail"]) if pd.notna(r["detail"]) else ""
        ranks = re.findall(r"rank (\d+)", detail)
        gaps.append(
            {
                "name": r["name"] if pd.notna(r["name"]) else r["unit"],
                "rank": ranks[0] if ranks else "–",
                "reference_rank": ranks[1] if len(ranks) > 1 else "–",
            }
        )
    flagged = []
    sectors = b.run.table("index_sectors")
    if sectors is not None and "flags" in sectors:
        n_ranked = int(sectors["rank"].notna().sum())
        for _, r in sectors[sectors["flags"].fillna("").astype(str).str.len() > 0].iterrows():
            flagged.append(
                {
                    "name": r["name"],
                    "flags": flag_labels(r["flags"], lang),
                    "rank": f"{int(r['rank'])}/{n_ranked}"
                    if pd.notna(r["rank"])
                    else _i18n.text("report_not_ranked", lang),
                    "evidence": evidence_text(b, r.get("flag_evidence")),
                }
            )
    return {
        "correlations": corr,
        "known": known,
        "known_summary": summary,
        "disagreements": gaps,
        "flagged": flagged,
    }
