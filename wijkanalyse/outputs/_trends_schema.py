"""The trend tables of the output folder (``[trends]``; see :mod:`wijkanalyse.trends`)."""

from __future__ import annotations

from wijkanalyse.outputs._table import Table, _csv
from wijkanalyse.trends import COLUMNS
from wijkanalyse.trends._signals import DEPRIVATION_COLUMNS, POPULATION_COLUMNS
from wijkanalyse.validation import COLUMNS as CHECK_COLUMNS

_FIRST = ("kind", "unit", "name", "rank", "approximate")

TREND_TABLES: tuple[Table, ...] = (
    *(
        _csv(
            f"trends_{level}",
            f"per {what} and series: the level of each year and the change between years, "
            "with how the older sector codes were brought to 2024 ([trends])",
            None,
            "unit",
            *(("wijk",) if level == "sectors" else ()),
            *COLUMNS[1:],  # the columns of wijkanalyse.trends, after the unit
            decimals={"value": 2, "change": 2, "change_rel": 6, "rate_annual": 6, "band": 2},
            codes=("unit", "wijk"),
        )
        for level, what in (
            ("sectors", "2024 sector"),
            ("wijken", "wijk, deelgemeente, municipality and the Flemish Region"),
        )
    ),
    _csv(
        "trends_definitions",
        "what each trend series measures and what its change cannot say, in English and "
        "Dutch ([trends]; wijkanalyse.trends.SERIES)",
        "series",
        "label_nl",
        "label_en",
        "unit",
        "change",
        "years",
        "levels",
        "source",
        "definition",
        "caveat",
        "definition_nl",
        "caveat_nl",
    ),
    _csv(
        "trends_signals",
        "the early signals: the units whose population grew or shrank fastest beyond the "
        "noise, and the wijken that fell furthest down the BIMD deciles ([trends])",
        None,
        "gemeente",
        "kind",
        "unit",
        "name",
        "rank",
        "approximate",
        # then the evidence: of the population signals, then of the deprivation signals
        *(c for c in (*POPULATION_COLUMNS, *DEPRIVATION_COLUMNS) if c not in _FIRST),
        decimals={"rate_annual": 6, "band": 2, "mean_decile_change": 3},
        codes=("gemeente", "unit"),
    ),
    _csv(
        "trends_checks",
        "the series against an outside reference, good or bad: each municipality's income "
        "per return, and Flanders', against Statbel's municipal table ([trends] with income)",
        None,
        *CHECK_COLUMNS,
        decimals={"value": 6},
        codes=("unit",),
    ),
)
