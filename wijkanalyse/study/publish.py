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
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import access, suppression
from wijkanalyse.study import planning as _planning
from wijkanalyse.study._sources import Sources
from wijkanalyse.study.config import StudyConfig
from wijkanalyse.suppression import COMPLEMENTARY, DERIVED, Ledger, Request

if TYPE_CHECKING:
    from wijkanalyse import locate
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


def _members(data: StudyData) -> dict[str, dict[Hashable, list[str]]]:
    """Return the published groupings of sectors: wijk, deelgemeente, gemeente, region, area."""
    s = data.sectors
    groups: dict[str, dict[Hashable, list[str]]] = {}
    for level in ("wijk", "deelgemeente", "gemeente"):
        if level in s:
            col = s[level].dropna().astype(str)
            groups[level] = {u: list(idx) for u, idx in col.groupby(col).groups.items()}
    groups["region"] = {data.region.code: list(s.index.astype(str))}
    groups["area"] = {
        str(a): [c for c in str(row["sectors"]).split() if c in s.index]
        for a, row in data.areas.iterrows()
    }
    return groups


class _Asker:
    """Collects requests with where their answer goes, then releases them all at once."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.requests: list[Request] = []
        self.sinks: list[Callable[[str | None], None]] = []

    def ask(
        self,
        column: str,
        support: pd.Series | tuple[np.ndarray, np.ndarray],
        sink: Callable[[str | None], None],
        *,
        count: bool = True,
        shown: float | None = None,
    ) -> None:
        """Ask to publish Σ weights × ``column``; ``sink(reason)`` receives the decision.

        ``support`` is a Series of weights by sector code, or (positions in the ledger,
        weights). ``shown`` is the value the output would print; when it differs from the
        ledger's own sum over the support, the value is withheld (``COMPLEMENTARY``): a
        support that cannot be reproduced cannot be audited.
        """
        if column not in self.ledger.columns:
            sink(None)
            return
        if isinstance(support, pd.Series):
            pos = self.ledger.positions(support.index)
            coef = support.to_numpy(dtype=float)
        else:
            pos, coef = support
        if np.isnan(coef).any() or (pos < 0).any():
            sink(COMPLEMENTARY)
            return
        if shown is not None and not pd.isna(shown):
            vals = self.ledger.values[column].to_numpy(dtype=float)[pos]
            if abs(float(np.nansum(vals * coef)) - float(shown)) > 0.5:
                sink(COMPLEMENTARY)
                return
        self.requests.append(Request.at(column, pos, coef, count=count))
        self.sinks.append(sink)

    def release(self) -> None:
        for reason, sink in zip(self.ledger.release(self.requests), self.sinks, strict=True):
            sink(reason)


class _Mask:
    """Per (row position, column): the reason a value of a table is withheld."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.reasons: dict[tuple[int, str], str] = {}

    def sink(self, pos: int, column: str) -> Callable[[str | None], None]:
        def put(reason: str | None) -> None:
            if reason is not None:
                self.reasons.setdefault((pos, column), reason)

        return put

    def withheld(self, pos: int, column: str) -> bool:
        return (pos, column) in self.reasons

    def apply(
        self, derived: Mapping[str, Sequence[str]], *, summary: str | None = "suppressed"
    ) -> pd.DataFrame:
        """Return the frame with withheld counts NA and what was derived from them too.

        ``derived`` maps a derived column to the counts it is computed from. ``summary``
        names a column that gets the first reason of each row (``None``: no such column).
        """
        out = self.frame.copy()
        n = len(out)
        row_reason: list[str | None] = [None] * n
        for (pos, col), reason in sorted(self.reasons.items()):
            if col in out:
                out.loc[out.index[pos], col] = np.nan
            row_reason[pos] = row_reason[pos] or reason
        for col, inputs in derived.items():
            if col not in out:
                continue
            hit = np.array([any(self.withheld(i, s) for s in inputs) for i in range(n)], dtype=bool)
            shown = out[col].notna().to_numpy(dtype=bool)
            out[col] = out[col].mask(hit)
            for i in np.flatnonzero(hit & shown):
                row_reason[i] = row_reason[i] or DERIVED
        if summary is not None:
            prev = out[summary] if summary in out else pd.Series(None, index=out.index)
            out[summary] = [
                r if r is not None else (p if isinstance(p, str) else None)
                for r, p in zip(row_reason, prev, strict=True)
            ]
        return out


def _indicator_tables(
    analysis: Analysis, ledger: Ledger, data: StudyData
) -> dict[str, pd.DataFrame]:
    """Withhold the ledger's counts in the indicator tables, and the rates made from them."""
    defs = analysis.definitions
    counted = set(ledger.columns)
    rates: dict[str, list[str]] = {}
    for ind, row in defs.iterrows():
        inputs = [str(row.get(k)) for k in ("numerator", "denominator") if pd.notna(row.get(k))]
        used = [c for c in inputs if c in counted]
        if used and str(ind) not in counted and row.get("kind") != "count":
            rates[str(ind)] = used
    levels = {"wijken": "wijk", "deelgemeenten": "deelgemeente", "areas": "area"}
    out = {}
    for key, table in analysis.indicators.items():
        if key == "sectors":
            masked = ledger.mask_cells(table, [c for c in table.columns if c in counted])
            reasons = ledger.reasons().reindex(table.index.astype(str))
            held = {c: reasons[c].notna().to_numpy() for c in counted if c in reasons}
        else:
            level = table["level"].astype(str) if "level" in table else None
            lv = levels.get(key, key)
            held = {}
            for c in counted:
                why = [
                    ledger.group_reason(_level_of(lv, level, i), u, c)
                    for i, u in enumerate(table.index)
                ]
                held[c] = np.array([w is not None for w in why], dtype=bool)
            masked = table.copy()
            for c in counted:
                if c in masked:
                    hit = held[c] & masked[c].notna().to_numpy(dtype=bool)
                    masked[c] = masked[c].mask(held[c])
                    why_col = np.array(
                        [
                            ledger.group_reason(_level_of(lv, level, i), u, c)
                            for i, u in enumerate(table.index)
                        ],
                        dtype=object,
                    )
                    for reason in (suppression.SMALL_COUNT, COMPLEMENTARY):
                        suppression._set_reason(masked, c, hit & (why_col == reason), reason)
        for ind, used in rates.items():
            if ind in masked:
                hit = np.zeros(len(masked), dtype=bool)
                for c in used:
                    if c in held:
                        hit |= held[c]
                masked = suppression.mask_derived(masked, hit, [ind])
        out[key] = masked
    return out


def _level_of(default: str, levels: pd.Series | None, i: int) -> str:
    """Return the ledger level of row ``i`` of an indicator table (reference rows keep theirs)."""
    if levels is None:
        return default
    lv = str(levels.iloc[i])
    return {"wijk": "wijk", "gemeente": "gemeente", "deelgemeente": "deelgemeente"}.get(
        lv, default if lv == default else lv
    )


# --------------------------------------------------------------------------- access


class _Times:
    """Per facility type: every sector's travel time and method, in the ledger's order."""

    def __init__(self, nearest: pd.DataFrame, ledger: Ledger) -> None:
        self.nearest = nearest
        self.sectors = ledger.sectors
        self.cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def of(self, ftype: str) -> tuple[np.ndarray, np.ndarray]:
        if ftype not in self.cache:
            block = self.nearest.xs(ftype, level="facility_type")
            block.index = block.index.astype(str)
            minutes = pd.to_numeric(block["minutes"], errors="coerce").astype(float)
            euclid = block["method"].fillna("").astype(str).str.startswith("euclidean")
            self.cache[ftype] = (
                minutes.reindex(self.sectors).to_numpy(dtype=float),
                euclid.reindex(self.sectors).fillna(False).to_numpy(dtype=bool),
            )
        return self.cache[ftype]


class _Units:
    """The demand sectors of each unit (wijk, gemeente, sector, area, region), as positions."""

    def __init__(self, demand: gpd.GeoDataFrame, data: StudyData, ledger: Ledger) -> None:
        self.demand, self.data, self.ledger = demand, data, ledger
        self.cache: dict[tuple[str, str], np.ndarray | None] = {}

    def __call__(self, level: str, unit: Any) -> np.ndarray | None:
        key = (level, str(unit))
        if key not in self.cache:
            members = _unit_members(level, unit, self.demand, self.data)
            self.cache[key] = None if members is None else self.ledger.positions(members)
        return self.cache[key]


def _unit_members(
    level: str, unit: Any, demand: gpd.GeoDataFrame, data: StudyData
) -> pd.Index | None:
    if level == "wijk":
        return demand.index[demand["wijk"].astype(str) == str(unit)]
    if level == "gemeente":
        return demand.index[demand["gemeente"].astype(str) == str(unit)]
    if level == "sector":
        return pd.Index([unit]) if unit in demand.index else pd.Index([])
    if level == "area":
        if unit not in data.areas.index:
            return None
        codes = str(data.areas.loc[unit, "sectors"]).split()
        return pd.Index([c for c in codes if c in demand.index])
    if level == data.region.level or level == "region":
        return demand.index
    return None


def _ones(index: pd.Index, where: pd.Series | np.ndarray | None = None) -> pd.Series:
    w = pd.Series(1.0, index=index.astype(str))
    if where is not None:
        w = w[np.asarray(where, dtype=bool)]
    return w


def _at(pos: np.ndarray, where: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Return a plain count over the sectors at ``pos`` (where ``where`` holds)."""
    sel = pos if where is None else pos[where]
    return sel, np.ones(len(sel))


def _coverage(asker: _Asker, cov: pd.DataFrame, times: _Times, units: _Units) -> _Mask:
    frame = cov.reset_index()
    unit_col = frame.columns[0]
    mask = _Mask(frame)
    counts = ["pop_in_group", "pop_covered", "pop_not_covered", "pop_unknown", "pop_estimated"]
    for pos, row in enumerate(frame.to_dict("records")):
        members = units(str(row["level"]), row[unit_col])
        group = str(row["target_group"])
        if members is None:
            for c in counts:
                mask.sink(pos, c)(COMPLEMENTARY)
            continue
        all_minutes, all_euclid = times.of(str(row["facility_type"]))
        minutes, estimated = all_minutes[members], all_euclid[members]
        known = ~np.isnan(minutes)
        within = known & (np.nan_to_num(minutes, nan=np.inf) <= float(row["threshold_minutes"]))
        supports = {
            "pop_in_group": None,
            "pop_covered": within,
            "pop_not_covered": known & ~within,
            "pop_unknown": ~known,
            "pop_estimated": estimated,
        }
        for c, where in supports.items():
            asker.ask(group, _at(members, where), mask.sink(pos, c), shown=_num(row.get(c)))
    return mask


def _num(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _gaps(asker: _Asker, gaps: pd.DataFrame, times: _Times, units: _Units) -> _Mask:
    frame = gaps.reset_index()
    mask = _Mask(frame)
    for pos, row in enumerate(frame.to_dict("records")):
        members = units(str(row["level"]), row["unit"])
        group = str(row["target_group"])
        if members is None:
            for c in ("pop_in_group", "pop_affected", "_known", "mean_minutes"):
                mask.sink(pos, c)(COMPLEMENTARY)
            continue
        minutes = times.of(str(row["facility_type"]))[0][members]
        known = ~np.isnan(minutes)
        beyond = known & (np.nan_to_num(minutes, nan=-np.inf) > float(row["threshold_minutes"]))
        shown_in, shown_aff = _num(row.get("pop_in_group")), _num(row.get("pop_affected"))
        asker.ask(group, _at(members), mask.sink(pos, "pop_in_group"), shown=shown_in)
        asker.ask(group, _at(members, beyond), mask.sink(pos, "pop_affected"), shown=shown_aff)
        asker.ask(group, _at(members, known), mask.sink(pos, "_known"))
    return mask


def _equity(asker: _Asker, equity: pd.DataFrame, times: _Times, units: _Units) -> _Mask:
    frame = equity.reset_index(drop=True)
    mask = _Mask(frame)
    everyone = units("region", "")
    assert everyone is not None
    for pos, row in enumerate(frame.to_dict("records")):
        group = str(row["target_group"])
        minutes = times.of(str(row["facility_type"]))[0][everyone]
        known = ~np.isnan(minutes)
        beyond = known & (np.nan_to_num(minutes, nan=-np.inf) > float(row["threshold_minutes"]))
        asker.ask(group, _at(everyone, known), mask.sink(pos, "population"))
        asker.ask(group, _at(everyone, beyond), mask.sink(pos, "_beyond"))
    return mask


# --------------------------------------------------------------------------- plans


def _minutes_to(
    model: Any, demand: gpd.GeoDataFrame, supply: gpd.GeoSeries, cache: dict[Any, pd.Series]
) -> pd.Series:
    """Travel time of each demand point to the nearest of ``supply`` (cached by its points)."""
    key = (tuple(demand.index), tuple((round(p.x, 3), round(p.y, 3)) for p in supply))
    if key not in cache:
        if len(supply):
            near = model.nearest(demand.geometry, supply)
            cache[key] = pd.to_numeric(near["minutes"], errors="coerce").reindex(demand.index)
        else:
            cache[key] = pd.Series(np.nan, index=demand.index)
    return cache[key]


@dataclasses.dataclass
class _PlanContext:
    model: Any
    demand: gpd.GeoDataFrame
    facilities: gpd.GeoDataFrame
    candidates: gpd.GeoDataFrame
    cache: dict[Any, pd.Series]

    def supply(self, sites: Sequence[Any]) -> gpd.GeoSeries:
        pts = []
        for s in sites:
            if s in self.candidates.index:
                pts.append(self.candidates.geometry.loc[s])
            elif s in self.facilities.index:
                pts.append(self.facilities.geometry.loc[s])
            else:
                raise KeyError(s)
        return gpd.GeoSeries(pts, crs=self.demand.crs)

    def minutes(self, sites: Sequence[Any]) -> pd.Series:
        return _minutes_to(self.model, self.demand, self.supply(sites), self.cache)


def _plan_weights(
    ctx: _PlanContext,
    sites: Sequence[Any],
    *,
    model: str,
    max_minutes: float | None,
    need: pd.Series | None,
) -> tuple[pd.Series, pd.Series]:
    """Per demand unit: covered (0/1) and the objective's weight under ``sites``."""
    minutes = ctx.minutes(sites)
    covered = (minutes <= (max_minutes if max_minutes is not None else np.inf)).astype(float)
    covered = covered.where(minutes.notna(), 0.0)
    mult = need.reindex(ctx.demand.index).astype(float) if need is not None else 1.0
    # MCLP/LSCP: (need-weighted) people covered; p-median: (need-weighted) total minutes
    objective = covered * mult if model in ("mclp", "lscp") else minutes * mult
    covered.index = covered.index.astype(str)
    objective.index = objective.index.astype(str)
    return covered, objective


def _plans(
    asker: _Asker,
    config: StudyConfig,
    sources: Sources,
    planning: PlanResults,
    data: StudyData,
    analysis: Analysis | None,
    ctx_of: Callable[[str], _PlanContext],
) -> dict[tuple[str, Any], tuple[locate.Plan, _Mask, _Mask]]:
    """Ask for every count of every plan; return the masks of ``covered`` and ``selected``."""
    questions = {q.name: q for q in (config.plan.questions if config.plan else [])}
    out = {}
    keyed: list[tuple[tuple[str, Any], locate.Plan]] = [(k, p) for k, p in planning.plans.items()]
    keyed += [((name, "greedy"), plan) for name, plan in planning.greedy.items()]
    for key, plan in keyed:
        q = questions[key[0]]
        ctx = ctx_of(q.name)
        need = (
            _planning._plan_need(config, sources, analysis, ctx.demand) if q.need_weighted else None
        )
        open_sites = list(plan.selected.index)
        covered, objective = _plan_weights(
            ctx, open_sites, model=plan.model, max_minutes=q.minutes, need=need
        )
        cov = plan.covered.reset_index()
        cmask = _Mask(cov)
        for pos, (_, row) in enumerate(cov.iterrows()):
            group = str(row.iloc[0])
            asker.ask(group, covered, cmask.sink(pos, "covered"), shown=_num(row["covered"]))
            asker.ask(
                group,
                covered * 0 + 1,
                cmask.sink(pos, "population"),
                shown=_num(row["population"]),
            )
        sel = plan.selected.reset_index()
        smask = _Mask(sel)
        counted = plan.model in ("mclp", "lscp") and need is None
        order = [s for s in plan.new_sites]
        existing = [s for s in plan.selected.index if bool(plan.selected.loc[s, "existing"])]
        prev = _plan_weights(ctx, existing, model=plan.model, max_minutes=q.minutes, need=need)[1]
        for k, site in enumerate(order):
            now = _plan_weights(
                ctx, existing + order[: k + 1], model=plan.model, max_minutes=q.minutes, need=need
            )[1]
            pos = int(np.flatnonzero(sel.iloc[:, 0].to_numpy() == site)[0])
            shown = _num(sel.loc[pos, "marginal_gain"])
            diff = prev - now if plan.model not in ("mclp", "lscp") else now - prev
            if counted:
                asker.ask(
                    q.target_group,
                    diff,
                    smask.sink(pos, "marginal_gain"),
                    count=bool((diff >= 0).all()),
                    shown=shown,
                )
            prev = now
        if counted:
            asker.ask(q.target_group, objective, cmask.sink(-1, "objective"), shown=plan.objective)
        out[key] = (plan, cmask, smask)
    return out


def _masked_plan(plan: locate.Plan, cmask: _Mask, smask: _Mask) -> locate.Plan:
    cov = cmask.apply(
        {"share_covered": ["covered", "population"], "mean_minutes": ["population"]},
        summary="suppressed",
    )
    cov = cov.set_index(cov.columns[0])
    cov.index.name = plan.covered.index.name
    sel = smask.apply({}, summary="suppressed")
    sel = sel.set_index(sel.columns[0])
    sel.index.name = plan.selected.index.name
    objective = np.nan if cmask.withheld(-1, "objective") else plan.objective
    return dataclasses.replace(plan, covered=cov, selected=sel, objective=objective)


def _curves(
    asker: _Asker,
    config: StudyConfig,
    sources: Sources,
    planning: PlanResults,
    analysis: Any,
    ctx_of: Any,
) -> _Mask:
    curves = planning.curves.reset_index(drop=True)
    mask = _Mask(curves)
    questions = {q.name: q for q in (config.plan.questions if config.plan else [])}
    for pos, (_, row) in enumerate(curves.iterrows()):
        q = questions[str(row["question"])]
        ctx = ctx_of(q.name)
        need = (
            _planning._plan_need(config, sources, analysis, ctx.demand) if q.need_weighted else None
        )
        g = planning.greedy.get(q.name)
        existing = [s for s in g.selected.index if bool(g.selected.loc[s, "existing"])] if g else []
        p = int(row["p"])
        exact_sites = str(row["sites"]).split() if pd.notna(row.get("sites")) else []
        greedy_sites = list(g.new_sites[:p]) if g is not None else []
        counted = q.model in ("mclp", "lscp") and need is None
        for col, sites in (("exact", exact_sites), ("greedy", greedy_sites)):
            try:
                cov, obj = _plan_weights(
                    ctx, existing + sites, model=q.model, max_minutes=q.minutes, need=need
                )
            except KeyError:
                mask.sink(pos, col)(COMPLEMENTARY)
                continue
            asker.ask(
                q.target_group,
                obj,
                mask.sink(pos, col),
                count=counted,
                shown=_num(row[col]) if counted else None,
            )
            if col == "exact":
                for c in curves.columns:
                    if c.startswith("covered_"):
                        asker.ask(
                            c.removeprefix("covered_"),
                            cov,
                            mask.sink(pos, c),
                            shown=_num(row[c]),
                        )
    return mask


def _scenarios(
    asker: _Asker, planning: PlanResults, data: StudyData, model: Any, cache: dict[Any, pd.Series]
) -> _Mask:
    table = planning.scenarios.reset_index(drop=True)
    mask = _Mask(table)
    demand = access.demand_points(data.sectors, demand_point="representative_point")
    supplies = dict(planning.scenario_supply)
    for pos, (_, row) in enumerate(table.iterrows()):
        group = str(row["target_group"])
        members = _unit_members(str(row["level"]), row["unit"], demand, data)
        pair = supplies.get(str(row["scenario"]))
        if members is None or pair is None:
            for c in ("pop_in_group", "covered_before", "covered_after", "covered_change"):
                mask.sink(pos, c)(COMPLEMENTARY)
            continue
        thr = float(row["threshold_minutes"])
        weights = {}
        for when, supply in zip(("before", "after"), pair, strict=True):
            minutes = _minutes_to(model, demand, supply.geometry, cache).reindex(members)
            within = (minutes <= thr).fillna(False).to_numpy(dtype=bool)
            weights[when] = _ones(members).where(within, 0.0)
            asker.ask(
                group,
                weights[when],
                mask.sink(pos, f"covered_{when}"),
                shown=_num(row.get(f"covered_{when}")),
            )
        asker.ask(
            group,
            _ones(members),
            mask.sink(pos, "pop_in_group"),
            shown=_num(row.get("pop_in_group")),
        )
        diff = weights["after"] - weights["before"]
        asker.ask(
            group,
            diff,
            mask.sink(pos, "covered_change"),
            count=bool((diff >= 0).all()),
            shown=_num(row.get("covered_change")),
        )
    return mask


# --------------------------------------------------------------------------- the step


def protect(
    config: StudyConfig,
    sources: Sources,
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
    demand = access.demand_points(s, demand_point="representative_point")
    masks: dict[str, Any] = {}
    if acc is not None and len(acc.nearest):
        times = _Times(acc.nearest, ledger)
        units = _Units(demand, data, ledger)
        if len(acc.coverage):
            masks["coverage"] = _coverage(asker, acc.coverage, times, units)
        if len(acc.gaps):
            masks["gaps"] = _gaps(asker, acc.gaps, times, units)
        if len(acc.equity):
            masks["equity"] = _equity(asker, acc.equity, times, units)
    cache: dict[Any, pd.Series] = {}
    plan_masks: dict[tuple[str, Any], Any] = {}
    if planning is not None and acc is not None:
        members = {
            str(a): [c for c in str(row["sectors"]).split() if c in demand.index]
            for a, row in data.areas.iterrows()
        }
        questions = {q.name: q for q in (config.plan.questions if config.plan else [])}
        contexts: dict[str, _PlanContext] = {}

        def ctx_of(name: str) -> _PlanContext:
            if name not in contexts:
                q = questions[name]
                dem = demand
                if q.demand_areas:
                    labels = list(dict.fromkeys(c for a in q.demand_areas for c in members[a]))
                    dem = demand.loc[labels]
                contexts[name] = _PlanContext(
                    acc.model, dem, data.facilities, planning.candidates, cache
                )
            return contexts[name]

        plan_masks = _plans(asker, config, sources, planning, data, analysis, ctx_of)
        if len(planning.curves):
            masks["curves"] = _curves(asker, config, sources, planning, analysis, ctx_of)
        if len(planning.scenarios):
            masks["scenarios"] = _scenarios(asker, planning, data, acc.model, cache)
    asker.release()

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
            cov = masks["coverage"].apply(
                {"share_covered": ["pop_covered", "pop_not_covered", "pop_in_group", "pop_unknown"]}
            )
            changes["coverage"] = cov.set_index(cov.columns[0])
        if "gaps" in masks:
            gaps = masks["gaps"].apply(
                {
                    "share_not_covered": ["pop_affected", "_known"],
                    "gap_score": ["pop_affected", "_known"],
                    "mean_minutes": ["pop_in_group", "_known"],
                }
            )
            changes["gaps"] = gaps.set_index("unit")
        if "equity" in masks:
            eq = masks["equity"].apply(
                {"share_beyond": ["_beyond", "population"], "mean": ["population"]}, summary=None
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
        if "scenarios" in masks:
            derived = {
                "share_covered_before": ["covered_before", "pop_in_group"],
                "share_covered_after": ["covered_after", "pop_in_group"],
                "share_covered_change": ["covered_change", "covered_before", "covered_after"],
                "mean_minutes_before": ["pop_in_group"],
                "mean_minutes_after": ["pop_in_group"],
                "mean_minutes_change": ["pop_in_group"],
            }
            changes2["scenarios"] = masks["scenarios"].apply(derived)
        pub_plan = dataclasses.replace(planning, **changes2)
    return Published(pub_data, pub_analysis, pub_acc, pub_plan, ledger)
