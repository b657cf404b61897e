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
    vocab,
)
from wijkanalyse._errors import (
    DataError,
    InfeasibleError,
)
from wijkanalyse._i18n import Note, Num
from wijkanalyse._validate import listing
from wijkanalyse.access.ranges import AccessDraws
from wijkanalyse.network import CrowFlies, StreetNetwork
from wijkanalyse.study import _plan_joint, _plan_norms
from wijkanalyse.study import analyse as _analyse
from wijkanalyse.study._plan_scenarios import _plan_draws, _scenarios, _with_range, ranged
from wijkanalyse.study.accessibility import model_at_speed
from wijkanalyse.study.config import PlanQuestion, weighted_by_need
from wijkanalyse.study.results import (
    AccessResults,
    Analysis,
    PlanResults,
    RobustInfo,
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
    config: NeedSlice | None,
    analysis: Analysis | None,
    demand: gpd.GeoDataFrame,
    notes: list[Note] | None = None,
    question: str = "",
) -> pd.Series:
    """Need as a percentile rank in (0, 1] per sector (higher = more need).

    A populated sector whose need is unknown (its index withheld or not computed) takes the
    median rank of the known sectors of its wijk, or 0.5 (the middle) without any; a note
    names them. Its residents still count: leaving them out would plan as if nobody lived
    there.
    """
    assert config is not None  # a plan rests on [access], which says what need is
    sec, _, label, higher = _analyse._need(config, analysis, [])
    need = pd.to_numeric(sec.reindex(demand.index), errors="coerce")
    pct = need.rank(pct=True, ascending=higher == "higher")
    lost = pct.index[pct.isna() & (demand["pop_total"] > 0)]
    if len(lost):
        wijk = demand["wijk"].astype(str) if "wijk" in demand else pd.Series("", demand.index)
        by_wijk = pct.groupby(wijk).median()
        pct.loc[lost] = by_wijk.reindex(wijk.loc[lost]).fillna(0.5).to_numpy()
        if notes is not None:
            notes.append(
                _i18n.note(
                    "plan_need_filled",
                    question=question,
                    need=label,
                    n=len(lost),
                    # codes only: a count in English ("… in all") would mix languages
                    sectors=", ".join(map(str, lost[:4])) + (", …" if len(lost) > 4 else ""),
                )
            )
    return pct.fillna(0.0)


def weighted(q: PlanQuestion, need: NeedSlice | None, analysis: Analysis | None) -> bool:
    """Return whether a plan question weighs residents by need, in this study."""
    has_index = analysis is not None and bool(analysis.index)
    return weighted_by_need(q, need.need if need is not None else None, has_index)


def _question_need(
    config: PlanSlice,
    analysis: Analysis | None,
    demand: gpd.GeoDataFrame,
    q: PlanQuestion,
    dem: gpd.GeoDataFrame,
    notes: list[Note],
) -> tuple[pd.Series | None, pd.Series | None]:
    """Return a question's need per sector and per demand point (``None``: not weighted)."""
    if not weighted(q, config.need, analysis):
        return None, None
    sectors = dem["sector"].astype(str)
    need_sec = _plan_need(config.need, analysis, demand.loc[sorted(set(sectors))], notes, q.name)
    return need_sec, pd.Series(need_sec.reindex(sectors).to_numpy(), dem.index)


def _points(acc: AccessResults, demand: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the demand points of the access step (the sector centroids without them)."""
    if acc.demand is not None:
        return acc.demand
    return demand.assign(sector=demand.index.astype(str))


def planning(
    config: PlanSlice,
    data: StudyData,
    acc: AccessResults | None,
    analysis: Analysis | None = None,
) -> PlanResults | None:
    """Solve the ``[plan]`` questions and compare the ``[[scenarios]]``.

    Residents are counted where the access step puts them (street points by default). An
    MCLP question with access ranges is also asked across their draws: its sites are
    chosen for the robust objective, each site gets its selection frequency, and every plan
    the 5-95 % range of its coverage. Returns ``None`` when the study has neither questions
    nor scenarios, or no ``[access]`` results.
    """
    cfg = config.plan
    if acc is None or (cfg is None and not config.scenarios):
        return None
    notes: list[Note] = []
    demand = access.demand_points(data.sectors, as_point="representative_point")
    points = _points(acc, demand)
    model = acc.model
    fac = data.facilities
    members = data.area_members(demand.index)
    plans: dict[tuple[str, int | None], locate.Plan] = {}
    greedy: dict[str, locate.Plan] = {}
    curves = []
    fronts = []
    robust: dict[tuple[str, int | None], RobustInfo] = {}
    cand = gpd.GeoDataFrame(geometry=[], crs=data.sectors.crs)
    questions = cfg.questions if cfg is not None else []
    if cfg is not None:
        cand, cnotes = _candidate_sites(config, data, demand, model)
        notes += cnotes
    groups = list(config.target_groups)
    scenario_draws: dict[str, tuple[AccessDraws, AccessDraws]] = {}
    plan_draws: dict[tuple[str, int | None], tuple[AccessDraws, AccessDraws]] = {}
    cache: dict[Any, AccessDraws] = {}
    for q in questions:
        assert cfg is not None
        sectors_q: list[str] | None = None
        dem = points
        if q.demand_areas:
            sectors_q = list(dict.fromkeys(c for a in q.demand_areas for c in members[a]))
            dem = points[points["sector"].astype(str).isin(sectors_q)]
            notes += _far_apart(
                q, members, demand, config.speeds.get(q.target_group) or model.profile.speed_kmh
            )
        sites = cand
        if q.candidate_wijken is not None:
            sites = cand[cand["wijk"].isin(q.candidate_wijken)]
        existing = _plan_joint.existing_of(fac, q.facility_type)
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
        need_sec, need_pt = _question_need(config, analysis, demand, q, dem, notes)
        full = q.model in ("p_median", "p_center")
        at_speed = model_at_speed(model, config.speeds.get(q.target_group))
        prob = locate.location_problem(
            dem,
            sites,
            network=at_speed,
            existing=existing,
            weight=q.target_group,
            need=need_pt,
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
        cover = None
        chosen = None
        drawn = ranged(acc, q, notes)
        plain = cap_col is None and not q.allow_closing
        if drawn and plain and q.model in ("mclp", "p_median", "p_center"):
            assert acc.draws is not None
            # the question in each draw of the access ranges: its demand, speed, detour and
            # today's centres as drawn there
            asked: dict[str, Any] = {
                "facility_type": q.facility_type,
                "target_group": q.target_group,
                "need": need_sec,
                "sectors": sectors_q,
            }
            if q.model == "mclp":
                cover = locate.draw_cover(
                    model, acc.draws, existing, sites, max_minutes=q.minutes, **asked
                )
            else:  # how often each site is chosen across the draws
                chosen = locate.model_frequency(
                    locate.draw_problems(
                        model, acc.draws, existing, sites, min_sites=max(q.p), **asked
                    ),
                    model=q.model,
                    p=q.p,
                    time_limit=cfg.time_limit,
                    mip_gap=cfg.mip_gap,
                )
        objective = q.robust_objective if cover is not None else "none"
        for p in [None] if q.model == "lscp" else q.p:
            try:
                if objective != "none" and p is not None:
                    rp = locate.robust_mclp(
                        cover,  # type: ignore[arg-type]
                        p=p,
                        objective=objective,  # type: ignore[arg-type]
                        q=q.robust_q,
                        time_limit=cfg.time_limit,
                        mip_gap=cfg.mip_gap,
                    )
                    plan = locate.plan_of_sites(
                        prob,
                        list(rp.sites),
                        model="mclp",
                        p=p,
                        max_minutes=q.minutes,
                        method=f"robust_{objective}",
                        status=rp.status,
                        gap=rp.gap,
                        seconds=rp.seconds,
                    )
                else:
                    opts = common if p is None else {**common, "p": p}
                    plan = locate.solve(prob, q.model, **opts)
            except InfeasibleError as exc:
                notes.append(_i18n.note("plan_infeasible", question=q.name, reason=str(exc)))
                continue
            if drawn:
                plan_draws[(q.name, p)] = _plan_draws(acc, data, plan, q, cache)
                plan = _with_range(plan, plan_draws[(q.name, p)][1], q, sectors_q)
            plans[(q.name, p)] = plan
            notes += _own_point(plan, q)
            if chosen is not None and p is not None:
                share = chosen[p].reindex(sites.index.astype(str), fill_value=0.0)
                robust[(q.name, p)] = RobustInfo(
                    objective="none", q=q.robust_q, frequency=share, draws=acc.draws.n_draws
                )
            if cover is not None and p is not None:
                freq = locate.selection_frequency(
                    cover, p=p, time_limit=cfg.time_limit, mip_gap=cfg.mip_gap
                )
                robust[(q.name, p)] = RobustInfo(
                    objective=objective,
                    q=q.robust_q,
                    frequency=freq.share,
                    draws=cover.n_draws,
                )
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
        if q.front:
            fronts.append(_front(q, dem, sites, existing, at_speed, need_pt, groups, cfg))
    joint = _plan_joint.joint_plans(
        config,
        data,
        acc,
        points,
        cand,
        members,
        cache,
        need_of=lambda q, dem: _question_need(config, analysis, demand, q, dem, notes)[1],
    )
    questions_by_name = cfg.by_name() if cfg is not None else {}
    for (name, _), plan in joint.plans.items():
        notes += _own_point(plan, questions_by_name[name])
    for extra in joint.candidates:
        extra = extra[~extra.index.isin(cand.index)]
        cand = gpd.GeoDataFrame(pd.concat([cand, extra]), crs=cand.crs)
    plans.update(joint.plans)
    plan_draws.update(joint.plan_draws)
    notes += joint.notes
    norms, norm_within = (
        _plan_norms.norms(config, data, acc, points, notes)
        if cfg is not None
        else (pd.DataFrame(), pd.DataFrame())
    )
    supply: list[tuple[str, tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]]] = []
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
        robust=robust,
        plan_draws=plan_draws,
        fronts=pd.concat(fronts, ignore_index=True) if fronts else pd.DataFrame(),
        norms=norms,
        norm_within=norm_within,
        shared=joint.shared,
        sharing=pd.concat(joint.sharing, ignore_index=True) if joint.sharing else pd.DataFrame(),
    )


def _front(
    q: Any,
    dem: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    existing: gpd.GeoDataFrame,
    model: StreetNetwork | CrowFlies,
    need: pd.Series | None,
    groups: list[str],
    cfg: Any,
) -> pd.DataFrame:
    """Return the efficiency–equity front of a question's largest p."""
    prob = locate.location_problem(
        dem,
        sites,
        network=model,
        existing=existing,
        weight=q.target_group,
        need=need,
        target_groups=[g for g in groups if g in dem],
    )
    front = locate.equity_front(
        prob,
        p=max(q.p),
        max_minutes=q.minutes,
        time_limit=cfg.time_limit,
        mip_gap=cfg.mip_gap,
    )
    front = front.drop(columns=["covered"]).rename(columns={"covered_load": "pop_covered"})
    front.insert(0, "question", q.name)
    front.insert(1, "p", max(q.p))
    front.insert(2, "point", range(1, len(front) + 1))
    return front


def _own_point(plan: locate.Plan, q: PlanQuestion) -> list[Note]:
    """Label a plan whose new sites reach only the people on the sites themselves.

    With residents on one point per sector, a new site on a sector's point "covers" that
    sector at distance zero and nobody else: a count that says where the model put people,
    not that anyone walks there. Street points (the default demand) rarely do this.
    """
    asg = plan.assignment
    minutes = pd.to_numeric(asg["minutes"], errors="coerce")
    served = asg["site"].isin(list(plan.new_sites)).to_numpy(bool) & (minutes <= q.minutes)
    if not served.any() or (minutes[served] > 1e-6).any():
        return []
    return [_i18n.note("plan_gain_own_point", question=q.name, p=plan.p or 0)]


def _far_apart(
    q: Any, members: dict[str, list[str]], demand: gpd.GeoDataFrame, speed_kmh: float
) -> list[Note]:
    """Warn when a question's areas lie farther apart than a walk of its threshold.

    With fewer new sites than areas, a site serves at most the areas it can reach: the
    others gain nothing, and a plan "for" all of them is a plan for the largest.
    """
    areas = list(q.demand_areas or [])
    smallest_p = min(q.p) if q.model != "lscp" else len(areas)
    if len(areas) < 2 or smallest_p >= len(areas):
        return []
    reach_m = q.minutes * speed_kmh * 1000.0 / 60.0
    hulls = {
        a: demand.loc[[c for c in members[a] if c in demand.index]].geometry.union_all().convex_hull
        for a in areas
    }
    gaps = [
        (a, b, hulls[a].distance(hulls[b])) for i, a in enumerate(areas) for b in areas[i + 1 :]
    ]
    far = [(a, b, d) for a, b, d in gaps if d > 2 * reach_m]
    if not far:
        return []
    a, b, d = max(far, key=lambda x: x[2])
    return [
        _i18n.note(
            "plan_areas_far_apart",
            question=q.name,
            a=a,
            b=b,
            km=Num(d / 1000.0, 1),
            p=smallest_p,
            n=len(areas),
        )
    ]
