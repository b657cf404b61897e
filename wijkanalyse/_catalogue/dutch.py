"""The catalogue's titles and licences in Dutch, for Dutch reports (the entries are English).

Data only: :mod:`wijkanalyse.datasets` reads ``TITLES`` by dataset id and ``LICENCES`` by the
English licence text, and ``tests/test_datasets.py`` checks that every entry has both. The
attribution a licence asks for is shown as the publisher wrote it, never translated.
"""

from __future__ import annotations

#: Dataset id → Dutch title.
TITLES: dict[str, str] = {
    "pinc_statsec2024_als_basis": "Statistische sectoren 2024 (codes 2020-2024) met elk hoger "
    "niveau: deelgemeente, gemeente, wijk (ggw72024), arrondissement, provincie",
    "pinc_statsec2025_als_basis": "Statistische sectoren 2025 (nieuwe codes) met elk hoger "
    "niveau: deelgemeente, gemeente, wijk (ggw7), arrondissement, provincie",
    "pinc_statsec2019_statsec2024": "Sectorcodes 2019 naar 2024 (officiële omzettingstabel)",
    "pinc_ggw72024_names": "Namen van de wijken op de sectoren van 2024 (ggw72024)",
    "pinc_ggw7_names": "Namen van de wijken op de sectoren van 2025 (ggw7)",
    "pinc_deelgemeenten_belgie": "Sector naar deelgemeente, gemeente en provincie, heel België "
    "(codes 2011-2018)",
    "statbel_sectors_2011": "Statistische sectoren van Statbel 2011 met gemeente, "
    "arrondissement, provincie, gewest en NUTS (zonder geometrie)",
    "statbel_sector_centroids_2024": "Middelpunten van de statistische sectoren van Statbel 2024 "
    "(sh_statbel_statistical_sectors_3812_20240101)",
    "statbel_census2021_age65": "Census 2021: bevolking per statistische sector, 65 jaar en "
    "ouder en jonger dan 65",
    "statbel_income2021": "Fiscale inkomens per statistische sector, inkomensjaar 2021 "
    "(TF_PSNL_INC_TAX_SECTOR)",
    "pinc_wijken_ggw72024_arr_leuven": "Wijken op de sectoren van 2024 (ggw72024), "
    "arrondissement Leuven",
    "pinc_wijken_ggw7": "Wijken op de sectoren van 2025 (ggw7), Vlaanderen en Brussel",
    "pinc_deelgemeenten_2024": "Deelgemeenten 2024, Vlaanderen en Brussel",
    "pinc_gemeenten_2024": "Gemeenten 2024 (voor de fusies van 2025), Vlaanderen en Brussel",
    "leuven_centres_reference": "Buurtcentra en lokale dienstencentra van Leuven (benaderende "
    "referentielijst, 2014-2023)",
    "leuven_centres_status": "Buurtcentra en lokale dienstencentra van Leuven met hun status "
    "(benaderende referentielijst, 2014-2023)",
    "osm2015_points": "Interessepunten van OpenStreetMap (Geofabrik, 2 november 2015), "
    "arrondissement Leuven",
    "osm2015_railways": "Spoorwegen en tramlijnen uit OpenStreetMap (Geofabrik, 2 november 2015), "
    "arrondissement Leuven",
    "osm2015_waterways": "Waterlopen uit OpenStreetMap (Geofabrik, 2 november 2015), "
    "arrondissement Leuven",
    "hospital_emergency_campuses_2024": "Ziekenhuiscampussen met een spoedgevallendienst, België "
    "(FOD Volksgezondheid, december 2024)",
    "leuven_road_graph_2013": "Wegennet van Leuven uit OpenStreetMap (ca. 2011-2013), RinSim",
    "osm_streets_2025": "Woonstraten uit OpenStreetMap 2025 rond tien buurtkernen (Leuven Oude "
    "Markt, Wijgmaal, …), via indebuurt",
    "wegenregister_tienen_2023": "Uittreksel uit het Wegenregister rond Tienen, Hoegaarden en "
    "Boutersem (mei 2023)",
    "wegenregister_herselt": "Wegsegmenten van het Wegenregister in Herselt (testbestand)",
    "osm_tervuursevest_2016": "OpenStreetMap-uittreksel (XML) rond de Tervuursevest, Leuven (2016)",
    "arr_leuven_sectors_2024_census_income": "Sectormiddelpunten 2024 van het arrondissement "
    "Leuven gekoppeld aan census 2021 en inkomens 2021 (referentiekoppeling van bij het "
    "verzamelen)",
    "fluvius_energy_2018_2021": "Elektriciteits- en gasverbruik van woningen en andere "
    "aansluitingen per statistische sector (codes 2019), Vlaanderen, 2018-2021",
    "pinc_income_deelgemeenten_2005_2019": "Fiscale inkomens per deelgemeente (mediaan en "
    "totaal netto belastbaar inkomen per aangifte, aantal aangiften), België, "
    "inkomensjaren 2005-2019",
    "statbel_income_municipalities_2005_2013": "Fiscale inkomens per gemeente "
    "(TF_PSNL_INC_TAX_MUNTY: netto belastbaar inkomen, aantal aangiften), België, "
    "inkomensjaren 2005-2013",
    "pinc_open_space_2013_2016": "Bodemgebruik van de open ruimte per statistische sector "
    "(codes 2024), Vlaanderen, 2013 en 2016",
    "bimd2011_sectors": "Belgische index van meervoudige deprivatie (BIMD) 2011 per "
    "statistische sector (codes 2011)",
    "bimd2001_sectors": "Belgische index van meervoudige deprivatie (BIMD) 2001 per "
    "statistische sector (codes 2001)",
    "bimd2011_municipalities": "Belgische index van meervoudige deprivatie (BIMD) 2011: "
    "gemiddelde scores per gemeente",
    "bimd2001_municipalities": "Belgische index van meervoudige deprivatie (BIMD) 2001: "
    "gemiddelde scores per gemeente",
    "bimd_population_2011": "Bevolking per statistische sector 2011 (codes 2011), de noemers "
    "van de BIMD",
    "bimd_population_2001": "Bevolking per statistische sector 2001 (codes 2001), de noemers "
    "van de BIMD",
}

_PINC = (
    "niet vermeld in de bronrepository; open data van Statbel/NGI, bewerkt door Provincies in "
    "Cijfers ('vereenvoudigde geometrie op basis van de open data van statbel')"
)

#: English licence text (as in the catalogue) → Dutch.
LICENCES: dict[str, str] = {
    "FOD Volksgezondheid open address list; the preprocessing repository states no licence": (
        "open adreslijst van de FOD Volksgezondheid; de repository van de voorbewerking "
        "vermeldt geen licentie"
    ),
    "GPL-3 (the R package bimd, which publishes these tables; LICENSE_GPL-3.txt)": (
        "GPL-3 (het R-pakket bimd, dat deze tabellen publiceert; LICENSE_GPL-3.txt)"
    ),
    "Licentie open data Algemene Directie Statistiek (compatible with CC-BY 2.0)": (
        "Licentie open data Algemene Directie Statistiek (verenigbaar met CC-BY 2.0)"
    ),
    "Locations from OpenStreetMap 2015 (ODbL 1.0) or Statbel sector centroids; names and "
    "existence from the public pages named per row": (
        "ligging uit OpenStreetMap 2015 (ODbL 1.0) of sectormiddelpunten van Statbel; naam en "
        "bestaan uit de openbare pagina's die per rij vermeld zijn"
    ),
    "Locations from OpenStreetMap 2015 (ODbL 1.0) or Statbel sector centroids; names, "
    "existence and status from the public pages named per row": (
        "ligging uit OpenStreetMap 2015 (ODbL 1.0) of sectormiddelpunten van Statbel; naam, "
        "bestaan en status uit de openbare pagina's die per rij vermeld zijn"
    ),
    "Modellicentie Gratis Hergebruik Vlaanderen v1.0": (
        "Modellicentie Gratis Hergebruik Vlaanderen v1.0"
    ),
    "Modellicentie Gratis Hergebruik Vlaanderen; repository EUPL-1.2": (
        "Modellicentie Gratis Hergebruik Vlaanderen; repository EUPL-1.2"
    ),
    "None stated (ELLIS project, BELSPO; data from Statbel)": (
        "geen vermeld (ELLIS-project, BELSPO; gegevens van Statbel)"
    ),
    "Not stated in the source repository; Fluvius open data "
    "('1_06b-verbruiksgegevens-statistische-sector-met-nace-sector')": (
        "niet vermeld in de bronrepository; open data van Fluvius "
        "('1_06b-verbruiksgegevens-statistische-sector-met-nace-sector')"
    ),
    "Not stated in the source repository; Statbel/NGI open data reworked by Provincies in "
    "Cijfers ('vereenvoudigde geometrie op basis van de open data van statbel')": _PINC,
    "Not stated in the source repository; Statbel/NGI open data reworked by Provincies in "
    "Cijfers ('vereenvoudigde geometrie op basis van de open data van statbel'); reworked "
    "NGI data": _PINC + "; bewerkte gegevens van het NGI",
    "Not stated in the source repository; Statbel open data aggregated by Provincies in Cijfers": (
        "niet vermeld in de bronrepository; open data van Statbel, samengeteld door "
        "Provincies in Cijfers"
    ),
    "Open Database License (ODbL) 1.0": "Open Database License (ODbL) 1.0",
    "Statbel open data licence ('Licentie open data Algemene Directie Statistiek'); the "
    "preprocessing repository states no licence": (
        "Licentie open data Algemene Directie Statistiek; de repository van de voorbewerking "
        "vermeldt geen licentie"
    ),
}
