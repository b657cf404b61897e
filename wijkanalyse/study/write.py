"""Write a study's protected results into the output folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import areas, outputs, trends, vocab
from wijkanalyse.study._demand import sector_view
from wijkanalyse.study.config import StudyConfig, plan_questions
from wijkanalyse.study.results import (
    AccessResults,
    Analysis,
    PlanResults,
    StudyData,
)
from wijkanalyse.study.trends import TrendResults


def _write_planning(config: StudyConfig, res: PlanResults, out: Path) -> list[Path]:
    """Write plans, curves and scenarios (already protected by :func:`_publish.protect`)."""
    questions = plan_questions(config.plan)
    files = []
    rows = []
    keyed = [((name, p), plan) for (name, p), plan in res.plans.items()]
    keyed += [((name, plan.p), plan) for name, plan in res.greedy.items()]
    for (name, _), plan in keyed:
        q = questions[name]
        frame = plan.to_frame()
        frame.insert(0, "question", name)
        frame.insert(1, "facility_type", q.facility_type)
        frame.insert(2, "target_group", q.target_group)
        reason = None
        if q.target_group in plan.covered.index:
            cov: dict[Any, Any] = plan.covered.to_dict(orient="index")[q.target_group]
            frame = frame.assign(
                pop_covered=cov["covered"],
                share_covered=cov["share_covered"],
                share_covered_p05=cov.get("share_covered_p05", np.nan),
                share_covered_p95=cov.get("share_covered_p95", np.nan),
                mean_minutes=cov["mean_minutes"],
            )
            reason = cov.get("suppressed")
        site_reason = (
            plan.selected["suppressed"].reindex(frame["site_id"]).to_numpy()
            if "suppressed" in plan.selected
            else np.full(len(frame), None, dtype=object)
        )
        frame["suppressed"] = [
            r if isinstance(r, str) else (reason if isinstance(reason, str) else None)
            for r in site_reason
        ]
        info = res.robust.get((name, plan.p)) if plan.method != "greedy" else None
        # "none": the sites were chosen at the nominal inputs; only their frequency is drawn
        frame["robust"] = info.objective if info is not None and info.objective != "none" else None
        frame["selection_frequency"] = (
            info.frequency.reindex(frame["site_id"].astype(str)).to_numpy()
            if info is not None
            else np.nan
        )
        frame["draws"] = info.draws if info is not None else pd.NA
        shared = res.shared.get((name, plan.p)) if plan.method != "greedy" else None
        frame["shared"] = (
            frame["site_id"].astype(str).isin(shared).to_numpy()
            if shared is not None
            else pd.array([pd.NA] * len(frame), dtype="boolean")
        )
        frame["n_new"] = int((~plan.selected["existing"].astype(bool)).sum())
        frame["closed"] = " ".join(map(str, plan.closed))
        rows.append(frame)
    if rows:
        plans = pd.concat(rows, ignore_index=True)
        wijk = res.candidates["wijk"] if "wijk" in res.candidates else pd.Series(dtype=object)
        plans["wijk"] = wijk.reindex(plans["site_id"]).to_numpy()
        near_m = res.candidates["near_m"] if "near_m" in res.candidates else pd.Series(dtype=float)
        plans["name_m"] = near_m.reindex(plans["site_id"]).to_numpy()
        files += outputs.write_table(out, "plans", plans)
    if len(res.fronts):
        files += outputs.write_table(out, "plan_fronts", res.fronts)
    if len(res.sharing):
        files += outputs.write_table(out, "plan_sharing", res.sharing)
    if len(res.norms):
        files += outputs.write_table(out, "plan_norms", res.norms)
    if len(res.curves):
        files += outputs.write_table(out, "plan_curves", res.curves)
    if len(res.scenarios):
        files += outputs.write_table(out, "scenarios", res.scenarios)
    return files


def _write_access(
    config: StudyConfig, acc: AccessResults, data: StudyData, out: Path
) -> list[Path]:
    files = []
    minutes_col = f"{acc.model.profile.name}_minutes"
    if len(acc.nearest):
        view = acc.nearest if acc.demand is None else sector_view(acc.demand, acc.nearest)
        near = view.reset_index()
        if "points" not in near:
            near["points"] = 1
        near["demand_model"] = acc.demand_info.model if acc.demand_info is not None else "centroid"
        near = near.rename(
            columns={
                near.columns[0]: "sector",
                "nearest_id": "nearest_facility_id",
                "minutes": minutes_col,
            }
        )
        near["nearest_facility_name"] = (
            data.facilities["name"].reindex(near["nearest_facility_id"]).to_numpy()
        )
        # the asked target groups that travel at another speed: their own times
        for group, speed in acc.speeds.items():
            if speed != acc.model.profile.speed_kmh:
                near[f"{group}_minutes"] = near[minutes_col] * acc.model.profile.speed_kmh / speed
        near["sector_name"] = data.sectors["name"].reindex(near["sector"]).to_numpy()
        near["wijk"] = data.sectors["wijk"].reindex(near["sector"]).to_numpy()
        files += outputs.write_table(out, "access_sectors", near)
    if len(acc.coverage):
        files += outputs.write_table(out, "coverage_wijken", acc.coverage)
    if len(acc.gaps):
        files += outputs.write_table(out, "gaps", acc.gaps)
    if len(acc.equity):
        files += outputs.write_table(out, "access_equity", acc.equity)
    _write_service_areas(config, acc, data, out)
    return files


def _write_service_areas(
    config: StudyConfig, acc: AccessResults, data: StudyData, out: Path
) -> None:
    """Add the reach of today's facilities of each access question to the GeoPackage."""
    questions = config.access.questions if config.access else []
    fac = data.facilities
    if not questions or not len(fac):
        return
    status = fac["status"] if "status" in fac else pd.Series(vocab.EXISTING, index=fac.index)
    frames = []
    for ftype in dict.fromkeys(q.facility_type for q in questions):
        minutes = sorted({m for q in questions if q.facility_type == ftype for m in q.minutes})
        sel = fac[(fac["type"].astype(str) == ftype) & (status.astype(str) == vocab.EXISTING)]
        if len(sel):
            sa = acc.model.service_areas(sel, minutes=minutes)
            frames.append(sa.assign(type=ftype))
    if frames:
        sa = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
        outputs.write_table(out, "service_areas", sa)


def _write_analysis(config: StudyConfig, analysis: Analysis, out: Path) -> list[Path]:
    files = []
    for level in ("sectors", "wijken", "deelgemeenten", "areas"):
        if level in analysis.indicators:
            files += outputs.write_table(out, f"indicators_{level}", analysis.indicators[level])
    files += outputs.write_table(out, "indicator_definitions", analysis.definitions)
    for level, table in analysis.index.items():
        files += outputs.write_table(out, f"index_{level}", table)
    if analysis.validation is not None:
        files += outputs.write_table(out, "validation", analysis.validation)
    return files


def _write(config: StudyConfig, data: StudyData, out: Path) -> list[Path]:
    sectors = data.sectors.reset_index()  # already protected by _publish.protect
    facilities = data.facilities.reset_index()
    for frame in (sectors, facilities):
        # points as they are; polygons (real sector polygons) by a point inside them
        geoms = frame.geometry
        pts = geoms.where(geoms.geom_type == "Point", geoms.representative_point())
        frame["x"] = pts.x.round(1)
        frame["y"] = pts.y.round(1)
    files: list[Path] = []
    for name, frame in (("sectors", sectors), ("wijken", data.wijken), ("facilities", facilities)):
        files += outputs.write_table(out, name, frame)
    if len(data.areas):
        files += outputs.write_table(out, "areas", data.areas)
        members = data.area_members()
        located = data.sectors[data.sectors.geometry.notna()]
        outlines = areas.area_outlines(
            {a: [c for c in codes if c in located.index] for a, codes in members.items()},
            located,
            data.wijken[data.wijken.geometry.notna()],
        )
        outlines = outlines[outlines.geometry.notna()]
        if len(outlines):
            outputs.write_table(out, "area_outlines", outlines)
    if data.basemap is not None:
        outputs.write_table(out, "basemap", data.basemap)
    return list(dict.fromkeys(files))


def _write_trends(res: TrendResults, out: Path) -> list[Path]:
    """Write the ``[trends]`` tables (protected by their step)."""
    files = []
    files += outputs.write_table(out, "trends_sectors", res.sectors)
    files += outputs.write_table(out, "trends_wijken", res.units)
    files += outputs.write_table(out, "trends_signals", res.signals)
    files += outputs.write_table(out, "trends_definitions", trends.list_series())
    if len(res.checks):
        files += outputs.write_table(out, "trends_checks", res.checks)
    return files
