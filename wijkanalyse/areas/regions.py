"""Municipalities and study regions of a vintage, with their sectors, wijken and outlines.

**Hierarchy.** Each sector belongs to one wijk, deelgemeente and gemeente of its vintage
(:func:`hierarchy`, from the Provincies in Cijfers tables). The wijken of the 2024 vintage
(``ggw72024``, e.g. ``240621`` Wijgmaal) and of 2025 (``ggw7``, e.g. ``24062W22``) carry the
same names but their boundaries differ: the sectors under them were redrawn.

A study covers a :class:`Region`: one municipality (:func:`municipality`), several, an
arrondissement, a province or Flanders (:func:`region`). This module also owns their
outlines (:func:`municipality_polygon`, :func:`region_polygon`), the wijken of a region
(:func:`wijk_areas`) and which municipalities a catalogue dataset covers
(:func:`not_covered`).
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry.base import BaseGeometry

from wijkanalyse import _i18n, io, settings
from wijkanalyse._errors import WARNING_PREFIX, DataError, DataWarning, SchemaError
from wijkanalyse._i18n import Items, Note
from wijkanalyse._validate import check_nis5, listing
from wijkanalyse.areas.vintages import (
    _WIJK_POLYGONS,
    _full_hierarchy,
    _wijk_polygons,
    wijk_polygon_dataset,
)
from wijkanalyse.datasets import Dataset, get_dataset
from wijkanalyse.vocab import is_pseudo_wijk

__all__ = [
    "FLEMISH_PROVINCES",
    "REGION_LEVELS",
    "Municipality",
    "Region",
    "flemish_municipalities",
    "hierarchy",
    "in_brussels",
    "municipality",
    "municipality_polygon",
    "not_covered",
    "region",
    "region_polygon",
    "wijk_areas",
]


#: NIS codes of the five Flemish provinces (the Flemish Region, NIS 02000, is their union).
FLEMISH_PROVINCES: tuple[str, ...] = ("10000", "20001", "30000", "40000", "70000")


# --------------------------------------------------------------------------- hierarchy


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
    #: how the sectors were found (e.g. a municipality formed in 2025), as notes
    notes: tuple[Note, ...] = ()

    @property
    def note(self) -> str:
        """The :attr:`notes` as text, in the language in effect."""
        return "; ".join(n.render() for n in self.notes)


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
    notes: tuple[Note, ...] = ()
    if not in_muni.any() and "gemeente_2025" in table:
        merged = table["gemeente_2025"] == nis
        if merged.any():
            in_muni = merged
            members = tuple(sorted(table.loc[merged, "gemeente"].unique()))
            notes = (
                _i18n.note(
                    "region_formed_2025", code=nis, vintage=str(vintage), members=Items(members)
                ),
            )
    if not in_muni.any():
        raise DataError(_not_a_municipality(nis, table, vintage))
    rows = table[in_muni]
    name = str(rows["gemeente_name"].iloc[0]) if "gemeente_name" in rows else nis
    if members and "gemeente_name" in rows:
        name = " + ".join(sorted(rows["gemeente_name"].unique()))
    return Municipality(
        code=nis,
        name=name,
        vintage=vintage,
        sectors=tuple(rows.index),
        members=members,
        notes=notes,
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


# --------------------------------------------------------------------------- regions


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
    #: how the sectors were found (e.g. a municipality formed in 2025), as notes
    notes: tuple[Note, ...] = ()

    @property
    def note(self) -> str:
        """The :attr:`notes` as text, in the language in effect."""
        return "; ".join(n.render() for n in self.notes)

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
            notes=tuple(n for m in munis for n in m.notes),
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
        notes=muni.notes,
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


# --------------------------------------------------------------------------- outlines


def region_polygon(area: Region) -> BaseGeometry:
    """Return the outline of a region: the union of its municipalities' 2024 polygons.

    The polygon is in the working CRS (:data:`wijkanalyse.settings.working_crs`).
    """
    return _union_of_municipalities(area.municipalities, settings.working_crs)


@functools.lru_cache(maxsize=8)
def _union_of_municipalities(codes: tuple[str, ...], crs: str) -> BaseGeometry:
    """Return the union of the municipalities' polygons in ``crs`` (the cache is keyed on it).

    The polygons come from a hash-verified catalogue dataset, so the codes and the CRS are
    all the result depends on.
    """
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


def _natural_key(code: str) -> tuple[object, ...]:
    """Sort '240621' < '240622' < '2406210' and 'W01' < 'W02'; pseudo-wijken last."""
    pseudo = is_pseudo_wijk(code)
    parts = re.split(r"(\d+)", str(code))
    return (pseudo, len(str(code)), tuple(int(p) if p.isdigit() else p for p in parts))
