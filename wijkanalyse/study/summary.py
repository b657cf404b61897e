"""The summary lines a run prints, in the study's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from wijkanalyse import (
    _i18n,
    access,
    indicators,
    suppression,
    vocab,
)
from wijkanalyse.network import GROUP_SPEEDS_KMH
from wijkanalyse.study import _summary_trends
from wijkanalyse.study import publish as _publish
from wijkanalyse.study._sources import Sources
from wijkanalyse.study._summary_plans import _group_label, _plan_lines
from wijkanalyse.study.config import (
    StudyConfig,
)
from wijkanalyse.study.results import (
    AccessResults,
    Analysis,
    PlanResults,
    StudyData,
)


def summary(
    config: StudyConfig,
    sources: Sources,
    data: StudyData,
    out: Path | None = None,
    files: list[Path] | None = None,
    *,
    analysis: Analysis | None = None,
    access: AccessResults | None = None,
    planning: PlanResults | None = None,
) -> list[str]:
    """Return the short summary of a loaded study, in the study's language.

    Like every output, it shows only what may be published: counts below the
    suppression threshold, and counts they could be derived from, are withheld
    (:mod:`wijkanalyse.suppression`).
    """
    pub = _publish.protect(config, data, analysis, access, planning)
    return _summary_lines(config, sources, pub, out, files)


def _summary_lines(
    config: StudyConfig,
    sources: Sources,
    pub: _publish.Published,
    out: Path | None,
    files: list[Path] | None,
) -> list[str]:
    data, analysis, access, planning = pub.data, pub.analysis, pub.access, pub.planning
    t, lang = _i18n.text, config.study.language
    s, w = data.sectors, data.wijken
    lines = [
        t(
            "summary_title",
            lang,
            name=data.region.name,
            nis=data.region.code,
            vintage=config.study.vintage,
        )
    ]
    pseudo = [x for x in w.index if vocab.is_pseudo_wijk(x)]
    extra = ""
    if pseudo and "pop_total" in w:
        extra = t(
            "unlocated_wijk",
            lang,
            n=_i18n.fmt_count(w.loc[pseudo, "pop_total"].sum(min_count=len(pseudo)), lang),
        )
    n_geom = int((~(s.geometry.isna() | s.geometry.is_empty)).sum())
    lines.append(
        t(
            "sectors_line",
            lang,
            n=len(s),
            n_geom=n_geom,
            n_wijken=len(w) - len(pseudo),
            extra=extra,
        )
    )
    why = s.get("pop_total_suppressed_reason", pd.Series(None, index=s.index))
    missing = s["pop_total"].isna() & why.isna()  # absent, not withheld
    if missing.any():
        lines.append(t("population_missing", lang, n=int(missing.sum())))
    else:
        # the totals of the whole area are public (Statbel): never withheld
        counts = pub.ledger.values
        total = int(pd.Series(counts["pop_total"]).sum())
        old = int(pd.Series(counts["pop_65plus"]).sum())
        lines.append(
            t(
                "population_line",
                lang,
                total=_i18n.fmt_int(total, lang),
                old=_i18n.fmt_int(old, lang),
                share=_i18n.fmt_pct(old / total if total else float("nan"), 1, lang),
            )
        )
    if "income_median" in s:
        known = s["income_median"].dropna()
        ds = sources.dataset(config.data.source("income"))
        year = ds.reference_year if ds and ds.reference_year else "?"
        lines.append(
            t(
                "income_line",
                lang,
                year=year,
                known=len(known),
                n=len(s),
                median="€ " + _i18n.fmt_int(round(float(known.median())), lang)
                if len(known)
                else t("unknown", lang),
            )
        )
    f = data.facilities
    if len(f):
        status = (
            f["status"].fillna(vocab.EXISTING)
            if "status" in f
            else pd.Series(vocab.EXISTING, index=f.index)
        )
        counts = f.loc[status == vocab.EXISTING, "type"].value_counts()
        planned = f.loc[status == vocab.PLANNED, "type"].value_counts()
        listing_ = ", ".join(
            f"{_i18n.type_label(k, lang)} {v}"
            + (t("facilities_planned", lang, n=int(planned[k])) if k in planned else "")
            for k, v in counts.items()
        )
        only_planned = [k for k in planned.index if k not in counts.index]
        listing_ += "".join(
            f", {_i18n.type_label(k, lang)} 0" + t("facilities_planned", lang, n=int(planned[k]))
            for k in only_planned
        )
        lines.append(
            t(
                "facilities_line",
                lang,
                where=_where(data, lang),
                buffer=_i18n.fmt_number(config.study.facility_buffer_m / 1000, 0, lang),
                listing=listing_,
            )
        )
    lines += [f"{t('warning', lang)}: {n.render(lang)}" for n in data.notes]
    if data.road_graph is not None:
        lines += _network_lines(config, sources, data, lang)
    members = data.area_members()
    for name, row in data.areas.iterrows():
        note = "" if row["exact"] else t("area_approx", lang, note=row["note"])
        lines.append(
            t(
                "area_line",
                lang,
                name=name,
                n=len(members[str(name)]),
                pop=_i18n.fmt_count(row.get("pop_total"), lang),
                note=note,
            )
        )
    if analysis is not None:
        lines += _analysis_lines(config, sources, analysis, lang)
    if access is not None:
        lines += _access_lines(config, sources, access, data, lang)
    if planning is not None:
        lines += _plan_lines(config, sources, planning, lang)
    if pub.trends is not None:
        lines += _summary_trends.trend_lines(pub.trends, lang)
    if out is not None and files:
        top = [p for p in files if p.parent == out]
        lines.append(t("outputs_line", lang, out=out, files=", ".join(p.name for p in top)))
        reports = [p for p in files if p.parent.name == "report" and p.suffix == ".html"]
        if reports:
            n_pdf = sum(1 for p in files if p.parent.name == "report" and p.suffix == ".pdf")
            lines.append(
                t(
                    "reports_line",
                    lang,
                    n=len(reports),
                    pdf=n_pdf,
                    index=out / "report" / "index.html",
                    map=out / "maps" / "overzicht.html",
                )
            )
    return lines


def _analysis_lines(
    config: StudyConfig, sources: Sources, analysis: Analysis, lang: str
) -> list[str]:
    t = _i18n.text
    thr = config.indicators.suppression_threshold
    sec = analysis.indicators["sectors"]
    n_supp = int(
        sum(
            sec[c].isin(list(suppression.REASONS)).sum()
            + (sec[c] == "small_numerator").sum()
            + (sec[c] == "small_denominator").sum()
            for c in sec.columns
            if c.endswith("_suppressed_reason")
        )
    )
    lines = [
        t(
            "indicators_line",
            lang,
            n=len(analysis.definitions),
            thr=thr,
            n_supp=n_supp,
        )
    ]
    wk = analysis.indicators["wijken"]
    refs = wk[wk["level"] != "wijk"]
    if len(refs):
        parts = []
        for _, row in refs.iterrows():
            share = row.get("share_65plus")
            med = row.get("income_median")
            parts.append(
                f"{row['name']} "
                + (_i18n.fmt_pct(float(share) / 100, 1, lang) if pd.notna(share) else "–")
                + " / "
                + ("€ " + _i18n.fmt_int(round(float(med)), lang) if pd.notna(med) else "–")
            )
        lines.append(t("reference_line", lang, refs="; ".join(parts)))
    table = analysis.index.get("wijken")
    if table is not None and config.index is not None:
        info = analysis.index_meta
        lines.append(
            t(
                "index_title",
                lang,
                name=config.index.name,
                choice=_i18n.fmt_int(info.get("choice_draws", 0), lang),
                data=_i18n.fmt_int(info.get("data_draws", 0), lang),
            )
        )
        named = {w for a in config.areas for w in (a.wijken or [])}
        scored = table[table["rank"].notna()].sort_values("rank")
        show = scored[(scored["rank"] <= 5) | scored.index.isin(list(named))]
        for code, row in show.iterrows():
            lines.append(
                t(
                    "index_row",
                    lang,
                    rank=int(row["rank"]),
                    n=len(scored),
                    name=row["name"],
                    code=code,
                    score=_i18n.fmt_number(float(row["score"]), 1, lang),
                    interval=_intervals(row, lang),
                )
            )
        lines += _validation_lines(analysis, lang)
    return lines


def _intervals(row: pd.Series, lang: str) -> str:
    """Return ', keuzes 1–2, gegevens 1–3, vlag studenten' for an index row."""
    t = _i18n.text
    out = ""
    for prefix, key in (("choice_", "index_interval_choice"), ("data_", "index_interval_data")):
        lo, hi = row.get(f"{prefix}rank_p05"), row.get(f"{prefix}rank_p95")
        if lo is not None and hi is not None and pd.notna(lo) and pd.notna(hi):
            out += t(key, lang, p05=int(lo), p95=int(hi))
    flags = row.get("flags")
    if isinstance(flags, str) and flags:
        labels = ", ".join(t(f"index_flag_{k.strip()}", lang) for k in flags.split(","))
        out += t("index_flagged", lang, flags=labels)
    return out


def _reference_label(ind_id: str, lang: str) -> str:
    """Return an indicator's label in ``lang`` (its id when it is not registered)."""
    ind = indicators.REGISTRY.get(ind_id)
    return ind.label(lang) if ind is not None else ind_id


def _validation_lines(analysis: Analysis, lang: str) -> list[str]:
    """Return the summary of the index's checks: BIMD correlations, known groups."""
    t = _i18n.text
    val = analysis.validation
    if val is None or val.empty:
        return []
    lines = []
    corr = val[(val["check"] == "rank_correlation") & val["value"].notna()]
    for level in ("wijk", "sector", "sector_flanders"):
        rows = corr[corr["level"] == level]
        if rows.empty:
            continue
        parts = [
            t(
                "validation_rho",
                lang,
                reference=_reference_label(str(r["reference"]), lang),
                # rounded as validation.csv holds them, so both say the same
                rho=_i18n.fmt_number(round(float(r["value"]), 3), 2, lang),
                lo=_i18n.fmt_number(round(float(r["ci_low"]), 3), 2, lang),
                hi=_i18n.fmt_number(round(float(r["ci_high"]), 3), 2, lang),
                independent="" if r["independent"] else t("validation_own", lang),
            )
            for _, r in rows.iterrows()
        ]
        lines.append(
            t(
                "validation_line",
                lang,
                level=t(f"validation_level_{level}", lang),
                n=_i18n.fmt_int(int(rows["n"].iloc[0]), lang),
                parts="; ".join(parts),
            )
        )
    if val[(val["check"] == "rank_correlation") & (val["result"] == "no_reference")].shape[0]:
        lines.append(t("validation_no_reference", lang))
    for _, r in val[val["check"] == "known_groups"].iterrows():
        lines.append(
            t(
                "validation_known",
                lang,
                level=t(f"validation_level_{r['level']}", lang),
                result=str(r["result"]),
            )
        )
    return lines


def _access_lines(
    config: StudyConfig, sources: Sources, acc: AccessResults, data: StudyData, lang: str
) -> list[str]:
    t = _i18n.text
    groups = config.target_groups
    prof = acc.model.profile
    lines = [
        t(
            "access_title",
            lang,
            mode=prof.label_nl if lang == "nl" else prof.label_en,
            speed=_i18n.fmt_number(prof.speed_kmh, 1, lang),
        )
    ]
    if any(v != prof.speed_kmh for v in acc.speeds.values()):
        defaults = GROUP_SPEEDS_KMH.get(prof.name, {})
        parts = []
        for g, v in acc.speeds.items():
            label = _group_label(groups[g], lang) if g in groups else g
            part = f"{label} {_i18n.fmt_number(v, 1, lang)} km/u"
            if lang == "en":
                part = part.replace("km/u", "km/h")
            if defaults.get(g) == v and g == "pop_65plus":
                part += t("access_speed_65_source", lang)
            parts.append(part)
        lines.append(t("access_speeds", lang, groups="; ".join(parts)))
    lost = access.demand_points(data.sectors).attrs.get("no_location", [])
    if lost:
        pop = data.sectors.loc[lost, "pop_total"].sum(min_count=len(lost))
        lines.append(
            f"{t('warning', lang)}: "
            + t("access_unlocated", lang, n=len(lost), pop=_i18n.fmt_count(pop, lang))
        )
    lines += [f"{t('warning', lang)}: {n.render(lang)}" for n in acc.notes]
    cov = acc.coverage
    if not len(cov):
        return lines
    region_levels = [lv for lv in cov["level"].unique() if lv not in ("wijk", "gemeente")]
    top_level = region_levels[0] if region_levels else "gemeente"
    total = cov[cov["level"] == top_level]
    munis = cov[cov["level"] == "gemeente"] if region_levels else cov.iloc[:0]
    for _, row in total.iterrows():
        label = _group_label(groups[str(row["target_group"])], lang)
        lines.append(
            t(
                "access_row",
                lang,
                type=_i18n.type_label(str(row["facility_type"]), lang),
                group=label,
                minutes=_i18n.fmt_number(float(row["threshold_minutes"]), 0, lang),
                covered=_i18n.fmt_count(row["pop_covered"], lang),
                total=_i18n.fmt_count(row["pop_in_group"], lang),
                share=_i18n.fmt_range(
                    row["share_covered"],
                    row.get("share_covered_p05"),
                    row.get("share_covered_p95"),
                    language=lang,
                ),
            )
        )
        same = munis[
            (munis["facility_type"] == row["facility_type"])
            & (munis["target_group"] == row["target_group"])
            & (munis["threshold_minutes"] == row["threshold_minutes"])
            & munis["share_covered"].notna()
        ]
        if len(same):
            low = same.sort_values(["share_covered", "name"]).head(3)
            lines.append(
                t(
                    "access_lowest",
                    lang,
                    listing="; ".join(
                        f"{r['name']} "
                        + _i18n.fmt_range(
                            r["share_covered"],
                            r.get("share_covered_p05"),
                            r.get("share_covered_p95"),
                            language=lang,
                        )
                        for _, r in low.iterrows()
                    ),
                )
            )
    gaps = acc.gaps
    for key, block in gaps.groupby(
        ["facility_type", "target_group", "threshold_minutes"], sort=False
    ):
        ftype, gname, thr = (str(k) for k in key)
        wk = block[(block["level"] == "wijk") & block["gap_rank"].notna()]
        top = wk.sort_values("gap_rank").head(3)
        named = block[block["level"] == "area"]
        parts = [
            f"{row['name']} ({_i18n.fmt_count(row['pop_affected'], lang)}, "
            + _not_covered(row, lang)
            + ")"
            for _, row in top.iterrows()
        ]
        areas_txt = [
            f"{code} {_not_covered(row, lang)}"
            + (
                f" ({_i18n.method_label(str(row['method']), lang)})"
                if row["method"] != "network"
                else ""
            )
            for code, row in named.iterrows()
            if pd.notna(row["share_not_covered"])
        ]
        lines.append(
            t(
                "access_gap_row",
                lang,
                type=_i18n.type_label(str(ftype), lang),
                group=_group_label(groups[gname], lang),
                minutes=_i18n.fmt_number(float(thr), 0, lang),
                top="; ".join(parts) or "–",
                areas="; ".join(areas_txt) or "–",
            )
        )
    return lines


def _not_covered(row: Any, lang: str) -> str:
    """Return a unit's share beyond reach with its range: ``48 % (31–60 %)``."""
    return _i18n.fmt_range(
        row["share_not_covered"],
        row.get("share_not_covered_p05"),
        row.get("share_not_covered_p95"),
        decimals=0,
        language=lang,
    )


def _where(data: StudyData, lang: str) -> str:
    key = "where_municipality" if data.region.is_municipality else "where_region"
    return _i18n.text(key, lang)


def _network_lines(config: StudyConfig, sources: Sources, data: StudyData, lang: str) -> list[str]:
    assert data.road_graph is not None
    src = config.data.source("road_graph") or ""
    ds = sources.dataset(src or None)
    if data.network is not None:
        # the network the study walks on: the road graph with its patch, each street once
        src = data.network.report.source
        edges = data.network.edges()
        weight = pd.Series(1.0, index=edges.index)
    else:
        edges = data.road_graph.edges
        two_way = (
            edges["has_reverse"].astype(bool)
            if "has_reverse" in edges
            else pd.Series(False, index=edges.index)
        )
        weight = pd.Series(1.0, index=edges.index).where(~two_way, 0.5)

    def km_within(shape: Any) -> float:
        idx = edges.sindex.query(shape, predicate="intersects")
        if len(idx) == 0:
            return 0.0
        part = edges.geometry.iloc[idx].intersection(shape).length
        return float((part * weight.iloc[idx].to_numpy()).sum()) / 1000

    km = km_within(data.boundary)
    where = _where(data, lang)
    if km < 0.5:
        return [_i18n.text("network_none", lang, where=where, coverage=ds.coverage if ds else src)]
    lines = [
        _i18n.text("network_line", lang, source=src, km=_i18n.fmt_number(km, 0, lang), where=where)
    ]
    gaps = [
        f"{row.wijk_name} ({code})"
        for code, row in data.wijken.iterrows()
        if row.geometry is not None and not row.geometry.is_empty and km_within(row.geometry) < 1.0
    ]
    if gaps:
        lines.append(_i18n.text("network_gaps", lang, wijken=_i18n.short_list(gaps, lang)))
    return lines
