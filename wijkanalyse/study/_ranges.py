"""The ranges of the study's access results: ``_p05``/``_p95`` columns from the draws.

The accessibility step draws the uncertain inputs (:mod:`wijkanalyse.access.ranges`) and
adds to coverage, gaps and equity the 5 % and 95 % quantiles over the draws; the publish
step audits the count behind each bound (:func:`bound_draw`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse._i18n import Items, Note, Num
from wijkanalyse.access.ranges import (
    RANGE_QUANTILES,
    AccessDraws,
    DrawSpec,
    RangeQuestion,
    draw_access,
)
from wijkanalyse.network import CrowFlies, StreetNetwork, speed_range
from wijkanalyse.study import _demand
from wijkanalyse.study.results import StudyData
from wijkanalyse.study.slices import AccessSlice

#: The columns each table gets a range for: output column → what is drawn.
RANGED = {
    "coverage": ("share_covered",),
    "gaps": ("share_not_covered", "mean_minutes"),
    "equity": ("mean", "p90", "share_beyond"),
}


def _suffixes() -> tuple[str, str]:
    lo, hi = RANGE_QUANTILES
    return f"_p{round(lo * 100):02d}", f"_p{round(hi * 100):02d}"


def draws_of(
    config: AccessSlice,
    data: StudyData,
    demand: gpd.GeoDataFrame,
    info: _demand.DemandInfo,
    model: StreetNetwork | CrowFlies,
    notes: list[Note],
) -> AccessDraws | None:
    """Draw the study's uncertain access inputs (``None``: no questions or ``draws = 0``)."""
    acc = config.access
    assert acc is not None
    r = acc.ranges
    if r.draws == 0 or not acc.questions:
        return None
    groups = [q.target_group for q in acc.questions]
    if r.demand_models:
        models = list(r.demand_models)
    elif info.model == "points":
        models = ["points"]  # the study's own addresses: better than any model of them
    else:
        models = ["street_points", "grid"] if data.network is not None else ["grid"]
    sets: dict[str, gpd.GeoDataFrame] = {}
    for name in dict.fromkeys(models):
        if name == info.model:
            sets[name] = demand
        else:
            sets[name] = _demand.study_demand(
                acc.model_copy(update={"demand": name}), data, groups
            )[0]
    speeds: dict[str, tuple[float, float]] = {}
    unsourced = []
    for g in dict.fromkeys(groups):
        given = r.speeds.get(g)
        speed = config.speeds.get(g, model.profile.speed_kmh)
        if given is not None:
            speeds[g] = (float(given[0]), float(given[1]))
        else:
            rng, sourced = speed_range(model.profile, g, speed)
            speeds[g] = rng
            if not sourced:
                unsourced.append(g)
    detour = None
    if r.detour is not None:
        detour = (float(r.detour[0]), float(r.detour[1]))
    elif isinstance(model, StreetNetwork) and model.report.detour is not None:
        cal = model.report.detour
        detour = (float(cal.p25), float(cal.p75))
    spec = DrawSpec(draws=r.draws, seed=r.seed, speeds=speeds, detour=detour, positions=r.positions)
    questions = [
        RangeQuestion(q.facility_type, q.target_group, tuple(float(m) for m in q.minutes))
        for q in acc.questions
    ]
    draws = draw_access(model, sets, data.facilities, questions, spec)
    parts: list[Note] = []
    if r.positions:
        parts.append(_i18n.note("ranges_positions"))
    parts.append(
        _i18n.note(
            "ranges_models", models=Items(tuple(_i18n.note(f"demand_name_{m}") for m in sets))
        )
    )
    speed_notes = tuple(
        _i18n.note("ranges_speed", group=_i18n.Label("group", g), lo=Num(lo, 1), hi=Num(hi, 1))
        for g, (lo, hi) in speeds.items()
    )
    parts.append(_i18n.note("ranges_speeds", speeds=Items(speed_notes)))
    if detour:
        parts.append(_i18n.note("ranges_detour", lo=Num(detour[0], 2), hi=Num(detour[1], 2)))
    notes.append(
        _i18n.note(
            "ranges_drawn", draws=Num(r.draws, 0), seed=str(r.seed), parts=Items(tuple(parts))
        )
    )
    if unsourced:
        notes.append(
            _i18n.note(
                "ranges_speed_unsourced",
                groups=Items(tuple(_i18n.Label("group", g) for g in unsourced)),
            )
        )
    return draws


class Members:
    """The draws' sector positions of a unit of a table (``None``: all sectors)."""

    def __init__(self, draws: AccessDraws, data: StudyData) -> None:
        self.draws = draws
        s = data.sectors
        self.by: dict[str, dict[str, np.ndarray]] = {}
        for level in ("wijk", "gemeente"):
            if level in s:
                col = s[level].dropna().astype(str)
                self.by[level] = {
                    u: draws.positions(list(idx)) for u, idx in col.groupby(col).groups.items()
                }
        self.by["area"] = {a: draws.positions(c) for a, c in data.area_members().items()}
        self.region_level = data.region.level

    def __call__(self, level: str, unit: object) -> np.ndarray | None:
        if level == "sector":
            return self.draws.positions([str(unit)])
        if level in self.by:
            return self.by[level].get(str(unit), np.array([], dtype=int))
        return None  # the region: every sector


def values(
    draws: AccessDraws,
    table: str,
    column: str,
    row: Mapping[Any, object],
    members: np.ndarray | None,
) -> np.ndarray:
    """Return a table cell's value in every draw."""
    ftype, group = str(row["facility_type"]), str(row["target_group"])
    thr = float(row["threshold_minutes"])  # type: ignore[arg-type]
    if table == "coverage":
        return draws.share_covered((ftype, group, thr), members)
    if table == "gaps":
        if column == "share_not_covered":
            return 1.0 - draws.share_covered((ftype, group, thr), members)
        return draws.mean_minutes((ftype, group), members)
    which = {"mean": 0, "p90": 1, "share_beyond": 2}[column]
    return draws.equity[(ftype, group, thr)][:, which]


def bound_draw(
    draws: AccessDraws,
    table: str,
    column: str,
    row: Mapping[Any, object],
    members: np.ndarray | None,
) -> tuple[int, int]:
    """Return the draws whose values are the row's 5 % and 95 % bounds of ``column``."""
    v = values(draws, table, column, row, members)
    return draws.bound(v, RANGE_QUANTILES[0])[1], draws.bound(v, RANGE_QUANTILES[1])[1]


def add_ranges(
    frame: pd.DataFrame,
    table: str,
    draws: AccessDraws | None,
    members: Members | None,
    *,
    level: str | None = None,
) -> pd.DataFrame:
    """Return ``frame`` with ``<column>_p05`` and ``<column>_p95`` after each ranged column."""
    if draws is None or members is None or not len(frame):
        return frame
    lo_s, hi_s = _suffixes()
    out = frame.copy()
    rows = out.reset_index().to_dict("records")
    unit_col = out.index.name or "index"
    for column in RANGED[table]:
        lo = np.full(len(out), np.nan)
        hi = np.full(len(out), np.nan)
        for i, row in enumerate(rows):
            lvl = str(row.get("level", level or "region"))
            mem = members(lvl, row.get(unit_col)) if table != "equity" else None
            if mem is not None and not len(mem):
                continue
            v = values(draws, table, column, row, mem)
            lo[i] = draws.bound(v, RANGE_QUANTILES[0])[0]
            hi[i] = draws.bound(v, RANGE_QUANTILES[1])[0]
        at = int(list(out.columns).index(column)) + 1
        out.insert(at, column + lo_s, pd.Series(lo, index=out.index, dtype="Float64"))
        out.insert(at + 1, column + hi_s, pd.Series(hi, index=out.index, dtype="Float64"))
    return out


def ranged_columns(table: str) -> Sequence[str]:
    """Return the range columns a table gets."""
    lo_s, hi_s = _suffixes()
    return [c + s for c in RANGED[table] for s in (lo_s, hi_s)]
