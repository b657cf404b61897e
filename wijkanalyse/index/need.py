"""A need index as a study computes it: flagged units, shrunk rates, what is not need.

:func:`need_index` wraps :func:`~wijkanalyse.index.compute_index`:

1. units flagged by :func:`~wijkanalyse.index.flags.flag_sectors` (or
   :func:`~wijkanalyse.index.flags.aggregate_flags`) whose kind is in ``exclude`` are left
   out of the ranking (``not_ranked`` says why); the others are ranked with their flags
   shown (``flags``, ``flag_evidence``);
2. with ``shrink=True`` every rate in the index whose numerator and denominator are
   persons is moved towards the mean by empirical Bayes
   (:func:`~wijkanalyse.index.shrinkage.empirical_bayes_rates`) before it is normalised,
   so a sector of 40 residents does not top the ranking on one person;
3. :func:`non_need` lists the indicators of a spec that are not need (demand or context),
   with the reason, so a study can warn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from wijkanalyse._errors import SchemaError
from wijkanalyse._validate import listing
from wijkanalyse.index.compute import IndexResult, compute_index
from wijkanalyse.index.flags import FLAG_KINDS
from wijkanalyse.index.shrinkage import empirical_bayes_rates
from wijkanalyse.index.spec import IndexSpec
from wijkanalyse.indicators import REGISTRY, Indicator

__all__ = ["constant_indicators", "need_index", "non_need", "shrinkable"]


def _meta(values: pd.DataFrame) -> Mapping[str, Indicator]:
    return {**REGISTRY, **values.attrs.get("indicators", {})}


def non_need(spec: IndexSpec, meta: Mapping[str, Indicator] | None = None) -> dict[str, str]:
    """Return the indicators of ``spec`` that are not need, with their concept.

    ``"demand"`` (a target group's size or share: it belongs in access and planning as a
    weight) or ``"context"`` (the setting: density, open space, facilities).

    Examples
    --------
    >>> spec = IndexSpec.from_dict(
    ...     {"domains": {"a": {"weight": 1, "indicators": ["income_median", "share_65plus"]}}}
    ... )
    >>> non_need(spec)
    {'share_65plus': 'demand'}
    """
    known = {**REGISTRY, **(meta or {})}
    out: dict[str, str] = {}
    for ind_id in spec.indicator_ids:
        ind = known.get(ind_id)
        if ind is not None and ind.concept != "need":
            out[ind_id] = ind.concept
    return out


def constant_indicators(values: pd.DataFrame, spec: IndexSpec) -> list[str]:
    """Return the indicators of ``spec`` with one value for every unit that has one.

    Such an indicator (e.g. a BIMD domain ranked per municipality, inside one city) cannot
    tell the units apart; it only shifts every score alike.
    """
    out = []
    for ind_id in spec.indicator_ids:
        if ind_id not in values:
            continue
        v = pd.to_numeric(values[ind_id], errors="coerce").dropna()
        if len(v) > 1 and np.isclose(v.min(), v.max()):
            out.append(ind_id)
    return out


def shrinkable(values: pd.DataFrame, spec: IndexSpec) -> list[str]:
    """Return the rates of ``spec`` that :func:`need_index` can shrink.

    A rate (``kind="ratio"``) whose numerator counts persons (``persons=True``) and whose
    denominator is a column of ``values`` (e.g. ``pop_total``).
    """
    meta = _meta(values)
    out = []
    for ind_id in spec.indicator_ids:
        ind = meta.get(ind_id)
        if (
            ind is not None
            and ind.kind == "ratio"
            and ind.persons
            and ind.denominator is not None
            and ind.denominator in values
        ):
            out.append(ind_id)
    return out


def need_index(
    values: pd.DataFrame,
    spec: IndexSpec,
    *,
    flags: pd.DataFrame | None = None,
    exclude: Sequence[str] = ("small",),
    shrink: bool = False,
    groups: pd.Series | None = None,
) -> IndexResult:
    """Compute the index of the units that are ranked, with flags, exclusions and shrinkage.

    Parameters
    ----------
    values
        Indicator table (one row per unit).
    spec
        The index definition.
    flags
        Per unit ``flags`` (comma-separated kinds) and ``evidence``, as
        :func:`~wijkanalyse.index.flags.flag_sectors` returns; ``None``: no flags.
    exclude
        Flag kinds whose units are not ranked (a subset of ``small``, ``collective``,
        ``student``).
    shrink
        Shrink the person rates of the index (:func:`shrinkable`) by empirical Bayes.
    groups
        Optional group per unit for the shrinkage prior (e.g. the wijk of each sector).

    Returns
    -------
    IndexResult
        Its table as :func:`compute_index`'s, for every unit of ``values``, plus ``flags``,
        ``flag_evidence`` and ``not_ranked`` (the excluded kinds; empty when ranked).
        ``values`` the indicator values after shrinkage (what the choice sensitivity must
        vary). ``table.attrs["shrunk"]`` lists the shrunk indicators, ``attrs["shrink_weights"]``
        their weights and priors per unit (the prior on the indicator's scale).

    Examples
    --------
    >>> values = pd.DataFrame(
    ...     {"income_median": [20_000.0, 30_000.0, 25_000.0]}, index=["a", "b", "c"]
    ... )
    >>> flags = pd.DataFrame({"flags": ["student", "", ""], "evidence": ["…", "", ""]},
    ...                      index=values.index)
    >>> spec = IndexSpec.from_dict({"domains": {"inkomen": {"weight": 1,
    ...                             "indicators": ["income_median"]}}})
    >>> t = need_index(values, spec, flags=flags, exclude=["student"]).table
    >>> t["rank"].tolist(), t["not_ranked"].tolist()
    ([<NA>, 2, 1], ['student', '', ''])
    """
    bad = [k for k in exclude if k not in FLAG_KINDS]
    if bad:
        raise SchemaError(
            f"index {spec.name!r}: exclude {listing(bad)} is not a flag kind; use some of "
            f"{listing(FLAG_KINDS)}."
        )
    if flags is None:
        kinds = pd.Series("", index=values.index)
        evidence = pd.Series("", index=values.index)
    else:
        kinds = flags["flags"].reindex(values.index).fillna("").astype(str)
        evidence = flags["evidence"].reindex(values.index).fillna("").astype(str)
    excluded = kinds.map(lambda k: ", ".join(x for x in k.split(", ") if x in exclude))
    work = values.copy()
    work.attrs = values.attrs
    shrunk = shrinkable(values, spec) if shrink else []
    meta = _meta(values)
    weights: dict[str, tuple[pd.Series, pd.Series]] = {}
    for ind_id in shrunk:
        ind = meta[ind_id]
        den = pd.to_numeric(values[str(ind.denominator)], errors="coerce").astype("float64")
        num = pd.to_numeric(values[ind_id], errors="coerce").astype("float64") * den / ind.scale
        ok = num.notna() & den.notna()
        eb = empirical_bayes_rates(num[ok].round(), den[ok], scale=ind.scale, groups=groups)
        moved = pd.Series(np.nan, index=values.index)
        moved[ok] = eb.table["shrunk"].astype("float64").to_numpy()
        work[ind_id] = moved.astype("Float64")
        weights[ind_id] = (eb.table["weight"], eb.table["prior"])
    ranked = (excluded == "").to_numpy()
    if not ranked.any():
        raise SchemaError(
            f"index {spec.name!r}: every unit is excluded by its flags ({listing(exclude)}); "
            "exclude fewer kinds in [index] exclude."
        )
    sub = work[ranked]
    sub.attrs = values.attrs
    result = compute_index(sub, spec)
    table = result.table.reindex(values.index)
    for col in ("rank", "decile"):
        table[col] = table[col].astype("Int64")
    table["n_missing"] = table["n_missing"].astype("Int64")
    for col in ("missing", "imputed"):
        table[col] = table[col].fillna("").astype(str)
    table["flags"] = kinds.to_numpy()
    table["flag_evidence"] = evidence.to_numpy()
    table["not_ranked"] = excluded.to_numpy()
    table.attrs["shrunk"] = shrunk
    table.attrs["shrink_weights"] = weights
    return replace(result, table=table, values=work)
