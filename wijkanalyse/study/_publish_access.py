"""What coverage, gaps and equity may show: their counts as sums of sector counts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse.access.ranges import AccessDraws
from wijkanalyse.study import _ranges
from wijkanalyse.study._atoms import Atoms, smaller_side
from wijkanalyse.study._demand import sector_shares
from wijkanalyse.suppression import COMPLEMENTARY, SMALL_COUNT, Ledger

if TYPE_CHECKING:
    from wijkanalyse.study.results import StudyData

from wijkanalyse.study._masks import _Asker, _Mask

# --------------------------------------------------------------------------- access


class _Times:
    """Per question: the share of each sector's target group within reach, in the ledger's order.

    A sector's residents may be spread over several demand points
    (:mod:`wijkanalyse.demand`): a count of people within reach in a unit is then
    Σ share × sector count, the share being that of the sector's residents on the points
    within reach (0 or 1 when the sector is one point).
    """

    def __init__(
        self,
        nearest: pd.DataFrame,
        ledger: Ledger,
        factors: dict[str, float] | None = None,
        points: pd.DataFrame | None = None,
    ) -> None:
        self.nearest = nearest
        self.sectors = ledger.sectors
        # a target group at another speed than the profile's: its times times this factor
        self.factors = factors or {}
        self.points = points
        self.cache: dict[str, tuple[pd.DataFrame, np.ndarray, np.ndarray]] = {}
        self.shares_cache: dict[tuple[str, str, float | None], tuple[np.ndarray, ...]] = {}

    def _of(self, ftype: str) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        if ftype not in self.cache:
            block = self.nearest.xs(ftype, level="facility_type")
            block.index = block.index.astype(str)
            if self.points is None:
                pts = pd.DataFrame({"sector": block.index}, index=block.index)
            else:
                pts = self.points.copy()
                pts.index = pts.index.astype(str)
                block = block.reindex(pts.index)
            minutes = pd.to_numeric(block["minutes"], errors="coerce").astype(float)
            euclid = block["method"].fillna("").astype(str).str.startswith("euclidean")
            self.cache[ftype] = (
                pts,
                minutes.to_numpy(dtype=float),
                euclid.fillna(False).to_numpy(dtype=bool),
            )
        return self.cache[ftype]

    def shares(
        self, ftype: str, group: str, threshold: float | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return per sector the shares of ``group`` within ``threshold``, known, estimated.

        Without a threshold the first is the share with a known time (no threshold asked).
        """
        key = (ftype, group, threshold)
        if key not in self.shares_cache:
            pts, minutes, euclid = self._of(ftype)
            minutes = minutes * self.factors.get(group, 1.0)
            known = ~np.isnan(minutes)
            within = (
                known
                if threshold is None
                else known & (np.nan_to_num(minutes, nan=np.inf) <= float(threshold))
            )
            self.shares_cache[key] = tuple(
                sector_shares(pts, self.sectors, group, where) for where in (within, known, euclid)
            )
        return self.shares_cache[key]  # type: ignore[return-value]


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


def _at(pos: np.ndarray, share: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Return a count over the sectors at ``pos``: all of them, or ``share`` of each.

    ``share`` is indexed like the ledger's sectors.
    """
    if share is None:
        return pos, np.ones(len(pos))
    coef = np.asarray(share, dtype=float)[pos]
    keep = coef != 0
    return pos[keep], coef[keep]


def _split_small(asker: _Asker, *sides: Any) -> bool:
    """Whether a side of a split of a published total is a small count.

    People within reach, out of reach and of unknown time add up to the group, whose total
    is published: when one side is small, the others would give it away by subtraction,
    even where every sector under them is published (a share of a sector is not a cell).
    """
    for v in sides:
        if v is None or pd.isna(v):
            continue
        if asker.ledger._small(float(v)):
            return True
    return False


class _Bounds:
    """The counts behind the range bounds of a table's rows: each bound is a draw's value."""

    def __init__(self, draws: AccessDraws | None, data: StudyData, ledger: Ledger) -> None:
        self.draws = draws
        if draws is not None:
            self.members = _ranges.Members(draws, data)
            self.lpos = ledger.positions(draws.sectors)

    def ask(
        self,
        asker: _Asker,
        mask: _Mask,
        pos: int,
        table: str,
        column: str,
        row: Mapping[Any, Any],
        unit: Any,
        *,
        complement: bool,
    ) -> None:
        """Ask the ledger for the counts of the draws of ``column``'s two bounds.

        The count is the draw's people within reach (``complement``: with a known time but
        not within reach) over the row's sectors; ``mask`` gets ``_p05``/``_p95``.
        """
        draws = self.draws
        if draws is None or f"{column}_p05" not in row:
            return
        level = str(row.get("level", "region"))
        mem = self.members(level, unit) if table != "equity" else None
        if mem is not None and not len(mem):
            return
        key = (str(row["facility_type"]), str(row["target_group"]), float(row["threshold_minutes"]))
        group = key[1]
        idx = np.arange(len(draws.sectors)) if mem is None else mem
        bound = _ranges.bound_draw(draws, table, column, row, mem)
        pop = draws.population[group]
        for suffix, d in zip(("_p05", "_p95"), bound, strict=True):
            if d < 0:
                continue
            within, known = draws.covered[key][d], draws.known[key[:2]][d]
            sides = (
                within[idx].sum(),
                (known - within)[idx].sum(),
                (pop - known)[idx].sum(),
            )
            if _split_small(asker, *sides):
                mask.sink(pos, suffix)(SMALL_COUNT)
                continue
            count = known - within if complement else within
            with np.errstate(invalid="ignore", divide="ignore"):
                share = np.nan_to_num(np.where(pop > 0, count / pop, 0.0), nan=0.0)
            lpos, coef = self.lpos[idx], share[idx]
            keep = (lpos >= 0) & (coef != 0)
            asker.ask(group, (lpos[keep], coef[keep]), mask.sink(pos, suffix))


def _parts(asker: _Asker, share: np.ndarray, group: str) -> dict[str, np.ndarray]:
    """Return a question's atom cells: per sector the smaller of its part and complement."""
    pop = asker.ledger.values[group].to_numpy(dtype=float)
    return {"part": smaller_side(np.asarray(share, dtype=float) * pop, pop)}


def _coverage(
    asker: _Asker,
    cov: pd.DataFrame,
    times: _Times,
    units: _Units,
    bounds: _Bounds,
    atoms: Atoms | None = None,
) -> _Mask:
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
        within, known, estimated = times.shares(
            str(row["facility_type"]), group, float(row["threshold_minutes"])
        )
        supports = {
            "pop_in_group": None,
            "pop_covered": within,
            "pop_not_covered": known - within,
            "pop_unknown": 1.0 - known,
            "pop_estimated": estimated,
        }
        for c, share in supports.items():
            asker.ask(group, _at(members, share), mask.sink(pos, c), shown=_num(row.get(c)))
        if _split_small(
            asker, row.get("pop_covered"), row.get("pop_not_covered"), row.get("pop_unknown")
        ):
            for c in ("pop_covered", "pop_not_covered", "pop_unknown", "pop_estimated"):
                mask.sink(pos, c)(SMALL_COUNT)
        unit = row[unit_col]
        if atoms is not None:
            atoms.ask(
                (str(row["facility_type"]), group, float(row["threshold_minutes"])),
                _parts(asker, within, group),
                "part",
                str(row["level"]),
                unit,
                members,
                [mask.sink(pos, c) for c in ("pop_covered", "pop_not_covered", "pop_unknown")],
            )
        bounds.ask(asker, mask, pos, "coverage", "share_covered", row, unit, complement=False)
    return mask


def _num(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _gaps(
    asker: _Asker,
    gaps: pd.DataFrame,
    times: _Times,
    units: _Units,
    bounds: _Bounds,
    atoms: Atoms | None = None,
) -> _Mask:
    frame = gaps.reset_index()
    mask = _Mask(frame)
    for pos, row in enumerate(frame.to_dict("records")):
        members = units(str(row["level"]), row["unit"])
        group = str(row["target_group"])
        if members is None:
            for c in ("pop_in_group", "pop_affected", "_known", "mean_minutes"):
                mask.sink(pos, c)(COMPLEMENTARY)
            continue
        within, known, _ = times.shares(
            str(row["facility_type"]), group, float(row["threshold_minutes"])
        )
        beyond = known - within
        shown_in, shown_aff = _num(row.get("pop_in_group")), _num(row.get("pop_affected"))
        asker.ask(group, _at(members), mask.sink(pos, "pop_in_group"), shown=shown_in)
        asker.ask(group, _at(members, beyond), mask.sink(pos, "pop_affected"), shown=shown_aff)
        asker.ask(group, _at(members, known), mask.sink(pos, "_known"))
        # the other sides of the split: within reach, and of unknown time
        if members is not None and shown_in is not None and shown_aff is not None:
            lpos = members
            pop = asker.ledger.values[group].to_numpy(dtype=float)[lpos]
            known_n = float(np.nansum(pop * np.asarray(known)[lpos]))
            within_n = float(np.nansum(pop * np.asarray(within)[lpos]))
            if _split_small(asker, shown_aff, within_n, shown_in - known_n):
                mask.sink(pos, "pop_affected")(SMALL_COUNT)
                mask.sink(pos, "_known")(SMALL_COUNT)
        if atoms is not None:
            atoms.ask(
                (str(row["facility_type"]), group, float(row["threshold_minutes"])),
                _parts(asker, within, group),
                "part",
                str(row["level"]),
                row["unit"],
                members,
                [mask.sink(pos, "pop_affected"), mask.sink(pos, "_known")],
            )
        bounds.ask(asker, mask, pos, "gaps", "share_not_covered", row, row["unit"], complement=True)
    return mask


def _equity(
    asker: _Asker, equity: pd.DataFrame, times: _Times, units: _Units, bounds: _Bounds
) -> _Mask:
    frame = equity.reset_index(drop=True)
    mask = _Mask(frame)
    everyone = units("region", "")
    assert everyone is not None
    for pos, row in enumerate(frame.to_dict("records")):
        group = str(row["target_group"])
        within, known, _ = times.shares(
            str(row["facility_type"]), group, float(row["threshold_minutes"])
        )
        beyond = known - within
        asker.ask(group, _at(everyone, known), mask.sink(pos, "population"))
        asker.ask(group, _at(everyone, beyond), mask.sink(pos, "_beyond"))
        pop = asker.ledger.values[group].to_numpy(dtype=float)[everyone]
        sides = (
            float(np.nansum(pop * np.asarray(within)[everyone])),
            float(np.nansum(pop * np.asarray(beyond)[everyone])),
        )
        if _split_small(asker, *sides):
            mask.sink(pos, "_beyond")(SMALL_COUNT)
        bounds.ask(asker, mask, pos, "equity", "share_beyond", row, None, complement=True)
    return mask
