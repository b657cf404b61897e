"""The disclosure audit: the published equations over the withheld cells, as a linear system.

A withheld cell is *derivable* when its unit vector lies in the row space of the published
equations (group totals, identities between counts, released counts). :class:`_Audit` (a
mixin of :class:`~wijkanalyse.indicators.suppression.Ledger`) writes those equations and
searches the group totals to withhold when a cell stays derivable; :class:`_System` splits
the equations into independent blocks, each with an orthonormal :class:`_Basis`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np

from wijkanalyse.indicators._rules import _TOL, _Cells
from wijkanalyse.vocab import COMPLEMENTARY


class _Audit(_Cells):
    """The ledger's published equations and the search for totals to withhold (a mixin)."""

    def _unknowns(self) -> list[tuple[int, int]]:
        return [(int(i), int(j)) for i, j in zip(*np.nonzero(self._withheld), strict=True)]

    def _redundant(self) -> set[tuple[str, Hashable]]:
        """Public groups that are the disjoint union of other public groups (a region)."""
        public = [(g, set(idx.tolist())) for g, idx in self._groups.items() if g[0] in self.public]
        out = set()
        for g, members in public:
            parts = [m for h, m in public if h != g and m < members]
            if parts and sum(len(m) for m in parts) == len(members) == len(set().union(*parts)):
                out.add(g)
        return out

    def _base_rows(
        self, unknowns: list[tuple[int, int]]
    ) -> tuple[list[dict[int, float]], list[Any]]:
        """Return the published equations over the withheld cells, and what each comes from.

        An equation is a sparse row ``{unknown: coefficient}``.
        """
        where = {u: k for k, u in enumerate(unknowns)}
        rows: list[dict[int, float]] = []
        origin: list[Any] = []
        skip = self._redundant()
        for (level, unit), idx in self._groups.items():
            if (level, unit) in skip:
                continue
            for j, col in enumerate(self.columns):
                if (level, unit, col) in self._group_withheld:
                    continue
                row = {where[(int(i), j)]: 1.0 for i in idx if (int(i), j) in where}
                if row:
                    rows.append(row)
                    origin.append((level, unit, j))
        for total, parts in self.partitions:
            jt, jp = self._col(total), [self._col(p) for p in parts]
            for i in np.flatnonzero(self._withheld.any(axis=1)):
                row = {
                    where[(int(i), j)]: sign
                    for j, sign in [(jt, 1.0), *((p, -1.0) for p in jp)]
                    if (int(i), j) in where
                }
                if row:
                    rows.append(row)
                    origin.append(("identity", int(i), jt))
        return rows, origin

    def _derivable(self) -> np.ndarray:
        """Per withheld cell (in :meth:`_unknowns` order): whether it can be derived."""
        unknowns = self._unknowns()
        rows, _ = self._base_rows(unknowns)
        return _System(len(unknowns), rows).determined()

    def _search(self, cell: tuple[int, int]) -> bool:
        """Withhold one or two group totals so that ``cell`` is no longer derivable.

        Only the equations of the cell's block (the withheld cells it is linked to) matter,
        and only the groups that hold one of those cells can change them.
        """
        unknowns = self._unknowns()
        k = unknowns.index(cell)
        rows, origin = self._base_rows(unknowns)
        block = _System(len(unknowns), rows).block_of(k)
        local = {m: n for n, m in enumerate(sorted(block))}
        mine = [
            ({local[m]: v for m, v in r.items()}, o)
            for r, o in zip(rows, origin, strict=True)
            if next(iter(r)) in block
        ]
        sectors = {unknowns[m][0] for m in block}
        cands = sorted(
            (
                (lv, u)
                for (lv, u), idx in self._groups.items()
                if lv not in self.public
                and not self._held_group(lv, u)
                and sectors.intersection(idx.tolist())
            ),
            key=lambda g: (len(self._groups[g]), str(g[0]), str(g[1])),
        )

        def works(groups: Sequence[tuple[str, Hashable]]) -> bool:
            drop = set(groups)
            kept = [r for r, o in mine if (o[0], o[1]) not in drop]
            if _System(len(local), kept).determined()[local[k]]:
                return False
            for lv, u in groups:
                for c in self.columns:
                    self._group_withheld.setdefault((lv, u, c), COMPLEMENTARY)
            return True

        if any(works([g]) for g in cands):
            return True
        short = cands[:40]
        return any(works([a, b]) for n, a in enumerate(short) for b in short[n + 1 :])

    def _release_implied(self, unknowns: list[tuple[int, int]], system: _System) -> None:
        """Publish again the group totals that the published equations imply anyway."""
        where = {u: k for k, u in enumerate(unknowns)}
        for (level, unit, col), reason in list(self._group_withheld.items()):
            if reason != COMPLEMENTARY:
                continue
            j = self._col(col)
            row = {
                where[(int(i), j)]: 1.0 for i in self._groups[(level, unit)] if (int(i), j) in where
            }
            if system.implied(row):
                del self._group_withheld[(level, unit, col)]


class _System:
    """Published equations over the withheld cells, split into independent blocks.

    Two withheld cells are in one block when an equation links them (in practice: the
    cells of one municipality, whose public total links them all). Each block has its own
    :class:`_Basis`, so the work grows with the blocks, not with the whole region. An
    equation that spans several blocks is published only when every block already implies
    its part (it then tells nothing new); otherwise it is refused, which errs on the safe
    side and keeps the blocks apart.
    """

    def __init__(self, n: int, rows: Sequence[Mapping[int, float]]) -> None:
        parent = list(range(n))

        def find(a: int) -> int:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for row in rows:
            keys = list(row)
            for k in keys[1:]:
                ra, rb = find(keys[0]), find(k)
                if ra != rb:
                    parent[rb] = ra
        self.block = np.array([find(k) for k in range(n)], dtype=int)
        self.members: dict[int, np.ndarray] = {
            int(b): np.flatnonzero(self.block == b) for b in np.unique(self.block)
        }
        self.local = np.zeros(n, dtype=int)
        for idx in self.members.values():
            self.local[idx] = np.arange(len(idx))
        self.bases = {b: _Basis(len(idx)) for b, idx in self.members.items()}
        for row in rows:
            for b, vec in self._split(row).items():
                self.bases[b].add(vec)

    def block_of(self, k: int) -> set[int]:
        """Return the withheld cells in the block of cell ``k``."""
        return set(self.members[int(self.block[k])].tolist())

    def _split(self, row: Mapping[int, float]) -> dict[int, np.ndarray]:
        parts: dict[int, np.ndarray] = {}
        for k, v in row.items():
            b = int(self.block[k])
            if b not in parts:
                parts[b] = np.zeros(len(self.members[b]))
            parts[b][self.local[k]] += v
        return parts

    def determined(self) -> np.ndarray:
        """Per withheld cell: whether the published equations determine it."""
        out = np.zeros(len(self.block), dtype=bool)
        for b, idx in self.members.items():
            out[idx] = self.bases[b].determined_cells()
        return out

    def implied(self, row: Mapping[int, float]) -> bool:
        """Whether the published equations already imply ``row``."""
        return all(self.bases[b].implies(vec) for b, vec in self._split(row).items())

    def protect(self, row: Mapping[int, float]) -> None:
        """Keep a withheld count from becoming derivable (each part not yet implied)."""
        for b, vec in self._split(row).items():
            if not self.bases[b].implies(vec):
                self.bases[b].protect(vec)

    def try_add(self, row: Mapping[int, float]) -> bool:
        """Publish ``row`` unless it gives a protected cell or count away."""
        parts = self._split(row)
        if len(parts) == 1:
            ((b, vec),) = parts.items()
            return self.bases[b].try_add(vec)
        return all(self.bases[b].implies(vec) for b, vec in parts.items())


class _Basis:
    """An orthonormal basis of published equations, and the residuals of protected vectors.

    A protected vector (a withheld cell's unit vector, or a withheld count's row) is
    derivable from the published equations exactly when its residual against their span is
    zero.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self.q = np.zeros((0, n))
        # residuals of the cells' unit vectors, one row per cell, and of other protected rows
        self.cells = np.eye(n)
        self.extra = np.zeros((0, n))

    def _residual(self, row: np.ndarray) -> np.ndarray:
        if not len(self.q):
            return row.astype(float).copy()
        r = row - self.q.T @ (self.q @ row)
        return r - self.q.T @ (self.q @ r)  # twice, for numerical stability

    def add(self, row: np.ndarray) -> None:
        """Add a published equation (no check)."""
        r = self._residual(row)
        norm = float(np.linalg.norm(r))
        if norm > _TOL * max(float(np.linalg.norm(row)), 1.0):
            q = r / norm
            self.q = np.vstack([self.q, q])
            self.cells -= np.outer(self.cells @ q, q)
            self.extra -= np.outer(self.extra @ q, q)

    def implies(self, row: np.ndarray) -> bool:
        """Whether ``row`` lies in the span of the published equations."""
        norm = float(np.linalg.norm(row))
        return float(np.linalg.norm(self._residual(row))) <= _TOL * max(norm, 1.0)

    def determined_cells(self) -> np.ndarray:
        """Per cell: whether the published equations determine it."""
        return np.linalg.norm(self.cells, axis=1) < 1e-7

    def protect(self, row: np.ndarray) -> None:
        """Keep a withheld count's row from becoming derivable."""
        self.extra = np.vstack([self.extra, self._residual(row)])

    def try_add(self, row: np.ndarray) -> bool:
        """Add an equation unless it makes a protected vector derivable; return whether added."""
        r = self._residual(row)
        norm = float(np.linalg.norm(r))
        if norm <= _TOL * max(float(np.linalg.norm(row)), 1.0):
            return True  # already implied by what is published
        q = r / norm
        cells = self.cells - np.outer(self.cells @ q, q)
        extra = self.extra - np.outer(self.extra @ q, q)
        before_cells = np.linalg.norm(self.cells, axis=1) < 1e-7
        before_extra = np.linalg.norm(self.extra, axis=1) < 1e-7
        new_cells = (np.linalg.norm(cells, axis=1) < 1e-7) & ~before_cells
        new_extra = (np.linalg.norm(extra, axis=1) < 1e-7) & ~before_extra
        if new_cells.any() or np.asarray(new_extra, dtype=bool).any():
            return False
        self.q = np.vstack([self.q, q])
        self.cells, self.extra = cells, extra
        return True
