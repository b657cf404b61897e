"""A composite need index with domains and weights, and how stable its ranking is.

The index follows the Belgian and English Indices of Multiple Deprivation (BIMD, IMD):

1. every indicator is **oriented** so that a higher value means more need (indicators with
   ``direction="less_need"`` are negated; ``"neutral"`` ones must be given a direction);
2. **missing values** follow an explicit rule: ``"drop"`` (the unit gets no score),
   ``"reweight"`` (weights are shared among the indicators and domains the unit has) or
   ``"impute"`` (the median of the other units; the ``imputed`` column says where);
3. each indicator is **normalised** over the units: ``"zscore"`` ((x − mean) / sd, sd with
   ddof 0), ``"rank"`` (rank / n, ties averaged, in (0, 1]) or ``"minmax"``
   ((x − min) / (max − min));
4. a **domain score** is the weighted mean of its normalised indicators;
5. optionally (``transform="exponential"``) each domain score is ranked and put through
   the IMD exponential transform ``X = −23 ln(1 − R (1 − e^(−100/23)))`` with ``R`` the rank
   scaled to [1/n, 1] (1 = most need), so X runs from about 0 to 100 and a high score in one
   domain is not cancelled by a low one in another;
6. the **score** is the weighted mean of the domain scores; ``rank`` 1 is the unit with the
   most need; ``decile`` 1 holds the 10 % with the most need.

**Monotonicity.** Improving one unit's indicator in the "less need" direction never raises
that unit's score with every normalisation without a transform, and with ``"rank"`` or
``"minmax"`` with the exponential transform (the tests check this on random data). With
``"zscore"`` *and* the exponential transform *and* a domain of several indicators it is not
guaranteed: a changed value moves the mean and sd and so every other unit's z-score, and the
rank-based transform can then reorder units. Prefer ``"rank"`` there.

:func:`sensitivity` repeats this thousands of times with other domain weights (Dirichlet
around the chosen ones), another normalisation and one indicator left out, and reports per
unit the median rank, the 5-95 % rank interval and the probability of being in the top
decile. It is vectorised: every combination of normalisation and left-out indicator is
computed once, and the draws of that combination are one matrix product.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import close_matches, listing
from wijkanalyse.indicators import REGISTRY, Indicator
from wijkanalyse.parallel import Scheduler, map_blocks

__all__ = [
    "NORMALISATIONS",
    "Domain",
    "IndexResult",
    "IndexSpec",
    "compute_index",
    "exponential_transform",
    "normalise",
    "sensitivity",
]

log = logging.getLogger(__name__)

Normalisation = Literal["zscore", "rank", "minmax"]
Transform = Literal["none", "exponential"]
MissingRule = Literal["drop", "reweight", "impute"]

#: The normalisation methods.
NORMALISATIONS: tuple[str, ...] = ("zscore", "rank", "minmax")
_TRANSFORMS = ("none", "exponential")
_MISSING = ("drop", "reweight", "impute")


@dataclass(frozen=True)
class Domain:
    """A domain of the index: a name, its weight and its indicators with their weights."""

    name: str
    weight: float
    indicators: Mapping[str, float]

    def __post_init__(self) -> None:
        if not (self.weight > 0 and math.isfinite(self.weight)):
            raise SchemaError(f"domain {self.name!r}: weight must be > 0; got {self.weight!r}.")
        if not self.indicators:
            raise SchemaError(f"domain {self.name!r} has no indicators.")
        bad = {k: v for k, v in self.indicators.items() if not (v > 0 and math.isfinite(v))}
        if bad:
            raise SchemaError(f"domain {self.name!r}: indicator weights must be > 0; got {bad}.")


@dataclass(frozen=True)
class IndexSpec:
    """The definition of a composite index.

    Attributes
    ----------
    domains
        The domains, with weights (normalised to sum 1 when used).
    normalisation
        ``"zscore"``, ``"rank"`` or ``"minmax"``.
    transform
        ``"none"`` or ``"exponential"`` (IMD/BIMD rank-based exponential transform of the
        domain scores).
    missing
        ``"drop"``, ``"reweight"`` or ``"impute"``.
    directions
        Direction per indicator id, overriding the registry (required for neutral
        indicators).
    name
        Display name.
    """

    domains: tuple[Domain, ...]
    normalisation: Normalisation = "zscore"
    transform: Transform = "none"
    missing: MissingRule = "reweight"
    directions: Mapping[str, str] = field(default_factory=dict)
    name: str = "index"

    def __post_init__(self) -> None:
        problems = []
        if not self.domains:
            problems.append("it has no domains")
        if self.normalisation not in NORMALISATIONS:
            problems.append(
                f"normalisation {self.normalisation!r} is not one of {listing(NORMALISATIONS)}"
            )
        if self.transform not in _TRANSFORMS:
            problems.append(f"transform {self.transform!r} is not one of {listing(_TRANSFORMS)}")
        if self.missing not in _MISSING:
            problems.append(f"missing {self.missing!r} is not one of {listing(_MISSING)}")
        ids = [i for d in self.domains for i in d.indicators]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            problems.append(f"indicator(s) {listing(dup)} appear in more than one domain")
        names = [d.name for d in self.domains]
        dup_d = sorted({n for n in names if names.count(n) > 1})
        if dup_d:
            problems.append(f"domain name(s) {listing(dup_d)} are used twice")
        bad_dir = {k: v for k, v in self.directions.items() if v not in ("more_need", "less_need")}
        if bad_dir:
            problems.append(f"directions must be 'more_need' or 'less_need'; got {bad_dir}")
        if problems:
            raise SchemaError(f"index {self.name!r}: " + "; ".join(problems) + ".")

    @property
    def indicator_ids(self) -> list[str]:
        """Every indicator id, domain by domain."""
        return [i for d in self.domains for i in d.indicators]

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any]) -> IndexSpec:
        """Build a spec from a mapping as written in a study file.

        Examples
        --------
        >>> spec = IndexSpec.from_dict(
        ...     {
        ...         "domains": {
        ...             "inkomen": {"weight": 2, "indicators": {"income_median": 1}},
        ...             "demografie": {"weight": 1, "indicators": ["share_65plus"]},
        ...         },
        ...         "transform": "exponential",
        ...     }
        ... )
        >>> [d.name for d in spec.domains], spec.transform
        (['inkomen', 'demografie'], 'exponential')
        """
        raw = dict(spec)
        domains = []
        for name, d in dict(raw.pop("domains", {})).items():
            inds = d.get("indicators", {})
            if isinstance(inds, Sequence) and not isinstance(inds, str):
                inds = {i: 1.0 for i in inds}
            domains.append(
                Domain(
                    name=str(name),
                    weight=float(d.get("weight", 1.0)),
                    indicators={str(k): float(v) for k, v in dict(inds).items()},
                )
            )
        return cls(domains=tuple(domains), **raw)


def _direction_of(spec: IndexSpec, ind_id: str, meta: Mapping[str, Indicator]) -> str:
    if ind_id in spec.directions:
        return str(spec.directions[ind_id])
    ind = meta.get(ind_id) or REGISTRY.get(ind_id)
    if ind is None:
        raise SchemaError(
            f"index {spec.name!r}: indicator {ind_id!r} has no known direction; add it to "
            "directions = {...} ('more_need' or 'less_need')."
        )
    if ind.direction == "neutral":
        raise SchemaError(
            f"index {spec.name!r}: indicator {ind_id!r} ({ind.label_en}) is descriptive "
            "(direction 'neutral'): say whether a higher value means more or less need with "
            f"directions = {{ {ind_id} = 'more_need' }} or leave it out."
        )
    return ind.direction


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
    """

    table: pd.DataFrame
    spec: IndexSpec


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


# --------------------------------------------------------------------------- sensitivity


def sensitivity(
    values: pd.DataFrame,
    spec: IndexSpec,
    *,
    draws: int = 1000,
    seed: int | None = 0,
    concentration: float = 50.0,
    normalisations: Sequence[str] | None = None,
    transforms: Sequence[str] | None = None,
    leave_one_out: bool = True,
    top_k: int | None = None,
    chunk: int = 512,
    progress: bool = True,
    scheduler: Scheduler = None,
) -> pd.DataFrame:
    """Monte Carlo uncertainty of the index ranks.

    Each draw picks (1) domain weights from a Dirichlet distribution with mean the chosen
    weights and concentration ``concentration`` (larger = closer to the chosen weights;
    50 gives a weight of 0.25 a standard deviation of about 0.06), (2) a normalisation from
    ``normalisations``, (3) a transform from ``transforms`` and (4) with ``leave_one_out``,
    either no indicator or one indicator (uniformly) left out. The index is recomputed and
    the units ranked.

    Parameters
    ----------
    draws
        Number of draws.
    seed
        Seed of the random generator (same seed → identical results).
    normalisations, transforms
        Default: all three normalisations; the spec's transform.
    top_k
        Also report ``p_top_k``, the probability of a rank ≤ ``top_k``.
    chunk
        Draws ranked at a time (memory: units × chunk floats).
    progress
        Show a progress bar.
    scheduler
        Where the draws are ranked: ``None`` (here), ``"local"``, a Dask scheduler address
        or client (see :mod:`wijkanalyse.parallel`). The draws are made here first, so the
        result is identical wherever they are ranked.

    Returns
    -------
    pandas.DataFrame
        Per unit: ``rank_median``, ``rank_p05``, ``rank_p95`` (5 % and 95 % quantiles of the
        rank over the draws), ``p_top_decile`` and, with ``top_k``, ``p_top_k``. Units
        without a score are NA. ``attrs`` hold the settings.
    """
    if draws < 1:
        raise SchemaError(f"draws must be ≥ 1; got {draws}.")
    if not concentration > 0:
        raise SchemaError(f"concentration must be > 0; got {concentration}.")
    norms = list(normalisations) if normalisations is not None else list(NORMALISATIONS)
    bad = [m for m in norms if m not in NORMALISATIONS]
    if bad or not norms:
        raise SchemaError(
            f"normalisations {listing(bad) or '[]'} invalid; use some of {listing(NORMALISATIONS)}."
        )
    trans = list(transforms) if transforms is not None else [spec.transform]
    bad_t = [t for t in trans if t not in _TRANSFORMS]
    if bad_t or not trans:
        raise SchemaError(f"transforms {listing(bad_t)} invalid; use {listing(_TRANSFORMS)}.")
    p = _prepare(values, spec)
    n_units = int(p.keep.sum())
    if n_units < 2:
        raise DataError(f"index {spec.name!r}: sensitivity needs at least 2 scored units.")
    k_ind = len(p.ids)
    loo_options: list[int | None] = [None]
    skipped: list[str] = []
    if leave_one_out and k_ind > 1:
        has = ~np.isnan(p.x[p.keep])
        for j in range(k_ind):
            others = np.delete(has, j, axis=1)
            if others.any(axis=1).all():
                loo_options.append(j)
            else:
                skipped.append(p.ids[j])
        if skipped:
            log.info(
                "index %s: never left out (some unit has no other indicator): %s",
                spec.name,
                ", ".join(skipped),
            )
    rng = np.random.default_rng(seed)
    n_dom = len(p.domain_w)
    if n_dom > 1:
        weights = rng.dirichlet(p.domain_w * concentration, size=draws)
    else:
        weights = np.ones((draws, 1))
    combos = [(m, t, lo) for m in norms for t in trans for lo in loo_options]
    pick_m = rng.integers(len(norms), size=draws)
    pick_t = rng.integers(len(trans), size=draws)
    pick_l = rng.integers(len(loo_options), size=draws)
    combo_of = (pick_m * len(trans) + pick_t) * len(loo_options) + pick_l
    dtype = np.uint16 if n_units < np.iinfo(np.uint16).max else np.int32
    ranks = np.empty((n_units, draws), dtype=dtype)
    top_decile = math.ceil(n_units / 10)
    # one block per (normalisation, transform, left-out) combination: its draws' columns
    placed = [np.flatnonzero(combo_of == c) for c in range(len(combos))]
    blocks = [(combo, weights[cols]) for combo, cols in zip(combos, placed, strict=True)]
    blocks = [b for b, cols in zip(blocks, placed, strict=True) if len(cols)]
    placed = [cols for cols in placed if len(cols)]
    bar = _progress(draws, progress and scheduler is None, spec.name)
    try:
        if scheduler is None:
            # here, block by block, so the progress bar moves
            for (combo, w), cols in zip(blocks, placed, strict=True):
                ranks[:, cols] = _rank_draws((combo, w), p=p, chunk=chunk, dtype=dtype)
                if bar is not None:
                    bar.update(len(cols))
        else:
            results = map_blocks(
                _rank_draws,
                blocks,
                shared={"p": p, "chunk": chunk, "dtype": dtype},
                scheduler=scheduler,
            )
            for r, cols in zip(results, placed, strict=True):
                ranks[:, cols] = r
    finally:
        if bar is not None:
            bar.close()
    q = np.quantile(ranks, [0.05, 0.5, 0.95], axis=1, method="inverted_cdf")
    out = pd.DataFrame(index=p.units)
    for name, row in zip(("rank_p05", "rank_median", "rank_p95"), q, strict=True):
        col = np.zeros(len(p.units), dtype=int)
        col[p.keep] = row.astype(int)
        out[name] = pd.array(col, dtype="Int64")
        out.loc[~p.keep, name] = pd.NA
    in_top = (ranks <= top_decile).mean(axis=1)
    pt = np.full(len(p.units), np.nan)
    pt[p.keep] = in_top
    out["p_top_decile"] = pd.array(pt, dtype="Float64")
    if top_k is not None:
        if not 1 <= top_k <= n_units:
            raise SchemaError(f"top_k must be between 1 and {n_units}; got {top_k}.")
        pk = np.full(len(p.units), np.nan)
        pk[p.keep] = (ranks <= top_k).mean(axis=1)
        out["p_top_k"] = pd.array(pk, dtype="Float64")
    out.attrs.update(
        {
            "draws": draws,
            "seed": seed,
            "concentration": concentration,
            "normalisations": norms,
            "transforms": trans,
            "leave_one_out": bool(leave_one_out and k_ind > 1),
            "leave_one_out_skipped": skipped,
            "top_decile_size": top_decile,
            "top_k": top_k,
        }
    )
    return out


def _rank_draws(
    block: tuple[tuple[str, str, int | None], np.ndarray],
    *,
    p: Any,
    chunk: int,
    dtype: Any,
) -> np.ndarray:
    """Rank the units in the draws of one (normalisation, transform, left-out) combination.

    ``block`` is the combination and its draws' domain weights (draws × domains); returns
    units × draws ranks (1 = highest score; ties by unit order).
    """
    (m, t, lo), weights = block
    dom = _domain_scores(p, m, t, lo)
    mask = ~np.isnan(dom)
    filled = np.where(mask, dom, 0.0)
    n_units = dom.shape[0]
    out = np.empty((n_units, len(weights)), dtype=dtype)
    for start in range(0, len(weights), chunk):
        w = weights[start : start + chunk].T  # domains × draws
        num = filled @ w
        den = mask.astype(float) @ w
        with np.errstate(invalid="ignore", divide="ignore"):
            s = np.where(den > 0, num / np.where(den > 0, den, 1.0), -np.inf)
        order = np.argsort(-s, axis=0, kind="stable")
        r = np.empty_like(order)
        np.put_along_axis(
            r, order, np.arange(1, n_units + 1)[:, None].repeat(w.shape[1], 1), axis=0
        )
        out[:, start : start + w.shape[1]] = r.astype(dtype)
    return out


def _progress(total: int, show: bool, name: str) -> Any:
    if not show:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # shown only when the draws take longer than a second: short work stays quiet
        return tqdm(total=total, desc=f"{name}: Monte Carlo", unit="draw", delay=1.0)
