"""Messages of a study run: its summary, notes and the command line."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
    "inputs_open_space": {
        "nl": "Open ruimte van {year} op de sectoren van 2024 (bevolking van 2021).",
        "en": "Open space of {year} on the 2024 sectors (population of 2021).",
    },
    "inputs_vintage_left_out": {
        "nl": "Energie en open ruimte zijn gepubliceerd op de sectoren van 2019 en 2024; ze "
        "blijven weg in een studie op de sectoren van {vintage}.",
        "en": "Energy and open space are published on the 2019 and 2024 sectors; they are left "
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
    "network_report": {
        "nl": "{source} ({profile}): {nodes} knopen en {arcs} verbindingen, {km} km gebruikt; "
        "{excluded} wegen of verbindingen ({excluded_km} km) niet voor dit profiel; "
        "{components} samenhangende delen, waarvan {dropped} knopen ({dropped_km} km) buiten "
        "het grootste deel weggelaten",
        "en": "{source} ({profile}): {nodes} nodes and {arcs} arcs, {km} km used; {excluded} "
        "ways or arcs ({excluded_km} km) not for this profile; {components} connected parts, "
        "of which {dropped} nodes ({dropped_km} km) outside the largest left out",
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
