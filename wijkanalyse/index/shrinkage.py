"""Empirical Bayes shrinkage of rates on small denominators.

A rate on 40 residents moves by 2.5 points with one person; ranked next to rates on 2 000
residents, small sectors crowd the top and the bottom of a ranking by chance alone. The
English Indices of Deprivation shrink such indicators towards the mean of a larger area,
by how unreliable each one is (Noble et al. 2019, *The English Indices of Deprivation 2019:
Technical report*, §3.5 and appendix D). :func:`empirical_bayes_rates` does the same with
the global method-of-moments estimator of Marshall (1991, "Mapping disease and mortality
rates using empirical Bayes estimators", *Applied Statistics* 40(2):283-294), with the
binomial variance of a proportion in place of Marshall's Poisson one (his rates are rare
events; a share of 65+ of 20 % is not):

- ``m = Σ x / Σ n`` is the overall rate;
- ``s² = Σ n (r − m)² / Σ n`` is the weighted variance of the unit rates ``r = x / n``;
- ``A = max(0, s² − m (1 − m) / n̄)`` (``n̄`` the mean denominator) is the variance between
  units beyond what binomial noise explains;
- each rate moves towards ``m`` by ``1 − C`` with ``C = A / (A + m (1 − m) / n)``, so a unit
  with a large ``n`` keeps its own rate and a unit with a small ``n`` moves most.

With ``groups`` (for example the wijk of each sector) ``m`` and ``A`` are estimated per
group, so a sector moves towards its own wijk's rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError

__all__ = ["ShrunkRates", "empirical_bayes_rates"]


@dataclass(frozen=True)
class ShrunkRates:
    """Rates before and after shrinkage.

    Attributes
    ----------
    table
        Per unit: ``rate`` (``x / n``, times ``scale``), ``shrunk`` (the empirical Bayes
        estimate, same scale), ``weight`` (``C``: 1 = kept as it was, 0 = moved to the
        mean) and ``prior`` (the mean it moves towards). NA where ``n`` is 0 or NA.
    between_variance
        ``A`` per group (one entry, ``"all"``, without groups), on the 0-1 scale.
    """

    table: pd.DataFrame
    between_variance: dict[str, float]


def empirical_bayes_rates(
    numerator: pd.Series,
    denominator: pd.Series,
    *,
    scale: float = 1.0,
    groups: pd.Series | None = None,
) -> ShrunkRates:
    """Shrink the rates ``numerator / denominator`` towards their (group) mean.

    Parameters
    ----------
    numerator, denominator
        Counts per unit (same index); ``numerator ≤ denominator``.
    scale
        Factor of the returned rates (100 for a percentage).
    groups
        Optional group per unit: the prior is that group's.

    Examples
    --------
    Two units of 100 residents with rates 10 % and 30 %, and one of 10 residents with 50 %:
    ``m = 45/210``, ``s² = (100·(.1−m)² + 100·(.3−m)² + 10·(.5−m)²) / 210`` and the small
    unit moves most.

    >>> x = pd.Series([10, 30, 5], index=list("abc"))
    >>> n = pd.Series([100, 100, 10], index=list("abc"))
    >>> r = empirical_bayes_rates(x, n, scale=100).table
    >>> r["shrunk"].round(2).tolist(), r["weight"].round(3).tolist()
    ([11.49, 28.88, 32.84], [0.869, 0.869, 0.399])
    """
    num = pd.to_numeric(numerator, errors="coerce").astype("float64")
    den = pd.to_numeric(denominator.reindex(num.index), errors="coerce").astype("float64")
    bad = (num < 0) | (den < 0) | (num > den)
    if bad.any():
        raise DataError(
            "empirical_bayes_rates: numerators must lie between 0 and their denominator; "
            f"not so for {', '.join(map(str, num.index[bad.to_numpy()][:5]))}."
        )
    ok = num.notna() & den.notna() & (den > 0)
    keys = (
        pd.Series("all", index=num.index)
        if groups is None
        else groups.reindex(num.index).astype("object").fillna("")
    )
    rate = pd.Series(np.nan, index=num.index)
    rate[ok] = num[ok] / den[ok]
    shrunk = pd.Series(np.nan, index=num.index)
    weight = pd.Series(np.nan, index=num.index)
    prior = pd.Series(np.nan, index=num.index)
    between: dict[str, float] = {}
    for key, idx in keys[ok].groupby(keys[ok]).groups.items():
        x, n = num[idx].to_numpy(), den[idx].to_numpy()
        r = x / n
        m = x.sum() / n.sum()
        s2 = float(np.sum(n * (r - m) ** 2) / n.sum())
        v = m * (1.0 - m)
        a = max(0.0, s2 - v / n.mean())
        between[str(key)] = a
        with np.errstate(invalid="ignore", divide="ignore"):
            c = np.where(a + v / n > 0, a / (a + v / n), 1.0)
        shrunk[idx] = m + c * (r - m)
        weight[idx] = c
        prior[idx] = m
    table = pd.DataFrame(
        {
            "rate": (rate * scale).astype("Float64"),
            "shrunk": (shrunk * scale).astype("Float64"),
            "weight": weight.astype("Float64"),
            "prior": (prior * scale).astype("Float64"),
        }
    )
    return ShrunkRates(table=table, between_variance=between)
