"""The built-in indicators' definitions and caveats in Dutch (the registry's are English).

Data only, attached to the built-ins by :mod:`wijkanalyse.indicators.definitions`;
``tests/test_indicators.py`` checks that every built-in has both.
"""

from __future__ import annotations

#: Indicator id → (definition, caveat) in Dutch ("" where the English has no caveat).
TEXTS: dict[str, tuple[str, str]] = {
    "pop_total": (
        "Inwoners op 1 januari 2021 (Census 2021).",
        "Ingeschreven inwoners; studenten met een domicilie elders tellen niet mee.",
    ),
    "pop_65plus": ("Inwoners van 65 jaar of ouder op 1 januari 2021 (Census 2021).", ""),
    "share_65plus": (
        "Inwoners van 65 jaar of ouder als percentage van alle inwoners (Census 2021).",
        "Een maat voor de vraag naar diensten voor ouderen (lokale dienstencentra), geen maat "
        "voor deprivatie: een oudere bevolking is geen armere.",
    ),
    "income_median": (
        "Mediaan netto belastbaar inkomen per aangifte, inkomensjaar 2021 (Statbel).",
        "Per aangifte, niet per persoon of huishouden: een koppel dat samen aangeeft is één "
        "aangifte. Boven het niveau van de sector wordt de echte mediaan niet gepubliceerd; de "
        "waarde is de mediaan van de sectormedianen, gewogen naar bevolking (een benadering). "
        "Cellen met weinig aangiften houdt Statbel achter (ontbrekend).",
    ),
    "income_mean": (
        "Gemiddeld netto belastbaar inkomen per aangifte, inkomensjaar 2021 (Statbel).",
        "Per aangifte; enkele hoge inkomens trekken het omhoog (vergelijk met de mediaan). "
        "Boven het niveau van de sector het gemiddelde van de sectorgemiddelden, gewogen naar "
        "bevolking (een benadering: het aantal aangiften per sector zit niet in de gegevens).",
    ),
    "elek_per_connection": (
        "Elektriciteitsverbruik van woningen (kWh, 2021) gedeeld door het aantal "
        "woonaansluitingen voor elektriciteit (Fluvius).",
        "Netto afname: woningen met zonnepanelen tonen een laag verbruik. Op zich geen maat "
        "voor energiearmoede; hangt af van de grootte van het huishouden en de verwarming.",
    ),
    "gas_per_connection": (
        "Aardgasverbruik van woningen (kWh, 2021) gedeeld door het aantal woonaansluitingen "
        "voor gas (Fluvius).",
        "Een hoger verbruik kan op slecht geïsoleerde of op grotere woningen wijzen; woningen "
        "zonder gasaansluiting zitten niet in de noemer.",
    ),
    "persons_per_connection": (
        "Inwoners (Census 2021) per woonaansluiting voor elektriciteit (Fluvius 2021): een "
        "benadering van de gemiddelde grootte van een huishouden.",
        "Collectieve woonvormen (studentenhuizen, woonzorgcentra) en leegstaande woningen "
        "vertekenen het.",
    ),
    "open_space_per_inhabitant": (
        "Open ruimte (bos, akker, grasland, struikgewas, braakland, water, moeras; 2016) in "
        "m² per inwoner (Census 2021).",
        "Alleen de open ruimte binnen de eenheid, niet de parken net over de grens; akkers "
        "zijn open ruimte maar geen toegankelijk groen.",
    ),
    "open_space_share": (
        "Open ruimte (2016) als percentage van de oppervlakte van de eenheid.",
        "Vraagt de omtrek van de eenheid: ontbrekend voor sectoren wanneer alleen hun "
        "middelpunten bekend zijn.",
    ),
    "forest_grassland_share": (
        "Bos en grasland (2016) als percentage van de oppervlakte van de eenheid.",
        "Telt privétuinen mee als grasland, en ook gesloten bos.",
    ),
    "density": (
        "Inwoners (Census 2021) per km² van de oppervlakte van de eenheid.",
        "Bruto dichtheid over de hele oppervlakte (met parken, water en industrie); vraagt de "
        "omtrek van de eenheid.",
    ),
}

#: BIMD domain → what it measures, in Dutch.
BIMD_WHAT: dict[str, str] = {
    "income": "inkomensdeprivatie",
    "employment": "deprivatie op het vlak van werk",
    "education": "deprivatie op het vlak van opleiding",
    "housing": "deprivatie op het vlak van huisvesting",
    "health": "deprivatie op het vlak van gezondheid",
    "crime": "criminaliteit",
}

BIMD_DEFINITION = (
    "Score van de BIMD 2011 voor {what} per sector: de exponentieel getransformeerde "
    "nationale rang (0 = minst, 100 = meest gedepriveerd van de Belgische sectoren)."
)
BIMD_OVERALL = (
    "Totale score van de BIMD 2011 per sector: de gewogen som van de zes domeinscores "
    "(inkomen ,20, werk ,20, opleiding ,25, huisvesting ,15, gezondheid ,15, criminaliteit ,05)."
)
BIMD_CAVEAT = (
    "Belgische index van meervoudige deprivatie 2011 (Otavova e.a. 2023, Spat. "
    "Spatiotemporal Epidemiol. 45:100587): gegevens van 2011, tien jaar ouder dan de census "
    "2021; een score op basis van rangen (exponentiële transformatie van de nationale rang, "
    "0-100), dus ze vergelijkt sectoren binnen 2011, geen niveaus over de jaren heen. Langs de "
    "sectorcodes van 2011 naar 2024 overgezet; een gesplitste of samengevoegde sector heeft "
    "geen waarde. Boven het niveau van de sector het gemiddelde van de sectorscores, gewogen "
    "naar bevolking (de 'average score' van de Engelse IMD), een benadering."
)
BIMD_WITHIN: dict[str, str] = {
    "health": " Verschilt weinig binnen een gemeente (Leuven: alle 115 sectoren in nationaal "
    "deciel 7, scores 8,7-10,8): ze onderscheidt de wijken van één stad nauwelijks.",
    "crime": " Per gemeente gerangschikt (589 gemeenten, één waarde voor alle sectoren van een "
    "gemeente): ze kan de wijken van één stad niet onderscheiden.",
}

FACILITY_COUNT = (
    "Voorzieningen van de soort {label} binnen de omtrek van de eenheid.",
    "Zo volledig als het register van voorzieningen; voorzieningen net over de grens dienen "
    "de eenheid ook (zie de maten voor bereikbaarheid).",
)
FACILITY_RATE = (
    "Voorzieningen van de soort {label} binnen de eenheid per 1 000 inwoners.",
    "Telt per omtrek, niet per afstand: een eenheid naast een voorziening in de buureenheid "
    "scoort 0. Gebruik de maten voor bereikbaarheid voor de bereikbaarheid.",
)
