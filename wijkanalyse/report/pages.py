"""The report's pages: the city overview, a wijk and an area, each from its template."""

from __future__ import annotations

from typing import Any

import pandas as pd

from wijkanalyse import _i18n, charts
from wijkanalyse.report._context import _Builder
from wijkanalyse.report._format import _img


def _overview(
    env: Any,
    b: _Builder,
    common: dict[str, Any],
    links: list[dict[str, Any]],
    area_links: list[dict[str, Any]],
) -> str:
    lang = b.lang
    muni = str(b.municipality.get("code", ""))
    refs, ref_names = b.ref_rows()
    index_rows = []
    if b.index is not None:
        for code, r in b.index.sort_values("rank").iterrows():
            info = b.index_row(str(code))
            if info is not None:
                index_rows.append({"code": code, "name": r.get("name", code), **info})
    cov = b.coverage_rows(muni)
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
                            "not_covered": _i18n.fmt_pct(r["share_not_covered"], 0, lang)
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
    sc = b.scenario_rows("gemeente", muni)
    row = b.ind_row(muni)
    return str(
        env.get_template("overview.html.j2").render(
            **common,
            title=_i18n.text("report_title_overview", lang, name=b.municipality.get("name", "")),
            ref_names=ref_names[1:],
            indicators=b.indicator_rows(row, refs[1:]),
            map_png=b.overview_png,
            wijk_map_note=b.wijk_map_note(),
            no_wijk_map=not b.run.wijken.geometry.notna().any(),
            has_gaps=b.gaps_points is not None and len(b.gaps_points) > 0,
            index_name=b.map_value()[1],
            index_rows=index_rows,
            rank_img=b.rank_img([]),
            coverage=cov,
            equity=equity,
            gap_point_label=b.gaps_points.attrs.get("label", "")
            if b.gaps_points is not None
            else "",
            top_gaps=top_gaps,
            plans=b.plan_rows(),
            curve_img=curve_img,
            scenarios=b.scenario_table(sc),
            scenario_img=b.scenario_img(sc),
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
    sc = b.scenario_rows("wijk", code)
    return str(
        env.get_template("unit.html.j2").render(
            **common,
            kind=_i18n.text("report_kind_wijk", lang),
            title=f"{name} ({code})",
            ref_names=ref_names,
            indicators=b.indicator_rows(row, refs),
            profile_img=b.profile_img(code, b.ind)
            if b.ind is not None and row is not None
            else None,
            map_png=b.unit_map(geom, name),
            index=b.index_row(code),
            index_name=b.map_value()[1],
            rank_img=b.rank_img([code]),
            coverage=b.coverage_rows(code),
            gaps=b.gap_rows(code, "wijk"),
            plans=b.plan_rows(code),
            scenarios=b.scenario_table(sc),
            scenario_img=b.scenario_img(sc),
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
        note = str(info.set_index("area").at[name, "note"])
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
        profile = b.profile_img(f"gebied:{name}", pd.concat([table, b.ind.loc[b.refs]]))
    sc = b.scenario_rows("area", name)
    return str(
        env.get_template("unit.html.j2").render(
            **common,
            kind=_i18n.text("report_kind_area", lang),
            title=name,
            ref_names=ref_names,
            indicators=b.indicator_rows(row, refs),
            profile_img=profile,
            map_png=map_png,
            index=None,
            index_name="",
            rank_img=None,
            coverage=[],
            gaps=b.gap_rows(name, "area"),
            plans=[],
            scenarios=b.scenario_table(sc),
            scenario_img=b.scenario_img(sc),
            area_note=" ".join(x if x.endswith(".") else f"{x}." for x in (note, outline) if x),
        )
    )
