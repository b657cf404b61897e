"""Planning questions and scenarios of a study."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import (
    _i18n,
    access,
    locate,
    scenario,
    vocab,
)
from wijkanalyse._errors import (
    DataError,
    InfeasibleError,
)
from wijkanalyse._i18n import Note
from wijkanalyse._validate import listing
from wijkanalyse.access.ranges import AccessDraws, RangeQuestion, draw_access, facility_radii
from wijkanalyse.network import CrowFlies, StreetNetwork
from wijkanalyse.study import _ranges
from wijkanalyse.study import analyse as _analyse
from wijkanalyse.study.accessibility import model_at_speed
from wijkanalyse.study.results import (
    AccessResults,
    Analysis,
    PlanResults,
    StudyData,
)
from wijkanalyse.study.slices import NeedSlice, PlanSlice


def _candidate_sites(
    config: PlanSlice,
    data: StudyData,
    demand: gpd.GeoDataFrame,
    model: StreetNetwork | CrowFlies,
) -> tuple[gpd.GeoDataFrame, list[Note]]:
    cfg = config.plan
    assert cfg is not None
    notes: list[Note] = []
    lang = config.language
    net = model if isinstance(model, StreetNetwork) else None
    user = data.sites
    if "network" in cfg.candidates and net is None:
        notes.append(_i18n.note("plan_no_network_candidates"))
    wijken = data.wijken
    if cfg.candidate_wijken is not None:  # checked against the wijken by load()
        wijken = wijken.loc[cfg.candidate_wijken]
    outlined = wijken[wijken.geometry.notna()]
    real = [w for w in wijken.index if not vocab.is_pseudo_wijk(w)]
    # without every wijk's outline, candidates are kept inside the study area and only
    # sector candidates know their wijk
    whole = len(outlined) < len(real)
    cand = locate.candidate_sites(
        sites=user,
        sectors=demand if "sectors" in cfg.candidates else None,
        network=net,
        grid_m=cfg.grid_m if ("network" in cfg.candidates and net is not None) else None,
        within=data.boundary if whole else outlined[["geometry"]],
    )
    if whole:
        codes = cand.index.str.removeprefix("sector:")
        cand["area"] = np.where(
            cand["source"] == "sector",
            demand["wijk"].reindex(codes).to_numpy(dtype=object),
            None,
        )
        if cfg.candidate_wijken is not None:
            cand = cand[cand["area"].isin(cfg.candidate_wijken)]
    cand = cand.rename(columns={"area": "wijk"})
    cand["wijk_name"] = data.wijken["wijk_name"].reindex(cand["wijk"]).to_numpy()
    # every proposed site by the nearest named street (or stop) and its wijk; a site of the
    # user's own list keeps its name
    streets, stops = data.name_layers
    near = locate.name_sites(cand, streets=streets, stops=stops)
    # a sector centroid far from any named street is named after its sector (a place name)
    own = near["near"].isna() & (cand["source"] == "sector")
    near.loc[own, "near"] = cand.loc[own, "name"].astype("string")
    near.loc[own, "near_kind"] = "sector"
    cand = cand.assign(near=near["near"], near_kind=near["near_kind"], near_m=near["near_m"])
    proposed = cand["source"].isin(["network_node", "sector"]).to_numpy()
    cand.loc[proposed, "name"] = [
        locate.site_label(n, k, w, lang)
        for n, k, w in zip(
            cand.loc[proposed, "near"],
            cand.loc[proposed, "near_kind"],
            cand.loc[proposed, "wijk_name"],
            strict=True,
        )
    ]
    return cand, notes


def _plan_need(
    config: NeedSlice | None, analysis: Analysis | None, demand: gpd.GeoDataFrame
) -> pd.Series:
    """Need as a percentile rank in (0, 1] per sector (higher = more need)."""
    assert config is not None  # a plan rests on [access], which says what need is
    sec, _, label, higher = _analyse._need(config, analysis, [])
    need = pd.to_numeric(sec.reindex(demand.index), errors="coerce")
    pct = need.rank(pct=True, ascending=higher == "higher")
    lost = pct.index[pct.isna() & (demand["pop_total"] > 0)]
    if len(lost):
        raise DataError(
            f"need_weighted: the need ({label}) is unknown for sectors {listing(lost)}; "
            "set need_weighted = false or choose an access.need that covers them."
        )
    return pct.fillna(0.0)


def planning(
    config: PlanSlice,
    data: StudyData,
    acc: AccessResults | None,
    analysis: Analysis | None = None,
) -> PlanResults | None:
    """Solve the ``[plan]`` questions and compare the ``[[scenarios]]``.

    Returns ``None`` when the study has neither, or no ``[access]`` results.
    """
    cfg = config.plan
    if acc is None or (cfg is None and not config.scenarios):
        return None
    notes: list[Note] = []
    demand = access.demand_points(data.sectors, as_point="representative_point")
    model = acc.model
    fac = data.facilities
    members = data.area_members(demand.index)
    plans: dict[tuple[str, int | None], locate.Plan] = {}
    greedy: dict[str, locate.Plan] = {}
    curves = []
    cand = gpd.GeoDataFrame(geometry=[], crs=data.sectors.crs)
    questions = cfg.questions if cfg is not None else []
    if cfg is not None:
        cand, cnotes = _candidate_sites(config, data, demand, model)
        notes += cnotes
    groups = list(config.target_groups)
    for q in questions:
        assert cfg is not None
        dem = demand
        if q.demand_areas:
            labels = list(dict.fromkeys(c for a in q.demand_areas for c in members[a]))
            dem = demand.loc[labels]
        sites = cand
        if q.candidate_wijken is not None:
            sites = cand[cand["wijk"].isin(q.candidate_wijken)]
        existing = fac[
            (fac["type"] == q.facility_type)
            & (fac["status"].fillna(vocab.EXISTING) == vocab.EXISTING)
        ]
        cap_col = None
        if q.capacity_col is not None:
            if q.capacity_col not in existing:
                raise DataError(
                    f"plan question {q.name!r}: the facilities have no column "
                    f"{q.capacity_col!r} (found: {listing(existing.columns)})."
                )
            existing = existing.assign(_capacity=existing[q.capacity_col])
            sites = sites.assign(_capacity=q.new_capacity)
            cap_col = "_capacity"
        full = q.model in ("p_median", "p_center")
        prob = locate.location_problem(
            dem,
            sites,
            # the question's target group at its own speed
            network=model_at_speed(model, config.speeds.get(q.target_group)),
            existing=existing,
            weight=q.target_group,
            need=_plan_need(config.need, analysis, dem) if q.need_weighted else None,
            target_groups=[g for g in groups if g in dem],
            capacity_col=cap_col,
            max_minutes=None if full else q.minutes,
        )
        common: dict[str, Any] = {
            "allow_closing": q.allow_closing,
            "time_limit": cfg.time_limit,
            "mip_gap": cfg.mip_gap,
            "max_minutes": q.minutes,
        }
        for p in [None] if q.model == "lscp" else q.p:
            try:
                opts = common if p is None else {**common, "p": p}
                plans[(q.name, p)] = locate.solve(prob, q.model, **opts)
            except InfeasibleError as exc:
                notes.append(_i18n.note("plan_infeasible", question=q.name, reason=str(exc)))
        if q.model in ("mclp", "p_median") and not q.allow_closing:
            try:
                greedy[q.name] = locate.greedy(
                    prob, model=q.model, p=max(q.p), max_minutes=q.minutes
                )
                if prob.capacity is None:
                    curve = locate.coverage_curve(
                        prob,
                        max_minutes=q.minutes,
                        p_max=max(q.p),
                        model=q.model,
                        time_limit=cfg.time_limit,
                        mip_gap=cfg.mip_gap,
                    )
                    curve.insert(0, "question", q.name)
                    curves.append(curve.reset_index())
            except InfeasibleError as exc:
                notes.append(_i18n.note("plan_infeasible", question=q.name, reason=str(exc)))
    supply: list[tuple[str, tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]]] = []
    if plans and acc.demand_info is not None and acc.demand_info.model != "centroid":
        notes.append(
            _i18n.note(
                "plan_demand_centroid", model=_i18n.note(f"demand_name_{acc.demand_info.model}")
            )
        )
    scenario_draws: dict[str, tuple[AccessDraws, AccessDraws]] = {}
    comparison = _scenarios(
        config, data, demand, acc, plans, members, notes, supply, scenario_draws
    )
    return PlanResults(
        plans=plans,
        greedy=greedy,
        curves=pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(),
        candidates=cand,
        scenarios=comparison,
        notes=tuple(notes),
        scenario_supply=tuple(supply),
        scenario_draws=scenario_draws,
    )


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
    questions = {q.name: q for q in (cfg.plan.questions if cfg.plan else [])}
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
