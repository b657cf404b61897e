"""The ledger's cells, and the rules of complementary suppression per group and between siblings.

:class:`~wijkanalyse.indicators.suppression.Ledger` is made of two mixins that share the
state declared in :class:`_Cells`: :class:`_Rules` (here) withholds cells and group totals by
rule (a sector with a small count as a whole; at least two withheld sectors holding at least
``threshold`` persons in every published group; never one group total alone within a
partition of a public total), and :class:`~wijkanalyse.indicators._audit._Audit` checks the
result as a linear system.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd

from wijkanalyse.vocab import COMPLEMENTARY, SMALL_COUNT

_TOL = 1e-9


class _Cells:
    """The state of a ledger: its cells, which are withheld and why, the published groups."""

    threshold: int
    sectors: pd.Index
    columns: list[str]
    values: pd.DataFrame
    partitions: Sequence[tuple[str, tuple[str, ...]]]
    public: tuple[str, ...]
    _groups: dict[tuple[str, Hashable], np.ndarray]
    _parts: list[tuple[str, Hashable, list[Hashable]]]
    _withheld: np.ndarray
    _reason: np.ndarray
    _group_withheld: dict[tuple[str, Hashable, str], str]

    def _small(self, value: float, *, cell: bool = False) -> bool:
        """Whether a count may not be published: from 1 to ``threshold`` - 1 persons.

        Zero is published: "nobody aged 65+ lives here" names no one.
        """
        if np.isnan(value):
            return False
        return _TOL < value < self.threshold - _TOL

    def _col(self, column: str) -> int:
        return self.columns.index(column)

    def _withhold(self, i: int, j: int, reason: str) -> None:
        self._withheld[i, j] = True
        self._reason[i, j] = reason

    def _withhold_sector(self, i: int, reason: str) -> None:
        """Withhold every count of sector ``i`` (the small one keeps :data:`SMALL_COUNT`)."""
        known = ~np.isnan(self.values.to_numpy()[i])
        for j in np.flatnonzero(known & ~self._withheld[i]):
            self._withhold(i, int(j), reason)

    def _free(self, idx: np.ndarray) -> np.ndarray:
        """Return the published sectors among ``idx``, smallest first (by their first count)."""
        vals = self.values.to_numpy()
        free = idx[~self._withheld[idx].any(axis=1) & ~np.isnan(vals[idx]).all(axis=1)]
        size = np.nan_to_num(vals[free, 0], nan=np.inf)
        return free[np.lexsort((self.sectors[free].to_numpy(), size))]

    def _withheld_all(self) -> np.ndarray:
        known = ~np.isnan(self.values.to_numpy())
        return np.asarray((self._withheld | ~known).all(axis=1), dtype=bool)

    def _held_group(self, level: str, unit: Hashable) -> bool:
        return any((level, unit, c) in self._group_withheld for c in self.columns)


class _Rules(_Cells):
    """Complementary suppression by rule, applied until nothing changes (a ledger mixin)."""

    def _group_rules(self) -> bool:
        """Apply the per-group rule once; return whether anything changed.

        A sector with one small count is withheld as a whole (else the identities between
        its counts give the small one away). In every published group, the withheld sectors
        must be at least two and hold at least ``threshold`` persons of every count.
        """
        changed = False
        vals = self.values.to_numpy()
        for i in np.flatnonzero(self._withheld.any(axis=1) & ~self._withheld_all()):
            self._withhold_sector(int(i), COMPLEMENTARY)
            changed = True
        for (level, unit), idx in self._groups.items():
            held = idx[self._withheld[idx].any(axis=1)]
            if not len(held):
                continue
            open_cols = [
                j
                for j, c in enumerate(self.columns)
                if (level, unit, c) not in self._group_withheld
            ]
            if not open_cols:
                continue
            weak = []
            for j in open_cols:
                total = float(np.nansum(vals[idx, j]))
                if self._small(total, cell=True) and level not in self.public:
                    # the whole group, as for a sector: its other totals would give it away
                    for c in self.columns:
                        self._group_withheld.setdefault((level, unit, c), COMPLEMENTARY)
                    self._group_withheld[(level, unit, self.columns[j])] = SMALL_COUNT
                    changed = True
                    continue
                part = float(np.nansum(vals[held, j]))
                if len(held) == 1 or self._small(part, cell=True):
                    weak.append(j)
            if not weak:
                continue
            free = self._free(idx)
            if len(free):
                self._withhold_sector(int(free[0]), COMPLEMENTARY)
                changed = True
            elif level not in self.public:
                for j in weak:
                    self._group_withheld[(level, unit, self.columns[j])] = COMPLEMENTARY
                changed = True
        return changed

    def _partitions_of_levels(self) -> list[tuple[str, Hashable, list[Hashable]]]:
        """(level, public unit, child units) where a level's groups partition a public group."""
        out = []
        levels = {lv for lv, _ in self._groups} - set(self.public)
        for (plevel, punit), pidx in self._groups.items():
            if plevel not in self.public:
                continue
            pset = set(pidx.tolist())
            for lv in sorted(levels):
                kids = [
                    u
                    for (lv2, u), idx in self._groups.items()
                    if lv2 == lv and set(idx.tolist()) <= pset
                ]
                cover = sorted(i for u in kids for i in self._groups[(lv, u)].tolist())
                if kids and cover == sorted(pset):
                    out.append((lv, punit, kids))
        return out

    def _sibling_rules(self) -> bool:
        """Within a partition of a public total, no group total is withheld alone.

        Otherwise it is the public total minus its published siblings. The second one is
        the smallest sibling, preferring one with withheld sectors (a group of published
        sectors is their sum anyway) and one that holds sectors of a group withheld at
        another level (so that the two levels do not give each other away).
        """
        changed = False
        vals = self.values.to_numpy()
        for level, _, kids in self._parts:
            held = [u for u in kids if self._held_group(level, u)]
            if len(held) != 1:
                continue
            free = [u for u in kids if not self._held_group(level, u)]
            if not free:
                continue
            other = {
                i
                for (lv, u), idx in self._groups.items()
                if lv != level and lv not in self.public and self._held_group(lv, u)
                for i in idx.tolist()
            }

            def key(u: Hashable, level: str = level, other: set[int] = other) -> tuple:
                idx = self._groups[(level, u)]
                return (
                    not self._withheld[idx].any(),  # else its total is its sectors' sum
                    not bool(other & set(idx.tolist())),
                    float(np.nansum(vals[idx, 0])),
                    str(u),
                )

            pick = min(free, key=key)
            for c in self.columns:
                self._group_withheld.setdefault((level, pick, c), COMPLEMENTARY)
            changed = True
        return changed
