"""Messages of the wijkrapporten and their PDFs.

Keys ``report_*`` and ``pdf_*`` (the maps' and charts' are in their own modules).
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
    "report_front_alt": {
        "nl": "afweging tussen bereik en de langste wandeling",
        "en": "trade-off between reach and the longest walk",
    },
    "report_front_caption": {
        "nl": "Elk punt is een exact plan met hetzelfde aantal nieuwe centra: het plan dat de "
        "meeste mensen binnen bereik brengt zonder dat iemand langer wandelt dan die tijd. "
        "Naar links wordt de verst wonende beter bediend, naar boven bereikt het plan meer "
        "mensen; wat het ene kost in het andere staat in plan_fronts.csv.",
        "en": "Each point is an exact plan with the same number of new centres: the plan that "
        "brings the most people within reach while nobody walks longer than that time. To "
        "the left the farthest resident is served better, upwards the plan reaches more "
        "people; what one costs in the other is in plan_fronts.csv.",
    },
    "report_joint": {
        "nl": ", samen met een ander type gepland (gedeeld gebruik)",
        "en": ", planned together with another type (shared use)",
    },
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
    "report_robust_optimal": {
        "nl": "robuust over de trekkingen, bewezen optimaal",
        "en": "robust over the draws, proven optimal",
    },
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
        "nl": "De genummerde kanttekeningen zeggen wat een indicator niet kan betekenen. "
        "Definitie, bron en kanttekening van elke indicator: indicator_definitions.csv in "
        "de uitvoermap (definition_nl, caveat_nl). ‘Benadering’: boven het "
        "sectorniveau zijn mediaan en gemiddelde inkomen gewogen uit de sectorwaarden "
        "berekend (het aantal aangiften per sector ontbreekt).",
        "en": "The numbered caveats say what an indicator cannot mean. "
        "Definition, source and caveat of every indicator: indicator_definitions.csv in the "
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
    "report_index_made_of": {
        "nl": "De {name} is gemaakt uit {indicators}.",
        "en": "The {name} is made of {indicators}.",
    },
    "report_index_measures_need": {
        "nl": "Hij meet achterstelling: hoeveel nood aan buurtwerk er is door een laag inkomen, "
        "werkloosheid, een lage opleiding of slechte huisvesting. Hij meet geen vraag: hoeveel "
        "65-plussers of kinderen er wonen, zegt voor hoeveel mensen een voorziening er is en "
        "telt mee in bereikbaarheid en planning, niet hier.",
        "en": "It measures deprivation: how much need for neighbourhood work there is through "
        "low income, unemployment, low education or poor housing. It does not measure demand: "
        "how many residents aged 65+ or children live somewhere says how many people a "
        "service is for and counts in access and planning, not here.",
    },
    "report_index_years_bimd": {
        "nl": "De jaren verschillen: de BIMD beschrijft de toestand van 2011.",
        "en": "The years differ: the BIMD describes 2011.",
    },
    "report_index_not_need": {
        "nl": "Let op: de index bevat ook {indicators}; dat is geen maat voor achterstelling "
        "(zie de opmerkingen bij de gegevens).",
        "en": "Note: the index also contains {indicators}, which is not a measure of "
        "deprivation (see the notes on the data).",
    },
    "report_index_flags": {
        "nl": "Sectoren waar de cijfers iets anders betekenen, krijgen een vlag met het bewijs: "
        "studenten (een jonge sector, minder dan {young} 65-plussers, met een laag inkomen "
        "per aangifte maar zonder werkloosheid volgens de BIMD), collectieve woonvorm (minstens "
        "{ppc} inwoners per elektriciteitsaansluiting: studentenhomes, woonzorgcentra, "
        "kloosters) en kleine bevolking (minder dan {min} inwoners).",
        "en": "Sectors whose figures mean something else carry a flag with the evidence: "
        "students (a young sector, fewer than {young} aged 65+, with a low income per tax "
        "return but no unemployment according to the BIMD), collective housing (at least "
        "{ppc} residents per electricity connection: student halls, care homes, convents) and "
        "small population (fewer than {min} residents).",
    },
    "report_index_flags_no_bimd": {
        "nl": "Sectoren waar de cijfers iets anders betekenen, krijgen een vlag met het bewijs: "
        "studenten (een jonge sector, minder dan {young} 65-plussers, met een laag inkomen "
        "per aangifte; zonder de BIMD niet te onderscheiden van jonge gezinnen met een laag "
        "inkomen), collectieve woonvorm (minstens {ppc} inwoners per elektriciteitsaansluiting: "
        "studentenhomes, woonzorgcentra, kloosters) en kleine bevolking (minder dan {min} "
        "inwoners).",
        "en": "Sectors whose figures mean something else carry a flag with the evidence: "
        "students (a young sector, fewer than {young} aged 65+, with a low income per tax "
        "return; without the BIMD not to be told from young low-income households), "
        "collective housing (at least {ppc} residents per electricity connection: student "
        "halls, care homes, convents) and small population (fewer than {min} residents).",
    },
    "report_index_excluded": {
        "nl": "Niet gerangschikt: {kinds}. De andere gemarkeerde sectoren staan in de "
        "rangschikking met hun vlag.",
        "en": "Not ranked: {kinds}. The other flagged sectors are ranked with their flag.",
    },
    "report_index_choice": {
        "nl": "Keuzes: de rang in 90 % van {draws} herberekeningen met andere gewichten, een "
        "andere normalisatie of een andere indicator binnen een domein. Dat zegt hoe sterk "
        "de plaats van een wijk afhangt van de methode, niet hoe goed ze gekend is.",
        "en": "Choices: the rank in 90 % of {draws} recomputations with other weights, another "
        "normalisation or another indicator within a domain. That says how much a wijk's "
        "place depends on the method, not how well it is known.",
    },
    "report_index_data": {
        "nl": "Gegevens: de rang in 90 % van {draws} herberekeningen waarin de gegevens binnen "
        "hun ruis variëren ({redrawn}: een mediaan op weinig aangiften, afgeschermde "
        "waarden); vast blijven {fixed}. Dat zegt hoe goed de plaats gekend is.",
        "en": "Data: the rank in 90 % of {draws} recomputations in which the data vary within "
        "their noise ({redrawn}: a median on few tax returns, withheld values); held fixed: "
        "{fixed}. That says how well the place is known.",
    },
    "report_index_flanders": {
        "nl": "De rangen vergelijken binnen de stad. index_sectors.csv geeft per sector ook de "
        "rang en het deciel onder de {n} gerangschikte sectoren van Vlaanderen (deciel 1 = "
        "de 10 % met de meeste behoefte) en de eigen nationale decielen van de BIMD.",
        "en": "The ranks compare within the city. index_sectors.csv also gives each sector's "
        "rank and decile among the {n} ranked sectors of Flanders (decile 1 = the 10 % "
        "with the most need) and the BIMD's own national deciles.",
    },
    "report_interval_choice": {"nl": "Keuzes 5–95 %", "en": "Choices 5–95 %"},
    "report_interval_data": {"nl": "Gegevens 5–95 %", "en": "Data 5–95 %"},
    "report_flags": {"nl": "Vlag", "en": "Flag"},
    "report_flag_student": {"nl": "studenten", "en": "students"},
    "report_flag_collective": {"nl": "collectieve woonvorm", "en": "collective housing"},
    "report_flag_small": {"nl": "kleine bevolking", "en": "small population"},
    "report_flag_no_bimd": {
        "nl": "zonder BIMD niet te onderscheiden van jonge gezinnen met een laag inkomen",
        "en": "without the BIMD not to be told from young low-income households",
    },
    "report_flag_pop_unknown": {
        "nl": "aantal inwoners onbekend of afgeschermd",
        "en": "number of residents unknown or withheld",
    },
    "report_bimd_decile": {"nl": "deciel {domain}", "en": "decile {domain}"},
    "report_not_ranked": {"nl": "niet gerangschikt", "en": "not ranked"},
    "report_reading": {"nl": "Hoe lees je deze cijfers", "en": "How to read these figures"},
    "report_read_demand": {
        "nl": "Waar mensen wonen: elke statistische sector telt als één punt, zijn centroïde. "
        "Alle inwoners van een sector wonen voor de berekening op dat punt; wie ver van dat "
        "punt woont, kan dichter bij of verder van een centrum wonen dan de cijfers zeggen, "
        "en een wijk met één sector net buiten een drempel telt als helemaal buiten bereik.",
        "en": "Where people live: every statistical sector counts as one point, its centroid. "
        "For the computation all its residents live there; someone far from that point may "
        "live closer to or further from a centre than the figures say, and a wijk whose one "
        "sector lies just beyond a threshold counts as wholly out of reach.",
    },
    "report_read_network": {
        "nl": "Wegennet: {network}. Het net heeft geen voetpaden of trage wegen: een "
        "wandeltijd is een bovengrens waar een pad afsnijdt. Waar geen straat in de buurt "
        "is, geldt de rechte lijn maal de omwegfactor en staat dat bij het cijfer.",
        "en": "Road network: {network}. The network has no footways or paths: a walking time "
        "is an upper bound where a path cuts across. Where no street is near, the straight "
        "line times the detour factor is used and the figure says so.",
    },
    "report_read_no_network": {
        "nl": "Er is geen wegennet: alle afstanden zijn de rechte lijn maal een omwegfactor "
        "({method}).",
        "en": "There is no road network: every distance is the straight line times a detour "
        "factor ({method}).",
    },
    "report_read_speed_one": {
        "nl": "Snelheid: {speed} km/u voor iedereen.",
        "en": "Speed: {speed} km/h for everyone.",
    },
    "report_read_speeds": {
        "nl": "Snelheid per doelgroep: {groups}.",
        "en": "Speed per target group: {groups}.",
    },
    "report_read_speed_65": {
        "nl": "De 65-plussers stappen trager: 3,3 km/u is hun gemiddelde stapsnelheid "
        "(0,92 m/s, Studenski e.a. 2011); een kwart van hen stapt trager dan 2,7 km/u.",
        "en": "People aged 65+ walk slower: 3.3 km/h is their mean gait speed (0.92 m/s, "
        "Studenski et al. 2011); a quarter of them walk slower than 2.7 km/h.",
    },
    "report_read_speed_group": {"nl": "{group} {speed} km/u", "en": "{group} {speed} km/h"},
    "report_read_centres": {
        "nl": "Centra: {n} open buurtcentra en lokale dienstencentra. Hun ligging is niet "
        "overal even goed gekend: {confidence}.",
        "en": "Centres: {n} open buurtcentra and lokale dienstencentra. Their locations are "
        "not equally certain: {confidence}.",
    },
    "report_read_confidence_high": {
        "nl": "op het gebouw zelf: {n} (tot {m} m ernaast)",
        "en": "on the building itself: {n} (up to {m} m off)",
    },
    "report_read_confidence_medium": {
        "nl": "op een buurtpunt: {n} (tot {m} m ernaast)",
        "en": "on a neighbourhood point: {n} (up to {m} m off)",
    },
    "report_read_confidence_low": {
        "nl": "op het midden van een sector of een dorpspunt: {n} (tot {m} m ernaast)",
        "en": "on the middle of a sector or a village point: {n} (up to {m} m off)",
    },
    "report_read_confidence_none": {
        "nl": "het register zegt het niet",
        "en": "the register does not say",
    },
    "report_read_planned": {
        "nl": "Gepland maar niet open, dus niet in de huidige bereikbaarheid: {names}.",
        "en": "Planned but not open, so not in today's accessibility: {names}.",
    },
    "report_read_ranges": {
        "nl": "Marges: de behoefte-index heeft er twee, voor andere methodekeuzes en voor ruis "
        "in de gegevens.",
        "en": "Ranges: the need index has two, for other choices of method and for noise in "
        "the data.",
    },
    "report_read_access_ranges": {
        "nl": "De bereikbaarheidscijfers staan met hun marge tussen haakjes: het 5e tot 95e "
        "percentiel over {draws} trekkingen waarin {parts} tegelijk variëren. Het cijfer zelf "
        "rekent met de opgegeven ligging en snelheid; ligt die aan de rand van wat mogelijk "
        "is, dan kan het cijfer buiten zijn marge vallen. Zonder marge gaven alle trekkingen "
        "(afgerond) hetzelfde.",
        "en": "The accessibility figures come with their range in brackets: the 5th to 95th "
        "percentile over {draws} draws in which {parts} vary together. The figure itself uses "
        "the given locations and speed; where those lie at the edge of what is possible, the "
        "figure can fall outside its range. Without a range, every draw gave (rounded) the "
        "same.",
    },
    "report_read_access_no_ranges": {
        "nl": "De bereikbaarheidscijfers hebben geen marge (marges uitgezet met [access.ranges] "
        "draws = 0): ze hangen af van de ligging van de centra, de snelheid en het vraagmodel "
        "hierboven.",
        "en": "The accessibility figures have no range (turned off with [access.ranges] "
        "draws = 0): they depend on the centres' locations, the speed and the demand model "
        "above.",
    },
    "report_read_positions": {
        "nl": "de ligging van elk centrum binnen zijn onzekerheid",
        "en": "each centre's position within its uncertainty",
    },
    "report_read_models": {"nl": "het vraagmodel ({models})", "en": "the demand model ({models})"},
    "report_read_speed_range": {"nl": "de snelheid ({speeds})", "en": "the speed ({speeds})"},
    "report_read_and": {"nl": " en ", "en": " and "},
    "report_read_detour_range": {
        "nl": "de omwegfactor buiten het straatnet ({lo}–{hi})",
        "en": "the detour factor off the network ({lo}–{hi})",
    },
    "report_read_demand_points": {
        "nl": "Waar mensen wonen: de inwoners van elke statistische sector zijn verdeeld over "
        "{model} binnen de sector, {points} punten in totaal; de aantallen per sector blijven "
        "exact. {area} {fallback}",
        "en": "Where people live: each statistical sector's residents are spread over {model} "
        "inside the sector, {points} points in all; the counts per sector are kept exactly. "
        "{area} {fallback}",
    },
    "report_read_model_street_points": {
        "nl": "punten om de {spacing} m langs de straten",
        "en": "points every {spacing} m along the streets",
    },
    "report_read_model_grid": {
        "nl": "de middens van een raster van {spacing} m",
        "en": "the centres of a {spacing} m grid",
    },
    "report_read_model_points": {
        "nl": "de eigen adres- of gebouwpunten van de studie",
        "en": "the study's own address or building points",
    },
    "report_read_area_voronoi_in_wijk": {
        "nl": "De sectorgrenzen zijn offline niet openbaar: het gebied van een sector is "
        "benaderd door de wijk te verdelen rond de middelpunten van haar sectoren (elke wijk "
        "is exact een unie van sectoren).",
        "en": "Sector boundaries are not public offline: a sector's area is approximated by "
        "dividing its wijk around its sectors' centres (every wijk is exactly a union of "
        "sectors).",
    },
    "report_read_area_polygon": {
        "nl": "Het gebied van een sector is zijn eigen grens.",
        "en": "A sector's area is its own boundary.",
    },
    "report_read_fallback": {
        "nl": "{n} {n|sector zonder straat of rasterpunt houdt zijn|sectoren zonder straat of "
        "rasterpunt houden hun} middelpunt.",
        "en": "{n} {n|sector without a street or grid point keeps its|sectors without a street "
        "or grid point keep their} centre.",
    },
    "report_validation": {"nl": "Toetsing", "en": "Validation"},
    "report_validation_intro": {
        "nl": "Elke analyse toetst de index aan een buitenstaander, de Belgische deprivatie-index "
        "BIMD 2011 (Otavova e.a. 2023), en aan wat de stad zelf weet. Het resultaat staat "
        "hier zoals het is, goed of slecht. Samenhang met een BIMD-domein dat zelf in de index "
        "zit, bewijst weinig: die rijen zijn niet onafhankelijk. n telt de eenheden met zowel "
        "een indexscore als een BIMD-waarde.",
        "en": "Every analysis checks the index against an outside reference, the Belgian "
        "deprivation index BIMD 2011 (Otavova et al. 2023), and against what the city itself "
        "knows. The result is shown as it is, good or bad. Agreement with a BIMD domain that "
        "is itself in the index proves little: those rows are not independent. n counts the "
        "units with both an index score and a BIMD value.",
    },
    "report_level": {"nl": "Niveau", "en": "Level"},
    "report_reference": {"nl": "Referentie", "en": "Reference"},
    "report_spearman": {"nl": "Spearman ρ", "en": "Spearman ρ"},
    "report_interval_95": {"nl": "95 %-interval", "en": "95 % interval"},
    "report_independent": {"nl": "Onafhankelijk", "en": "Independent"},
    "report_verdict": {"nl": "Oordeel", "en": "Verdict"},
    "report_yes": {"nl": "ja", "en": "yes"},
    "report_no": {"nl": "nee", "en": "no"},
    "report_level_wijken": {"nl": "wijken", "en": "wijken"},
    "report_level_sectors": {"nl": "sectoren", "en": "sectors"},
    "report_level_flanders": {
        "nl": "alle sectoren van Vlaanderen",
        "en": "all sectors of Flanders",
    },
    "report_check_strong": {"nl": "sterke samenhang", "en": "strong agreement"},
    "report_check_moderate": {"nl": "matige samenhang", "en": "moderate agreement"},
    "report_check_weak": {"nl": "zwakke samenhang", "en": "weak agreement"},
    "report_check_not_shown": {
        "nl": "geen aantoonbare samenhang (het interval bevat 0)",
        "en": "no agreement shown (the interval holds 0)",
    },
    "report_check_negative": {"nl": "{band}, maar tegengesteld", "en": "{band}, but opposite"},
    "report_check_constant_reference": {
        "nl": "niet te berekenen: één waarde voor de hele gemeente",
        "en": "cannot be computed: one value for the whole municipality",
    },
    "report_check_too_few_units": {"nl": "te weinig eenheden", "en": "too few units"},
    "report_check_constant_index": {
        "nl": "niet te berekenen: de index heeft overal dezelfde waarde",
        "en": "cannot be computed: the index has the same value everywhere",
    },
    "report_check_no_reference": {
        "nl": "geen referentie: de BIMD is niet ingelezen ([data] bimd)",
        "en": "no reference: the BIMD was not read ([data] bimd)",
    },
    "report_known_groups": {"nl": "Wat de stad weet", "en": "What the city knows"},
    "report_known_high": {"nl": "gekend hoog", "en": "known high"},
    "report_known_low": {"nl": "gekend laag", "en": "known low"},
    "report_known_as_expected": {"nl": "zoals verwacht", "en": "as expected"},
    "report_known_not_as_expected": {"nl": "niet zoals verwacht", "en": "not as expected"},
    "report_known_not_ranked": {"nl": "niet gerangschikt", "en": "not ranked"},
    "report_known_summary": {
        "nl": "{level}: {result} zoals verwacht (gekend hoog in de eerste 30 %, gekend laag in "
        "de laatste 30 % van de rangschikking).",
        "en": "{level}: {result} as expected (known high in the first 30 %, known low in the "
        "last 30 % of the ranking).",
    },
    "report_disagreements": {
        "nl": "Grootste verschillen met de BIMD (sectoren)",
        "en": "Largest differences from the BIMD (sectors)",
    },
    "report_rank_bimd": {"nl": "Rang BIMD", "en": "BIMD rank"},
    "report_flagged_sectors": {"nl": "Gemarkeerde sectoren", "en": "Flagged sectors"},
    "report_evidence": {"nl": "Bewijs", "en": "Evidence"},
    "report_sector": {"nl": "Sector", "en": "Sector"},
    "report_group": {"nl": "Groep", "en": "Group"},
    "report_ranks_with_interval": {"nl": "Rangen met interval", "en": "Ranks with interval"},
    "report_rank": {"nl": "Rang", "en": "Rank"},
    "report_score": {"nl": "Score", "en": "Score"},
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
    "report_scenarios_reach_nobody": {
        "nl": "Geen grafiek: binnen de drempel woont hier niemand, vandaag noch met een "
        "scenario; wat wel verandert (de gemiddelde tijd) staat in de tabel.",
        "en": "No chart: nobody here lives within the threshold, today or with any scenario; "
        "what does change (the mean time) is in the table.",
    },
    "report_sharing": {"nl": "Gedeeld gebruik van gebouwen", "en": "Shared use of buildings"},
    "report_shared_buildings": {"nl": "gedeelde gebouwen", "en": "shared buildings"},
    "report_fewer_than_apart": {"nl": "minder dan zonder delen", "en": "fewer than apart"},
    "report_shared_where": {"nl": "gedeeld in", "en": "shared in"},
    "report_sharing_note": {
        "nl": "Elke rij is een exact plan voor beide types samen met minstens zoveel gedeelde "
        "gebouwen (een nieuw centrum van het ene type in een nieuw of bestaand centrum van het "
        "andere); 'minder dan zonder delen' is wat dat kost in inwoners binnen bereik.",
        "en": "Each row is an exact plan for both types together with at least that many "
        "shared buildings (a new centre of one type in a new or existing centre of the other); "
        "'fewer than apart' is what that costs in residents within reach.",
    },
    "report_norms": {"nl": "Normen", "en": "Norms"},
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
    "report_domain_scores": {"nl": "Domeinscores", "en": "Domain scores"},
    "report_missing_indicators": {"nl": "Ontbrekende indicatoren", "en": "Missing indicators"},
    "report_this_wijk_in_orange_rank": {
        "nl": "Deze wijk in oranje. Rang 1 = meeste behoefte; dikke lijn: 5–95 % bij andere "
        "methodekeuzes, dunne lijn: 5–95 % bij ruis in de gegevens.",
        "en": "This wijk in orange. Rank 1 = most need; thick line: 5–95 % under other choices "
        "of method, thin line: 5–95 % under noise in the data.",
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
    "report_written": {
        "nl": "{n} rapporten geschreven; begin bij {out}",
        "en": "{n} reports written; start at {out}",
    },
    "report_written_one": {
        "nl": "1 rapport geschreven in {folder}",
        "en": "1 report written in {folder}",
    },
}
