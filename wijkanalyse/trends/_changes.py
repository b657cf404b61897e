"""The change of a count between dates and its noise band (see :mod:`wijkanalyse.trends`)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from wijkanalyse import vocab
from wijkanalyse._errors import DataError


def poisson_band(before: float, after: float, z: float = 1.96) -> float:
    """Return the half-width of the band a change ``after - before`` stays inside by chance.

    Two counts of the same underlying rate differ by ``z·√(before + after)`` or less with
    the probability of ``z`` (1.96: about 95 %): the difference of two Poisson counts has
    the variance ``before + after``.
    """
    return float(z * np.sqrt(before + after))


def changes(
    series: pd.DataFrame,
    *,
    threshold: int = 5,
    z: float = 1.96,
    pairs: Mapping[str, tuple[int, int]] | None = None,
    kind: Literal["count", "rate"] = "count",
) -> pd.DataFrame:
    """Return the change of a count between dates, per unit, with its noise band.

    Parameters
    ----------
    series
        One row per unit, one column per year (int column names): the counts.
    threshold
        Counts and changes below it are not published (the run's suppression threshold).
    z
        The band's width in standard deviations (1.96: 95 %).
    pairs
        The periods to compare (default: every two consecutive years, and first to last).
    kind
        ``count`` (persons, households: the Poisson band, the threshold) or ``rate`` (a
        value per connection or per person, whose noise is not that of a count: no band,
        ``significant`` NA, and the threshold does not apply to the change).

    Returns
    -------
    pandas.DataFrame
        One row per unit and period: ``unit``, ``from_year``, ``to_year``, ``before``,
        ``after``, ``change``, ``change_rel`` (fraction), ``rate_annual`` (fraction per
        year, compounded), ``band`` (half-width), ``significant`` (boolean), ``na_reason``.
    """
    years = sorted(int(c) for c in series.columns)
    if len(years) < 2:
        raise DataError(f"changes: need at least two years, got {years}.")
    if pairs is None:
        steps = list(itertools.pairwise(years))
        if len(years) > 2:
            steps.append((years[0], years[-1]))
    else:
        steps = list(pairs.values())
    rows = []
    for a, b in steps:
        if b <= a:
            raise DataError(f"changes: period {a}–{b} does not move forward in time.")
        for unit, before, after in zip(series.index, series[a], series[b], strict=True):
            rows.append(_change(unit, a, b, before, after, threshold, z, kind))
    out = pd.DataFrame(rows)
    for col in ("before", "after", "change", "change_rel", "rate_annual", "band"):
        out[col] = out[col].astype("Float64")
    out["significant"] = out["significant"].astype("boolean")
    return out


def _change(
    unit: object,
    a: int,
    b: int,
    before: Any,
    after: Any,
    threshold: int,
    z: float,
    kind: str = "count",
) -> dict[str, object]:
    row: dict[str, object] = {
        "unit": unit,
        "from_year": a,
        "to_year": b,
        "before": np.nan,
        "after": np.nan,
        "change": np.nan,
        "change_rel": np.nan,
        "rate_annual": np.nan,
        "band": np.nan,
        "significant": pd.NA,
        "na_reason": None,
    }
    if pd.isna(before) or pd.isna(after):
        row["na_reason"] = vocab.ABSENT_FROM_SOURCE
        return row
    x, y = float(before), float(after)
    if kind == "rate":
        row.update(before=x, after=y, change=y - x)
        if x > 0 and y >= 0:
            row["change_rel"] = (y - x) / x
            row["rate_annual"] = (y / x) ** (1.0 / (b - a)) - 1.0
        return row
    if kind != "count":
        raise DataError(f"changes: kind must be 'count' or 'rate', got {kind!r}.")
    if 0 < x < threshold or 0 < y < threshold:
        row["na_reason"] = vocab.SMALL_COUNT
        return row
    row.update(before=x, after=y)
    d = y - x
    if abs(d) < threshold:
        row["na_reason"] = vocab.SMALL_CHANGE
        return row
    band = poisson_band(x, y, z)
    row.update(change=d, band=band, significant=bool(abs(d) > band))
    if x > 0:
        row["change_rel"] = d / x
        row["rate_annual"] = (y / x) ** (1.0 / (b - a)) - 1.0
    return row
