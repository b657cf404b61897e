"""The trend series: what each measures and what its change cannot say, by id.

Every value of a trend table (``series`` column of ``trends_sectors.csv`` and
``trends_wijken.csv``) is one of :data:`SERIES`: a documented object as an indicator of the
registry is (:class:`wijkanalyse.indicators.Indicator`), with its definition and caveat in
English and Dutch, its unit, the levels it is given at, how a change is read (``count``: with
the chance band of :func:`wijkanalyse.trends.poisson_band`; ``rate``: without a band; ``rank``:
a position among all sectors, not a level) and its sources. :func:`list_series` tables them
(``trends_definitions.csv``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from wijkanalyse import _i18n
from wijkanalyse._errors import SchemaError
from wijkanalyse._validate import close_matches, listing

__all__ = ["SERIES", "TrendSeries", "get_series", "list_series"]

ChangeKind = Literal["count", "rate", "rank"]


@dataclass(frozen=True)
class TrendSeries:
    """A documented trend series.

    Attributes
    ----------
    id
        The value of the ``series`` column, e.g. ``"population"``.
    label_nl, label_en
        Short labels for charts, tables and reports.
    unit
        Unit of a value, e.g. ``"inwoners"``, ``"kWh"``, ``"€"``.
    change
        How a change is read: ``count`` (absolute and relative change, annualised rate and
        the Poisson band), ``rate`` (the same without a band: a ratio of large counts) or
        ``rank`` (a difference of positions within each year).
    years
        The years the data at hand cover.
    levels
        The levels it is given at.
    source
        Catalogue ids of its datasets.
    definition, definition_nl, caveat, caveat_nl
        What it measures, and what it cannot say, in English and Dutch.
    """

    id: str
    label_nl: str
    label_en: str
    unit: str
    change: ChangeKind
    years: tuple[int, ...]
    levels: tuple[str, ...]
    source: tuple[str, ...]
    definition: str
    definition_nl: str
    caveat: str
    caveat_nl: str

    def label(self, lang: str = "nl") -> str:
        """Return the label in ``lang`` ("nl" or "en")."""
        return self.label_nl if lang == "nl" else self.label_en


_UNITS = ("wijk", "deelgemeente", "gemeente", "gewest")


def _label(series: str, lang: str) -> str:
    """Return the series' label, kept with the other texts (``trend_series_*``)."""
    return _i18n.text(f"trend_series_{series}", lang)


_ENERGY_SOURCE = ("fluvius_energy_2018_2021",)

_ENERGY_CAVEAT = (
    "Residential connections only, in the 2019 sectors (added up to the 2024 units along "
    "the official crosswalk). Use per "
    "connection, not per person: it falls with smaller households as well as with "
    "insulation, heat pumps (electricity up, gas down) or solar panels (the meter counts "
    "what is taken from the grid); 2020 and 2021 were years of lockdown and home working. "
    "Not corrected for the weather (degree days)."
)
_ENERGY_CAVEAT_NL = (
    "Alleen residentiële aansluitingen, in de sectoren van 2019 (langs de officiële "
    "omzettingstabel opgeteld tot de gebieden van 2024). "
    "Verbruik per aansluiting, niet per persoon: het daalt met kleinere huishoudens zoals met "
    "isolatie, warmtepompen (meer elektriciteit, minder gas) of zonnepanelen (de meter telt "
    "wat van het net komt); 2020 en 2021 waren jaren van coronamaatregelen en thuiswerk. Niet "
    "gecorrigeerd voor het weer (graaddagen)."
)

_INCOME_SOURCE = ("pinc_income_deelgemeenten_2005_2019",)

_INCOME_CAVEAT = (
    "Per tax return (a couple filing together is one return), in euros of each year: not "
    "corrected for inflation (Belgian consumer prices rose by more than a quarter from 2005 "
    "to 2019, Statbel's consumer price index), "
    "so a rise of a few percent a year may be no rise in purchasing power. Income that is "
    "not taxed (most social benefits, part of student jobs) is not in it."
)
_INCOME_CAVEAT_NL = (
    "Per aangifte (een koppel dat samen aangeeft is één aangifte), in euro's van elk jaar: "
    "niet gecorrigeerd voor inflatie (de Belgische consumptieprijzen stegen van 2005 tot "
    "2019 met meer dan een kwart, consumptieprijsindex van Statbel), dus een stijging van "
    "enkele procent per jaar is misschien geen stijging van koopkracht. Niet-belast "
    "inkomen (de meeste uitkeringen, een deel van studentenjobs) zit er niet in."
)

_SERIES: tuple[TrendSeries, ...] = (
    TrendSeries(
        id="population",
        label_nl=_label("population", "nl"),
        label_en=_label("population", "en"),
        unit="inwoners",
        change="count",
        years=(2001, 2011, 2021),
        levels=("sector", *_UNITS),
        source=("bimd_population_2001", "bimd_population_2011", "statbel_census2021_age65"),
        definition="Residents: 2001 and 2011 the populations the BIMD was computed on "
        "(Statbel; the files state no reference date), 2021 the Census 2021 (1 January 2021); "
        "each year in its own sector codes, brought to the 2024 sectors along the crosswalk "
        "(method per row).",
        definition_nl="Inwoners: 2001 en 2011 de bevolking waarop de BIMD berekend werd "
        "(Statbel; de bestanden vermelden geen peildatum), 2021 de Census 2021 (1 januari "
        "2021); elk jaar in zijn eigen sectorcodes, langs de omzettingstabel naar de sectoren van "
        "2024 gebracht (methode per rij).",
        caveat="Statbel redrew the sectors of many municipalities in 2011 and published no "
        "correspondence: a 2001 count linked by code (by_code) is an approximation. Students "
        "with their domicile elsewhere are not counted. A change inside the chance band "
        "(z·√(a+b)) is no evidence of change.",
        caveat_nl="Statbel hertekende in 2011 de sectoren van veel gemeenten zonder "
        "overeenkomst te publiceren: een telling van 2001 die alleen via de sectorcode "
        "gekoppeld is, is een benadering. Studenten met hun domicilie elders tellen niet mee. "
        "Een verandering binnen de toevalsband (z·√(a+b)) bewijst geen verandering.",
    ),
    TrendSeries(
        id="bimd_decile",
        label_nl=_label("bimd_decile", "nl"),
        label_en=_label("bimd_decile", "en"),
        unit="deciel",
        change="rank",
        years=(2001, 2011),
        levels=("sector",),
        source=("bimd2001_sectors", "bimd2011_sectors"),
        definition="The decile of the Belgian Index of Multiple Deprivation (1 = the 10 % "
        "most deprived sectors of Belgium) in 2001 and 2011, of the 2024 sector made of "
        "exactly one older sector (Otavova et al. 2023).",
        definition_nl="Het deciel van de Belgische Index voor Meervoudige Deprivatie (1 = de "
        "10 % meest gedepriveerde sectoren van België) in 2001 en 2011, van de sector van "
        "2024 die uit precies één oudere sector bestaat (Otavova et al. 2023).",
        caveat="The BIMD ranks sectors within one year: a change of rank or decile between "
        "2001 and 2011 says that a sector moved relative to the other sectors of Belgium, not "
        "that its deprivation grew or fell in absolute terms (Otavova et al. 2023). A split "
        "or merged sector has no decile (a rank cannot be added up).",
        caveat_nl="De BIMD rangschikt sectoren binnen één jaar: een lager deciel in 2011 zegt "
        "dat een sector achteruitging ten opzichte van de andere Belgische sectoren, niet dat "
        "zijn deprivatie in absolute zin groeide. Een gesplitste of samengevoegde sector "
        "heeft geen deciel (een rang kan niet opgeteld worden).",
    ),
    TrendSeries(
        id="elek_per_connection",
        label_nl=_label("elek_per_connection", "nl"),
        label_en=_label("elek_per_connection", "en"),
        unit="kWh",
        change="rate",
        years=(2018, 2019, 2020, 2021),
        levels=_UNITS,
        source=_ENERGY_SOURCE,
        definition="Residential electricity taken from the grid per residential connection "
        "(Fluvius): the summed use over the summed connections of the unit's sectors.",
        definition_nl="Residentieel elektriciteitsverbruik van het net per residentiële "
        "aansluiting (Fluvius): het opgetelde verbruik gedeeld door de opgetelde aansluitingen "
        "van de sectoren van het gebied.",
        caveat=_ENERGY_CAVEAT,
        caveat_nl=_ENERGY_CAVEAT_NL,
    ),
    TrendSeries(
        id="gas_per_connection",
        label_nl=_label("gas_per_connection", "nl"),
        label_en=_label("gas_per_connection", "en"),
        unit="kWh",
        change="rate",
        years=(2018, 2019, 2020, 2021),
        levels=_UNITS,
        source=_ENERGY_SOURCE,
        definition="Residential natural gas use per residential gas connection (Fluvius): "
        "the summed use over the summed connections of the unit's sectors.",
        definition_nl="Residentieel aardgasverbruik per residentiële gasaansluiting (Fluvius): "
        "het opgetelde verbruik gedeeld door de opgetelde aansluitingen van de sectoren van "
        "het gebied.",
        caveat=_ENERGY_CAVEAT,
        caveat_nl=_ENERGY_CAVEAT_NL,
    ),
    TrendSeries(
        id="income_median",
        label_nl=_label("income_median", "nl"),
        label_en=_label("income_median", "en"),
        unit="€",
        change="rate",
        years=tuple(range(2005, 2020)),
        levels=("deelgemeente",),
        source=_INCOME_SOURCE,
        definition="Median net taxable income per tax return of the deelgemeente (Statbel, "
        "fiscal income statistics; Provincies in Cijfers).",
        definition_nl="Mediaan netto belastbaar inkomen per aangifte van de deelgemeente "
        "(Statbel, fiscale inkomens; Provincies in Cijfers).",
        caveat=_INCOME_CAVEAT + " A median cannot be added up: above the deelgemeente only "
        "the mean is given.",
        caveat_nl=_INCOME_CAVEAT_NL + " Een mediaan kan niet opgeteld worden: boven de "
        "deelgemeente is er alleen het gemiddelde.",
    ),
    TrendSeries(
        id="income_mean",
        label_nl=_label("income_mean", "nl"),
        label_en=_label("income_mean", "en"),
        unit="€",
        change="rate",
        years=tuple(range(2005, 2020)),
        levels=("deelgemeente", "gemeente", "gewest"),
        source=_INCOME_SOURCE,
        definition="Net taxable income over the number of tax returns (Statbel, fiscal "
        "income statistics; Provincies in Cijfers); for the municipality and Flanders the "
        "sums over their deelgemeenten.",
        definition_nl="Netto belastbaar inkomen gedeeld door het aantal aangiften (Statbel, "
        "fiscale inkomens; Provincies in Cijfers); voor de gemeente en Vlaanderen de sommen "
        "over hun deelgemeenten.",
        caveat=_INCOME_CAVEAT + " A mean is pulled up by a few high incomes. Flanders: the "
        "deelgemeenten with a value in every year (the source withholds some).",
        caveat_nl=_INCOME_CAVEAT_NL + " Een gemiddelde wordt door enkele hoge inkomens "
        "opgetrokken. Vlaanderen: de deelgemeenten met een waarde in elk jaar (de bron houdt "
        "er enkele achter).",
    ),
)

#: The trend series by id.
SERIES: dict[str, TrendSeries] = {s.id: s for s in _SERIES}


def get_series(series_id: str) -> TrendSeries:
    """Return the trend series ``series_id`` (with close matches on a typo)."""
    try:
        return SERIES[series_id]
    except KeyError:
        pass
    hits = close_matches(series_id, SERIES)
    hint = f" Did you mean {', '.join(map(repr, hits))}?" if hits else ""
    raise SchemaError(f"unknown trend series {series_id!r}.{hint} Known: {listing(SERIES)}.")


def list_series() -> pd.DataFrame:
    """Return the definitions of the trend series as a table (one row per series)."""
    rows = [
        {
            "series": s.id,
            "label_nl": s.label_nl,
            "label_en": s.label_en,
            "unit": s.unit,
            "change": s.change,
            "years": " ".join(map(str, s.years)),
            "levels": " ".join(s.levels),
            "source": " ".join(s.source),
            "definition": s.definition,
            "caveat": s.caveat,
            "definition_nl": s.definition_nl,
            "caveat_nl": s.caveat_nl,
        }
        for s in _SERIES
    ]
    return pd.DataFrame(rows).set_index("series")
