"""Compute a need index: orient, normalise, transform, weight (see :mod:`wijkanalyse.index`)."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import close_matches, listing
from wijkanalyse.index.spec import NORMALISATIONS, IndexSpec, _direction_of
from wijkanalyse.indicators import Indicator

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- building blocks


def normalise(x: np.ndarray, method: str) -> np.ndarray:
    """Normalise the columns of ``x`` (units × indicators) over their non-NaN values.

    Examples
    --------
    >>> normalise(np.array([[1.0], [2.0], [3.0], [np.nan]]), "minmax").ravel().tolist()
    [0.0, 0.5, 1.0, nan]
    >>> normalise(np.array([[10.0], [30.0], [20.0]]), "rank").ravel().tolist()
    [0.3333333333333333, 1.0, 0.6666666666666666]
    """
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        return normalise(x[:, None], method)[:, 0]
    out = np.full_like(x, np.nan)
    for j in range(x.shape[1]):
        col = x[:, j]
        ok = ~np.isnan(col)
        v = col[ok]
        if len(v) == 0:
            continue
        if method == "zscore":
            sd = v.std()
            out[ok, j] = 0.0 if sd == 0 else (v - v.mean()) / sd
        elif method == "minmax":
            lo, hi = v.min(), v.max()
            out[ok, j] = 0.0 if hi == lo else (v - lo) / (hi - lo)
        elif method == "rank":
            out[ok, j] = _average_rank(v) / len(v)
        else:
            raise SchemaError(f"normalisation {method!r} is not one of {listing(NORMALISATIONS)}.")
    return out


def _average_rank(v: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ascending, ties averaged."""
    order = np.argsort(v, kind="stable")
    sv = v[order]
    ranks = np.empty(len(v))
    ranks[order] = np.arange(1, len(v) + 1)
    # average the ranks of tied values
    _, first, counts = np.unique(sv, return_index=True, return_counts=True)
    for f, c in zip(first, counts, strict=True):
        if c > 1:
            ranks[order[f : f + c]] = f + (c + 1) / 2.0
    return ranks


def exponential_transform(x: np.ndarray) -> np.ndarray:
    """Apply the IMD rank-based exponential transform to each column of ``x``.

    The values are ranked (ties averaged) and scaled to R in [1/n, 1], R = 1 for the
    highest value (most need); then X = −23 ln(1 − R (1 − e^(−100/23))). NaN stays NaN.

    Examples
    --------
    >>> exponential_transform(np.array([0.2, 0.9, 0.5])).round(3).tolist()
    [9.177, 100.0, 24.681]
    """
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        return exponential_transform(x[:, None])[:, 0]
    out = np.full_like(x, np.nan)
    c = 1.0 - math.exp(-100.0 / 23.0)
    for j in range(x.shape[1]):
        ok = ~np.isnan(x[:, j])
        if not ok.any():
            continue
        r = _average_rank(x[ok, j]) / ok.sum()
        out[ok, j] = -23.0 * np.log(1.0 - r * c)
    return out


def _weighted_rows(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted mean per row over non-NaN entries (NaN when a row has none)."""
    mask = ~np.isnan(values)
    filled = np.where(mask, values, 0.0)
    num = filled @ weights
    den = mask.astype(float) @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


@dataclass(frozen=True)
class _Prepared:
    units: pd.Index
    ids: list[str]
    x: np.ndarray  # oriented raw values (units × indicators), higher = more need
    keep: np.ndarray  # units that get a score
    imputed: list[str]  # per unit: imputed indicators (joined)
    missing: list[str]  # per unit: missing indicators (joined)
    domain_of: np.ndarray  # indicator → domain position
    within: np.ndarray  # within-domain indicator weights
    domain_w: np.ndarray  # domain weights (sum 1)


def _prepare(values: pd.DataFrame, spec: IndexSpec) -> _Prepared:
    ids = spec.indicator_ids
    absent = [i for i in ids if i not in values.columns]
    if absent:
        hits = {i: close_matches(i, [str(c) for c in values.columns]) for i in absent}
        hint = "; ".join(f"{i!r}: did you mean {', '.join(h)}?" for i, h in hits.items() if h)
        raise SchemaError(
            f"index {spec.name!r}: the indicator table lacks {listing(absent)}. {hint}".strip()
        )
    meta: Mapping[str, Indicator] = values.attrs.get("indicators", {})
    signs = np.array([1.0 if _direction_of(spec, i, meta) == "more_need" else -1.0 for i in ids])
    raw = values[ids].apply(pd.to_numeric, errors="coerce").astype("float64").to_numpy()
    x = raw * signs[None, :]
    isna = np.isnan(x)
    units = values.index
    missing = [", ".join(np.asarray(ids)[row]) for row in isna]
    imputed = [""] * len(units)
    keep = np.ones(len(units), dtype=bool)
    empty = [i for j, i in enumerate(ids) if isna[:, j].all()]
    if empty:
        raise DataError(
            f"index {spec.name!r}: indicator(s) {listing(empty)} have no value for any unit; "
            "leave them out of the index at this level."
        )
    if spec.missing == "drop":
        keep = ~isna.any(axis=1)
        if not keep.any():
            raise DataError(
                f"index {spec.name!r}: every unit misses at least one indicator, so "
                "missing='drop' leaves nothing; use 'reweight' or 'impute'."
            )
        x = np.where(keep[:, None], x, np.nan)
    elif spec.missing == "reweight":
        keep = ~isna.all(axis=1)
        x = np.where(keep[:, None], x, np.nan)
    elif spec.missing == "impute":
        # a unit without any value is not imputed from nothing: it gets no score
        keep = ~isna.all(axis=1)
        med = np.nanmedian(x[keep], axis=0)
        x = np.where(isna & keep[:, None], med[None, :], x)
        imputed = [m if k else "" for m, k in zip(missing, keep, strict=True)]
    domain_of = np.array([k for k, d in enumerate(spec.domains) for _ in d.indicators])
    within = np.array([w for d in spec.domains for w in d.indicators.values()], dtype=float)
    domain_w = np.array([d.weight for d in spec.domains], dtype=float)
    return _Prepared(
        units=units,
        ids=ids,
        x=x,
        keep=keep,
        imputed=imputed,
        missing=missing,
        domain_of=domain_of,
        within=within,
        domain_w=domain_w / domain_w.sum(),
    )


def _domain_scores(
    p: _Prepared, method: str, transform: str, leave_out: int | None = None
) -> np.ndarray:
    """Return units × domains scores (NaN where a unit has no indicator of the domain)."""
    z = normalise(p.x[p.keep], method)
    n_dom = len(p.domain_w)
    w = p.within.copy()
    if leave_out is not None:
        w[leave_out] = 0.0
    out = np.full((int(p.keep.sum()), n_dom), np.nan)
    for d in range(n_dom):
        cols = np.flatnonzero((p.domain_of == d) & (w > 0))
        if len(cols) == 0:
            continue
        out[:, d] = _weighted_rows(z[:, cols], w[cols])
    if transform == "exponential":
        out = exponential_transform(out)
    return out


def _ranks_desc(score: np.ndarray) -> np.ndarray:
    """Rank 1 = highest score; ties share the best rank; NaN → 0."""
    s = pd.Series(score)
    return s.rank(ascending=False, method="min").fillna(0).to_numpy(dtype=int)


# --------------------------------------------------------------------------- the index


@dataclass(frozen=True)
class IndexResult:
    """A computed index.

    Attributes
    ----------
    table
        Per unit: ``score``, ``rank`` (1 = most need), ``decile`` (1 = the 10 % with the
        most need), ``domain_<name>`` scores, ``n_missing``, ``missing`` (indicator ids
        without a value) and ``imputed`` (ids imputed by the ``"impute"`` rule). Units
        dropped by ``missing="drop"`` have NA scores.
    spec
        The index definition.
    values
        The indicator values the index was computed from, where they differ from the
        table given (:func:`~wijkanalyse.index.need_index` with shrinkage); ``None``
        otherwise.
    """

    table: pd.DataFrame
    spec: IndexSpec
    values: pd.DataFrame | None = None


def compute_index(values: pd.DataFrame, spec: IndexSpec) -> IndexResult:
    """Compute the composite index of the units in ``values``.

    Parameters
    ----------
    values
        Indicator table, one row per unit and one column per indicator (e.g. from
        :func:`wijkanalyse.indicators.compute`; its ``attrs["indicators"]`` give the
        directions).
    spec
        The index definition.

    Examples
    --------
    >>> values = pd.DataFrame(
    ...     {"income_median": [20_000, 30_000, 40_000], "share_65plus": [10.0, 30.0, 20.0]},
    ...     index=["a", "b", "c"],
    ... )
    >>> spec = IndexSpec.from_dict(
    ...     {
    ...         "domains": {
    ...             "inkomen": {"weight": 1, "indicators": ["income_median"]},
    ...             "demografie": {"weight": 1, "indicators": ["share_65plus"]},
    ...         },
    ...         "normalisation": "minmax",
    ...     }
    ... )
    >>> compute_index(values, spec).table[["score", "rank"]].to_dict("list")
    {'score': [0.5, 0.75, 0.25], 'rank': [2, 1, 3]}
    """
    p = _prepare(values, spec)
    dom = _domain_scores(p, spec.normalisation, spec.transform)
    score_kept = _weighted_rows(dom, p.domain_w)
    n = len(p.units)
    score = np.full(n, np.nan)
    score[p.keep] = score_kept
    domains = np.full((n, dom.shape[1]), np.nan)
    domains[p.keep] = dom
    ranks = _ranks_desc(score)
    n_scored = int((~np.isnan(score)).sum())
    table = pd.DataFrame(index=p.units)
    table["score"] = pd.array(score, dtype="Float64")
    table["rank"] = pd.array(np.where(ranks > 0, ranks, 0), dtype="Int64").astype("Int64")
    table.loc[ranks == 0, "rank"] = pd.NA
    decile = np.ceil(ranks * 10.0 / max(n_scored, 1)).astype(int)
    table["decile"] = pd.array(np.where(ranks > 0, decile, 0), dtype="Int64")
    table.loc[ranks == 0, "decile"] = pd.NA
    for k, d in enumerate(spec.domains):
        table[f"domain_{d.name}"] = pd.array(domains[:, k], dtype="Float64")
    table["n_missing"] = [len(m.split(", ")) if m else 0 for m in p.missing]
    table["missing"] = p.missing
    table["imputed"] = p.imputed
    dropped = int((~p.keep).sum())
    if dropped:
        log.info("index %s: %d unit(s) dropped for missing indicators", spec.name, dropped)
    return IndexResult(table=table, spec=spec)
