"""What of a trend may be published: person counts and their changes, protected.

The population of each year is a person count per sector and per unit above it: the same
disclosure control applies as to every other count (:class:`wijkanalyse.indicators.Ledger`:
small counts withheld, and complementary cells so that none can be derived from a unit's
total). A change is published only between two published counts, and only when it is not
itself smaller than the threshold (``small_change``); the change of a withheld count is
``derived_from_withheld``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import pandas as pd

from wijkanalyse import vocab
from wijkanalyse.indicators.suppression import Ledger
from wijkanalyse.trends._changes import changes

#: The columns of a published trend table (levels and changes, one row each).
COLUMNS = (
    "unit",
    "name",
    "level",
    "series",
    "kind",
    "year",
    "from_year",
    "to_year",
    "value",
    "change",
    "change_rel",
    "rate_annual",
    "band",
    "significant",
    "method",
    "na_reason",
)


def protect_counts(
    sectors: pd.DataFrame,
    units: pd.DataFrame,
    groups: Mapping[str, Mapping[Hashable, Sequence[Any]]],
    *,
    threshold: int,
    given: Mapping[int, tuple[Ledger, str]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Withhold the person counts of a series that may not be published.

    Parameters
    ----------
    sectors, units
        Long tables (``unit``, ``level``, ``year``, ``value``, ``na_reason`` …) of the
        sectors and of the units above them.
    groups
        ``{level: {unit: [sector, …]}}``: how the sectors add up to the units.
    threshold
        The suppression threshold.
    given
        ``{year: (ledger, column)}``: a year whose counts another table publishes too (the
        study's census) is withheld exactly as that table's ledger decided, so that the two
        tables together give away nothing either withholds.

    Returns
    -------
    (sectors, units)
        The same tables, each withheld value NA with its reason.
    """
    wide = sectors.pivot(index="unit", columns="year", values="value")
    given = dict(given or {})
    # one ledger per year: the years are counts of different moments, not parts of a whole
    ledgers = {
        int(year): given.get(int(year))
        or (
            Ledger(
                wide[[year]].rename(columns={year: "pop"}).astype("Float64"),
                groups=groups,
                threshold=threshold,
                partitions=[],
            ),
            "pop",
        )
        for year in wide.columns
    }
    reasons = {year: led.reasons()[col] for year, (led, col) in ledgers.items()}
    out_s = sectors.copy()
    for i, row in out_s.iterrows():
        why = reasons[int(row["year"])].get(str(row["unit"]))
        if isinstance(why, str):
            out_s.at[i, "value"] = pd.NA
            out_s.at[i, "na_reason"] = why
    out_u = units.copy()
    for i, row in out_u.iterrows():
        led, col = ledgers[int(row["year"])]
        why = led.group_reason(str(row["level"]), str(row["unit"]), col)
        if why is not None:
            out_u.at[i, "value"] = pd.NA
            out_u.at[i, "na_reason"] = why
    return out_s, out_u


def with_changes(
    levels: pd.DataFrame, *, kind: str, threshold: int, z: float = 1.96
) -> pd.DataFrame:
    """Return ``levels`` (one series) with a row per change between its years.

    The changes are those of :func:`wijkanalyse.trends.changes` over the published levels:
    a withheld level gives a withheld change (``derived_from_withheld``).
    """
    if levels.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    keys = ["unit", "level"]
    wide = levels.pivot_table(
        index=keys, columns="year", values="value", aggfunc="first", dropna=False
    )
    if wide.shape[1] < 2:
        return _ordered(levels.assign(kind="level"))
    wide.columns = [int(c) for c in wide.columns]
    found = changes(
        wide.reset_index(drop=True).astype("Float64"),
        threshold=threshold,
        z=z,
        kind="count" if kind == "count" else "rate",
    )
    index = wide.index.to_frame(index=False)
    n_pairs = len(found) // len(wide)
    ids = pd.concat([index] * n_pairs, ignore_index=True)
    found = pd.concat([ids, found.drop(columns=["unit"])], axis=1)
    withheld = levels[levels["na_reason"].isin(list(vocab.WITHHELD))]
    held = set(zip(withheld["unit"], withheld["level"], withheld["year"], strict=True))
    rows = list(zip(found["unit"], found["level"], strict=True))
    hit = pd.Series(
        [
            (u, lv, a) in held or (u, lv, b) in held
            for (u, lv), a, b in zip(rows, found["from_year"], found["to_year"], strict=True)
        ],
        index=found.index,
    )
    for col in ("change", "change_rel", "rate_annual", "band", "significant"):
        found[col] = found[col].mask(hit)
    found["na_reason"] = found["na_reason"].mask(hit, vocab.DERIVED)
    meta = levels.drop_duplicates(keys).set_index(keys)
    found["name"] = pd.Series(
        [meta.at[key, "name"] for key in rows], index=found.index, dtype="object"
    )
    found["series"] = levels["series"].iloc[0]
    found["kind"] = "change"
    found["year"] = pd.NA
    found["method"] = [
        _worst(levels, u, lv, (a, b))
        for u, lv, a, b in zip(
            found["unit"], found["level"], found["from_year"], found["to_year"], strict=True
        )
    ]
    found = found.drop(columns=["before", "after"])
    return _ordered(pd.concat([levels.assign(kind="level"), found], ignore_index=True))


def _worst(levels: pd.DataFrame, unit: Any, level: str, years: tuple[int, int]) -> Any:
    """Return the least exact method of a unit's two levels (``None`` if either has none)."""
    sel = levels[(levels["unit"] == unit) & (levels["level"] == level) & levels["year"].isin(years)]
    methods = list(sel["method"])
    if any(m is None or pd.isna(m) for m in methods) or len(methods) < 2:
        return None
    order = ["exact", "same", "merged", "by_code", "allocated", "split_allocated"]
    return max(methods, key=lambda m: order.index(m) if m in order else len(order))


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    for col in COLUMNS:
        if col not in frame:
            frame[col] = pd.NA
    return frame[list(COLUMNS)]
