"""The planning lines of a run's summary: plans, their robustness, norms and scenarios."""

from __future__ import annotations

from typing import Any

import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse.study._sources import Sources
from wijkanalyse.study.config import StudyConfig, TargetGroup, plan_questions
from wijkanalyse.study.results import PlanResults


def _group_label(group: TargetGroup, lang: str) -> str:
    return group.label_nl if lang == "nl" else (group.label_en or group.label_nl)


def _where(areas: Any, municipality: str, lang: str) -> str:
    """Return where a plan's residents live: its areas ("Hoogland en Wijgmaal"), else the town."""
    names = [str(a) for a in (areas or [])]
    if not names:
        return municipality
    if len(names) == 1:
        return names[0]
    return _i18n.text("list_and", lang, first=", ".join(names[:-1]), last=names[-1])


def _plan_lines(config: StudyConfig, sources: Sources, res: PlanResults, lang: str) -> list[str]:
    t = _i18n.text
    groups = config.target_groups
    questions = plan_questions(config.plan)
    joints = {
        q.name: (j.name, other.facility_type)
        for j in (config.plan.joint if config.plan else [])
        for q, other in zip(j.questions(), reversed(j.questions()), strict=True)
    }
    lines = [t("plan_title", lang)] if questions else []
    lines += [f"{t('warning', lang)}: {n.render(lang)}" for n in res.notes]
    for (name, _), plan in res.plans.items():
        q = questions[name]
        cov: dict[Any, Any] = plan.covered.to_dict(orient="index")[q.target_group]
        mean = cov["mean_minutes"]
        sites = plan.selected.loc[plan.new_sites, "name"].fillna("")
        info = res.robust.get((name, plan.p))
        shared = res.shared.get((name, plan.p), ())
        labels = [
            (str(n) or str(i))
            + (
                t("plan_frequency", lang, share=_i18n.fmt_pct(info.frequency.get(str(i)), 0, lang))
                if info is not None
                else ""
            )
            + (t("plan_shared_site", lang) if str(i) in shared else "")
            for i, n in sites.items()
        ]
        share = _i18n.fmt_range(
            cov["share_covered"],
            cov.get("share_covered_p05"),
            cov.get("share_covered_p95"),
            language=lang,
        )
        joint = joints.get(name)
        robust = (
            t(
                "plan_joint",
                lang,
                joint=joint[0],
                other=_i18n.type_label(joint[1], lang),
            )
            if joint is not None
            else t("plan_robust", lang, draws=info.draws)
            if info is not None and info.objective == "expected"
            else t(
                f"plan_robust_{info.objective}",
                lang,
                draws=info.draws,
                q=_i18n.fmt_pct(info.q, 0, lang),
            )
            if info is not None and info.objective in ("worst", "quantile")
            else ""
        )
        lines.append(
            t(
                "plan_row",
                lang,
                type=_i18n.type_label(q.facility_type, lang),
                group=_group_label(groups[q.target_group], lang),
                model=_i18n.model_label(plan.model, lang),
                minutes=_i18n.fmt_number(q.minutes, 0, lang),
                n_new=len(labels),
                covered=_i18n.fmt_count(cov["covered"], lang),
                total=_i18n.fmt_count(cov["population"], lang),
                where=_where(q.demand_areas, config.study.name, lang),
                share=share,
                robust=robust,
                mean=t("plan_mean", lang, mean=_i18n.fmt_number(mean, 1, lang))
                if pd.notna(mean)
                else "",
                sites=", ".join(labels) or "–",
                status=""
                if plan.status == "optimal"
                else t("plan_status", lang, gap=_i18n.fmt_pct(plan.gap, 2, lang)),
            )
        )
    for name, plan in res.greedy.items():
        if (plan.p or 0) < 2:
            continue
        sites = plan.selected.loc[plan.new_sites, "name"].fillna("")
        lines.append(
            t(
                "plan_greedy",
                lang,
                question=name,
                sites=" → ".join(str(n) or str(i) for i, n in sites.items()) or "–",
            )
        )
    lines += _sharing_lines(config, res, lang)
    for _, row in res.norms.iterrows():
        lines.append(
            t(
                "plan_norm_row",
                lang,
                type=_i18n.type_label(str(row["facility_type"]), lang),
                per=_i18n.fmt_count(row["per_inhabitants"], lang),
                source=row["source"].split(":")[0],
                where=row["name"],
                norm=int(row["norm"]),
                registered=int(row["registered"]),
                planned=int(row["planned"]),
            )
        )
        if "distance_m" in row and pd.notna(row["distance_m"]):
            lines.append(
                t(
                    "plan_distance_row",
                    lang,
                    m=_i18n.fmt_count(row["distance_m"], lang),
                    type=_i18n.type_label(str(row["facility_type"]), lang),
                    where=row["name"],
                    count=_i18n.fmt_count(row["pop_within_distance"], lang),
                    total=_i18n.fmt_count(row["population_located"], lang),
                    share=_i18n.fmt_pct(row["share_within_distance"], 1, lang),
                )
            )
    sc = res.scenarios
    if len(sc):
        top = sc[sc["level"] == "gemeente"]
        for _, row in top.iterrows():
            lines.append(
                t(
                    "scenario_row",
                    lang,
                    name=row["scenario"],
                    group=_group_label(groups[str(row["target_group"])], lang),
                    minutes=_i18n.fmt_number(float(row["threshold_minutes"]), 0, lang),
                    before=_i18n.fmt_range(
                        row["share_covered_before"],
                        row.get("share_covered_before_p05"),
                        row.get("share_covered_before_p95"),
                        language=lang,
                    ),
                    after=_i18n.fmt_range(
                        row["share_covered_after"],
                        row.get("share_covered_after_p05"),
                        row.get("share_covered_after_p95"),
                        language=lang,
                    ),
                    type=_i18n.type_label(str(row["facility_type"]), lang),
                    mean_before=_i18n.fmt_number(row["mean_minutes_before"], 1, lang),
                    mean_after=_i18n.fmt_number(row["mean_minutes_after"], 1, lang),
                )
            )
    return lines


def _sharing_lines(config: StudyConfig, res: PlanResults, lang: str) -> list[str]:
    """Return what each number of shared buildings costs, per joint question."""
    t = _i18n.text
    lines: list[str] = []
    if not len(res.sharing):
        return lines
    for (joint, k), rows in res.sharing.groupby(["joint", "min_shared"], sort=False):
        k = int(str(k))
        if k == 0:
            continue
        lost = "; ".join(
            t(
                "plan_sharing_lost",
                lang,
                count=_i18n.fmt_count(r["pop_lost"], lang),
                group=_group_label(config.target_groups[str(r["target_group"])], lang),
                type=_i18n.type_label(str(r["facility_type"]), lang),
            )
            for _, r in rows.iterrows()
        )
        names = str(rows["shared_names"].iloc[0]) if pd.notna(rows["shared_names"].iloc[0]) else ""
        lines.append(
            t(
                "plan_sharing_row",
                lang,
                joint=joint,
                k=k,
                lost=lost,
                shared=t("plan_sharing_where", lang, names=names) if names else "",
            )
        )
    return lines
