"""Write a study's protected results into the output folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import (
    areas,
)
from wijkanalyse.study._sources import Sources
from wijkanalyse.study.config import StudyConfig
from wijkanalyse.study.results import (
    AccessResults,
    Analysis,
    PlanResults,
    StudyData,
)


def _write_planning(
    config: StudyConfig, sources: Sources, res: PlanResults, out: Path
) -> list[Path]:
    """Write plans, curves and scenarios (already protected by :func:`_publish.protect`)."""
    questions = {q.name: q for q in (config.plan.questions if config.plan else [])}
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
        frame["n_new"] = int((~plan.selected["existing"].astype(bool)).sum())
        frame["closed"] = " ".join(map(str, plan.closed))
        rows.append(frame)
    if rows:
        plans = pd.concat(rows, ignore_index=True)
        wijk = res.candidates["wijk"] if "wijk" in res.candidates else pd.Series(dtype=object)
        plans.insert(
            list(plans.columns).index("name") + 1,
            "wijk",
            wijk.reindex(plans["site_id"]).to_numpy(),
        )
        plans = plans[[c for c in plans.columns if c != "suppressed"] + ["suppressed"]]
        plans = plans.round(
            {"x": 1, "y": 1, "snap_m": 1, "marginal_gain": 2, "objective": 3, "gap": 6}
        )
        plans = plans.round({"share_covered": 6, "mean_minutes": 2, "solve_seconds": 3})
        path = out / "plans.csv"
        plans.to_csv(path, index=False, encoding="utf-8")
        files.append(path)
    if len(res.curves):
        path = out / "plan_curves.csv"
        res.curves.round(6).to_csv(path, index=False, encoding="utf-8")
        files.append(path)
    if len(res.scenarios):
        path = out / "scenarios.csv"
        res.scenarios.round(6).to_csv(path, index=False, encoding="utf-8")
        files.append(path)
    return files


def _write_access(
    config: StudyConfig, sources: Sources, acc: AccessResults, data: StudyData, out: Path
) -> list[Path]:
    files = []
    minutes_col = f"{acc.model.profile.name}_minutes"
    if len(acc.nearest):
        near = acc.nearest.reset_index()
        near = near.rename(
            columns={
                near.columns[0]: "sector",
                "nearest_id": "nearest_facility_id",
                "minutes": minutes_col,
            }
        )
        names = data.facilities["name"]
        near.insert(
            3,
            "nearest_facility_name",
            names.reindex(near["nearest_facility_id"]).to_numpy(),
        )
        near.insert(1, "sector_name", data.sectors["name"].reindex(near["sector"]).to_numpy())
        near.insert(2, "wijk", data.sectors["wijk"].reindex(near["sector"]).to_numpy())
        near = near.round({minutes_col: 2, "network_m": 1, "euclid_m": 1, "snap_m": 1})
        near["detour_ratio"] = near["detour_ratio"].round(3)
        path = out / "access_sectors.csv"
        near.to_csv(path, index=False, encoding="utf-8")
        files.append(path)
    if len(acc.coverage):
        cov = acc.coverage.copy()
        cov["share_covered"] = cov["share_covered"].round(6)
        path = out / "coverage_wijken.csv"
        cov.to_csv(path, encoding="utf-8")
        files.append(path)
    if len(acc.gaps):
        gaps = acc.gaps.round(
            {"need_pct": 4, "share_not_covered": 6, "mean_minutes": 2, "gap_score": 4}
        )
        path = out / "gaps.csv"
        gaps.to_csv(path, encoding="utf-8")
        files.append(path)
    if len(acc.equity):
        path = out / "access_equity.csv"
        acc.equity.round(6).to_csv(path, index=False, encoding="utf-8")
        files.append(path)
    _write_service_areas(config, sources, acc, data, out / "wijkanalyse.gpkg")
    return files


def _write_service_areas(
    config: StudyConfig, sources: Sources, acc: AccessResults, data: StudyData, gpkg: Path
) -> None:
    """Add the reach of today's facilities of each access question to the GeoPackage."""
    questions = config.access.questions if config.access else []
    fac = data.facilities
    if not questions or not len(fac):
        return
    status = fac["status"] if "status" in fac else pd.Series("existing", index=fac.index)
    frames = []
    for ftype in dict.fromkeys(q.facility_type for q in questions):
        minutes = sorted({m for q in questions if q.facility_type == ftype for m in q.minutes})
        sel = fac[(fac["type"].astype(str) == ftype) & (status.astype(str) == "existing")]
        if len(sel):
            sa = acc.model.service_areas(sel, minutes=minutes)
            frames.append(sa.assign(type=ftype))
    if frames:
        sa = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
        sa["area_km2"] = sa["area_km2"].round(3)
        sa.to_file(gpkg, layer="service_areas", driver="GPKG", engine="pyogrio")


def _write_analysis(
    config: StudyConfig, sources: Sources, analysis: Analysis, out: Path
) -> list[Path]:
    files = []
    names = {
        "sectors": "indicators_sectors.csv",
        "wijken": "indicators_wijken.csv",
        "deelgemeenten": "indicators_deelgemeenten.csv",
        "areas": "indicators_areas.csv",
    }
    for key, fname in names.items():
        if key in analysis.indicators:
            path = out / fname
            table = analysis.indicators[key]
            table.index.name = {"sectors": "sector", "wijken": "wijk", "areas": "area"}.get(
                key, "deelgemeente"
            )
            table.to_csv(path, encoding="utf-8")
            files.append(path)
    path = out / "indicator_definitions.csv"
    analysis.definitions.to_csv(path, encoding="utf-8")
    files.append(path)
    for key, table in analysis.index.items():
        path = out / f"index_{key}.csv"
        table.index.name = "wijk" if key == "wijken" else "sector"
        table.to_csv(path, encoding="utf-8")
        files.append(path)
    return files


def _write(config: StudyConfig, sources: Sources, data: StudyData, out: Path) -> list[Path]:
    gpkg = out / "wijkanalyse.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    sectors = data.sectors.reset_index()  # already protected by _publish.protect
    wijken = data.wijken.reset_index()
    facilities = data.facilities.reset_index()
    for frame in (sectors, facilities):
        # points as they are; polygons (real sector polygons) by a point inside them
        geoms = frame.geometry
        pts = geoms.where(geoms.geom_type == "Point", geoms.representative_point())
        frame["x"] = pts.x.round(1)
        frame["y"] = pts.y.round(1)
    sector_cols = ["sector", "name", "vintage", *areas.HIERARCHY_COLUMNS[1:]]
    reasons = [c for c in sectors.columns if c.endswith("_suppressed_reason")]
    sector_cols += [c for c in sectors.columns if c.startswith("pop_") and c not in reasons]
    sector_cols += reasons
    sector_cols += [c for c in sectors.columns if c.startswith("income_")]
    sector_cols += [c for c in ("area_ha", "x", "y") if c in sectors]
    sectors = gpd.GeoDataFrame(sectors[[*sector_cols, "geometry"]], geometry="geometry")
    fac_cols = [
        "facility_id",
        "name",
        "type",
        "status",
        "capacity",
        "in_municipality",
        "source",
        "x",
        "y",
    ]
    fac_cols += [c for c in facilities.columns if c not in fac_cols and c != "geometry"]
    facilities = gpd.GeoDataFrame(facilities[[*fac_cols, "geometry"]], geometry="geometry")
    layers = {"sectors": sectors, "wijken": wijken, "facilities": facilities}
    for layer, frame in layers.items():
        frame.to_file(gpkg, layer=layer, driver="GPKG", engine="pyogrio")
    files = [gpkg]
    for layer, frame in layers.items():
        path = out / f"{layer}.csv"
        pd.DataFrame(frame.drop(columns="geometry")).to_csv(path, index=False, encoding="utf-8")
        files.append(path)
    if len(data.areas):
        path = out / "areas.csv"
        data.areas.to_csv(path, encoding="utf-8")
        files.append(path)
        members = {str(a): str(row["sectors"]).split() for a, row in data.areas.iterrows()}
        located = data.sectors[data.sectors.geometry.notna()]
        outlines = areas.area_outlines(
            {a: [c for c in codes if c in located.index] for a, codes in members.items()},
            located,
            data.wijken[data.wijken.geometry.notna()],
        )
        outlines = outlines[outlines.geometry.notna()].reset_index()
        if len(outlines):
            outlines.to_file(gpkg, layer="areas", driver="GPKG", engine="pyogrio")
    return files
