"""Disclosure control of the parts of sector counts that the demand points make.

With each sector's residents on one point, a count of people within reach is a sum of whole
sector counts, and the study's :class:`~wijkanalyse.suppression.Ledger` protects it. With
residents spread over points, a sector is split into a part within reach and a part out of
it. Those parts are new cells: a part of 1 to 4 persons must not be readable, neither in its
sector's row nor as a published unit minus its other published parts (a gemeente minus its
wijken, a wijk minus its sectors), and its complement (the sector's published total minus
the part) is as telling as the part itself.

An :class:`Atoms` keeps one ledger per question (facility type, target group, threshold; or
per scenario column) whose cells are the sectors' parts, valued by the smaller of the part
and its complement: a sector whose part or complement is small is withheld, with the
ledger's complementary suppression over the study's units (wijk, gemeente, region, area),
and every published count of people within or out of reach, at every level, is asked of
it. Within and out of reach carry the same information when the sector totals are known,
so one column stands for both.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from wijkanalyse.study._masks import _Asker
from wijkanalyse.suppression import COMPLEMENTARY, Ledger

__all__ = ["Atoms", "smaller_side"]


class Atoms:
    """Ledgers of the sectors' parts within reach, one per question (see the module)."""

    def __init__(
        self,
        sectors: pd.Index,
        groups: Mapping[str, Mapping[Hashable, Sequence[str]]],
        threshold: int,
        region_level: str,
    ) -> None:
        self.sectors = pd.Index(sectors.astype(str))
        # the units whose counts are published; the sector cells are published in gaps.csv
        kept = ("wijk", "gemeente", "area", "region")
        self.groups = {lv: g for lv, g in groups.items() if lv in kept}
        self.threshold = threshold
        self.region_level = region_level
        self.askers: dict[Hashable, _Asker] = {}

    def asker(self, key: Hashable, parts: Mapping[str, np.ndarray]) -> _Asker:
        """Return the asker of question ``key``; ``parts`` are its columns' cell values.

        Each value is the smaller of a sector's part and its complement (the sector's count
        minus the part): small when either would be.
        """
        if key not in self.askers:
            counts = pd.DataFrame({c: np.asarray(v, dtype=float) for c, v in parts.items()})
            counts.index = self.sectors
            ledger = Ledger(counts, groups=self.groups, threshold=self.threshold, public=())
            self.askers[key] = _Asker(ledger)
        return self.askers[key]

    def ask(
        self,
        key: Hashable,
        parts: Mapping[str, np.ndarray],
        column: str,
        level: str,
        unit: Any,
        positions: np.ndarray,
        sinks: Sequence[Callable[[str | None], None]],
    ) -> None:
        """Ask to publish the sum of ``column`` over a unit; every sink gets the decision."""
        asker = self.asker(key, parts)
        lv = "region" if level == self.region_level else level
        unit_key = unit
        if lv == "region":
            unit_key = next(iter(self.groups.get("region", {unit: []})))
        why = asker.ledger.group_reason(lv, unit_key, column) if lv != "sector" else None
        if why is None and lv in ("gemeente", "region"):
            why = self._children_small(asker.ledger, column, positions)
        if why is not None:
            for sink in sinks:
                sink(why)
            return

        def all_sinks(reason: str | None) -> None:
            for sink in sinks:
                sink(reason)

        asker.ask(column, (positions, np.ones(len(positions))), all_sinks)

    def _children_small(self, ledger: Ledger, column: str, positions: np.ndarray) -> str | None:
        """Withhold a total whose withheld wijken add up to a small count.

        The total minus its published wijken is the sum of the withheld ones: two wijken
        withheld for 1 and 3 persons would give 4 away together.
        """
        inside = set(np.asarray(positions).tolist())
        j = ledger.columns.index(column)
        vals = ledger.values.to_numpy(dtype=float)[:, j]
        held = 0.0
        for unit, members in self.groups.get("wijk", {}).items():
            pos = ledger.positions(members)
            if (
                len(pos)
                and set(pos.tolist()) <= inside
                and ledger.group_reason("wijk", unit, column)
            ):
                held += float(np.nansum(vals[pos]))
        return COMPLEMENTARY if ledger._small(held) else None

    def release(self) -> None:
        """Decide every question's requests."""
        for asker in self.askers.values():
            asker.release()


def smaller_side(part: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Return per sector the smaller non-zero side: the part or its complement in the count.

    Zero discloses no one, so a sector wholly within (or out of) reach counts by its total:
    small when the sector itself is (its total is then withheld, and so must the part be).

    >>> smaller_side(np.array([0.0, 3.0, 97.0, 0.0, 0.0]), np.array([100, 100, 100, 3, 0]))
    array([100.,   3.,   3.,   3.,   0.])
    """
    part = np.asarray(part, dtype=float)
    total = np.asarray(total, dtype=float)
    rest = total - part
    side = np.where((part > 0) & (rest > 0), np.minimum(part, rest), np.where(part > 0, part, rest))
    return np.where(np.isnan(total), np.nan, side)


def guard_sums(
    mask: Any,
    threshold: int,
    *,
    unit_col: str,
    columns: Sequence[str],
    keys: Sequence[str],
    whole: str,
    part: str,
    parent: Mapping[str, str],
    also: Sequence[str] = (),
) -> None:
    """Withhold a ``whole`` row whose withheld ``part`` rows add up to a small count.

    The whole (a gemeente) minus its published parts (its wijken) is the sum of the parts
    withheld; when that is 1 to ``threshold`` - 1 persons the whole's count is withheld too
    (``also``: columns withheld with it); ``parent`` maps a part's unit to its whole's.
    Runs on the mask's true values, after every ledger has decided.
    """
    frame = mask.frame
    for _, block in frame.groupby(list(keys), sort=False):
        wholes = block[block["level"] == whole]
        parts = block[block["level"] == part]
        if not len(wholes) or not len(parts):
            continue
        owner = parts[unit_col].astype(str).map(parent)
        for w, wrow in wholes.iterrows():
            mine = parts.index[(owner == str(wrow[unit_col])).to_numpy()]
            for col in columns:
                held = [int(p) for p in mine if mask.withheld(int(p), col)]
                vals = pd.to_numeric(frame.loc[held, col], errors="coerce")
                total = float(np.nansum(vals))
                if _TOL < total < threshold - _TOL:
                    for c in (col, *also):
                        mask.sink(int(w), c)(COMPLEMENTARY)


_TOL = 1e-6
