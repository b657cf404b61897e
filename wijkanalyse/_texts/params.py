"""Labels of the study parameters and the glossary of method terms, in Dutch and English.

Data only, read by :mod:`wijkanalyse.report._provenance`. ``LABELS`` is keyed by the
parameter's path in the study with list positions left out (``plan.questions.minutes``);
``SECTIONS`` names the study file's tables and ``ITEMS`` the entries of its lists;
``VALUES`` translates the words a study file uses as values; ``GLOSSARY`` explains each
method term once. Each text is a ``(nl, en)`` pair.
"""

from __future__ import annotations

#: Study-file table → its heading.
SECTIONS: dict[str, tuple[str, str]] = {
    "study": ("Studie", "Study"),
    "data": ("Gegevens", "Data"),
    "target_groups": ("Doelgroepen", "Target groups"),
    "indicators": ("Indicatoren", "Indicators"),
    "index": ("Behoefte-index", "Need index"),
    "validation": ("Toets van de index", "Check of the index"),
    "access": ("Bereikbaarheid", "Accessibility"),
    "plan": ("Planning", "Planning"),
}

#: A list entry's heading ({n}: its position, {name}: its name when it has one).
ITEMS: dict[str, tuple[str, str]] = {
    "access.questions": ("Bereikbaarheidsvraag {n}", "Accessibility question {n}"),
    "plan.sites": ("Gebouwen om te delen, bron {n}", "Buildings to share, source {n}"),
    "plan.questions": ("Planvraag {n}: {name}", "Planning question {n}: {name}"),
    "plan.joint": ("Gezamenlijke vraag {n}: {name}", "Joint question {n}: {name}"),
    "plan.joint.types": ("voorziening {n}", "facility {n}"),
    "target_groups": ("{name}", "{name}"),
}

_SPEED = (
    "wandelsnelheid (km/u; leeg: die van de studie)",
    "walking speed (km/h; empty: the study's)",
)
_TYPE = ("soort voorziening", "facility type")
_GROUP = ("doelgroep", "target group")
_MINUTES = ("bereik (minuten wandelen)", "reach (minutes of walking)")
_NEED_W = ("gewogen naar behoefte", "weighted by need")
_AREAS = ("alleen voor deze gebieden", "only for these areas")
_CAND_W = ("kandidaten alleen in deze wijken", "candidates only in these wijken")
_SOURCE = ("bron", "source")

#: Parameter path (list positions left out) → label.
LABELS: dict[str, tuple[str, str]] = {
    "study.name": ("naam", "name"),
    "study.municipality": ("gemeente (NIS-code)", "municipality (NIS code)"),
    "study.region": ("regio", "region"),
    "study.vintage": ("jaargang van de sectorcodes", "vintage of the sector codes"),
    "study.language": ("taal", "language"),
    "study.facility_buffer_m": (
        "voorzieningen meegeteld tot zo ver buiten de gemeente (m)",
        "facilities counted up to this far outside the municipality (m)",
    ),
    "data.sectors": ("sectoren", "sectors"),
    "data.population": ("bevolking", "population"),
    "data.income": ("inkomens", "income"),
    "data.energy": ("energieverbruik", "energy use"),
    "data.open_space": ("open ruimte", "open space"),
    "data.bimd": ("BIMD", "BIMD"),
    "data.road_graph": ("wegennet", "road network"),
    "data.wijken": ("wijken", "wijken"),
    "data.demand": ("vraagpunten", "demand points"),
    "target_groups.speed_kmh": _SPEED,
    "indicators.energy_year": ("jaar van het energieverbruik", "year of the energy use"),
    "indicators.open_space_year": ("jaar van de open ruimte", "year of the open space"),
    "indicators.suppression_threshold": (
        "kleinste aantal personen dat getoond wordt",
        "smallest count of persons shown",
    ),
    "indicators.min_coverage": (
        "minimale dekking van een wijk door haar sectoren",
        "least coverage of a wijk by its sectors",
    ),
    "indicators.references": ("vergelijking met arrondissement en Vlaanderen", "references"),
    "index.name": ("naam", "name"),
    "index.preset": ("samenstelling", "preset"),
    "index.normalisation": ("normalisatie", "normalisation"),
    "index.transform": ("transformatie", "transform"),
    "index.missing": ("ontbrekende indicatoren", "missing indicators"),
    "index.levels": ("niveaus", "levels"),
    "index.domains": ("domeinen", "domains"),
    "index.exclude": ("uitgesloten sectoren", "excluded sectors"),
    "index.shrinkage": ("krimp naar het wijkgemiddelde", "shrinkage to the wijk mean"),
    "index.reference": ("referentie van de rangen", "reference of the ranks"),
    "index.flags.min_population": (
        "kleine sector: minder inwoners dan",
        "small sector: fewer residents than",
    ),
    "index.flags.collective_factor": (
        "factor voor collectieve huishoudens",
        "factor for collective households",
    ),
    "index.flags.young_factor": ("factor voor jonge bevolking", "factor for a young population"),
    "index.flags.low_income_factor": ("factor voor laag inkomen", "factor for low income"),
    "index.flags.bimd_income_decile_max": (
        "hoogste BIMD-inkomensdeciel van een studentenbuurt",
        "highest BIMD income decile of a student quarter",
    ),
    "index.flags.bimd_employment_decile_min": (
        "laagste BIMD-werkdeciel van een studentenbuurt",
        "lowest BIMD employment decile of a student quarter",
    ),
    "index.sensitivity.draws": ("trekkingen voor de methodekeuzes", "draws of the method choices"),
    "index.sensitivity.seed": ("startgetal (methodekeuzes)", "seed (method choices)"),
    "index.sensitivity.concentration": (
        "spreiding van de gewichten",
        "concentration of the weights",
    ),
    "index.sensitivity.normalisations": ("vergeleken normalisaties", "normalisations compared"),
    "index.sensitivity.transforms": ("vergeleken transformaties", "transforms compared"),
    "index.sensitivity.leave_one_out": (
        "telkens één indicator weglaten",
        "leave one indicator out",
    ),
    "index.sensitivity.top_k": (
        "top voor de kans op een toprang",
        "top for the chance of a top rank",
    ),
    "index.data_uncertainty.draws": ("trekkingen voor ruis in de gegevens", "draws of data noise"),
    "index.data_uncertainty.seed": ("startgetal (ruis in de gegevens)", "seed (data noise)"),
    "index.data_uncertainty.returns_per_resident": (
        "belastingaangiften per inwoner",
        "tax returns per resident",
    ),
    "validation.known_high": ("wijken die hoog horen te staan", "wijken known to rank high"),
    "validation.known_low": ("wijken die laag horen te staan", "wijken known to rank low"),
    "validation.expected_share": ("verwacht aandeel in de top", "expected share in the top"),
    "access.profile": ("vervoerswijze", "mode"),
    "access.demand": ("waar de inwoners wonen", "where residents live"),
    "access.demand_file": ("bestand met vraagpunten", "file of demand points"),
    "access.demand_weight": ("gewicht van de vraagpunten", "weight of the demand points"),
    "access.demand_spacing_m": ("afstand tussen straatpunten (m)", "spacing of street points (m)"),
    "access.demand_cell_m": ("rastercel (m)", "grid cell (m)"),
    "access.ranges.draws": ("trekkingen voor de bereikbaarheid", "draws of accessibility"),
    "access.ranges.seed": ("startgetal (bereikbaarheid)", "seed (accessibility)"),
    "access.ranges.positions": ("ligging van de centra onzeker", "centre positions uncertain"),
    "access.ranges.demand_models": ("vergeleken vraagmodellen", "demand models compared"),
    "access.ranges.detour": ("omwegfactoren", "detour factors"),
    "access.speed_kmh": ("wandelsnelheid (km/u)", "walking speed (km/h)"),
    "access.max_snap_m": (
        "grootste afstand tot het wegennet (m)",
        "largest distance to the network (m)",
    ),
    "access.off_network": ("afstand buiten het wegennet", "distance off the network"),
    "access.detour_factor": ("omwegfactor", "detour factor"),
    "access.osm": ("OpenStreetMap-bestand", "OpenStreetMap file"),
    "access.patch": ("aanvulling van het wegennet", "patch of the network"),
    "access.patch_gap_m": (
        "aansluiting van de aanvulling (m)",
        "joining distance of the patch (m)",
    ),
    "access.need": ("behoefte bij de tekorten", "need in the gaps"),
    "access.questions.facility_type": _TYPE,
    "access.questions.target_group": _GROUP,
    "access.questions.minutes": _MINUTES,
    "plan.candidates": ("kandidaatlocaties", "candidate sites"),
    "plan.sites.source": _SOURCE,
    "plan.sites.types": ("soorten", "types"),
    "plan.sites.kind": ("soort bestand", "kind of file"),
    "plan.sites.facility_type": _TYPE,
    "plan.sites.name_col": ("kolom met de naam", "name column"),
    "plan.sites.type_col": ("kolom met de soort", "type column"),
    "plan.sites.id_col": ("kolom met de code", "id column"),
    "plan.sites.x_col": ("kolom x", "x column"),
    "plan.sites.y_col": ("kolom y", "y column"),
    "plan.sites.lon_col": ("kolom lengtegraad", "longitude column"),
    "plan.sites.lat_col": ("kolom breedtegraad", "latitude column"),
    "plan.sites.crs": ("coördinatenstelsel", "CRS"),
    "plan.sites.encoding": ("tekencodering", "encoding"),
    "plan.sites.layer": ("laag", "layer"),
    "plan.sites.member": ("bestand in het archief", "member of the archive"),
    "plan.sites.as_point": ("punt van een vlak", "point of a polygon"),
    "plan.street_names": ("straatnamen", "street names"),
    "plan.stop_names": ("haltenamen", "stop names"),
    "plan.norms": ("normen", "norms"),
    "plan.distance_m": ("afstand voor de norm (m)", "distance of the norm (m)"),
    "plan.grid_m": (
        "afstand tussen kandidaten op het wegennet (m)",
        "spacing of network candidates (m)",
    ),
    "plan.candidate_wijken": _CAND_W,
    "plan.time_limit": ("tijdslimiet per vraag (s)", "time limit per question (s)"),
    "plan.mip_gap": ("toegelaten afstand tot het optimum", "allowed gap to the optimum"),
    "plan.questions.name": ("naam", "name"),
    "plan.questions.facility_type": _TYPE,
    "plan.questions.target_group": _GROUP,
    "plan.questions.model": ("model", "model"),
    "plan.questions.minutes": _MINUTES,
    "plan.questions.p": ("aantal nieuwe centra", "number of new centres"),
    "plan.questions.demand_areas": _AREAS,
    "plan.questions.candidate_wijken": _CAND_W,
    "plan.questions.need_weighted": _NEED_W,
    "plan.questions.allow_closing": (
        "bestaande centra mogen sluiten",
        "existing centres may close",
    ),
    "plan.questions.capacity_col": ("kolom met de capaciteit", "capacity column"),
    "plan.questions.new_capacity": ("capaciteit van een nieuw centrum", "capacity of a new centre"),
    "plan.questions.robust": (
        "robuuste keuze over de trekkingen",
        "robust choice across the draws",
    ),
    "plan.questions.robust_q": ("kwantiel van de robuuste keuze", "quantile of the robust choice"),
    "plan.questions.front": ("afweging dekking–langste wandeling", "coverage–longest walk front"),
    "plan.joint.name": ("naam", "name"),
    "plan.joint.types.facility_type": _TYPE,
    "plan.joint.types.target_group": _GROUP,
    "plan.joint.types.minutes": _MINUTES,
    "plan.joint.types.p": ("aantal nieuwe centra", "number of new centres"),
    "plan.joint.types.weight": ("gewicht", "weight"),
    "plan.joint.types.need_weighted": _NEED_W,
    "plan.joint.min_shared": (
        "minstens zoveel gedeelde gebouwen",
        "at least this many shared buildings",
    ),
    "plan.joint.share_bonus": ("bonus voor een gedeeld gebouw", "bonus for a shared building"),
    "plan.joint.demand_areas": _AREAS,
    "plan.joint.candidate_wijken": _CAND_W,
}

#: Values a study file writes as words → their reading.
VALUES: dict[str, tuple[str, str]] = {
    "walk": ("te voet", "on foot"),
    "bike": ("met de fiets", "by bike"),
    "street_points": ("punten langs de woonstraten", "points along residential streets"),
    "grid": ("raster", "grid"),
    "centroids": ("middelpunten van de sectoren", "sector centroids"),
    "euclidean": ("rechte lijn maal de omwegfactor", "straight line times the detour factor"),
    "calibrated": ("geijkt op het wegennet", "calibrated on the network"),
    "rank": ("rangen", "ranks"),
    "zscore": ("z-scores", "z-scores"),
    "minmax": ("min-max", "min-max"),
    "exponential": ("exponentieel", "exponential"),
    "reweight": ("gewichten herverdelen", "reweight"),
    "flanders": ("Vlaanderen", "Flanders"),
    "deprivatie": ("deprivatie", "deprivation"),
    "small": ("kleine sectoren", "small sectors"),
    "index": ("de behoefte-index", "the need index"),
    "sectors": ("sectormiddelpunten", "sector centroids"),
    "network": ("punten op het wegennet", "points on the network"),
    "mclp": ("maximale dekking (MCLP)", "maximal covering (MCLP)"),
    "p_median": ("p-mediaan", "p-median"),
    "p_center": ("p-centrum", "p-center"),
    "lscp": ("volledige dekking (LSCP)", "set covering (LSCP)"),
    "expected": ("gemiddeld over de trekkingen", "expected over the draws"),
    "worst": ("slechtste trekking", "worst draw"),
    "quantile": ("kwantiel", "quantile"),
    "none": ("geen", "none"),
    "osm": ("OpenStreetMap", "OpenStreetMap"),
    "register": ("register", "register"),
    "wijk": ("wijk", "wijk"),
    "sector": ("sector", "sector"),
}

#: Method terms, each explained once at the end of a report: (term, explanation) per language.
GLOSSARY: list[tuple[tuple[str, str], tuple[str, str]]] = [
    (
        ("MCLP (maximale dekking)", "MCLP (maximal covering)"),
        (
            "kiest de plaatsen die samen de meeste inwoners binnen het bereik brengen "
            "(Church & ReVelle 1974).",
            "chooses the sites that together bring the most residents within reach "
            "(Church & ReVelle 1974).",
        ),
    ),
    (
        ("p-mediaan", "p-median"),
        (
            "kiest de plaatsen die de gemiddelde wandeltijd naar het dichtste centrum het "
            "kleinst maken (Hakimi 1964).",
            "chooses the sites that make the mean walk to the nearest centre shortest "
            "(Hakimi 1964).",
        ),
    ),
    (
        ("p-centrum", "p-center"),
        (
            "kiest de plaatsen die de langste wandeling naar het dichtste centrum het kortst "
            "maken.",
            "chooses the sites that make the longest walk to the nearest centre shortest.",
        ),
    ),
    (
        ("bewezen optimaal", "proven optimal"),
        (
            "de oplosser heeft aangetoond dat geen andere keuze van plaatsen beter scoort, "
            "voor dit model en deze gegevens.",
            "the solver showed that no other choice of sites scores better, for this model "
            "and these data.",
        ),
    ),
    (
        ("trekking (Monte Carlo)", "draw (Monte Carlo)"),
        (
            "één herberekening met onzekere invoer die willekeurig gekozen is binnen haar "
            "marge (wandelsnelheid, ligging van de centra, waar de inwoners wonen); "
            "de 5–95 %-marge van een cijfer is het midden van 90 % van de trekkingen.",
            "one recomputation with uncertain inputs chosen at random within their range "
            "(walking speed, centre positions, where residents live); a figure's 5–95 % range "
            "is the middle 90 % of the draws.",
        ),
    ),
    (
        ("omwegfactor", "detour factor"),
        (
            "hoeveel langer een wandeling over straat is dan in rechte lijn; gebruikt voor "
            "het stuk naar en van het wegennet.",
            "how much longer a walk along streets is than the straight line; used for the "
            "stretch to and from the network.",
        ),
    ),
    (
        ("rangindex", "rank index"),
        (
            "de behoefte-index ordent wijken; 1 is de meeste behoefte. Het verschil tussen "
            "twee rangen zegt niet hoeveel groter de behoefte is.",
            "the need index orders wijken; 1 is the most need. The gap between two ranks "
            "does not say how much greater the need is.",
        ),
    ),
    (
        ("2SFCA", "2SFCA"),
        (
            "maat voor aanbod per inwoner binnen bereik, die rekening houdt met hoeveel "
            "mensen hetzelfde centrum delen (Luo & Wang 2003).",
            "a measure of supply per resident within reach that accounts for how many "
            "people share the same centre (Luo & Wang 2003).",
        ),
    ),
]

#: Messages of the report's account of itself: keys ``prov_*``.
TEXT: dict[str, dict[str, str]] = {
    "prov_yes": {"nl": "ja", "en": "yes"},
    "prov_no": {"nl": "nee", "en": "no"},
    "prov_sources": {"nl": "Bronnen", "en": "Sources"},
    "prov_not_set": {
        "nl": "– : niet ingesteld in het studiebestand; de standaard van wijkanalyse geldt.",
        "en": "– : not set in the study file; wijkanalyse's default holds.",
    },
    "prov_full_in_overview": {
        "nl": "De volledige verantwoording (elke dataset met zijn controlegetal, de eigen "
        "bestanden van de studie en alle studieparameters) staat in het overzichtsrapport.",
        "en": "The full account (every dataset with its checksum, the study's own files and "
        "every study parameter) is in the overview report.",
    },
    "prov_attribution_verbatim": {
        "nl": "De vermelding staat er zoals de licentie ze vraagt, in de woorden van de uitgever.",
        "en": "The attribution is given as the licence asks, in the publisher's words.",
    },
    "prov_own_file": {"nl": "eigen bestand van de studie", "en": "the study's own file"},
    "prov_glossary": {"nl": "Verklarende woordenlijst", "en": "Glossary"},
    "prov_checksum": {"nl": "controlegetal (sha256)", "en": "checksum (sha256)"},
    # an approximated indicator value's note (indicators_*.csv ``<id>_note``), read aloud
    "note_weighted_median": {
        "nl": "benadering: de naar {weight} gewogen mediaan van de sectorwaarden",
        "en": "approximation: the {weight}-weighted median of the sector values",
    },
    "note_weighted_mean": {
        "nl": "benadering: het naar {weight} gewogen gemiddelde van de sectorwaarden",
        "en": "approximation: the {weight}-weighted mean of the sector values",
    },
    "note_other": {
        "nl": "benadering: zie de indicatortabel (kolom <indicator>_note)",
        "en": "approximation: see the indicator table (column <indicator>_note)",
    },
    "note_member_ratio": {
        "nl": "benadering: verhouding over de sectoren met gegevens ({share} van de inwoners)",
        "en": "approximation: ratio over the sectors with data ({share} of the residents)",
    },
}

#: The weights of an approximated value (a population column) → their reading.
WEIGHTS: dict[str, tuple[str, str]] = {
    "pop_total": ("bevolking", "population"),
    "pop_65plus": ("aantal 65-plussers", "number of people aged 65+"),
}

#: The indicators' units (as indicator_definitions.csv writes them) → their reading.
UNITS: dict[str, tuple[str, str]] = {
    "aantal": ("aantal", "count"),
    "inwoners": ("inwoners", "residents"),
    "inwoners/km²": ("inwoners/km²", "residents/km²"),
    "m²/inwoner": ("m²/inwoner", "m²/resident"),
    "per 1 000 inwoners": ("per 1 000 inwoners", "per 1,000 residents"),
    "score (0-100)": ("score (0-100)", "score (0-100)"),
}
