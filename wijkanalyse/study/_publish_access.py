"""What coverage, gaps and equity may show: their counts as sums of sector counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse.suppression import COMPLEMENTARY, Ledger

if TYPE_CHECKING:
    from wijkanalyse.study.results import StudyData

from wijkanalyse.study._masks import _Asker, _Mask

# --------------------------------------------------------------------------- access


class _Times:
    """Per facility type: every sector's travel time and method, in the ledger's order."""

    def __init__(
        self, nearest: pd.DataFrame, ledger: Ledger, factors: dict[str, float] | None = None
    ) -> None:
        self.nearest = nearest
        self.sectors = ledger.sectors
        # a target group at another speed than the profile's: its times times this factor
        self.factors = factors or {}
        self.cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def of(self, ftype: str, group: str) -> tuple[np.ndarray, np.ndarray]:
        """Return each sector's minutes for ``group`` to ``ftype`` and whether estimated."""
        minutes, euclid = self._of(ftype)
        return minutes * self.factors.get(group, 1.0), euclid

    def _of(self, ftype: str) -> tuple[np.ndarray, np.ndarray]:
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
        self.members, self.ledger = _UnitMembers(demand, data), ledger
        self.cache: dict[tuple[str, str], np.ndarray | None] = {}

    def __call__(self, level: str, unit: Any) -> np.ndarray | None:
        key = (level, str(unit))
        if key not in self.cache:
            members = self.members(level, unit)
            self.cache[key] = None if members is None else self.ledger.positions(members)
        return self.cache[key]


class _UnitMembers:
    """The demand sectors of a unit, in the demand's order (``None``: not a unit of the study).

    Each level's grouping is made once: a study of all Flanders asks for some 12 000 units.
    """

    def __init__(self, demand: gpd.GeoDataFrame, data: StudyData) -> None:
        self.demand, self.data = demand, data
        self.groups: dict[str, dict[str, pd.Index]] = {}

    def _group(self, level: str) -> dict[str, pd.Index]:
        if level not in self.groups:
            if level == "area":
                members = self.data.area_members(self.demand.index)
                self.groups[level] = {a: pd.Index(codes) for a, codes in members.items()}
            else:
                col = self.demand[level].astype(str)
                self.groups[level] = {
                    str(u): self.demand.index[pos] for u, pos in col.groupby(col).indices.items()
                }
        return self.groups[level]

    def __call__(self, level: str, unit: Any) -> pd.Index | None:
        if level in ("wijk", "gemeente"):
            return self._group(level).get(str(unit), pd.Index([]))
        if level == "sector":
            return pd.Index([unit]) if unit in self.demand.index else pd.Index([])
        if level == "area":
            return self._group(level).get(unit)
        if level == self.data.region.level or level == "region":
            return self.demand.index
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
        all_minutes, all_euclid = times.of(str(row["facility_type"]), group)
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
        minutes = times.of(str(row["facility_type"]), group)[0][members]
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
        minutes = times.of(str(row["facility_type"]), group)[0][everyone]
        known = ~np.isnan(minutes)
        beyond = known & (np.nan_to_num(minutes, nan=-np.inf) > float(row["threshold_minutes"]))
        asker.ask(group, _at(everyone, known), mask.sink(pos, "population"))
        asker.ask(group, _at(everyone, beyond), mask.sink(pos, "_beyond"))
    return mask
