"""Sector-code vintages: the code lists, the hierarchy tables of each vintage, the crosswalks.

Statbel redrew the statistical sectors several times. wijkanalyse names a code system by a
year: ``2011`` (codes of 2011–2018), ``2019``, ``2024`` (the codes valid 2020–2024, PinC's
"statsec2024") and ``2025`` (the new sectors). Data and geometries must be joined within one
vintage: :func:`~wijkanalyse.areas.join` refuses to mix them and says how to translate.

This module owns the code lists (:func:`sector_codes`, :func:`detect_vintage`,
:func:`check_vintage`), the sector → wijk → deelgemeente → gemeente tables of each vintage
and the catalogue datasets they come from (the wijk polygons included), and the crosswalks.

**Crosswalk.** :func:`crosswalk` links sectors of two vintages. 2019 → 2024 comes from the
official PinC table. 2024 ↔ 2025 has no published sector table; it is derived from Statbel's
2025 coding rule (a new sector keeps the first 8 characters of the sector it came from and
gets a letter suffix, e.g. ``24062E732`` → ``24062E73K`` + ``24062E73L``) and checked against
the wijk polygons. Every link says how it was made and whether a translation along it is
exact.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import io, settings
from wijkanalyse._errors import DataError, SchemaError, VintageError
from wijkanalyse._validate import SECTOR_CODE_RE, listing
from wijkanalyse.vocab import is_pseudo_sector

__all__ = [
    "VINTAGES",
    "check_vintage",
    "crosswalk",
    "detect_vintage",
    "sector_codes",
    "wijk_polygon_dataset",
]

log = logging.getLogger(__name__)


#: The sector-code vintages wijkanalyse knows.
VINTAGES: tuple[int, ...] = (2001, 2011, 2019, 2024, 2025)


_HIERARCHY_SOURCES = {
    2024: ("pinc_statsec2024_als_basis", "pinc_ggw72024_names"),
    2025: ("pinc_statsec2025_als_basis", "pinc_ggw7_names"),
}

_WIJK_POLYGONS = {2024: "pinc_wijken_ggw72024_arr_leuven", 2025: "pinc_wijken_ggw7"}


_is_pseudo = is_pseudo_sector  # pseudo-sectors NNNNNZZZZ: residents without a known sector


def _check_vintage_value(vintage: int) -> int:
    if vintage not in VINTAGES:
        raise SchemaError(
            f"unknown sector vintage {vintage!r}; use one of {', '.join(map(str, VINTAGES))} "
            "(2024 stands for the codes of 2020-2024)."
        )
    return vintage


# Caches. The code lists and hierarchy tables come from catalogue datasets whose files are
# verified against the catalogue's sha256 wherever they are found (mirror, download cache or
# download), so their content never changes within a process: the vintage alone keys them,
# whatever ``settings.data_mirror`` or ``settings.cache_dir`` say. Geometry depends on the
# working CRS as well, and a cache that involves geometry is keyed on it. Every cache is an
# ``lru_cache`` with a small ``maxsize``: a few vintages and CRSs, never a process-wide memo
# that grows without bound.

# --------------------------------------------------------------------------- code lists


@functools.lru_cache(maxsize=len(VINTAGES))
def sector_codes(vintage: int) -> frozenset[str]:
    """Return every sector code of ``vintage`` known to the catalogue.

    Coverage: 2011 and 2024 cover Belgium; 2019 and 2025 cover Flanders and Brussels (the
    Provincies in Cijfers tables); 2001 lists Belgium's sectors with residents in 2001 (the
    BIMD's population file). Pseudo-sectors ``NNNNNZZZZ`` are listed where the sources
    list them.
    """
    _check_vintage_value(vintage)
    if vintage == 2001:
        # the sectors with residents in 2001 (the BIMD's population file: all of Belgium)
        return frozenset(io.read_bimd_population("bimd_population_2001").index)
    if vintage == 2011:
        return frozenset(io.read_sector_table("statbel_sectors_2011").index)
    if vintage == 2019:
        cw = io.read_sector_crosswalk()
        return frozenset(cw["sector_2019"].dropna())
    if vintage == 2024:
        codes = set(io.read_sector_table("pinc_statsec2024_als_basis").index)
        codes |= set(_centroids_2024().index)
        return frozenset(codes)
    return frozenset(io.read_sector_table("pinc_statsec2025_als_basis").index)


def _centroids_2024() -> gpd.GeoDataFrame:
    return io.read_sectors("statbel_sector_centroids_2024")


def _codes_of(values: Iterable[str] | pd.Index | pd.Series) -> list[str]:
    codes = [str(c) for c in values]
    bad = [c for c in codes if not SECTOR_CODE_RE.fullmatch(c)]
    if bad:
        raise DataError(
            f"malformed sector codes: {listing(bad)}. A sector code has 9 "
            "characters, e.g. '24062A00-'."
        )
    return codes


def detect_vintage(codes: Iterable[str] | pd.Index | pd.Series) -> int:
    """Return the vintage whose code list contains every code.

    Codes that did not change are valid in several vintages; then the newest of them is
    returned (and logged). Pseudo-sectors ``…ZZZZ`` are ignored.

    Raises
    ------
    VintageError
        When no single vintage has all the codes (codes of two vintages mixed, or unknown
        codes); the message gives, per vintage, how many codes it has.

    Examples
    --------
    >>> detect_vintage(["24062E73L", "24062A00K"])
    2025
    """
    real = [c for c in _codes_of(codes) if not _is_pseudo(c)]
    if not real:
        raise DataError("cannot detect a vintage from pseudo-sectors (…ZZZZ) alone; pass it.")
    unique = set(real)
    fits = {v: len(unique & sector_codes(v)) for v in VINTAGES}
    full = [v for v, n in fits.items() if n == len(unique)]
    if full:
        if len(full) > 1:
            log.info("codes valid in vintages %s; taking %d", full, full[-1])
        return full[-1]
    best = max(fits, key=lambda v: fits[v])
    missing = sorted(unique - sector_codes(best))
    others = {v: sorted(set(missing) & sector_codes(v)) for v in VINTAGES if v != best}
    where = "; ".join(f"{len(c)} of them are {v} codes" for v, c in others.items() if c)
    raise VintageError(
        f"the {len(unique)} sector codes fit no single vintage ("
        + ", ".join(f"{v}: {n}" for v, n in fits.items())
        + f" codes known). Best is {best}; {len(missing)} codes are not {best} codes "
        f"({listing(missing)}){'; ' + where if where else ''}. Use data of one vintage, or "
        "translate with wijkanalyse.areas.crosswalk()."
    )


def check_vintage(
    codes: Iterable[str] | pd.Index | pd.Series, vintage: int, *, what: str = "data"
) -> None:
    """Raise :class:`VintageError` when codes are not codes of ``vintage``.

    The message names the vintage the odd codes belong to, with examples, and how to
    translate. Pseudo-sectors ``…ZZZZ`` (unlocated residents) are accepted in every vintage.
    """
    _check_vintage_value(vintage)
    real = sorted({c for c in _codes_of(codes) if not _is_pseudo(c)})
    known = sector_codes(vintage)
    odd = [c for c in real if c not in known]
    if not odd:
        return
    belongs = {v: [c for c in odd if c in sector_codes(v)] for v in VINTAGES if v != vintage}
    parts = [f"{len(c)} are {v} codes (e.g. {listing(c, 3)})" for v, c in belongs.items() if c]
    unknown = [c for c in odd if not any(c in sector_codes(v) for v in VINTAGES)]
    if unknown:
        parts.append(f"{len(unknown)} are in no known vintage ({listing(unknown, 3)})")
    raise VintageError(
        f"{what}: {len(odd)} of {len(real)} sector codes are not {vintage} codes: "
        + "; ".join(parts)
        + f". Sector codes were redrawn in 2019, 2020 and 2025; join data within one vintage. "
        f"To move data between vintages use wijkanalyse.areas.crosswalk(from, {vintage}) "
        "(exact only where sectors are unchanged) or aggregate to a level both share."
    )


# --------------------------------------------------------------------------- hierarchy tables


@functools.lru_cache(maxsize=len(VINTAGES))
def _full_hierarchy(vintage: int) -> pd.DataFrame:
    _check_vintage_value(vintage)
    if vintage in _HIERARCHY_SOURCES:
        table_id, names_id = _HIERARCHY_SOURCES[vintage]
        table = io.read_sector_table(table_id)
        names = io.read_area_names(names_id)
        table["wijk_name"] = table["wijk"].map(names["short_name"])
        pseudo_wijk = (
            table["wijk"].notna()
            & table["wijk_name"].isna()
            & table.index.map(is_pseudo_sector).to_numpy(bool)
        )
        table.loc[pseudo_wijk, "wijk_name"] = table.loc[pseudo_wijk, "name"]
        return table
    if vintage == 2011:
        table = io.read_sector_table("statbel_sectors_2011")
        dg = io.read_sector_table("pinc_deelgemeenten_belgie")
        table["deelgemeente"] = dg["deelgemeente"].reindex(table.index)
        table["deelgemeente_name"] = dg["deelgemeente_name"].reindex(table.index)
        table["wijk"] = None
        table["wijk_name"] = None
        return table
    raise DataError(
        "the catalogue has no hierarchy table for the 2019 sector codes; translate 2019 data "
        "to 2024 first with wijkanalyse.areas.crosswalk(2019, 2024) (an official table)."
    )


def wijk_polygon_dataset(vintage: int) -> str:
    """Return the id of the catalogue dataset with the wijk polygons of ``vintage``.

    Examples
    --------
    >>> wijk_polygon_dataset(2024)
    'pinc_wijken_ggw72024_arr_leuven'
    """
    if vintage not in _WIJK_POLYGONS:
        raise DataError(f"the catalogue has no wijk polygons for vintage {vintage}.")
    return _WIJK_POLYGONS[vintage]


def _wijk_polygons(vintage: int) -> gpd.GeoDataFrame:
    return io.read_areas(wijk_polygon_dataset(vintage), level="wijk")


# --------------------------------------------------------------------------- crosswalk


@functools.lru_cache(maxsize=2)
def _crosswalk_2024_2025(crs: str) -> pd.DataFrame:
    # ``crs`` (the working CRS the centroid check runs in) keys the cache; two entries hold
    # the two supported working CRSs (EPSG:31370 and EPSG:3812)
    h24, h25 = _full_hierarchy(2024), _full_hierarchy(2025)
    c24, c25 = list(h24.index), list(h25.index)
    stems24: dict[str, list[str]] = {}
    for c in c24:
        stems24.setdefault(c[:8], []).append(c)
    stems25: dict[str, list[str]] = {}
    for c in c25:
        stems25.setdefault(c[:8], []).append(c)
    rows: list[tuple[str | None, str | None, str, str]] = []
    for stem in sorted(set(stems24) | set(stems25)):
        a, b = stems24.get(stem, []), stems25.get(stem, [])
        if a and b:
            if len(a) == 1 and len(b) == 1:
                relation = "same" if a[0] == b[0] else "recoded"
            elif len(a) == 1:
                relation = "split"
            elif len(b) == 1:
                relation = "merge"
            else:
                relation = "complex"
            for x in a:
                for y in b:
                    rows.append((x, y, relation, "same_code" if x == y else "code_stem"))
        else:
            for x in a:
                rows.append((x, None, "unmatched", "none"))
            for y in b:
                rows.append((None, y, "unmatched", "none"))
    cw = pd.DataFrame(rows, columns=["sector_2024", "sector_2025", "relation", "method"])
    cw["wijk_2024"] = cw["sector_2024"].map(h24["wijk"])
    cw["wijk_2025"] = cw["sector_2025"].map(h25["wijk"])
    # spatial check: the 2024 centroid lies in the 2025 wijk of the linked sector
    cent = _centroids_2024()
    polys = _wijk_polygons(2025)
    pts = cent.geometry.reindex(cw["sector_2024"].fillna(""))
    pts.index = cw.index
    wijk_of_point = gpd.sjoin(
        gpd.GeoDataFrame(geometry=pts.dropna(), crs=cent.crs),
        polys[["geometry"]],
        how="left",
        predicate="within",
    )["code"]
    wijk_of_point = wijk_of_point[~wijk_of_point.index.duplicated()]
    cw["wijk_2025_of_centroid"] = wijk_of_point.reindex(cw.index)
    unknown = (cw["wijk_2025_of_centroid"].isna() | cw["wijk_2025"].isna()).to_numpy()
    check = (cw["wijk_2025_of_centroid"] == cw["wijk_2025"]).to_numpy(dtype=object)
    check[unknown] = None
    cw["centroid_check"] = pd.array(
        check,
        dtype="boolean",
    )
    cw["exact"] = cw["relation"] == "same"
    return cw


def _crosswalk_2011_2019() -> pd.DataFrame:
    """Link the 2011 codes to the 2019 codes by code (see :func:`crosswalk`)."""
    c11 = sorted(sector_codes(2011))
    c19 = sector_codes(2019)
    cw = pd.DataFrame({"sector_2011": c11})
    known = cw["sector_2011"].isin(c19)
    cw["sector_2019"] = cw["sector_2011"].where(known)
    cw["relation"] = np.where(known, "same", "unmatched")
    cw["method"] = "same_code"
    antwerp = cw["sector_2011"].str.startswith("11002")  # district boundaries moved in 2019
    cw["exact"] = known & ~antwerp
    return cw


@functools.lru_cache(maxsize=1)
def _crosswalk_2001_2011() -> pd.DataFrame:
    """Link the 2001 codes to the 2011 codes by code (see :func:`crosswalk`)."""
    c01 = sector_codes(2001)
    populated11 = frozenset(io.read_bimd_population("bimd_population_2011").index)
    c11 = sector_codes(2011) | populated11
    cw = pd.DataFrame({"sector_2001": sorted(c01)})
    known = cw["sector_2001"].isin(c11)
    cw["sector_2011"] = cw["sector_2001"].where(known)
    cw["relation"] = np.where(known, "same", "unmatched")
    cw["method"] = "same_code"

    # a municipality whose populated sectors are the same codes in 2001 and 2011 kept its
    # sector boundaries; where a code appeared or went, a neighbour may have changed too
    def by_muni(codes: frozenset[str]) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for c in codes:
            if not _is_pseudo(c):
                out.setdefault(c[:5], set()).add(c)
        return {k: frozenset(v) for k, v in out.items()}

    m01, m11 = by_muni(c01), by_muni(populated11)
    stable = {m for m, codes in m01.items() if m11.get(m) == codes}
    cw["exact"] = (
        known & cw["sector_2001"].str[:5].isin(stable) & ~cw["sector_2001"].map(_is_pseudo)
    )
    return cw


def _chain_2001_2024(reverse: bool) -> pd.DataFrame:
    """Chain 2001 → 2011 (by code) and 2011 → 2024 (see :func:`crosswalk`)."""
    first = _crosswalk_2001_2011()
    second = _chain_2011_2024(reverse=reverse)
    both = first.merge(second, on="sector_2011", how="left", suffixes=("", "_next"))
    relation = both["relation_next"].where(both["relation_next"].notna(), "unmatched")
    relation = relation.where(both["relation"] != "unmatched", "unmatched")
    exact = both["exact"].astype(bool) & both["exact_next"].fillna(False).astype(bool)
    return pd.DataFrame(
        {
            "sector_2001": both["sector_2001"],
            "sector_2024": both["sector_2024"],
            "relation": relation,
            "method": "same_code+same_code+official_table",
            "exact": exact.to_numpy(bool),
        }
    )


def _chain_2011_2024(reverse: bool) -> pd.DataFrame:
    """Chain 2011 → 2019 (by code) and the official 2019 → 2024 table.

    ``relation`` reads in the direction asked (``reverse``: from 2024 to 2011). A link is
    exact when its first step is and the second is one to one or a merge in that direction
    (the parts add up to the whole), not a split.
    """
    both = _crosswalk_2011_2019().merge(
        crosswalk(2019, 2024), on="sector_2019", how="left", suffixes=("", "_next")
    )
    relation = both["relation_next"].where(both["relation_next"].notna(), "unmatched")
    relation = relation.where(both["relation"] != "unmatched", "unmatched")
    if reverse:
        relation = relation.replace({"split": "merge", "merge": "split"})
    exact = both["exact"].astype(bool) & relation.isin(["same", "recoded", "merge"])
    return pd.DataFrame(
        {
            "sector_2011": both["sector_2011"],
            "sector_2024": both["sector_2024"],
            "relation": relation,
            "method": "same_code+official_table",
            "exact": exact.to_numpy(bool),
        }
    )


def crosswalk(from_vintage: int, to_vintage: int) -> pd.DataFrame:
    """Return the links between the sector codes of two vintages.

    - **2001 ↔ 2011**: by code (``method = "same_code"``); 98.9 % of the 2001 codes with
      residents are 2011 codes. No official correspondence is published, and Statbel redrew
      some sectors in 2011 (Leuven gained 24062C01- and 24062D633), so a same-code link is
      ``exact`` only in a municipality whose populated sectors are the same codes in both
      years; elsewhere a neighbour may have taken part of the sector (a municipality as a
      whole is exact: no municipal boundary changed between 1977 and 2019). A 2001 code
      without a 2011 code is ``"unmatched"``.
    - **2001 ↔ 2024**: 2001 ↔ 2011 chained with 2011 ↔ 2024; exact when both steps are.
    - **2011 ↔ 2019**: by code (``method = "same_code"``). Statbel kept the 2011 sector codes
      until 2019: its 2019 sector file differs from 2018 by a more precise drawing of the
      municipal boundaries, the 2019 mergers (whose sectors kept their old codes) and new
      district boundaries in Antwerp. A code of both vintages is ``"same"``; it is
      ``exact`` except in Antwerp (11002), whose district boundaries moved. A 2011 code
      without a 2019 code (Wallonia: the 2019 list covers Flanders and Brussels) is
      ``"unmatched"``.
    - **2011 ↔ 2024**: the two chained through 2019 (``method =
      "same_code+official_table"``); a link is exact when its 2011 ↔ 2019 step is and its
      2019 ↔ 2024 step is not a split in the direction asked.
    - **2019 ↔ 2024**: the official Provincies in Cijfers correspondence (``method =
      "official_table"``).
    - **2024 ↔ 2025**: derived from Statbel's 2025 coding rule (a sector keeps its code when
      unchanged; a redrawn sector's new codes share the first 8 characters of the old code,
      with a letter suffix). ``relation`` is ``"same"`` (same code), ``"recoded"`` (one to
      one, new code), ``"split"`` (one old → several new), ``"merge"``, ``"complex"`` or
      ``"unmatched"`` (no code shares the stem: the sector was absorbed by, or carved from,
      a neighbour; the 2025 wijk of the 2024 centroid is still given). ``centroid_check``
      says whether the 2024 sector's centroid lies in the 2025 wijk of the linked sector.
      Only ``"same"`` links are exact (``exact``); the others move data approximately.

    Returns
    -------
    pandas.DataFrame
        One row per link, with ``sector_<from>``, ``sector_<to>``, ``relation``, ``method``,
        ``exact`` and, for 2024 ↔ 2025, the wijken and the centroid check.
    """
    _check_vintage_value(from_vintage)
    _check_vintage_value(to_vintage)
    pair = {from_vintage, to_vintage}
    if pair == {2001, 2011}:
        cw = _crosswalk_2001_2011().copy()
    elif pair == {2001, 2024}:
        cw = _chain_2001_2024(reverse=from_vintage == 2024)
    elif pair == {2011, 2019}:
        cw = _crosswalk_2011_2019()
    elif pair == {2011, 2024}:
        cw = _chain_2011_2024(reverse=from_vintage == 2024)
    elif pair == {2019, 2024}:
        cw = io.read_sector_crosswalk()
        cw = cw[cw["sector_2019"].notna()].copy()
        cw["relation"] = np.where(cw["sector_2019"] == cw["sector_2024"], "same", "recoded")
        counts24 = cw["sector_2024"].map(cw["sector_2024"].value_counts())
        counts19 = cw["sector_2019"].map(cw["sector_2019"].value_counts())
        cw.loc[counts24 > 1, "relation"] = "merge" if from_vintage == 2019 else "split"
        cw.loc[counts19 > 1, "relation"] = "split" if from_vintage == 2019 else "merge"
        cw["method"] = "official_table"
        cw["exact"] = cw["relation"].isin(
            ["same", "recoded", "merge" if from_vintage == 2019 else "split"]
        )
    elif pair == {2024, 2025}:
        cw = _crosswalk_2024_2025(settings.working_crs).copy()
        if from_vintage == 2025:
            cw["relation"] = cw["relation"].replace({"split": "merge", "merge": "split"})
    elif from_vintage == to_vintage:
        codes = sorted(sector_codes(from_vintage))
        return pd.DataFrame(
            {
                f"sector_{from_vintage}": codes,
                "relation": "same",
                "method": "same_code",
                "exact": True,
            }
        )
    else:
        raise DataError(
            f"no crosswalk from {from_vintage} to {to_vintage}; available: 2001 ↔ 2011, "
            "2001 ↔ 2024, 2011 ↔ 2019, 2011 ↔ 2024, 2019 ↔ 2024 and 2024 ↔ 2025 (chain them "
            "through 2024)."
        )
    first = [f"sector_{from_vintage}", f"sector_{to_vintage}"]
    return cw[first + [c for c in cw.columns if c not in first]].reset_index(drop=True)
