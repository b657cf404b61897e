"""What a study may publish: its results with every disclosive count withheld.

The study step between the analysis and the writers. :func:`protect` builds one
:class:`~wijkanalyse.suppression.Ledger` of the study's sector counts and passes every
person count the outputs would show through it: the sector, wijk, deelgemeente, gemeente and
area totals; the rates computed from them; coverage, gaps and equity per unit; the plans
(people within reach, gain per site, mean travel time); the coverage curves; the scenarios.
Each such number is a weighted sum of sector counts over the sectors it counts (its
*support*), recomputed here from the travel times, so that the ledger can tell what it would
give away. What is withheld becomes NA with a reason; the writers, the summary, the maps and
the reports only ever see the protected results.

Everything is recomputed from the same distance model the study used; where a recomputed
count does not equal the published one (it should), the count is withheld rather than
trusted.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import pandas as pd

from wijkanalyse import access, suppression
from wijkanalyse.study._atoms import Atoms, guard_sums
from wijkanalyse.study._masks import _Asker, _indicator_tables, _members
from wijkanalyse.study._publish_access import (
    _Bounds,
    _coverage,
    _equity,
    _gaps,
    _Times,
    _Units,
)
from wijkanalyse.study._publish_plans import (
    _curves,
    _fronts,
    _masked_plan,
    _masked_sharing,
    _norm_counts,
    _PlanContext,
    _plans,
    _sharing,
)
from wijkanalyse.study._publish_scenarios import _scenarios
from wijkanalyse.study._publish_ties import _tie_site_sets
from wijkanalyse.study.accessibility import model_at_speed
from wijkanalyse.study.config import StudyConfig, plan_questions
from wijkanalyse.study.slices import speeds_of
from wijkanalyse.suppression import Ledger

if TYPE_CHECKING:
    from wijkanalyse.study.trends import TrendResults
from wijkanalyse.study.results import AccessResults, Analysis, PlanResults, StudyData

__all__ = ["Published", "protect"]


@dataclasses.dataclass(frozen=True)
class Published:
    """A study's results as they may be published, and the ledger that decided it."""

    data: StudyData
    analysis: Analysis | None
    access: AccessResults | None
    planning: PlanResults | None
    ledger: Ledger
    #: the ``[trends]`` tables, protected by their own step (:mod:`wijkanalyse.study.trends`)
    trends: TrendResults | None = None


# --------------------------------------------------------------------------- the step


def _tie_equity(equity: Any, coverage: Any, data: StudyData) -> None:
    """Withhold the share beyond reach of the whole area with its withheld coverage counts.

    The equity table's share beyond the threshold over everyone, times its published group
    total, is the study area's count out of reach: where the coverage table withholds that
    count (or the count within reach), the share would give it back.
    """
    keys = ["facility_type", "target_group", "threshold_minutes"]
    cov = coverage.frame
    level = "gemeente" if data.region.is_municipality else data.region.level
    whole = cov[cov["level"].astype(str) == level]
    for pos, row in enumerate(equity.frame.to_dict("records")):
        match = whole
        for k in keys:
            match = match[match[k] == row[k]]
        held = any(
            coverage.withheld(int(i), c)
            for i in match.index
            for c in ("pop_covered", "pop_not_covered")
        )
        if held:
            for c in ("_beyond", "_p05", "_p95"):
                equity.sink(pos, c)(suppression.COMPLEMENTARY)


def _plan_units(data: StudyData, questions: dict[str, Any]) -> dict[str, dict[Any, list[str]]]:
    """Return the study's units, and the demand of each plan question over areas as one.

    A plan over Hoogland and Wijgmaal publishes counts of both together: the parts'
    ledgers must know that union to protect its counts like any area's.
    """
    groups = _members(data)
    members = data.area_members(data.sectors.index)
    area = dict(groups.get("area", {}))
    for q in questions.values():
        if q.demand_areas:
            area[f"plan:{q.name}"] = list(
                dict.fromkeys(c for a in q.demand_areas for c in members[a])
            )
    groups["area"] = area
    return groups


def protect(
    config: StudyConfig,
    data: StudyData,
    analysis: Analysis | None = None,
    acc: AccessResults | None = None,
    planning: PlanResults | None = None,
) -> Published:
    """Return the study's results as they may be published (see the module docstring)."""
    thr = config.indicators.suppression_threshold
    s = data.sectors
    columns = [
        c
        for c in s.columns
        if suppression.counts_persons(c) and pd.api.types.is_numeric_dtype(s[c])
    ]
    ledger = Ledger(s[columns], groups=_members(data), threshold=thr)
    asker = _Asker(ledger)
    demand = access.demand_points(s, as_point="representative_point")
    masks: dict[str, Any] = {}
    speeds = speeds_of(config)
    atoms: Atoms | None = None
    if acc is not None and len(acc.nearest):
        profile_speed = acc.model.profile.speed_kmh
        factors = {g: profile_speed / v for g, v in speeds.items() if v != profile_speed}
        times = _Times(acc.nearest, ledger, factors, acc.demand)
        units = _Units(demand, data, ledger)
        bounds = _Bounds(acc.draws, data, ledger)
        # residents spread over points split sectors into parts: their own ledgers
        if acc.demand_info is not None and acc.demand_info.model != "centroid":
            plan_q = plan_questions(config.plan)
            atoms = Atoms(ledger.sectors, _plan_units(data, plan_q), thr, data.region.level)
        if len(acc.coverage):
            masks["coverage"] = _coverage(asker, acc.coverage, times, units, bounds, atoms)
        if len(acc.gaps):
            masks["gaps"] = _gaps(asker, acc.gaps, times, units, bounds, atoms)
        if len(acc.equity):
            masks["equity"] = _equity(asker, acc.equity, times, units, bounds)
    cache: dict[Any, pd.Series] = {}
    plan_masks: dict[tuple[str, Any], Any] = {}
    if planning is not None and acc is not None:
        members = data.area_members(demand.index)
        questions = plan_questions(config.plan)
        contexts: dict[str, _PlanContext] = {}
        points = acc.demand if acc.demand is not None else demand.assign(sector=demand.index)

        def ctx_of(name: str) -> _PlanContext:
            if name not in contexts:
                q = questions[name]
                level, unit = "region", data.region.code
                sectors = pd.Index(demand.index.astype(str))
                if q.demand_areas:
                    sectors = pd.Index(
                        list(dict.fromkeys(c for a in q.demand_areas for c in members[a]))
                    )
                    level, unit = "area", f"plan:{q.name}"
                dem = points[points["sector"].astype(str).isin(sectors)]
                model = model_at_speed(acc.model, speeds.get(q.target_group))
                contexts[name] = _PlanContext(
                    model,
                    dem,
                    data.facilities,
                    planning.candidates,
                    cache,
                    sectors=sectors,
                    level=level,
                    unit=unit,
                )
            return contexts[name]

        plan_masks = _plans(asker, config, planning, data, analysis, ctx_of, atoms)
        if len(planning.curves):
            masks["curves"] = _curves(asker, config, planning, analysis, ctx_of, data, atoms)
        if len(planning.fronts):
            masks["fronts"] = _fronts(asker, config, planning, ctx_of, atoms)
        if len(planning.sharing):
            masks["sharing"] = _sharing(asker, config, planning, ctx_of, data, atoms)
        if len(planning.norms):
            masks["norms"] = _norm_counts(asker, planning, data, atoms)
        if len(planning.scenarios):
            masks["scenarios"] = _scenarios(
                asker, planning, data, acc.model, cache, speeds, acc.demand, atoms
            )
    asker.release()
    if atoms is not None:
        atoms.release()
        # a unit minus its published parts must not be small either
        q = ["facility_type", "target_group", "threshold_minutes"]
        sec = data.sectors
        wijk_of = sec["wijk"].astype(str).to_dict() if "wijk" in sec else {}
        gemeente_of = (
            dict(zip(sec["wijk"].astype(str), sec["gemeente"].astype(str), strict=True))
            if {"wijk", "gemeente"} <= set(sec.columns)
            else {}
        )
        if "coverage" in masks:
            cov_cols = ["pop_covered", "pop_not_covered", "pop_unknown"]
            unit_col = str(masks["coverage"].frame.columns[0])
            guard_sums(
                masks["coverage"],
                thr,
                unit_col=unit_col,
                columns=cov_cols,
                keys=q,
                whole="gemeente",
                part="wijk",
                parent=gemeente_of,
                also=cov_cols,
            )
        if "gaps" in masks:
            guard_sums(
                masks["gaps"],
                thr,
                unit_col="unit",
                columns=["pop_affected"],
                keys=q,
                whole="wijk",
                part="sector",
                parent=wijk_of,
                also=["_known"],
            )
        if "scenarios" in masks:
            sc_cols = ["covered_before", "covered_after", "covered_change"]
            guard_sums(
                masks["scenarios"],
                thr,
                unit_col="unit",
                columns=sc_cols,
                keys=[*q, "scenario"],
                whole="gemeente",
                part="wijk",
                parent=gemeente_of,
                also=sc_cols,
            )

    if "equity" in masks and "coverage" in masks:
        _tie_equity(masks["equity"], masks["coverage"], data)
    if planning is not None and acc is not None:
        _tie_site_sets(
            config,
            planning,
            plan_masks,
            masks.get("curves"),
            masks.get("fronts"),
            masks.get("scenarios"),
            masks.get("sharing"),
        )
    pub_data = dataclasses.replace(
        data,
        sectors=ledger.mask_cells(s, columns),
        wijken=ledger.mask_groups(data.wijken, "wijk", columns),
        areas=ledger.mask_groups(data.areas, "area", columns),
    )
    pub_analysis = (
        dataclasses.replace(analysis, indicators=_indicator_tables(analysis, ledger, data))
        if analysis is not None
        else None
    )
    pub_acc = acc
    if acc is not None:
        changes: dict[str, Any] = {}
        if "coverage" in masks:
            shown = ["pop_covered", "pop_not_covered", "pop_in_group", "pop_unknown"]
            cov = masks["coverage"].apply(
                {
                    "share_covered": shown,
                    "share_covered_p05": [*shown, "_p05"],
                    "share_covered_p95": [*shown, "_p95"],
                }
            )
            changes["coverage"] = cov.set_index(cov.columns[0])
        if "gaps" in masks:
            gaps = masks["gaps"].apply(
                {
                    "share_not_covered": ["pop_affected", "_known"],
                    "share_not_covered_p05": ["pop_affected", "_known", "_p05"],
                    "share_not_covered_p95": ["pop_affected", "_known", "_p95"],
                    "gap_score": ["pop_affected", "_known"],
                    "mean_minutes": ["pop_in_group", "_known"],
                    "mean_minutes_p05": ["pop_in_group", "_known"],
                    "mean_minutes_p95": ["pop_in_group", "_known"],
                }
            )
            changes["gaps"] = gaps.set_index("unit")
        if "equity" in masks:
            eq = masks["equity"].apply(
                {
                    "share_beyond": ["_beyond", "population"],
                    "share_beyond_p05": ["_beyond", "population", "_p05"],
                    "share_beyond_p95": ["_beyond", "population", "_p95"],
                    "mean": ["population"],
                    "mean_p05": ["population"],
                    "mean_p95": ["population"],
                    "p90_p05": ["population"],
                    "p90_p95": ["population"],
                },
                summary=None,
            )
            changes["equity"] = eq
        pub_acc = dataclasses.replace(acc, **changes)
    pub_plan = planning
    if planning is not None and acc is not None:
        plans = {k: _masked_plan(*plan_masks[k]) for k in planning.plans}
        greedy = {n: _masked_plan(*plan_masks[(n, "greedy")]) for n in planning.greedy}
        changes2: dict[str, Any] = {"plans": plans, "greedy": greedy}
        if "curves" in masks:
            changes2["curves"] = masks["curves"].apply(
                {"exact_share": ["exact"], "greedy_share": ["greedy"]}, summary="suppressed"
            )
        if "fronts" in masks:
            changes2["fronts"] = masks["fronts"].apply(
                {"share_covered": ["pop_covered"]}, summary="suppressed"
            )
        if "sharing" in masks:
            changes2["sharing"] = _masked_sharing(masks["sharing"])
        if "norms" in masks:
            changes2["norms"] = masks["norms"].apply(
                {"share_within_distance": ["pop_within_distance", "population_located"]},
                summary="suppressed",
            )
        if "scenarios" in masks:
            derived = {
                "share_covered_before": ["covered_before", "pop_in_group"],
                "share_covered_after": ["covered_after", "pop_in_group"],
                "share_covered_change": ["covered_change", "covered_before", "covered_after"],
                "mean_minutes_before": ["pop_in_group"],
                "mean_minutes_after": ["pop_in_group"],
                "mean_minutes_change": ["pop_in_group"],
                **{
                    f"share_covered_{w}{q}": [
                        "covered_before",
                        "covered_after",
                        "pop_in_group",
                        f"_{w}{q}",
                    ]
                    for w in ("before", "after", "change")
                    for q in ("_p05", "_p95")
                },
            }
            changes2["scenarios"] = masks["scenarios"].apply(derived)
        pub_plan = dataclasses.replace(planning, **changes2)
    return Published(pub_data, pub_analysis, pub_acc, pub_plan, ledger)
