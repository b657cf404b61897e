"""Catalogue of the named open datasets wijkanalyse reads, and :func:`fetch` to get them.

Every dataset has a stable id (e.g. ``"statbel_census2021_age65"``), its provenance (publisher,
licence, the attribution text the licence asks for, the public source), the format, CRS and
statistical-sector vintage of the file, and the sha256 of the exact file the catalogue
describes.

:func:`fetch` returns a local path, looking in this order:

1. the **mirror**: a folder that holds the files under their catalogue paths
   (:func:`wijkanalyse.settings.resolved_data_mirror`; ``../shared/data`` next to the
   checkout by default). Mirror files are checked against the catalogue hash;
2. the **cache** (:func:`wijkanalyse.settings.resolved_cache_dir`);
3. a **download** into the cache, from the HTTP mirror ``WIJKANALYSE_DATA_URL`` when set, else
   from the dataset's public address. Downloads are verified against the sha256 (with
   pooch); a file that does not match is removed and an error raised.

Several files are conversions made when the data was collected (e.g. a shapefile turned into a
GeoPackage with its CRS set). They have no public address with identical bytes: ``url`` is
``None`` and ``derived`` says how they were made; such files come only from a mirror.

Examples
--------
>>> from wijkanalyse import datasets
>>> ds = datasets.get_dataset("statbel_census2021_age65")
>>> ds.vintage, ds.publisher
(2024, 'Statbel (Algemene Directie Statistiek)')
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd

from wijkanalyse import settings
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import close_matches, listing

__all__ = [
    "CATALOGUE",
    "READ_OPTIONS",
    "Dataset",
    "Source",
    "SourceLike",
    "catalogue_markdown",
    "dataset_of",
    "fetch",
    "get_dataset",
    "identify",
    "list_datasets",
    "resolve_source",
]

log = logging.getLogger(__name__)

_PINC_REPO = "https://github.com/provinciesincijfers/gebiedsniveaus"
_PINC_COMMIT = "3b1b6d8d3548e495f597db134f437f0d08898535"
_PINC_RAW = f"https://raw.githubusercontent.com/provinciesincijfers/gebiedsniveaus/{_PINC_COMMIT}"
_TTH_COMMIT = "081ed84709f8fb10f19d56224f5907ac202acffa"
_TTH_RAW = f"https://raw.githubusercontent.com/sdaeneki/TravelTime_Hospitals/{_TTH_COMMIT}"
_TTH_TREE = f"https://github.com/sdaeneki/TravelTime_Hospitals/blob/{_TTH_COMMIT}"
_BMS_TREE = (
    "https://github.com/bnosac/BelgiumMaps.StatBel/blob/a8572644ae6f855259f56b365f69af0686ab9cb7"
)
_BMO_TREE = (
    "https://github.com/weRbelgium/BelgiumMaps.OpenStreetMap/blob/"
    "76edb13befb65f96dbc8f48e1e7748703423be66"
)
_FLU_COMMIT = "ee0c4ff673b1fc4806954286ec53d425f0e0f253"
_FLU_TREE = f"https://github.com/provinciesincijfers/fluvius-open-data/blob/{_FLU_COMMIT}"
_FLU_RAW = f"https://raw.githubusercontent.com/provinciesincijfers/fluvius-open-data/{_FLU_COMMIT}"
_SDV_COMMIT = "07d443508617969798e37bd5e73b5483b82d3513"
_SDV_TREE = f"https://github.com/provinciesincijfers/swing-data-validation/blob/{_SDV_COMMIT}"
_SDV_RAW = (
    f"https://raw.githubusercontent.com/provinciesincijfers/swing-data-validation/{_SDV_COMMIT}"
)
_RIN_TREE = "https://github.com/rinde/RinSim/blob/5506007f62246bbfc2cb21d136c368880fc75cac"

_PINC_LICENCE = (
    "Not stated in the source repository; Statbel/NGI open data reworked by Provincies in "
    "Cijfers ('vereenvoudigde geometrie op basis van de open data van statbel')"
)
_PINC_ATTRIBUTION = (
    "Bron: Provincies in Cijfers (Data & Analyse van de Vlaamse provincies), op basis van "
    "open data van Statbel"
)
_WIJK_LICENCE = "Modellicentie Gratis Hergebruik Vlaanderen v1.0"
_WIJK_ATTRIBUTION = (
    "Wijken voor omgevingsanalyse. © gemeentebesturen, verzameld door Data & Analyse van de "
    "Vlaamse provincies (https://github.com/provinciesincijfers/gebiedsniveaus/blob/master/"
    "gemeente_statsec_wijken/readme.md)"
)
_STATBEL_LICENCE = (
    "Statbel open data licence ('Licentie open data Algemene Directie Statistiek'); the "
    "preprocessing repository states no licence"
)
_TTH_ATTRIBUTION = (
    "Statbel (Algemene Directie Statistiek); voorbewerking: Daenekindt, S. (2025), De "
    "(On)Bereikbaarheid van Ziekenhuizen in België, Tijdschrift Sociologie 6: 65-75, "
    "doi:10.38139/ts.94750"
)
_OSM_LICENCE = "Open Database License (ODbL) 1.0"
_OSM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"


@dataclass(frozen=True)
class Dataset:
    """One catalogued dataset: a single file, with its provenance.

    Attributes
    ----------
    id
        Stable identifier used in study files and :func:`fetch`.
    title
        Short description.
    publisher
        Who publishes the data.
    licence
        The licence, as stated by the source (or that none is stated).
    attribution
        The text the licence asks users to show.
    source_url
        The official landing page or original public file the data comes from.
    path
        Path of the file inside the mirror and the cache.
    format
        ``csv``, ``xlsx``, ``gpkg``, ...
    sha256
        Hash of the exact file this entry describes.
    coverage
        Area the data covers (e.g. ``"Belgium"``, ``"arrondissement Leuven"``).
    crs
        CRS of the geometries, if any.
    vintage
        Statistical-sector code vintage (2011, 2019, 2024 for 2020-2024 codes, 2025), if any.
    url
        Public address that serves a byte-identical file, or ``None``.
    derived
        How the catalogued file was made from the source when it is not a byte-identical copy.
    layer
        Layer to read, for multi-layer files.
    encoding
        Text encoding, for text files.
    reference_year
        Year the figures refer to (census 2021, income year 2021, sectors 2024), if any.
    complete
        For count tables: ``True`` when the table covers every unit with a non-zero count, so
        a sector absent from the table has a count of 0 (a census does); ``False`` otherwise.
    notes
        Caveats a user should know.
    extent
        NIS codes of the areas the data cover completely: municipalities, arrondissements,
        provinces, ``02000`` (Flemish Region), ``04000`` (Brussels) or ``01000`` (Belgium).
        Empty when the coverage is not a set of whole areas. See
        :func:`wijkanalyse.areas.not_covered`.
    facility_types
        For a facility source: the facility types it provides (for an OSM extract, the
        everyday types wijkanalyse reads from it by default).
    read_as
        For a facility source: how a study reads it, ``"register"`` or ``"osm"``, followed by
        the options of :func:`wijkanalyse.io.read_facilities` it needs as ``name=value``
        (e.g. ``("register", "facility_type=hospital", "name_col=ziekenhuis")``).
    """

    id: str
    title: str
    publisher: str
    licence: str
    attribution: str
    source_url: str
    path: str
    format: str
    sha256: str
    coverage: str
    crs: str | None = None
    vintage: int | None = None
    url: str | None = None
    derived: str | None = None
    layer: str | None = None
    encoding: str | None = None
    complete: bool = False
    reference_year: int | None = None
    notes: str = ""
    extent: tuple[str, ...] = ()
    facility_types: tuple[str, ...] = ()
    read_as: tuple[str, ...] = ()

    @property
    def read_options(self) -> dict[str, str]:
        """The reading options of a facility source (``read_as`` after its kind) as a dict."""
        return dict(opt.split("=", 1) for opt in self.read_as[1:])


_ENTRIES = [
    Dataset(
        id="pinc_statsec2024_als_basis",
        title="Statistical sectors 2024 (codes 2020-2024) with every higher level: deelgemeente, "
        "gemeente, wijk (ggw72024), arrondissement, province",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_PINC_LICENCE,
        attribution=_PINC_ATTRIBUTION,
        source_url=f"{_PINC_REPO}/blob/{_PINC_COMMIT}/verzamelbestanden/statsec2024_als_basis.xlsx",
        url=f"{_PINC_RAW}/verzamelbestanden/statsec2024_als_basis.xlsx",
        path="provinciesincijfers_gebiedsniveaus/tables/statsec2024_als_basis.xlsx",
        format="xlsx",
        sha256="7f32e307998e5382a00650c57a75031e9942e17bc6390b0f419feb43d78ac1b0",
        coverage="Flanders and Brussels",
        extent=("02000", "04000"),
        vintage=2024,
        notes="10 241 sectors; pseudo-sectors 'ZZZZ' (niet te lokaliseren) included.",
    ),
    Dataset(
        id="pinc_statsec2025_als_basis",
        title="Statistical sectors 2025 (new codes) with every higher level: deelgemeente, "
        "gemeente, wijk (ggw7), arrondissement, province",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_PINC_LICENCE,
        attribution=_PINC_ATTRIBUTION,
        source_url=f"{_PINC_REPO}/blob/{_PINC_COMMIT}/verzamelbestanden/statsec_als_basis.xlsx",
        url=f"{_PINC_RAW}/verzamelbestanden/statsec_als_basis.xlsx",
        path="provinciesincijfers_gebiedsniveaus/tables/statsec_als_basis.xlsx",
        format="xlsx",
        sha256="4eb81e0e089560400e1893a6da82e76bccc8f4f527e2a253dd74e3bb324c457c",
        coverage="Flanders and Brussels",
        extent=("02000", "04000"),
        vintage=2025,
        notes="10 902 sectors; municipalities after the mergers of 1 January 2025.",
    ),
    Dataset(
        id="pinc_statsec2019_statsec2024",
        title="Statistical-sector codes 2019 to 2024 (official correspondence)",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_PINC_LICENCE,
        attribution=_PINC_ATTRIBUTION,
        source_url=(
            f"{_PINC_REPO}/blob/{_PINC_COMMIT}/data_voor_swing/aggregatietabellen/"
            "statsec2019_statsec2024.xlsx"
        ),
        url=f"{_PINC_RAW}/data_voor_swing/aggregatietabellen/statsec2019_statsec2024.xlsx",
        path="provinciesincijfers_gebiedsniveaus/tables/statsec2019_statsec2024.xlsx",
        format="xlsx",
        sha256="616017e7c0060446af843b934f09dddc9bede9fc23ade8c9bbe22216893f8ccc",
        coverage="Flanders and Brussels",
        extent=("02000", "04000"),
    ),
    Dataset(
        id="pinc_ggw72024_names",
        title="Names of the wijken built on the 2024 sectors (ggw72024)",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_PINC_LICENCE,
        attribution=_WIJK_ATTRIBUTION,
        source_url=f"{_PINC_REPO}/blob/{_PINC_COMMIT}/data_voor_swing/gebiedsdefinities/ggw72024.xlsx",
        url=f"{_PINC_RAW}/data_voor_swing/gebiedsdefinities/ggw72024.xlsx",
        path="provinciesincijfers_gebiedsniveaus/tables/ggw72024.xlsx",
        format="xlsx",
        sha256="fcb97c813a80572b1e69fb5334f13c390dcd24856fee5f22d5afd022d0ae1630",
        coverage="Flanders and Brussels",
        extent=("02000", "04000"),
        vintage=2024,
    ),
    Dataset(
        id="pinc_ggw7_names",
        title="Names of the wijken built on the 2025 sectors (ggw7)",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_WIJK_LICENCE,
        attribution=_WIJK_ATTRIBUTION,
        source_url=f"{_PINC_REPO}/blob/{_PINC_COMMIT}/data_voor_swing/gebiedsdefinities/ggw7.xlsx",
        url=f"{_PINC_RAW}/data_voor_swing/gebiedsdefinities/ggw7.xlsx",
        path="provinciesincijfers_gebiedsniveaus/tables/ggw7.xlsx",
        format="xlsx",
        sha256="d48953756910bec882e58374cc0d554278e55cbd2c0efad75346e2f25a0492be",
        coverage="Flanders and Brussels",
        extent=("02000", "04000"),
        vintage=2025,
    ),
    Dataset(
        id="pinc_deelgemeenten_belgie",
        title="Sector to deelgemeente, municipality and province, all of Belgium (2011-2018 codes)",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_PINC_LICENCE,
        attribution=_PINC_ATTRIBUTION,
        source_url=(
            f"{_PINC_REPO}/blob/{_PINC_COMMIT}/deelgemeenten/deelgemeenten2024/"
            "deelgemeenten_belgie.csv"
        ),
        url=f"{_PINC_RAW}/deelgemeenten/deelgemeenten2024/deelgemeenten_belgie.csv",
        path="provinciesincijfers_gebiedsniveaus/tables/deelgemeenten_belgie.csv",
        format="csv",
        sha256="c54e803ea3b3c89481e2e430b795c4dd62329b7203551b70accd2dfca2b8ae0b",
        coverage="Belgium",
        extent=("01000",),
        vintage=2011,
        encoding="cp1252",
        notes="';'-separated, cp1252. The sector codes equal Statbel's 2011 list for Flanders "
        "(pre-2019 municipalities) although the source folder is named 'deelgemeenten2024'. "
        "Some French names were already garbled in the source.",
    ),
    Dataset(
        id="statbel_sectors_2011",
        title="Statbel statistical sectors 2011 with municipality, arrondissement, province, "
        "region and NUTS (no geometry)",
        publisher="Statbel (Algemene Directie Statistiek)",
        licence="Licentie open data Algemene Directie Statistiek (compatible with CC-BY 2.0)",
        attribution="(C) Algemene Directie Statistiek - Statistics Belgium",
        source_url=f"{_BMS_TREE}/data/BE_ADMIN_HIERARCHY.RData",
        derived="data.frame BE_ADMIN_HIERARCHY read with the PyPI package rdata and written as "
        "UTF-8 CSV",
        path="statbel_via_BelgiumMaps.StatBel/statbel_sectors_2011_hierarchy_belgium.csv",
        format="csv",
        sha256="f05f8f8228f63ea3ac9870e4443ae73c39fd8ca99e60865a08c9aecc610ab7ed",
        coverage="Belgium",
        extent=("01000",),
        vintage=2011,
        encoding="utf-8",
    ),
    Dataset(
        id="statbel_sector_centroids_2024",
        title="Centroids of the Statbel statistical sectors 2024 (sh_statbel_statistical_"
        "sectors_3812_20240101)",
        publisher="Statbel (Algemene Directie Statistiek)",
        licence=_STATBEL_LICENCE,
        attribution=_TTH_ATTRIBUTION,
        source_url="https://statbel.fgov.be/nl/open-data/statistische-sectoren-2024",
        url=f"{_TTH_RAW}/Preprocessed/Sites/centroids_sites.gpkg",
        path="statbel_via_TravelTime_Hospitals/statbel_sector_centroids_2024_belgium_3812.gpkg",
        format="gpkg",
        sha256="fad724787c2ddcd8064953f7ffdfd4a243f99571919d61c16cc0e5c3dd7446b5",
        coverage="Belgium",
        extent=("01000",),
        crs="EPSG:3812",
        vintage=2024,
        reference_year=2024,
        layer="centroids_sites",
        notes="Centroids (st_centroid), not polygons: a centroid can fall outside a concave "
        "sector. 'ZZZZ' pseudo-sectors have no centroid.",
    ),
    Dataset(
        id="statbel_census2021_age65",
        title="Census 2021 population per statistical sector, 65+ and under 65",
        publisher="Statbel (Algemene Directie Statistiek)",
        licence=_STATBEL_LICENCE,
        attribution=_TTH_ATTRIBUTION,
        source_url=(
            "https://statbel.fgov.be/nl/open-data/census-2021-bevolking-naar-statistische-"
            "sector-van-de-verblijfplaats-geslacht-en-leeftijd"
        ),
        url=f"{_TTH_RAW}/Preprocessed/Leeftijdgegevens_per_StatS.csv",
        path="statbel_via_TravelTime_Hospitals/statbel_census2021_age65_per_sector_belgium.csv",
        format="csv",
        sha256="e7e1bdf55897313fe0a8c68ca21cd6d40d83c04dbc44eb8f1e67f513efe52e49",
        coverage="Belgium",
        extent=("01000",),
        vintage=2024,
        encoding="utf-8",
        complete=True,
        reference_year=2021,
        notes="Reference date 1 January 2021; Belgium total 11 521 238 = the census count, so "
        "a sector absent from the table has no residents. Empty 'rest' = no residents under 65 "
        "(the census table omits empty cells).",
    ),
    Dataset(
        id="statbel_income2021",
        title="Fiscal income per statistical sector, income year 2021 (TF_PSNL_INC_TAX_SECTOR)",
        publisher="Statbel (Algemene Directie Statistiek)",
        licence=_STATBEL_LICENCE,
        attribution=_TTH_ATTRIBUTION,
        source_url="https://statbel.fgov.be/nl/open-data/fiscale-statistiek-van-de-inkomsten-sector",
        url=f"{_TTH_RAW}/Preprocessed/Inkomengegevens_per_StatS.csv",
        path="statbel_via_TravelTime_Hospitals/statbel_income2021_per_sector_belgium.csv",
        format="csv",
        sha256="b379714dd93d705b16c38954d7ab1b577a4b901584331c9bf6e2722b34e1c35e",
        coverage="Belgium",
        extent=("01000",),
        vintage=2024,
        encoding="utf-8",
        reference_year=2021,
        notes="Net taxable income per tax return (not per inhabitant), in euro. Empty cells "
        "were suppressed by Statbel; 'niet te lokaliseren' rows were removed at source.",
    ),
    Dataset(
        id="pinc_wijken_ggw72024_arr_leuven",
        title="Wijken built on the 2024 sectors (ggw72024), arrondissement Leuven",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_PINC_LICENCE,
        attribution=_WIJK_ATTRIBUTION,
        source_url=f"{_PINC_REPO}/tree/{_PINC_COMMIT}/data_voor_swing/shapefiles",
        derived="ggw72024 shapefile converted to GeoPackage, CRS EPSG:31370 set, wijken that "
        "intersect arrondissement Leuven kept whole",
        path="provinciesincijfers_gebiedsniveaus/ggw72024_wijken_arr_leuven.gpkg",
        format="gpkg",
        sha256="f50da9d7195f9b43b5b704de116aefeddb0cb8e287ef724609b75ee3ac33e544",
        coverage="arrondissement Leuven",
        extent=("24000",),
        crs="EPSG:31370",
        vintage=2024,
        layer="ggw72024",
    ),
    Dataset(
        id="pinc_wijken_ggw7",
        title="Wijken built on the 2025 sectors (ggw7), Flanders and Brussels",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_WIJK_LICENCE,
        attribution=_WIJK_ATTRIBUTION,
        source_url=(f"{_PINC_REPO}/tree/{_PINC_COMMIT}/gemeente_statsec_wijken/shapefile%20wijken"),
        derived="ggw7 shapefile converted to GeoPackage, CRS EPSG:31370 set (the source has no "
        ".prj in this folder)",
        path="provinciesincijfers_gebiedsniveaus/ggw7_wijken_vlaanderen_brussel.gpkg",
        format="gpkg",
        sha256="779306a8dfbd8369c2bd5d40666d87357ea9334bf44d00e1c0117f09d433f2d1",
        coverage="Flanders and Brussels",
        extent=("02000", "04000"),
        crs="EPSG:31370",
        vintage=2025,
        layer="ggw7",
    ),
    Dataset(
        id="pinc_deelgemeenten_2024",
        title="Deelgemeenten (sub-municipalities) 2024, Flanders and Brussels",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_PINC_LICENCE + "; reworked NGI data",
        attribution=_PINC_ATTRIBUTION + " en NGI",
        source_url=f"{_PINC_REPO}/tree/{_PINC_COMMIT}/data_voor_swing/shapefiles",
        derived="deelgemeente2024 shapefile converted to GeoPackage, CRS EPSG:31370 set",
        path="provinciesincijfers_gebiedsniveaus/deelgemeente2024_vlaanderen_brussel.gpkg",
        format="gpkg",
        sha256="e76793c05ffb03244a02105066633550106525b583509a83a82afc1ab7845d31",
        coverage="Flanders and Brussels",
        extent=("02000", "04000"),
        crs="EPSG:31370",
        vintage=2024,
        layer="deelgemeente2024",
    ),
    Dataset(
        id="pinc_gemeenten_2024",
        title="Municipalities 2024 (before the 2025 mergers), Flanders and Brussels",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_PINC_LICENCE,
        attribution=_PINC_ATTRIBUTION,
        source_url=f"{_PINC_REPO}/tree/{_PINC_COMMIT}/data_voor_swing/shapefiles",
        derived="gemeente2024 shapefile converted to GeoPackage, CRS EPSG:31370 set",
        path="provinciesincijfers_gebiedsniveaus/gemeente2024_vlaanderen_brussel.gpkg",
        format="gpkg",
        sha256="7dae8a4ac8a52911547b275b2ea62d9648c14b2431b95d79500379d68305a80b",
        coverage="Flanders and Brussels",
        extent=("02000", "04000"),
        crs="EPSG:31370",
        vintage=2024,
        layer="gemeente2024",
    ),
    Dataset(
        id="leuven_centres_reference",
        title="Leuven buurtcentra and lokale dienstencentra (approximate reference list, "
        "2014-2023)",
        publisher="wijkanalyse project (compiled from public pages, OpenStreetMap and Statbel)",
        licence="Locations from OpenStreetMap 2015 (ODbL 1.0) or Statbel sector centroids; "
        "names and existence from the public pages named per row",
        attribution=_OSM_ATTRIBUTION + "; Statbel",
        source_url="https://www.leuven.be",
        derived="compiled for this project; each row names its source and how it was located",
        path="leuven_centres_reference/leuven_centres_2014_2023.csv",
        format="csv",
        sha256="0d0f64a14d37936cc2628e81eb59f27eee42033912a6d84865207878530fdd25",
        coverage="Leuven",
        extent=("24062",),
        crs="EPSG:31370",
        encoding="utf-8",
        notes="Approximate locations (see location_confidence). Replace with the city's own "
        "register for decisions.",
        facility_types=("buurtcentrum", "lokaal_dienstencentrum"),
        read_as=("register",),
    ),
    Dataset(
        id="osm2015_points",
        title="OpenStreetMap points of interest (Geofabrik, 2015-11-02), arrondissement Leuven",
        publisher="OpenStreetMap contributors, extracted by Geofabrik",
        licence=_OSM_LICENCE,
        attribution=_OSM_ATTRIBUTION,
        source_url=f"{_BMO_TREE}/data/BE_OSM_POINTS.RData",
        derived="SpatialPointsDataFrame read with rdata and shapely, clipped to arrondissement "
        "Leuven, written as GeoPackage",
        path="osm_geofabrik_2015_via_BelgiumMaps.OpenStreetMap/osm2015_points_leuven_area.gpkg",
        format="gpkg",
        sha256="1f585b3ed967637657d03bfc3fe32c92849f67f5ea3729f7bf93b9837635efaa",
        coverage="arrondissement Leuven",
        extent=("24000",),
        crs="EPSG:4326",
        layer="osm2015_points",
        notes="OSM nodes only (facilities mapped as building polygons are absent); 'type' is "
        "truncated to 16 characters; ten years old.",
        facility_types=(
            "pharmacy",
            "doctors",
            "dentist",
            "school",
            "kindergarten",
            "library",
            "supermarket",
            "post_office",
            "social_facility",
            "community_centre",
            "townhall",
        ),
        read_as=("osm",),
    ),
    Dataset(
        id="hospital_emergency_campuses_2024",
        title="Hospital campuses with an emergency function, Belgium (FOD Volksgezondheid, "
        "12/2024)",
        publisher="FOD Volksgezondheid (list); geocoded by S. Daenekindt",
        licence="FOD Volksgezondheid open address list; the preprocessing repository states "
        "no licence",
        attribution="FOD Volksgezondheid; geocodering: Daenekindt, S. (2025), De "
        "(On)Bereikbaarheid van Ziekenhuizen in België, Tijdschrift Sociologie 6: 65-75, "
        "doi:10.38139/ts.94750",
        source_url=f"{_TTH_TREE}/Preprocessed/Sites/hospitals_sites.gpkg",
        url=f"{_TTH_RAW}/Preprocessed/Sites/hospitals_sites.gpkg",
        path="statbel_via_TravelTime_Hospitals/hospital_emergency_campuses_belgium_2024.gpkg",
        format="gpkg",
        sha256="638266e275a5b4546ae3b943186bb43a0f58ea80c122967655e034896449af67",
        coverage="Belgium",
        extent=("01000",),
        crs="EPSG:4326",
        layer="hospitals_sites",
        reference_year=2024,
        notes="124 campuses with 'eerste opvang' or 'gespecialiseerde spoedgevallenzorg'; one "
        "row per campus (column 'ziekenhuis' = name -- address); geocoded addresses.",
        facility_types=("hospital",),
        read_as=("register", "facility_type=hospital", "name_col=ziekenhuis"),
    ),
    Dataset(
        id="leuven_road_graph_2013",
        title="Leuven road graph from OpenStreetMap (c. 2011-2013), RinSim",
        publisher="OpenStreetMap contributors; graph by RinSim (KU Leuven DistriNet)",
        licence=_OSM_LICENCE,
        attribution=_OSM_ATTRIBUTION + "; RinSim (Apache-2.0)",
        source_url=f"{_RIN_TREE}/example/src/main/resources/data/maps/leuven-simple.dot",
        derived="Graphviz .dot parsed, RinSim's projection inverted and reprojected to "
        "EPSG:31370; layers 'nodes' and 'edges'",
        path="osm_road_graph_2013_via_RinSim/leuven_road_graph_rinsim2013.gpkg",
        format="gpkg",
        sha256="2a6e9ab3dec7d1b1b8de472f846f0e9caa4fa2fcf0bd764d8c736bbfb5780679",
        coverage="Leuven and surroundings (not Wijgmaal)",
        crs="EPSG:31370",
        notes="A road network, not a walking network: footways, cycleways, pedestrian streets, "
        "steps and service roads are missing. Wijgmaal has no roads in it.",
    ),
    Dataset(
        id="osm_tervuursevest_2016",
        title="OpenStreetMap XML extract around the Tervuursevest, Leuven (2016)",
        publisher="OpenStreetMap contributors",
        licence=_OSM_LICENCE,
        attribution=_OSM_ATTRIBUTION,
        source_url="https://github.com/VincentVanGestel/osm-to-dot-converter/blob/"
        "2ce3a03/files/maps/Tervuursevest.osm",
        derived="byte-for-byte copy of an OSM API 0.6 map call (all tags)",
        path="osm_tervuursevest_2016_via_osm-to-dot-converter/Tervuursevest.osm",
        format="osm",
        sha256="3e5021d5f00e70b937d30578f8654ee54b598301230dccb98688c6ca01b81e00",
        coverage="about 1.2 x 0.7 km around the Tervuursevest (south-west Leuven)",
        crs="EPSG:4326",
        reference_year=2016,
        notes="A complete walking network (footways, paths, steps, cycleways) of a small area; "
        "latest edit 2016-09-29.",
    ),
    Dataset(
        id="arr_leuven_sectors_2024_census_income",
        title="Sector centroids 2024 of arrondissement Leuven joined to census 2021 and income "
        "2021 (reference join made when the data was collected)",
        publisher="wijkanalyse project (from Statbel and Provincies in Cijfers data)",
        licence=_STATBEL_LICENCE,
        attribution=_TTH_ATTRIBUTION + "; " + _PINC_ATTRIBUTION,
        source_url=_TTH_TREE,
        derived="centroids reprojected 3812 to 31370 and joined by cd_sector to the census, "
        "income and PinC tables; used by the tests as an independent reference",
        path="statbel_via_TravelTime_Hospitals/arr_leuven_sector_centroids2024_census2021_"
        "income2021.gpkg",
        format="gpkg",
        sha256="5fbb5a1519f13c403c010be717ddc85847f65c7738dca37b22aa02c6be844a71",
        coverage="arrondissement Leuven",
        extent=("24000",),
        crs="EPSG:31370",
        vintage=2024,
        layer="sectors",
    ),
    Dataset(
        id="fluvius_energy_2018_2021",
        title="Residential and non-residential electricity and gas use per statistical sector "
        "(2019 codes), Flanders, 2018-2021",
        publisher="Fluvius (open data), processed by Provincies in Cijfers",
        licence="Not stated in the source repository; Fluvius open data "
        "('1_06b-verbruiksgegevens-statistische-sector-met-nace-sector')",
        attribution="Bron: Fluvius open data, verwerking Provincies in Cijfers",
        source_url=f"{_FLU_TREE}/upload_elektriciteit_verbruik.xlsx",
        url=f"{_FLU_RAW}/upload_elektriciteit_verbruik.xlsx",
        path="provinciesincijfers_fluvius-open-data/fluvius_energy_per_statsec2019_flanders_"
        "2018_2021.xlsx",
        format="xlsx",
        sha256="a03b617e7c44eee37c7fcdc956c8216aa6e7cd773eb9474b3fc94350f76dd27d",
        coverage="Flanders",
        extent=("02000",),
        vintage=2019,
        reference_year=2021,
        notes="Consumption in kWh per year and number of connections; -99999 = missing (PinC "
        "convention). Sector codes of 2019: move them to 2024 with the official crosswalk.",
    ),
    Dataset(
        id="pinc_open_space_2013_2016",
        title="Land use of open space per statistical sector (2024 codes), Flanders, 2013 and 2016",
        publisher="Provincies in Cijfers (Data & Analyse van de Vlaamse provincies)",
        licence=_PINC_LICENCE,
        attribution="Bron: Provincies in Cijfers, landgebruik open ruimte",
        source_url=f"{_SDV_TREE}/upload_pinc/Upload_landgebruik_open_ruimte_2013_2016.xlsx",
        url=f"{_SDV_RAW}/upload_pinc/Upload_landgebruik_open_ruimte_2013_2016.xlsx",
        path="provinciesincijfers_swing-data-validation/open_space_landuse_per_statsec_2013_"
        "2016.xlsx",
        format="xlsx",
        sha256="4b00cad0ec76db720926272c3c7df183ebefa8f18a5f525f3243deb257416163",
        coverage="Flanders",
        extent=("02000",),
        vintage=2024,
        reference_year=2016,
        notes="Forest, arable land, grassland, shrub, fallow, water, marsh and the total. The "
        "unit is not stated; values are multiples of 100, consistent with m² counted on a "
        "10 m raster.",
    ),
]

#: The catalogue: dataset id → :class:`Dataset`.
CATALOGUE: dict[str, Dataset] = {d.id: d for d in _ENTRIES}
_BY_SHA256: dict[str, Dataset] = {d.sha256: d for d in _ENTRIES}


def get_dataset(dataset_id: str) -> Dataset:
    """Return the catalogue entry ``dataset_id``.

    Raises
    ------
    DataError
        When the id is unknown; the message lists close matches.
    """
    try:
        return CATALOGUE[dataset_id]
    except KeyError:
        pass
    hits = close_matches(dataset_id, CATALOGUE)
    hint = f" Did you mean: {', '.join(hits)}?" if hits else ""
    raise DataError(
        f"unknown dataset id {dataset_id!r}.{hint} `wijkanalyse datasets list` shows all "
        f"{len(CATALOGUE)} ids."
    )


_verified: dict[tuple[str, int, int], str] = {}


def _sha256(path: Path) -> str:
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _verified:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        _verified[key] = h.hexdigest()
    return _verified[key]


def _mirror_file(ds: Dataset) -> Path | None:
    mirror = settings.resolved_data_mirror()
    if mirror is None:
        return None
    path = mirror / ds.path
    if not path.is_file():
        return None
    digest = _sha256(path)
    if digest != ds.sha256:
        raise DataError(
            f"mirror file {path} does not match the catalogue entry {ds.id!r} (sha256 "
            f"{digest[:12]}…, expected {ds.sha256[:12]}…): the mirror holds another version. "
            "Replace the file with the catalogued version, or point WIJKANALYSE_DATA_MIRROR "
            "elsewhere."
        )
    return path


def _download_urls(ds: Dataset) -> list[str]:
    urls = []
    base = settings.resolved_download_base_url()
    if base:
        urls.append(base.rstrip("/") + "/" + ds.path)
    if ds.url:
        urls.append(ds.url)
    return urls


def _remove_empty_dirs(start: Path, stop: Path) -> None:
    d = start
    while d != stop and stop in d.parents:
        try:
            d.rmdir()
        except OSError:
            return
        d = d.parent


def fetch(dataset_id: str, *, progress: bool = False) -> Path:
    """Return a local path to the file of ``dataset_id``: mirror, cache, or download.

    Parameters
    ----------
    dataset_id
        A catalogue id (see :data:`CATALOGUE`).
    progress
        Show a progress bar while downloading.

    Raises
    ------
    DataError
        The id is unknown, the mirror holds a different file, the download failed or its
        sha256 does not match (the partial file is removed), or the dataset is a derived file
        that only a mirror can provide.
    """
    ds = get_dataset(dataset_id)
    mirrored = _mirror_file(ds)
    if mirrored is not None:
        log.debug("dataset %s from the mirror: %s", ds.id, mirrored)
        return mirrored

    cache = settings.resolved_cache_dir()
    target = cache / ds.path
    if target.is_file():
        if _sha256(target) == ds.sha256:
            log.debug("dataset %s from the cache: %s", ds.id, target)
            return target
        log.warning("cached %s does not match its sha256; downloading it again", target)
        target.unlink()

    urls = _download_urls(ds)
    if not urls:
        mirror = settings.resolved_data_mirror()
        where = f"the mirror {mirror}" if mirror else "no mirror (none is configured)"
        raise DataError(
            f"dataset {ds.id!r} ({ds.path}) is not in {where} nor in the cache {cache}, and it "
            f"has no public download: it is a derived file ({ds.derived}). Set "
            "WIJKANALYSE_DATA_MIRROR to a folder that holds it, or WIJKANALYSE_DATA_URL to an "
            "HTTP server that serves it."
        )

    import pooch
    import requests

    if progress:
        try:
            import tqdm  # noqa: F401  (pooch draws its progress bar with tqdm)
        except ImportError:
            log.info("no progress bar: install tqdm to see download progress")
            progress = False
    created = not target.parent.exists()
    errors = []
    for url in urls:
        log.info("downloading %s from %s", ds.id, url)
        try:
            pooch.retrieve(
                url,
                known_hash=f"sha256:{ds.sha256}",
                fname=target.name,
                path=target.parent,
                progressbar=progress,
            )
        except ValueError as exc:
            if "hash" in str(exc).lower():
                errors.append(f"{url}: the file does not match the catalogue sha256 ({exc})")
            else:
                errors.append(f"{url}: {exc}")
        except (requests.RequestException, OSError) as exc:
            errors.append(f"{url}: {type(exc).__name__}: {exc}")
        else:
            return target
    if target.exists():
        target.unlink()
    if created:
        _remove_empty_dirs(target.parent, cache)
    raise DataError(
        f"could not download dataset {ds.id!r}; nothing was kept in the cache:\n"
        + "\n".join(f"  - {e}" for e in errors)
    )


#: The reading options a :class:`Source` can carry; each reader takes those that apply to it.
READ_OPTIONS: tuple[str, ...] = (
    "encoding",
    "sheet",
    "member",
    "layer",
    "assume_crs",
    "code_col",
    "name_col",
    "duplicates",
    "na_values",
    "year",
    "vintage",
)


class Source:
    """A dataset id or a path, with the options to read it (encoding, CRS, layer, ...).

    Every reader of :mod:`wijkanalyse.io`, and the functions that pass a source on to one
    (:func:`~wijkanalyse.areas.load_sectors`, :func:`~wijkanalyse.indicators.sector_inputs`),
    take a ``Source`` wherever they take an id or a path. A reader uses the options it has
    (an encoding says nothing to a GeoPackage); keyword arguments given to the reader win.

    Examples
    --------
    >>> Source("census.csv", encoding="cp1252")
    'census.csv' (encoding='cp1252')
    """

    __slots__ = ("options", "source")

    def __init__(self, source: str | Path, **options: Any) -> None:
        unknown = sorted(set(options) - set(READ_OPTIONS))
        if unknown:
            hits = [h for u in unknown for h in close_matches(u, READ_OPTIONS)]
            hint = f"; did you mean {listing(map(repr, hits))}?" if hits else "."
            raise SchemaError(
                f"Source {str(source)!r}: unknown reading option(s) {listing(unknown)}{hint} "
                f"Options: {', '.join(READ_OPTIONS)}."
            )
        self.source = source
        self.options: dict[str, Any] = {k: v for k, v in options.items() if v is not None}

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self.options.items())
        return f"{str(self.source)!r}" + (f" ({opts})" if opts else "")

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Source)
            and str(other.source) == str(self.source)
            and other.options == self.options
        )

    def __hash__(self) -> int:
        return hash((str(self.source), tuple(sorted(self.options.items()))))


#: What readers take as a source: a dataset id, a path, or a :class:`Source` with options.
SourceLike: TypeAlias = str | Path | Source


def identify(path: str | Path) -> Dataset | None:
    """Return the catalogue entry whose file is byte-identical to ``path``, or ``None``.

    A copy of a catalogued file (same sha256) is that dataset: it gets the dataset's
    metadata (vintage, encoding, coverage, completeness, provenance) wherever it is read.
    """
    p = Path(path)
    if not p.is_file():
        return None
    ds = _BY_SHA256.get(_sha256(p))
    if ds is not None:
        log.info("%s is byte-identical to catalogue dataset %r; read as that dataset", p, ds.id)
    return ds


def dataset_of(source: SourceLike) -> Dataset | None:
    """Return the catalogue entry of a dataset id, or of a file that is a catalogued file.

    Any other source (an unknown id, a file of one's own, a missing path) gives ``None``.
    """
    if isinstance(source, Source):
        source = source.source
    if isinstance(source, str) and source in CATALOGUE:
        return CATALOGUE[source]
    return identify(source)


def resolve_source(source: SourceLike) -> tuple[Path, Dataset | None]:
    """Turn a dataset id or a file path into a local path (and the catalogue entry, if any).

    A :class:`~pathlib.Path`, or a string that names an existing file or contains a path
    separator or a file suffix, is a path; any other string is a dataset id. A path to a
    byte-identical copy of a catalogued file comes back with that entry (see
    :func:`identify`). The options of a :class:`Source` are the reader's business.
    """
    if isinstance(source, Source):
        source = source.source
    if isinstance(source, Path):
        path = source
    elif source in CATALOGUE:
        return fetch(source), CATALOGUE[source]
    elif "/" in source or "\\" in source or Path(source).suffix or Path(source).exists():
        path = Path(source)
    else:
        get_dataset(source)  # raises with close matches
        raise AssertionError("unreachable")
    if not path.exists():
        raise DataError(f"file {str(path)!r} does not exist.")
    return path, identify(path)


def list_datasets() -> pd.DataFrame:
    """Return the catalogue as a DataFrame indexed by dataset id.

    Besides the catalogue fields it has ``available``: ``"mirror"``, ``"cache"``,
    ``"download"`` or ``"missing"`` (a derived file with no mirror).
    """
    rows = []
    mirror = settings.resolved_data_mirror()
    cache = settings.resolved_cache_dir()
    for ds in CATALOGUE.values():
        row = asdict(ds)
        if mirror is not None and (mirror / ds.path).is_file():
            row["available"] = "mirror"
        elif (cache / ds.path).is_file():
            row["available"] = "cache"
        elif _download_urls(ds):
            row["available"] = "download"
        else:
            row["available"] = "missing"
        rows.append(row)
    cols = [f.name for f in fields(Dataset)] + ["available"]
    return pd.DataFrame(rows, columns=cols).set_index("id")


def catalogue_markdown() -> str:
    """Return the catalogue as a Markdown document (the content of ``data/README.md``)."""
    out = [
        "# Dataset catalogue",
        "",
        "Generated by `wijkanalyse datasets list --format markdown`; do not edit by hand. "
        "The catalogue lives in `wijkanalyse/datasets.py`.",
        "",
        "Files are read from the dataset mirror (`WIJKANALYSE_DATA_MIRROR`, by default "
        "`../shared/data` next to the checkout), else from the cache, else downloaded and "
        "checked against the sha256 below. Derived files (no public address with identical "
        "bytes) come only from a mirror.",
        "",
    ]
    for ds in CATALOGUE.values():
        out += [f"## `{ds.id}`", "", ds.title + ".", ""]
        items = [
            ("Publisher", ds.publisher),
            ("Licence", ds.licence),
            ("Attribution", ds.attribution),
            ("Source", ds.source_url),
            ("Download", ds.url or "none (derived file; mirror only)"),
            ("How it was made", ds.derived),
            (
                "File",
                f"`{ds.path}` ({ds.format}"
                + (f", {ds.encoding}" if ds.encoding else "")
                + (f", layer `{ds.layer}`" if ds.layer else "")
                + ")",
            ),
            ("Coverage", ds.coverage),
            ("Covers completely (NIS codes)", ", ".join(ds.extent) or None),
            ("Facility types", ", ".join(ds.facility_types) or None),
            ("CRS", ds.crs),
            ("Sector vintage", str(ds.vintage) if ds.vintage else None),
            ("sha256", f"`{ds.sha256}`"),
            ("Notes", ds.notes or None),
        ]
        out += [f"- **{k}:** {v}" for k, v in items if v]
        out.append("")
    return "\n".join(out)
