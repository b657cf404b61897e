"""Scenarios: add or close facilities, or take a plan, and compare with the current situation.

A :class:`Scenario` is a named change to the facilities of one type: sites added (the
city's own proposals, or the new sites of a :class:`~wijkanalyse.locate.Plan`) and existing
facilities closed. :func:`compare` measures, per area (e.g. wijk) and target group, what
each scenario changes against the current situation:

* the population within each threshold and its share;
* the population-weighted mean and 90th-percentile travel time to the nearest facility;
* the 2SFCA ratio (facilities per 1 000 residents of the target group within the
  threshold, with competition for the same facility), population-weighted;
* the Gini coefficient of travel times.

Travel times are computed without a limit, so the means describe everyone with a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import access, vocab
from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing
from wijkanalyse.access import DistanceModel
from wijkanalyse.locate import Plan

__all__ = ["MEASURES", "Scenario", "compare"]

#: The measures :func:`compare` reports, each as ``<measure>_before``, ``_after``, ``_change``.
MEASURES = ("covered", "share_covered", "mean_minutes", "p90_minutes", "fca", "gini")


@dataclass(frozen=True)
class Scenario:
    """A named change to the facilities of one type.

    Attributes
    ----------
    name
        How the scenario is called in tables and reports.
    facility_type
        The type of the facilities it changes (e.g. ``lokaal_dienstencentrum``).
    add
        New sites: points with a ``name``, indexed by a unique site label.
    close
        Labels of existing facilities that close.
    open
        Labels of planned facilities (``status = "planned"``) that open.
    source
        Where the scenario comes from (``user`` or ``plan:<model> p=<p>``).
    """

    name: str
    facility_type: str
    add: gpd.GeoDataFrame = field(repr=False)
    close: tuple[str, ...] = ()
    source: str = "user"
    open: tuple[str, ...] = ()

    @classmethod
    def from_plan(
        cls,
        plan: Plan,
        *,
        name: str,
        facility_type: str,
        crs: Any,
    ) -> Scenario:
        """Take the new sites (and closures) of a plan as a scenario."""
        new = plan.selected[~plan.selected["existing"].astype(bool)]
        names = new["name"].astype("string")
        label = [str(i) for i in new.index]
        names = names.fillna(pd.Series(label, index=new.index, dtype="string"))
        add = gpd.GeoDataFrame(
            {"name": names.to_numpy()},
            geometry=gpd.points_from_xy(new["x"], new["y"]),
            index=pd.Index(label, name="site_id"),
            crs=crs,
        )
        return cls(
            name=name,
            facility_type=facility_type,
            add=add,
            close=tuple(map(str, plan.closed)),
            source=f"plan:{plan.model} p={plan.p}",
        )

    def apply(self, facilities: gpd.GeoDataFrame, *, type_col: str = "type") -> gpd.GeoDataFrame:
        """Return the facilities of this scenario's type after the change (input unchanged)."""
        if type_col not in facilities:
            raise DataError(f"facilities lack the column {type_col!r}.")
        of_type = facilities[facilities[type_col] == self.facility_type]
        status = (
            of_type["status"].fillna(vocab.EXISTING)
            if "status" in of_type
            else pd.Series(vocab.EXISTING, index=of_type.index)
        )
        mine = of_type[status == vocab.EXISTING]
        planned = of_type[status == vocab.PLANNED]
        not_planned = [c for c in self.open if c not in set(planned.index.astype(str))]
        if not_planned:
            raise DataError(
                f"scenario {self.name!r} opens {listing(not_planned)}, which are not planned "
                f"{self.facility_type} facilities (planned: "
                f"{listing(planned.index.astype(str)) or 'none'}); a planned facility has "
                "status = 'planned' in its register."
            )
        mine = pd.concat([mine, planned[planned.index.astype(str).isin(self.open)]])
        labels = mine.index.astype(str)
        unknown = [c for c in self.close if c not in set(labels)]
        if unknown:
            raise DataError(
                f"scenario {self.name!r} closes {listing(unknown)}, which are not existing "
                f"{self.facility_type} facilities (those are: {listing(labels)})."
            )
        clash = set(self.add.index.astype(str)) & set(labels)
        if clash:
            raise DataError(
                f"scenario {self.name!r} adds sites with the labels of existing facilities: "
                f"{listing(sorted(clash))}; relabel them."
            )
        if (
            self.add.crs is not None
            and facilities.crs is not None
            and self.add.crs != facilities.crs
        ):
            raise DataError(
                f"scenario {self.name!r}: new sites are in {self.add.crs.to_string()}, the "
                f"facilities in {facilities.crs.to_string()}."
            )
        kept = mine[~labels.isin(self.close)]
        kept_names = kept["name"] if "name" in kept else pd.Series(pd.NA, index=kept.index)
        add_names = (
            self.add["name"] if "name" in self.add else pd.Series(pd.NA, index=self.add.index)
        )
        return gpd.GeoDataFrame(
            {
                type_col: self.facility_type,
                "name": pd.array(
                    [*kept_names.astype("string"), *add_names.astype("string")], dtype="string"
                ),
            },
            geometry=np.concatenate([kept.geometry.to_numpy(), self.add.geometry.to_numpy()]),
            index=pd.Index([*kept.index.astype(str), *self.add.index.astype(str)]),
            crs=facilities.crs,
        )


def _measures(
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    *,
    network: DistanceModel,
    group: str,
    thresholds: Sequence[float],
    units: Mapping[Any, pd.Index],
    names: Mapping[Any, Any] | pd.Series | None,
) -> pd.DataFrame:
    """Per unit and threshold: population, covered, share, mean, p90, 2SFCA, Gini."""
    pop = pd.to_numeric(demand[group], errors="coerce").astype(float)
    if len(supply):
        near = network.nearest(demand.geometry, supply.geometry)
        minutes = near["minutes"].astype(float)
    else:
        minutes = pd.Series(np.nan, index=demand.index)
    fca = {}
    for thr in thresholds:
        if len(supply):
            score = access.two_step_fca(
                demand, supply, network=network, demand_col=group, max_minutes=thr
            )
            fca[thr] = pd.to_numeric(score, errors="coerce").astype(float)
        else:
            fca[thr] = pd.Series(0.0, index=demand.index)
    rows = []
    for unit, idx in units.items():
        p = pop.reindex(idx)
        mins = minutes.reindex(idx)
        eq = access.equity(mins, p)
        # an unknown population makes the unit's counts unknown, never a smaller number
        unknown = bool(p.isna().any())
        total = np.nan if unknown else float(p.sum())
        for thr in thresholds:
            within = (mins <= thr).fillna(False).astype(bool)
            covered = np.nan if unknown else float(p[within].sum())
            f = fca[thr].reindex(idx)
            ok = f.notna() & p.notna() & (p > 0)
            fca_mean = float((f[ok] * p[ok]).sum() / p[ok].sum()) if p[ok].sum() > 0 else np.nan
            rows.append(
                {
                    "unit": unit,
                    "threshold_minutes": float(thr),
                    "pop_in_group": total,
                    "covered": covered,
                    "share_covered": covered / total if total > 0 else np.nan,
                    "mean_minutes": float(eq["mean"]) if pd.notna(eq["mean"]) else np.nan,
                    "p90_minutes": float(eq["p90"]) if pd.notna(eq["p90"]) else np.nan,
                    "fca": fca_mean,
                    "gini": float(eq["gini"]) if pd.notna(eq["gini"]) else np.nan,
                }
            )
    out = pd.DataFrame(rows)
    if names is not None:
        out.insert(1, "name", pd.Series(names).reindex(out["unit"]).to_numpy())
    return out


def _units(spec: pd.Series | Mapping[Any, Sequence[Any]], index: pd.Index) -> dict[Any, pd.Index]:
    if isinstance(spec, pd.Series):
        s = spec.reindex(index).dropna()
        return {k: pd.Index(v) for k, v in s.groupby(s, sort=False).groups.items()}
    out = {}
    for unit, members in spec.items():
        labels = pd.Index(members)
        unknown = labels.difference(index)
        if len(unknown):
            raise DataError(f"unit {unit!r} names unknown demand units {listing(unknown)}.")
        out[unit] = labels
    return out


def compare(
    demand: gpd.GeoDataFrame,
    facilities: gpd.GeoDataFrame,
    scenarios: Sequence[Scenario],
    *,
    network: DistanceModel,
    target_groups: Sequence[str] = ("pop_total",),
    max_minutes: float | Sequence[float] = 10.0,
    by: Mapping[str, pd.Series | Mapping[Any, Sequence[Any]]] | None = None,
    names: Mapping[str, Mapping[Any, Any] | pd.Series] | None = None,
    type_col: str = "type",
) -> pd.DataFrame:
    """Compare each scenario with the current situation, per area and target group.

    Parameters
    ----------
    demand
        Demand points with the target-group population columns.
    facilities
        The current facilities, with a ``type`` column.
    scenarios
        The scenarios; each changes the facilities of its own type.
    network
        The distance model (street network or straight lines).
    target_groups
        Population columns to compare for.
    max_minutes
        Coverage thresholds (also the 2SFCA catchment).
    by
        Levels to aggregate to, each a Series mapping demand labels to a unit (e.g.
        ``{"wijk": demand["wijk"]}``) or a mapping of unit → demand labels (units may
        overlap, e.g. custom areas). Default: the whole demand as one unit,
        ``level="all"``.
    names
        Optional unit names per level.

    Returns
    -------
    pandas.DataFrame
        One row per (scenario, target group, level, unit, threshold): ``name``,
        ``pop_in_group`` and, for each of :data:`MEASURES`, ``<measure>_before``,
        ``<measure>_after`` and ``<measure>_change``. ``covered`` is the population within
        the threshold, ``fca`` the population-weighted 2SFCA ratio per 1 000 residents,
        ``gini`` that of the travel times.
    """
    if not scenarios:
        raise DataError("compare: give at least one scenario.")
    seen = [s.name for s in scenarios]
    if len(set(seen)) != len(seen):
        raise DataError(f"scenario names repeat: {listing(seen)}; give each its own name.")
    missing = [g for g in target_groups if g not in demand]
    if missing:
        raise DataError(f"demand lacks the target-group columns {listing(missing)}.")
    thresholds = access._thresholds(max_minutes)
    levels = {
        level: _units(spec, demand.index)
        for level, spec in (by or {"all": pd.Series("all", index=demand.index)}).items()
    }
    frames = []
    baseline: dict[tuple[str, str, str], pd.DataFrame] = {}
    for sc in scenarios:
        types = set(facilities[type_col].astype(str)) if type_col in facilities else set()
        if sc.facility_type not in types and not len(sc.add):
            raise DataError(
                f"scenario {sc.name!r}: no {sc.facility_type!r} facilities and nothing added."
            )
        current = Scenario("current", sc.facility_type, sc.add.iloc[:0])
        before_fac = current.apply(facilities, type_col=type_col)
        after_fac = sc.apply(facilities, type_col=type_col)
        for group in target_groups:
            for level, units in levels.items():
                lvl_names = None if names is None else names.get(level)
                key = (sc.facility_type, group, level)
                if key not in baseline:
                    baseline[key] = _measures(
                        demand,
                        before_fac,
                        network=network,
                        group=group,
                        thresholds=thresholds,
                        units=units,
                        names=lvl_names,
                    )
                before = baseline[key]
                after = _measures(
                    demand,
                    after_fac,
                    network=network,
                    group=group,
                    thresholds=thresholds,
                    units=units,
                    names=lvl_names,
                )
                merged = before.merge(
                    after.drop(columns=["pop_in_group", *(["name"] if "name" in after else [])]),
                    on=["unit", "threshold_minutes"],
                    suffixes=("_before", "_after"),
                )
                for m in MEASURES:
                    merged[f"{m}_change"] = merged[f"{m}_after"] - merged[f"{m}_before"]
                merged.insert(0, "scenario", sc.name)
                merged.insert(1, "facility_type", sc.facility_type)
                merged.insert(2, "target_group", group)
                merged.insert(3, "level", level)
                frames.append(merged)
    out = pd.concat(frames, ignore_index=True)
    order = ["scenario", "facility_type", "target_group", "level", "unit"]
    if "name" in out:
        order.append("name")
    order += ["threshold_minutes", "pop_in_group"]
    order += [f"{m}_{s}" for m in MEASURES for s in ("before", "after", "change")]
    return out[order]
