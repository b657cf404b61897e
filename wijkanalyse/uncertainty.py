"""Monte Carlo machinery shared by the index, access and plans.

Two kinds of uncertainty are kept apart, each with its own draws, intervals and sentence:

**Choice sensitivity** is how much a result depends on the analyst's reasonable choices
(weights, normalisation, which indicators): it says how *robust* a ranking is to the
method, not how *certain* it is.

**Data uncertainty** is the noise in the inputs themselves: sampling noise of a rate on a
small count, of a median on few tax returns, values withheld by the source, and medians
above the sector level that are approximations. It says how much the ranking could move if
the same method were applied to data measured again.

This module has the building blocks: independent random streams per purpose
(:func:`streams`), noise models of inputs (:func:`beta_rates`, :func:`median_noise`,
:func:`bounded`, :func:`hot_deck`) and the summary of ranks over draws
(:func:`rank_intervals`). The index uses them in
:func:`wijkanalyse.index.data_uncertainty`.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError

__all__ = [
    "MEDIAN_SE_FACTOR",
    "beta_rates",
    "bounded",
    "draw_stream",
    "hot_deck",
    "median_noise",
    "rank_intervals",
    "streams",
    "top_decile_size",
]

#: The standard error of a sample median is about √(π/2) ≈ 1.2533 times that of the mean
#: for a normal variable (Kendall & Stuart, *The Advanced Theory of Statistics*, vol. 1, §10.10).
MEDIAN_SE_FACTOR = float(np.sqrt(np.pi / 2.0))


def streams(seed: int | None, *names: str) -> dict[str, np.random.Generator]:
    """Return one independent random generator per name, all from ``seed``.

    The streams do not depend on each other's use: adding a source of noise to one purpose
    leaves the draws of the others unchanged.

    Examples
    --------
    >>> a = streams(1, "choice", "data")
    >>> b = streams(1, "data")
    >>> bool(a["data"].random() == b["data"].random())
    True
    """
    out = {}
    for name in names:
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "little")
        out[name] = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(key,)))
    return out


def draw_stream(seed: int | None, name: str, draw: int) -> np.random.Generator:
    """Return the generator of one draw of one purpose: the same whatever else is drawn.

    A draw's numbers do not depend on how many numbers the draws before it took: two runs
    that draw different numbers of facilities still move the facilities they share alike
    in every draw (paired draws).

    >>> a = draw_stream(1, "positions", 3).random()
    >>> b = draw_stream(1, "positions", 3).random()
    >>> bool(a == b), bool(a == draw_stream(1, "positions", 4).random())
    (True, False)
    """
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "little")
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(key, draw)))


def beta_rates(
    numerator: np.ndarray,
    denominator: np.ndarray,
    draws: int,
    rng: np.random.Generator,
    *,
    scale: float = 1.0,
) -> np.ndarray:
    """Draw rates from their Jeffreys posterior Beta(x + ½, n − x + ½), times ``scale``.

    The Jeffreys interval is the one recommended for a binomial proportion by Brown, Cai
    and DasGupta (2001, *Statistical Science* 16(2):101-133). NaN in, NaN out.

    Returns
    -------
    numpy.ndarray
        ``draws × units``.
    """
    x = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    ok = ~np.isnan(x) & ~np.isnan(n) & (n > 0)
    if np.any(ok & ((x < 0) | (x > n))):
        raise DataError("beta_rates: a numerator lies outside 0..denominator.")
    out = np.full((draws, len(x)), np.nan)
    if ok.any():
        out[:, ok] = rng.beta(x[ok] + 0.5, n[ok] - x[ok] + 0.5, size=(draws, int(ok.sum())))
    return out * scale


def median_noise(
    median: np.ndarray,
    mean: np.ndarray,
    n: np.ndarray,
    draws: int,
    rng: np.random.Generator,
    *,
    default_sigma: float = 0.68,
) -> np.ndarray:
    """Draw medians of ``n`` observations around the published ones (lognormal incomes).

    Incomes are close to lognormal; for a lognormal variable ``mean / median = exp(σ²/2)``,
    so ``σ = √(2 ln(mean / median))`` comes from the two published figures. The median of
    ``n`` observations then has a relative standard error of about
    :data:`MEDIAN_SE_FACTOR` ``· σ / √n``; each draw multiplies the median by
    ``exp(ε)``, ``ε ~ N(0, that²)``. Where the mean is missing or not above the median,
    ``σ = default_sigma`` (0.68: over Belgium's sectors the median ratio of mean to median
    income per return is 1.26 in Statbel's income 2021 file, and √(2 ln 1.26) ≈ 0.68).

    Returns
    -------
    numpy.ndarray
        ``draws × units``.
    """
    med = np.asarray(median, dtype=float)
    mu = np.asarray(mean, dtype=float)
    nn = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = mu / med
        sigma = np.where(
            np.isfinite(ratio) & (ratio > 1.0), np.sqrt(2.0 * np.log(ratio)), default_sigma
        )
        se = np.where(nn > 0, MEDIAN_SE_FACTOR * sigma / np.sqrt(nn), np.nan)
    eps = rng.standard_normal((draws, len(med))) * se
    return med * np.exp(eps)


def bounded(
    value: np.ndarray, low: np.ndarray, high: np.ndarray, draws: int, rng: np.random.Generator
) -> np.ndarray:
    """Draw from a triangular distribution on ``[low, high]`` with its mode at ``value``.

    For an approximation whose error is bounded but not known otherwise, e.g. the median of
    a wijk, which lies between the smallest and the largest median of its sectors. Where
    ``low == high`` the value is kept.
    """
    v = np.asarray(value, dtype=float)
    lo = np.fmin(np.asarray(low, dtype=float), v)
    hi = np.fmax(np.asarray(high, dtype=float), v)
    out = np.repeat(v[None, :], draws, axis=0)
    spread = ~np.isnan(v) & ~np.isnan(lo) & ~np.isnan(hi) & (hi > lo)
    if spread.any():
        out[:, spread] = rng.triangular(
            lo[spread], v[spread], hi[spread], size=(draws, int(spread.sum()))
        )
    return out


def hot_deck(pool: np.ndarray, size: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Draw values for withheld cells from the observed values ``pool`` (with replacement)."""
    p = np.asarray(pool, dtype=float)
    p = p[~np.isnan(p)]
    if len(p) == 0:
        return np.full(size, np.nan)
    return rng.choice(p, size=size, replace=True)


def top_decile_size(n: int) -> int:
    """Return how many ranks make the first decile of ``n`` ranked units.

    As :func:`wijkanalyse.index.compute_index` gives deciles (``ceil(rank · 10 / n)``),
    decile 1 holds the ranks up to ``n / 10``: 2 of 24 wijken, 10 of 107 sectors, none of
    fewer than 10 units.

    >>> top_decile_size(24), top_decile_size(107), top_decile_size(9)
    (2, 10, 0)
    """
    return int(n) // 10


def rank_intervals(
    ranks: np.ndarray, *, top: int, prefix: str = "", index: pd.Index | None = None
) -> pd.DataFrame:
    """Summarise ``units × draws`` ranks: 5 %, 50 % and 95 % quantiles and P(rank ≤ top).

    Examples
    --------
    >>> r = np.array([[1, 1, 2, 1], [2, 2, 1, 2]])
    >>> rank_intervals(r, top=1, prefix="data_").to_dict("list")["data_p_top_decile"]
    [0.75, 0.25]
    """
    r = np.asarray(ranks)
    q = np.quantile(r, [0.05, 0.5, 0.95], axis=1, method="inverted_cdf")
    out = pd.DataFrame(index=index if index is not None else pd.RangeIndex(len(r)))
    for name, row in zip(("rank_p05", "rank_median", "rank_p95"), q, strict=True):
        out[f"{prefix}{name}"] = pd.array(row.astype(int), dtype="Int64")
    out[f"{prefix}p_top_decile"] = pd.array((r <= top).mean(axis=1), dtype="Float64")
    return out
