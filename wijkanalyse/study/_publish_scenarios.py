"""What the scenarios may show: people within reach before and after, per unit."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import access
from wijkanalyse.access.ranges import AccessDraws
from wijkanalyse.study import _ranges
from wijkanalyse.study._atoms import Atoms, smaller_side
from wijkanalyse.study._demand import sector_shares
from wijkanalyse.study._masks import _Asker, _Mask
from wijkanalyse.study._publish_access import _num, _ones, _split_small, _UnitMembers
from wijkanalyse.study._publish_plans import _minutes_to
from wijkanalyse.study.accessibility import model_at_speed
from wijkanalyse.study.results import PlanResults, StudyData
from wijkanalyse.suppression import COMPLEMENTARY, SMALL_COUNT


def _scenarios(
    asker: _Asker,
    planning: PlanResults,
    data: StudyData,
    model: Any,
    cache: dict[Any, pd.Series],
    speeds: dict[str, float] | None = None,
    points: gpd.GeoDataFrame | None = None,
    atoms: Atoms | None = None,
) -> _Mask:
    table = planning.scenarios.reset_index(drop=True)
    mask = _Mask(table)
    demand = access.demand_points(data.sectors, as_point="representative_point")
    # the demand points the scenarios were counted on (one per sector without them)
    pts = points if points is not None else demand.assign(sector=demand.index.astype(str))
    ledger_sectors = asker.ledger.sectors
    supplies = dict(planning.scenario_supply)
    unit_members = _UnitMembers(demand, data)
    for pos, (_, row) in enumerate(table.iterrows()):
        group = str(row["target_group"])
        members = unit_members(str(row["level"]), row["unit"])
        pair = supplies.get(str(row["scenario"]))
        if members is None or pair is None:
            for c in ("pop_in_group", "covered_before", "covered_after", "covered_change"):
                mask.sink(pos, c)(COMPLEMENTARY)
            continue
        thr = float(row["threshold_minutes"])
        weights = {}
        full: dict[str, np.ndarray] = {}
        for when, supply in zip(("before", "after"), pair, strict=True):
            model_g = model_at_speed(model, (speeds or {}).get(group))
            minutes = _minutes_to(model_g, pts, supply.geometry, cache)
            within = (minutes <= thr).fillna(False).to_numpy(dtype=bool)
            shares = sector_shares(pts, ledger_sectors, group, within)
            full[when] = shares
            weights[when] = pd.Series(shares, index=ledger_sectors).reindex(
                pd.Index(members).astype(str)
            )
            asker.ask(
                group,
                weights[when],
                mask.sink(pos, f"covered_{when}"),
                shown=_num(row.get(f"covered_{when}")),
            )
            # out of reach = the group - within reach: the group's total is published
            shown_cov, shown_in = _num(row.get(f"covered_{when}")), _num(row.get("pop_in_group"))
            if (
                shown_cov is not None
                and shown_in is not None
                and _split_small(asker, shown_cov, shown_in - shown_cov)
            ):
                mask.sink(pos, f"covered_{when}")(SMALL_COUNT)
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
        if atoms is not None:
            _scenario_atoms(asker, atoms, mask, pos, row, full, members)
        paired = planning.scenario_draws.get(str(row["scenario"]))
        if paired is not None and "share_covered_after_p05" in row:
            _scenario_bounds(asker, mask, pos, row, paired, data)
    if atoms is not None:
        _nested_scenarios(asker, table, mask)
    return mask


def _nested_scenarios(asker: _Asker, table: pd.DataFrame, mask: _Mask) -> None:
    """Withhold two scenarios' counts in a unit whose difference is a small count.

    Scenarios of the same question (three new centres and two of them) differ by what the
    extra sites reach: in a unit where that is 1 to 4 persons, neither after is shown.
    """
    keys = ["facility_type", "target_group", "threshold_minutes", "level", "unit"]
    for _, block in table.groupby(keys, sort=False):
        rows = [
            (int(p), float(v))
            for p, v in zip(block.index, block["covered_after"], strict=True)
            if pd.notna(v) and not mask.withheld(int(p), "covered_after")
        ]
        for a in range(len(rows)):
            for b in range(a + 1, len(rows)):
                if _split_small(asker, rows[a][1] - rows[b][1]) or _split_small(
                    asker, rows[b][1] - rows[a][1]
                ):
                    for p in (rows[a][0], rows[b][0]):
                        for c in ("covered_after", "covered_change"):
                            mask.sink(p, c)(COMPLEMENTARY)


def _scenario_bounds(
    asker: _Asker,
    mask: _Mask,
    pos: int,
    row: pd.Series,
    paired: tuple[AccessDraws, AccessDraws],
    data: StudyData,
) -> None:
    """Ask the ledger for the counts behind a scenario row's range bounds.

    Each bound is one draw's share (before, after, or after - before of the same draw): its
    count within reach is a weighted sum of sector counts, with the split into within and
    out of reach checked for small counts like the values themselves.
    """
    before, after = paired
    members = _ranges.Members(before, data)(str(row["level"]), row["unit"])
    if members is not None and not len(members):
        return
    key = (str(row["facility_type"]), str(row["target_group"]), float(row["threshold_minutes"]))
    group = key[1]
    idx = np.arange(len(before.sectors)) if members is None else members
    lpos = asker.ledger.positions(before.sectors[idx])
    pop = before.population[group]
    b = before.share_covered(key, members)
    a = after.share_covered(key, members)
    for name, values in (("before", b), ("after", a), ("change", a - b)):
        for suffix, q in (("_p05", 0.05), ("_p95", 0.95)):
            d = AccessDraws.bound(values, q)[1]
            if d < 0:
                continue
            sink = mask.sink(pos, f"_{name}{suffix}")
            counts = {w: dr.covered[key][d] for w, dr in (("before", before), ("after", after))}
            sides = [
                v
                for w in ("before", "after")
                for v in (counts[w][idx].sum(), (pop - counts[w])[idx].sum())
            ]
            if _split_small(asker, *sides):
                sink(SMALL_COUNT)
                continue
            with np.errstate(invalid="ignore", divide="ignore"):
                share = {
                    w: np.nan_to_num(np.where(pop > 0, c / pop, 0.0)) for w, c in counts.items()
                }
            if name == "change":
                coef = (share["after"] - share["before"])[idx]
                keep = (lpos >= 0) & (coef != 0)
                asker.ask(group, (lpos[keep], coef[keep]), sink, count=bool((coef >= 0).all()))
            else:
                coef = share[name][idx]
                keep = (lpos >= 0) & (coef != 0)
                asker.ask(group, (lpos[keep], coef[keep]), sink)


def _scenario_atoms(
    asker: _Asker,
    atoms: Atoms,
    mask: _Mask,
    pos: int,
    row: pd.Series,
    shares: dict[str, np.ndarray],
    members: Any,
) -> None:
    """Ask the parts' ledgers of a scenario row: within reach before, and the gain.

    Before is today's coverage: its parts share the ledger of the access question, so a
    scenario row and a coverage row cannot be played against each other. After is before
    plus the gain: it is published only when both are.
    """
    group = str(row["target_group"])
    thr = float(row["threshold_minutes"])
    pop = asker.ledger.values[group].to_numpy(dtype=float)
    # every sector's part (the ledger of a question is made once, from its first row)
    cells = {w: np.asarray(shares[w], dtype=float) * pop for w in ("before", "after")}
    lpos = asker.ledger.positions(members)
    level, unit = str(row["level"]), row["unit"]
    after = mask.sink(pos, "covered_after")
    atoms.ask(
        (str(row["facility_type"]), group, thr),
        {"part": smaller_side(cells["before"], pop)},
        "part",
        level,
        unit,
        lpos,
        [mask.sink(pos, "covered_before"), after],
    )
    atoms.ask(
        ("scenario", str(row["scenario"]), group, thr),
        {"gain": np.abs(cells["after"] - cells["before"])},
        "gain",
        level,
        unit,
        lpos,
        [mask.sink(pos, "covered_change"), after],
    )
