"""The sector-level inputs of the indicators (:class:`IndicatorInputs`, :func:`sector_inputs`).

**Vintages.** Fluvius' energy data use 2019 sector codes. :func:`sector_inputs` moves them to
the 2024 sectors along the official crosswalk exactly: unchanged, recoded and merged sectors
carry their values; a 2019 sector that was split has no value in its 2024 parts, but a unit
that holds all parts (e.g. the wijk) gets the whole value.

The Belgian Index of Multiple Deprivation uses 2011 (or, for the BIMD 2001, 2001) sector
codes. :func:`sector_inputs` moves its scores, national ranks and deciles to the 2024
sectors along :func:`wijkanalyse.areas.crosswalk`: a 2024 sector made of exactly one older
sector (same code or recoded) carries its values; the parts of a split sector have none
(``split_in_crosswalk``) and a 2024 sector made of several older sectors has none either
(``merged_in_crosswalk``): a rank-based score cannot be added up. 2001 codes reach 2011 by
code only; where a municipality's sectors were redrawn in 2011 the values are carried by
code and counted as approximate in the note.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from wijkanalyse import _i18n, areas, io, vocab
from wijkanalyse._errors import DataError
from wijkanalyse._i18n import Note
from wijkanalyse._validate import listing
from wijkanalyse.datasets import SourceLike
from wijkanalyse.indicators.definitions import _BIMD, _ENERGY, _OPEN

__all__ = [
    "IndicatorInputs",
    "bimd_2024",
    "sector_inputs",
]

log = logging.getLogger(__name__)


_SPLIT_SECTOR = vocab.SPLIT_IN_CROSSWALK


@dataclass(frozen=True)
class IndicatorInputs:
    """Sector-level inputs of the indicators, with the data that only exist for groups.

    Attributes
    ----------
    sectors
        Sector-keyed frame (index = sector code, one vintage): population, income, energy,
        open space and hierarchy columns, with ``*_na_reason`` columns for missing values.
    groups
        Additive data that belong to groups of sectors, not to single sectors: a 2019
        sector split into several 2024 sectors. Frame indexed by group id with the
        additive columns; ``members`` maps each member sector to its group.
    members
        Sector → group id for the sectors in ``groups``.
    notes
        How the inputs were assembled (vintage moves, years).
    """

    sectors: pd.DataFrame
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    members: pd.Series = field(default_factory=lambda: pd.Series(dtype="object"))
    notes: tuple[Note, ...] = ()


def sector_inputs(
    sectors: pd.DataFrame,
    *,
    energy: SourceLike | None = _ENERGY,
    energy_year: int = 2021,
    open_space: SourceLike | None = _OPEN,
    open_space_year: int = 2016,
    bimd: SourceLike | None = None,
    bimd_year: int | None = None,
) -> IndicatorInputs:
    """Add the energy and open-space inputs to a sectors frame.

    Parameters
    ----------
    sectors
        Sectors frame of vintage 2024 (e.g. :func:`wijkanalyse.areas.load_sectors`).
    energy
        Fluvius energy dataset id or path (2019 codes; moved to 2024 exactly along the
        official crosswalk), or ``None``.
    open_space
        Open-space land-use dataset id or path (2024 codes), or ``None``.
    bimd, bimd_year
        The BIMD per sector (e.g. ``"bimd2011_sectors"``; 2011 codes, moved to 2024 along
        the crosswalk) and its year, or ``None``: adds ``bimd_<domain>_score``, ``_rank``
        and ``_decile`` (and the overall ``bimd_score`` …) with ``*_na_reason`` columns.

    Examples
    --------
    >>> leuven = areas.load_sectors("24062", geometry=None, income=None)
    >>> inputs = sector_inputs(leuven)
    >>> int(inputs.sectors["elek_res_n"].sum())
    48199
    """
    vintage = int(pd.unique(sectors["vintage"])[0]) if "vintage" in sectors else None
    notes: list[Note] = []
    out = sectors.copy()
    groups = pd.DataFrame()
    members = pd.Series(dtype="object")
    if (energy or open_space or bimd) and vintage != 2024:
        raise DataError(
            f"sector_inputs: the energy, open-space and BIMD inputs are moved to the 2024 "
            f"sectors; the sectors are of vintage {vintage}. Use 2024 sectors or pass "
            "energy=None, open_space=None, bimd=None."
        )
    if energy:
        e = io.read_energy(energy, year=energy_year)
        cols = ["elek_res_kwh", "elek_res_n", "gas_res_kwh", "gas_res_n"]
        moved, groups, members, note = _move_2019_to_2024(e, cols, out.index)
        for col in cols:
            out[col] = moved[col]
            out[f"{col}_na_reason"] = moved[f"{col}_na_reason"]
        notes.append(note)
    if open_space:
        o = io.read_open_space(open_space, year=open_space_year)
        o = o.drop(columns=["year"])
        out = areas.join(out, o, what=f"open space {open_space!r}")
        # a pseudo-sector (NNNNNZZZZ: residents without a known address) has no territory,
        # so it has no open space: 0 by definition, not a missing value
        pseudo = out.index.map(vocab.is_pseudo_sector).to_numpy(bool) & ~out.index.isin(o.index)
        if pseudo.any():
            for col in [c for c in o.columns if c.endswith("_m2")]:
                out.loc[pseudo, col] = 0.0
                reason_col = f"{col}_na_reason"
                if reason_col in out:
                    out.loc[pseudo, reason_col] = None
        notes.append(_i18n.note("inputs_open_space", year=str(open_space_year)))
    if bimd:
        moved_bimd, note = bimd_2024(bimd, out.index, year=bimd_year)
        if moved_bimd.attrs["year"] != 2011:
            raise DataError(
                f"bimd {bimd!r} is the BIMD {moved_bimd.attrs['year']}; the indicators "
                "bimd_* are those of the BIMD 2011 (bimd2011_sectors). The BIMD 2001 serves "
                "trends: wijkanalyse.indicators.bimd_2024('bimd2001_sectors')."
            )
        out = out.join(moved_bimd)
        notes.append(note)
    return IndicatorInputs(sectors=out, groups=groups, members=members, notes=tuple(notes))


def bimd_2024(
    source: SourceLike = _BIMD, targets: pd.Index | None = None, *, year: int | None = None
) -> tuple[pd.DataFrame, Note]:
    """Move the BIMD's sector values to 2024 sectors (see the module docstring).

    Returns the values indexed by the 2024 codes in ``targets`` (default: every 2024 sector
    with a 2011 predecessor), with a ``*_na_reason`` column per score, and a note saying how
    many sectors have no value because their 2011 sector was split or merged.

    Examples
    --------
    >>> moved, note = bimd_2024("bimd2011_sectors", pd.Index(["24062A12-"]))
    >>> int(moved.loc["24062A12-", "bimd_rank"]), int(moved.loc["24062A12-", "bimd_decile"])
    (553, 1)
    """
    b = io.read_bimd(source, year=year)
    vintage = int(b["vintage"].iloc[0])
    b = b.drop(columns=["vintage"])
    cw = areas.crosswalk(vintage, 2024).rename(columns={f"sector_{vintage}": "sector_old"})
    cw = cw[cw["relation"] != "unmatched"].dropna(subset=["sector_old", "sector_2024"])
    if targets is None:
        targets = pd.Index(sorted(cw["sector_2024"].unique()), name="sector")
    cw = cw[cw["sector_2024"].isin(targets)]
    n_from = cw.groupby("sector_2024")["sector_old"].nunique()
    split = set(cw.loc[cw["relation"] == "split", "sector_2024"])
    merged = set(n_from.index[n_from > 1]) - split
    single = cw[~cw["sector_2024"].isin(split | merged)].drop_duplicates("sector_2024")
    source_of = pd.Series(single["sector_old"].to_numpy(), index=single["sector_2024"])
    values = b.reindex(source_of.reindex(targets).to_numpy())
    values.index = targets
    reason = pd.Series(None, index=targets, dtype="object")
    reason[targets.isin(list(split))] = _SPLIT_SECTOR
    reason[targets.isin(list(merged))] = vocab.MERGED_IN_CROSSWALK
    reason[~targets.isin(cw["sector_2024"])] = io.ABSENT
    out = pd.DataFrame(index=targets)
    for col in b.columns:
        out[col] = values[col]
        if col.endswith("_score"):
            r = reason.copy()
            r[values[col].isna().to_numpy() & r.isna().to_numpy()] = io.ABSENT
            out[f"{col}_na_reason"] = r.where(values[col].isna(), None)
    n_lost = int(targets.isin(list(split | merged)).sum())
    # a same-code link where the municipality's sectors were redrawn (2001 → 2011)
    by_code = set(single.loc[~single["exact"].astype(bool), "sector_2024"]) & set(targets)
    note = (
        _i18n.note("inputs_bimd_moved", year=str(vintage), n=n_lost)
        if not by_code
        else _i18n.note(
            "inputs_bimd_moved_by_code", year=str(vintage), n=n_lost, approx=len(by_code)
        )
    )
    out.attrs["approximate"] = sorted(by_code)
    out.attrs["year"] = vintage
    return out, note


def _move_2019_to_2024(
    table: pd.DataFrame, cols: Sequence[str], targets: pd.Index
) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, Note]:
    """Move additive 2019-sector data to 2024 sectors along the official crosswalk."""
    cw = areas.crosswalk(2019, 2024)[["sector_2019", "sector_2024"]].dropna()
    known19 = set(cw["sector_2019"])
    # codes the official table lacks: pseudo-sectors (NNNNNZZZZ) that still exist keep
    # their code; those of a municipality merged in 2019 go to its successor's
    codes24 = areas.sector_codes(2024)
    h24 = areas.hierarchy(2024)
    links: list[tuple[str, str]] = []
    lost: list[str] = []
    for code in table.index:
        if code in known19:
            continue
        if code in codes24:
            links.append((code, code))
            continue
        # a merged municipality lives on in the deelgemeente codes of its successor
        successors = set(
            h24.loc[h24["deelgemeente"].astype(str).str.startswith(code[:5]), "gemeente"]
        )
        target = f"{successors.pop()}ZZZZ" if len(successors) == 1 else None
        if code.endswith("ZZZZ") and target in codes24:
            links.append((code, str(target)))
        else:
            lost.append(code)
    if links:
        cw = pd.concat(
            [cw, pd.DataFrame(links, columns=["sector_2019", "sector_2024"])], ignore_index=True
        )
    if lost:
        log.warning("sectors without a 2024 successor, left out: %s", listing(lost))
    # connected components of the bipartite link graph
    codes19 = pd.Index(sorted(set(cw["sector_2019"])))
    codes24 = pd.Index(sorted(set(cw["sector_2024"])))
    n19 = len(codes19)
    rows = codes19.get_indexer(cw["sector_2019"])
    cols_ = codes24.get_indexer(cw["sector_2024"]) + n19
    n = n19 + len(codes24)
    graph = sp.coo_matrix((np.ones(len(cw)), (rows, cols_)), shape=(n, n)).tocsr()
    from scipy.sparse.csgraph import connected_components

    _, label = connected_components(graph, directed=False)
    comp19 = pd.Series(label[:n19], index=codes19)
    comp24 = pd.Series(label[n19:], index=codes24)
    values = table.reindex(codes19)
    comp_vals = {}
    comp_reason = {}
    for col in cols:
        v = values[col].astype("Float64")
        reason_col = f"{col}_na_reason"
        r = (
            values[reason_col]
            if reason_col in values
            else pd.Series(None, index=values.index, dtype="object")
        )
        r = r.astype("object").where(~(v.isna() & r.isna()), io.ABSENT)
        summed = v.groupby(comp19.to_numpy()).sum(min_count=1)
        has_na = v.isna().groupby(comp19.to_numpy()).any()
        comp_vals[col] = summed.mask(has_na)
        comp_reason[col] = r.groupby(comp19.to_numpy()).first()
    size24 = comp24.value_counts()
    single = comp24[comp24.map(size24) == 1]
    split = comp24[comp24.map(size24) > 1]
    moved = pd.DataFrame(index=targets)
    for col in cols:
        val = pd.Series(pd.NA, index=targets, dtype="Float64")
        reason = pd.Series(None, index=targets, dtype="object")
        s_in = single[single.index.isin(targets)]
        val.loc[s_in.index] = comp_vals[col].reindex(s_in.to_numpy()).to_numpy()
        reason.loc[s_in.index] = comp_reason[col].reindex(s_in.to_numpy()).to_numpy()
        sp_in = split[split.index.isin(targets)]
        reason.loc[sp_in.index] = _SPLIT_SECTOR
        absent = ~targets.isin(comp24.index)
        reason[absent] = io.ABSENT
        reason[val.notna()] = None
        if col.endswith("_n"):
            val = val.round().astype("Int64")
        moved[col] = val
        moved[f"{col}_na_reason"] = reason
    split_in = split[split.index.isin(targets)]
    groups = pd.DataFrame(
        {
            col: (
                comp_vals[col].reindex(split_in.unique()).round().astype("Int64")
                if col.endswith("_n")
                else comp_vals[col].reindex(split_in.unique())
            )
            for col in cols
        }
    )
    groups.index = [f"2019:{g}" for g in groups.index]
    members = pd.Series([f"2019:{g}" for g in split_in.to_numpy()], index=split_in.index)
    n_split = len(split_in)
    note = (
        _i18n.note("inputs_energy_moved", n=n_split)
        if n_split
        else _i18n.note("inputs_energy_moved_whole")
    )
    return moved, groups, members, note
