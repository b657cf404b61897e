"""The study's ``[[plan.joint]]`` questions: two facility types at once, in shared buildings.

Each joint question is answered by :func:`wijkanalyse.locate.joint_mclp` on the demand
points of the access step. The candidates are those of the study (sector centroids, street
nodes, the ``[plan] sites`` such as the city's buildings) and, for each type, the existing
centres of the other type: a new lokaal dienstencentrum may move into an existing
buurtcentrum. Each type's answer becomes an ordinary plan of the question
``<name>.<facility_type>`` (published, ranged and protected like every plan), with the
sites it shares; :func:`wijkanalyse.locate.sharing_cost` adds what 0, 1, 2 … shared sites
cost in people within reach.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import geopandas as gpd
import pandas as pd

from wijkanalyse import _i18n, locate, vocab
from wijkanalyse._errors import DataError, InfeasibleError
from wijkanalyse._i18n import Note
from wijkanalyse.access.ranges import AccessDraws
from wijkanalyse.network import CrowFlies, StreetNetwork
from wijkanalyse.study._plan_scenarios import _plan_draws, _with_range, ranged
from wijkanalyse.study.accessibility import model_at_speed
from wijkanalyse.study.config import JointQuestion, PlanQuestion
from wijkanalyse.study.results import AccessResults, StudyData
from wijkanalyse.study.slices import PlanSlice

#: ``source`` of a candidate that is an existing centre of the other type
OTHER_FACILITY = "other_facility"


def existing_of(facilities: gpd.GeoDataFrame, facility_type: str) -> gpd.GeoDataFrame:
    """Return the existing facilities of a type (a missing status counts as existing)."""
    status = facilities["status"].fillna(vocab.EXISTING) if "status" in facilities else None
    keep = facilities["type"] == facility_type
    if status is not None:
        keep &= status == vocab.EXISTING
    return facilities[keep]


@dataclasses.dataclass
class JointAnswers:
    """The plans of the joint questions, their draws, shared sites and sharing costs."""

    plans: dict[tuple[str, int | None], locate.Plan] = dataclasses.field(default_factory=dict)
    plan_draws: dict[tuple[str, int | None], tuple[AccessDraws, AccessDraws]] = dataclasses.field(
        default_factory=dict
    )
    shared: dict[tuple[str, int | None], tuple[str, ...]] = dataclasses.field(default_factory=dict)
    sharing: list[pd.DataFrame] = dataclasses.field(default_factory=list)
    #: the existing centres offered to the other type, as candidates (with their wijk)
    candidates: list[gpd.GeoDataFrame] = dataclasses.field(default_factory=list)
    notes: list[Note] = dataclasses.field(default_factory=list)


def joint_plans(
    config: PlanSlice,
    data: StudyData,
    acc: AccessResults,
    points: gpd.GeoDataFrame,
    candidates: gpd.GeoDataFrame,
    members: dict[str, list[str]],
    cache: dict[Any, AccessDraws],
    need_of: Callable[[PlanQuestion, gpd.GeoDataFrame], pd.Series | None],
) -> JointAnswers:
    """Answer every ``[[plan.joint]]`` question of the study (see the module)."""
    cfg = config.plan
    out = JointAnswers()
    if cfg is None:
        return out
    for j in cfg.joint:
        dem = points
        sectors: list[str] | None = None
        if j.demand_areas:
            sectors = list(dict.fromkeys(c for a in j.demand_areas for c in members[a]))
            dem = points[points["sector"].astype(str).isin(sectors)]
        sites = candidates
        if j.candidate_wijken is not None:
            sites = candidates[candidates["wijk"].isin(j.candidate_wijken)]
        questions = j.questions()
        out.candidates += [other_candidates(data, q.facility_type, sites.crs) for q in questions]
        probs = [
            _problem(config, data, acc.model, dem, sites, q, other.facility_type, need_of(q, dem))
            for q, other in zip(questions, reversed(questions), strict=True)
        ]
        a, b = j.types
        solve: dict[str, Any] = {
            "p_a": a.p,
            "p_b": b.p,
            "max_minutes_a": a.minutes,
            "max_minutes_b": b.minutes,
            "weight_a": a.weight,
            "weight_b": b.weight,
            "time_limit": cfg.time_limit,
            "mip_gap": cfg.mip_gap,
        }
        try:
            plan = locate.joint_mclp(
                *probs, share_bonus=j.share_bonus, min_shared=j.min_shared, **solve
            )
        except (DataError, InfeasibleError) as exc:
            out.notes.append(_i18n.note("plan_infeasible", question=j.name, reason=str(exc)))
            continue
        for q, prob, chosen in zip(questions, probs, (plan.sites_a, plan.sites_b), strict=True):
            p = q.p[0]
            if p == 0:  # no new centre of this type: it has no plan of its own
                continue
            drawn = ranged(acc, q, out.notes)
            one = locate.plan_of_sites(
                prob,
                list(chosen),
                model="mclp",
                p=p,
                max_minutes=q.minutes,
                method="joint",
                status=plan.status,
                gap=plan.gap,
                seconds=plan.seconds,
            )
            key = (q.name, p)
            if drawn:
                out.plan_draws[key] = _plan_draws(acc, data, one, q, cache)
                one = _with_range(one, out.plan_draws[key][1], q, sectors)
            out.plans[key] = one
            out.shared[key] = plan.shared
        known = {j.min_shared: plan} if j.share_bonus == 0 else {}
        out.sharing.append(_sharing(j, probs, solve, known))
    return out


def _problem(
    config: PlanSlice,
    data: StudyData,
    model: StreetNetwork | CrowFlies,
    dem: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    q: Any,
    other_type: str,
    need: pd.Series | None,
) -> locate.LocationProblem:
    """One type's problem: the study's candidates and the other type's existing centres."""
    fac = data.facilities
    extra = other_candidates(data, other_type, sites.crs)
    if q.candidate_wijken is not None:
        extra = extra[extra["wijk"].isin(q.candidate_wijken)]
    cand = pd.concat([sites[["name", "source", "geometry"]], extra[["name", "source", "geometry"]]])
    return locate.location_problem(
        dem,
        gpd.GeoDataFrame(cand, geometry="geometry", crs=sites.crs),
        network=model_at_speed(model, config.speeds.get(q.target_group)),
        existing=existing_of(fac, q.facility_type),
        weight=q.target_group,
        need=need,
        target_groups=[g for g in config.target_groups if g in dem],
        max_minutes=q.minutes,
    )


def other_candidates(data: StudyData, facility_type: str, crs: Any) -> gpd.GeoDataFrame:
    """Return the existing centres of a type as candidates for the other, with their wijk."""
    other = existing_of(data.facilities, facility_type)
    extra = gpd.GeoDataFrame(
        {"name": other["name"].astype("string"), "source": OTHER_FACILITY},
        geometry=other.geometry.to_numpy(),
        index=pd.Index(other.index.astype(str), name="site_id"),
        crs=crs,
    )
    wijken = data.wijken[data.wijken.geometry.notna()]
    outlines = gpd.GeoDataFrame(
        {"_wijk": wijken.index.astype(str)}, geometry=wijken.geometry.to_numpy(), crs=wijken.crs
    )
    hit = gpd.sjoin(extra, outlines.to_crs(crs), predicate="within", how="left")
    hit = hit[~hit.index.duplicated()]
    extra["wijk"] = hit["_wijk"].reindex(extra.index).to_numpy()
    extra["wijk_name"] = data.wijken["wijk_name"].reindex(extra["wijk"]).to_numpy()
    return extra


def _sharing(
    j: JointQuestion,
    probs: list[locate.LocationProblem],
    solve: dict[str, Any],
    known: dict[int, locate.JointPlan],
) -> pd.DataFrame:
    """Return what 0, 1, 2 … shared sites cost, one row per number and type."""
    cost = locate.sharing_cost(*probs, **solve, known=known)
    names = pd.concat([p.site_table["name"] for p in probs])
    names = names[~names.index.duplicated()]
    rows = []
    for q, side, prob in zip(j.questions(), ("a", "b"), probs, strict=True):
        # people within reach (the solver's coverage is weighted by need where asked)
        people = [_people(prob, str(sites).split(), q) for sites in cost[f"sites_{side}"]]
        for (_, r), count in zip(cost.iterrows(), people, strict=True):
            shared = str(r["shared"]).split()
            rows.append(
                {
                    "joint": j.name,
                    "min_shared": int(r["min_shared"]),
                    "question": q.name,
                    "facility_type": q.facility_type,
                    "target_group": q.target_group,
                    "max_minutes": q.minutes,
                    "sites": r[f"sites_{side}"],
                    "shared": r["shared"],
                    "shared_names": "; ".join(str(names.get(s, s)) for s in shared),
                    "pop_covered": count,
                    "pop_lost": people[0] - count,
                    "status": r["status"],
                }
            )
    return pd.DataFrame(rows)


def _people(prob: locate.LocationProblem, sites: list[str], q: PlanQuestion) -> float:
    """Return the people of a question's group within reach of today's and ``sites``."""
    plan = locate.plan_of_sites(
        prob, sites, model="mclp", p=q.p[0], max_minutes=q.minutes, method="joint"
    )
    value: Any = plan.covered.loc[q.target_group, "covered"]
    return float(value)
