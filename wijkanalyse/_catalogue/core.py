"""The core entries of the dataset catalogue: sectors, wijken, census, income, energy and more.

Each entry holds the keyword arguments of one :class:`wijkanalyse.datasets.Dataset`; the
field meanings are documented there. :mod:`wijkanalyse.datasets` builds ``CATALOGUE`` from
them. Nothing but data lives here.
"""

from __future__ import annotations

from typing import Any

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


#: One dict of :class:`~wijkanalyse.datasets.Dataset` fields per catalogued file.
ENTRIES: list[dict[str, Any]] = [
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
    dict(
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
        "register for decisions. Superseded by leuven_centres_status (the same list with each "
        "centre's status), which `wijkanalyse init` proposes.",
        facility_types=("buurtcentrum", "lokaal_dienstencentrum"),
    ),
    dict(
        id="leuven_centres_status",
        title="Leuven buurtcentra and lokale dienstencentra with their status (approximate "
        "reference list, 2014-2023)",
        publisher="wijkanalyse project (compiled from public pages, OpenStreetMap and Statbel)",
        licence="Locations from OpenStreetMap 2015 (ODbL 1.0) or Statbel sector centroids; "
        "names, existence and status from the public pages named per row",
        attribution=_OSM_ATTRIBUTION + "; Statbel",
        source_url="https://www.leuven.be",
        derived="leuven_centres_reference plus status (existing / planned) and its evidence",
        path="leuven_centres_reference/leuven_centres_2014_2023_status.csv",
        format="csv",
        sha256="7a93919235af0237872f76891ab9285031378668b3f0d739cc45955fbfece19a",
        coverage="Leuven",
        extent=("24062",),
        crs="EPSG:31370",
        encoding="utf-8",
        notes="Buurtfunctie Blauwput is only planned in the Bestuursnota 2013-2018 (no later "
        "evidence offline). The list is incomplete: buurtwerk in Hoogland, Wilsele-dorp and "
        "De Kettekeet could not be located offline. Approximate locations (see "
        "location_confidence).",
        facility_types=("buurtcentrum", "lokaal_dienstencentrum"),
        read_as=("register",),
    ),
    dict(
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
    dict(
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
    dict(
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
    dict(
        id="osm_streets_2025",
        title="OpenStreetMap residential streets 2025 around ten neighbourhood centres "
        "(Leuven Oude Markt, Wijgmaal, …), via indebuurt",
        publisher="OpenStreetMap contributors; extract by the indebuurt project",
        licence=_OSM_LICENCE,
        attribution=_OSM_ATTRIBUTION + "; extract: BluePhoenix91/indebuurt (Apache-2.0)",
        source_url="https://github.com/BluePhoenix91/indebuurt/blob/0ebd480/poc_street_sampling/"
        "data/streets/residential_streets.geojson",
        derived="byte-for-byte copy: Geofabrik belgium-latest (2025) ways with highway "
        "residential, living_street or tertiary within about 1 km of ten centres",
        path="osm_2025_via_indebuurt/residential_streets_2025.geojson",
        format="geojson",
        sha256="5d483a3838280421d2a76ac094b9e8ef1624c7a1469c33ccfd40f9fe2c2ca59b",
        coverage="about 1 km around ten neighbourhood centres in Belgian cities; in Leuven the "
        "Oude Markt (608 ways) and Wijgmaal (188 ways)",
        crs="EPSG:4326",
        reference_year=2025,
        notes="Residential, living and tertiary streets with names only: no footways, paths, "
        "primary or secondary roads. A patch for a network that misses an area (the 2013 "
        "road graph has no Wijgmaal), not a walking network of its own.",
    ),
    dict(
        id="wegenregister_tienen_2023",
        title="Wegenregister extract around Tienen, Hoegaarden and Boutersem (May 2023)",
        publisher="Agentschap Digitaal Vlaanderen (Wegenregister); road-registry test files",
        licence="Modellicentie Gratis Hergebruik Vlaanderen; repository EUPL-1.2",
        attribution="© Agentschap Digitaal Vlaanderen, Wegenregister",
        source_url="https://github.com/Informatievlaanderen/road-registry/blob/12e370b/test/"
        "RoadRegistry.BackOffice.Handlers.Tests/TestFiles/valid-before.zip",
        derived="byte-for-byte copy of the register's shapefile extract (Wegsegment, "
        "eWegsegment, iWegsegment, Wegknoop, attribute and lookup tables)",
        path="wegenregister_via_road-registry/wegenregister_extract_tienen_2023.zip",
        format="zip",
        sha256="484cec01b3f0a334e7f0856b43db5bfc7e198a3ee39c5c928575e556dc244b8a",
        coverage="207 road segments around Tienen, Hoegaarden and Boutersem (not Leuven)",
        crs="EPSG:31370",
        reference_year=2023,
        notes="A format fixture of the official road register, in its full schema: used to "
        "test StreetNetwork.from_wegenregister, not to analyse Leuven.",
    ),
    dict(
        id="wegenregister_herselt",
        title="Wegenregister segment layer of Herselt (road-registry test file)",
        publisher="Agentschap Digitaal Vlaanderen (Wegenregister); road-registry test files",
        licence="Modellicentie Gratis Hergebruik Vlaanderen; repository EUPL-1.2",
        attribution="© Agentschap Digitaal Vlaanderen, Wegenregister",
        source_url="https://github.com/Informatievlaanderen/road-registry/blob/12e370b/test/"
        "RoadRegistry.Tests/Resources/ZipArchiveShapeFileReaderTests/eWegsegment.zip",
        derived="byte-for-byte copy (eWegsegment.shp/.dbf/.prj/.shx)",
        path="wegenregister_via_road-registry/wegenregister_eWegsegment_herselt.zip",
        format="zip",
        sha256="e76857cc5a64d1f4be7a22d876b58c39602ffaa2eb5eb171d5f65ebbe7d497f8",
        coverage="73 road segments in Herselt",
        crs="EPSG:31370",
        notes="A format fixture: the segment layer alone.",
    ),
    dict(
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
    dict(
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
    dict(
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
    dict(
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
