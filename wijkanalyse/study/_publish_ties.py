"""Ties between published counts of the same new sites (plans, curves, fronts, scenarios)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from wijkanalyse.study._masks import _Mask
from wijkanalyse.study.config import StudyConfig, plan_questions
from wijkanalyse.study.results import PlanResults
from wijkanalyse.suppression import COMPLEMENTARY

if TYPE_CHECKING:
    from wijkanalyse import locate


def _tie_site_sets(
    config: StudyConfig,
    planning: PlanResults,
    plan_masks: dict[tuple[str, Any], tuple[locate.Plan, _Mask, _Mask, str]],
    curves: _Mask | None,
    fronts: _Mask | None,
    scenarios: _Mask | None,
    sharing: _Mask | None = None,
) -> None:
    """Give every published count of the same sites in the same unit the same decision.

    A plan, a curve row, a front point, a sharing cost and a scenario can count the people
    within reach of the same set of new sites; and a plan's marginal gains, added to today's
    count or taken from its total, give the count of every first part of its build order.
    Where any of these is withheld, all are: every other instance of that set, and the
    marginal gains of each plan whose build order passes through it.
    """
    questions = plan_questions(config.plan)
    where: dict[tuple[str, frozenset[str]], list[tuple[_Mask, int, tuple[str, ...]]]] = {}

    def add(q: str, sites: Any, mask: _Mask, pos: int, *cols: str) -> None:
        """Register where a site set's count is shown: its column, then those tied to it."""
        where.setdefault((q, frozenset(str(s) for s in sites)), []).append((mask, pos, cols))

    for (name, _), (plan, cmask, _, group) in plan_masks.items():
        groups = [str(g) for g in cmask.frame.iloc[:, 0]]
        if group in groups:
            add(name, plan.new_sites, cmask, groups.index(group), "covered")
    if curves is not None:
        for pos, row in enumerate(curves.frame.to_dict("records")):
            name = str(row["question"])
            exact = str(row["sites"]).split() if pd.notna(row.get("sites")) else []
            group = questions[name].target_group if name in questions else ""
            add(name, exact, curves, pos, "exact", f"covered_{group}")
            g = planning.greedy.get(name)
            if g is not None:
                add(name, list(g.new_sites[: int(row["p"])]), curves, pos, "greedy")
    if fronts is not None:
        for pos, row in enumerate(fronts.frame.to_dict("records")):
            sites = str(row["sites"]).split() if pd.notna(row.get("sites")) else []
            add(str(row["question"]), sites, fronts, pos, "pop_covered")
    if sharing is not None:
        for pos, row in enumerate(sharing.frame.to_dict("records")):
            sites = str(row["sites"]).split() if pd.notna(row.get("sites")) else []
            add(str(row["question"]), sites, sharing, pos, "pop_covered", "pop_lost")
    if scenarios is not None:
        by_name = {sc.name: sc for sc in config.scenarios}
        for pos, row in enumerate(scenarios.frame.to_dict("records")):
            sc = by_name.get(str(row["scenario"]))
            if sc is None or sc.plan is None or str(row["level"]) != "gemeente":
                continue
            q = questions[sc.plan]
            if q.demand_areas or str(row["target_group"]) != q.target_group:
                continue
            found = planning.plans.get((q.name, None if q.model == "lscp" else sc.p))
            if found is not None and float(row["threshold_minutes"]) == float(q.minutes):
                add(q.name, found.new_sites, scenarios, pos, "covered_after", "covered_change")
    changed = True
    while changed:
        changed = False
        held = {
            k for k, places in where.items() if any(m.withheld(p, cs[0]) for m, p, cs in places)
        }
        for k in held:
            for m, p, cs in where[k]:
                for c in cs:
                    if c in m.frame.columns and not m.withheld(p, c):
                        m.sink(p, c)(COMPLEMENTARY)
                        changed = True
        for (name, _), (plan, _, smask, _) in plan_masks.items():
            order = [str(s) for s in plan.new_sites]
            prefixes = [frozenset(order[:k]) for k in range(1, len(order) + 1)]
            if not any((name, s) in held for s in prefixes):
                continue
            ids = [str(s) for s in smask.frame.iloc[:, 0]]
            for site in order:
                pos = ids.index(site)
                if not smask.withheld(pos, "marginal_gain"):
                    smask.sink(pos, "marginal_gain")(COMPLEMENTARY)
                    changed = True
