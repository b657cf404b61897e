"""Equity: how evenly a travel time or an access score falls on people."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError

__all__ = ["equity"]


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """Smallest value whose cumulative weight reaches q × total (inverted CDF)."""
    order = np.argsort(values, kind="stable")
    v, w = values[order], weights[order]
    cum = np.cumsum(w)
    i = int(np.searchsorted(cum, q * cum[-1], side="left"))
    return float(v[min(i, len(v) - 1)])


def equity(
    values: pd.Series,
    population: pd.Series,
    *,
    threshold: float | None = None,
) -> pd.Series:
    """Return how evenly a value (a travel time or an access score) falls on people.

    Parameters
    ----------
    values
        Per demand unit, e.g. walking minutes to the nearest centre, or a 2SFCA score.
    population
        People per unit (same index).
    threshold
        For travel times: also report the share of the population beyond it.

    Returns
    -------
    pandas.Series
        ``population`` (with a value), ``mean`` (population-weighted), ``p10``, ``median``,
        ``p90`` (weighted, inverted CDF), ``gini`` (population-weighted Gini of the
        values, 0 = equal), ``palma`` (share of the total held by the 10 % of people with
        the highest values / the share of the 40 % with the lowest), and ``share_beyond``
        (population with a value above ``threshold``) when a threshold is given. Units
        with a missing value or population are left out; all NA when nobody remains.

    Examples
    --------
    >>> v = pd.Series([1.0, 3.0]); p = pd.Series([1, 1])
    >>> e = equity(v, p, threshold=2)
    >>> float(e["mean"]), float(e["gini"]), float(e["share_beyond"])
    (2.0, 0.25, 0.5)
    """
    v = pd.to_numeric(values, errors="coerce").astype("Float64")
    w = pd.to_numeric(population.reindex(v.index), errors="coerce").astype("Float64")
    if (w < 0).any():
        raise DataError("population weights must be non-negative.")
    ok = (v.notna() & w.notna() & (w > 0)).to_numpy(dtype=bool, na_value=False)
    keys = ["population", "mean", "p10", "median", "p90", "gini", "palma"]
    if threshold is not None:
        keys.append("share_beyond")
    res = dict.fromkeys(keys, math.nan)
    if ok.any():
        x = v.to_numpy(dtype=float, na_value=np.nan)[ok]
        wt = w.to_numpy(dtype=float, na_value=np.nan)[ok]
        total = float(wt.sum())
        mean = float((x * wt).sum() / total)
        res["population"] = total
        res["mean"] = mean
        res["p10"] = _weighted_quantile(x, wt, 0.1)
        res["median"] = _weighted_quantile(x, wt, 0.5)
        res["p90"] = _weighted_quantile(x, wt, 0.9)
        if not ((x < 0).any() or mean == 0):
            order = np.argsort(x, kind="stable")
            xs, ws = x[order], wt[order]
            f = np.concatenate([[0.0], np.cumsum(ws) / total])
            lorenz = np.concatenate([[0.0], np.cumsum(xs * ws) / (xs * ws).sum()])
            res["gini"] = float(1.0 - np.sum((f[1:] - f[:-1]) * (lorenz[1:] + lorenz[:-1])))
            bottom = float(np.interp(0.4, f, lorenz))
            top = 1.0 - float(np.interp(0.9, f, lorenz))
            res["palma"] = top / bottom if bottom > 0 else math.nan
        if threshold is not None:
            res["share_beyond"] = float(wt[x > threshold].sum() / total)
    return pd.Series(res, dtype="Float64")
