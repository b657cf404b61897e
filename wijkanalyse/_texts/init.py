"""Messages of ``wijkanalyse init`` and the study-file template it writes (keys ``init_*``)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
        'wijkcodes, of "none". Kaarten liggen op straten, spoor, water en buurgemeenten '
        '(basemap); tiles = "osm" zet OpenStreetMap onder de interactieve kaart (online).',
        "en": 'Reports: every wijk with boundaries gets one ("auto"), or a list of wijk '
        'codes, or "none". Maps lie on streets, railways, water and the neighbouring '
        'municipalities (basemap); tiles = "osm" puts OpenStreetMap under the interactive '
        "map (online).",
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
}
