"""The built-in indicator definitions (data), registered on import, and the facility ones.

Each built-in :class:`~wijkanalyse.indicators.registry.Indicator` says what it measures,
what it cannot mean and which catalogue datasets its inputs come from;
:func:`facility_indicators` makes the count and rate of facilities of given types.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from wijkanalyse import _i18n
from wijkanalyse.indicators import _dutch
from wijkanalyse.indicators.registry import Indicator, register

__all__ = [
    "facility_indicators",
]


_CENSUS = "statbel_census2021_age65"

_INCOME = "statbel_income2021"

_ENERGY = "fluvius_energy_2018_2021"

_OPEN = "pinc_open_space_2013_2016"

_BIMD = "bimd2011_sectors"


_BUILTINS: tuple[Indicator, ...] = (
    Indicator(
        id="pop_total",
        label_nl="inwoners",
        label_en="residents",
        definition="Residents on 1 January 2021 (Census 2021).",
        unit="inwoners",
        direction="neutral",
        kind="count",
        concept="demand",
        numerator="pop_total",
        persons=True,
        source=(_CENSUS,),
        caveat="Registered residents; students with a domicile elsewhere are not counted.",
    ),
    Indicator(
        id="pop_65plus",
        label_nl="65-plussers",
        label_en="residents aged 65+",
        definition="Residents aged 65 or more on 1 January 2021 (Census 2021).",
        unit="inwoners",
        direction="neutral",
        kind="count",
        concept="demand",
        numerator="pop_65plus",
        persons=True,
        source=(_CENSUS,),
    ),
    Indicator(
        id="share_65plus",
        label_nl="aandeel 65-plussers",
        label_en="share aged 65+",
        definition="Residents aged 65+ as a percentage of all residents (Census 2021).",
        unit="%",
        direction="more_need",
        kind="ratio",
        concept="demand",
        numerator="pop_65plus",
        denominator="pop_total",
        scale=100.0,
        persons=True,
        source=(_CENSUS,),
        caveat="A demand indicator for senior services (lokale dienstencentra), not a "
        "measure of deprivation: an older population is not a poorer one.",
    ),
    Indicator(
        id="income_median",
        label_nl="mediaan netto belastbaar inkomen per aangifte",
        label_en="median net taxable income per tax return",
        definition="Median net taxable income per tax return, income year 2021 (Statbel).",
        unit="€",
        direction="less_need",
        kind="weighted_median",
        concept="need",
        numerator="income_median",
        weight="pop_total",
        source=(_INCOME,),
        caveat="Per tax return, not per person or household: a couple filing jointly is one "
        "return. Above the sector level the exact median is not published; the value is "
        "the population-weighted median of the sector medians (an approximation). Cells "
        "with few returns are suppressed by Statbel (NA).",
    ),
    Indicator(
        id="income_mean",
        label_nl="gemiddeld netto belastbaar inkomen per aangifte",
        label_en="mean net taxable income per tax return",
        definition="Mean net taxable income per tax return, income year 2021 (Statbel).",
        unit="€",
        direction="less_need",
        kind="weighted_mean",
        concept="need",
        numerator="income_mean",
        weight="pop_total",
        source=(_INCOME,),
        caveat="Per tax return; pulled up by a few high incomes (compare with the median). "
        "Above the sector level the population-weighted mean of sector means (approximate: "
        "the number of returns per sector is not in the data).",
    ),
    Indicator(
        id="elek_per_connection",
        label_nl="elektriciteitsverbruik per woonaansluiting",
        label_en="residential electricity use per connection",
        definition="Residential electricity use (kWh, 2021) divided by the number of "
        "residential electricity connections (Fluvius).",
        unit="kWh",
        direction="neutral",
        kind="ratio",
        numerator="elek_res_kwh",
        denominator="elek_res_n",
        source=(_ENERGY,),
        caveat="Net off-take: homes with solar panels show low use. Not a measure of energy "
        "poverty on its own; depends on household size and heating type.",
    ),
    Indicator(
        id="gas_per_connection",
        label_nl="gasverbruik per woonaansluiting",
        label_en="residential gas use per connection",
        definition="Residential natural-gas use (kWh, 2021) divided by the number of "
        "residential gas connections (Fluvius).",
        unit="kWh",
        direction="neutral",
        kind="ratio",
        numerator="gas_res_kwh",
        denominator="gas_res_n",
        source=(_ENERGY,),
        caveat="Higher use can mean poorly insulated homes or larger homes; homes without a "
        "gas connection are not in the denominator.",
    ),
    Indicator(
        id="persons_per_connection",
        label_nl="inwoners per woonaansluiting elektriciteit",
        label_en="residents per residential electricity connection",
        definition="Residents (Census 2021) per residential electricity connection (Fluvius "
        "2021): a proxy of the mean household size.",
        unit="inwoners",
        direction="neutral",
        kind="ratio",
        numerator="pop_total",
        denominator="elek_res_n",
        source=(_CENSUS, _ENERGY),
        caveat="Collective housing (student homes, care homes) and vacant dwellings distort it.",
    ),
    Indicator(
        id="open_space_per_inhabitant",
        label_nl="open ruimte per inwoner",
        label_en="open space per resident",
        definition="Open space (forest, arable land, grassland, shrub, fallow, water, marsh; "
        "2016) in m² per resident (Census 2021).",
        unit="m²/inwoner",
        direction="less_need",
        kind="ratio",
        numerator="open_space_m2",
        denominator="pop_total",
        source=(_OPEN, _CENSUS),
        caveat="Open space inside the unit only, not nearby parks across its border; "
        "arable land is open space but not accessible green.",
    ),
    Indicator(
        id="open_space_share",
        label_nl="aandeel open ruimte",
        label_en="share of open space",
        definition="Open space (2016) as a percentage of the unit's area.",
        unit="%",
        direction="less_need",
        kind="ratio",
        numerator="open_space_m2",
        denominator="area_m2",
        scale=100.0,
        source=(_OPEN,),
        caveat="Needs the unit's polygon: NA for sectors when only sector centroids are known.",
    ),
    Indicator(
        id="forest_grassland_share",
        label_nl="aandeel bos en grasland",
        label_en="share of forest and grassland",
        definition="Forest and grassland (2016) as a percentage of the unit's area.",
        unit="%",
        direction="less_need",
        kind="function",
        func=lambda u: 100.0 * (u["forest_m2"] + u["grassland_m2"]) / u["area_m2"],
        inputs=("forest_m2", "grassland_m2", "area_m2"),
        denominator="area_m2",
        source=(_OPEN,),
        caveat="Includes private gardens counted as grassland and closed forest.",
    ),
    Indicator(
        id="density",
        label_nl="bevolkingsdichtheid",
        label_en="population density",
        definition="Residents (Census 2021) per km² of the unit's area.",
        unit="inwoners/km²",
        direction="neutral",
        kind="ratio",
        numerator="pop_total",
        denominator="area_m2",
        scale=1e6,
        min_denominator=0.0,
        source=(_CENSUS,),
        caveat="Gross density over the whole area (including parks, water and industry); "
        "needs the unit's polygon.",
    ),
)


#: The BIMD domains: (id suffix, Dutch label, English label, what the domain measures).
_BIMD_DOMAINS: tuple[tuple[str, str, str, str], ...] = (
    ("income", "inkomen", "income", "income deprivation"),
    ("employment", "werk", "employment", "employment deprivation"),
    ("education", "opleiding", "education", "education deprivation"),
    ("housing", "huisvesting", "housing", "housing deprivation"),
    ("health", "gezondheid", "health", "health deprivation"),
    ("crime", "criminaliteit", "crime", "crime"),
)

_BIMD_CAVEAT = (
    "Belgian Index of Multiple Deprivation 2011 (Otavova et al. 2023, Spatial and "
    "Spatio-temporal Epidemiology 45:100587): data of 2011, ten years older than the census "
    "2021; a rank-based score (exponential transform of the national rank, 0-100), so it "
    "compares sectors within 2011, not levels across years. Moved from the 2011 to the 2024 "
    "sectors by code; a split or merged sector has no value. Above the sector level the "
    "population-weighted mean of the sector scores (the English IMD's 'average score' "
    "summary), an approximation."
)

_BIMD_WITHIN = {
    "health": " Varies little within a municipality (Leuven: all 115 sectors in national "
    "decile 7, scores 8.7-10.8): it hardly tells wijken of one city apart.",
    "crime": " Ranked per municipality (589 municipalities, one value for all sectors of a "
    "municipality): it cannot tell wijken of one city apart.",
}


def _bimd_indicator(key: str, nl: str, en: str, what: str) -> Indicator:
    suffix = f"_{key}" if key else ""
    return Indicator(
        id=f"bimd{suffix}",
        label_nl=f"BIMD {nl}" if key else "BIMD (totaal)",
        label_en=f"BIMD {en}" if key else "BIMD (overall)",
        definition=(
            f"BIMD 2011 {what} score per sector: the exponentially transformed national rank "
            "(0 = least, 100 = most deprived of Belgium's sectors)."
            if key
            else "BIMD 2011 overall score per sector: the weighted sum of the six domain "
            "scores (income .20, employment .20, education .25, housing .15, health .15, "
            "crime .05)."
        ),
        unit="score (0-100)",
        direction="more_need",
        kind="weighted_mean",
        concept="need",
        numerator=f"bimd{suffix}_score",
        weight="pop_total",
        source=(_BIMD,),
        caveat=_BIMD_CAVEAT + _BIMD_WITHIN.get(key, ""),
        definition_nl=_dutch.BIMD_DEFINITION.format(what=_dutch.BIMD_WHAT[key])
        if key
        else _dutch.BIMD_OVERALL,
        caveat_nl=_dutch.BIMD_CAVEAT + _dutch.BIMD_WITHIN.get(key, ""),
    )


_BIMD_INDICATORS: tuple[Indicator, ...] = (
    *(_bimd_indicator(*d) for d in _BIMD_DOMAINS),
    _bimd_indicator("", "", "", "overall"),
)


for _ind in _BUILTINS:
    _nl = _dutch.TEXTS[_ind.id]
    register(dataclasses.replace(_ind, definition_nl=_nl[0], caveat_nl=_nl[1]))
for _ind in _BIMD_INDICATORS:
    register(_ind)


def facility_indicators(types: Sequence[str], *, per: float = 1000.0) -> list[Indicator]:
    """Return the indicators ``n_<type>`` and ``<type>_per_1000`` of facility ``types``.

    A facility counts for a unit when it lies in the unit's polygon; facilities are public
    places, so their counts are not suppressed. The rate needs at least 100 residents.
    """
    out = []
    for t in types:
        nl, en = _i18n.type_plural(t, "nl"), _i18n.type_plural(t, "en")
        label = _i18n.type_label(t, "nl")
        out.append(
            Indicator(
                id=f"n_{t}",
                label_nl=f"aantal {nl}",
                label_en=f"number of {en}",
                definition=f"Facilities of type {t!r} inside the unit's polygon.",
                unit="aantal",
                direction="neutral",
                kind="count",
                numerator=f"n_{t}",
                caveat="Only as complete as the facility register; facilities just across "
                "the border serve the unit too (see the accessibility measures).",
                definition_nl=_dutch.FACILITY_COUNT[0].format(label=label),
                caveat_nl=_dutch.FACILITY_COUNT[1],
            )
        )
        out.append(
            Indicator(
                id=f"{t}_per_1000",
                label_nl=f"{nl} per 1 000 inwoners",
                label_en=f"{en} per 1,000 residents",
                definition=f"Facilities of type {t!r} inside the unit per 1 000 residents.",
                unit="per 1 000 inwoners",
                direction="less_need",
                kind="ratio",
                numerator=f"n_{t}",
                denominator="pop_total",
                scale=per,
                min_denominator=100.0,
                caveat="Counts by polygon, not by distance: a unit next to a facility in the "
                "neighbouring unit scores 0. Use the accessibility measures for access.",
                definition_nl=_dutch.FACILITY_RATE[0].format(label=label),
                caveat_nl=_dutch.FACILITY_RATE[1],
            )
        )
    return out
