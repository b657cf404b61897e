"""How stable an index's ranking is under other reasonable choices (Monte Carlo)."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from wijkanalyse import uncertainty
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import listing
from wijkanalyse.index.compute import (
    _domain_scores,
    _prepare,
)
from wijkanalyse.index.spec import _TRANSFORMS, NORMALISATIONS, IndexSpec
from wijkanalyse.parallel import Scheduler, map_blocks

log = logging.getLogger(__name__)


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
    either no indicator or one indicator (uniformly) left out, among the indicators of
    domains that have more than one (a domain is never dropped whole). The index is
    recomputed and the units ranked.

    This is *choice sensitivity*: how robust the ranking is to the analyst's choices, not
    how certain it is; :func:`~wijkanalyse.index.data_uncertainty` gives the noise of the
    data.

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
            # within a domain only: leaving out an indicator must leave every unit that has
            # the domain with another indicator of it, or the domain would drop out for that
            # unit, a change of what the index measures, not of how
            domain = p.domain_of == p.domain_of[j]
            rest = domain & (np.arange(k_ind) != j)
            had = has[:, domain].any(axis=1)
            if rest.any() and (has[:, rest].any(axis=1) | ~had).all():
                loo_options.append(j)
            else:
                skipped.append(p.ids[j])
        if skipped:
            log.info(
                "index %s: never left out (some unit has no other indicator in its domain): %s",
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
    top_decile = uncertainty.top_decile_size(n_units)
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
