"""Statistical-sector vintages, the area hierarchy, crosswalks, custom areas and aggregation.

**Vintages.** Statbel redrew the statistical sectors several times. wijkanalyse names a code
system by a year: ``2011`` (codes of 2011–2018), ``2019``, ``2024`` (the codes valid
2020–2024, PinC's "statsec2024") and ``2025`` (the new sectors). Data and geometries must be
joined within one vintage: :func:`join` refuses to mix them and says how to translate.

**Hierarchy.** Each sector belongs to one wijk, deelgemeente and gemeente of its vintage
(:func:`hierarchy`, from the Provincies in Cijfers tables). The wijken of the 2024 vintage
(``ggw72024``, e.g. ``240621`` Wijgmaal) and of 2025 (``ggw7``, e.g. ``24062W22``) carry the
same names but their boundaries differ: the sectors under them were redrawn.

**Crosswalk.** :func:`crosswalk` links sectors of two vintages. 2019 → 2024 comes from the
official PinC table. 2024 ↔ 2025 has no published sector table; it is derived from Statbel's
2025 coding rule (a new sector keeps the first 8 characters of the sector it came from and
gets a letter suffix, e.g. ``24062E732`` → ``24062E73K`` + ``24062E73L``) and checked against
the wijk polygons. Every link says how it was made and whether a translation along it is
exact.

**Aggregation.** :func:`aggregate` sums counts from sectors to any grouping (wijk,
deelgemeente, custom areas) and preserves totals exactly; a group with a missing member is
NA unless you ask otherwise.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry.base import BaseGeometry

from wijkanalyse import io, settings
from wijkanalyse._errors import WARNING_PREFIX, DataError, DataWarning, SchemaError, VintageError
from wijkanalyse._validate import (
    SECTOR_CODE_RE,
    check_nis5,
    check_projected,
    check_same_crs,
    close_matches,
    listing,
)
from wijkanalyse.datasets import Dataset, SourceLike, dataset_of, get_dataset
from wijkanalyse.vocab import is_pseudo_sector, is_pseudo_wijk

__all__ = [
    "FLEMISH_PROVINCES",
    "HIERARCHY_COLUMNS",
    "VINTAGES",
    "AreaMatch",
    "CustomArea",
    "Municipality",
    "Region",
    "aggregate",
    "area_name",
    "area_outlines",
    "check_vintage",
    "crosswalk",
    "custom_area",
    "detect_vintage",
    "find_area",
    "flemish_municipalities",
    "hierarchy",
    "in_brussels",
    "is_pseudo_wijk",
    "join",
    "load_sectors",
    "municipality",
    "municipality_polygon",
    "not_covered",
    "region",
    "region_polygon",
    "sector_codes",
    "wijk_areas",
    "wijk_polygon_dataset",
]

log = logging.getLogger(__name__)

#: The hierarchy columns of a sectors frame, in order.
HIERARCHY_COLUMNS: tuple[str, ...] = (
    "name",
    "wijk",
    "wijk_name",
    "deelgemeente",
    "deelgemeente_name",
    "gemeente",
    "gemeente_name",
)

#: NIS codes of the five Flemish provinces (the Flemish Region, NIS 02000, is their union).
FLEMISH_PROVINCES: tuple[str, ...] = ("10000", "20001", "30000", "40000", "70000")

#: The sector-code vintages wijkanalyse knows.
VINTAGES: tuple[int, ...] = (2011, 2019, 2024, 2025)

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


# --------------------------------------------------------------------------- code lists


@functools.cache
def sector_codes(vintage: int) -> frozenset[str]:
    """Return every sector code of ``vintage`` known to the catalogue.

    Coverage: 2011 and 2024 cover Belgium; 2019 and 2025 cover Flanders and Brussels (the
    Provincies in Cijfers tables). Pseudo-sectors ``NNNNNZZZZ`` are listed where the sources
    list them.
    """
    _check_vintage_value(vintage)
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


# --------------------------------------------------------------------------- hierarchy


@functools.cache
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


def hierarchy(vintage: int, *, gemeente: str | None = None) -> pd.DataFrame:
    """Return sector → wijk → deelgemeente → gemeente for one vintage, with names.

    Parameters
    ----------
    vintage
        2024 (Flanders and Brussels, ``ggw72024`` wijken), 2025 (``ggw7`` wijken) or 2011
        (Belgium, no wijken).
    gemeente
        NIS5 code: keep only this municipality's sectors (see :func:`municipality`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sector``: ``name``, ``wijk``, ``wijk_name``, ``deelgemeente``,
        ``deelgemeente_name``, ``gemeente``, ``gemeente_name``, ``arrondissement``,
        ``provincie`` and more, ``vintage``.
    """
    table = _full_hierarchy(vintage)
    if gemeente is not None:
        table = table.loc[list(municipality(gemeente, vintage=vintage).sectors)]
    return table.copy()


@dataclass(frozen=True)
class Municipality:
    """A municipality of one vintage: its NIS code, name and sectors."""

    code: str
    name: str
    vintage: int
    sectors: tuple[str, ...]
    members: tuple[str, ...] = ()
    note: str = ""


def municipality(code: str, *, vintage: int = 2024) -> Municipality:
    """Return the municipality with NIS5 ``code`` in ``vintage``, with its sectors.

    For vintage 2024 a code of a municipality formed on 1 January 2025 (e.g. 44086) is
    accepted too: it stands for the 2024 municipalities that merged into it.

    Raises
    ------
    SchemaError
        ``code`` is not a 5-digit NIS code.
    DataError
        ``code`` is not a municipality: the message says what it is (an arrondissement, a
        province, a municipality outside the data's coverage) or lists nearby codes.
    """
    nis = check_nis5(code, what="municipality")
    table = _full_hierarchy(vintage)
    in_muni = table["gemeente"] == nis
    members: tuple[str, ...] = ()
    note = ""
    if not in_muni.any() and "gemeente_2025" in table:
        merged = table["gemeente_2025"] == nis
        if merged.any():
            in_muni = merged
            members = tuple(sorted(table.loc[merged, "gemeente"].unique()))
            note = (
                f"{nis} is a municipality formed in 2025; the {vintage} sectors of "
                f"{listing(members)} are used."
            )
    if not in_muni.any():
        raise DataError(_not_a_municipality(nis, table, vintage))
    rows = table[in_muni]
    name = str(rows["gemeente_name"].iloc[0]) if "gemeente_name" in rows else nis
    if members and "gemeente_name" in rows:
        name = " + ".join(sorted(rows["gemeente_name"].unique()))
    return Municipality(
        code=nis, name=name, vintage=vintage, sectors=tuple(rows.index), members=members, note=note
    )


def flemish_municipalities(vintage: int = 2024) -> list[str]:
    """Return the NIS5 codes of the municipalities of the Flemish Region in ``vintage``.

    Examples
    --------
    >>> len(flemish_municipalities(2024))
    300
    """
    h = hierarchy(vintage)
    codes = h.loc[h["provincie"].isin(FLEMISH_PROVINCES), "gemeente"].dropna().unique()
    return sorted(str(c) for c in codes)


def _not_a_municipality(nis: str, table: pd.DataFrame, vintage: int) -> str:
    for level in ("arrondissement", "provincie"):
        if level in table and (table[level] == nis).any():
            rows = table[table[level] == nis]
            lname = rows.get(f"{level}_name", pd.Series([nis])).iloc[0]
            examples = rows.drop_duplicates("gemeente")
            ex = listing(
                (
                    f"{g} {n}"
                    for g, n in zip(examples["gemeente"], examples["gemeente_name"], strict=True)
                ),
                4,
            )
            return (
                f"{nis} is the NIS code of {level} {lname}, not of a municipality. Its "
                f"municipalities include {ex}. To study all of them, use region('{nis}') "
                f'(in a study file: region = "{nis}").'
            )
    if vintage != 2011:
        old = _full_hierarchy(2011)
        hit = old[old["gemeente"] == nis]
        if len(hit):
            region = (
                "outside Flanders and Brussels"
                if nis[0] in "56789" or nis[:2] == "25"
                else "a former municipality (merged in 2019)"
            )
            return (
                f"{nis} ({hit['gemeente_name'].iloc[0]}) is {region}; the {vintage} sector "
                "tables of the mirror cover the municipalities of Flanders and Brussels."
            )
    codes = table[["gemeente", "gemeente_name"]].drop_duplicates()
    codes = codes[codes["gemeente"].str.fullmatch(r"\d{5}")]
    distance = (codes["gemeente"].astype(int) - int(nis)).abs()
    near = codes.loc[distance.sort_values(kind="stable").index[:5]].sort_values("gemeente")
    hint = ", ".join(
        f"{g} {n}" for g, n in zip(near["gemeente"], near["gemeente_name"], strict=True)
    )
    return f"{nis} is not a municipality code of vintage {vintage}." + (
        f" Codes nearby: {hint}." if hint else ""
    )


#: Names of the study-area levels, in the order of size.
REGION_LEVELS: tuple[str, ...] = ("gemeente", "gemeenten", "arrondissement", "provincie", "gewest")

_FLANDERS = ("flanders", "vlaanderen", "vlaams gewest", "02000", "2000")
_BRUSSELS = ("brussels", "brussel", "bruxelles", "04000", "4000")


def in_brussels(code: str) -> bool:
    """Whether a NIS code is the Brussels-Capital Region or one of its municipalities.

    The region (NIS ``04000``) is one arrondissement (``21000``) of 19 municipalities
    (``21001`` to ``21019``).

    Examples
    --------
    >>> in_brussels("21004"), in_brussels("21000"), in_brussels("24062")
    (True, True, False)
    """
    text = str(code).strip().lower()
    return text in _BRUSSELS or bool(re.fullmatch(r"21\d{3}", text))


@dataclass(frozen=True)
class Region:
    """The area a study covers: a municipality, several, an arrondissement, a province or Flanders.

    Attributes
    ----------
    code
        NIS code of the area (municipality, arrondissement, province; ``02000`` for the Flemish
        Region); for a list of municipalities their codes joined with ``+``.
    name
        Official name (e.g. ``Leuven``, ``Leuven (Arr.)``, ``Vlaams Gewest``).
    level
        One of :data:`REGION_LEVELS`.
    municipalities
        The NIS codes of its municipalities in ``vintage``.
    sectors
        Its sector codes in ``vintage`` (pseudo-sectors of unlocated residents included).
    """

    code: str
    name: str
    level: str
    vintage: int
    municipalities: tuple[str, ...]
    sectors: tuple[str, ...]
    note: str = ""

    @property
    def is_municipality(self) -> bool:
        """Whether the region is one municipality."""
        return self.level == "gemeente"

    @property
    def municipality_names(self) -> dict[str, str]:
        """NIS code → name of every municipality of the region."""
        h = _full_hierarchy(self.vintage)
        rows = h[h["gemeente"].isin(self.municipalities)].drop_duplicates("gemeente")
        return dict(zip(rows["gemeente"], rows["gemeente_name"].astype(str), strict=True))


def region(area: str | Sequence[str], *, vintage: int = 2024) -> Region:
    """Return the study area ``area`` of ``vintage``.

    Parameters
    ----------
    area
        A municipality's NIS5 code (``"24062"``), a list of them, an arrondissement's
        (``"24000"``) or a province's NIS code (``"20001"``), or ``"flanders"`` (also
        ``"vlaanderen"``, ``"02000"``) for the Flemish Region.

    Raises
    ------
    DataError
        A code that is neither; the message lists what is near.

    Examples
    --------
    >>> arr = region("24000")
    >>> arr.level, arr.name, len(arr.municipalities)
    ('arrondissement', 'Leuven (Arr.)', 30)
    """
    table = _full_hierarchy(vintage)
    if not isinstance(area, str):
        codes = [check_nis5(c, what="municipality") for c in area]
        if not codes:
            raise SchemaError("region: the list of municipalities is empty.")
        if len(set(codes)) < len(codes):
            dup = sorted({c for c in codes if codes.count(c) > 1})
            raise SchemaError(f"region: municipalities {listing(dup)} are listed twice.")
        if len(codes) == 1:
            return region(codes[0], vintage=vintage)
        munis = [municipality(c, vintage=vintage) for c in codes]
        sectors = tuple(s for m in munis for s in m.sectors)
        members = tuple(g for m in munis for g in (m.members or (m.code,)))
        return Region(
            code="+".join(codes),
            name=", ".join(m.name for m in munis),
            level="gemeenten",
            vintage=vintage,
            municipalities=members,
            sectors=sectors,
            note="; ".join(m.note for m in munis if m.note),
        )
    key = area.strip()
    if key.lower() in _FLANDERS:
        mask = table["provincie"].isin(FLEMISH_PROVINCES)
        return _region_of(table, mask, "02000", "Vlaams Gewest", "gewest", vintage)
    if key.lower() in _BRUSSELS:
        raise DataError(
            f"{key!r} is the Brussels-Capital Region; the sector tables know it as "
            "arrondissement 21000 (Brussel), its 19 municipalities 21001 to 21019. Use "
            "region('21000')."
        )
    nis = check_nis5(key, what="region")
    for level in ("arrondissement", "provincie"):
        mask = table[level] == nis
        if mask.any():
            name = str(table.loc[mask, f"{level}_name"].iloc[0])
            return _region_of(table, mask, nis, name, level, vintage)
    muni = municipality(nis, vintage=vintage)
    return Region(
        code=muni.code,
        name=muni.name,
        level="gemeente",
        vintage=vintage,
        municipalities=muni.members or (muni.code,),
        sectors=muni.sectors,
        note=muni.note,
    )


def _region_of(
    table: pd.DataFrame, mask: pd.Series, code: str, name: str, level: str, vintage: int
) -> Region:
    rows = table[mask]
    munis = tuple(sorted(str(g) for g in rows["gemeente"].dropna().unique()))
    return Region(
        code=code,
        name=name,
        level=level,
        vintage=vintage,
        municipalities=munis,
        sectors=tuple(rows.index),
    )


def _name_key(name: str) -> str:
    """Compare names without case, accents, punctuation and '(Arr.)'/'(Prov.)' prefixes."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"\((arr|prov)\.?\)", " ", text.casefold()).strip()
    text = re.sub(r"^(arrondissement|arr\.?|provincie|province|prov\.?|gemeente|stad)\s+", "", text)
    return re.sub(r"[^a-z0-9]+", "", text)


@dataclass(frozen=True)
class AreaMatch:
    """The result of :func:`find_area`: the area's NIS code, official name and level.

    Attributes
    ----------
    code, name, level
        NIS code (``"flanders"`` for the Flemish Region), name, and one of ``gemeente``,
        ``arrondissement``, ``provincie``, ``gewest``.
    asked
        The text that was looked up.
    formed_from
        For a municipality formed on 1 January 2025 and found by a name it shares with one
        of its parts (Hasselt): the codes of the 2024 municipalities it was formed from.
    before
        The 2024 municipality of that same name (Hasselt 71022).
    merged_into
        For a 2024 municipality that merged on 1 January 2025 (Melle): the new code.
    former
        For a municipality found by the name of one merged into it in 2019 (Overpelt):
        that former municipality's code and name.
    """

    code: str
    name: str
    level: str
    asked: str = ""
    formed_from: tuple[str, ...] = ()
    before: str | None = None
    merged_into: str | None = None
    former: tuple[str, str] | None = None

    @property
    def note(self) -> str:
        """What the lookup decided, in English (empty when nothing needs saying)."""
        if self.formed_from:
            return (
                f"{self.asked!r} is NIS {self.code}, the municipality since 1 January 2025 "
                f"(formed from {listing(self.formed_from)}); give {self.before} to study the "
                "municipality as it was before."
            )
        if self.merged_into:
            found = area_name(self.merged_into)
            return (
                f"{self.name} ({self.code}) merged into {found[1] if found else ''} "
                f"({self.merged_into}) on 1 January 2025; this is the municipality as it was "
                f"before (give {self.merged_into} for the new one)."
            )
        if self.former:
            return (
                f"{self.former[1]} ({self.former[0]}) merged into {self.name} ({self.code}) in "
                "2019; the study covers all of it."
            )
        return ""


def find_area(text: str, *, region: bool = False) -> AreaMatch:
    """Return the municipality (or, with ``region=True``, the region) that ``text`` names.

    ``text`` is a NIS code or a name, compared without case, accents and punctuation
    (``"sint-truiden"``, ``"Sint Truiden"``). A name that is both a municipality before and
    after the mergers of 1 January 2025 (e.g. Hasselt: 71022, since 2025 71072 with
    Kortessem) gives today's municipality; a municipality merged in 2019 (Overpelt) gives
    the one it merged into. With ``region=True`` the text names an arrondissement
    (``"Leuven (Arr.)"``, ``"arrondissement Leuven"``, ``"arr. Leuven"``), a province
    (``"Limburg"``) or Flanders (``"flanders"``, ``"vlaanderen"``).

    Raises
    ------
    DataError
        No Flemish area has that name or code (close names are listed; a place in Brussels
        or Wallonia, or the wrong kind of area, is named as such), or the name is ambiguous
        (every match is listed with its code).

    Examples
    --------
    >>> find_area("Tienen").code
    '24107'
    >>> find_area("Vlaams-Brabant", region=True).level
    'provincie'
    """
    key = " ".join(str(text).split())
    kind = "an arrondissement or a province of Flanders" if region else "a Flemish municipality"
    if not key:
        raise DataError(f"no area given: name {kind} or give its NIS code.")
    if key.lower() in _FLANDERS:
        if region:
            return AreaMatch("flanders", "Vlaams Gewest", "gewest", asked=key)
        raise DataError(f"{key!r} is the Flemish Region, not a municipality; use --region.")
    digits = key.replace(" ", "")
    if re.fullmatch(r"\d{4,5}", digits):
        return _area_by_code(digits.zfill(5), key, region=region)
    candidates = _area_names(region)
    hits = [c for c, (n, _) in candidates.items() if _name_key(n) == _name_key(key)]
    if not hits:
        raise DataError(_no_area_named(key, region, candidates))
    if len(hits) > 1 and not region:
        successor = _successors()
        current = [c for c in hits if successor.get(c, c) == c]
        if len(current) == 1:
            members = tuple(sorted(c for c, nxt in successor.items() if nxt == current[0]))
            name, level = candidates[current[0]]
            before = next(c for c in hits if c != current[0])
            return AreaMatch(current[0], name, level, asked=key, formed_from=members, before=before)
    if len(hits) > 1:
        raise DataError(
            f"{key!r} names more than one area: "
            + listing(f"{candidates[c][1]} {candidates[c][0]} ({c})" for c in hits)
            + "; give the NIS code."
        )
    code = hits[0]
    name, level = candidates[code]
    if code.startswith("old:"):  # a municipality merged in 2019: today's one
        old = code.removeprefix("old:")
        now = _today_of_2011(old)
        found = area_name(now)
        return AreaMatch(now, found[1] if found else now, "gemeente", asked=key, former=(old, name))
    merged = _successors().get(code, code)
    return AreaMatch(code, name, level, asked=key, merged_into=merged if merged != code else None)


def _area_by_code(code: str, asked: str, *, region: bool) -> AreaMatch:
    found = area_name(code)
    if found is None:
        raise DataError(_not_flemish(code, asked, region))
    level, name = found
    if region and level == "gemeente":
        raise DataError(
            f"{code} is the municipality {name}, not an arrondissement or a province; use "
            "--municipality for one municipality."
        )
    if not region and level != "gemeente":
        raise DataError(f"{code} is the {level} {name}, not a municipality; use --region for it.")
    merged = _successors().get(code, code) if level == "gemeente" else code
    return AreaMatch(code, name, level, asked=asked, merged_into=merged if merged != code else None)


def _area_names(region: bool) -> dict[str, tuple[str, str]]:
    """Code → (name, level) of the Flemish areas a lookup may find."""
    h24 = _full_hierarchy(2024)
    flemish = h24[h24["provincie"].isin(FLEMISH_PROVINCES)]
    out: dict[str, tuple[str, str]] = {}
    for level in ("arrondissement", "provincie") if region else ("gemeente",):
        rows = flemish[[level, f"{level}_name"]].drop_duplicates()
        for c, n in zip(rows[level], rows[f"{level}_name"], strict=True):
            out[str(c)] = (str(n), level)
    if region:
        return out
    h25 = _full_hierarchy(2025)
    new = h25[h25["provincie"].isin(FLEMISH_PROVINCES)].drop_duplicates("gemeente")
    for c, n in zip(new["gemeente"], new["gemeente_name"], strict=True):
        out.setdefault(str(c), (str(n), "gemeente"))
    # municipalities merged on 1 January 2019, by their 2011 names
    h11 = _full_hierarchy(2011)
    old = h11[h11["provincie"].isin(FLEMISH_PROVINCES)].drop_duplicates("gemeente")
    known = {_name_key(n) for n, _ in out.values()}
    for c, n in zip(old["gemeente"], old["gemeente_name"], strict=True):
        if str(c) not in out and _name_key(str(n)) not in known:
            out[f"old:{c}"] = (str(n), "gemeente")
    return out


@functools.cache
def _successors() -> dict[str, str]:
    """2024 municipality → the municipality it belongs to since 1 January 2025."""
    h24 = _full_hierarchy(2024)
    rows = h24.drop_duplicates("gemeente")
    return {str(a): str(b) for a, b in zip(rows["gemeente"], rows["gemeente_2025"], strict=True)}


def _today_of_2011(code: str) -> str:
    """Return the 2024 municipality that holds the sectors of a 2011 municipality."""
    h11, h24 = _full_hierarchy(2011), _full_hierarchy(2024)
    sectors = h11.index[h11["gemeente"] == code]
    now = h24.loc[h24.index.intersection(sectors), "gemeente"]
    return str(now.mode().iloc[0]) if len(now) else code


def _not_flemish(code: str, asked: str, region: bool) -> str:
    kind = "region" if region else "municipality"
    if in_brussels(code):
        return (
            f"{asked} lies in the Brussels-Capital Region; wijkanalyse studies Flemish "
            f"municipalities (energy, open space and wijk outlines cover Flanders only)."
        )
    h11 = _full_hierarchy(2011)
    for level in ("gemeente", "arrondissement", "provincie"):
        hit = h11.loc[h11[level] == code, f"{level}_name"]
        if len(hit):
            return (
                f"{code} ({hit.iloc[0]}) lies outside Flanders; wijkanalyse studies Flemish "
                f"municipalities."
            )
    return f"{code} is not the NIS code of a Flemish {kind}."


def _no_area_named(key: str, region: bool, candidates: dict[str, tuple[str, str]]) -> str:
    kind = "an arrondissement or a province of Flanders" if region else "a Flemish municipality"
    other = _area_names(not region)
    if any(_name_key(n) == _name_key(key) for n, _ in other.values()):
        option = "--municipality" if region else "--region"
        what = "a municipality" if region else "an arrondissement or a province"
        return f"{key!r} is {what}, not {kind}; use {option}."
    h11 = _full_hierarchy(2011)
    for level in ("gemeente", "arrondissement", "provincie"):
        rows = h11.drop_duplicates(level)
        for c, n, prov in zip(rows[level], rows[f"{level}_name"], rows["provincie"], strict=True):
            parts = {_name_key(x) for x in re.split(r"[/-]", str(n))} | {_name_key(str(n))}
            if _name_key(key) in parts and prov not in FLEMISH_PROVINCES:
                return _not_flemish(str(c), f"{key!r} ({c})", region)
    names = {n: c.removeprefix("old:") for c, (n, _) in candidates.items()}
    close = close_matches(key, names)
    hint = f" Did you mean {listing(f'{n} ({names[n]})' for n in close)}?" if close else ""
    return f"{key!r} is not the name of {kind}.{hint}"


def area_name(code: str) -> tuple[str, str] | None:
    """Return ``(level, name)`` of a Flemish municipality, arrondissement or province code.

    Municipalities formed on 1 January 2025 are known by their new name.
    """
    h24 = _full_hierarchy(2024)
    flemish = h24[h24["provincie"].isin(FLEMISH_PROVINCES)]
    for level in ("gemeente", "arrondissement", "provincie"):
        hit = flemish.loc[flemish[level] == code, f"{level}_name"]
        if len(hit):
            return level, str(hit.iloc[0])
    h25 = _full_hierarchy(2025)
    hit = h25.loc[
        (h25["gemeente"] == code) & h25["provincie"].isin(FLEMISH_PROVINCES), "gemeente_name"
    ]
    if len(hit):
        return "gemeente", str(hit.iloc[0])
    return None


def not_covered(dataset: str | Dataset, area: Region) -> tuple[str, ...]:
    """Return the municipalities of ``area`` that catalogue ``dataset`` does not cover.

    A dataset covers a municipality when its :attr:`~wijkanalyse.datasets.Dataset.extent`
    holds the municipality, its arrondissement, its province, its region or Belgium. A
    dataset with no stated extent (e.g. a road graph of a city and its surroundings) or a
    file path covers what its data show; then nothing is returned here.

    Examples
    --------
    >>> not_covered("leuven_centres_reference", region("24107"))
    ('24107',)
    >>> not_covered("osm2015_points", region("24107"))
    ()
    """
    return _uncovered(dataset, area.municipalities)


def _uncovered(dataset: str | Dataset, municipalities: Iterable[str]) -> tuple[str, ...]:
    ds = get_dataset(dataset) if isinstance(dataset, str) else dataset
    if not ds.extent:
        return ()
    h = _full_hierarchy(2024)
    rows = h[h["gemeente"].isin(list(municipalities))].drop_duplicates("gemeente")
    extent = {str(c).zfill(5) for c in ds.extent}
    lacking = []
    for _, row in rows.iterrows():
        prov = str(row["provincie"]).zfill(5)
        reg = "02000" if prov in FLEMISH_PROVINCES else "04000" if prov == "04000" else "03000"
        mine = {str(row["gemeente"]), str(row["arrondissement"]), prov, reg, "01000"}
        if not mine & extent:
            lacking.append(str(row["gemeente"]))
    return tuple(sorted(lacking))


def region_polygon(area: Region) -> BaseGeometry:
    """Return the outline of a region: the union of its municipalities' 2024 polygons.

    The polygon is in the working CRS (:data:`wijkanalyse.settings.working_crs`).
    """
    return _union_of_municipalities(area.municipalities, settings.working_crs)


@functools.lru_cache(maxsize=8)
def _union_of_municipalities(codes: tuple[str, ...], crs: str) -> BaseGeometry:
    """Return the union of the municipalities' polygons in ``crs`` (the cache is keyed on it)."""
    if len(codes) == 1:
        union = municipality_polygon(codes[0])
    else:
        polys = _gemeente_polygons()
        lacking = [c for c in codes if c not in polys.index]
        if lacking:
            raise DataError(
                f"no municipality polygon for {listing(lacking)} (dataset "
                "'pinc_gemeenten_2024' covers Flanders and Brussels)."
            )
        union = shapely.union_all(polys.geometry.loc[list(codes)].to_numpy())
    # the polygons come in the working CRS; a call for another CRS is reprojected
    if pyproj.CRS.from_user_input(crs).equals(settings.working_crs):
        return union
    return gpd.GeoSeries([union], crs=settings.working_crs).to_crs(crs).iloc[0]


def _gemeente_polygons() -> gpd.GeoDataFrame:
    return io.read_areas("pinc_gemeenten_2024", level="gemeente")


def municipality_polygon(code: str) -> BaseGeometry:
    """Return the polygon of a municipality (2024 borders; a 2025 merger is the union).

    Raises
    ------
    DataError
        When the mirror has no polygon for ``code`` (municipalities outside Flanders and
        Brussels).
    """
    nis = check_nis5(code, what="municipality")
    polys = _gemeente_polygons()
    if nis in polys.index:
        return polys.geometry[nis]
    h = _full_hierarchy(2024)
    members = sorted(h.loc[h["gemeente_2025"] == nis, "gemeente"].unique())
    have = [m for m in members if m in polys.index]
    if not have:
        raise DataError(
            f"no municipality polygon for {nis} (dataset 'pinc_gemeenten_2024' "
            "covers Flanders and Brussels)."
        )
    return shapely.union_all(polys.geometry.loc[have].to_numpy())


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


def wijk_areas(vintage: int, *, gemeente: str | Region) -> gpd.GeoDataFrame:
    """Return the wijken of a municipality or region, with names and polygons where known.

    ``gemeente`` is a municipality's NIS5 code or a :class:`Region` (see :func:`region`).

    The 2024 wijk polygons cover arrondissement Leuven only; elsewhere the wijken are listed
    (from the sector tables) with an empty geometry and a :class:`DataWarning`. The few
    polygons the 2024 file holds of wijken in neighbouring arrondissements are not used: a
    municipality has outlines for all its wijken or for none.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ``wijk``: ``wijk_name``, ``n_sectors``, ``area_km2`` (NA without polygon),
        geometry in the working CRS. Pseudo-wijken of unlocated residents (``…ONB``) are
        included without geometry.
    """
    if isinstance(gemeente, Region):
        table = _full_hierarchy(vintage).loc[list(gemeente.sectors)]
        where = f"{gemeente.level} {gemeente.name}"
    else:
        table = hierarchy(vintage, gemeente=gemeente)
        where = f"municipality {gemeente}"
    if table["wijk"].isna().all():
        raise DataError(f"the {vintage} hierarchy has no wijken.")
    if table["wijk"].isna().any():
        raise DataError(
            f"sectors {listing(table.index[table['wijk'].isna()])} have no wijk in the "
            f"{vintage} tables."
        )
    groups = table.groupby("wijk", sort=False).agg(
        wijk_name=("wijk_name", "first"), n_sectors=("name", "size")
    )
    groups = groups.loc[sorted(groups.index, key=_natural_key)]
    polys = _wijk_polygons(vintage)
    geoms = polys.geometry.reindex(groups.index)
    # outlines count only where the dataset covers the municipality whole: the 2024 file also
    # holds some wijken of neighbouring arrondissements, not all of their municipality's
    outside = set(_uncovered(wijk_polygon_dataset(vintage), table["gemeente"].dropna().unique()))
    if outside:
        muni_of = table.groupby("wijk", sort=False)["gemeente"].first()
        geoms = geoms.where(~groups.index.isin(muni_of.index[muni_of.isin(outside)]), None)
    real = [w for w in groups.index if not is_pseudo_wijk(w)]
    lacking = [w for w in real if geoms.get(w) is None]
    if lacking:
        ds = get_dataset(_WIJK_POLYGONS[vintage])
        warnings.warn(
            f"{WARNING_PREFIX}no {vintage} wijk polygons for {len(lacking)} of {len(real)} wijken "
            f"of {where} (dataset {ds.id!r} covers {ds.coverage}); the wijken are "
            "listed without geometry.",
            DataWarning,
            stacklevel=2,
        )
    out = gpd.GeoDataFrame(groups, geometry=list(geoms.to_numpy()), crs=polys.crs)
    out.index.name = "wijk"
    area = out.geometry.area / 1e6
    out["area_km2"] = pd.array(np.where(out.geometry.isna(), np.nan, area), dtype="Float64")
    return out


# --------------------------------------------------------------------------- crosswalk


@functools.cache
def _crosswalk_2024_2025(crs: str) -> pd.DataFrame:
    # ``crs`` (the working CRS the centroid check runs in) keys the cache
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


def crosswalk(from_vintage: int, to_vintage: int) -> pd.DataFrame:
    """Return the links between the sector codes of two vintages.

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
    if pair == {2019, 2024}:
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
            f"no crosswalk from {from_vintage} to {to_vintage}; available: 2019 ↔ 2024 and "
            "2024 ↔ 2025 (chain them through 2024)."
        )
    first = [f"sector_{from_vintage}", f"sector_{to_vintage}"]
    return cw[first + [c for c in cw.columns if c not in first]].reset_index(drop=True)


# --------------------------------------------------------------------------- custom areas


@dataclass(frozen=True)
class CustomArea:
    """An area defined by the user as a set of sectors of one vintage.

    Attributes
    ----------
    name
        Display name, e.g. ``"Hoogland"``.
    sectors
        Sector codes of ``vintage``.
    vintage
        Sector-code vintage of ``sectors``.
    exact
        False when the area was translated from another vintage and the sectors only
        approximate it (``note`` says how).
    note
        How the area was made.
    source_sectors, source_vintage
        For a translated area: the sectors and vintage it was defined in.
    extra_sectors
        For a translated area: sectors of ``source_vintage`` outside the area that the
        translated sectors also contain (so figures cover more than the area).
    """

    name: str
    sectors: tuple[str, ...]
    vintage: int
    exact: bool = True
    note: str = ""
    source_sectors: tuple[str, ...] = field(default=(), repr=False)
    source_vintage: int | None = field(default=None, repr=False)
    extra_sectors: tuple[str, ...] = field(default=(), repr=False)

    def to_vintage(self, vintage: int) -> CustomArea:
        """Return the area expressed in the sectors of another vintage (via :func:`crosswalk`).

        The result holds every target sector linked to one of the area's sectors. It is
        ``exact`` only when every link is an unchanged sector and no target sector reaches
        outside the area; otherwise ``note`` names the extra sectors it contains.
        """
        if vintage == self.vintage:
            return self
        cw = crosswalk(self.vintage, vintage)
        a, b = f"sector_{self.vintage}", f"sector_{vintage}"
        links = cw[cw[a].isin(self.sectors)]
        unlinked = sorted(set(self.sectors) - set(links[a].dropna()))
        if unlinked:
            raise DataError(
                f"area {self.name!r}: sectors {listing(unlinked)} are not in the "
                f"{self.vintage} code list."
            )
        targets = sorted(links[b].dropna().unique())
        if not targets:
            raise DataError(
                f"area {self.name!r}: no {vintage} sector is linked to {listing(self.sectors)} "
                f"(relation {listing(links['relation'].unique())}); define the area in {vintage} "
                "sectors directly."
            )
        back = cw[cw[b].isin(targets)]
        extra = sorted(set(back[a].dropna()) - set(self.sectors))
        exact = bool(links["exact"].all()) and not extra
        relations = listing(sorted(links["relation"].unique()))
        note = (
            f"translated from {self.vintage} sectors {listing(self.sectors)} to {vintage} "
            f"sectors {listing(targets)} via the crosswalk ({relations})"
        )
        if extra:
            note += (
                f"; the {vintage} sectors also contain {self.vintage} sector(s) "
                f"{listing(extra)} outside the area, so figures cover more than "
                f"{self.name}"
            )
        return CustomArea(
            name=self.name,
            sectors=tuple(targets),
            vintage=vintage,
            exact=exact,
            note=note,
            source_sectors=self.sectors,
            source_vintage=self.vintage,
            extra_sectors=tuple(extra),
        )


def custom_area(
    name: str,
    *,
    sectors: Sequence[str] | None = None,
    polygon: BaseGeometry | gpd.GeoSeries | gpd.GeoDataFrame | None = None,
    sectors_frame: gpd.GeoDataFrame | None = None,
    vintage: int | None = None,
    point: Literal["representative_point", "centroid"] = "representative_point",
) -> CustomArea:
    """Define a custom area by a list of sector codes or by a polygon.

    Parameters
    ----------
    name
        Display name.
    sectors
        Sector codes. The vintage is detected from them unless given; codes of another
        vintage than ``vintage`` are an error.
    polygon
        A polygon (shapely geometry in the sectors' CRS, or a GeoSeries/GeoDataFrame with a
        CRS). The area holds the sectors of ``sectors_frame`` whose point lies within it:
        the point itself for point geometries, else the ``point`` of the polygon.
    sectors_frame
        The sectors frame to select from, for ``polygon``.
    vintage
        Vintage of ``sectors``.

    Examples
    --------
    >>> hoogland = custom_area("Hoogland", sectors=["24062E73L"])
    >>> hoogland.vintage
    2025
    """
    if (sectors is None) == (polygon is None):
        raise SchemaError(
            f"custom area {name!r}: pass either sectors=[...] or polygon=..., "
            "not both and not neither."
        )
    if sectors is not None:
        codes = tuple(dict.fromkeys(str(s).strip() for s in sectors))
        if not codes:
            raise DataError(f"custom area {name!r} has no sectors.")
        _codes_of(codes)
        if vintage is None:
            vintage = detect_vintage(codes)
        check_vintage(codes, vintage, what=f"custom area {name!r}")
        return CustomArea(
            name=name,
            sectors=codes,
            vintage=vintage,
            note=f"defined by {len(codes)} sector(s) of {vintage}",
        )
    if sectors_frame is None:
        raise SchemaError(f"custom area {name!r}: a polygon needs sectors_frame= to select from.")
    check_projected(sectors_frame, what="sectors_frame")
    if isinstance(polygon, (gpd.GeoSeries, gpd.GeoDataFrame)):
        check_same_crs(sectors_frame, polygon, names=("sectors_frame", "polygon"))
        shape = shapely.union_all(polygon.geometry.to_numpy())
    else:
        assert polygon is not None
        shape = polygon
    geoms = sectors_frame.geometry
    pts = geoms.where(
        geoms.geom_type == "Point",
        geoms.representative_point() if point == "representative_point" else geoms.centroid,
    )
    inside = pts.within(shape)
    codes = tuple(sectors_frame.index[inside.to_numpy()])
    if not codes:
        raise DataError(
            f"custom area {name!r}: no sector lies within the polygon; check that polygon and "
            "sectors are in the same CRS and place."
        )
    vint = int(sectors_frame["vintage"].iloc[0]) if vintage is None else vintage
    return CustomArea(
        name=name,
        sectors=codes,
        vintage=vint,
        note=f"sectors whose {point.replace('_', ' ')} lies in the polygon",
    )


# --------------------------------------------------------------------------- joins


def _natural_key(code: str) -> tuple[object, ...]:
    """Sort '240621' < '240622' < '2406210' and 'W01' < 'W02'; pseudo-wijken last."""
    pseudo = is_pseudo_wijk(code)
    parts = re.split(r"(\d+)", str(code))
    return (pseudo, len(str(code)), tuple(int(p) if p.isdigit() else p for p in parts))


def _vintage_of(frame: pd.DataFrame, what: str) -> int:
    if "vintage" not in frame:
        raise SchemaError(
            f"{what} has no 'vintage' column; set it (e.g. frame['vintage'] = 2024) "
            "or detect it with wijkanalyse.areas.detect_vintage(frame.index)."
        )
    vals = pd.unique(frame["vintage"].dropna())
    if len(vals) != 1:
        raise VintageError(
            f"{what} mixes sector vintages {listing(sorted(vals))}; split it by vintage first."
        )
    return int(vals[0])


def join(
    sectors: pd.DataFrame,
    table: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    complete: bool = False,
    what: str = "table",
) -> pd.DataFrame:
    """Add columns of a sector-keyed ``table`` to ``sectors``, within one vintage.

    Parameters
    ----------
    sectors
        Sectors frame (index = sector code, with ``vintage``).
    table
        Sector-keyed data (index = sector code, with ``vintage``), e.g. from
        :func:`wijkanalyse.io.read_census`.
    columns
        Columns to add (default: all but ``vintage``).
    complete
        True when ``table`` lists every sector with a non-zero count (a census): sectors
        absent from it get 0 in its count columns. Otherwise they get NA, and a
        ``*_na_reason`` column says ``"absent_from_source"``.

    Raises
    ------
    VintageError
        When the vintages differ: the message explains the crosswalk.
    """
    v_s, v_t = _vintage_of(sectors, "sectors"), _vintage_of(table, what)
    if v_s != v_t:
        raise VintageError(
            f"cannot join {what} of sector vintage {v_t} to sectors of vintage {v_s}: the codes "
            f"were redrawn (e.g. 2024 '24062A00-' became 2025 '24062A00K'), so a code-by-code "
            f"join would silently drop or misplace people. Use data and sectors of the same "
            f"vintage, or move the data with wijkanalyse.areas.crosswalk({v_t}, {v_s}) "
            "(exact only for unchanged sectors), or aggregate both to a shared level."
        )
    check_vintage(table.index, v_t, what=what)
    cols = [c for c in (columns or table.columns) if c != "vintage"]
    missing = [c for c in cols if c not in table]
    if missing:
        raise SchemaError(
            f"{what} has no column(s) {listing(missing)} (found: {listing(table.columns)})."
        )
    clash = [c for c in cols if c in sectors.columns]
    if clash:
        raise SchemaError(
            f"sectors already have column(s) {listing(clash)}; drop them first or "
            "pass columns=[...] without them."
        )
    out = sectors.copy()
    absent = ~out.index.isin(table.index)
    sub = table[cols].reindex(out.index)
    given_reasons = {c for c in cols if c.endswith("_na_reason")}
    for col in cols:
        if col in given_reasons:
            continue
        values = sub[col]
        measure = pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(
            values.dtype
        )
        if complete and measure:
            values = values.where(~absent, 0)
        out[col] = values
        reason_col = f"{col}_na_reason"
        if measure and not complete and (reason_col in given_reasons or absent.any()):
            reason = (
                sub[reason_col] if reason_col in given_reasons else pd.Series(None, index=out.index)
            ).astype("object")
            reason[absent] = io.ABSENT
            out[reason_col] = reason
    if absent.any():
        log.info(
            "%d of %d sectors are absent from %s (%s)",
            int(absent.sum()),
            len(out),
            what,
            "count 0: the table is complete" if complete else "NA",
        )
    return out


def load_sectors(
    gemeente: str | Sequence[str],
    *,
    vintage: int = 2024,
    geometry: SourceLike | None = "statbel_sector_centroids_2024",
    population: SourceLike | None = "statbel_census2021_age65",
    income: SourceLike | None = "statbel_income2021",
) -> gpd.GeoDataFrame:
    """Build the canonical sectors frame of one municipality from catalogue datasets or files.

    The frame holds every sector of the municipality in the ``vintage`` hierarchy
    (including the pseudo-sector of unlocated residents), its wijk, deelgemeente and
    gemeente with names, the geometry (sector polygons or centroids; NA for sectors without
    one), the population columns and the income columns.

    Parameters
    ----------
    gemeente
        NIS5 code of the municipality, or a sequence of codes for a region (e.g. every
        municipality of an arrondissement or of Flanders; see :data:`FLEMISH_PROVINCES`).
    vintage
        Sector vintage of every input.
    geometry, population, income
        Dataset ids or paths, or :class:`~wijkanalyse.datasets.Source` with reading options
        (``None`` leaves the part out). ``population`` is read with
        :func:`wijkanalyse.io.read_census` (or :func:`~wijkanalyse.io.read_population` for an
        ``OPENDATA_SECTOREN`` file), ``income`` with :func:`wijkanalyse.io.read_income`.
        Only the population *counts* (``pop_*``) are taken: the names, municipality codes
        and areas a population table may carry are left to the hierarchy. A population
        file is read as sector codes of ``vintage`` unless it is a catalogued one.
        A file that is a byte-identical copy of a catalogued file is read as that dataset
        (:func:`wijkanalyse.datasets.identify`): e.g. a copy of the census is complete, so
        its absent sectors count 0; any other population file leaves them NA.

    Examples
    --------
    >>> leuven = load_sectors("24062")
    >>> int(leuven["pop_total"].sum()), int(leuven["pop_65plus"].sum())
    (101032, 16872)
    """
    if isinstance(gemeente, str):
        muni = municipality(gemeente, vintage=vintage)
        if muni.note:
            log.info(muni.note)
        h = hierarchy(vintage).loc[list(muni.sectors)]
    else:
        wanted = [check_nis5(g, what="gemeente") for g in gemeente]
        full = hierarchy(vintage)
        unknown = sorted(set(wanted) - set(full["gemeente"]))
        if unknown:
            raise DataError(
                f"load_sectors: {listing(unknown)} are not municipalities of vintage {vintage}."
            )
        h = full[full["gemeente"].isin(wanted)]
    frame = h[[c for c in HIERARCHY_COLUMNS if c in h]].copy()
    frame["vintage"] = vintage
    if geometry is not None:
        geo = io.read_sectors(geometry, vintage=None if dataset_of(geometry) else vintage)
        _vintage_equal(geo, vintage, f"geometry {geometry!r}")
        check_vintage(geo.index, vintage, what=f"geometry {geometry!r}")
        gs = geo.geometry.reindex(frame.index)
        no_geom = [s for s in frame.index[gs.isna()] if not _is_pseudo(s)]
        if no_geom:
            log.info("sectors without geometry in %s: %s", geometry, listing(no_geom))
        sectors = gpd.GeoDataFrame(frame, geometry=gs.to_numpy(), crs=geo.crs)
        if "area_ha" in geo and geo["area_ha"].notna().any():
            sectors["area_ha"] = geo["area_ha"].reindex(frame.index)
    else:
        sectors = gpd.GeoDataFrame(frame, geometry=[None] * len(frame), crs=settings.working_crs)
    if population is not None:
        pop_ds = dataset_of(population)
        pop = _read_population_any(population, vintage=None if pop_ds else vintage)
        described = [c for c in pop.columns if c != "vintage" and not str(c).startswith("pop_")]
        if described:
            log.debug("population %r: columns %s left to the hierarchy", population, described)
            pop = pop.drop(columns=described)
        pop = _harmonise_pseudo(pop, vintage)
        sectors = join(
            sectors,
            pop,
            complete=bool(pop_ds and pop_ds.complete),
            what=f"population {population!r}",
        )
    if income is not None:
        inc = io.read_income(income)
        sectors = join(sectors, inc.drop(columns=["year"]), what=f"income {income!r}")
    return sectors


def _vintage_equal(frame: pd.DataFrame, vintage: int, what: str) -> None:
    v = _vintage_of(frame, what)
    if v != vintage:
        raise VintageError(
            f"{what} is of sector vintage {v}, but vintage {vintage} was asked; "
            "use inputs of one vintage (see wijkanalyse.areas.crosswalk)."
        )


def _read_population_any(source: SourceLike, *, vintage: int | None) -> pd.DataFrame:
    """Read a census table or else a population table; report the error of the layout it has.

    A table in the population layout (``CD_SECTOR``, ``TOTAL``) with a bad cell gets that
    cell's error, not the census reader's "lacks columns" (issue 18).
    """
    try:
        return io.read_census(source, vintage=vintage)
    except SchemaError as census_error:
        try:
            return io.read_population(source, vintage=vintage)
        except SchemaError as population_error:
            census_layout = " lacks column" not in str(census_error)
            population_layout = " lacks column" not in str(population_error)
            if population_layout and not census_layout:
                raise population_error from None
            raise census_error from None


def _harmonise_pseudo(table: pd.DataFrame, vintage: int) -> pd.DataFrame:
    """Re-key pseudo-sectors of municipalities merged in 2019 to their successor's code.

    Census 2021 still lists e.g. ``12030ZZZZ`` (Puurs, merged into Puurs-Sint-Amands 12041
    in 2019); the official 2019 → 2024 table maps it to ``12041ZZZZ``. Counts are summed.
    """
    if vintage != 2024:
        return table
    known = sector_codes(2024)
    odd = [c for c in table.index if _is_pseudo(c) and c not in known]
    if not odd:
        return table
    cw = io.read_sector_crosswalk().dropna()
    succ = dict(zip(cw["sector_2019"], cw["sector_2024"], strict=True))
    mapping = {c: succ[c] for c in odd if c in succ}
    if not mapping:
        return table
    counts = [
        c for c in table.columns if c != "vintage" and pd.api.types.is_integer_dtype(table[c].dtype)
    ]
    others = [c for c in table.columns if c not in counts and c != "vintage"]
    if others:
        log.info("pseudo-sectors %s not re-keyed: table has non-count columns", listing(mapping))
        return table
    renamed = table.rename(index=mapping)
    out = renamed[counts].groupby(level=0, sort=False).sum(min_count=1)
    out["vintage"] = vintage
    log.info(
        "re-keyed pseudo-sectors of merged municipalities: %s",
        listing(f"{a}→{b}" for a, b in mapping.items()),
    )
    return out


# --------------------------------------------------------------------------- aggregation


def aggregate(
    data: pd.DataFrame,
    by: str | pd.Series | Mapping[str, str] | Sequence[CustomArea],
    *,
    columns: Sequence[str] | None = None,
    na: Literal["propagate", "skip"] = "propagate",
) -> pd.DataFrame:
    """Sum sector counts to wijken, deelgemeenten, municipalities or custom areas.

    Parameters
    ----------
    data
        Sector-keyed frame (index = sector code).
    by
        A column of ``data`` (``"wijk"``, ``"deelgemeente"``, ``"gemeente"``), a mapping
        sector → group, or a sequence of :class:`CustomArea` (which may overlap).
    columns
        Count columns to sum. Default: every integer column except ``vintage``. Only counts
        are summed; rates must be recomputed from summed numerators and denominators.
    na
        ``"propagate"`` (default): a group with a missing count in a member is NA.
        ``"skip"``: sum the known values and report ``<column>_n_missing``.

    Returns
    -------
    pandas.DataFrame
        Indexed by group code, in order of first appearance, with the summed columns
        (Int64) and ``n_sectors``. For a partition (a column or mapping) the group totals
        add up exactly to the sector totals.

    Raises
    ------
    DataError
        Sectors without a group, or custom-area sectors absent from ``data``.
    """
    if isinstance(data, gpd.GeoDataFrame):
        data = pd.DataFrame(data.drop(columns=data.geometry.name))
    if columns is None:
        columns = [
            c
            for c in data.columns
            if c != "vintage"
            and pd.api.types.is_integer_dtype(data[c].dtype)
            and not pd.api.types.is_bool_dtype(data[c].dtype)
        ]
    missing = [c for c in columns if c not in data]
    if missing:
        raise SchemaError(
            f"aggregate: no column(s) {listing(missing)} (found: {listing(data.columns)})."
        )
    not_int = [c for c in columns if not pd.api.types.is_integer_dtype(data[c].dtype)]
    if not_int:
        raise SchemaError(
            f"aggregate sums counts only; {listing(not_int)} are not integer columns. Rates and "
            "medians cannot be summed: aggregate their numerators and denominators instead."
        )
    values = data[list(columns)].astype("Int64")

    if (
        isinstance(by, Sequence)
        and not isinstance(by, str)
        and all(isinstance(a, CustomArea) for a in by)
    ):
        rows = {}
        for area in by:
            absent = [s for s in area.sectors if s not in data.index]
            if absent:
                raise DataError(
                    f"custom area {area.name!r}: sectors {listing(absent)} are not in "
                    "the data (another vintage or municipality?)."
                )
            rows[area.name] = _sum_block(values.loc[list(area.sectors)], na)
        out = pd.DataFrame.from_dict(rows, orient="index")
        out.index.name = "area"
        return _finish_counts(out, columns, na)

    if isinstance(by, str):
        if by not in data:
            raise SchemaError(
                f"aggregate: no column {by!r} to group by (found: {listing(data.columns)})."
            )
        keys = data[by]
        name = by
    else:
        if isinstance(by, pd.Series):
            keys = by.reindex(data.index)
        elif isinstance(by, Mapping):
            keys = pd.Series(by).reindex(data.index)
        else:
            raise SchemaError(
                "aggregate: 'by' must be a column name, a mapping sector → group, a Series or a "
                f"list of CustomArea; got {type(by).__name__}."
            )
        name = getattr(by, "name", None) or "group"
    if keys.isna().any():
        raise DataError(
            f"aggregate: {int(keys.isna().sum())} sectors have no {name}: "
            f"{listing(data.index[keys.isna().to_numpy()])}. Assign them first."
        )
    keys = keys.astype(str)
    grouped = values.groupby(keys.to_numpy(), sort=False)
    if na == "propagate":
        sums = grouped.sum(min_count=1)
        has_na = values.isna().groupby(keys.to_numpy(), sort=False).any()
        sums = sums.mask(has_na)
        # an all-NA group sums to NA through min_count; a group of zeros stays 0
    else:
        sums = grouped.sum(min_count=0)
        for c in columns:
            sums[f"{c}_n_missing"] = values[c].isna().groupby(keys.to_numpy(), sort=False).sum()
    sums["n_sectors"] = grouped.size()
    sums.index.name = name
    return _finish_counts(sums, columns, na)


def _sum_block(block: pd.DataFrame, na: str) -> dict[str, object]:
    row: dict[str, object] = {}
    for c in block.columns:
        col = block[c]
        if na == "propagate":
            row[c] = pd.NA if col.isna().any() else int(col.sum())
        else:
            row[c] = int(col.sum(skipna=True))
            row[f"{c}_n_missing"] = int(col.isna().sum())
    row["n_sectors"] = len(block)
    return row


def _finish_counts(frame: pd.DataFrame, columns: Sequence[str], na: str) -> pd.DataFrame:
    for c in columns:
        frame[c] = frame[c].astype("Int64")
    frame["n_sectors"] = frame["n_sectors"].astype("int64")
    return frame


def area_outlines(
    members: Mapping[str, Sequence[str]],
    sectors: gpd.GeoDataFrame,
    wijken: gpd.GeoDataFrame,
) -> gpd.GeoDataFrame:
    """Return an outline polygon for each custom area, and how it was drawn.

    ``how`` says which: ``sector_polygons`` (the union of the real sector polygons),
    ``wijken`` (the area is made of whole wijken: the union of their polygons, exact) or
    ``voronoi`` (an approximation where only sector centroids are known: each sector's
    Voronoi cell around the centroids of its wijk, clipped to the wijk polygon).

    Parameters
    ----------
    members
        Area name → its sector codes (in the vintage of ``sectors``).
    sectors
        Sectors with ``wijk`` and a geometry (polygon or centroid), indexed by code.
    wijken
        Wijk polygons indexed by wijk code, in the CRS of ``sectors``.
    """
    check_same_crs(sectors, wijken, names=("sectors", "wijken"))
    unknown = sorted({c for codes in members.values() for c in codes} - set(sectors.index))
    if unknown:
        raise DataError(f"area_outlines: sectors {listing(unknown)} are not in the sectors frame.")
    is_poly = sectors.geometry.geom_type.isin(["Polygon", "MultiPolygon"])
    cells: gpd.GeoSeries | None = None
    rows = []
    for name, codes in members.items():
        codes = list(codes)
        if codes and is_poly.loc[codes].all():
            geom, how = sectors.geometry.loc[codes].union_all(), "sector_polygons"
        else:
            wk = set(sectors.loc[codes, "wijk"].dropna())
            whole = set(sectors.index[sectors["wijk"].isin(wk)]) == set(codes)
            if codes and whole and wk <= set(wijken.index):
                geom, how = wijken.geometry.loc[sorted(wk)].union_all(), "wijken"
            else:
                if cells is None:
                    cells = _voronoi_cells(sectors, wijken)
                have = [c for c in codes if c in cells.index]
                geom = cells.loc[have].union_all() if have else None
                how = "voronoi"
        rows.append({"area": name, "how": how, "geometry": geom})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=sectors.crs).set_index("area")


def _voronoi_cells(sectors: gpd.GeoDataFrame, wijken: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Each located sector's Voronoi cell among the sectors of its wijk, clipped to the wijk."""
    pts = sectors.geometry.where(sectors.geometry.notna())
    pts = pts[pts.notna() & ~pts.is_empty].representative_point()
    out: dict[str, BaseGeometry] = {}
    for wijk, block in pts.groupby(sectors["wijk"].reindex(pts.index)):
        if wijk not in wijken.index or wijken.geometry.loc[wijk] is None:
            continue
        poly = wijken.geometry.loc[wijk]
        if len(block) == 1:
            out[block.index[0]] = poly
            continue
        diagram = shapely.voronoi_polygons(
            shapely.MultiPoint(list(block.to_numpy())), extend_to=poly, ordered=True
        )
        for code, cell in zip(block.index, shapely.get_parts(diagram), strict=True):
            out[code] = shapely.intersection(cell, poly)
    return gpd.GeoSeries(out, crs=sectors.crs)
