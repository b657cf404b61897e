"""The result of every model: :class:`Plan`, and how a set of open sites becomes one.

A plan is assembled the same way whatever the model: the assignment of every demand unit
(to its nearest open site, or split by capacities), the population covered per target
group, the order to build the new sites in with the marginal gain of each (a greedy order
under nearest-site assignment, :func:`_order`) and the notes (:func:`_make_plan`); every
exact model hands its solve to :func:`_exact_plan`. :func:`_evaluate` is the objective of an
open set of sites under nearest-site assignment, shared by that order, the greedy ranking
and the coverage curve.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing
from wijkanalyse.locate._highs import _Solution
from wijkanalyse.locate.problem import _EPS, MODELS, LocationProblem


@dataclass(frozen=True)
class Plan:
    """A solved location question.

    Attributes
    ----------
    model
        ``mclp``, ``lscp``, ``p_median`` or ``p_center``.
    method
        ``exact`` (MILP, solved by HiGHS) or ``greedy``.
    p
        The number of new sites asked for (``None`` for LSCP).
    max_minutes
        The coverage threshold (MCLP, LSCP), or ``None``.
    selected
        The open sites, indexed by site label: ``name``, ``source``, ``x``, ``y``,
        ``snap_m``, ``existing``, ``rank`` (new sites: the order to build them in),
        ``marginal_gain`` (what each adds to the objective in that order), ``load`` (the
        people assigned to it).
    assignment
        One row per (demand unit, site) assigned: ``demand``, ``site``, ``share`` (1
        unless demand is split by capacities), ``minutes``, ``covered`` (within
        ``max_minutes``). Demand units that reach no open site have ``site`` NA.
    covered
        Per target group: ``population``, ``covered`` and ``share_covered`` (within
        ``max_minutes``; NA without a threshold), ``mean_minutes`` (population-weighted;
        NA when some people have no known time, e.g. beyond the limit the travel times
        were computed with).
    objective
        The objective value: covered weight (MCLP), number of new sites (LSCP; with closing
        allowed, all open sites), total weighted minutes (p-median), longest minutes
        (p-center).
    bound
        The best bound the solver proved (equal to ``objective`` when optimal).
    status
        ``optimal``, ``time_limit`` (best plan found, see ``gap``) or ``greedy``.
    gap
        Relative MIP gap between the objective and the bound (0: proven optimal; NaN for
        greedy plans).
    solve_seconds
        Wall-clock seconds to build and solve.
    closed
        Existing facilities the plan closes (only with ``allow_closing``).
    notes
        What the user should know (sites that add nothing, the weight used, …).
    """

    model: str
    method: str
    p: int | None
    max_minutes: float | None
    selected: pd.DataFrame = field(repr=False)
    assignment: pd.DataFrame = field(repr=False)
    covered: pd.DataFrame = field(repr=False)
    objective: float
    bound: float
    status: str
    gap: float
    solve_seconds: float
    closed: tuple[Any, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def new_sites(self) -> pd.Index:
        """Labels of the new sites, in the order to build them."""
        new = self.selected[~self.selected["existing"].astype(bool)]
        return new.sort_values("rank").index

    def to_frame(self) -> pd.DataFrame:
        """Return one row per new site: ``site_id``, ``x``, ``y``, ``rank``, ``marginal_gain``….

        A plan without new sites gives one row with ``site_id`` NA, so that its objective
        and status are still recorded.
        """
        new = self.selected[~self.selected["existing"].astype(bool)].sort_values("rank")
        if not len(new):
            new = pd.DataFrame(
                {c: [pd.NA] for c in ("name", "source", "x", "y", "snap_m", "rank")}
                | {"marginal_gain": [np.nan]},
                index=pd.Index([pd.NA]),
            )
        out = pd.DataFrame(
            {
                "model": self.model,
                "method": self.method,
                "p": self.p if self.p is not None else pd.NA,
                "max_minutes": self.max_minutes if self.max_minutes is not None else np.nan,
                "site_id": pd.Series(new.index, dtype="string").to_numpy(),
                "name": new["name"].to_numpy(),
                "source": new["source"].to_numpy(),
                "x": new["x"].to_numpy(),
                "y": new["y"].to_numpy(),
                "snap_m": new["snap_m"].to_numpy(),
                "rank": new["rank"].to_numpy(),
                "marginal_gain": new["marginal_gain"].to_numpy(),
                "objective": self.objective,
                "status": self.status,
                "gap": self.gap,
                "solve_seconds": self.solve_seconds,
            }
        )
        return out


# --------------------------------------------------------------------------- evaluation


def _evaluate(
    problem: LocationProblem, open_sites: np.ndarray, model: str, max_minutes: float | None
) -> float:
    """Objective of an open set under nearest-site assignment (no capacities)."""
    _, minutes = problem.nearest(open_sites)
    served = problem.load > 0
    if model == "mclp":
        ok = minutes <= (max_minutes or 0) + _EPS
        return float(problem.weight[ok].sum())
    if model == "lscp":
        ok = minutes <= (max_minutes or 0) + _EPS
        return float(problem.load[ok].sum())
    if model == "p_median":
        if np.isnan(minutes[problem.weight > 0]).any():
            return math.inf
        m = np.nan_to_num(minutes)
        return float((problem.weight * m).sum())
    if model == "p_center":
        if not served.any():
            return 0.0
        if np.isnan(minutes[served]).any():
            return math.inf
        return float(minutes[served].max())
    raise DataError(f"unknown model {model!r}; choose one of {listing(MODELS)}.")


def _maximising(model: str) -> bool:
    return model in ("mclp", "lscp")


def _order(
    problem: LocationProblem,
    base: np.ndarray,
    chosen: np.ndarray,
    model: str,
    max_minutes: float | None,
) -> tuple[list[int], list[float]]:
    """Order chosen sites greedily from the base: the best first, with marginal gains."""
    current = base.copy()
    value = _evaluate(problem, current, model, max_minutes)
    left = list(np.flatnonzero(chosen & ~base))
    order: list[int] = []
    gains: list[float] = []
    sign = 1.0 if _maximising(model) else -1.0
    while left:
        best, best_val = left[0], None
        for j in left:
            trial = current.copy()
            trial[j] = True
            v = _evaluate(problem, trial, model, max_minutes)
            if best_val is None or _better(sign * v, sign * best_val):
                best, best_val = j, v
        assert best_val is not None
        gains.append(_gain(value, best_val, sign))
        order.append(int(best))
        current[best] = True
        value = best_val
        left.remove(best)
    return order, gains


def _better(a: float, b: float) -> bool:
    return a > b + 1e-9 * max(1.0, abs(b)) if math.isfinite(b) else a > b


def _gain(before: float, after: float, sign: float) -> float:
    if math.isinf(before) and math.isinf(after):
        return 0.0
    if math.isinf(before):
        return math.inf
    return sign * (after - before)


# --------------------------------------------------------------------------- plan assembly


def _assignment_nearest(
    problem: LocationProblem, open_sites: np.ndarray, max_minutes: float | None
) -> pd.DataFrame:
    site, minutes = problem.nearest(open_sites)
    has = site >= 0
    return pd.DataFrame(
        {
            "demand": problem.demand,
            "site": pd.Series(
                np.where(has, problem.sites.astype(str)[np.maximum(site, 0)], None),
                dtype="string",
            ).to_numpy(),
            "share": np.where(has, 1.0, np.nan),
            "minutes": minutes,
            "covered": pd.array(
                minutes <= max_minutes + _EPS if max_minutes is not None else [pd.NA] * len(site),
                dtype="boolean",
            ),
        }
    )


def _assignment_split(
    problem: LocationProblem,
    pair_idx: np.ndarray,
    share: np.ndarray,
    max_minutes: float | None,
) -> pd.DataFrame:
    keep = share > 1e-9
    pi, sh = pair_idx[keep], share[keep]
    rows = pd.DataFrame(
        {
            "demand": problem.demand[problem.row[pi]],
            "site": pd.array(problem.sites.astype(str)[problem.col[pi]], dtype="string"),
            "share": np.minimum(sh, 1.0),
            "minutes": problem.minutes[pi],
        }
    )
    done = set(problem.row[pi])
    rest = [i for i in range(problem.n_demand) if i not in done]
    if rest:
        rows = pd.concat(
            [
                rows,
                pd.DataFrame(
                    {
                        "demand": problem.demand[rest],
                        "site": pd.array([pd.NA] * len(rest), dtype="string"),
                        "share": np.nan,
                        "minutes": np.nan,
                    }
                ),
            ],
            ignore_index=True,
        )
    if max_minutes is not None:
        rows["covered"] = (rows["minutes"] <= max_minutes + _EPS).astype("boolean")
        rows.loc[rows["site"].isna(), "covered"] = False
    else:
        rows["covered"] = pd.array([pd.NA] * len(rows), dtype="boolean")
    return rows


def _covered(
    problem: LocationProblem, assignment: pd.DataFrame, max_minutes: float | None
) -> pd.DataFrame:
    pos = problem.demand.get_indexer(pd.Index(assignment["demand"]))
    share = assignment["share"].fillna(0).to_numpy(float)
    minutes = assignment["minutes"].to_numpy(float)
    within = (
        np.nan_to_num(minutes, nan=np.inf) <= max_minutes + _EPS
        if max_minutes is not None
        else None
    )
    rows = {}
    for g in problem.groups.columns:
        pop = problem.groups[g].to_numpy(dtype=float, na_value=np.nan)
        total = np.nansum(pop)
        per = pop[pos] * share
        reach = ~np.isnan(minutes)
        # a mean over only those with a known time would flatter the plan: NA instead
        unknown = (np.nan_to_num(pop[pos]) > 0) & ~reach
        mean = (
            float(np.nansum(per[reach] * minutes[reach]) / np.nansum(per[reach]))
            if np.nansum(per[reach]) > 0 and not unknown.any()
            else np.nan
        )
        cov = float(np.nansum(per[within])) if within is not None else np.nan
        rows[g] = {
            "population": total,
            "covered": cov,
            "share_covered": cov / total if total > 0 and within is not None else np.nan,
            "mean_minutes": mean,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "target_group"
    return out


def _make_plan(
    problem: LocationProblem,
    *,
    model: str,
    method: str,
    p: int | None,
    max_minutes: float | None,
    open_sites: np.ndarray,
    base: np.ndarray,
    assignment: pd.DataFrame,
    objective: float,
    bound: float,
    status: str,
    gap: float,
    seconds: float,
    order: tuple[list[int], list[float]] | None = None,
    notes: Sequence[str] = (),
    rank_model: str | None = None,
) -> Plan:
    idx = np.flatnonzero(open_sites)
    table = problem.site_table.reindex(problem.sites)
    for col in ("name", "source"):
        if col not in table:
            table[col] = pd.Series(pd.NA, index=table.index, dtype="string")
    for col in ("x", "y", "snap_m"):
        if col not in table:
            table[col] = np.nan
    sel = table.iloc[idx][["name", "source", "x", "y", "snap_m"]].copy()
    sel["existing"] = problem.existing[idx]
    if order is None:
        order = _order(problem, base & open_sites, open_sites, rank_model or model, max_minutes)
    ranks = pd.Series(pd.NA, index=sel.index, dtype="Int64")
    gains = pd.Series(np.nan, index=sel.index, dtype=float)
    for r, (j, g) in enumerate(zip(*order, strict=True), start=1):
        label = problem.sites[j]
        if label in ranks.index and not problem.existing[j]:
            ranks[label] = r
            gains[label] = g
    sel["rank"] = ranks
    sel["marginal_gain"] = gains
    load = (
        assignment.assign(
            _load=problem.load[problem.demand.get_indexer(pd.Index(assignment["demand"]))]
            * assignment["share"].fillna(0)
        )
        .groupby("site", dropna=True)["_load"]
        .sum()
    )
    sel["load"] = load.reindex(sel.index.astype(str)).fillna(0.0).to_numpy()
    sel.index.name = "site_id"
    sel = sel.sort_values(["existing", "rank"], ascending=[False, True], na_position="last")
    closed = tuple(problem.sites[problem.existing & ~open_sites])
    all_notes = list(notes)
    zero = sel.index[(~sel["existing"]) & (sel["marginal_gain"] <= 0)]
    if len(zero):
        all_notes.append(
            f"{len(zero)} of the new sites add nothing once the others are built: {listing(zero)}."
        )
    n_new = int((~sel["existing"]).sum())
    if p is not None and n_new < p:
        all_notes.append(f"{n_new} new sites suffice; a further site would add nothing.")
    return Plan(
        model=model,
        method=method,
        p=p,
        max_minutes=max_minutes,
        selected=sel,
        assignment=assignment,
        covered=_covered(problem, assignment, max_minutes),
        objective=objective,
        bound=bound,
        status=status,
        gap=gap,
        solve_seconds=seconds,
        closed=closed,
        notes=tuple(all_notes),
    )


def _exact_plan(
    problem: LocationProblem,
    sol: _Solution,
    *,
    model: str,
    p: int | None,
    max_minutes: float | None,
    open_sites: np.ndarray,
    fixed: np.ndarray,
    started: float,
    split: tuple[np.ndarray, np.ndarray] | None = None,
    objective: float | None = None,
    bound: float | None = None,
    notes: Sequence[str] = (),
) -> Plan:
    """Return the plan of an exact solve, with the solver's status, bound and gap.

    Parameters
    ----------
    sol
        The solve; its bound is the plan's unless ``bound`` is given (a model that left a
        constant out of its objective adds it back).
    open_sites, fixed
        The sites the plan opens, and those it keeps whatever the solve (the start of the
        order in which to build the new ones).
    started
        :func:`time.perf_counter` when building the model began.
    split
        The (pair index, share) of the assignment variables when demand may be split over
        sites (capacities, a radius); ``None``: every unit goes to its nearest open site.
    objective
        The plan's objective; by default the objective of the open sites under nearest-site
        assignment, or the solver's with ``split``.
    """
    if split is None:
        assignment = _assignment_nearest(problem, open_sites, max_minutes)
        if objective is None:
            objective = _evaluate(problem, open_sites, model, max_minutes)
    else:
        assignment = _assignment_split(problem, *split, max_minutes)
        if objective is None:
            objective = sol.objective
    return _make_plan(
        problem,
        model=model,
        method="exact",
        p=p,
        max_minutes=max_minutes,
        open_sites=open_sites,
        base=fixed,
        assignment=assignment,
        objective=objective,
        bound=sol.bound if bound is None else bound,
        status=sol.status,
        gap=sol.gap,
        seconds=time.perf_counter() - started,
        notes=notes,
    )


def plan_of_sites(
    problem: LocationProblem,
    sites: Sequence[Any],
    *,
    model: str,
    p: int | None,
    max_minutes: float | None,
    method: str,
    status: str = "optimal",
    gap: float = 0.0,
    seconds: float = 0.0,
    notes: Sequence[str] = (),
) -> Plan:
    """Return the plan that opens ``sites`` beside the existing facilities of ``problem``.

    For plans chosen elsewhere (e.g. across draws by :func:`~wijkanalyse.locate.robust_mclp`):
    the plan is assembled and its objective evaluated on ``problem`` (nearest-site
    assignment), with the build order and marginal gains of every plan. ``status`` and
    ``gap`` are those of the choice.
    """
    labels = pd.Index([str(s) for s in sites])
    unknown = labels.difference(problem.sites.astype(str))
    if len(unknown):
        raise DataError(f"plan_of_sites: unknown sites {listing(unknown)}.")
    open_sites = problem.existing | problem.sites.astype(str).isin(labels)
    objective = _evaluate(problem, open_sites, model, max_minutes)
    return _make_plan(
        problem,
        model=model,
        method=method,
        p=p,
        max_minutes=max_minutes,
        open_sites=open_sites,
        base=problem.existing.copy(),
        assignment=_assignment_nearest(problem, open_sites, max_minutes),
        objective=objective,
        bound=objective,
        status=status,
        gap=gap,
        seconds=seconds,
        notes=notes,
    )
