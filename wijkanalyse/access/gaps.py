"""Coverage gaps: where high need meets poor access, per unit and per area, ranked."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from wijkanalyse._errors import DataError
from wijkanalyse._validate import Problems, listing

__all__ = ["aggregate_gaps", "coverage_gaps"]


def coverage_gaps(
    need: pd.Series,
    minutes: pd.Series,
    population: pd.Series,
    *,
    threshold: float,
    groups: pd.Series | None = None,
    names: pd.Series | None = None,
    higher_need: Literal["higher", "lower"] = "higher",
) -> pd.DataFrame:
    """Rank units where high need meets poor access, with the people affected.

    Parameters
    ----------
    need
        Need per unit (e.g. the index score, or an indicator); by default higher is more
        need. Indexed like the units (``groups`` given: like the groups).
    minutes
        Travel time of each demand point (e.g. a sector centroid) to the nearest facility.
    population
        Target-group population of each demand point.
    threshold
        Travel time beyond which a person is not covered.
    groups
        Demand point → unit (e.g. sector → wijk); ``None``: the demand points are the units.
    names
        Display names of the units.
    higher_need
        Whether a higher ``need`` value means more need.

    Returns
    -------
    pandas.DataFrame
        Per unit: ``need``, ``need_pct`` (percentile rank of need among the units with a
        value, 0–1, 1 = most need), ``pop_in_group``, ``pop_affected`` (beyond the
        threshold), ``share_not_covered``, ``mean_minutes`` (population-weighted),
        ``gap_score`` = ``need_pct`` × ``share_not_covered`` and ``gap_rank`` (1 = largest
        gap; NA where nobody is beyond the threshold or need is unknown), sorted by rank.
    """
    if not (math.isfinite(threshold) and threshold > 0):
        raise DataError(f"threshold must be a positive number of minutes, got {threshold!r}.")
    t = pd.to_numeric(minutes, errors="coerce").astype("Float64")
    p = pd.to_numeric(population.reindex(t.index), errors="coerce").astype("Float64")
    g = pd.Series(t.index, index=t.index) if groups is None else groups.reindex(t.index)
    frame = pd.DataFrame({"unit": g, "t": t, "p": p})
    frame = frame[frame["unit"].notna()]
    known = frame["t"].notna() & frame["p"].notna()
    frame["beyond"] = frame["p"].where(frame["t"] > threshold, 0.0).where(known)
    frame["pt"] = (frame["p"] * frame["t"]).where(known)
    frame["pk"] = frame["p"].where(known)
    agg = frame.groupby("unit", sort=False).agg(
        pop_in_group=("p", lambda s: s.sum(min_count=1)),
        pop_affected=("beyond", lambda s: s.sum(min_count=1)),
        pt=("pt", lambda s: s.sum(min_count=1)),
        pk=("pk", lambda s: s.sum(min_count=1)),
    )
    agg = agg.astype("Float64")
    out = pd.DataFrame(index=agg.index)
    nd = pd.to_numeric(need.reindex(agg.index), errors="coerce").astype("Float64")
    out["need"] = nd
    signed = nd if higher_need == "higher" else -nd
    out["need_pct"] = signed.rank(pct=True, method="average").astype("Float64")
    out["pop_in_group"] = agg["pop_in_group"]
    out["pop_affected"] = agg["pop_affected"]
    pk = agg["pk"].where(agg["pk"] > 0)
    out["share_not_covered"] = (agg["pop_affected"] / pk).astype("Float64")
    out["mean_minutes"] = (agg["pt"] / pk).astype("Float64")
    out["gap_score"] = (out["need_pct"] * out["share_not_covered"]).astype("Float64")
    ranked = out["gap_score"].where(out["gap_score"] > 0)
    key = pd.DataFrame({"s": ranked, "a": out["pop_affected"]})
    order = key.sort_values(["s", "a"], ascending=False, na_position="last").index
    rank = pd.Series(pd.NA, index=out.index, dtype="Int64")
    valid = [u for u in order if pd.notna(ranked[u])]
    rank[valid] = np.arange(1, len(valid) + 1)
    out["gap_rank"] = rank
    if names is not None:
        out.insert(0, "name", names.reindex(out.index).astype("object"))
    return out.loc[list(order)]


def aggregate_gaps(
    sector_gaps: pd.DataFrame,
    members: Mapping[str, Sequence[str]],
) -> pd.DataFrame:
    """Sum a sector-level :func:`coverage_gaps` table to (possibly overlapping) areas.

    Counts are summed; ``share_not_covered`` and ``mean_minutes`` are recomputed from the
    sums; ``need_pct`` is the population-weighted mean of the member sectors' need
    percentiles (the need rank of the average resident), so it stays comparable with the
    sectors. ``gap_rank`` ranks the areas among themselves.

    Parameters
    ----------
    sector_gaps
        The sector-level result of :func:`coverage_gaps`.
    members
        Area name → its sector labels (e.g. Hoogland → the 2024 sectors it lies in).
    """
    problems = Problems("aggregate_gaps")
    for name, codes in members.items():
        absent = [c for c in codes if c not in sector_gaps.index]
        if absent:
            problems.add(f"area {name!r}: sectors {listing(absent)} are not in the sector table.")
    problems.raise_if_any()
    rows = {}
    for name, codes in members.items():
        part = sector_gaps.loc[list(codes)]
        pop = part["pop_in_group"].astype("Float64")
        affected = part["pop_affected"].sum(min_count=1)
        in_group = pop.sum(min_count=1)
        known = part["mean_minutes"].notna() & pop.notna()
        pk = pop[known].sum()
        has_need = part["need_pct"].notna() & pop.notna() & (pop > 0)
        wneed = pop[has_need].sum()
        need_pct = (
            float((part["need_pct"][has_need] * pop[has_need]).sum() / wneed)
            if wneed > 0
            else math.nan
        )
        share = float(affected / pk) if pk > 0 and pd.notna(affected) else math.nan
        mean = float((part["mean_minutes"][known] * pop[known]).sum() / pk) if pk > 0 else math.nan
        rows[name] = {
            "need": math.nan,
            "need_pct": need_pct,
            "pop_in_group": in_group,
            "pop_affected": affected,
            "share_not_covered": share,
            "mean_minutes": mean,
            "gap_score": need_pct * share,
        }
    out = pd.DataFrame.from_dict(rows, orient="index").astype("Float64")
    ranked = out["gap_score"].where(out["gap_score"] > 0)
    order = ranked.sort_values(ascending=False).index
    out["gap_rank"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    valid = [u for u in order if pd.notna(ranked[u])]
    out.loc[valid, "gap_rank"] = np.arange(1, len(valid) + 1)
    return out
