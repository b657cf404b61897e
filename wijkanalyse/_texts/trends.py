"""The text of the trends: the summary's "Signalen" and the notes on what a change can say."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "trends_caveats": {
        "nl": "trends: de BIMD rangschikt sectoren binnen één jaar: een lager deciel in 2011 "
        "dan in 2001 zegt dat een sector er ten opzichte van de andere Belgische sectoren op "
        "achteruitging, niet dat zijn deprivatie in absolute zin groeide; inkomens zijn euro's "
        "van elk jaar (niet voor inflatie gecorrigeerd); de bevolking van 2001 volgt de "
        "sectorcodes van 2001, die Statbel in 2011 deels hertekende (benadering)",
        "en": "trends: the BIMD ranks sectors within one year: a lower decile in 2011 than in "
        "2001 says that a sector fell back relative to the other sectors of Belgium, not that "
        "its deprivation grew in absolute terms; incomes are euros of each year (not "
        "corrected for inflation); the population of 2001 follows the 2001 sector codes, "
        "which Statbel partly redrew in 2011 (an approximation)",
    },
    "trends_population": {
        "nl": "Bevolking {name}: {series} (bronnen: BIMD-bevolking 2001 en 2011, census 2021)",
        "en": "Population {name}: {series} (sources: BIMD populations 2001 and 2011, census 2021)",
    },
    "trends_signals": {
        "nl": "Signalen ({name}; een verandering telt pas buiten de band die toeval in kleine "
        "aantallen geeft, 95 %; trends_signals.csv):",
        "en": "Signals ({name}; a change counts only beyond the band chance in small counts "
        "gives, 95 %; trends_signals.csv):",
    },
    "trends_signal_growth": {
        "nl": "snelst groeiende bevolking: {items}",
        "en": "fastest growing population: {items}",
    },
    "trends_signal_decline": {
        "nl": "snelst dalende bevolking: {items}",
        "en": "fastest shrinking population: {items}",
    },
    "trends_signal_population_item": {
        "nl": "{name} {before} → {after} ({start}–{end}, {rate} per jaar, toevalsband ±{band})",
        "en": "{name} {before} → {after} ({start}–{end}, {rate} a year, chance band ±{band})",
    },
    "trends_signal_deprivation": {
        "nl": "relatief meer deprivatie (BIMD 2001 → 2011): {items}",
        "en": "relatively more deprivation (BIMD 2001 → 2011): {items}",
    },
    "trends_signal_deprivation_item": {
        "nl": "{name} gemiddeld {change} deciel ({fell}/{n} sectoren 2 of meer decielen lager)",
        "en": "{name} on average {change} decile ({fell}/{n} sectors 2 or more deciles lower)",
    },
    "trends_signal_none": {"nl": "geen", "en": "none"},
    "trends_approximate_all": {
        "nl": " (alle: benadering, de cijfers van 2001 volgen de sectorcodes van 2001)",
        "en": " (all: an approximation, the figures of 2001 follow the 2001 sector codes)",
    },
    "trends_approximate_some": {
        "nl": " (benadering voor {names}: de cijfers van 2001 volgen de sectorcodes van 2001)",
        "en": " (an approximation for {names}: the figures of 2001 follow the 2001 sector codes)",
    },
}
