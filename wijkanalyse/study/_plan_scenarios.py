"""The scenarios of a study, and the draws of plans: today's supply and a changed one."""

from __future__ import annotations

import dataclasses
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n, locate, scenario
from wijkanalyse._i18n import Note
from wijkanalyse.access.ranges import AccessDraws, RangeQuestion, draw_access, facility_radii
from wijkanalyse.study import _ranges
from wijkanalyse.study.accessibility import model_at_speed
from wijkanalyse.study.config import plan_questions
from wijkanalyse.study.results import AccessResults, StudyData
from wijkanalyse.study.slices import PlanSlice


def _scenarios(
    config: PlanSlice,
    data: StudyData,
    demand: gpd.GeoDataFrame,
    acc: AccessResults,
    plans: dict[tuple[str, int | None], locate.Plan],
    members: dict[str, list[str]],
    notes: list[Note],
    supply: list[tuple[str, tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]]],
    scenario_draws: dict[str, tuple[AccessDraws, AccessDraws]],
) -> pd.DataFrame:
    cfg = config
    questions = plan_questions(cfg.plan)
    asked = cfg.access_questions
    # where people live as in the access results, so that "before" is today's coverage
    if acc.demand is not None:
        demand = acc.demand
    levels: dict[str, Any] = {
        "wijk": demand["wijk"],
        "gemeente": demand["gemeente"],
    }
    names: dict[str, Any] = {
        "wijk": data.wijken["wijk_name"],
        "gemeente": (
            {data.region.code: data.region.name}
            if data.region.is_municipality
            else data.region.municipality_names
        ),
    }
    if members:
        sector_of = demand["sector"].astype(str) if "sector" in demand else demand.index
        levels["area"] = {
            a: list(demand.index[pd.Index(sector_of).isin(m)]) for a, m in members.items() if m
        }
        names["area"] = {a: a for a in members}
    frames = []
    cache: dict[Any, AccessDraws] = {}
    for sc in cfg.scenarios:
        if sc.plan is not None:
            q = questions[sc.plan]
            key = (q.name, None if q.model == "lscp" else sc.p)
            if key not in plans:
                notes.append(_i18n.note("plan_scenario_skipped", name=sc.name))
                continue
            obj = scenario.Scenario.from_plan(
                plans[key], name=sc.name, facility_type=q.facility_type, crs=demand.crs
            )
            groups, minutes = [q.target_group], [q.minutes]
        else:
            assert sc.facility_type is not None
            add = gpd.GeoDataFrame(
                {"name": [a.name for a in sc.add]},
                geometry=gpd.points_from_xy([a.x for a in sc.add], [a.y for a in sc.add]),
                index=pd.Index([f"{sc.name}:{i + 1}" for i in range(len(sc.add))]),
                crs=demand.crs,
            )
            obj = scenario.Scenario(
                name=sc.name,
                facility_type=sc.facility_type,
                add=add,
                close=tuple(sc.close),
                open=tuple(sc.open),
            )
            mine = [a for a in asked if a.facility_type == sc.facility_type]
            groups = list(dict.fromkeys(a.target_group for a in mine)) or ["pop_total"]
            minutes = sorted({m for a in mine for m in a.minutes}) or [10.0]
        current = scenario.Scenario("current", obj.facility_type, obj.add.iloc[:0])
        supply.append((sc.name, (current.apply(data.facilities), obj.apply(data.facilities))))
        # each target group at its own speed
        frame = pd.concat(
            [
                scenario.compare(
                    demand,
                    data.facilities,
                    [obj],
                    network=model_at_speed(acc.model, config.speeds.get(g)),
                    target_groups=[g],
                    max_minutes=minutes,
                    by=levels,
                    names=names,
                )
                for g in groups
            ],
            ignore_index=True,
        )
        frame.insert(1, "source", obj.source)
        if acc.draws is not None:
            before, after = _scenario_draws(acc, data, current, obj, groups, minutes, cache)
            scenario_draws[sc.name] = (before, after)
            frame = _scenario_ranges(frame, before, after, data)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _scenario_draws(
    acc: AccessResults,
    data: StudyData,
    current: scenario.Scenario,
    obj: scenario.Scenario,
    groups: list[str],
    minutes: list[float],
    cache: dict[Any, AccessDraws],
) -> tuple[AccessDraws, AccessDraws]:
    """Draw today's and the scenario's supply with the access draws' inputs and seed.

    The draws are paired: the same demand model, speeds and detours per draw, and today's
    facilities moved the same way in both (new sites are exact).
    """
    assert acc.draws is not None
    questions = [
        RangeQuestion(obj.facility_type, g, tuple(float(m) for m in minutes)) for g in groups
    ]
    key = (obj.facility_type, tuple(groups), tuple(minutes))
    radius = pd.Series(facility_radii(data.facilities), index=data.facilities.index.astype(str))

    def supply(s: scenario.Scenario) -> gpd.GeoDataFrame:
        # today's centres keep their location uncertainty; a new site is where it is put
        out = s.apply(data.facilities)
        return out.assign(location_radius_m=radius.reindex(out.index).fillna(0.0).to_numpy())

    if key not in cache:
        cache[key] = draw_access(
            acc.model, acc.draws.sets, supply(current), questions, acc.draws.spec
        )
    after = draw_access(acc.model, acc.draws.sets, supply(obj), questions, acc.draws.spec)
    return cache[key], after


def _scenario_ranges(
    frame: pd.DataFrame, before: AccessDraws, after: AccessDraws, data: StudyData
) -> pd.DataFrame:
    """Add the 5-95 % ranges of the shares within reach before, after, and of the change."""
    members = _ranges.Members(before, data)
    out = frame.copy()
    cols = {
        f"share_covered_{w}_{q}": np.full(len(out), np.nan)
        for w in ("before", "after", "change")
        for q in ("p05", "p95")
    }
    for i, row in enumerate(out.to_dict("records")):
        mem = members(str(row["level"]), row["unit"])
        if mem is not None and not len(mem):
            continue
        key = (str(row["facility_type"]), str(row["target_group"]), float(row["threshold_minutes"]))
        b = before.share_covered(key, mem)
        a = after.share_covered(key, mem)
        for name, v in (("before", b), ("after", a), ("change", a - b)):
            cols[f"share_covered_{name}_p05"][i] = AccessDraws.bound(v, 0.05)[0]
            cols[f"share_covered_{name}_p95"][i] = AccessDraws.bound(v, 0.95)[0]
    for name, values in cols.items():
        out[name] = pd.array(values, dtype="Float64")
    return out


def _with_range(
    plan: locate.Plan, after: AccessDraws, q: Any, sectors: list[str] | None
) -> locate.Plan:
    """Return the plan with the 5-95 % range of its target group's share within reach."""
    members = None if sectors is None else after.positions(sectors)
    values = after.share_covered((q.facility_type, q.target_group, float(q.minutes)), members)
    cov = plan.covered.copy()
    for col, qq in (("share_covered_p05", 0.05), ("share_covered_p95", 0.95)):
        cov[col] = np.nan
        if q.target_group in cov.index:
            cov.loc[q.target_group, col] = AccessDraws.bound(values, qq)[0]
    return dataclasses.replace(plan, covered=cov)


def _plan_draws(
    acc: AccessResults,
    data: StudyData,
    plan: locate.Plan,
    q: Any,
    cache: dict[Any, AccessDraws],
) -> tuple[AccessDraws, AccessDraws]:
    """Return today's and the plan's supply drawn with the access draws (paired)."""
    obj = scenario.Scenario.from_plan(
        plan, name=q.name, facility_type=q.facility_type, crs=data.sectors.crs
    )
    current = scenario.Scenario("current", obj.facility_type, obj.add.iloc[:0])
    return _scenario_draws(acc, data, current, obj, [q.target_group], [q.minutes], cache)


def ranged(acc: AccessResults, q: Any, notes: list[Note]) -> bool:
    """Return whether a plan question can be drawn with the access ranges.

    The draws carry the target groups of ``[[access.questions]]`` only (their demand and
    speed ranges); a plan for another group gets no range, and a note that says why.
    """
    if acc.draws is None:
        return False
    if q.target_group in acc.draws.population:
        return True
    notes.append(
        _i18n.note("plan_no_ranges", question=q.name, group=_i18n.Label("group", q.target_group))
    )
    return False
