"""Checks of a need index against an outside reference and against what the city knows.

Every study runs them and shows the result as it is, good or bad (``validation.csv``, the
report's "Toetsing"):

- **rank correlation** (Spearman) of the index with each domain of the Belgian Index of
  Multiple Deprivation and with its overall score, per level, with a 95 % interval (Fisher
  z with the standard error 1.06 / √(n − 3) of Fieller, Hartley & Pearson 1957,
  *Biometrika* 44:470-481). A domain that is also an input of the index is marked
  ``independent = False``: agreeing with one's own input proves little. A reference that is
  constant over the units (the BIMD's health and crime are ranked per municipality) cannot
  be correlated and says so;
- **largest disagreements**: the units whose rank in the index and in the reference differ
  most, with the values that explain it;
- **known groups**: units the city knows to be high or low in need (``[validation]
  known_high``, ``known_low``) and where the index puts them: a known-high unit is where
  it is expected in the most-needy ``expected_share`` of the ranking (default 30 %), a
  known-low one in the least-needy part.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from wijkanalyse._errors import SchemaError

__all__ = [
    "COLUMNS",
    "check_row",
    "checks_table",
    "known_groups",
    "no_reference",
    "rank_agreement",
    "spearman_interval",
]

#: The columns of a validation table, in order.
COLUMNS: tuple[str, ...] = (
    "check",
    "level",
    "unit",
    "name",
    "reference",
    "n",
    "value",
    "ci_low",
    "ci_high",
    "independent",
    "result",
    "detail",
)

#: Fewer units than this get no correlation: with 4 units every rho is among 24 values.
_MIN_UNITS = 5

#: Spearman's rho from which the agreement is called "strong", "moderate" or "weak"
#: (the conventional bands of Cohen 1988: .5 large, .3 medium); a rho whose 95 % interval
#: holds 0 is "not_shown", whatever its size.
_BANDS = ((0.5, "strong"), (0.3, "moderate"), (0.0, "weak"))


def spearman_interval(rho: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Return the Fisher-z interval of a Spearman correlation (Fieller et al. 1957).

    Examples
    --------
    >>> lo, hi = spearman_interval(0.8, 103)
    >>> round(lo, 3), round(hi, 3)
    (0.712, 0.863)
    """
    if n <= 3 or not np.isfinite(rho):
        return float("nan"), float("nan")
    from scipy.stats import norm

    z = np.arctanh(np.clip(rho, -0.999999, 0.999999))
    half = norm.ppf(0.5 + level / 2) * 1.06 / np.sqrt(n - 3)
    return float(np.tanh(z - half)), float(np.tanh(z + half))


def _number(v: object) -> str:
    """Return a value for a detail text: whole numbers above 100, else one decimal."""
    try:
        x = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(v)
    return f"{x:.0f}" if abs(x) >= 100 else f"{x:.1f}"


def checks_table(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Return rows (:func:`check_row`) as a validation table with typed columns."""
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    out["n"] = pd.to_numeric(out["n"]).astype("Int64")
    for col in ("value", "ci_low", "ci_high"):
        out[col] = pd.to_numeric(out[col]).astype("Float64")
    out["independent"] = out["independent"].astype("boolean")
    return out


def check_row(**kw: object) -> dict[str, object]:
    """Return one row of a validation table: the given :data:`COLUMNS`, the rest ``None``."""
    return {c: kw.get(c) for c in COLUMNS}


def rank_agreement(
    score: pd.Series,
    references: pd.DataFrame,
    *,
    level: str,
    inputs: Sequence[str] = (),
    names: pd.Series | None = None,
    explain: pd.DataFrame | None = None,
    overall: str | None = "bimd",
    n_disagreements: int = 5,
) -> pd.DataFrame:
    """Correlate an index with each reference column; list the largest disagreements.

    Parameters
    ----------
    score
        The index score per unit (higher = more need); NA units are left out.
    references
        Reference scores per unit, one column each (higher = more need).
    level
        Written in the ``level`` column.
    inputs
        Reference columns that are also inputs of the index (``independent = False``).
    names, explain
        Unit names, and the values to show beside a disagreement.
    overall
        The reference column whose ranks the disagreements are measured against.

    Examples
    --------
    >>> s = pd.Series([4.0, 3.0, 2.0, 1.0, 0.0], index=list("abcde"))
    >>> ref = pd.DataFrame({"bimd": [5.0, 4.0, 3.0, 1.0, 2.0]}, index=s.index)
    >>> t = rank_agreement(s, ref, level="sector")
    >>> t.loc[t["check"] == "rank_correlation", "value"].round(2).tolist()
    [0.9]
    """
    rows = []
    s = pd.to_numeric(score, errors="coerce").astype("float64")
    for col in references.columns:
        r = pd.to_numeric(references[col], errors="coerce").astype("float64").reindex(s.index)
        ok = s.notna() & r.notna()
        n = int(ok.sum())
        common = {
            "check": "rank_correlation",
            "level": level,
            "reference": col,
            "n": n,
            "independent": col not in inputs,
        }
        if n < _MIN_UNITS:
            rows.append(check_row(**common, result="too_few_units"))
            continue
        if np.isclose(r[ok].min(), r[ok].max()):
            rows.append(check_row(**common, result="constant_reference"))
            continue
        if np.isclose(s[ok].min(), s[ok].max()):
            rows.append(check_row(**common, result="constant_index"))
            continue
        rho = float(spearmanr(s[ok], r[ok]).statistic)
        lo, hi = spearman_interval(rho, n)
        band = next(b for t, b in _BANDS if abs(rho) >= t)
        result = band if rho >= 0 else f"{band}_negative"
        if np.isfinite(lo) and lo <= 0 <= hi:
            result = "not_shown"  # the interval holds 0: no agreement can be claimed
        rows.append(check_row(**common, value=rho, ci_low=lo, ci_high=hi, result=result))
    if overall is not None and overall in references:
        r = pd.to_numeric(references[overall], errors="coerce").astype("float64")
        ok = s.notna() & r.reindex(s.index).notna()
        # the index's own rank (as in its table) against the reference's among the same units
        rank_s = s.rank(ascending=False, method="min")[ok]
        rank_r = r.reindex(s.index)[ok].rank(ascending=False, method="min")
        gap = rank_s - rank_r
        gap = gap[gap != 0]
        order = gap.abs().sort_values(ascending=False, kind="stable").index[:n_disagreements]
        for unit in order:
            detail = [f"rank {int(rank_s[unit])}", f"{overall} rank {int(rank_r[unit])}"]
            if explain is not None and unit in explain.index:
                for c, v in explain.loc[unit].items():
                    if pd.notna(v):
                        detail.append(f"{c} {_number(v)}")
            rows.append(
                check_row(
                    check="disagreement",
                    level=level,
                    unit=unit,
                    name=None if names is None else names.get(unit),
                    reference=overall,
                    n=int(ok.sum()),
                    value=float(gap[unit]),
                    independent=overall not in inputs,
                    result="index_higher" if gap[unit] < 0 else "reference_higher",
                    detail="; ".join(detail),
                )
            )
    return checks_table(rows)


def no_reference(level: str, reference: str) -> pd.DataFrame:
    """Return the row that says a reference could not be read: the check is shown as absent."""
    return checks_table(
        [
            check_row(
                check="rank_correlation", level=level, reference=reference, result="no_reference"
            )
        ]
    )


def known_groups(
    table: pd.DataFrame,
    *,
    level: str,
    known_high: Sequence[str] = (),
    known_low: Sequence[str] = (),
    expected_share: float = 0.3,
    names: Mapping[str, str] | pd.Series | None = None,
) -> pd.DataFrame:
    """Say where the index puts the units the city knows to be high or low in need.

    ``table`` is an index table (``rank`` per unit, 1 = most need). A known-high unit is
    ``as_expected`` when its rank lies in the first ``expected_share`` of the ranked units,
    a known-low one when it lies in the last ``expected_share``; an unranked one is
    ``not_ranked``. The last row sums up.

    Examples
    --------
    >>> t = pd.DataFrame({"rank": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]},
    ...                  index=[f"s{i}" for i in range(1, 11)])
    >>> k = known_groups(t, level="sector", known_high=["s1", "s5"], known_low=["s10"])
    >>> k["result"].tolist()
    ['as_expected', 'not_as_expected', 'as_expected', '2/3']
    """
    if not 0 < expected_share < 1:
        raise SchemaError(f"expected_share must lie between 0 and 1; got {expected_share}.")
    unknown = [u for u in (*known_high, *known_low) if u not in table.index]
    if unknown:
        raise SchemaError(
            f"validation: {', '.join(map(repr, unknown))} is not a {level} of the study "
            f"(known_high / known_low take {level} codes as in the index table)."
        )
    ranks = pd.to_numeric(table["rank"], errors="coerce")
    n = int(ranks.notna().sum())
    cut_high = expected_share * n
    cut_low = (1 - expected_share) * n
    rows = []
    good = 0
    for group, units in (("known_high", known_high), ("known_low", known_low)):
        for unit in units:
            rank = ranks.get(unit)
            name = None if names is None else names.get(unit)
            if rank is None or pd.isna(rank):
                rows.append(
                    check_row(
                        check=group, level=level, unit=unit, name=name, n=n, result="not_ranked"
                    )
                )
                continue
            ok = rank <= cut_high if group == "known_high" else rank > cut_low
            good += bool(ok)
            rows.append(
                check_row(
                    check=group,
                    level=level,
                    unit=unit,
                    name=name,
                    n=n,
                    value=float(rank),
                    result="as_expected" if ok else "not_as_expected",
                    detail=f"rank {int(rank)} of {n}",
                )
            )
    total = len(known_high) + len(known_low)
    if total:
        rows.append(
            check_row(
                check="known_groups",
                level=level,
                n=total,
                value=good / total,
                result=f"{good}/{total}",
                detail=f"known_high rank <= {cut_high:g}; known_low rank > {cut_low:g}",
            )
        )
    return checks_table(rows)
