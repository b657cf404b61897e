"""The text of the trends: the summary's "Signalen" and the notes on what a change can say."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "trend_series_population": {"nl": "inwoners", "en": "residents"},
    "trend_series_bimd_decile": {"nl": "BIMD-deciel", "en": "BIMD decile"},
    "trend_series_elek_per_connection": {
        "nl": "elektriciteit per aansluiting",
        "en": "electricity per connection",
    },
    "trend_series_gas_per_connection": {
        "nl": "aardgas per aansluiting",
        "en": "natural gas per connection",
    },
    "trend_series_income_median": {
        "nl": "mediaan inkomen per aangifte",
        "en": "median income per tax return",
    },
    "trend_series_income_mean": {
        "nl": "gemiddeld inkomen per aangifte",
        "en": "mean income per tax return",
    },
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
    "trends_flanders_panel": {
        "nl": "trends: Vlaams Gewest, {series}: de som over de {summed} van {total} {areas} met "
        "een waarde in elk jaar (de bron houdt de andere deels achter), elk jaar dezelfde",
        "en": "trends: Flemish Region, {series}: the sum over the {summed} of {total} {areas} "
        "with a value in every year (the source withholds some years of the others), the same "
        "ones every year",
    },
    "trends_areas_sectors": {"nl": "sectoren", "en": "sectors"},
    "trends_areas_deelgemeenten": {"nl": "deelgemeenten", "en": "deelgemeenten"},
    "trends_check_line": {
        "nl": "Toets tegen Statbels eigen inkomenstabel per gemeente (apart gepubliceerd: "
        "toetst de verwerking, niet de cijfers; trends_checks.csv): {items}",
        "en": "Check against Statbel's own income table per municipality (published "
        "separately: it tests the processing, not the figures; trends_checks.csv): {items}",
    },
    "trends_check_item": {
        "nl": "{name} {result} (gemiddeld inkomen per aangifte {years}, grootste verschil {diff})",
        "en": "{name} {result} (mean income per return {years}, largest difference {diff})",
    },
    "trends_check_item_flanders": {
        "nl": "{name}, over de deelgemeenten met een waarde in elk jaar, {result} binnen {within} "
        "({years}, grootste verschil {diff}; 2014–2019 niet te toetsen)",
        "en": "{name}, over the deelgemeenten with a value in every year, {result} within {within} "
        "({years}, largest difference {diff}; 2014–2019 cannot be checked)",
    },
    "trends_check_many": {
        "nl": "{agree} van de {n} gemeenten kloppen",
        "en": "{agree} of the {n} municipalities agree",
    },
    "trends_check_agrees": {"nl": "klopt", "en": "agrees"},
    "trends_check_differs": {"nl": "wijkt af", "en": "differs"},
    "trends_check_none": {
        "nl": "{name}: geen jaar in beide",
        "en": "{name}: no year in both",
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
        "nl": "{name} gemiddeld {change} deciel ({fell}/{n} sectoren 2 of meer decielen "
        "lager{students})",
        "en": "{name} on average {change} decile ({fell}/{n} sectors 2 or more deciles "
        "lower{students})",
    },
    "trends_signal_students_one": {
        "nl": ", waarvan 1 als studentensector gemarkeerd: daar kan de daling op studenten wijzen",
        "en": ", 1 of them flagged as a student sector: there the fall may point to students",
    },
    "trends_signal_students_many": {
        "nl": ", waarvan {n} als studentensector gemarkeerd: daar kan de daling op studenten "
        "wijzen",
        "en": ", {n} of them flagged as student sectors: there the fall may point to students",
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
    "report_signals": {"nl": "Signalen", "en": "Signals"},
    "report_signals_intro": {
        "nl": "Wat het snelst verandert, van de oudste naar de recentste gegevens. Een "
        "signaal is een rangschikking om verder te bekijken, geen oordeel.",
        "en": "What changes fastest, from the oldest to the latest data. A signal is a "
        "ranking to look into, not a verdict.",
    },
    "report_signals_population": {"nl": "Bevolking van {name}", "en": "Population of {name}"},
    "report_signals_growth": {
        "nl": "Snelst groeiende bevolking",
        "en": "Fastest growing population",
    },
    "report_signals_decline": {
        "nl": "Snelst dalende bevolking",
        "en": "Fastest shrinking population",
    },
    "report_signals_deprivation": {
        "nl": "Relatief meer deprivatie (BIMD 2001 → 2011)",
        "en": "Relatively more deprivation (BIMD 2001 → 2011)",
    },
    "report_signals_none": {
        "nl": "Geen wijk verandert hier meer dan toeval zou geven.",
        "en": "No wijk changes here by more than chance would give.",
    },
    "report_signals_col_period": {"nl": "Periode", "en": "Period"},
    "report_signals_col_from": {"nl": "Van", "en": "From"},
    "report_signals_col_to": {"nl": "Naar", "en": "To"},
    "report_signals_col_rate": {"nl": "Per jaar", "en": "Per year"},
    "report_signals_col_band": {"nl": "Toevalsband (95 %)", "en": "Chance band (95 %)"},
    "report_signals_col_decile": {
        "nl": "Gemiddelde verandering van het deciel",
        "en": "Mean change of the decile",
    },
    "report_signals_col_fell": {
        "nl": "Sectoren 2 of meer decielen lager",
        "en": "Sectors 2 or more deciles lower",
    },
    "report_signals_band_note": {
        "nl": "Een verandering staat hier pas als ze groter is dan de toevalsband: twee "
        "tellingen van dezelfde bevolking verschillen door geboorten, overlijdens en "
        "verhuizingen tot ongeveer 1,96 × √(som van beide) zonder dat er iets veranderde.",
        "en": "A change is listed only when it exceeds the chance band: two counts of the "
        "same population differ by births, deaths and moves by up to about 1.96 × √(sum of "
        "both) without anything having changed.",
    },
    "report_signals_col_student": {
        "nl": "Waarvan gemarkeerd als studentensector",
        "en": "Of which flagged as student sectors",
    },
    "report_signals_student_note": {
        "nl": "De behoefte-index markeert een sector als studentensector als er weinig "
        "65-plussers wonen en de BIMD 2011 hem bij de laagste inkomensdecielen zet, maar niet "
        "bij de laagste decielen voor werk: studenten hebben weinig belastbaar inkomen, maar "
        "zijn geen werkzoekenden. Daar kan een daling in de BIMD op de komst van studenten "
        "wijzen in plaats van op groeiende nood; de gegevens tonen niet wie er tussen 2001 en "
        "2011 kwam wonen.",
        "en": "The need index flags a sector as a student sector when few residents are 65 or "
        "older and the BIMD 2011 puts it among the lowest income deciles but not among the "
        "lowest employment deciles: students have little taxable income but are not job "
        "seekers. There a fall in the BIMD may point to students moving in rather than to "
        "growing need; the data do not show who came to live there between 2001 and 2011.",
    },
    "report_signals_bimd_note": {
        "nl": "De BIMD rangschikt sectoren binnen één jaar: een lager deciel zegt dat een "
        "sector achteruitging ten opzichte van de andere Belgische sectoren, niet dat zijn "
        "deprivatie in absolute zin groeide. Deciel 1 = meest gedepriveerd.",
        "en": "The BIMD ranks sectors within one year: a lower decile says that a sector "
        "fell back relative to the other sectors of Belgium, not that its deprivation grew "
        "in absolute terms. Decile 1 = most deprived.",
    },
    "report_signals_approximate": {
        "nl": "* Benadering: de cijfers van 2001 volgen de sectorcodes van 2001, die Statbel "
        "in 2011 deels hertekende (trends_wijken.csv, kolom method).",
        "en": "* Approximation: the figures of 2001 follow the 2001 sector codes, which "
        "Statbel partly redrew in 2011 (trends_wijken.csv, column method).",
    },
    "report_trend": {"nl": "Evolutie", "en": "Trends"},
    "report_trend_intro": {
        "nl": "De wijk door de jaren, naast {municipality} en Vlaanderen, uit de gegevens die "
        "er zijn: {series}.",
        "en": "The wijk over the years, next to {municipality} and Flanders, from the data at "
        "hand: {series}.",
    },
    "report_trend_flanders": {"nl": "Vlaanderen", "en": "Flanders"},
    "report_trend_index": {"nl": "{label} ({year} = 100)", "en": "{label} ({year} = 100)"},
    "report_trend_unit": {"nl": "{label} ({unit})", "en": "{label} ({unit})"},
    "report_trend_income_of": {
        "nl": "Inkomen: de deelgemeente {name}, waar de wijk in ligt (het inkomen is niet per "
        "wijk bekend).",
        "en": "Income: the deelgemeente {name}, which the wijk lies in (income is not known "
        "per wijk).",
    },
    "report_trend_income_most": {
        "nl": "Inkomen: de deelgemeente {name}, waar de meeste inwoners van de wijk wonen (het "
        "inkomen is niet per wijk bekend).",
        "en": "Income: the deelgemeente {name}, where most of the wijk's residents live "
        "(income is not known per wijk).",
    },
    "report_trend_income_share": {
        "nl": "Inkomen: de deelgemeente {name}, waar {share} van de inwoners van de wijk wonen "
        "(het inkomen is niet per wijk bekend).",
        "en": "Income: the deelgemeente {name}, where {share} of the wijk's residents live "
        "(income is not known per wijk).",
    },
    "report_trend_population": {
        "nl": "Inwoners: {levels}. {start}–{end}: {change} ({rate} per jaar, toevalsband "
        "±{band}): {verdict}.",
        "en": "Residents: {levels}. {start}–{end}: {change} ({rate} a year, chance band "
        "±{band}): {verdict}.",
    },
    "report_trend_growth": {"nl": "groei", "en": "growth"},
    "report_trend_decline": {"nl": "daling", "en": "decline"},
    "report_trend_noise": {
        "nl": "binnen de toevalsband, geen aantoonbare verandering",
        "en": "inside the chance band, no change shown",
    },
    "report_trend_withheld": {
        "nl": "verandering niet gepubliceerd (kleine aantallen)",
        "en": "change not published (small numbers)",
    },
    "report_trend_approximate": {
        "nl": "{year}: benadering, de sectorcodes van {year} werden in 2011 deels hertekend",
        "en": "{year}: an approximation, the sector codes of {year} were partly redrawn in 2011",
    },
    "report_trend_what": {"nl": "Wat de reeksen meten", "en": "What the series measure"},
}
