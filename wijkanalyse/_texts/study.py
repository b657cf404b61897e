"""Messages of a study run: its summary, notes and the command line (plans: ``plans``)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "summary_title": {
        "nl": "wijkanalyse: {name} (NIS {nis}), statistische sectoren {vintage}",
        "en": "wijkanalyse: {name} (NIS {nis}), statistical sectors {vintage}",
    },
    "sectors_line": {
        "nl": "{n} {n|sector|sectoren} ({n_geom} met ligging), {n_wijken} "
        "{n_wijken|wijk|wijken}{extra}",
        "en": "{n} {n|sector|sectors} ({n_geom} with a location), {n_wijken} "
        "{n_wijken|wijk|wijken}{extra}",
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
        "nl": "Inwoners: voor {n} {n|sector|sectoren} onbekend",
        "en": "Residents: unknown for {n} {n|sector|sectors}",
    },
    "income_line": {
        "nl": "Mediaan netto belastbaar inkomen per aangifte ({year}): bekend voor {known} van "
        "{n} sectoren, ongewogen mediaan van de sectormedianen {median} (elke sector telt één "
        "keer; de gemeente hieronder weegt naar bevolking)",
        "en": "Median net taxable income per tax return ({year}): known for {known} of {n} "
        "sectors, unweighted median of the sector medians {median} (each sector counts once; "
        "the municipality below is weighted by population)",
    },
    "facilities_planned": {"nl": " (+{n} gepland)", "en": " (+{n} planned)"},
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
    "access_speeds": {
        "nl": "  Snelheid per doelgroep: {groups}.",
        "en": "  Speed per target group: {groups}.",
    },
    "access_speed_65_source": {
        "nl": " (gemiddelde stapsnelheid van 65-plussers, 0,92 m/s: Studenski e.a. 2011)",
        "en": " (mean gait speed of people aged 65+, 0.92 m/s: Studenski et al. 2011)",
    },
    "access_title": {
        "nl": "Bereikbaarheid ({mode}, {speed} km/u):",
        "en": "Accessibility ({mode}, {speed} km/h):",
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
    "demand_centroid": {
        "nl": "vraagmodel: alle inwoners van een sector op één punt ({points} sectoren); een "
        "sector (en een wijk van één sector) valt daardoor in één keer binnen of buiten bereik",
        "en": "demand model: all residents of a sector on one point ({points} sectors); a "
        "sector (and a wijk of one sector) therefore falls within or beyond reach all at once",
    },
    "demand_points": {
        "nl": "vraagmodel: de inwoners van elke sector verdeeld over {model} binnen de sector "
        "({points} punten; sectorgebied: {area}); de aantallen per sector en doelgroep blijven "
        "exact; {fallback} {fallback|sector zonder punt houdt zijn|sectoren zonder punt "
        "houden hun} middelpunt",
        "en": "demand model: each sector's residents spread over {model} inside the sector "
        "({points} points; sector area: {area}); the counts per sector and target group are "
        "kept exactly; {fallback} {fallback|sector without a point keeps its|sectors without "
        "a point keep their} centre",
    },
    "demand_model_street_points": {
        "nl": "punten om de {spacing} m langs de straten",
        "en": "points every {spacing} m along the streets",
    },
    "demand_model_grid": {
        "nl": "de middens van een raster van {spacing} m",
        "en": "the centres of a {spacing} m grid",
    },
    "demand_model_points": {
        "nl": "de eigen adres- of gebouwpunten",
        "en": "the study's own address or building points",
    },
    "demand_name_points": {"nl": "eigen punten", "en": "own points"},
    "demand_area_polygon": {
        "nl": "de sectorgrenzen",
        "en": "the sector boundaries",
    },
    "demand_area_voronoi_in_wijk": {
        "nl": "benadering: de wijk verdeeld rond de middelpunten van haar sectoren",
        "en": "approximation: the wijk divided around its sectors' centres",
    },
    "ranges_drawn": {
        "nl": "marges: {draws} trekkingen (startwaarde {seed}) van {parts}. Een marge is het "
        "5e tot 95e percentiel over de trekkingen",
        "en": "ranges: {draws} draws (seed {seed}) of {parts}. A range is the 5th to 95th "
        "percentile over the draws",
    },
    "ranges_models": {"nl": "het vraagmodel ({models})", "en": "the demand model ({models})"},
    "ranges_speeds": {"nl": "de snelheid ({speeds})", "en": "the speed ({speeds})"},
    "ranges_speed": {
        "nl": "{group} {lo}–{hi} km/u",
        "en": "{group} {lo}–{hi} km/h",
    },
    "ranges_detour": {
        "nl": "de omwegfactor buiten het straatnet ({lo}–{hi}, de kwartielen van de omwegen "
        "op het net zelf)",
        "en": "the detour factor off the network ({lo}–{hi}, the quartiles of the detours on "
        "the network itself)",
    },
    "ranges_positions": {
        "nl": "de ligging van elke voorziening binnen haar onzekerheid (hoog 25 m, middel "
        "250 m, laag 750 m)",
        "en": "each facility's position within its uncertainty (high 25 m, medium 250 m, "
        "low 750 m)",
    },
    "ranges_speed_unsourced": {
        "nl": "voor {groups} is geen gepubliceerde snelheidsmarge bekend: hun snelheid varieert "
        "± 10 %",
        "en": "no published speed range is known for {groups}: their speed varies by ± 10 %",
    },
    "demand_name_street_points": {"nl": "straatpunten", "en": "street points"},
    "demand_name_grid": {"nl": "raster", "en": "grid"},
    "demand_name_centroid": {"nl": "sectormiddelpunt", "en": "sector centre"},
    "access_no_network": {
        "nl": "geen straatnet voor {where}: afstanden zijn hemelsbreed × omwegfactor ({method})",
        "en": "no street network for {where}: distances are straight lines × a "
        "detour factor ({method})",
    },
    "access_off_network": {
        "nl": "{n} {n|sector ligt|sectoren liggen} geheel of deels meer dan {max_snap} m van het "
        "straatnet (wijken: {wijken}); "
        "{n|zijn afstanden zijn|hun afstanden zijn} hemelsbreed × omwegfactor ({method})",
        "en": "{n} {n|sector lies|sectors lie} wholly or partly more than {max_snap} m from the "
        "street network (wijken: {wijken}); {n|its distances|their distances} are straight lines "
        "× a detour factor "
        "({method})",
    },
    "access_off_na": {
        "nl": "{n} {n|sector ligt|sectoren liggen} geheel of deels meer dan {max_snap} m van het "
        "straatnet (wijken: {wijken}); {n|die krijgt|zij krijgen} geen afstand",
        "en": "{n} {n|sector lies|sectors lie} wholly or partly more than {max_snap} m from the "
        "street network (wijken: {wijken}); {n|it gets|they get} no distance",
    },
    "access_facility_off": {
        "nl": "{n} {n|voorziening ligt|voorzieningen liggen} verder dan {max_snap} m van het "
        "straatnet (bij de "
        "gevraagde types: {names}); afstanden ernaartoe zijn hemelsbreed × omwegfactor "
        "({method})",
        "en": "{n} {n|facility lies|facilities lie} more than {max_snap} m from the street "
        "network (of the types "
        "asked about: {names}); distances to them are straight lines × a detour factor "
        "({method})",
    },
    "access_need_fallback": {
        "nl": "geen index in de studie: de nood in de tekortanalyse is de indicator {indicator}",
        "en": "the study has no index: need in the gap analysis is the indicator {indicator}",
    },
    "scenario_row": {
        "nl": "  Scenario {name}: {group} binnen {minutes} min {before} → {after}; gemiddelde "
        "tijd tot het dichtste {type} {mean_before} → {mean_after} min",
        "en": "  Scenario {name}: {group} within {minutes} min {before} → {after}; mean "
        "time to the nearest {type} {mean_before} → {mean_after} min",
    },
    "access_unlocated": {
        "nl": "{n} {n|sector|sectoren} zonder ligging ({pop} inwoners) {n|telt|tellen} niet mee "
        "in de "
        "bereikbaarheid",
        "en": "{n} {n|sector|sectors} without a location ({pop} residents) {n|is|are} left out "
        "of the "
        "accessibility figures",
    },
    "area_line": {
        "nl": "Gebied {name}: {n} {n|sector|sectoren}, {pop} inwoners{note}",
        "en": "Area {name}: {n} {n|sector|sectors}, {pop} residents{note}",
    },
    "area_approx": {"nl": " (benadering: {note})", "en": " (approximation: {note})"},
    "area_translated": {
        "nl": "gedefinieerd als {src_vintage}-{n_src|sector|sectoren} {src}; in de "
        "{vintage}-sectoren valt dat binnen {dst}, die ook {extra} "
        "{n_dst|omvat|omvatten}: de cijfers gelden voor dat grotere gebied",
        "en": "defined as {src_vintage} {n_src|sector|sectors} {src}; in the {vintage} sectors "
        "that lies within {dst}, which also {n_dst|contains|contain} {extra}: the figures cover "
        "that larger area",
    },
    "area_translated_exact": {
        "nl": "gedefinieerd als {src_vintage}-{n_src|sector|sectoren} {src} = "
        "{vintage}-{n_dst|sector|sectoren} {dst}",
        "en": "defined as {src_vintage} {n_src|sector|sectors} {src} = {vintage} "
        "{n_dst|sector|sectors} {dst}",
    },
    "area_wijken": {
        "nl": "{n|wijk|wijken} {wijken}",
        "en": "{n|wijk|wijken} {wijken}",
    },
    "area_sectors": {
        "nl": "{n|sector|sectoren} {sectors}",
        "en": "{n|sector|sectors} {sectors}",
    },
    "indicators_line": {
        "nl": "Indicatoren: {n} per sector, wijk, deelgemeente en gebied (definities in "
        "indicator_definitions.csv); aantallen en verhoudingen op minder dan {thr} personen "
        "onderdrukt ({n_supp} sectorcellen: 'onvoldoende gegevens')",
        "en": "Indicators: {n} per sector, wijk, deelgemeente and area (definitions in "
        "indicator_definitions.csv); counts and rates on fewer than {thr} persons suppressed "
        "({n_supp} sector cells: 'insufficient data')",
    },
    "reference_line": {
        "nl": "Ter vergelijking (aandeel 65-plussers / mediaan inkomen per aangifte, "
        "benadering: de naar bevolking gewogen mediaan van de sectormedianen): {refs}",
        "en": "For comparison (share aged 65+ / median income per tax return, approximated "
        "by the population-weighted median of the sector medians): {refs}",
    },
    "index_title": {
        "nl": "{name} per wijk (rang 1 = meeste behoefte; 90 %-interval van de rang bij andere "
        "methodekeuzes, {choice} herberekeningen, en bij ruis in de gegevens, {data}):",
        "en": "{name} per wijk (rank 1 = most need; 90 % interval of the rank under other "
        "choices of method, {choice} recomputations, and under noise in the data, {data}):",
    },
    "index_row": {
        "nl": "  {rank}/{n} {name} ({code}): score {score}{interval}",
        "en": "  {rank}/{n} {name} ({code}): score {score}{interval}",
    },
    "index_interval_choice": {"nl": ", keuzes {p05}–{p95}", "en": ", choices {p05}–{p95}"},
    "index_interval_data": {"nl": ", gegevens {p05}–{p95}", "en": ", data {p05}–{p95}"},
    "index_flagged": {"nl": ", vlag: {flags}", "en": ", flag: {flags}"},
    "index_flag_student": {"nl": "studenten", "en": "students"},
    "index_flag_collective": {"nl": "collectieve woonvorm", "en": "collective housing"},
    "index_flag_small": {"nl": "kleine bevolking", "en": "small population"},
    "validation_line": {
        "nl": "Toetsing aan de BIMD 2011 ({level}, n = {n}), Spearman ρ [95 %]: {parts}",
        "en": "Checked against the BIMD 2011 ({level}, n = {n}), Spearman ρ [95 %]: {parts}",
    },
    "validation_rho": {
        "nl": "{reference} {rho} [{lo}–{hi}]{independent}",
        "en": "{reference} {rho} [{lo}–{hi}]{independent}",
    },
    "validation_level_wijk": {"nl": "wijken", "en": "wijken"},
    "validation_level_sector": {"nl": "sectoren", "en": "sectors"},
    "validation_level_sector_flanders": {
        "nl": "alle sectoren van Vlaanderen",
        "en": "all sectors of Flanders",
    },
    "validation_own": {"nl": " (zelf in de index)", "en": " (itself in the index)"},
    "validation_no_reference": {
        "nl": "Toetsing: geen BIMD ingelezen ([data] bimd), dus geen vergelijking met een "
        "buitenstaander.",
        "en": "Validation: no BIMD read ([data] bimd), so no comparison with an outside reference.",
    },
    "validation_known": {
        "nl": "Wat de stad weet ({level}): {result} zoals verwacht (validation.csv).",
        "en": "What the city knows ({level}): {result} as expected (validation.csv).",
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
    # -- maps, charts and wijkrapport (shared)
    "no_data": {"nl": "geen gegevens", "en": "no data"},
    "insufficient_data": {"nl": "onvoldoende gegevens", "en": "insufficient data"},
    "percent": {"nl": "{value}\u00a0%", "en": "{value}%"},
    "osm_attribution": {
        "nl": "© OpenStreetMap-bijdragers (ODbL)",
        "en": "© OpenStreetMap contributors (ODbL)",
    },
    "cost_line": {
        "nl": "Rekentijd {total} s ({steps}); piekgeheugen {peak} MiB",
        "en": "Run time {total} s ({steps}); peak memory {peak} MiB",
    },
    "step_load": {"nl": "inlezen", "en": "load"},
    "step_indicators": {"nl": "indicatoren en index", "en": "indicators and index"},
    "step_access": {"nl": "bereikbaarheid", "en": "accessibility"},
    "step_planning": {"nl": "planning", "en": "planning"},
    "step_trends": {"nl": "trends", "en": "trends"},
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
    "none": {"nl": "geen", "en": "none"},
    "datasets_title": {"nl": "Datasetcatalogus", "en": "Dataset catalogue"},
    "fetched": {"nl": "{id}: {path}", "en": "{id}: {path}"},
    # notes about how the inputs were assembled (Note keys of lower modules)
    "region_formed_2025": {
        "nl": "{code} is een gemeente die op 1 januari 2025 ontstond; de sectoren van {vintage} "
        "van {members} worden gebruikt.",
        "en": "{code} is a municipality formed on 1 January 2025; the {vintage} sectors of "
        "{members} are used.",
    },
    "inputs_energy_moved": {
        "nl": "Energieverbruik van de sectoren van 2019 is langs de officiële omzettingstabel "
        "naar de sectoren van 2024 overgezet. Sectoren van 2024 die een deel van een gesplitste "
        "sector van 2019 zijn: {n}; hun waarde is apart onbekend en exact in een gebied dat alle "
        "delen omvat.",
        "en": "Energy use of the 2019 sectors was moved to the 2024 sectors along the official "
        "crosswalk. 2024 sectors that are part of a split 2019 sector: {n}; their value is "
        "unknown alone and exact in an area that holds all parts.",
    },
    "inputs_energy_moved_whole": {
        "nl": "Energieverbruik van de sectoren van 2019 is langs de officiële omzettingstabel "
        "naar de sectoren van 2024 overgezet; geen enkele sector van 2019 werd hier gesplitst.",
        "en": "Energy use of the 2019 sectors was moved to the 2024 sectors along the official "
        "crosswalk; no 2019 sector was split here.",
    },
    "inputs_bimd_moved": {
        "nl": "De BIMD {year} (sectoren van {year}) is langs de sectorcodes naar de sectoren "
        "van 2024 overgezet. Sectoren van 2024 zonder eigen BIMD-waarde omdat hun sector van "
        "{year} gesplitst of samengevoegd werd: {n}.",
        "en": "The BIMD {year} ({year} sectors) was moved to the 2024 sectors along the sector "
        "codes. 2024 sectors without a BIMD value of their own because their {year} sector "
        "was split or merged: {n}.",
    },
    "index_not_need_demand": {
        "nl": "De behoefte-index bevat {indicator}, een vraagindicator: hij zegt hoeveel mensen "
        "een voorziening bedient (een gewicht in bereikbaarheid en planning), niet hoe "
        "achtergesteld een wijk is. Een oudere bevolking is geen armere; in de tekortanalyse "
        'telt leeftijd dan dubbel. Laat hem weg uit [index] of gebruik preset = "deprivatie".',
        "en": "The need index contains {indicator}, a demand indicator: it says how many people "
        "a service is for (a weight in access and planning), not how deprived a wijk is. An "
        "older population is not a poorer one; in the gap analysis age then counts twice. "
        'Leave it out of [index] or use preset = "deprivatie".',
    },
    "index_not_need_context": {
        "nl": "De behoefte-index bevat {indicator}, een contextindicator (omgeving of aanbod), "
        "geen maat voor achterstelling: open ruimte per inwoner volgt vooral de overgang van "
        "stad naar rand. Overweeg hem weg te laten uit [index].",
        "en": "The need index contains {indicator}, a context indicator (setting or supply), "
        "not a measure of deprivation: open space per resident mostly follows the gradient "
        "from city to suburb. Consider leaving it out of [index].",
    },
    "index_constant": {
        "nl": "Op het niveau {level} heeft {indicators} voor alle eenheden dezelfde waarde "
        "(de BIMD rangschikt criminaliteit per gemeente): het onderscheidt de eenheden niet.",
        "en": "At the {level} level {indicators} has the same value for every unit (the BIMD "
        "ranks crime per municipality): it does not tell the units apart.",
    },
    "index_excluded": {
        "nl": "Niet gerangschikt in de behoefte-index: sectoren met de vlag {kinds} "
        "([index] exclude); ze staan met de reden in de indextabel.",
        "en": "Not ranked in the need index: sectors flagged {kinds} ([index] exclude); they "
        "are in the index table with the reason.",
    },
    "index_reference_left_out": {
        "nl": "De rangen tegenover Vlaanderen vragen bronnen die heel Vlaanderen dekken op de "
        "sectoren van 2024; ze blijven weg.",
        "en": "The ranks against Flanders need sources that cover Flanders on the 2024 "
        "sectors; they are left out.",
    },
    "inputs_bimd_moved_by_code": {
        "nl": "De BIMD {year} (sectoren van {year}) is langs de sectorcodes naar de sectoren "
        "van 2024 overgezet. Zonder eigen waarde (sector gesplitst of samengevoegd): {n}. Bij "
        "benadering, want de gemeente kreeg in 2011 andere sectorgrenzen en de waarde volgt "
        "enkel de code: {approx}.",
        "en": "The BIMD {year} ({year} sectors) was moved to the 2024 sectors along the sector "
        "codes. Without a value of their own (sector split or merged): {n}. Approximate, as "
        "the municipality's sectors were redrawn in 2011 and the value follows the code "
        "alone: {approx}.",
    },
    "inputs_open_space": {
        "nl": "Open ruimte van {year} op de sectoren van 2024 (bevolking van 2021).",
        "en": "Open space of {year} on the 2024 sectors (population of 2021).",
    },
    "inputs_vintage_left_out": {
        "nl": "Energie, open ruimte en de BIMD worden naar de sectoren van 2024 overgezet; ze "
        "blijven weg in een studie op de sectoren van {vintage}.",
        "en": "Energy, open space and the BIMD are moved to the 2024 sectors; they are left "
        "out of a study on the {vintage} sectors.",
    },
    "references_left_out": {
        "nl": "De referentierijen (gemeente, arrondissement, Vlaanderen) vragen bronnen die heel "
        "Vlaanderen dekken; ze blijven weg.",
        "en": "The reference rows (municipality, arrondissement, Flanders) need sources that "
        "cover Flanders; they are left out.",
    },
    "references_left_out_sources": {
        "nl": "De referentierijen (gemeente, arrondissement, Vlaanderen) vragen bronnen die heel "
        "Vlaanderen dekken; ze blijven weg ({sources}: geen gecatalogeerde dataset die "
        "Vlaanderen dekt).",
        "en": "The reference rows (municipality, arrondissement, Flanders) need sources that "
        "cover Flanders; they are left out ({sources}: not a catalogued dataset that covers "
        "Flanders).",
    },
    "profile_walk": {"nl": "te voet", "en": "on foot"},
    "profile_bike": {"nl": "met de fiets", "en": "by bike"},
    "network_report": {
        "nl": "{source} ({profile}): {nodes} knopen en {arcs} verbindingen, {km} km gebruikt; "
        "{excluded} wegen of verbindingen ({excluded_km} km) niet voor dit profiel; "
        "{components} samenhangende delen, waarvan {dropped} knopen ({dropped_km} km) buiten "
        "het grootste deel weggelaten{detour}{combined}",
        "en": "{source} ({profile}): {nodes} nodes and {arcs} arcs, {km} km used; {excluded} "
        "ways or arcs ({excluded_km} km) not for this profile; {components} connected parts, "
        "of which {dropped} nodes ({dropped_km} km) outside the largest left out{detour}"
        "{combined}",
    },
    "network_combined": {
        "nl": "; samengesteld uit {parts}",
        "en": "; combined from {parts}",
    },
    "network_source": {
        "nl": "{source}: {km} km in {edges} stukken ({connectors} aansluitingen)",
        "en": "{source}: {km} km in {edges} pieces ({connectors} connectors)",
    },
    "network_detour": {
        "nl": "; omwegfactor voor punten naast het net gemeten op de eigen routes: {factor} "
        "(mediaan van {n} paren knopen {min_m}-{max_m} m uit elkaar, kwartielen {p25}-{p75})",
        "en": "; detour factor for points off the network measured on its own routes: {factor} "
        "(median of {n} node pairs {min_m}-{max_m} m apart, quartiles {p25}-{p75})",
    },
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

#: Facility type → its plural, for counts ("aantal huisartsen") and rates.
FACILITY_TYPE_PLURALS: dict[str, dict[str, str]] = {
    "buurtcentrum": {"nl": "buurtcentra", "en": "community centres (buurtcentra)"},
    "lokaal_dienstencentrum": {"nl": "lokale dienstencentra", "en": "local service centres"},
    "pharmacy": {"nl": "apotheken", "en": "pharmacies"},
    "doctors": {"nl": "huisartsen", "en": "doctors"},
    "dentist": {"nl": "tandartsen", "en": "dentists"},
    "hospital": {"nl": "ziekenhuizen", "en": "hospitals"},
    "school": {"nl": "scholen", "en": "schools"},
    "kindergarten": {"nl": "kleuterscholen", "en": "kindergartens"},
    "library": {"nl": "bibliotheken", "en": "libraries"},
    "supermarket": {"nl": "supermarkten", "en": "supermarkets"},
    "post_office": {"nl": "postkantoren", "en": "post offices"},
    "social_facility": {"nl": "sociale voorzieningen", "en": "social facilities"},
    "community_centre": {"nl": "gemeenschapscentra", "en": "community centres"},
    "townhall": {"nl": "gemeentehuizen", "en": "town halls"},
    "bus_stop": {"nl": "bushaltes", "en": "bus stops"},
}
