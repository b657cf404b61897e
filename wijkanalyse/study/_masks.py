"""The ledger's questions and answers for the publish step: what each count may show."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wijkanalyse import suppression
from wijkanalyse.suppression import COMPLEMENTARY, DERIVED, Ledger, Request

if TYPE_CHECKING:
    from wijkanalyse.study.results import Analysis, StudyData

from wijkanalyse.study.results import StudyData


def _members(data: StudyData) -> dict[str, dict[Hashable, list[str]]]:
    """Return the published groupings of sectors: wijk, deelgemeente, gemeente, region, area."""
    s = data.sectors
    groups: dict[str, dict[Hashable, list[str]]] = {}
    for level in ("wijk", "deelgemeente", "gemeente"):
        if level in s:
            col = s[level].dropna().astype(str)
            groups[level] = {u: list(idx) for u, idx in col.groupby(col).groups.items()}
    groups["region"] = {data.region.code: list(s.index.astype(str))}
    groups["area"] = dict(data.area_members(s.index).items())
    return groups


class _Asker:
    """Collects requests with where their answer goes, then releases them all at once."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.requests: list[Request] = []
        self.sinks: list[Callable[[str | None], None]] = []

    def ask(
        self,
        column: str,
        support: pd.Series | tuple[np.ndarray, np.ndarray],
        sink: Callable[[str | None], None],
        *,
        count: bool = True,
        shown: float | None = None,
    ) -> None:
        """Ask to publish Σ weights × ``column``; ``sink(reason)`` receives the decision.

        ``support`` is a Series of weights by sector code, or (positions in the ledger,
        weights). ``shown`` is the value the output would print; when it differs from the
        ledger's own sum over the support, the value is withheld (``COMPLEMENTARY``): a
        support that cannot be reproduced cannot be audited.
        """
        if column not in self.ledger.columns:
            sink(None)
            return
        if isinstance(support, pd.Series):
            pos = self.ledger.positions(support.index)
            coef = support.to_numpy(dtype=float)
        else:
            pos, coef = support
        if np.isnan(coef).any() or (pos < 0).any():
            sink(COMPLEMENTARY)
            return
        if shown is not None and not pd.isna(shown):
            vals = self.ledger.values[column].to_numpy(dtype=float)[pos]
            if abs(float(np.nansum(vals * coef)) - float(shown)) > 0.5:
                sink(COMPLEMENTARY)
                return
        self.requests.append(Request.at(column, pos, coef, count=count))
        self.sinks.append(sink)

    def release(self) -> None:
        for reason, sink in zip(self.ledger.release(self.requests), self.sinks, strict=True):
            sink(reason)


class _Mask:
    """Per (row position, column): the reason a value of a table is withheld."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.reasons: dict[tuple[int, str], str] = {}

    def sink(self, pos: int, column: str) -> Callable[[str | None], None]:
        def put(reason: str | None) -> None:
            if reason is not None:
                self.reasons.setdefault((pos, column), reason)

        return put

    def withheld(self, pos: int, column: str) -> bool:
        return (pos, column) in self.reasons

    def apply(
        self, derived: Mapping[str, Sequence[str]], *, summary: str | None = "suppressed"
    ) -> pd.DataFrame:
        """Return the frame with withheld counts NA and what was derived from them too.

        ``derived`` maps a derived column to the counts it is computed from. ``summary``
        names a column that gets the first reason of each row (``None``: no such column).
        """
        out = self.frame.copy()
        n = len(out)
        row_reason: list[str | None] = [None] * n
        for (pos, col), reason in sorted(self.reasons.items()):
            if col in out:
                out.loc[out.index[pos], col] = np.nan
            row_reason[pos] = row_reason[pos] or reason
        for col, inputs in derived.items():
            if col not in out:
                continue
            hit = np.array([any(self.withheld(i, s) for s in inputs) for i in range(n)], dtype=bool)
            shown = out[col].notna().to_numpy(dtype=bool)
            out[col] = out[col].mask(hit)
            for i in np.flatnonzero(hit & shown):
                row_reason[i] = row_reason[i] or DERIVED
        if summary is not None:
            prev = out[summary] if summary in out else pd.Series(None, index=out.index)
            out[summary] = [
                r if r is not None else (p if isinstance(p, str) else None)
                for r, p in zip(row_reason, prev, strict=True)
            ]
        return out


def _indicator_tables(
    analysis: Analysis, ledger: Ledger, data: StudyData
) -> dict[str, pd.DataFrame]:
    """Withhold the ledger's counts in the indicator tables, and the rates made from them."""
    defs = analysis.definitions
    # in the ledger's order, not a set's: the order of the reason columns a table gets must
    # not depend on the process's string hashing (PYTHONHASHSEED)
    counted = list(ledger.columns)
    rates: dict[str, list[str]] = {}
    for ind, row in defs.iterrows():
        inputs = [str(row.get(k)) for k in ("numerator", "denominator") if pd.notna(row.get(k))]
        used = [c for c in inputs if c in counted]
        if used and str(ind) not in counted and row.get("kind") != "count":
            rates[str(ind)] = used
    levels = {"wijken": "wijk", "deelgemeenten": "deelgemeente", "areas": "area"}
    out = {}
    for key, table in analysis.indicators.items():
        if key == "sectors":
            masked = ledger.mask_cells(table, [c for c in table.columns if c in counted])
            reasons = ledger.reasons().reindex(table.index.astype(str))
            held = {c: reasons[c].notna().to_numpy() for c in counted if c in reasons}
        else:
            level = table["level"].astype(str) if "level" in table else None
            lv = levels.get(key, key)
            held = {}
            for c in counted:
                why = [
                    ledger.group_reason(_level_of(lv, level, i), u, c)
                    for i, u in enumerate(table.index)
                ]
                held[c] = np.array([w is not None for w in why], dtype=bool)
            masked = table.copy()
            for c in counted:
                if c in masked:
                    hit = held[c] & masked[c].notna().to_numpy(dtype=bool)
                    masked[c] = masked[c].mask(held[c])
                    why_col = np.array(
                        [
                            ledger.group_reason(_level_of(lv, level, i), u, c)
                            for i, u in enumerate(table.index)
                        ],
                        dtype=object,
                    )
                    for reason in (suppression.SMALL_COUNT, COMPLEMENTARY):
                        suppression._set_reason(masked, c, hit & (why_col == reason), reason)
        for ind, used in rates.items():
            if ind in masked:
                hit = np.zeros(len(masked), dtype=bool)
                for c in used:
                    if c in held:
                        hit |= held[c]
                masked = suppression.mask_derived(masked, hit, [ind])
        out[key] = masked
    return out


def _level_of(default: str, levels: pd.Series | None, i: int) -> str:
    """Return the ledger level of row ``i`` of an indicator table (reference rows keep theirs)."""
    if levels is None:
        return default
    lv = str(levels.iloc[i])
    return {"wijk": "wijk", "gemeente": "gemeente", "deelgemeente": "deelgemeente"}.get(
        lv, default if lv == default else lv
    )
