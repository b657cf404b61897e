"""Counts moved between sector vintages along the crosswalk (see :mod:`wijkanalyse.trends`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from wijkanalyse import vocab
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import listing

#: How a sector's count moved between vintages (see :mod:`wijkanalyse.trends`).
METHODS = ("same", "merged", "by_code", "split_allocated", "split_in_crosswalk", "new_sector")
Absent = Literal["na", "zero"]

#: How a unit's count was made, from most to least exact (a unit without value: NA).
UNIT_METHODS = ("exact", "by_code", "allocated")


@dataclass(frozen=True)
class Links:
    """The links between the sectors of two vintages that a count moves along.

    Attributes
    ----------
    links
        One row per link: ``source`` (older code), ``target`` (newer code) and ``exact``
        (``False`` for a link by code across a redrawing).
    from_vintage, to_vintage
        The two vintages.
    """

    links: pd.DataFrame
    from_vintage: int
    to_vintage: int


def links_between(from_vintage: int, to_vintage: int = 2024) -> Links:
    """Return the crosswalk's links between two vintages, as counts move along them."""
    from wijkanalyse import areas

    cw = areas.crosswalk(from_vintage, to_vintage)
    src, tgt = f"sector_{from_vintage}", f"sector_{to_vintage}"
    if from_vintage == to_vintage:
        frame = pd.DataFrame({"source": cw[src], "target": cw[src], "exact": True})
    else:
        cw = cw[cw["relation"] != "unmatched"].dropna(subset=[src, tgt])
        frame = pd.DataFrame(
            {
                "source": cw[src].astype(str).to_numpy(),
                "target": cw[tgt].astype(str).to_numpy(),
                "exact": cw["exact"].astype(bool).to_numpy(),
            }
        )
    return Links(frame.drop_duplicates(["source", "target"]), from_vintage, to_vintage)


def _groups(links: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Label the connected groups of linked sectors: (group of each source, of each target)."""
    sources = pd.Index(sorted(set(links["source"])))
    targets = pd.Index(sorted(set(links["target"])))
    n = len(sources) + len(targets)
    rows = sources.get_indexer(links["source"])
    cols = targets.get_indexer(links["target"]) + len(sources)
    graph = coo_matrix((np.ones(len(links)), (rows, cols)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    return (
        pd.Series(label[: len(sources)], index=sources),
        pd.Series(label[len(sources) :], index=targets),
    )


def _check_counts(values: pd.Series, what: str) -> pd.Series:
    if not values.index.is_unique:
        dup = values.index[values.index.duplicated()].unique()
        raise DataError(f"{what}: sector codes listed twice ({listing(list(dup))}).")
    v = pd.to_numeric(values, errors="coerce").astype("Float64")
    bad = values.index[v.isna().to_numpy() & values.notna().to_numpy()]
    if len(bad):
        raise SchemaError(f"{what}: values that are not numbers for sectors {listing(list(bad))}.")
    neg = v.index[(v < 0).fillna(False).to_numpy(bool)]
    if len(neg):
        raise DataError(f"{what}: negative counts for sectors {listing(list(neg))}.")
    return v


def _around(links: pd.DataFrame, sources: set[str], targets: set[str]) -> pd.DataFrame:
    """Return the links of every group of linked sectors that holds one of the given."""
    while True:
        sel = links[links["source"].isin(sources) | links["target"].isin(targets)]
        more_s, more_t = set(sel["source"]) - sources, set(sel["target"]) - targets
        if not more_s and not more_t:
            return sel
        sources |= more_s
        targets |= more_t


def _prepare(
    values: pd.Series, links: Links, targets: Iterable[str], absent: Absent
) -> tuple[pd.Series, pd.DataFrame]:
    """Check the counts; return them and the links of the groups of linked sectors concerned.

    The counts are returned for every older sector of those groups: a sector the source
    does not list is NA, or 0 with ``absent="zero"``.
    """
    v = _check_counts(values, f"counts of {links.from_vintage}")
    if absent not in ("na", "zero"):
        raise DataError(f"absent must be 'na' or 'zero', got {absent!r}.")
    lost = sorted(set(v.dropna().index[v.dropna() > 0]) - set(links.links["source"]))
    if lost:
        which = f"sector {lost[0]} has" if len(lost) == 1 else f"{len(lost)} sectors have"
        raise DataError(
            f"counts of {links.from_vintage}: {which} no {links.to_vintage} successor "
            f"({listing(lost)}): are they codes of {links.from_vintage}? Check the codes "
            "with wijkanalyse.areas.detect_vintage() and pass the counts with their own "
            "vintage's links."
        )
    lk = _around(links.links, set(v.index), set(targets))
    full = v.reindex(sorted(set(lk["source"])))
    if absent == "zero":
        full = full.fillna(0).where(~full.index.isin(v.index[v.isna()]), pd.NA)
    return full.astype("Float64"), lk


def move_counts(
    values: pd.Series,
    links: Links,
    *,
    targets: pd.Index | None = None,
    weights: pd.Series | None = None,
    absent: Absent = "na",
) -> pd.DataFrame:
    """Move additive counts (persons, households) from older sectors to newer sectors.

    Parameters
    ----------
    values
        Counts indexed by the sector codes of ``links.from_vintage`` (NA: unknown).
    links
        The links to move along (:func:`links_between`).
    targets
        The newer sectors to return (default: every sector a value reaches).
    weights
        Per newer sector, what a split sector's count is shared by (e.g. the parts' later
        population); without it a split sector's parts have no value.
    absent
        What an older sector the source does not list holds: unknown (``"na"``) or nobody
        (``"zero"``: for a source that lists only the sectors with residents, as the
        BIMD's population files do).

    Returns
    -------
    pandas.DataFrame
        Indexed by newer sector: ``value`` (Float64, NA where it cannot be known),
        ``method`` (see the module docstring), ``group`` (the connected group of linked
        sectors), ``na_reason``.
    """
    v, lk = _prepare(values, links, () if targets is None else targets, absent)
    g_src, g_tgt = _groups(lk) if len(lk) else (pd.Series(dtype=int), pd.Series(dtype=int))
    if targets is None:
        targets = pd.Index(sorted(g_tgt.index), name="sector")
    src_values = v.reindex(g_src.index)
    total = src_values.groupby(g_src.to_numpy()).sum(min_count=1)
    unknown = src_values.isna().groupby(g_src.to_numpy()).any()
    total = total.mask(unknown)
    n_src = g_src.groupby(g_src.to_numpy()).size()
    n_tgt = g_tgt.groupby(g_tgt.to_numpy()).size()
    inexact = ~lk.groupby(g_src.reindex(lk["source"]).to_numpy())["exact"].all()
    out = pd.DataFrame(index=targets)
    group = g_tgt.reindex(targets)
    out["group"] = group.astype("Int64")
    gv = group.to_numpy(dtype=float)
    has = ~np.isnan(gv)
    g = np.where(has, gv, -1).astype(int)
    value = pd.Series(pd.NA, index=targets, dtype="Float64")
    method = pd.Series(vocab.NEW_SECTOR, index=targets, dtype="object")
    one = has & (n_tgt.reindex(g).fillna(0).to_numpy() == 1)
    value[one] = total.reindex(g[one]).to_numpy()
    method[one] = np.where(
        inexact.reindex(g[one]).fillna(False).to_numpy(bool),
        "by_code",
        np.where(n_src.reindex(g[one]).to_numpy() > 1, "merged", "same"),
    )
    split = has & ~one
    method[split] = vocab.SPLIT_IN_CROSSWALK
    if weights is not None and split.any():
        share = _shares(g_tgt, _check_counts(weights, "weights"))
        part = pd.Series(
            share.reindex(targets[split]).to_numpy() * total.reindex(g[split]).to_numpy()
        ).astype("Float64")
        at = np.flatnonzero(split)[part.notna().to_numpy(bool)]
        value.iloc[at] = part.dropna().to_numpy(dtype=float)
        method.iloc[at] = "split_allocated"
    out["value"] = value
    out["method"] = method
    reason = pd.Series(None, index=targets, dtype="object")
    reason[value.isna().to_numpy()] = vocab.ABSENT_FROM_SOURCE
    reason[(method == vocab.SPLIT_IN_CROSSWALK).to_numpy()] = vocab.SPLIT_IN_CROSSWALK
    reason[(method == vocab.NEW_SECTOR).to_numpy()] = vocab.NEW_SECTOR
    out["na_reason"] = reason.where(value.isna(), None)
    return out


def _shares(g_tgt: pd.Series, weights: pd.Series) -> pd.Series:
    """Each newer sector's share of its group by ``weights`` (NA where the group's is 0)."""
    w = weights.reindex(g_tgt.index)
    by_group = w.groupby(g_tgt.to_numpy()).transform(lambda s: s.sum(min_count=1))
    unknown = w.isna().groupby(g_tgt.to_numpy()).transform("any")
    share = (w / by_group.replace(0, pd.NA)).mask(unknown.to_numpy(bool))
    return share.astype("Float64")


def unit_counts(
    values: pd.Series,
    links: Links,
    unit_of: pd.Series,
    *,
    weights: pd.Series | None = None,
    absent: Absent = "na",
) -> pd.DataFrame:
    """Add counts of older sectors up to units made of newer sectors (wijken, areas …).

    Parameters
    ----------
    values
        Counts indexed by the sector codes of ``links.from_vintage``.
    links
        The links to move along (:func:`links_between`).
    unit_of
        The unit of each newer sector (index: sector codes of ``links.to_vintage``).
    weights
        Per newer sector, what a group of linked sectors that straddles units is shared by;
        without it such a unit has no value (``split_in_crosswalk``).
    absent
        As in :func:`move_counts`.

    Returns
    -------
    pandas.DataFrame
        Indexed by unit: ``value`` (Float64), ``method`` (``exact``, ``by_code``,
        ``allocated``; NA where there is no value), ``na_reason``, and ``n_sectors`` (the
        older sectors counted).
    """
    v, lk = _prepare(values, links, unit_of.index, absent)
    g_src, g_tgt = _groups(lk)
    # a newer sector outside every unit is a unit of its own here: a group that reaches
    # outside is shared with it, never given whole to the units inside
    placed = unit_of.reindex(g_tgt.index).astype("object")
    placed = placed.where(placed.notna(), _OUTSIDE)
    src_values = v.reindex(g_src.index)
    total = src_values.groupby(g_src.to_numpy()).sum(min_count=1)
    total = total.mask(src_values.isna().groupby(g_src.to_numpy()).any())
    inexact = ~lk.groupby(g_src.reindex(lk["source"]).to_numpy())["exact"].all()
    n_src = g_src.groupby(g_src.to_numpy()).size()
    units_of_group = placed.groupby(g_tgt.to_numpy()).nunique()
    share = _shares(g_tgt, _check_counts(weights, "weights")) if weights is not None else None
    rank = {m: i for i, m in enumerate(UNIT_METHODS)}
    rows: dict[object, dict[str, object]] = {}
    for unit in pd.unique(unit_of.dropna()):
        rows[unit] = {"value": 0.0, "method": "exact", "na_reason": None, "n_sectors": 0}
    for group, members in g_tgt.groupby(g_tgt.to_numpy()):
        whole = total.get(group)
        for unit, part in members.groupby(placed.reindex(members.index).to_numpy()):
            if unit == _OUTSIDE:
                continue
            row = rows[unit]
            if row["na_reason"] is not None:
                continue
            how = "by_code" if bool(inexact.get(group, False)) else "exact"
            if pd.isna(whole):
                row.update(value=np.nan, na_reason=vocab.ABSENT_FROM_SOURCE)
                continue
            if units_of_group.get(group, 1) == 1:
                add = float(whole)
            elif share is None or share.reindex(part.index).isna().any():
                row.update(value=np.nan, na_reason=vocab.SPLIT_IN_CROSSWALK)
                continue
            else:
                add = float(whole) * float(share.reindex(part.index).sum())
                how = "allocated"
            row["value"] = float(row["value"]) + add  # type: ignore[arg-type]
            row["n_sectors"] = int(row["n_sectors"]) + int(n_src.get(group, 0))  # type: ignore[call-overload]
            if rank[how] > rank[str(row["method"])]:
                row["method"] = how
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = unit_of.name or "unit"
    out["value"] = out["value"].astype("Float64")
    out["method"] = out["method"].where(out["na_reason"].isna(), None)
    out["n_sectors"] = out["n_sectors"].astype("Int64")
    return out[["value", "method", "na_reason", "n_sectors"]]


_OUTSIDE = "\x00outside"  # not a unit name anyone writes
