"""What plans, coverage curves and scenarios may show: people within reach, per site."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import access
from wijkanalyse.study import planning as _planning
from wijkanalyse.study.config import StudyConfig, plan_questions
from wijkanalyse.study.slices import NeedSlice
from wijkanalyse.suppression import COMPLEMENTARY, SMALL_COUNT

if TYPE_CHECKING:
    from wijkanalyse import locate
from wijkanalyse.access.ranges import AccessDraws
from wijkanalyse.study._atoms import Atoms, smaller_side
from wijkanalyse.study._demand import sector_means
from wijkanalyse.study._masks import _Asker, _Mask
from wijkanalyse.study._plan_joint import existing_of
from wijkanalyse.study._publish_access import _num, _split_small
from wijkanalyse.study.results import Analysis, PlanResults, StudyData

# --------------------------------------------------------------------------- plans


def _minutes_to(
    model: Any, demand: gpd.GeoDataFrame, supply: gpd.GeoSeries, cache: dict[Any, pd.Series]
) -> pd.Series:
    """Travel time of each demand point to the nearest of ``supply`` (cached by its points)."""
    speed = model.profile.speed_kmh
    key = (
        speed,
        len(demand),
        hash(tuple(demand.index)),
        tuple((round(p.x, 3), round(p.y, 3)) for p in supply),
    )
    if key not in cache:
        if len(supply):
            near = model.nearest(demand.geometry, supply)
            cache[key] = pd.to_numeric(near["minutes"], errors="coerce").reindex(demand.index)
        else:
            cache[key] = pd.Series(np.nan, index=demand.index)
    return cache[key]


@dataclasses.dataclass
class _PlanContext:
    """A question's demand points (with ``sector``), its supply and where it is counted.

    ``level`` and ``unit`` name the question's demand as a unit of the parts' ledgers
    (:class:`~wijkanalyse.study._atoms.Atoms`): the region, one area, or the union of its
    areas (registered under ``area`` as ``plan:<question>``).
    """

    model: Any
    demand: gpd.GeoDataFrame
    facilities: gpd.GeoDataFrame
    candidates: gpd.GeoDataFrame
    cache: dict[Any, pd.Series]
    sectors: pd.Index = dataclasses.field(default_factory=lambda: pd.Index([]))
    level: str = "region"
    unit: Any = None

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
    ledger_sectors: pd.Index,
    sites: Sequence[Any],
    group: str,
    *,
    model: str,
    max_minutes: float | None,
    need: pd.Series | None,
) -> tuple[pd.Series, pd.Series]:
    """Return per sector of the question the share of ``group`` within reach, and more.

    The second series is the objective's coefficient (the share within reach, or the mean
    minutes; times the need). The residents of a sector sit on its points: the published
    counts are these weighted sums of the sectors' counts.
    """
    minutes = ctx.minutes(sites).to_numpy(dtype=float)
    limit = max_minutes if max_minutes is not None else np.inf
    within = np.nan_to_num(minutes, nan=np.inf) <= limit
    share = sector_means(ctx.demand, ledger_sectors, group, within.astype(float))
    mean = sector_means(ctx.demand, ledger_sectors, group, np.nan_to_num(minutes, nan=0.0))
    covered = pd.Series(share, index=ledger_sectors).reindex(ctx.sectors)
    mult = (
        need.reindex(ctx.sectors).astype(float).to_numpy()
        if need is not None
        else np.ones(len(ctx.sectors))
    )
    per = (
        covered.to_numpy()
        if model in ("mclp", "lscp")
        else (pd.Series(mean, index=ledger_sectors).reindex(ctx.sectors).to_numpy())
    )
    return covered, pd.Series(per * mult, index=ctx.sectors)


def _plans(
    asker: _Asker,
    config: StudyConfig,
    planning: PlanResults,
    data: StudyData,
    analysis: Analysis | None,
    ctx_of: Callable[[str], _PlanContext],
    atoms: Atoms | None = None,
) -> dict[tuple[str, Any], tuple[locate.Plan, _Mask, _Mask, str]]:
    """Ask for every count of every plan; return the masks of ``covered`` and ``selected``."""
    questions = plan_questions(config.plan)
    out = {}
    keyed: list[tuple[tuple[str, Any], locate.Plan]] = [(k, p) for k, p in planning.plans.items()]
    keyed += [((name, "greedy"), plan) for name, plan in planning.greedy.items()]
    sectors = asker.ledger.sectors
    for key, plan in keyed:
        q = questions[key[0]]
        ctx = ctx_of(q.name)
        need = _need(config, analysis, data, q)
        open_sites = list(plan.selected.index)
        existing = [s for s in plan.selected.index if bool(plan.selected.loc[s, "existing"])]
        cov = plan.covered.reset_index()
        cmask = _Mask(cov)
        lpos = asker.ledger.positions(ctx.sectors)
        for pos, (_, row) in enumerate(cov.iterrows()):
            group = str(row.iloc[0])
            covered, _ = _plan_weights(
                ctx, sectors, open_sites, group, model=plan.model, max_minutes=q.minutes, need=None
            )
            sink = cmask.sink(pos, "covered")
            asker.ask(group, covered, sink, shown=_num(row["covered"]))
            asker.ask(
                group, covered * 0 + 1, cmask.sink(pos, "population"), shown=_num(row["population"])
            )
            shown_cov, shown_pop = _num(row["covered"]), _num(row["population"])
            if (
                shown_cov is not None
                and shown_pop is not None
                and _split_small(asker, shown_cov, shown_pop - shown_cov)
            ):
                sink(SMALL_COUNT)
            _ask_parts(
                asker, atoms, ctx, q, group, existing, covered, ("plan", str(key), group), sink
            )
            bounds = planning.plan_draws.get(key) if group == q.target_group else None
            if bounds is not None and "share_covered_p05" in row:
                _plan_bounds(asker, cmask, pos, bounds, ctx, q, group)
        sel = plan.selected.reset_index()
        smask = _Mask(sel)
        counted = plan.model in ("mclp", "lscp") and need is None
        order = [s for s in plan.new_sites]
        prev_cov, prev = _plan_weights(
            ctx,
            sectors,
            existing,
            q.target_group,
            model=plan.model,
            max_minutes=q.minutes,
            need=need,
        )
        for k, site in enumerate(order):
            now_cov, now = _plan_weights(
                ctx,
                sectors,
                existing + order[: k + 1],
                q.target_group,
                model=plan.model,
                max_minutes=q.minutes,
                need=need,
            )
            pos = int(np.flatnonzero(sel.iloc[:, 0].to_numpy() == site)[0])
            shown = _num(sel.loc[pos, "marginal_gain"])
            diff = prev - now if plan.model not in ("mclp", "lscp") else now - prev
            sink = smask.sink(pos, "marginal_gain")
            if counted:
                asker.ask(q.target_group, diff, sink, count=bool((diff >= 0).all()), shown=shown)
                if atoms is not None:
                    _cover_atoms(
                        asker,
                        atoms,
                        ctx,
                        q.target_group,
                        None,
                        ("gain", str(key), str(site)),
                        prev_cov,
                        now_cov,
                        lpos,
                        [sink],
                    )
            prev, prev_cov = now, now_cov
        if counted:
            asker.ask(
                q.target_group,
                _objective(ctx, sectors, open_sites, q, plan, need),
                cmask.sink(-1, "objective"),
                shown=plan.objective,
            )
        out[key] = (plan, cmask, smask, q.target_group)
    return out


def _objective(
    ctx: _PlanContext,
    sectors: pd.Index,
    sites: Sequence[Any],
    q: Any,
    plan: locate.Plan,
    need: pd.Series | None,
) -> pd.Series:
    return _plan_weights(
        ctx, sectors, sites, q.target_group, model=plan.model, max_minutes=q.minutes, need=need
    )[1]


def _need(
    config: StudyConfig, analysis: Analysis | None, data: StudyData, q: Any
) -> pd.Series | None:
    """Return the need per sector of a need-weighted question (``None``: not weighted)."""
    if not _planning.weighted(q, NeedSlice.of(config), analysis):
        return None
    demand = access.demand_points(data.sectors, as_point="representative_point")
    return _planning._plan_need(NeedSlice.of(config), analysis, demand)


def _ask_parts(
    asker: _Asker,
    atoms: Atoms | None,
    ctx: _PlanContext,
    q: Any,
    group: str,
    existing: Sequence[Any],
    after: pd.Series,
    key: tuple[str, ...],
    sink: Callable[[str | None], None],
) -> None:
    """Ask the parts' ledgers for a count within reach of today's sites and some new ones."""
    if atoms is None:
        return
    sectors = asker.ledger.sectors
    before, _ = _plan_weights(
        ctx, sectors, existing, group, model="mclp", max_minutes=q.minutes, need=None
    )
    today = (q.facility_type, group, float(q.minutes))
    lpos = asker.ledger.positions(ctx.sectors)
    _cover_atoms(asker, atoms, ctx, group, today, key, before, after, lpos, [sink])


def _cover_atoms(
    asker: _Asker,
    atoms: Atoms,
    ctx: _PlanContext,
    group: str,
    today: tuple[str, str, float] | None,
    key: tuple[str, ...],
    before: pd.Series,
    after: pd.Series,
    lpos: np.ndarray,
    sinks: Sequence[Callable[[str | None], None]],
) -> None:
    """Ask the parts' ledgers of a count within reach: today's part, and the gain.

    As for the scenarios: with residents on points a count within reach sums parts of
    sectors, and a plan's count is today's parts plus what the new sites add.
    """
    pop = asker.ledger.values[group].to_numpy(dtype=float)
    full = {
        "before": pd.Series(before, copy=False).reindex(asker.ledger.sectors).fillna(0.0),
        "after": pd.Series(after, copy=False).reindex(asker.ledger.sectors).fillna(0.0),
    }
    cells = {w: full[w].to_numpy(dtype=float) * pop for w in full}
    if today is not None:
        atoms.ask(
            today,
            {"part": smaller_side(cells["before"], pop)},
            "part",
            ctx.level,
            ctx.unit,
            lpos,
            sinks,
        )
    atoms.ask(
        key,
        {"gain": np.abs(cells["after"] - cells["before"])},
        "gain",
        ctx.level,
        ctx.unit,
        lpos,
        sinks,
    )


def _plan_bounds(
    asker: _Asker,
    mask: _Mask,
    pos: int,
    paired: tuple[AccessDraws, AccessDraws],
    ctx: _PlanContext,
    q: Any,
    group: str,
) -> None:
    """Ask the ledger for the counts behind a plan's coverage range (each a draw's count)."""
    _, after = paired
    members = after.positions(list(ctx.sectors))
    key = (q.facility_type, group, float(q.minutes))
    pop = after.population[group]
    lpos = asker.ledger.positions(after.sectors[members])
    values = after.share_covered(key, members)
    for suffix, qq in (("_p05", 0.05), ("_p95", 0.95)):
        d = AccessDraws.bound(values, qq)[1]
        if d < 0:
            continue
        sink = mask.sink(pos, suffix)
        counts = after.covered[key][d]
        if _split_small(asker, counts[members].sum(), (pop - counts)[members].sum()):
            sink(SMALL_COUNT)
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.nan_to_num(np.where(pop > 0, counts / pop, 0.0))[members]
        keep = (lpos >= 0) & (share != 0)
        asker.ask(group, (lpos[keep], share[keep]), sink)


def _masked_plan(
    plan: locate.Plan, cmask: _Mask, smask: _Mask, group: str | None = None
) -> locate.Plan:
    derived = {"share_covered": ["covered", "population"], "mean_minutes": ["population"]}
    if "share_covered_p05" in cmask.frame:
        derived["share_covered_p05"] = ["covered", "population", "_p05"]
        derived["share_covered_p95"] = ["covered", "population", "_p95"]
    cov = cmask.apply(derived, summary="suppressed")
    cov = cov.set_index(cov.columns[0])
    cov.index.name = plan.covered.index.name
    sel = smask.apply({}, summary="suppressed")
    sel = sel.set_index(sel.columns[0])
    sel.index.name = plan.selected.index.name
    # the objective is the target group's count within reach (or a weighted or time sum of
    # it): withheld with that count, or it would give the count back
    groups = [str(g) for g in cmask.frame.iloc[:, 0]]
    tied = group in groups and cmask.withheld(groups.index(str(group)), "covered")
    objective = np.nan if cmask.withheld(-1, "objective") or tied else plan.objective
    return dataclasses.replace(plan, covered=cov, selected=sel, objective=objective)


def _curves(
    asker: _Asker,
    config: StudyConfig,
    planning: PlanResults,
    analysis: Any,
    ctx_of: Any,
    data: StudyData,
    atoms: Atoms | None = None,
) -> _Mask:
    curves = planning.curves.reset_index(drop=True)
    mask = _Mask(curves)
    questions = plan_questions(config.plan)
    sectors = asker.ledger.sectors
    for pos, (_, row) in enumerate(curves.iterrows()):
        q = questions[str(row["question"])]
        ctx = ctx_of(q.name)
        need = _need(config, analysis, data, q)
        g = planning.greedy.get(q.name)
        existing = [s for s in g.selected.index if bool(g.selected.loc[s, "existing"])] if g else []
        p = int(row["p"])
        exact_sites = str(row["sites"]).split() if pd.notna(row.get("sites")) else []
        greedy_sites = list(g.new_sites[:p]) if g is not None else []
        counted = q.model in ("mclp", "lscp") and need is None
        for col, sites in (("exact", exact_sites), ("greedy", greedy_sites)):
            try:
                cov, obj = _plan_weights(
                    ctx,
                    sectors,
                    existing + sites,
                    q.target_group,
                    model=q.model,
                    max_minutes=q.minutes,
                    need=need,
                )
            except KeyError:
                mask.sink(pos, col)(COMPLEMENTARY)
                continue
            sink = mask.sink(pos, col)
            asker.ask(
                q.target_group, obj, sink, count=counted, shown=_num(row[col]) if counted else None
            )
            if counted:
                key = ("curve", q.name, str(p), col)
                _ask_parts(asker, atoms, ctx, q, q.target_group, existing, cov, key, sink)
            if col != "exact":
                continue
            for c in curves.columns:
                if not c.startswith("covered_"):
                    continue
                grp = c.removeprefix("covered_")
                shares, _ = _plan_weights(
                    ctx,
                    sectors,
                    existing + sites,
                    grp,
                    model=q.model,
                    max_minutes=q.minutes,
                    need=None,
                )
                csink = mask.sink(pos, c)
                asker.ask(grp, shares, csink, shown=_num(row[c]))
                key = ("curve", q.name, str(p), c)
                _ask_parts(asker, atoms, ctx, q, grp, existing, shares, key, csink)
    return mask


def _fronts(
    asker: _Asker,
    config: StudyConfig,
    planning: PlanResults,
    ctx_of: Any,
    atoms: Atoms | None = None,
) -> _Mask:
    """Ask for the people within reach of every point of every front, as for a plan."""

    def existing(q: Any) -> list[Any]:
        g = planning.greedy.get(q.name)
        return [s for s in g.selected.index if bool(g.selected.loc[s, "existing"])] if g else []

    return _site_set_counts(asker, config, planning.fronts, "point", existing, ctx_of, atoms)


def _sharing(
    asker: _Asker,
    config: StudyConfig,
    planning: PlanResults,
    ctx_of: Any,
    data: StudyData,
    atoms: Atoms | None = None,
) -> _Mask:
    """Ask for the people within reach of every row of the sharing costs, as for a plan.

    ``pop_lost`` is the difference of two published counts of the same unit: withheld with
    either (see :func:`_masked_sharing`).
    """

    def existing(q: Any) -> list[Any]:
        return list(existing_of(data.facilities, q.facility_type).index)

    return _site_set_counts(asker, config, planning.sharing, "min_shared", existing, ctx_of, atoms)


def _site_set_counts(
    asker: _Asker,
    config: StudyConfig,
    frame: pd.DataFrame,
    row_key: str,
    existing_of_q: Callable[[Any], list[Any]],
    ctx_of: Any,
    atoms: Atoms | None,
) -> _Mask:
    """Ask for ``pop_covered`` of rows that each name a question and its new ``sites``.

    The people of the question's group within reach of today's sites and the row's, as
    for a plan: the ledger, a split into a small part, and the parts' ledgers.
    """
    frame = frame.reset_index(drop=True)
    mask = _Mask(frame)
    questions = plan_questions(config.plan)
    sectors = asker.ledger.sectors
    for pos, (_, row) in enumerate(frame.iterrows()):
        q = questions[str(row["question"])]
        ctx = ctx_of(q.name)
        lpos = asker.ledger.positions(ctx.sectors)
        existing = existing_of_q(q)
        sites = str(row["sites"]).split() if pd.notna(row.get("sites")) else []
        shares, _ = _plan_weights(
            ctx,
            sectors,
            existing + sites,
            q.target_group,
            model="mclp",
            max_minutes=q.minutes,
            need=None,
        )
        sink = mask.sink(pos, "pop_covered")
        shown = _num(row["pop_covered"])
        asker.ask(q.target_group, shares, sink, shown=shown)
        total = float(asker.ledger.values[q.target_group].to_numpy(dtype=float)[lpos].sum())
        if shown is not None and _split_small(asker, shown, total - shown):
            sink(SMALL_COUNT)
        key = (row_key, q.name, str(row[row_key]))
        _ask_parts(asker, atoms, ctx, q, q.target_group, existing, shares, key, sink)
    return mask


def _masked_sharing(mask: _Mask) -> pd.DataFrame:
    """Return the sharing costs with every withheld count, and each loss tied to it, blank."""
    frame = mask.frame
    first: dict[Any, int] = {}
    for pos, row in enumerate(frame.to_dict("records")):
        if int(row["min_shared"]) == 0:
            first[(row["joint"], row["question"])] = pos
    for pos, row in enumerate(frame.to_dict("records")):
        base = first.get((row["joint"], row["question"]))
        if base is not None and mask.withheld(base, "pop_covered"):
            mask.sink(pos, "pop_lost")(COMPLEMENTARY)
    return mask.apply({"pop_lost": ["pop_covered"]}, summary="suppressed")


def _norm_counts(
    asker: _Asker, planning: PlanResults, data: StudyData, atoms: Atoms | None = None
) -> _Mask:
    """Ask for the residents within the distance benchmark, per municipality and type.

    As a coverage count of the municipality: the ledger (a sum of sector shares), a split
    into a small part, and, with residents on points, the parts' ledger of that distance.
    """
    norms = planning.norms.reset_index(drop=True)
    mask = _Mask(norms)
    if "pop_within_distance" not in norms:
        return mask
    gemeente = data.sectors["gemeente"].astype(str)
    gemeente.index = gemeente.index.astype(str)
    pop = asker.ledger.values["pop_total"].to_numpy(dtype=float)
    for pos, row in enumerate(norms.to_dict("records")):
        mine = pd.Index(gemeente.index[gemeente == str(row["gemeente"])])
        ones = pd.Series(1.0, index=mine)
        asker.ask("pop_total", ones, mask.sink(pos, "population"), shown=_num(row["population"]))
        located = planning.norm_within.index.intersection(mine)
        if len(planning.norm_within.columns):
            located = located[planning.norm_within.iloc[:, 0].reindex(located).notna()]
        asker.ask(
            "pop_total",
            pd.Series(1.0, index=located),
            mask.sink(pos, "population_located"),
            shown=_num(row.get("population_located")),
        )
        sink = mask.sink(pos, "pop_within_distance")
        shown = _num(row["pop_within_distance"])
        if shown is None:
            continue
        share = planning.norm_within[row["facility_type"]].reindex(mine).fillna(0.0)
        asker.ask("pop_total", share, sink, shown=shown)
        lpos = asker.ledger.positions(mine)
        if _split_small(asker, shown, float(pop[lpos].sum()) - shown):
            sink(SMALL_COUNT)
        if atoms is not None:
            cells = np.zeros(len(pop))
            cells[lpos] = share.to_numpy(dtype=float) * pop[lpos]
            atoms.ask(
                ("distance", str(row["facility_type"]), float(row["distance_m"])),
                {"part": smaller_side(cells, pop)},
                "part",
                "gemeente",
                str(row["gemeente"]),
                lpos,
                [sink],
            )
    return mask
