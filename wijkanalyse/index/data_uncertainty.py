"""How much an index's ranking moves with noise in its data (the method held fixed).

:func:`data_uncertainty` redraws the inputs of the index many times and ranks the units
each time with the spec's own weights, normalisation and transform (the analyst's choices
are :func:`~wijkanalyse.index.sensitivity`'s business). What is redrawn:

- **rates on counts of persons** (``kind="ratio"``, ``persons=True``, the denominator a
  column of the table): from their Jeffreys posterior
  (:func:`wijkanalyse.uncertainty.beta_rates`); with shrinkage, each draw is shrunk with
  the same weights as the point estimate;
- **medians** (``kind="weighted_median"``, e.g. the income per tax return): lognormal
  sampling noise of a median of ``returns_per_resident × pop_total`` returns
  (:func:`wijkanalyse.uncertainty.median_noise`; the spread comes from the mean beside it);
  above the sector level the median is itself an approximation and is first drawn within a
  range (``bounds``; the study uses the population-weighted quartiles of its sectors'
  medians);
- **values withheld by the source** (``<id>_suppressed_reason = suppressed_by_source``):
  drawn from the observed values of that indicator (hot deck).

Indicators without a noise model (e.g. the published BIMD scores) are held fixed; the
result says which were redrawn. The draws are vectorised: the columns that do not move are
normalised once, and a chunk of draws is ranked as one array.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from wijkanalyse import uncertainty, vocab
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse.index.compute import _prepare, normalise
from wijkanalyse.index.need import _meta
from wijkanalyse.index.spec import IndexSpec, _direction_of

__all__ = ["DataNoise", "data_uncertainty"]

#: Non-zero tax returns per resident. Statbel's fiscal statistics per municipality (the
#: mirror's 2005-2013 file) give 0.56 for Flanders and 0.57 for Leuven in 2013; the 2021
#: sector file has no count of returns.
RETURNS_PER_RESIDENT = 0.56


@dataclass(frozen=True)
class DataNoise:
    """What :func:`data_uncertainty` may redraw, beyond what the table itself tells.

    Attributes
    ----------
    returns_per_resident
        Tax returns per resident, to turn ``pop_total`` into the number of returns a median
        is taken over (:data:`RETURNS_PER_RESIDENT`).
    mean_of
        The mean published beside a median (its spread): ``{"income_median": "income_mean"}``.
    bounds
        Per approximated median indicator, a frame indexed like the table with ``low`` and
        ``high``: the range the unit's value is drawn in (triangular, mode at the value).
    shrink_weights
        Per shrunk rate, ``(weight, prior)`` per unit as
        :func:`~wijkanalyse.index.shrinkage.empirical_bayes_rates` gave them.
    """

    returns_per_resident: float = RETURNS_PER_RESIDENT
    mean_of: Mapping[str, str] | None = None
    bounds: Mapping[str, pd.DataFrame] | None = None
    shrink_weights: Mapping[str, tuple[pd.Series, pd.Series]] | None = None


def _column_draws(
    values: pd.DataFrame, ind_id: str, draws: int, rng: np.random.Generator, noise: DataNoise
) -> np.ndarray | None:
    """``draws × units`` values of one indicator, or ``None`` when it has no noise model."""
    meta = _meta(values)
    ind = meta.get(ind_id)
    v = pd.to_numeric(values[ind_id], errors="coerce").astype("float64").to_numpy()
    out: np.ndarray | None = None
    if ind is not None and ind.kind == "ratio" and ind.persons and ind.denominator in values:
        den = pd.to_numeric(values[str(ind.denominator)], errors="coerce").to_numpy(float)
        num = np.round(v * den / ind.scale)
        out = uncertainty.beta_rates(np.fmin(num, den), den, draws, rng, scale=ind.scale)
        sw = (noise.shrink_weights or {}).get(ind_id)
        if sw is not None:
            w = sw[0].reindex(values.index).astype("float64").to_numpy()
            m = sw[1].reindex(values.index).astype("float64").to_numpy()
            out = np.where(np.isnan(w), out, m + w * (out - m))
    elif ind is not None and ind.kind == "weighted_median" and "pop_total" in values:
        base = v
        bound = (noise.bounds or {}).get(ind_id)
        if bound is not None:
            lo = bound["low"].reindex(values.index).astype("float64").to_numpy()
            hi = bound["high"].reindex(values.index).astype("float64").to_numpy()
            base = uncertainty.bounded(v, lo, hi, draws, rng)
        mean_col = (noise.mean_of or {"income_median": "income_mean"}).get(ind_id)
        mean = (
            pd.to_numeric(values[mean_col], errors="coerce").to_numpy(float)
            if mean_col and mean_col in values
            else np.full(len(v), np.nan)
        )
        pop = pd.to_numeric(values["pop_total"], errors="coerce").to_numpy(float)
        factor = uncertainty.median_noise(
            np.ones(len(v)), mean / v, noise.returns_per_resident * pop, draws, rng
        )
        out = base * factor
    reason_col = f"{ind_id}_suppressed_reason"
    if reason_col in values:
        withheld = (values[reason_col] == vocab.SUPPRESSED_BY_SOURCE).to_numpy()
        if withheld.any():
            if out is None:
                out = np.repeat(v[None, :], draws, axis=0)
            out[:, withheld] = uncertainty.hot_deck(v, (draws, int(withheld.sum())), rng)
    return out


def _normalise_block(x: np.ndarray, method: str) -> np.ndarray:
    """Normalise ``units × draws`` (no NaN) column by column, as :func:`normalise` does."""
    if method == "rank":
        return rankdata(x, axis=0, method="average") / x.shape[0]
    if method == "zscore":
        sd = x.std(axis=0)
        return np.where(sd > 0, (x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0), 0.0)
    lo, hi = x.min(axis=0), x.max(axis=0)
    return np.where(hi > lo, (x - lo) / np.where(hi > lo, hi - lo, 1.0), 0.0)


def _exp_block(x: np.ndarray) -> np.ndarray:
    """Apply the exponential transform to ``units × draws`` (NaN rows fixed across draws)."""
    out = np.full_like(x, np.nan)
    ok = ~np.isnan(x[:, 0])
    if ok.any():
        r = rankdata(x[ok], axis=0, method="average") / ok.sum()
        c = 1.0 - np.exp(-100.0 / 23.0)
        out[ok] = -23.0 * np.log(1.0 - r * c)
    return out


def data_uncertainty(
    values: pd.DataFrame,
    spec: IndexSpec,
    *,
    draws: int = 1000,
    seed: int | None = 0,
    noise: DataNoise | None = None,
    chunk: int = 100,
) -> pd.DataFrame:
    """Rank intervals of the index when its inputs are redrawn within their noise.

    Parameters
    ----------
    values
        The indicator table the index was computed from (with its count columns, e.g.
        ``pop_total``, and ``*_suppressed_reason`` columns).
    spec
        The index definition; its weights, normalisation and transform are held fixed.
    draws, seed
        Number of draws; the seed of the ``"data"`` stream
        (:func:`wijkanalyse.uncertainty.streams`).
    noise
        What the table does not tell (:class:`DataNoise`).
    chunk
        Draws ranked at a time (memory: units × indicators × chunk floats).

    Returns
    -------
    pandas.DataFrame
        Per unit ``data_rank_p05``, ``data_rank_median``, ``data_rank_p95`` and
        ``data_p_top_decile``; NA for units without a score. ``attrs["redrawn"]`` lists the
        indicators with a noise model, ``attrs["fixed"]`` the others.

    Examples
    --------
    Three sectors with a share of 65+ on 20, 2 000 and 2 000 residents: the small one's rank
    is the least sure.

    >>> v = pd.DataFrame(
    ...     {"share_65plus": [30.0, 20.0, 25.0], "pop_total": [20, 2000, 2000],
    ...      "pop_65plus": [6, 400, 500]}, index=["s", "a", "b"])
    >>> spec = IndexSpec.from_dict({"domains": {"d": {"weight": 1,
    ...                             "indicators": ["share_65plus"]}}, "normalisation": "rank"})
    >>> r = data_uncertainty(v, spec, draws=500, seed=1)
    >>> int(r.loc["a", "data_rank_p05"]), int(r.loc["a", "data_rank_p95"])
    (2, 3)
    >>> int(r.loc["s", "data_rank_p05"]), int(r.loc["s", "data_rank_p95"])
    (1, 3)
    """
    if draws < 1:
        raise SchemaError(f"draws must be ≥ 1; got {draws}.")
    noise = noise or DataNoise()
    p = _prepare(values, spec)
    keep = p.keep
    n_keep = int(keep.sum())
    if n_keep < 2:
        raise DataError(f"index {spec.name!r}: data uncertainty needs at least 2 scored units.")
    rng = uncertainty.streams(seed, "data")["data"]
    meta = values.attrs.get("indicators", {})
    signs = np.array([1.0 if _direction_of(spec, i, meta) == "more_need" else -1.0 for i in p.ids])
    col_draws = {j: _column_draws(values, i, draws, rng, noise) for j, i in enumerate(p.ids)}
    redrawn = [p.ids[j] for j, d in col_draws.items() if d is not None]
    fixed_z = normalise(p.x[keep], spec.normalisation)
    mask = ~np.isnan(p.x[keep])
    for j, d in col_draws.items():
        if d is not None:
            # a withheld value has draws: the unit has the indicator in every draw
            mask[:, j] |= ~np.isnan(d[0][keep])
    w_ind = p.within
    n_dom = len(p.domain_w)
    ranks = np.empty((n_keep, draws), dtype=np.int32)
    for start in range(0, draws, chunk):
        size = min(chunk, draws - start)
        z = np.repeat(fixed_z[:, :, None], size, axis=2)  # units × k × draws
        for j, d in col_draws.items():
            if d is None:
                continue
            xj = (d[start : start + size].T * signs[j])[keep]  # units × draws
            # an imputed cell (missing="impute") has no draws: it keeps its imputed value
            xj = np.where(np.isnan(xj), p.x[keep][:, j : j + 1], xj)
            ok = mask[:, j]
            if ok.any():
                z[ok, j, :] = _normalise_block(xj[ok], spec.normalisation)
        dom = np.full((n_keep, n_dom, size), np.nan)
        for k in range(n_dom):
            cols = np.flatnonzero(p.domain_of == k)
            wts = (mask[:, cols] * w_ind[cols]).astype(float)  # units × cols
            den = wts.sum(axis=1)
            num = np.einsum("ucd,uc->ud", np.nan_to_num(z[:, cols, :]), wts)
            with np.errstate(invalid="ignore", divide="ignore"):
                dom[:, k, :] = np.where(den[:, None] > 0, num / den[:, None], np.nan)
            if spec.transform == "exponential":
                dom[:, k, :] = _exp_block(dom[:, k, :])
        dmask = ~np.isnan(dom[:, :, 0])
        dw = dmask * p.domain_w
        score = np.einsum("ukd,uk->ud", np.nan_to_num(dom), dw) / dw.sum(axis=1)[:, None]
        # tied scores share the best rank, as in compute_index
        ranks[:, start : start + size] = rankdata(-score, axis=0, method="min")
    top = uncertainty.top_decile_size(n_keep)
    summary = uncertainty.rank_intervals(ranks, top=top, prefix="data_")
    out = pd.DataFrame(index=values.index)
    for col in summary.columns:
        full = pd.Series(pd.NA, index=values.index, dtype=summary[col].dtype)
        full[keep] = summary[col].to_numpy()
        out[col] = full
    out.attrs.update(
        {
            "draws": draws,
            "seed": seed,
            "redrawn": redrawn,
            "fixed": [i for i in p.ids if i not in redrawn],
            "returns_per_resident": noise.returns_per_resident,
        }
    )
    return out
