"""Reader of the Belgian Index of Multiple Deprivation (BIMD 2001 and 2011) per sector.

The BIMD (Otavova et al. 2023) ranks every Belgian statistical sector with more than ten
residents on six domains of deprivation and overall. Its tables give, per domain, the
national rank (1 = most deprived), the decile (1 = the most deprived tenth) and the
exponential score ``X = -23 ln(1 - R (1 - e^(-100/23)))`` with ``R = (n - rank + 1) / n``.
The crime domain is published per municipality: its rank runs over the 589 municipalities
(codes before the 2019 mergers) and every sector of a municipality has the municipality's.
Ranks compare sectors *within* a year; they do not measure a change of level between 2001
and 2011.
"""

from __future__ import annotations

import pandas as pd

from wijkanalyse._errors import SchemaError
from wijkanalyse._validate import Problems, require_columns
from wijkanalyse.datasets import SourceLike
from wijkanalyse.io._tables import _find, _finish_sector_table, _memo, _open_table, _to_number

__all__ = ["BIMD_DOMAINS", "read_bimd", "read_bimd_population"]

#: The BIMD's domains: our name → the name in its tables.
BIMD_DOMAINS: dict[str, str] = {
    "income": "income",
    "employment": "employment",
    "education": "edu",
    "housing": "hous",
    "crime": "crime",
    "health": "health",
}


@_memo
def read_bimd(source: SourceLike = "bimd2011_sectors", *, year: int | None = None) -> pd.DataFrame:
    """Read the BIMD per statistical sector: each domain's score, national rank and decile.

    Parameters
    ----------
    source
        A catalogue id (``"bimd2011_sectors"``, ``"bimd2001_sectors"``) or a file in the
        same layout (``CD_RES_SECTOR``, ``exp_score_<domain>_domain``,
        ``rank_<domain>_domain``, ``deciles_<domain>_domain``, ``BIMD<year>_score`` …).
    year
        2001 or 2011; read from the catalogue entry, or from the overall columns' names.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sector`` (the sector codes of ``year``): ``bimd_<domain>_score``
        (float), ``bimd_<domain>_rank`` and ``bimd_<domain>_decile`` (Int64) for each of
        :data:`BIMD_DOMAINS`, and ``bimd_score``, ``bimd_rank``, ``bimd_decile`` for the
        overall index; ``vintage`` (the year of the codes). ``attrs["n_ranked"]`` is the
        number of sectors the national ranks run over.

    Examples
    --------
    >>> bimd = read_bimd("bimd2011_sectors")
    >>> len(bimd), int(bimd["bimd_rank"].min()), int(bimd["bimd_rank"].max())
    (18764, 1, 18764)
    """
    frame, _, ds, label = _open_table(source)
    problems = Problems(label)
    code = _find(frame, "cd_res_sector", "cd_sector")
    overall = [c for c in frame.columns if c.upper().startswith("BIMD") and c.endswith("_score")]
    if code is None or not overall:
        require_columns(
            frame,
            ["CD_RES_SECTOR", "BIMD2011_score"],
            source=label,
            hint="Expected a BIMD sector table of the bimd R package (Sciensano).",
        )
    assert code is not None
    found_year = int(overall[0][4:8]) if overall[0][4:8].isdigit() else None
    year = year or (ds.reference_year if ds else None) or found_year
    if year not in (2001, 2011):
        raise SchemaError(f"{label}: the BIMD is published for 2001 and 2011; got year {year!r}.")
    stem = overall[0].removesuffix("_score")
    columns = {
        f"bimd_{ours}_{what}": f"{prefix}_{theirs}_domain"
        for ours, theirs in BIMD_DOMAINS.items()
        for what, prefix in (("score", "exp_score"), ("rank", "rank"), ("decile", "deciles"))
    }
    columns |= {
        "bimd_score": f"{stem}_score",
        "bimd_rank": f"{stem}_rank",
        "bimd_decile": f"{stem}_deciles_domain",
    }
    require_columns(frame, list(columns.values()), source=label)
    frame = _finish_sector_table(frame, code, label=label, problems=problems, duplicates="error")
    problems.raise_if_any()
    frame = frame.set_index(code)
    out = pd.DataFrame(index=frame.index)
    for ours, theirs in columns.items():
        values = _to_number(frame[theirs], what=f"{label} column {theirs!r}")
        out[ours] = values.astype("Int64") if not ours.endswith("score") else values
    out.index.name = "sector"
    out["vintage"] = year
    out.attrs["n_ranked"] = int(out["bimd_rank"].max())
    return out


@_memo
def read_bimd_population(
    source: SourceLike = "bimd_population_2011", *, year: int | None = None
) -> pd.DataFrame:
    """Read the population per sector that the BIMD used (2001 or 2011 codes).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sector``: ``pop_total`` (Int64) and ``vintage`` (the year of the codes).

    Examples
    --------
    >>> pop = read_bimd_population("bimd_population_2011")
    >>> int(pop.loc[pop.index.str.startswith("24062"), "pop_total"].sum())
    96928
    """
    frame, path, ds, label = _open_table(source)
    problems = Problems(label)
    code = _find(frame, "cd_res_sector", "cd_sector")
    count = _find(frame, "population", "ms_population", "pop_total")
    if code is None or count is None:
        require_columns(frame, ["CD_RES_SECTOR", "POPULATION"], source=label)
    assert code is not None
    assert count is not None
    found = next((y for y in (2001, 2011) if str(y) in path.name), None)
    year = year or (ds.reference_year if ds else None) or found
    if year not in (2001, 2011):
        raise SchemaError(
            f"{label}: cannot tell the year of its sector codes (2001 or 2011); pass year=."
        )
    frame = _finish_sector_table(frame, code, label=label, problems=problems, duplicates="error")
    problems.raise_if_any()
    values = _to_number(frame[count], what=f"{label} column {count!r}")
    if (values.dropna() % 1 != 0).any() or (values.dropna() < 0).any():
        raise SchemaError(f"{label} column {count!r} holds values that are not counts of persons.")
    out = pd.DataFrame({"pop_total": values.astype("Int64").array}, index=frame[code])
    out.index.name = "sector"
    out["vintage"] = year
    return out
