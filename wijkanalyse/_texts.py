"""The text catalogue's data: every user-facing message under a key, in Dutch and English.

Data only (read through :mod:`wijkanalyse._i18n`, which picks and fills a message): each key
has an ``nl`` and an ``en`` text with the same ``{placeholders}`` (tests/test_i18n.py).
"""

from __future__ import annotations

_TEXT: dict[str, dict[str, str]] = {
    "summary_title": {
        "nl": "wijkanalyse: {name} (NIS {nis}), statistische sectoren {vintage}",
        "en": "wijkanalyse: {name} (NIS {nis}), statistical sectors {vintage}",
    },
    "sectors_line": {
        "nl": "{n} sectoren ({n_geom} met ligging), {n_wijken} wijken{extra}",
        "en": "{n} sectors ({n_geom} with a location), {n_wijken} wijken{extra}",
    },
    "unlocated_wijk": {
        "nl": " + {n} inwoners niet te lokaliseren",
        "en": " + {n} residents without a known sector",
    },
    "population_line": {
        "nl": "Inwoners (census 2021): {total}, waarvan 65-plus: {old} ({share})",
        "en": "Residents (census 2021): {total}, of whom aged 65+: {old} ({share})",
    },
    "population_missing": {
        "nl": "Inwoners: voor {n} sectoren onbekend",
        "en": "Residents: unknown for {n} sectors",
    },
    "income_line": {
        "nl": "Mediaan netto belastbaar inkomen per aangifte ({year}): bekend voor {known} van "
        "{n} sectoren, mediaan van de sectormedianen {median}",
        "en": "Median net taxable income per tax return ({year}): known for {known} of {n} "
        "sectors, median of sector medians {median}",
    },
    "facilities_line": {
        "nl": "Voorzieningen binnen {where} en {buffer} km daarrond: {listing}",
        "en": "Facilities in {where} and {buffer} km around it: {listing}",
    },
    "facilities_none": {
        "nl": "Geen voorzieningen van type {types} in {source} voor deze gemeente (de bron dekt: "
        "{coverage})",
        "en": "No facilities of type {types} in {source} for this municipality (the source "
        "covers: {coverage})",
    },
    # -- input checks of Study.load (issue 18, item 3)
    "facilities_outside": {
        "nl": "{n} van {total} voorzieningen in {source} liggen verder dan {buffer} km buiten "
        "{where} en tellen niet mee: {rows}",
        "en": "{n} of {total} facilities in {source} lie more than {buffer} km outside {where} "
        "and are not used: {rows}",
    },
    "facility_outside_row": {
        "nl": "{name} ({km} km)",
        "en": "{name} ({km} km)",
    },
    "facilities_maybe_swapped": {
        "nl": "Voorzieningen uit {source}: x en y lijken verwisseld; controleer hun ligging "
        "({hint})",
        "en": "Facilities from {source}: x and y look swapped; check their location ({hint})",
    },
    "road_graph_lengths_repaired": {
        "nl": "Wegennet {source}: {n} straatstukken ({km} km) hadden een lengte van 0, geen, een "
        "negatieve of een kortere lengte dan hun ligging; hun lengte is uit de ligging gemeten",
        "en": "Road graph {source}: {n} street segments ({km} km) had a length of 0, none, a "
        "negative one or one shorter than their line; their length was measured from the line",
    },
    # -- the study file written by `wijkanalyse init` (wijkanalyse.studyfile)
    "init_title": {
        "nl": "Wijkanalyse {name} (NIS {code}): studiebestand gemaakt met `wijkanalyse init` "
        "op {date}.",
        "en": "Neighbourhood analysis {name} (NIS {code}): study file written by "
        "`wijkanalyse init` on {date}.",
    },
    "init_run": {
        "nl": "Uitvoeren:  wijkanalyse run {file} --out OUT",
        "en": "Run:  wijkanalyse run {file} --out OUT",
    },
    "init_intro": {
        "nl": "Een vertrekpunt dat zonder aanpassen werkt: elke keuze staat bij haar sleutel, met "
        "de reden. Bronnen zijn dataset-id's uit de catalogus (`wijkanalyse datasets list`) of\n"
        "paden relatief tot dit bestand. Alle gegevens gebruiken de sectorcodes van 2024 "
        "(geldig 2020-2024).",
        "en": "A starting point that runs as it is: every choice stands next to its key, with "
        "the reason. Sources are dataset ids of the catalogue (`wijkanalyse datasets list`) or\n"
        "paths relative to this file. All data use the sector codes of 2024 (valid 2020-2024).",
    },
    "init_area_formed": {
        "nl": "'{asked}' is NIS {code}, de gemeente sinds 1 januari 2025 (gevormd uit "
        "{members}); geef {old} voor de gemeente van vóór de fusie.",
        "en": "'{asked}' is NIS {code}, the municipality since 1 January 2025 (formed from "
        "{members}); give {old} for the municipality as it was before the merger.",
    },
    "init_area_merged": {
        "nl": "{name} ({code}) is op 1 januari 2025 opgegaan in {new_name} ({new}); dit is de "
        "gemeente van vóór de fusie (geef {new} voor de nieuwe).",
        "en": "{name} ({code}) merged into {new_name} ({new}) on 1 January 2025; this is the "
        "municipality as it was before (give {new} for the new one).",
    },
    "init_area_former": {
        "nl": "{old_name} ({old}) is in 2019 opgegaan in {name} ({code}); de studie dekt heel "
        "{name}.",
        "en": "{old_name} ({old}) merged into {name} ({code}) in 2019; the study covers all of "
        "{name}.",
    },
    "init_level_gemeente": {"nl": "gemeente", "en": "municipality"},
    "init_level_arrondissement": {"nl": "arrondissement", "en": "arrondissement"},
    "init_level_provincie": {"nl": "provincie", "en": "province"},
    "init_level_gewest": {"nl": "gewest", "en": "region"},
    "init_where_municipality": {"nl": "gemeente", "en": "municipality"},
    "init_where_region": {"nl": "gebied", "en": "area"},
    "init_nis": {"nl": "NIS-code van de gemeente", "en": "NIS code of the municipality"},
    "init_region_key": {
        "nl": "NIS-code van het gebied ({level})",
        "en": "NIS code of the area ({level})",
    },
    "init_vintage": {
        "nl": "sectorcodes 2020-2024 (census 2021 en inkomen 2021 zijn erop gepubliceerd)",
        "en": "sector codes 2020-2024 (census 2021 and income 2021 are published on them)",
    },
    "init_buffer": {
        "nl": "voorzieningen tot 3 km buiten de grens tellen mee",
        "en": "facilities up to 3 km beyond the border count as well",
    },
    "init_data": {
        "nl": "Gegevens: sectoren (centroïden; sectorgrenzen zijn offline niet beschikbaar), "
        "bevolking, inkomen,\nenergie en open ruimte. Een eigen bestand kan ook: een pad in "
        "plaats van de id.",
        "en": "Data: sectors (centroids; sector boundaries are not available offline), "
        "population, income,\nenergy and open space. A file of your own works too: a path "
        "instead of the id.",
    },
    "init_road_yes": {
        "nl": "wegennet: {share} van de bewoonde sectoren ligt binnen 300 m van een straat",
        "en": "road network: {share} of the populated sectors lie within 300 m of a street",
    },
    "init_road_caveat": {
        "nl": "{source} Sectoren verder dan max_snap_m van een straat krijgen hemelsbreed × "
        "omwegfactor, en elke uitvoer zegt dat.",
        "en": "{source} Sectors farther than max_snap_m from a street get straight lines × a "
        "detour factor, and every output says so.",
    },
    "init_road_no": {
        "nl": "Geen wegennet: de gegevens hebben te weinig straten voor {name} ({share} van de "
        "bewoonde sectoren ligt binnen 300 m van een straat). Afstanden zijn dan hemelsbreed × "
        'omwegfactor. Met een eigen OSM-bestand: [access] osm = "kaart.osm.pbf".',
        "en": "No road network: the data hold too few streets for {name} ({share} of the "
        "populated sectors lie within 300 m of a street). Distances are then straight lines × "
        'a detour factor. With an OSM file of your own: [access] osm = "map.osm.pbf".',
    },
    "init_wijken_outlined": {
        "nl": "De {n} wijken van {name} (code, naam, inwoners 2021), met wijkgrenzen: elke "
        "wijk krijgt een kaart en een rapport.",
        "en": "The {n} wijken of {name} (code, name, residents 2021), with boundaries: each "
        "wijk gets a map and a report.",
    },
    "init_wijken_no_outline": {
        "nl": "De {n} wijken van {name} (code, naam, inwoners 2021). De gegevens hebben geen "
        "wijkgrenzen voor {name}\n(die van 2024 dekken {coverage}): er zijn cijfers per wijk, "
        "maar geen wijkkaarten en geen wijkrapporten.",
        "en": "The {n} wijken of {name} (code, name, residents 2021). The data hold no wijk "
        "boundaries for {name}\n(those of 2024 cover {coverage}): there are figures per wijk, "
        "but no wijk maps and no wijk reports.",
    },
    "init_wijken_some_outline": {
        "nl": "De {n} wijken van {name} (code, naam, inwoners 2021); {k} ervan hebben "
        "wijkgrenzen in de gegevens.",
        "en": "The {n} wijken of {name} (code, name, residents 2021); {k} of them have "
        "boundaries in the data.",
    },
    "init_wijken_many": {
        "nl": "({n} wijken: te veel om hier op te sommen; zie wijken.csv na een eerste run.)",
        "en": "({n} wijken: too many to list here; see wijken.csv after a first run.)",
    },
    "init_source_empty": {
        "nl": "{source} dekt {name}, maar heeft er binnen 3 km geen voorzieningen: weggelaten.",
        "en": "{source} covers {name} but has no facilities within 3 km of it: left out.",
    },
    "init_source_counts": {
        "nl": "gevonden in {name} (en binnen 3 km): {counts}",
        "en": "found in {name} (and within 3 km): {counts}",
    },
    "init_data_sectors": {
        "nl": "ligging: centroïden van de sectoren 2024 (Statbel)",
        "en": "location: centroids of the 2024 sectors (Statbel)",
    },
    "init_data_population": {
        "nl": "census 2021: inwoners, 65-plussers, jonger dan 65 (Statbel)",
        "en": "census 2021: residents, aged 65+, under 65 (Statbel)",
    },
    "init_data_income": {
        "nl": "netto belastbaar inkomen 2021 per aangifte (Statbel)",
        "en": "net taxable income 2021 per tax return (Statbel)",
    },
    "init_data_energy": {
        "nl": "elektriciteit en gas per woonaansluiting 2018-2021 (Fluvius, Vlaanderen)",
        "en": "electricity and gas per residential connection 2018-2021 (Fluvius, Flanders)",
    },
    "init_data_open_space": {
        "nl": "open ruimte per sector 2013 en 2016 (Provincies in Cijfers, Vlaanderen)",
        "en": "open space per sector 2013 and 2016 (Provincies in Cijfers, Flanders)",
    },
    "init_src_osm2015_points": {
        "nl": "OpenStreetMap 2015 (Geofabrik), arrondissement Leuven: alleen punten "
        "(voorzieningen die als gebouw getekend zijn ontbreken), tien jaar oud.",
        "en": "OpenStreetMap 2015 (Geofabrik), arrondissement Leuven: points only (facilities "
        "drawn as buildings are missing), ten years old.",
    },
    "init_src_hospital_emergency_campuses_2024": {
        "nl": "Ziekenhuiscampussen met een spoedfunctie, België (FOD Volksgezondheid, 12/2024; "
        "adressen gegeocodeerd). Geen bereikbaarheidsvraag: te voet is geen maat voor de "
        "weg naar de spoed.",
        "en": "Hospital campuses with an emergency function, Belgium (FOD Volksgezondheid, "
        "12/2024; geocoded addresses). No access question: walking is no measure of the way "
        "to an emergency department.",
    },
    "init_src_leuven_centres_reference": {
        "nl": "Buurtcentra en lokale dienstencentra van Leuven: een benaderende referentielijst "
        "(2014-2023), ligging bij benadering. Vervang door het register van de stad.",
        "en": "Community centres and local service centres of Leuven: an approximate reference "
        "list (2014-2023), locations approximate. Replace it with the city's register.",
    },
    "init_src_leuven_road_graph_2013": {
        "nl": "OpenStreetMap-wegennet van Leuven en omgeving (ca. 2013): wegen, geen voetpaden; "
        "Wijgmaal ontbreekt.",
        "en": "OpenStreetMap road network of Leuven and surroundings (c. 2013): roads, no "
        "footways; Wijgmaal is missing.",
    },
    "init_source_partial": {
        "nl": "{source} is weggelaten: het dekt {coverage}, niet {n} van de {total} gemeenten "
        "van dit gebied\n(cijfers zouden daar ontbreken en als tekort lijken).",
        "en": "{source} is left out: it covers {coverage}, not {n} of the {total} "
        "municipalities of this area\n(figures would be missing there and look like gaps).",
    },
    "init_own_register": {
        "nl": "Het eigen register van de stad (buurtcentra, lokale dienstencentra, ...): haal "
        "de # weg en vul in.\nCSV met x_31370/y_31370 of lon/lat, GeoJSON of GeoPackage; "
        "kolommen name en type (of name_col, type_col).",
        "en": "The city's own register (community centres, local service centres, ...): "
        "remove the # and fill in.\nCSV with x_31370/y_31370 or lon/lat, GeoJSON or "
        "GeoPackage; columns name and type (or name_col, type_col).",
    },
    "init_areas": {
        "nl": "Beleidsgebieden: groepen wijken of sectoren met een eigen rapport (bv. een "
        "deelgemeente of een buurt\nuit het beleidsplan). Voorbeeld met de wijkcodes "
        "hierboven:",
        "en": "Policy areas: groups of wijken or sectors with a report of their own (e.g. a "
        "deelgemeente or a neighbourhood\nfrom the policy plan). Example with the wijk codes "
        "above:",
    },
    "init_indicators": {
        "nl": "Indicatoren: kleine aantallen worden niet gepubliceerd; jaren van energie en "
        "open ruimte.",
        "en": "Indicators: small counts are not published; years of energy and open space.",
    },
    "init_threshold": {
        "nl": "aantallen en verhoudingen op minder dan 5 personen blijven weg",
        "en": "counts and rates on fewer than 5 persons are withheld",
    },
    "init_index_none": {
        "nl": "Geen behoefte-index: te weinig eenheden om te rangschikken ({wijken} wijken; "
        "een index vraagt minstens\n{min_wijken} wijken of {min_sectors} bewoonde sectoren).",
        "en": "No need index: too few units to rank ({wijken} wijken; an index needs at least\n"
        "{min_wijken} wijken or {min_sectors} populated sectors).",
    },
    "init_index": {
        "nl": "Behoefte-index: alleen inkomen is hier (offline) een maat voor achterstand. Het "
        "aandeel 65-plussers is\nvraag, geen achterstand (het zit in de doelgroepen van "
        "[access]); open ruimte volgt vooral de\ngraad van verstedelijking. Inkomen per aangifte "
        "is laag waar veel studenten of alleenstaande\nstarters wonen: lees de rangen met die "
        "kanttekening.",
        "en": "Need index: only income measures deprivation here (offline). The share of "
        "residents aged 65+ is\ndemand, not deprivation (it is a target group of [access]); "
        "open space mostly follows how urban\nan area is. Income per tax return is low where "
        "many students or single starters live: read the\nranks with that caveat.",
    },
    "init_index_no_wijk": {
        "nl": "Alleen per sector: met {wijken} wijken valt er per wijk weinig te rangschikken "
        "(minstens {min}).",
        "en": "Per sector only: {wijken} wijken leave little to rank per wijk (at least {min}).",
    },
    "init_index_name": {"nl": "behoefte-index (inkomen)", "en": "need index (income)"},
    "init_index_rank": {
        "nl": "rangen: ongevoelig voor uitschieters",
        "en": "ranks: robust to outliers",
    },
    "init_index_exp": {
        "nl": "exponentiële transformatie zoals de BIMD en de Engelse IMD",
        "en": "exponential transform as in the BIMD and the English IMD",
    },
    "init_index_missing": {
        "nl": "een ontbrekende indicator: haar gewicht gaat naar de andere",
        "en": "a missing indicator: its weight goes to the others",
    },
    "init_index_income": {
        "nl": "Inkomen (Statbel 2021) is bekend voor {known} van de bewoonde sectoren; de rest "
        "is door Statbel onderdrukt.",
        "en": "Income (Statbel 2021) is known for {known} of the populated sectors; Statbel "
        "suppressed the rest.",
    },
    "init_sensitivity": {
        "nl": "Hoe gevoelig de rangen zijn voor de keuzes (gewichten, normalisatie, weggelaten "
        "indicator).",
        "en": "How sensitive the ranks are to the choices (weights, normalisation, left-out "
        "indicator).",
    },
    "init_access_none": {
        "nl": "Geen bereikbaarheidsvragen: de catalogus heeft geen buurtvoorzieningen in of "
        "rond {name}.\nVoeg het eigen register toe (hierboven) en een [access]-blok zoals in "
        "examples/leuven.toml.",
        "en": "No access questions: the catalogue has no neighbourhood facilities in or around "
        "{name}.\nAdd the city's own register (above) and an [access] block as in "
        "examples/leuven.toml.",
    },
    "init_access": {
        "nl": "Bereikbaarheid te voet over het straatnet (of hemelsbreed × omwegfactor waar er "
        "geen is).\nDe drempels in minuten zijn beleidskeuzes, geen normen: pas ze aan.",
        "en": "Accessibility on foot over the street network (or straight lines × a detour "
        "factor where there is none).\nThe thresholds in minutes are policy choices, not "
        "norms: change them.",
    },
    "init_walk": {
        "nl": "wandelen aan 4,8 km/u, een vlot tempo voor volwassenen; ouderen stappen trager "
        "(zet speed_kmh lager)",
        "en": "walking at 4.8 km/h, a brisk adult pace; older people walk more slowly (set a "
        "lower speed_kmh)",
    },
    "init_snap": {
        "nl": "sectoren verder van een straat worden niet aangehaakt (en zo gemeld)",
        "en": "sectors farther from a street are not attached (and flagged)",
    },
    "init_detour": {
        "nl": "hemelsbreed × 1,3 waar er geen straat is, zo gelabeld",
        "en": "straight line × 1.3 where there is no street, labelled as such",
    },
    "init_need_index": {
        "nl": "behoefte in de tekortenanalyse: de index hierboven",
        "en": "need in the gap analysis: the index above",
    },
    "init_need_income": {
        "nl": "behoefte in de tekortenanalyse: het mediaan inkomen (lager = meer behoefte)",
        "en": "need in the gap analysis: the median income (lower = more need)",
    },
    "init_question": {
        "nl": "{type}: {n} in de gegevens, in {name} of binnen 3 km",
        "en": "{type}: {n} in the data, in {name} or within 3 km",
    },
    "init_plan_none": {
        "nl": "Geen planningsvragen: er zijn in de gegevens geen buurtcentra of lokale "
        "dienstencentra van {name}.\nMet het eigen register kan [plan] vragen waar nieuwe "
        "centra best komen (zie examples/leuven.toml).",
        "en": "No planning questions: the data hold no community centres or local service "
        "centres of {name}.\nWith the city's own register [plan] can ask where new centres "
        "should go (see examples/leuven.toml).",
    },
    "init_plan": {
        "nl": "Planning: waar komen nieuwe centra best, met de bestaande behouden. Exact "
        "opgelost (HiGHS).",
        "en": "Planning: where new centres should go, the existing ones kept. Solved exactly "
        "(HiGHS).",
    },
    "init_candidates": {
        "nl": "kandidaat-locaties: sectorcentroïden (en straatknopen, één per 250 m)",
        "en": "candidate sites: sector centroids (and street nodes, one per 250 m)",
    },
    "init_time_limit": {"nl": "seconden per oplossing", "en": "seconds per solve"},
    "init_mip_gap": {"nl": "0 = bewezen optimaal", "en": "0 = proven optimal"},
    "init_plan_question": {
        "nl": "1 tot {p} nieuwe {type}s: zoveel mogelijk mensen binnen {minutes} minuten",
        "en": "1 to {p} new {type}s: as many people as possible within {minutes} minutes",
    },
    "init_scenario_example": {
        "nl": "Een scenario van jezelf (x, y in EPSG:31370-meters; dit punt ligt in het gebied):",
        "en": "A scenario of your own (x, y in EPSG:31370 metres; this point lies in the area):",
    },
    "init_scenario_name": {"nl": "nieuwe {type}", "en": "new {type}"},
    "init_scenario_site": {"nl": "voorstel", "en": "proposal"},
    "init_report": {
        "nl": 'Rapporten: elke wijk met grenzen krijgt er een ("auto"), of een lijst van '
        'wijkcodes, of "none".',
        "en": 'Reports: every wijk with boundaries gets one ("auto"), or a list of wijk '
        'codes, or "none".',
    },
    "init_fact_area": {
        "nl": "{name} (NIS {code}): {pop} inwoners (census 2021), {wijken} wijken, {outlined} "
        "met wijkgrenzen",
        "en": "{name} (NIS {code}): {pop} residents (census 2021), {wijken} wijken, {outlined} "
        "with boundaries",
    },
    "init_fact_facilities": {
        "nl": "voorzieningen in de gegevens ({where} en 3 km rond): {listing}",
        "en": "facilities in the data ({where} and 3 km around): {listing}",
    },
    "init_fact_no_facilities": {
        "nl": "geen buurtvoorzieningen in de gegevens: voeg het eigen register toe",
        "en": "no neighbourhood facilities in the data: add the city's own register",
    },
    "init_fact_road": {"nl": "wegennet: {source}", "en": "road network: {source}"},
    "init_one_area": {
        "nl": "geef één van beide: --municipality (een gemeente) of --region (een "
        "arrondissement, provincie of flanders).",
        "en": "give one of the two: --municipality (one municipality) or --region (an "
        "arrondissement, a province or flanders).",
    },
    "init_written": {
        "nl": "Studiebestand geschreven: {path}",
        "en": "Study file written: {path}",
    },
    "init_next": {
        "nl": "Volgende stap: wijkanalyse run {path} --out OUT",
        "en": "Next: wijkanalyse run {path} --out OUT",
    },
    "init_is_dir": {
        "nl": "{path} is een map; geef met --out de naam van het studiebestand (bv. "
        "{path}/studie.toml).",
        "en": "{path} is a folder; give the study file's name with --out (e.g. {path}/study.toml).",
    },
    "init_not_written": {
        "nl": "kan {path} niet schrijven: {reason}.",
        "en": "cannot write {path}: {reason}.",
    },
    "init_exists": {
        "nl": "{path} bestaat al; kies een ander --out of overschrijf met --force.",
        "en": "{path} exists already; choose another --out or overwrite with --force.",
    },
    "report_no_wijk_map": {
        "nl": "Geen wijkkaart: voor de wijken van {name} zijn er geen wijkgrenzen in de gegevens "
        "(de wijkgrenzen van {vintage} dekken {coverage}). De kaart toont de sectoren als punten; "
        "de cijfers per wijk staan in de tabellen.",
        "en": "No wijk map: the data hold no wijk boundaries for the wijken of {name} (the "
        "{vintage} wijk boundaries cover {coverage}). The map shows the sectors as points; the "
        "figures per wijk are in the tables.",
    },
    "report_some_wijk_maps": {
        "nl": "{n} van de {total} wijken van {name} hebben geen wijkgrenzen in de gegevens (de "
        "wijkgrenzen van {vintage} dekken {coverage}): zij staan niet op de kaart en hebben "
        "geen eigen rapport; hun cijfers staan in de tabellen.",
        "en": "{n} of the {total} wijken of {name} have no boundaries in the data (the "
        "{vintage} wijk boundaries cover {coverage}): they are not on the map and have no "
        "report of their own; their figures are in the tables.",
    },
    "source_partial": {
        "nl": "Bron {source} dekt {coverage}, niet {missing}: daar ontbreken haar gegevens",
        "en": "Source {source} covers {coverage}, not {missing}: its data are missing there",
    },
    "wijk_polygons_missing": {
        "nl": "Geen wijkgrenzen ({vintage}) voor {n} van de {total} wijken in de gegevens (de bron "
        "dekt: {coverage}); die wijken staan zonder geometrie in de uitvoer",
        "en": "No wijk boundaries ({vintage}) for {n} of the {total} wijken in the data (the "
        "source covers: {coverage}); those wijken have no geometry in the output",
    },
    "network_line": {
        "nl": "Wegennet {source}: {km} km wegen binnen {where} (wegennet, geen voetpaden)",
        "en": "Road network {source}: {km} km of road inside {where} (roads only, no footways)",
    },
    "network_gaps": {
        "nl": "Het wegennet dekt deze wijken niet of nauwelijks (< 1 km weg): {wijken}",
        "en": "The road network does not (or barely) cover these wijken (< 1 km of road): {wijken}",
    },
    "network_none": {
        "nl": "Geen wegennet voor {where} in de gegevens (dekking: {coverage}); "
        "afstanden vallen terug op vogelvlucht",
        "en": "No road network for {where} in the data (coverage: {coverage}); "
        "distances fall back to straight lines",
    },
    "where_municipality": {"nl": "de gemeente", "en": "the municipality"},
    "where_region": {"nl": "het studiegebied", "en": "the study area"},
    "unnamed": {"nl": "naamloos", "en": "unnamed"},
    "and_more": {"nl": "… (nog {n})", "en": "… ({n} more)"},
    "access_title": {
        "nl": "Bereikbaarheid ({mode}, {speed} km/u; sectoren als centroïde):",
        "en": "Accessibility ({mode}, {speed} km/h; sectors as centroids):",
    },
    "access_row": {
        "nl": "  {type}, {group} binnen {minutes} min: {covered} van {total} ({share})",
        "en": "  {type}, {group} within {minutes} min: {covered} of {total} ({share})",
    },
    "access_lowest": {
        "nl": "    laagste dekking per gemeente: {listing}",
        "en": "    lowest coverage by municipality: {listing}",
    },
    "access_gap_row": {
        "nl": "  Grootste tekorten {type} ({group}, {minutes} min): {top}; "
        "buiten bereik in de beleidsgebieden: {areas}",
        "en": "  Largest gaps {type} ({group}, {minutes} min): {top}; "
        "out of reach in the policy areas: {areas}",
    },
    "access_no_network": {
        "nl": "geen straatnet voor {where}: afstanden zijn hemelsbreed × omwegfactor ({method})",
        "en": "no street network for {where}: distances are straight lines × a "
        "detour factor ({method})",
    },
    "access_off_network": {
        "nl": "{n} sectoren liggen meer dan {max_snap} m van het straatnet (wijken: {wijken}); "
        "hun afstanden zijn hemelsbreed × omwegfactor ({method})",
        "en": "{n} sectors lie more than {max_snap} m from the street network (wijken: "
        "{wijken}); their distances are straight lines × a detour factor ({method})",
    },
    "access_off_na": {
        "nl": "{n} sectoren liggen meer dan {max_snap} m van het straatnet (wijken: {wijken}); "
        "zij krijgen geen afstand",
        "en": "{n} sectors lie more than {max_snap} m from the street network (wijken: "
        "{wijken}); they get no distance",
    },
    "access_facility_off": {
        "nl": "{n} voorzieningen liggen verder dan {max_snap} m van het straatnet (bij de "
        "gevraagde types: {names}); afstanden ernaartoe zijn hemelsbreed × omwegfactor "
        "({method})",
        "en": "{n} facilities lie more than {max_snap} m from the street network (of the types "
        "asked about: {names}); distances to them are straight lines × a detour factor "
        "({method})",
    },
    "access_need_fallback": {
        "nl": "geen index in de studie: de nood in de tekortanalyse is de indicator {indicator}",
        "en": "the study has no index: need in the gap analysis is the indicator {indicator}",
    },
    "plan_title": {
        "nl": "Planning nieuwe centra (exact, HiGHS; bestaande centra blijven):",
        "en": "Planning new centres (exact, HiGHS; existing centres kept):",
    },
    "plan_row": {
        "nl": "  {type} voor {group}, {model}, {minutes} min: {n_new} nieuw → {covered} van "
        "{total} binnen bereik ({share}){mean}; {sites}{status}",
        "en": "  {type} for {group}, {model}, {minutes} min: {n_new} new → {covered} of "
        "{total} within reach ({share}){mean}; {sites}{status}",
    },
    "plan_mean": {
        "nl": ", gemiddeld {mean} min",
        "en": ", mean {mean} min",
    },
    "plan_status": {
        "nl": " [tijdslimiet: kloof {gap}]",
        "en": " [time limit: gap {gap}]",
    },
    "plan_greedy": {
        "nl": "  Volgorde als er maar één tegelijk kan ({question}): {sites}",
        "en": "  Order if only one can be added at a time ({question}): {sites}",
    },
    "plan_infeasible": {
        "nl": "planvraag {question} heeft geen oplossing: {reason}",
        "en": "plan question {question} has no solution: {reason}",
    },
    "plan_no_network_candidates": {
        "nl": "geen stratennetwerk: straatknopen kunnen geen kandidaat-locatie zijn",
        "en": "no street network: street nodes cannot be candidate sites",
    },
    "plan_node_name": {
        "nl": "straatknoop {node} ({wijk})",
        "en": "street node {node} ({wijk})",
    },
    "plan_scenario_skipped": {
        "nl": "scenario {name} vervalt: het plan waarop het steunt heeft geen oplossing",
        "en": "scenario {name} is skipped: the plan it rests on has no solution",
    },
    "scenario_row": {
        "nl": "  Scenario {name}: {group} binnen {minutes} min {before} → {after}; gemiddelde "
        "tijd tot het dichtste {type} {mean_before} → {mean_after} min",
        "en": "  Scenario {name}: {group} within {minutes} min {before} → {after}; mean "
        "time to the nearest {type} {mean_before} → {mean_after} min",
    },
    "access_unlocated": {
        "nl": "{n} sector(en) zonder ligging ({pop} inwoners) tellen niet mee in de bereikbaarheid",
        "en": "{n} sector(s) without a location ({pop} residents) are left out of the "
        "accessibility figures",
    },
    "area_line": {
        "nl": "Gebied {name}: {n} sectoren, {pop} inwoners{note}",
        "en": "Area {name}: {n} sectors, {pop} residents{note}",
    },
    "area_approx": {"nl": " (benadering: {note})", "en": " (approximation: {note})"},
    "area_translated": {
        "nl": "gedefinieerd als {src_vintage}-sector(en) {src}; in de {vintage}-sectoren valt dat "
        "binnen {dst}, die ook {extra} omvat(ten): de cijfers gelden voor dat grotere gebied",
        "en": "defined as {src_vintage} sector(s) {src}; in the {vintage} sectors that lies within "
        "{dst}, which also contain(s) {extra}: the figures cover that larger area",
    },
    "area_translated_exact": {
        "nl": "gedefinieerd als {src_vintage}-sector(en) {src} = {vintage}-sector(en) {dst}",
        "en": "defined as {src_vintage} sector(s) {src} = {vintage} sector(s) {dst}",
    },
    "area_wijken": {"nl": "wijk(en) {wijken}", "en": "wijk(en) {wijken}"},
    "area_sectors": {"nl": "sector(en) {sectors}", "en": "sector(s) {sectors}"},
    "indicators_line": {
        "nl": "Indicatoren: {n} per sector, wijk, deelgemeente en gebied (definities in "
        "indicator_definitions.csv); aantallen en verhoudingen op minder dan {thr} personen "
        "onderdrukt ({n_supp} sectorcellen: 'onvoldoende gegevens')",
        "en": "Indicators: {n} per sector, wijk, deelgemeente and area (definitions in "
        "indicator_definitions.csv); counts and rates on fewer than {thr} persons suppressed "
        "({n_supp} sector cells: 'insufficient data')",
    },
    "reference_line": {
        "nl": "Ter vergelijking (aandeel 65-plussers / mediaan inkomen per aangifte): {refs}",
        "en": "For comparison (share aged 65+ / median income per tax return): {refs}",
    },
    "index_title": {
        "nl": "{name} per wijk (rang 1 = meeste behoefte; 90 %-interval van de rang over "
        "{draws} Monte-Carlotrekkingen van gewichten, normalisatie en weggelaten indicator):",
        "en": "{name} per wijk (rank 1 = most need; 90 % interval of the rank over {draws} "
        "Monte Carlo draws of weights, normalisation and left-out indicator):",
    },
    "index_row": {
        "nl": "  {rank}/{n} {name} ({code}): score {score}{interval}",
        "en": "  {rank}/{n} {name} ({code}): score {score}{interval}",
    },
    "index_interval": {
        "nl": ", rang {p05}–{p95}, kans op top-10 %: {p}",
        "en": ", rank {p05}–{p95}, probability of the top 10 %: {p}",
    },
    "outputs_line": {"nl": "Uitvoer in {out}: {files}", "en": "Output in {out}: {files}"},
    "reports_line": {
        "nl": "Rapporten: {n} HTML ({pdf} PDF), begin bij {index}; interactieve kaart: {map}",
        "en": "Reports: {n} HTML ({pdf} PDF), start at {index}; interactive map: {map}",
    },
    "warning": {"nl": "Let op", "en": "Note"},
    "error": {"nl": "Fout", "en": "Error"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "withheld": {"nl": "afgeschermd", "en": "withheld"},
    "pdf_skipped": {
        "nl": "de rapporten zijn alleen als HTML geschreven: {reason} Maak de PDF's daarna met "
        "`wijkanalyse report OUT`.",
        "en": "the reports are written as HTML only: {reason} Then make the PDFs with "
        "`wijkanalyse report OUT`.",
    },
    "pdf_no_pango": {
        "nl": "WeasyPrint kan Pango niet laden, de tekstbibliotheek waarmee het PDF's maakt. "
        "Installeer die (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
        "libharfbuzz-subset0 fonts-dejavu-core).",
        "en": "WeasyPrint cannot load Pango, the text library it draws PDFs with. Install it "
        "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
        "fonts-dejavu-core).",
    },
    "pdf_no_weasyprint": {
        "nl": "WeasyPrint, waarmee de PDF's gemaakt worden, kan niet geladen worden ({error}). "
        "Installeer wijkanalyse opnieuw met al zijn afhankelijkheden.",
        "en": "WeasyPrint, which draws the PDFs, cannot be imported ({error}). Install "
        "wijkanalyse again with all its dependencies.",
    },
    "pdf_harfbuzz_subset": {
        "nl": "de PDF's zijn gemaakt, maar de bibliotheek HarfBuzz-Subset ontbreekt: WeasyPrint "
        "verkleint de lettertypes nu met fontTools en zal HarfBuzz-Subset in een volgende "
        "versie vereisen. Installeer die (Debian: apt-get install libharfbuzz-subset0).",
        "en": "the PDFs are written, but the HarfBuzz-Subset library is missing: WeasyPrint now "
        "subsets the fonts with fontTools and will require HarfBuzz-Subset in a future "
        "version. Install it (Debian: apt-get install libharfbuzz-subset0).",
    },
    "report_wijken_skipped": {
        "nl": "het studiegebied heeft {n} wijken met een omtrek (meer dan {max}): alleen het "
        "overzicht en de "
        'gebieden kregen een rapport. Kies wijken met [report] wijken = ["code", …] in het '
        "studiebestand, of maak ze achteraf met `wijkanalyse report OUT --unit CODE`.",
        "en": "the study area has {n} outlined wijken (more than {max}): only the overview and "
        "the areas "
        'got a report. Choose wijken with [report] wijken = ["code", …] in the study file, '
        "or make them afterwards with `wijkanalyse report OUT --unit CODE`.",
    },
    # -- maps, charts and wijkrapport (shared)
    "no_data": {"nl": "geen gegevens", "en": "no data"},
    "insufficient_data": {"nl": "onvoldoende gegevens", "en": "insufficient data"},
    "percent": {"nl": "{value}\u00a0%", "en": "{value}%"},
    "osm_attribution": {
        "nl": "© OpenStreetMap-bijdragers (ODbL)",
        "en": "© OpenStreetMap contributors (ODbL)",
    },
    "chart_share_of_base": {"nl": "% van {base} (= 100)", "en": "% of {base} (= 100)"},
    "chart_rank_axis": {
        "nl": "rang (1 = meeste behoefte); lijn: 5–95 % van de Monte-Carlotrekkingen",
        "en": "rank (1 = most need); line: 5–95 % of the Monte Carlo draws",
    },
    "chart_rank_top": {
        "nl": "{n} van {total} getoond: de meeste behoefte eerst",
        "en": "{n} of {total} shown: most need first",
    },
    "chart_one_at_a_time": {"nl": "één voor één", "en": "one at a time"},
    "chart_new_centres": {"nl": "aantal nieuwe centra", "en": "number of new centres"},
    "chart_share_within_reach": {"nl": "% binnen bereik", "en": "% within reach"},
    "chart_now": {"nl": "nu", "en": "now"},
    "chart_with_scenario": {"nl": "met scenario", "en": "with scenario"},
    "map_wijk": {"nl": "wijk", "en": "district"},
    "map_reach_layer": {"nl": "{type}: bereik {minutes} min", "en": "{type}: reach {minutes} min"},
    "map_sector_layer": {"nl": "{value} (sectoren)", "en": "{value} (sectors)"},
    "map_gaps_layer": {"nl": "tekorten (niet binnen bereik)", "en": "gaps (not covered)"},
    "map_not_covered": {"nl": "niet binnen bereik", "en": "not covered"},
    "map_areas_layer": {"nl": "beleidsgebieden", "en": "policy areas"},
    "map_area_legend": {"nl": "beleidsgebied", "en": "policy area"},
    "map_sites_layer": {"nl": "voorgestelde locaties", "en": "proposed sites"},
    "map_site_legend": {"nl": "voorgestelde locatie", "en": "proposed site"},
    "map_not_labelled": {"nl": "niet gelabeld", "en": "not labelled"},
    "map_glyph_pharmacy": {"nl": "A", "en": "Ph"},
    "map_glyph_doctors": {"nl": "H", "en": "GP"},
    "map_glyph_supermarket": {"nl": "W", "en": "Sm"},
    "map_glyph_library": {"nl": "Bib", "en": "Lib"},
    # -- the wijkrapport's pages (report/pages.py, report/templates: t(key))
    "report_sources": {"nl": "Bronnen", "en": "Sources"},
    "report_full_attribution": {
        "nl": "volledige vermelding en licenties: zie ‘Herkomst van de gegevens’",
        "en": "full attribution and licences: see ‘Provenance’",
    },
    "report_sector_title_65plus": {
        "nl": "65-plussers per sector",
        "en": "residents 65+ per sector",
    },
    "report_sector_title_all": {"nl": "inwoners per sector", "en": "residents per sector"},
    "report_share_65plus": {"nl": "aandeel 65-plussers", "en": "share 65+"},
    "report_proven_optimal": {"nl": "bewezen optimaal", "en": "proven optimal"},
    "report_time_limit": {"nl": "tijdslimiet (kloof {gap})", "en": "time limit (gap {gap})"},
    "report_score_unit": {"nl": "score", "en": "score"},
    "report_no_rank": {"nl": "geen rang", "en": "no rank"},
    "report_title_overview": {"nl": "Wijkanalyse {name}", "en": "Neighbourhood analysis {name}"},
    "report_kind_wijk": {"nl": "Wijkrapport", "en": "District report"},
    "report_kind_area": {"nl": "Gebiedsrapport", "en": "Area report"},
    "report_outline_voronoi": {
        "nl": "De omtrek is benaderd (Voronoi-cellen rond de sectorcentroïden, binnen de "
        "wijkgrenzen): sectorgrenzen zijn niet beschikbaar.",
        "en": "The outline is approximate (Voronoi cells around the sector centroids, within the "
        "wijk boundaries): sector boundaries are not available.",
    },
    "report_outline_wijken": {
        "nl": "De omtrek volgt de wijkgrenzen.",
        "en": "The outline follows wijk borders.",
    },
    "report_approximation": {"nl": "benadering", "en": "approximation"},
    "report_indicator": {"nl": "Indicator", "en": "Indicator"},
    "report_unit": {"nl": "Eenheid", "en": "Unit"},
    "report_definition_source_and_caveat_of": {
        "nl": "Definitie, bron en kanttekening van elke indicator: indicator_definitions.csv in "
        "de uitvoermap (de kanttekeningen zijn in het Engels). ‘Benadering’: boven het "
        "sectorniveau zijn mediaan en gemiddelde inkomen gewogen uit de sectorwaarden "
        "berekend (het aantal aangiften per sector ontbreekt).",
        "en": "Definition, source and caveat of every indicator: indicator_definitions.csv in the "
        "output folder. ‘Approximation’: above the sector level the income median and mean "
        "are weighted from the sector values (the number of tax returns per sector is not "
        "published).",
    },
    "report_facility": {"nl": "Voorziening", "en": "Facility"},
    "report_target_group": {"nl": "Doelgroep", "en": "Target group"},
    "report_within": {"nl": "Binnen", "en": "Within"},
    "report_residents": {"nl": "Inwoners", "en": "Residents"},
    "report_within_reach": {"nl": "Binnen bereik", "en": "Within reach"},
    "report_share": {"nl": "Aandeel", "en": "Share"},
    "report_method": {"nl": "Methode", "en": "Method"},
    "report_question": {"nl": "Vraag", "en": "Question"},
    "report_model": {"nl": "Model", "en": "Model"},
    "report_new": {"nl": "Nieuw", "en": "New"},
    "report_site": {"nl": "Locatie", "en": "Site"},
    "report_wijk": {"nl": "Wijk", "en": "Wijk"},
    "report_order": {"nl": "Volgorde", "en": "Order"},
    "report_solution": {"nl": "Oplossing", "en": "Solution"},
    "report_street_nodes_are_points_of": {
        "nl": "Straatknopen zijn punten van het wegennet, geen adressen: een locatie betekent ‘in "
        "de buurt van dit punt’.",
        "en": "Street nodes are points of the road network, not addresses: a site means ‘near "
        "this point’.",
    },
    "report_scenario": {"nl": "Scenario", "en": "Scenario"},
    "report_now": {"nl": "Nu", "en": "Now"},
    "report_with_scenario": {"nl": "Met scenario", "en": "With scenario"},
    "report_mean_time_now": {"nl": "Gem. tijd nu", "en": "Mean time now"},
    "report_mean_time_with_scenario": {
        "nl": "Gem. tijd met scenario",
        "en": "Mean time with scenario",
    },
    "report_statistical_sectors": {"nl": "statistische sectoren", "en": "statistical sectors"},
    "report_provenance": {"nl": "Herkomst van de gegevens", "en": "Provenance"},
    "report_made_with": {"nl": "Gemaakt met", "en": "Made with"},
    "report_on": {"nl": "op", "en": "on"},
    "report_study_file": {"nl": "Studiebestand", "en": "Study file"},
    "report_sector_codes": {"nl": "Sectorcodes", "en": "Sector codes"},
    "report_counts_and_rates_on_fewer": {
        "nl": "Aantallen en verhoudingen op minder dan",
        "en": "Counts and rates on fewer than",
    },
    "report_persons_are_withheld_insufficient_data": {
        "nl": "personen worden niet getoond (“onvoldoende gegevens”).",
        "en": "persons are withheld (“insufficient data”).",
    },
    "report_road_network": {"nl": "Wegennet", "en": "Road network"},
    "report_optimisation": {"nl": "Optimalisatie", "en": "Optimisation"},
    "report_dataset": {"nl": "Dataset", "en": "Dataset"},
    "report_licence": {"nl": "Licentie", "en": "Licence"},
    "report_attribution": {"nl": "Vermelding", "en": "Attribution"},
    "report_study_parameters": {"nl": "Studieparameters", "en": "Study parameters"},
    "report_notes_on_the_data": {"nl": "Opmerkingen bij de gegevens", "en": "Notes on the data"},
    "report_city_overview": {"nl": "Stadsoverzicht", "en": "City overview"},
    "report_map": {"nl": "Kaart", "en": "Map"},
    "report_overview_map": {"nl": "Overzichtskaart", "en": "Overview map"},
    "report_per_wijk": {"nl": "per wijk; ", "en": "per wijk; "},
    "report_circles_residents_65_per_sector": {
        "nl": "cirkels: 65-plussers per sector",
        "en": "circles: residents 65+ per sector",
    },
    "report_red_rings_not_within_reach": {
        "nl": "; rode ringen: niet binnen bereik",
        "en": "; red rings: not within reach",
    },
    "report_interactive_map": {"nl": "Interactieve kaart", "en": "Interactive map"},
    "report_profile": {"nl": "Profiel", "en": "Profile"},
    "report_rank_1_most_need_the": {
        "nl": "Rang 1 = meeste behoefte. Het interval geeft de rang in 90 % van de "
        "Monte-Carlotrekkingen (gewichten, normalisatie, weggelaten indicator): hoe breder, "
        "hoe minder zeker de plaats.",
        "en": "Rank 1 = most need. The interval holds the rank in 90 % of the Monte Carlo draws "
        "(weights, normalisation, left-out indicator): the wider, the less certain the "
        "position.",
    },
    "report_ranks_with_interval": {"nl": "Rangen met interval", "en": "Ranks with interval"},
    "report_rank": {"nl": "Rang", "en": "Rank"},
    "report_score": {"nl": "Score", "en": "Score"},
    "report_interval_5_95": {"nl": "Interval 5–95 %", "en": "Interval 5–95 %"},
    "report_p_top_10": {"nl": "Kans top-10 %", "en": "P(top 10 %)"},
    "report_accessibility": {"nl": "Bereikbaarheid", "en": "Accessibility"},
    "report_threshold": {"nl": "Drempel", "en": "Threshold"},
    "report_mean_time": {"nl": "Gemiddelde tijd", "en": "Mean time"},
    "report_90th_percentile": {"nl": "90e percentiel", "en": "90th percentile"},
    "report_beyond_reach": {"nl": "Buiten bereik", "en": "Beyond reach"},
    "report_largest_gaps": {"nl": "Grootste tekorten", "en": "Largest gaps"},
    "report_not_within_reach": {"nl": "Niet binnen bereik", "en": "Not within reach"},
    "report_persons": {"nl": "Personen", "en": "Persons"},
    "report_planning_new_centres": {
        "nl": "Planning van nieuwe centra",
        "en": "Planning new centres",
    },
    "report_existing_centres_stay_every_plan": {
        "nl": "Bestaande centra blijven; elk plan is exact opgelost (HiGHS) en de status zegt of "
        "het optimum bewezen is.",
        "en": "Existing centres stay; every plan is solved exactly (HiGHS) and the status says "
        "whether the optimum is proven.",
    },
    "report_coverage_against_new_centres": {
        "nl": "Dekking tegen aantal nieuwe centra",
        "en": "Coverage against new centres",
    },
    "report_share_within_reach_per_number": {
        "nl": "Aandeel binnen bereik per aantal nieuwe centra: exact en één voor één (als er maar "
        "één tegelijk gebouwd kan worden).",
        "en": "Share within reach per number of new centres: exact and one at a time.",
    },
    "report_scenarios": {"nl": "Scenario's", "en": "Scenarios"},
    "report_scenarios_before_and_after": {
        "nl": "Scenario’s voor en na",
        "en": "Scenarios before and after",
    },
    "report_reports_per_wijk_and_area": {
        "nl": "Rapporten per wijk en gebied",
        "en": "Reports per wijk and area",
    },
    "report_policy_areas": {"nl": "Beleidsgebieden", "en": "Policy areas"},
    "report_back_to_overview": {"nl": "← stadsoverzicht", "en": "← city overview"},
    "report_black_line_this_area_circles": {
        "nl": "Zwarte lijn: dit gebied. Cirkels: 65-plussers per sector; rode ringen: niet binnen "
        "bereik; gekleurde vlakken: bereik van de huidige centra.",
        "en": "Black line: this area. Circles: residents 65+ per sector; red rings: not within "
        "reach; tinted areas: reach of today's centres.",
    },
    "report_each_indicator_as_of_the": {
        "nl": "Elke indicator als % van de gemeente (= 100). Ontbrekende of afgeschermde waarden "
        "staan er niet in; de tabel zegt waarom.",
        "en": "Each indicator as % of the municipality (= 100). Missing or withheld values are "
        "left out; the table says why.",
    },
    "report_90_interval_of_the_rank": {
        "nl": "90 %-interval van de rang",
        "en": "90 % interval of the rank",
    },
    "report_probability_of_top_10": {"nl": "Kans op top-10 %", "en": "Probability of top 10 %"},
    "report_domain_scores": {"nl": "Domeinscores", "en": "Domain scores"},
    "report_missing_indicators": {"nl": "Ontbrekende indicatoren", "en": "Missing indicators"},
    "report_this_wijk_in_orange_rank": {
        "nl": "Deze wijk in oranje. Rang 1 = meeste behoefte; lijn: 5–95 % van de "
        "Monte-Carlotrekkingen.",
        "en": "This wijk in orange. Rank 1 = most need; line: 5–95 % of the Monte Carlo draws.",
    },
    "report_accessibility_and_gaps": {
        "nl": "Bereikbaarheid en tekorten",
        "en": "Accessibility and gaps",
    },
    "report_gap_rank": {"nl": "Rang tekort", "en": "Gap rank"},
    "report_gap_rank_need_poor_access": {
        "nl": "Rang tekort: behoefte × slechte bereikbaarheid, 1 = grootste tekort.",
        "en": "Gap rank: need × poor access, 1 = largest gap.",
    },
    "report_planning": {"nl": "Planning", "en": "Planning"},
    "report_proposed_new_centres_in_this": {
        "nl": "Voorgestelde nieuwe centra in deze wijk:",
        "en": "Proposed new centres in this wijk:",
    },
    "cost_line": {
        "nl": "Rekentijd {total} s ({steps}); piekgeheugen {peak} MiB",
        "en": "Run time {total} s ({steps}); peak memory {peak} MiB",
    },
    "step_load": {"nl": "inlezen", "en": "load"},
    "step_indicators": {"nl": "indicatoren en index", "en": "indicators and index"},
    "step_access": {"nl": "bereikbaarheid", "en": "accessibility"},
    "step_planning": {"nl": "planning", "en": "planning"},
    "step_write": {"nl": "wegschrijven", "en": "write"},
    "step_report": {"nl": "kaarten en rapporten", "en": "maps and reports"},
    "interrupted_run": {
        "nl": "Onderbroken (Ctrl-C). De uitvoermap {out} is niet gewijzigd; de tijdelijke map is "
        "opgeruimd.",
        "en": "Interrupted (Ctrl-C). The output folder {out} is unchanged; the temporary folder "
        "was removed.",
    },
    "interrupted_report": {
        "nl": "Onderbroken (Ctrl-C). Elke kaart en elk rapport in {out} is ofwel opnieuw gemaakt "
        "ofwel ongewijzigd, nooit half geschreven; voer `wijkanalyse report` opnieuw uit om alles "
        "bij te werken.",
        "en": "Interrupted (Ctrl-C). Every map and report in {out} is either rewritten or "
        "unchanged, never half-written; run `wijkanalyse report` again to update them all.",
    },
    "report_written": {
        "nl": "{n} rapporten geschreven; begin bij {out}",
        "en": "{n} reports written; start at {out}",
    },
    "none": {"nl": "geen", "en": "none"},
    "datasets_title": {"nl": "Datasetcatalogus", "en": "Dataset catalogue"},
    "fetched": {"nl": "{id}: {path}", "en": "{id}: {path}"},
}

#: Display names of facility types.
FACILITY_TYPE_LABELS: dict[str, dict[str, str]] = {
    "buurtcentrum": {"nl": "buurtcentrum", "en": "community centre (buurtcentrum)"},
    "lokaal_dienstencentrum": {"nl": "lokaal dienstencentrum", "en": "local service centre"},
    "pharmacy": {"nl": "apotheek", "en": "pharmacy"},
    "doctors": {"nl": "huisarts", "en": "doctor"},
    "dentist": {"nl": "tandarts", "en": "dentist"},
    "hospital": {"nl": "ziekenhuis", "en": "hospital"},
    "school": {"nl": "school", "en": "school"},
    "kindergarten": {"nl": "kleuterschool", "en": "kindergarten"},
    "library": {"nl": "bibliotheek", "en": "library"},
    "supermarket": {"nl": "supermarkt", "en": "supermarket"},
    "post_office": {"nl": "postkantoor", "en": "post office"},
    "social_facility": {"nl": "sociale voorziening", "en": "social facility"},
    "community_centre": {"nl": "gemeenschapscentrum", "en": "community centre"},
    "townhall": {"nl": "gemeentehuis", "en": "town hall"},
    "bus_stop": {"nl": "bushalte", "en": "bus stop"},
}
