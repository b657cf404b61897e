"""The report's pages and their sections, each section built by its own functions.

The sections are the profile (indicator table and chart), the need index (rank, interval,
rank chart), accessibility and gaps, and planning (plans, coverage curve, scenarios); the
pages are the city overview, a wijk and an area, each rendered from its template with the
sections it has.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from wijkanalyse import _i18n, charts
from wijkanalyse._i18n import Language
from wijkanalyse._texts import params as _params
from wijkanalyse.report import _need, _planning, _trends
from wijkanalyse.report._context import _Builder
from wijkanalyse.report._format import _cell, _img, _svg, _svg_uri

#: Past ``RANK_CHART_MAX`` ranked units the rank chart shows the ``RANK_CHART_TOP`` first.
RANK_CHART_MAX = 60
RANK_CHART_TOP = 40

#: Indicators drawn in the profile chart (rates; counts differ in size between wijken).
_PROFILE_CHART = (
    "share_65plus",
    "income_median",
    "income_mean",
    "elek_per_connection",
    "gas_per_connection",
    "persons_per_connection",
    "open_space_per_inhabitant",
    "open_space_share",
    "forest_grassland_share",
    "density",
)


# --------------------------------------------------------------------------- sections


def indicator_rows(b: _Builder, row: Any, refs: list[Any]) -> list[dict[str, Any]]:
    """Return the profile table's rows: every indicator for the unit and the references.

    Each caveat is a numbered note below the table (``caveat_nos``; ``new_notes`` on the
    first row that has a note): indicators that share a caveat (the BIMD domains) share its
    number, so the text is read, and laid out, once.
    """
    if b.defs is None:
        return []
    out = []
    numbers: dict[str, int] = {}
    for ind, d in b.defs.iterrows():
        unit = str(d.get("unit") if pd.notna(d.get("unit")) else "")
        label = str(d.get(f"label_{b.lang}") or ind)
        out.append(
            {
                "id": ind,
                "label": label,
                "unit": _i18n.pick(_params.UNITS[unit], b.lang) if unit in _params.UNITS else unit,
                "value": _cell(row, str(ind), unit, b.lang),
                "refs": [_cell(r, str(ind), unit, b.lang) for r in refs],
                "caveat": _caveat(d, b.lang),
            }
        )
    parts = _caveat_parts({str(r["caveat"]) for r in out if r["caveat"]})
    for r in out:
        nos: list[int] = []
        new: list[tuple[int, str]] = []
        for part in parts.get(str(r["caveat"]), []):
            if part not in numbers:
                numbers[part] = len(numbers) + 1
                new.append((numbers[part], part))
            nos.append(numbers[part])
        r["caveat_nos"], r["new_notes"] = nos, new
    return out


def _caveat_parts(caveats: set[str]) -> dict[str, list[str]]:
    """Split each caveat into the longest other caveat it begins with and the rest.

    The BIMD domains share a long caveat, and two of them add a sentence: the shared text
    becomes one note and each addition its own.
    """
    out = {}
    for c in caveats:
        base = max((o for o in caveats if o != c and c.startswith(o)), key=len, default="")
        out[c] = [base, c[len(base) :].strip()] if base else [c]
    return out


#: The definitions table's caveat column of each language.
_CAVEAT_COLUMN: dict[str, str] = {"nl": "caveat_nl", "en": "caveat"}


def _caveat(d: pd.Series, lang: Language) -> str:
    """Return an indicator's caveat in ``lang`` ("" when there is none in that language).

    The definitions table has ``caveat`` (English) and ``caveat_nl``. An indicator of the
    user's (no Dutch definition) shows the user's own words; a table written before
    ``caveat_nl`` existed shows no caveat in Dutch rather than an English one.
    """

    def text(key: str) -> str:
        value = d.get(key)
        return str(value) if isinstance(value, str) and value.strip() else ""

    column = _CAVEAT_COLUMN[lang]
    if column not in d.index:
        return ""
    own_words = "definition_nl" in d.index and not text("definition_nl")
    return text(column) or (text("caveat") if own_words else "")


def profile_img(b: _Builder, code: str, table: pd.DataFrame) -> str | None:
    """Return the profile chart (each indicator as % of the municipality), or ``None``."""
    if b.defs is None or not b.refs:
        return None
    shown = [
        (i, str(b.defs.at[i, f"label_{b.lang}"]))
        for i in _PROFILE_CHART
        if i in b.defs.index and i in table
    ]
    if not shown:
        return None
    refs: Any = b.ind.loc[b.refs] if b.ind is not None else None
    frame = pd.concat([table.loc[[code]], refs])
    fig = charts.profile_chart(
        frame,
        unit=code,
        indicators=shown,
        references=b.refs,
        language=b.lang,
    )
    return _img(fig)


def coverage_rows(b: _Builder, unit: str) -> list[dict[str, Any]]:
    """Return the accessibility table's rows of a wijk (or the municipality)."""
    cov = b.run.table("coverage_wijken")
    if cov is None:
        return []
    sel = cov[cov["wijk"] == unit]
    return [_coverage_row(b, r) for _, r in sel.iterrows()]


def _coverage_row(b: _Builder, r: pd.Series) -> dict[str, Any]:
    """Return one row of the accessibility table."""
    lang = b.lang
    share = r.get("share_covered")
    return {
        "type": _i18n.type_label(str(r["facility_type"]), lang),
        "group": b.group(r["target_group"]),
        "minutes": _i18n.fmt_number(float(r["threshold_minutes"]), 0, lang),
        "in_group": _i18n.fmt_int(r["pop_in_group"], lang)
        if pd.notna(r["pop_in_group"])
        else _i18n.text("insufficient_data", lang),
        "covered": _i18n.fmt_int(r["pop_covered"], lang)
        if pd.notna(r["pop_covered"])
        else _i18n.text("insufficient_data", lang),
        "share": _i18n.fmt_range(
            share, r.get("share_covered_p05"), r.get("share_covered_p95"), language=lang
        )
        if pd.notna(share)
        else _i18n.text("insufficient_data", lang),
        "share_value": float(share) if pd.notna(share) else None,
        "method": _i18n.method_label(str(r["method"]), lang),
    }


def gap_rows(b: _Builder, unit: str, level: str) -> list[dict[str, Any]]:
    """Return the gap table's rows of a wijk or area (need × poor access, ranked)."""
    gaps = b.run.table("gaps")
    if gaps is None:
        return []
    sel = gaps[(gaps["unit"] == unit) & (gaps["level"] == level)]
    n_units = (
        gaps[gaps["level"] == level]
        .groupby(["facility_type", "target_group", "threshold_minutes"])["unit"]
        .nunique()
    )
    rows = []
    for _, r in sel.iterrows():
        key = (r["facility_type"], r["target_group"], r["threshold_minutes"])
        rows.append(
            {
                "type": _i18n.type_label(str(r["facility_type"]), b.lang),
                "group": b.group(r["target_group"]),
                "minutes": _i18n.fmt_number(float(r["threshold_minutes"]), 0, b.lang),
                "not_covered": _i18n.fmt_range(
                    r["share_not_covered"],
                    r.get("share_not_covered_p05"),
                    r.get("share_not_covered_p95"),
                    decimals=0,
                    language=b.lang,
                )
                if pd.notna(r["share_not_covered"])
                else _i18n.text("insufficient_data", b.lang),
                "mean": _i18n.fmt_range(
                    r["mean_minutes"],
                    r.get("mean_minutes_p05"),
                    r.get("mean_minutes_p95"),
                    percent=False,
                    language=b.lang,
                )
                if pd.notna(r["mean_minutes"])
                else "–",
                "rank": f"{int(r['gap_rank'])}/{int(n_units.get(key, 0))}"
                if pd.notna(r["gap_rank"])
                else "–",
                "method": _i18n.method_label(str(r["method"]), b.lang),
            }
        )
    return rows


def scenario_rows(b: _Builder, level: str, unit: str) -> pd.DataFrame:
    """Return the scenario results of one unit."""
    sc = b.run.table("scenarios")
    if sc is None:
        return pd.DataFrame()
    return sc[(sc["level"] == level) & (sc["unit"] == unit)]


def scenario_table(b: _Builder, sel: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the scenario table's rows: coverage and mean time before and after."""
    lang = b.lang
    rows = []
    for _, r in sel.iterrows():

        def pct(v: Any) -> str:
            return (
                _i18n.fmt_pct(v, 1, lang) if pd.notna(v) else _i18n.text("insufficient_data", lang)
            )

        def mins(v: Any) -> str:
            return _i18n.fmt_number(v, 1, lang) if pd.notna(v) else "–"

        rows.append(
            {
                "scenario": r["scenario"],
                "type": _i18n.type_label(str(r["facility_type"]), lang),
                "group": b.group(r["target_group"]),
                "minutes": _i18n.fmt_number(float(r["threshold_minutes"]), 0, lang),
                "before": pct(r["share_covered_before"]),
                "after": pct(r["share_covered_after"]),
                "mean_before": mins(r["mean_minutes_before"]),
                "mean_after": mins(r["mean_minutes_after"]),
            }
        )
    return rows


def _reach_nobody(sel: pd.DataFrame) -> bool:
    """Whether every published share before and after is 0 (and at least one is known)."""
    shares = pd.concat(
        [
            pd.to_numeric(sel["share_covered_before"], errors="coerce"),
            pd.to_numeric(sel["share_covered_after"], errors="coerce"),
        ]
    ).dropna()
    return bool(len(shares)) and bool((shares == 0).all())


def scenario_img(b: _Builder, sel: pd.DataFrame) -> str | None:
    """Return the before/after chart of the scenarios, or ``None`` without any.

    A chart of nothing but 0 % bars says nothing: :func:`scenario_note` says it instead.
    """
    if sel.empty or _reach_nobody(sel):
        return None
    shown = sel.assign(target_group=[b.group(g) for g in sel["target_group"]])
    return _img(charts.scenario_chart(shown, language=b.lang))


def scenario_note(b: _Builder, sel: pd.DataFrame) -> str | None:
    """Return the sentence that stands for a chart of only 0 % (``None``: a chart is drawn)."""
    if sel.empty or not _reach_nobody(sel):
        return None
    return _i18n.text("report_scenarios_reach_nobody", b.lang)


def plan_rows(b: _Builder, wijk: str | None = None) -> list[dict[str, Any]]:
    """Return the planning table's rows (exact plans; of one wijk when given)."""
    plans = b.run.table("plans")
    if plans is None or plans.empty:
        return []
    sel = plans[plans["method"] != "greedy"]
    if wijk is not None:
        sel = sel[sel["wijk"] == wijk]
    lang = b.lang
    rows = []
    for _, r in sel.iterrows():
        rows.append(
            {
                "question": r["question"],
                "type": _i18n.type_label(str(r["facility_type"]), lang),
                "group": b.group(r["target_group"]),
                "model": _i18n.model_label(str(r["model"]), lang)
                + (_i18n.text("report_joint", lang) if r["method"] == "joint" else ""),
                "p": "–" if pd.isna(r["p"]) else int(r["p"]),
                "site": str(r["name"])
                + (
                    _i18n.text(
                        "plan_frequency",
                        lang,
                        share=_i18n.fmt_pct(r["selection_frequency"], 0, lang),
                    )
                    if pd.notna(r.get("selection_frequency"))
                    else ""
                )
                + (
                    _i18n.text("plan_shared_site", lang)
                    if str(r.get("shared")).lower() == "true"
                    else ""
                ),
                "wijk": b.wijk_names.get(str(r["wijk"]), r["wijk"]) if pd.notna(r["wijk"]) else "–",
                "rank": "–" if pd.isna(r["rank"]) else int(r["rank"]),
                "covered": _i18n.fmt_int(r["pop_covered"], lang)
                if pd.notna(r["pop_covered"])
                else _i18n.text("insufficient_data", lang),
                "share": _i18n.fmt_range(
                    r["share_covered"],
                    r.get("share_covered_p05"),
                    r.get("share_covered_p95"),
                    language=lang,
                )
                if pd.notna(r["share_covered"])
                else "–",
                "status": _i18n.text(
                    "report_robust_optimal"
                    if pd.notna(r.get("robust"))
                    else "report_proven_optimal",
                    lang,
                )
                if r["status"] == "optimal"
                else _i18n.text("report_time_limit", lang, gap=_i18n.fmt_pct(r["gap"], 1, lang)),
            }
        )
    return rows


def index_row(b: _Builder, code: str) -> dict[str, Any] | None:
    """Return the need index section of a wijk: score, rank, interval, domains."""
    if b.index is None or code not in b.index.index:
        return None
    r: Any = b.index.loc[code]
    n = int(b.index["rank"].notna().sum())
    domains = [
        {"name": c.removeprefix("domain_"), "score": _i18n.fmt_number(r[c], 1, b.lang)}
        for c in b.index.columns
        if c.startswith("domain_") and pd.notna(r[c])
    ]
    known = pd.notna(r["rank"])
    return {
        "score": _i18n.fmt_number(r["score"], 1, b.lang) if pd.notna(r["score"]) else "–",
        "rank": f"{int(r['rank'])}/{n}" if known else _i18n.text("report_no_rank", b.lang),
        **_need.index_columns(b, r),
        "missing": str(r["missing"]) if pd.notna(r.get("missing")) else "",
        "domains": domains,
    }


def rank_img(b: _Builder, highlight: Sequence[str]) -> str | None:
    """Return the rank chart with intervals (``highlight`` in orange), or ``None``.

    The chart is drawn once per process and each wijk highlighted in its SVG
    (:func:`wijkanalyse.charts.highlight_rank_svg`); a wijk that a long chart leaves out
    (past its first ``RANK_CHART_TOP``) gets a chart of its own, with it added.
    """
    if b.index is None or not {"choice_rank_p05", "data_rank_p05"} & set(b.index.columns):
        return None
    index = b.index
    top = RANK_CHART_TOP if len(index) > RANK_CHART_MAX else None
    units = charts.rank_units(index, top)
    if not all(h in units for h in highlight):
        return _img(charts.rank_chart(index, highlight=highlight, top=top, language=b.lang))
    base = b.once("rank_chart", lambda: _svg(charts.rank_chart(index, top=top, language=b.lang)))
    return _svg_uri(charts.highlight_rank_svg(base, [units.index(h) for h in highlight]))


# --------------------------------------------------------------------------- pages


def _overview(
    env: Any,
    b: _Builder,
    common: dict[str, Any],
    links: list[dict[str, Any]],
    area_links: list[dict[str, Any]],
    map_png: str | None,
) -> str:
    """Return the city overview page (``map_png``: the printed overview map's image)."""
    lang = b.lang
    muni = str(b.municipality.get("code", ""))
    refs, ref_names = b.ref_rows()
    index_rows = []
    if b.index is not None:
        for code, r in b.index.sort_values("rank").iterrows():
            info = index_row(b, str(code))
            if info is not None:
                index_rows.append({"code": code, "name": r.get("name", code), **info})
    cov = coverage_rows(b, muni)
    eq = b.run.table("access_equity")
    equity = []
    if eq is not None:
        for _, r in eq.iterrows():
            equity.append(
                {
                    "type": _i18n.type_label(str(r["facility_type"]), lang),
                    "group": b.group(r["target_group"]),
                    "minutes": _i18n.fmt_number(float(r["threshold_minutes"]), 0, lang),
                    "mean": _i18n.fmt_number(r["mean"], 1, lang),
                    "p90": _i18n.fmt_number(r["p90"], 1, lang),
                    "gini": _i18n.fmt_number(r["gini"], 2, lang),
                    "beyond": _i18n.fmt_pct(r["share_beyond"], 1, lang),
                }
            )
    gaps = b.run.table("gaps")
    top_gaps = []
    if gaps is not None:
        key: Any
        for key, block in gaps[gaps["level"] == "wijk"].groupby(
            ["facility_type", "target_group", "threshold_minutes"], sort=False
        ):
            best = block.sort_values("gap_rank").head(5)
            top_gaps.append(
                {
                    "title": f"{_i18n.type_label(str(key[0]), lang)}, {b.group(key[1])}, "
                    f"{_i18n.fmt_number(float(key[2]), 0, lang)} min",
                    "rows": [
                        {
                            "name": r["name"],
                            "not_covered": _i18n.fmt_range(
                                r["share_not_covered"],
                                r.get("share_not_covered_p05"),
                                r.get("share_not_covered_p95"),
                                decimals=0,
                                language=lang,
                            )
                            if pd.notna(r["share_not_covered"])
                            else _i18n.text("insufficient_data", lang),
                            "affected": _i18n.fmt_int(r["pop_affected"], lang)
                            if pd.notna(r["pop_affected"])
                            else _i18n.text("insufficient_data", lang),
                        }
                        for _, r in best.iterrows()
                    ],
                }
            )
    curves = b.run.table("plan_curves")
    curve_img = (
        _img(charts.coverage_curve_chart(curves, language=lang))
        if curves is not None and not curves.empty and curves["exact_share"].notna().any()
        else None
    )
    fronts = b.run.table("plan_fronts")
    front_img = (
        _img(charts.front_chart(fronts, language=lang))
        if fronts is not None and not fronts.empty and fronts["share_covered"].notna().any()
        else None
    )
    sc = scenario_rows(b, "gemeente", muni)
    row = b.ind_row(muni)
    return str(
        env.get_template("overview.html.j2").render(
            **common,
            full_provenance=True,
            title=_i18n.text("report_title_overview", lang, name=b.municipality.get("name", "")),
            ref_names=ref_names[1:],
            indicators=indicator_rows(b, row, refs[1:]),
            map_png=map_png,
            wijk_map_note=b.wijk_map_note(),
            no_wijk_map=not b.run.wijken.geometry.notna().any(),
            has_gaps=b.gaps_points is not None and len(b.gaps_points) > 0,
            index_name=b.map_value()[1],
            index_rows=index_rows,
            index_about=_need.index_about(b),
            validation=_need.validation_section(b),
            rank_img=rank_img(b, []),
            coverage=cov,
            equity=equity,
            gap_point_label=b.gaps_points.attrs.get("label", "")
            if b.gaps_points is not None
            else "",
            top_gaps=top_gaps,
            plans=plan_rows(b),
            curve_img=curve_img,
            front_img=front_img,
            sharing=_planning.sharing_rows(b),
            signals=_trends.signals_section(b),
            norm_lines=_planning.norm_lines(b),
            scenarios=scenario_table(b, sc),
            scenario_img=scenario_img(b, sc),
            scenario_note=scenario_note(b, sc),
            links=links,
            area_links=area_links,
        )
    )


def _wijk_page(env: Any, b: _Builder, common: dict[str, Any], code: str) -> str:
    lang = b.lang
    name = b.wijk_names.get(code, code)
    row = b.ind_row(code)
    refs, ref_names = b.ref_rows()
    geom = b.run.wijken.geometry.loc[code]
    sc = scenario_rows(b, "wijk", code)
    return str(
        env.get_template("unit.html.j2").render(
            **common,
            full_provenance=False,
            kind=_i18n.text("report_kind_wijk", lang),
            title=f"{name} ({code})",
            ref_names=ref_names,
            indicators=indicator_rows(b, row, refs),
            profile_img=profile_img(b, code, b.ind)
            if b.ind is not None and row is not None
            else None,
            map_png=b.unit_map(geom, name),
            index=index_row(b, code),
            index_name=b.map_value()[1],
            rank_img=rank_img(b, [code]),
            trend=_trends.wijk_trend(b, code),
            coverage=coverage_rows(b, code),
            gaps=gap_rows(b, code, "wijk"),
            plans=plan_rows(b, code),
            scenarios=scenario_table(b, sc),
            scenario_img=scenario_img(b, sc),
            scenario_note=scenario_note(b, sc),
            area_note="",
        )
    )


def _area_page(env: Any, b: _Builder, common: dict[str, Any], name: str) -> str:
    lang = b.lang
    row = b.ind_areas.loc[name] if b.ind_areas is not None and name in b.ind_areas.index else None
    refs, ref_names = b.ref_rows()
    info = b.run.table("areas")
    note = ""
    if info is not None and name in set(info["area"]):
        entry = info.set_index("area").loc[name]
        message = entry.get("note_message")
        # the note in the report's language; a table without note_message: as written
        note = (
            _i18n.render(json.loads(message), lang)
            if isinstance(message, str) and message
            else str(entry["note"])
        )
    how = ""
    map_png = None
    if b.run.areas is not None and name in b.run.areas.index:
        geom = b.run.areas.geometry.loc[name]
        how = str(b.run.areas.at[name, "how"])
        map_png = b.unit_map(geom, name)
    outline = {
        "voronoi": _i18n.text("report_outline_voronoi", lang),
        "wijken": _i18n.text("report_outline_wijken", lang),
    }.get(how, "")
    profile = None
    if row is not None and b.ind is not None and b.refs:
        table = b.ind_areas.loc[[name]].copy()  # type: ignore[union-attr]
        table.index = pd.Index([f"gebied:{name}"])
        profile = profile_img(b, f"gebied:{name}", pd.concat([table, b.ind.loc[b.refs]]))
    sc = scenario_rows(b, "area", name)
    return str(
        env.get_template("unit.html.j2").render(
            **common,
            full_provenance=False,
            kind=_i18n.text("report_kind_area", lang),
            title=name,
            ref_names=ref_names,
            indicators=indicator_rows(b, row, refs),
            profile_img=profile,
            map_png=map_png,
            index=None,
            index_name="",
            rank_img=None,
            trend=None,
            coverage=[],
            gaps=gap_rows(b, name, "area"),
            plans=[],
            scenarios=scenario_table(b, sc),
            scenario_img=scenario_img(b, sc),
            scenario_note=scenario_note(b, sc),
            area_note=" ".join(x if x.endswith(".") else f"{x}." for x in (note, outline) if x),
        )
    )
