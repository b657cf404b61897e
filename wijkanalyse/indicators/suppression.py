"""Disclosure control: no person count below the threshold can be read or derived from any output.

Statistical sectors are small (Leuven: a median of about 700 residents, some with a handful),
and a study publishes the same people many times over: per sector, per wijk, per
deelgemeente, per custom area, per target group (``pop_total = pop_65plus + pop_under65``),
as rates (share, density, per connection, per 1 000), and as counts of people within reach
of a facility, before and after a plan. Withholding each small count where it appears
(*primary* suppression) is not enough: a withheld sector is its wijk total minus the
published sectors; a withheld 65+ count is the total minus the under-65 count; a withheld
population is its density times its area.

This module owns the whole of it, and the reasons a value is withheld:

* :data:`SMALL_COUNT`: the count itself is below the threshold (primary suppression);
* :data:`COMPLEMENTARY`: a count that is not small, withheld so that a small one cannot be
  derived from it by subtraction (secondary suppression);
* :data:`DERIVED`: a rate, share or difference computed from a withheld count;
* :data:`SUPPRESSED_BY_SOURCE`: the publisher withheld it (Statbel's own suppression).

**How.** A :class:`Ledger` holds the person counts of the sectors (the cells) and the groups
they are published in (wijk, deelgemeente, gemeente, custom area; the identity
``total = part + part`` within a sector). It

1. withholds every cell from 1 to ``threshold`` - 1 persons, and with it the sector's other
   counts (``pop_total`` = ``pop_65plus`` + ``pop_under65`` would give it away). Zero is
   published: "nobody aged 65+ lives here" names no one;
2. adds complementary cells until, in every published group, the withheld cells are at least
   two and hold at least ``threshold`` persons together (the smallest published cell of the
   group is added first; a group with nothing left to add is itself withheld);
3. audits the result as a linear system: the withheld cells are unknowns, every published
   group total and identity an equation. A cell is *derivable* when its unit vector lies in
   the row space of those equations; the ledger adds complementary cells until none is;
4. releases every other count a study wants to publish (people within reach, per wijk and
   plan; a plan's gain per site; the change a scenario makes) through :meth:`Ledger.release`:
   each is a weighted sum of cells over its *support* (the sectors it counts). A count is
   published only when it is not small, the withheld part of it is not small, and, added to
   the published equations, it makes no withheld cell and no withheld count derivable.

All counts that may be released are known before any is released, so the outcome does not
depend on the order in which a writer asks.

Steps 1 and 2 are the rules of :mod:`wijkanalyse.indicators._rules`; the audit of step 3
(the linear system and the search for group totals to withhold) is
:mod:`wijkanalyse.indicators._audit`. :class:`Ledger` combines the two.

What it does not do: it does not protect against an attacker who knows some residents' exact
addresses (no disclosure control on aggregates does), and it treats counts the source left
out (NA) as known to everyone, which errs on the safe side. Population-weighted mean travel
times (and the p-median's total minutes, need-weighted objectives) are weighted sums with
non-integer weights; with the published sector travel times they could narrow a withheld
count down within the rounding of the published values. They are withheld wherever their
unit's population is, but are not audited as exact equations (that would take interval
auditing, e.g. by linear programming).

The totals of a municipality (and of the study's region) are treated as public: Statbel
publishes them, so withholding them would protect nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from wijkanalyse import settings
from wijkanalyse.indicators._audit import _Audit, _System
from wijkanalyse.indicators._rules import _TOL, _Rules
from wijkanalyse.vocab import (
    COMPLEMENTARY,
    DERIVED,
    REASON_LABELS,
    SMALL_COUNT,
    SUPPRESSED_BY_SOURCE,
)

__all__ = [
    "COMPLEMENTARY",
    "DERIVED",
    "REASONS",
    "SMALL_COUNT",
    "SUPPRESSED_BY_SOURCE",
    "Ledger",
    "Request",
    "find_partitions",
    "mask_derived",
    "suppress_counts",
]


#: Why this module withholds a value, in Dutch and English (labels: :mod:`wijkanalyse.vocab`).
REASONS: dict[str, tuple[str, str]] = {
    r: REASON_LABELS[r] for r in (SMALL_COUNT, COMPLEMENTARY, DERIVED, SUPPRESSED_BY_SOURCE)
}


#: Person columns are ``pop_*``; household counts of the energy data count persons' homes.
_PERSON_PREFIX = "pop_"
_HOUSEHOLD_COLUMNS = ("elek_res_n", "gas_res_n")


def counts_persons(column: object) -> bool:
    """Return whether a column holds counts of persons or households."""
    name = str(column)
    return name.startswith(_PERSON_PREFIX) or name in _HOUSEHOLD_COLUMNS


def _threshold(threshold: int | None) -> int:
    return settings.suppression_threshold if threshold is None else int(threshold)


def suppress_counts(
    frame: pd.DataFrame,
    columns: Sequence[str] | None = None,
    *,
    threshold: int | None = None,
    keep_zero: bool = False,
) -> pd.DataFrame:
    """Withhold small counts of persons in one table (primary suppression only).

    Every value below ``threshold`` (zero included, unless ``keep_zero``: a count of nobody,
    e.g. "nobody lives within 10 minutes", is then published) in ``columns`` becomes NA and
    ``<column>_suppressed_reason`` (always added) says ``small_count``. Default columns:
    the population columns (``pop_*``) and household counts (``elek_res_n``, ``gas_res_n``).

    This protects one table on its own. A study's outputs go through a :class:`Ledger`,
    which also withholds what could be derived across tables.

    Examples
    --------
    >>> df = pd.DataFrame({"pop_total": pd.array([120, 3, 0], dtype="Int64")})
    >>> out = suppress_counts(df, threshold=5)
    >>> out["pop_total"].tolist(), out["pop_total_suppressed_reason"].fillna("").tolist()
    ([120, <NA>, <NA>], ['', 'small_count', 'small_count'])
    """
    from wijkanalyse._errors import SchemaError
    from wijkanalyse._validate import listing

    thr = _threshold(threshold)
    if columns is None:
        columns = [
            c
            for c in frame.columns
            if counts_persons(c) and pd.api.types.is_numeric_dtype(frame[c].dtype)
        ]
    out = frame.copy()
    for col in columns:
        if col not in out:
            raise SchemaError(f"suppress_counts: no column {col!r} (found: {listing(out)}).")
        small = (out[col] < thr).fillna(False).astype(bool)
        if keep_zero:
            small &= (out[col] != 0).fillna(True).astype(bool)
        out[col] = out[col].mask(small)
        _set_reason(out, col, small.to_numpy(dtype=bool), SMALL_COUNT)
    return out


def _set_reason(frame: pd.DataFrame, column: str, where: np.ndarray, reason: str) -> None:
    """Write ``reason`` into ``<column>_suppressed_reason`` where ``where`` (keep others)."""
    reason_col = f"{column}_suppressed_reason"
    prev = (
        frame[reason_col].astype("object")
        if reason_col in frame
        else pd.Series(None, index=frame.index, dtype="object")
    )
    frame[reason_col] = pd.Series(
        np.where(where, reason, prev.to_numpy(dtype=object)), index=frame.index, dtype="object"
    )


def mask_derived(
    frame: pd.DataFrame, where: pd.Series | np.ndarray, columns: Iterable[str]
) -> pd.DataFrame:
    """Withhold ``columns`` where ``where`` holds, with reason :data:`DERIVED`.

    For rates, shares and differences computed from a count that is withheld on that row.
    Columns already withheld keep their own reason.
    """
    out = frame.copy()
    hit = np.asarray(where, dtype=bool)
    for col in columns:
        if col not in out:
            continue
        shown = out[col].notna().to_numpy(dtype=bool)
        out[col] = out[col].mask(hit)
        _set_reason(out, col, hit & shown, DERIVED)
    return out


def find_partitions(counts: pd.DataFrame) -> list[tuple[str, tuple[str, str]]]:
    """Return the column identities ``total = a + b`` that hold on every complete row.

    A published total and one published part give the other part away; the ledger treats
    each identity as a published equation.

    Examples
    --------
    >>> df = pd.DataFrame({"pop_total": [10, 7], "pop_65plus": [4, 2], "pop_under65": [6, 5]})
    >>> find_partitions(df)
    [('pop_total', ('pop_65plus', 'pop_under65'))]
    """
    cols = [str(c) for c in counts.columns]
    values = {c: pd.to_numeric(counts[c], errors="coerce").astype(float) for c in cols}
    found = []
    for total in cols:
        others = [c for c in cols if c != total]
        for i, a in enumerate(others):
            for b in others[i + 1 :]:
                ok = values[total].notna() & values[a].notna() & values[b].notna()
                if ok.any() and np.allclose(
                    values[total][ok], values[a][ok] + values[b][ok], rtol=0, atol=1e-9
                ):
                    found.append((total, (a, b)))
    return found


@dataclass(frozen=True)
class Request:
    """A number a study wants to publish: Σ ``weights`` × the cells of ``column``.

    ``weights`` maps sector codes to coefficients: 1 for a plain count over those sectors
    (people within reach in a wijk), +1 and −1 for a difference of two counts, travel
    minutes for a population-weighted total time. ``count`` says whether the number is a
    number of persons, to which the threshold applies itself.
    """

    column: str
    weights: pd.Series | None = None
    count: bool = True
    positions: np.ndarray | None = None
    coef: np.ndarray | None = None

    @classmethod
    def at(
        cls,
        column: str,
        positions: np.ndarray,
        coef: np.ndarray | None = None,
        *,
        count: bool = True,
    ) -> Request:
        """Build a request from sector positions in the ledger (fast: no labels to look up)."""
        pos = np.asarray(positions, dtype=int)
        c = np.ones(len(pos)) if coef is None else np.asarray(coef, dtype=float)
        return cls(column, None, count, pos, c)


class Ledger(_Rules, _Audit):
    """The person counts of a study's sectors and what may be published of them.

    Parameters
    ----------
    counts
        Person counts per sector (index: sector code; one column per count, e.g.
        ``pop_total``, ``pop_65plus``, ``pop_under65``). NA is a count the source did not
        publish.
    groups
        Published groupings of sectors: ``{level: {unit: [sector, …]}}``, e.g. ``{"wijk":
        {...}, "deelgemeente": {...}, "gemeente": {...}, "area": {...}}``. The total of
        every group is published unless the ledger withholds it.
    threshold
        Counts below it are withheld (default
        :data:`wijkanalyse.settings.suppression_threshold`).
    partitions
        Column identities ``(total, (part, part))``; default :func:`find_partitions`.
    public
        Levels whose totals everyone knows anyway (Statbel publishes the population of
        every municipality): never withheld, always counted as published.

    Examples
    --------
    A wijk of three sectors, one with 3 residents aged 65+: withholding it alone would leave
    it as the wijk total minus the other two, so the smallest other sector is withheld too.

    >>> counts = pd.DataFrame({"pop_65plus": [3, 40, 60]}, index=["s1", "s2", "s3"])
    >>> led = Ledger(counts, groups={"wijk": {"W": ["s1", "s2", "s3"]}}, threshold=5)
    >>> [r if isinstance(r, str) else None for r in led.reasons()["pop_65plus"]]
    ['small_count', 'complementary', None]
    >>> led.group_reason("wijk", "W", "pop_65plus") is None
    True
    """

    def __init__(
        self,
        counts: pd.DataFrame,
        *,
        groups: Mapping[str, Mapping[Hashable, Sequence[Any]]],
        threshold: int | None = None,
        partitions: Sequence[tuple[str, tuple[str, ...]]] | None = None,
        public: Sequence[str] = ("gemeente", "region"),
    ) -> None:
        self.threshold = _threshold(threshold)
        self.sectors = pd.Index(counts.index.astype(str))
        self.columns = [str(c) for c in counts.columns]
        values = pd.DataFrame(
            {c: pd.to_numeric(counts[c], errors="coerce").astype(float) for c in counts.columns}
        )
        values.index = self.sectors
        values.columns = pd.Index(self.columns)
        self.values = values
        self.partitions = (
            find_partitions(values)
            if partitions is None
            else [(t, tuple(p)) for t, p in partitions]
        )
        pos = {s: i for i, s in enumerate(self.sectors)}
        self._groups: dict[tuple[str, Hashable], np.ndarray] = {}
        for level, units in groups.items():
            for unit, members in units.items():
                idx = [pos[str(m)] for m in members if str(m) in pos]
                if idx:
                    self._groups[(level, unit)] = np.array(sorted(set(idx)), dtype=int)
        self.public = tuple(public)
        self._parts = self._partitions_of_levels()
        known = values.notna().to_numpy()
        vals = values.to_numpy()
        # primary suppression: every known cell from 1 to threshold - 1 (zero discloses no one)
        v = np.nan_to_num(vals, nan=np.inf)
        self._withheld = known & (v > _TOL) & (v < self.threshold - _TOL)
        self._reason = np.full(self._withheld.shape, None, dtype=object)
        self._reason[self._withheld] = SMALL_COUNT
        self._group_withheld: dict[tuple[str, Hashable, str], str] = {}
        self._protect()

    # ------------------------------------------------------------------ protecting

    def _protect(self) -> None:
        """Complementary suppression until no withheld cell can be derived."""
        for _ in range(len(self.sectors) + len(self._groups) + 1):
            while self._group_rules() or self._sibling_rules():
                pass
            unknowns = self._unknowns()
            rows, _ = self._base_rows(unknowns)
            system = _System(len(unknowns), rows)
            derivable = system.determined()
            if not derivable.any():
                self._release_implied(unknowns, system)
                where = {u: k for k, u in enumerate(unknowns)}
                for (level, unit, col), reason in self._group_withheld.items():
                    if reason == SMALL_COUNT:  # keep a small group total from being derived
                        j = self._col(col)
                        idx = self._groups[(level, unit)]
                        row = {where[(int(i), j)]: 1.0 for i in idx if (int(i), j) in where}
                        if row:
                            system.protect(row)
                self._system = system
                self._unk = np.full(self._withheld.shape, -1, dtype=int)
                for k, (i, j) in enumerate(unknowns):
                    self._unk[i, j] = k
                self._vals = self.values.to_numpy(dtype=float)
                return
            cell = unknowns[int(np.flatnonzero(derivable)[0])]
            if not self._search(cell):
                raise RuntimeError(
                    f"disclosure control: the count {self.columns[cell[1]]} of sector "
                    f"{self.sectors[cell[0]]} stays derivable; please report this."
                )
        raise RuntimeError("disclosure control did not converge")  # pragma: no cover

    # ------------------------------------------------------------------ reading

    def reasons(self) -> pd.DataFrame:
        """Per sector and count: why it is withheld (``None`` where it is published)."""
        return pd.DataFrame(self._reason, index=self.sectors, columns=self.columns)

    def published(self) -> pd.DataFrame:
        """Return the sector counts as they may be published (withheld cells NA)."""
        return pd.DataFrame(self.values.mask(self._withheld))

    def group_reason(self, level: str, unit: Hashable, column: str) -> str | None:
        """Why the total of ``column`` over a group is withheld (``None``: published)."""
        return self._group_withheld.get((level, unit, column))

    def mask_cells(self, frame: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
        """Withhold the ledger's withheld cells in a sector table (index: sector code)."""
        out = frame.copy()
        reasons = self.reasons().reindex(out.index.astype(str))
        for col in columns if columns is not None else self.columns:
            if col not in out or col not in reasons:
                continue
            why = reasons[col].to_numpy(dtype=object)
            hit = np.array([r is not None and r == r for r in why], dtype=bool)
            out[col] = out[col].mask(hit)
            for reason in (SMALL_COUNT, COMPLEMENTARY):
                _set_reason(out, col, hit & (why == reason), reason)
        return out

    def mask_groups(
        self, frame: pd.DataFrame, level: str, columns: Iterable[str] | None = None
    ) -> pd.DataFrame:
        """Withhold the withheld group totals in a table of one level (index: unit)."""
        out = frame.copy()
        for col in columns if columns is not None else self.columns:
            if col not in out:
                continue
            why = np.array([self.group_reason(level, u, col) for u in out.index], dtype=object)
            hit = np.array([r is not None for r in why], dtype=bool)
            out[col] = out[col].mask(hit)
            for reason in (SMALL_COUNT, COMPLEMENTARY):
                _set_reason(out, col, hit & (why == reason), reason)
        return out

    # ------------------------------------------------------------------ releasing counts

    def positions(self, labels: Iterable[Any]) -> np.ndarray:
        """Return the positions of sector codes in the ledger (-1 for unknown codes)."""
        return np.asarray(self.sectors.get_indexer(pd.Index(list(labels)).astype(str)))

    def _row(self, req: Request) -> tuple[dict[int, float], float, float]:
        """Return the request as an equation over the withheld cells, withheld part, value."""
        j = self._col(req.column)
        if req.positions is not None and req.coef is not None:
            pos, coef = req.positions, req.coef
        else:
            assert req.weights is not None
            pos, coef = self.positions(req.weights.index), req.weights.to_numpy(dtype=float)
        keep = (pos >= 0) & (coef != 0)
        pos, coef = pos[keep], coef[keep]
        vals = self._vals[pos, j]
        value = float(np.nansum(coef * vals))
        ks = self._unk[pos, j]
        held = ks >= 0
        part = float(np.nansum(coef[held] * vals[held]))
        row: dict[int, float] = {}
        for k, w in zip(ks[held].tolist(), coef[held].tolist(), strict=True):
            row[k] = row.get(k, 0.0) + w
        return {k: v for k, v in row.items() if v != 0}, part, value

    def release(self, requests: Sequence[Request]) -> list[str | None]:
        """Decide which counts may be published; return a reason for each one that may not.

        A request is withheld (:data:`SMALL_COUNT`) when its value is a count below the
        threshold (zero is published: "nobody within reach" discloses no one), or when the
        part of it that comes from withheld cells is; it is withheld
        (:data:`COMPLEMENTARY`) when publishing it would make a withheld cell or a withheld
        count derivable from everything published. A request for a column the ledger does
        not hold is published as is. Published requests become equations for the next.
        """
        out: list[str | None] = [None] * len(requests)
        rows: list[tuple[int, dict[int, float]]] = []
        for n, req in enumerate(requests):
            if req.column not in self.columns:
                continue
            row, part, value = self._row(req)
            if req.count and (self._small(value) or (row and self._small(part))):
                out[n] = SMALL_COUNT
                if row:
                    self._system.protect(row)
                continue
            rows.append((n, row))
        for n, row in rows:
            if row and not self._system.try_add(row):
                out[n] = COMPLEMENTARY
        return out
