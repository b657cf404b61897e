"""Documented liveability and need indicators per sector, wijk, deelgemeente and custom area.

An :class:`Indicator` is a documented object: id, Dutch and English label, definition,
numerator and denominator, unit, direction, source datasets, the minimum denominator below
which it is not reported and the levels at which it is valid. The built-in indicators are in
:data:`REGISTRY`; :func:`register` adds your own (a column, a ratio of two columns, or a
function of the unit's summed inputs).

**How values are computed.** :func:`compute` sums the additive inputs (counts of persons,
kWh, m², connections) of the member sectors of each unit and then forms the indicator:
rates are always a ratio of sums (Σ numerator / Σ denominator), never a mean of rates.
A sector median cannot be aggregated exactly; the built-in income indicators above the
sector level are a *population-weighted median (or mean) of sector values* and carry a
``<id>_note`` that says so.

**Small numbers.** Counts of persons or households below
:data:`wijkanalyse.settings.suppression_threshold` (default 5), and rates whose person
numerator or whose denominator is below the indicator's minimum, become NA with a reason in
``<id>_suppressed_reason``. Every NA carries a reason: ``suppressed_by_source``,
``absent_from_source``, ``small_count``, ``small_numerator``, ``small_denominator``,
``zero_denominator``, ``member_missing``, ``split_across_units``, ``no_polygon``,
``outside_facility_coverage``, ``insufficient_coverage``. These tables suppress each value
on its own (primary suppression); what a study *writes* goes through
:mod:`wijkanalyse.suppression` as well, which also withholds what could be derived across
tables (a sector as its wijk total minus the published sectors, a count as rate ×
denominator): reasons ``complementary`` and ``derived_from_withheld``.

**Vintages.** Fluvius' energy data use 2019 sector codes. :func:`sector_inputs` moves them to
the 2024 sectors along the official crosswalk exactly: unchanged, recoded and merged sectors
carry their values; a 2019 sector that was split has no value in its 2024 parts, but a unit
that holds all parts (e.g. the wijk) gets the whole value.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely

from wijkanalyse import _i18n, areas, io, settings, vocab
from wijkanalyse._errors import DataError, SchemaError
from wijkanalyse._validate import check_same_crs, close_matches, listing
from wijkanalyse.areas import CustomArea
from wijkanalyse.datasets import SourceLike
from wijkanalyse.suppression import suppress_counts

__all__ = [
    "LEVELS",
    "REGISTRY",
    "Indicator",
    "IndicatorInputs",
    "compute",
    "concat",
    "facility_indicators",
    "get_indicator",
    "list_indicators",
    "reference_indicators",
    "register",
    "sector_inputs",
    "suppress_counts",
    "unregister",
]

log = logging.getLogger(__name__)

#: The levels an indicator can be reported at.
LEVELS: tuple[str, ...] = (
    "sector",
    "wijk",
    "deelgemeente",
    "gemeente",
    "gemeenten",
    "arrondissement",
    "provincie",
    "gewest",
    "area",
)

Direction = Literal["more_need", "less_need", "neutral"]
Kind = Literal["count", "ratio", "weighted_median", "weighted_mean", "function"]

_SMALL_COUNT = vocab.SMALL_COUNT
_SMALL_NUM = vocab.SMALL_NUMERATOR
_SMALL_DEN = vocab.SMALL_DENOMINATOR
_ZERO_DEN = vocab.ZERO_DENOMINATOR
_MEMBER_MISSING = vocab.MEMBER_MISSING
_SPLIT = vocab.SPLIT_ACROSS_UNITS
_NO_POLYGON = vocab.NO_POLYGON
_OUTSIDE = vocab.OUTSIDE_FACILITY_COVERAGE
_COVERAGE = vocab.INSUFFICIENT_COVERAGE
_SPLIT_SECTOR = vocab.SPLIT_IN_CROSSWALK


@dataclass(frozen=True)
class Indicator:
    """A documented indicator.

    Attributes
    ----------
    id
        Identifier and output column name, e.g. ``"share_65plus"``.
    label_nl, label_en
        Short labels for tables, maps and reports.
    definition
        What the indicator measures, in English (docs and the definitions table).
    unit
        Unit of the value, e.g. ``"%"``, ``"€"``, ``"kWh"``, ``"m²/inwoner"``.
    direction
        ``"more_need"``: a higher value means more need; ``"less_need"``: a higher value
        means less need; ``"neutral"``: descriptive, not usable in a need index without
        choosing a direction.
    kind
        ``"count"`` (Σ numerator), ``"ratio"`` (scale × Σ numerator / Σ denominator),
        ``"weighted_median"`` / ``"weighted_mean"`` (a sector value; above the sector
        level the ``weight``-weighted median or mean of the member sectors' values, an
        approximation), or ``"function"`` (``func`` of the unit's summed inputs).
    numerator, denominator
        Input columns (additive: counts or amounts). For the weighted kinds,
        ``numerator`` is the sector value column and ``weight`` its weight.
    scale
        Factor applied to a ratio: 100 for a percentage, 1000 for "per 1 000".
    min_denominator
        A ratio whose denominator is below this is NA (``small_denominator``).
        ``None``: :data:`wijkanalyse.settings.suppression_threshold` when the
        denominator counts persons or households, else no minimum.
    persons
        True when the count (or the ratio's numerator) counts persons or households:
        values below the suppression threshold are withheld.
    source
        Catalogue ids of the datasets the inputs come from.
    levels
        Levels at which the indicator is valid (see :data:`LEVELS`).
    caveat
        What the indicator cannot mean; shown in the docs and the definitions table.
    func
        For ``kind="function"``: ``func(units) -> Series`` on the frame of summed inputs.
    weight
        For the weighted kinds: the weight column (default ``pop_total``).
    inputs
        For ``kind="function"``: the input columns ``func`` reads (summed per unit).
    """

    id: str
    label_nl: str
    label_en: str
    definition: str
    unit: str
    direction: Direction
    kind: Kind
    numerator: str | None = None
    denominator: str | None = None
    scale: float = 1.0
    min_denominator: float | None = None
    persons: bool = False
    source: tuple[str, ...] = ()
    levels: tuple[str, ...] = LEVELS
    caveat: str = ""
    func: Callable[[pd.DataFrame], pd.Series] | None = field(default=None, repr=False)
    weight: str = "pop_total"
    inputs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        problems = []
        if not self.id or not self.id.replace("_", "").isalnum():
            problems.append(f"id {self.id!r} must be letters, digits and underscores")
        if self.direction not in ("more_need", "less_need", "neutral"):
            problems.append(
                f"direction {self.direction!r} must be 'more_need', 'less_need' or 'neutral'"
            )
        if self.kind in ("count", "weighted_median", "weighted_mean") and not self.numerator:
            problems.append(f"kind {self.kind!r} needs numerator= (the column)")
        if self.kind == "ratio" and not (self.numerator and self.denominator):
            problems.append("kind 'ratio' needs numerator= and denominator=")
        if self.kind == "function" and self.func is None:
            problems.append("kind 'function' needs func=")
        if self.kind not in ("count", "ratio", "weighted_median", "weighted_mean", "function"):
            problems.append(f"unknown kind {self.kind!r}")
        bad_levels = [lv for lv in self.levels if lv not in LEVELS]
        if bad_levels:
            problems.append(f"levels {listing(bad_levels)} are not among {listing(LEVELS)}")
        if problems:
            raise SchemaError(f"indicator {self.id!r}: " + "; ".join(problems) + ".")

    def label(self, lang: str = "nl") -> str:
        """Return the label in ``lang`` ("nl" or "en")."""
        return self.label_nl if lang == "nl" else self.label_en

    @property
    def additive_inputs(self) -> tuple[str, ...]:
        """The input columns that are summed per unit."""
        if self.kind == "count":
            return (str(self.numerator),)
        if self.kind == "ratio":
            return (str(self.numerator), str(self.denominator))
        if self.kind in ("weighted_median", "weighted_mean"):
            return (self.weight,)
        return self.inputs

    @property
    def approximate_above_sector(self) -> bool:
        """True for the weighted kinds: above the sector level the value is approximate."""
        return self.kind in ("weighted_median", "weighted_mean")


#: The registered indicators: id → :class:`Indicator`.
REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator, *, replace: bool = False) -> Indicator:
    """Add ``indicator`` to :data:`REGISTRY` and return it.

    Examples
    --------
    >>> ind = register(
    ...     Indicator(
    ...         id="share_under65",
    ...         label_nl="aandeel jonger dan 65",
    ...         label_en="share under 65",
    ...         definition="Residents under 65 as a share of all residents.",
    ...         unit="%",
    ...         direction="neutral",
    ...         kind="ratio",
    ...         numerator="pop_under65",
    ...         denominator="pop_total",
    ...         scale=100,
    ...         persons=True,
    ...     )
    ... )
    >>> unregister("share_under65")
    """
    if indicator.id in REGISTRY and not replace:
        raise SchemaError(
            f"indicator {indicator.id!r} is already registered; pass replace=True to "
            "replace it or choose another id."
        )
    REGISTRY[indicator.id] = indicator
    return indicator


def unregister(indicator_id: str) -> None:
    """Remove a registered indicator."""
    get_indicator(indicator_id)
    del REGISTRY[indicator_id]


def get_indicator(indicator_id: str) -> Indicator:
    """Return the registered indicator ``indicator_id`` (with close matches on a typo)."""
    try:
        return REGISTRY[indicator_id]
    except KeyError:
        pass
    hits = close_matches(indicator_id, REGISTRY)
    hint = f" Did you mean {', '.join(map(repr, hits))}?" if hits else ""
    raise SchemaError(
        f"unknown indicator {indicator_id!r}.{hint} Registered: {listing(sorted(REGISTRY))}; "
        "facility indicators are named n_<type> and <type>_per_1000."
    )


def list_indicators(
    indicators: Sequence[Indicator] | None = None, *, threshold: int | None = None
) -> pd.DataFrame:
    """Return the definitions of the indicators as a table (one row per indicator)."""
    inds = list(REGISTRY.values()) if indicators is None else list(indicators)
    thr = settings.suppression_threshold if threshold is None else threshold
    rows = []
    for ind in inds:
        min_den = _min_denominator(ind, thr)
        rows.append(
            {
                "id": ind.id,
                "label_nl": ind.label_nl,
                "label_en": ind.label_en,
                "unit": ind.unit,
                "direction": ind.direction,
                "kind": ind.kind,
                "numerator": ind.numerator,
                "denominator": ind.denominator,
                "scale": ind.scale,
                "min_denominator": min_den,
                "suppress_counts_below": thr if ind.persons else None,
                "levels": " ".join(ind.levels),
                "aggregation": _aggregation_text(ind),
                "source": " ".join(ind.source),
                "definition": ind.definition,
                "caveat": ind.caveat,
            }
        )
    return pd.DataFrame(rows).set_index("id")


def _aggregation_text(ind: Indicator) -> str:
    if ind.kind == "count":
        return "sum over sectors"
    if ind.kind == "ratio":
        return "ratio of sums"
    if ind.kind == "weighted_median":
        return (
            f"{ind.weight}-weighted median of sector values (approximation above the sector level)"
        )
    if ind.kind == "weighted_mean":
        return f"{ind.weight}-weighted mean of sector values (approximation above the sector level)"
    return "function of the summed inputs"


_PERSON_COLUMNS_PREFIX = "pop_"
_HOUSEHOLD_COLUMNS = frozenset({"elek_res_n", "gas_res_n"})


def _counts_persons(column: str | None) -> bool:
    return bool(column) and (
        str(column).startswith(_PERSON_COLUMNS_PREFIX) or column in _HOUSEHOLD_COLUMNS
    )


def _min_denominator(ind: Indicator, threshold: int) -> float | None:
    if ind.min_denominator is not None:
        return ind.min_denominator
    if ind.kind in ("ratio", "function") and _counts_persons(ind.denominator):
        return float(threshold)
    return None


# --------------------------------------------------------------------------- built-ins

_CENSUS = "statbel_census2021_age65"
_INCOME = "statbel_income2021"
_ENERGY = "fluvius_energy_2018_2021"
_OPEN = "pinc_open_space_2013_2016"

_BUILTINS: tuple[Indicator, ...] = (
    Indicator(
        id="pop_total",
        label_nl="inwoners",
        label_en="residents",
        definition="Residents on 1 January 2021 (Census 2021).",
        unit="inwoners",
        direction="neutral",
        kind="count",
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

for _ind in _BUILTINS:
    register(_ind)


def facility_indicators(types: Sequence[str], *, per: float = 1000.0) -> list[Indicator]:
    """Return the indicators ``n_<type>`` and ``<type>_per_1000`` of facility ``types``.

    A facility counts for a unit when it lies in the unit's polygon; facilities are public
    places, so their counts are not suppressed. The rate needs at least 100 residents.
    """
    out = []
    for t in types:
        nl, en = _i18n.type_label(t, "nl"), _i18n.type_label(t, "en")
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
            )
        )
    return out


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class IndicatorInputs:
    """Sector-level inputs of the indicators, with the data that only exist for groups.

    Attributes
    ----------
    sectors
        Sector-keyed frame (index = sector code, one vintage): population, income, energy,
        open space and hierarchy columns, with ``*_na_reason`` columns for missing values.
    groups
        Additive data that belong to groups of sectors, not to single sectors: a 2019
        sector split into several 2024 sectors. Frame indexed by group id with the
        additive columns; ``members`` maps each member sector to its group.
    members
        Sector → group id for the sectors in ``groups``.
    notes
        How the inputs were assembled (vintage moves, years).
    """

    sectors: pd.DataFrame
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    members: pd.Series = field(default_factory=lambda: pd.Series(dtype="object"))
    notes: tuple[str, ...] = ()


def sector_inputs(
    sectors: pd.DataFrame,
    *,
    energy: SourceLike | None = _ENERGY,
    energy_year: int = 2021,
    open_space: SourceLike | None = _OPEN,
    open_space_year: int = 2016,
) -> IndicatorInputs:
    """Add the energy and open-space inputs to a sectors frame.

    Parameters
    ----------
    sectors
        Sectors frame of vintage 2024 (e.g. :func:`wijkanalyse.areas.load_sectors`).
    energy
        Fluvius energy dataset id or path (2019 codes; moved to 2024 exactly along the
        official crosswalk), or ``None``.
    open_space
        Open-space land-use dataset id or path (2024 codes), or ``None``.

    Examples
    --------
    >>> leuven = areas.load_sectors("24062", geometry=None, income=None)
    >>> inputs = sector_inputs(leuven)
    >>> int(inputs.sectors["elek_res_n"].sum())
    48199
    """
    vintage = int(pd.unique(sectors["vintage"])[0]) if "vintage" in sectors else None
    notes: list[str] = []
    out = sectors.copy()
    groups = pd.DataFrame()
    members = pd.Series(dtype="object")
    if (energy or open_space) and vintage != 2024:
        raise DataError(
            f"sector_inputs: the energy and open-space inputs are published for the 2019 and "
            f"2024 sectors; the sectors are of vintage {vintage}. Use 2024 sectors or pass "
            "energy=None, open_space=None."
        )
    if energy:
        e = io.read_energy(energy, year=energy_year)
        cols = ["elek_res_kwh", "elek_res_n", "gas_res_kwh", "gas_res_n"]
        moved, groups, members, note = _move_2019_to_2024(e, cols, out.index)
        for col in cols:
            out[col] = moved[col]
            out[f"{col}_na_reason"] = moved[f"{col}_na_reason"]
        notes.append(note)
    if open_space:
        o = io.read_open_space(open_space, year=open_space_year)
        o = o.drop(columns=["year"])
        out = areas.join(out, o, what=f"open space {open_space!r}")
        # a pseudo-sector (NNNNNZZZZ: residents without a known address) has no territory,
        # so it has no open space: 0 by definition, not a missing value
        pseudo = out.index.map(vocab.is_pseudo_sector).to_numpy(bool) & ~out.index.isin(o.index)
        if pseudo.any():
            for col in [c for c in o.columns if c.endswith("_m2")]:
                out.loc[pseudo, col] = 0.0
                reason_col = f"{col}_na_reason"
                if reason_col in out:
                    out.loc[pseudo, reason_col] = None
        notes.append(f"open space of {open_space_year} on the 2024 sectors (population of 2021)")
    return IndicatorInputs(sectors=out, groups=groups, members=members, notes=tuple(notes))


def _move_2019_to_2024(
    table: pd.DataFrame, cols: Sequence[str], targets: pd.Index
) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, str]:
    """Move additive 2019-sector data to 2024 sectors along the official crosswalk."""
    cw = areas.crosswalk(2019, 2024)[["sector_2019", "sector_2024"]].dropna()
    known19 = set(cw["sector_2019"])
    # codes the official table lacks: pseudo-sectors (NNNNNZZZZ) that still exist keep
    # their code; those of a municipality merged in 2019 go to its successor's
    codes24 = areas.sector_codes(2024)
    h24 = areas.hierarchy(2024)
    links: list[tuple[str, str]] = []
    lost: list[str] = []
    for code in table.index:
        if code in known19:
            continue
        if code in codes24:
            links.append((code, code))
            continue
        # a merged municipality lives on in the deelgemeente codes of its successor
        successors = set(
            h24.loc[h24["deelgemeente"].astype(str).str.startswith(code[:5]), "gemeente"]
        )
        target = f"{successors.pop()}ZZZZ" if len(successors) == 1 else None
        if code.endswith("ZZZZ") and target in codes24:
            links.append((code, str(target)))
        else:
            lost.append(code)
    if links:
        cw = pd.concat(
            [cw, pd.DataFrame(links, columns=["sector_2019", "sector_2024"])], ignore_index=True
        )
    if lost:
        log.warning("sectors without a 2024 successor, left out: %s", listing(lost))
    # connected components of the bipartite link graph
    codes19 = pd.Index(sorted(set(cw["sector_2019"])))
    codes24 = pd.Index(sorted(set(cw["sector_2024"])))
    n19 = len(codes19)
    rows = codes19.get_indexer(cw["sector_2019"])
    cols_ = codes24.get_indexer(cw["sector_2024"]) + n19
    n = n19 + len(codes24)
    graph = sp.coo_matrix((np.ones(len(cw)), (rows, cols_)), shape=(n, n)).tocsr()
    from scipy.sparse.csgraph import connected_components

    _, label = connected_components(graph, directed=False)
    comp19 = pd.Series(label[:n19], index=codes19)
    comp24 = pd.Series(label[n19:], index=codes24)
    values = table.reindex(codes19)
    comp_vals = {}
    comp_reason = {}
    for col in cols:
        v = values[col].astype("Float64")
        reason_col = f"{col}_na_reason"
        r = (
            values[reason_col]
            if reason_col in values
            else pd.Series(None, index=values.index, dtype="object")
        )
        r = r.astype("object").where(~(v.isna() & r.isna()), io.ABSENT)
        summed = v.groupby(comp19.to_numpy()).sum(min_count=1)
        has_na = v.isna().groupby(comp19.to_numpy()).any()
        comp_vals[col] = summed.mask(has_na)
        comp_reason[col] = r.groupby(comp19.to_numpy()).first()
    size24 = comp24.value_counts()
    single = comp24[comp24.map(size24) == 1]
    split = comp24[comp24.map(size24) > 1]
    moved = pd.DataFrame(index=targets)
    for col in cols:
        val = pd.Series(pd.NA, index=targets, dtype="Float64")
        reason = pd.Series(None, index=targets, dtype="object")
        s_in = single[single.index.isin(targets)]
        val.loc[s_in.index] = comp_vals[col].reindex(s_in.to_numpy()).to_numpy()
        reason.loc[s_in.index] = comp_reason[col].reindex(s_in.to_numpy()).to_numpy()
        sp_in = split[split.index.isin(targets)]
        reason.loc[sp_in.index] = _SPLIT_SECTOR
        absent = ~targets.isin(comp24.index)
        reason[absent] = io.ABSENT
        reason[val.notna()] = None
        if col.endswith("_n"):
            val = val.round().astype("Int64")
        moved[col] = val
        moved[f"{col}_na_reason"] = reason
    split_in = split[split.index.isin(targets)]
    groups = pd.DataFrame(
        {
            col: (
                comp_vals[col].reindex(split_in.unique()).round().astype("Int64")
                if col.endswith("_n")
                else comp_vals[col].reindex(split_in.unique())
            )
            for col in cols
        }
    )
    groups.index = [f"2019:{g}" for g in groups.index]
    members = pd.Series([f"2019:{g}" for g in split_in.to_numpy()], index=split_in.index)
    n_split = len(split_in)
    note = (
        "energy of the 2019 sectors moved to the 2024 sectors along the official crosswalk "
        f"({n_split} 2024 sector(s) are parts of a split 2019 sector: NA alone, exact in a "
        "unit that holds all parts)"
    )
    return moved, groups, members, note


# --------------------------------------------------------------------------- compute


def _membership(
    index: pd.Index,
    by: str | pd.Series | Mapping[str, str] | Sequence[CustomArea] | None,
    data: pd.DataFrame,
) -> tuple[pd.Index, sp.csr_matrix, str]:
    """Return the units, the units × sectors 0/1 matrix and the default level name."""
    n = len(index)
    if by is None:
        return index, sp.identity(n, format="csr"), "sector"
    if (
        isinstance(by, Sequence)
        and not isinstance(by, str)
        and all(isinstance(a, CustomArea) for a in by)
    ):
        names = [a.name for a in by]
        dup = sorted({x for x in names if names.count(x) > 1})
        if dup:
            raise SchemaError(f"custom areas share the name(s) {listing(dup)}; rename them.")
        rows, cols = [], []
        for i, area in enumerate(by):
            pos = index.get_indexer(pd.Index(list(area.sectors)))
            absent = [s for s, p in zip(area.sectors, pos, strict=True) if p < 0]
            if absent:
                raise DataError(
                    f"custom area {area.name!r}: sectors {listing(absent)} are not in the "
                    "inputs (another vintage or municipality?)."
                )
            rows += [i] * len(pos)
            cols += list(pos)
        m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(by), n))
        return pd.Index(names, name="area"), m, "area"
    if isinstance(by, str):
        if by not in data:
            raise SchemaError(f"compute: no column {by!r} to group by (found: {listing(data)}).")
        keys = data[by]
        level = by
    elif isinstance(by, pd.Series):
        keys = by.reindex(index)
        level = str(by.name or "group")
    elif isinstance(by, Mapping):
        keys = pd.Series(by).reindex(index)
        level = "group"
    else:
        raise SchemaError(
            "compute: 'by' must be None (sectors), a column name, a mapping sector → unit, a "
            f"Series or a list of CustomArea; got {type(by).__name__}."
        )
    if keys.isna().any():
        raise DataError(
            f"compute: {int(keys.isna().sum())} sectors have no unit: "
            f"{listing(index[keys.isna().to_numpy()])}. Assign them first."
        )
    keys = keys.astype(str)
    units = pd.Index(pd.unique(keys.to_numpy()), name=level)
    m = sp.csr_matrix(
        (np.ones(n), (units.get_indexer(pd.Index(keys.to_numpy())), np.arange(n))),
        shape=(len(units), n),
    )
    return units, m, level


def _sum_inputs(
    inputs: IndicatorInputs, m: sp.csr_matrix, units: pd.Index, columns: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sum additive columns per unit; NA when a member is NA. Returns (values, reasons)."""
    frame = inputs.sectors
    vals = pd.DataFrame(index=units)
    reasons = pd.DataFrame(index=units, dtype="object")
    identity = m.shape[0] == m.shape[1] and (m != sp.identity(m.shape[0])).nnz == 0
    grouped = inputs.members.reindex(frame.index)
    in_group = grouped.notna().to_numpy()
    for col in columns:
        x = frame[col]
        isna = x.isna().to_numpy()
        reason_col = f"{col}_na_reason"
        src_reason = (
            frame[reason_col].astype("object")
            if reason_col in frame
            else pd.Series(None, index=frame.index, dtype="object")
        )
        if identity:
            v = x.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
            out = pd.Series(v, index=units)
            r = src_reason.where(x.isna(), None).to_numpy(dtype="object")
            r = np.where(isna & pd.isna(r), _MEMBER_MISSING, r)
            vals[col] = out
            reasons[col] = pd.Series(r, index=units).where(out.isna(), None)
            continue
        has_group = col in inputs.groups.columns and in_group.any()
        base_na = (isna & ~in_group) if has_group else isna
        v = np.where(isna, 0.0, x.astype("Float64").to_numpy(dtype="float64", na_value=0.0))
        total = m @ v
        n_na = m @ base_na.astype(float)
        reason = np.full(len(units), None, dtype=object)
        reason[n_na > 0] = _MEMBER_MISSING
        if has_group:
            gids = pd.Index(inputs.groups.index)
            gpos = gids.get_indexer(grouped[in_group].to_numpy())
            k = sp.csr_matrix(
                (np.ones(int(in_group.sum())), (np.flatnonzero(in_group), gpos)),
                shape=(len(frame), len(gids)),
            )
            overlap = (m @ k).toarray()
            size = inputs.members.value_counts().reindex(gids).fillna(0).to_numpy()
            full = overlap == size[None, :]
            partial = (overlap > 0) & ~full
            gv = inputs.groups[col].astype("Float64")
            g_na = gv.isna().to_numpy()
            total = total + full.astype(float) @ np.where(g_na, 0.0, gv.to_numpy(na_value=0.0))
            g_missing = (full & g_na[None, :]).any(axis=1)
            split = partial.any(axis=1)
            reason[g_missing & (reason == None)] = _MEMBER_MISSING  # noqa: E711
            reason[split] = _SPLIT
            n_na = n_na + g_missing + split
        out = pd.Series(np.where(n_na > 0, np.nan, total), index=units)
        vals[col] = out
        reasons[col] = pd.Series(reason, index=units).where(out.isna(), None)
    return vals, reasons


def _weighted(
    values: pd.Series,
    weights: pd.Series,
    m: sp.csr_matrix,
    units: pd.Index,
    how: Literal["median", "mean"],
    min_coverage: float,
) -> tuple[pd.Series, pd.Series]:
    """Weighted median/mean of sector values per unit, with a coverage rule."""
    v = values.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    w = weights.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    out = np.full(len(units), np.nan)
    reason = np.full(len(units), None, dtype=object)
    m = m.tocsr()
    for i in range(len(units)):
        idx = m.indices[m.indptr[i] : m.indptr[i + 1]]
        vi, wi = v[idx], w[idx]
        if np.isnan(wi).any():
            reason[i] = _MEMBER_MISSING
            continue
        total = wi.sum()
        ok = ~np.isnan(vi) & (wi > 0)
        if total <= 0 or not ok.any():
            reason[i] = _MEMBER_MISSING
            continue
        if wi[ok].sum() / total < min_coverage:
            reason[i] = _COVERAGE
            continue
        vi, wi = vi[ok], wi[ok]
        if how == "mean":
            out[i] = float(np.sum(vi * wi) / np.sum(wi))
        else:
            order = np.argsort(vi, kind="stable")
            cum = np.cumsum(wi[order])
            out[i] = float(vi[order][np.searchsorted(cum, cum[-1] / 2.0)])
    return pd.Series(out, index=units), pd.Series(reason, index=units)


def _geometric_inputs(
    units: pd.Index,
    polygons: gpd.GeoSeries | None,
    facilities: gpd.GeoDataFrame | None,
    facility_types: Sequence[str],
    facility_extent: Any,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    vals = pd.DataFrame(index=units)
    reasons = pd.DataFrame(index=units, dtype="object")
    if polygons is None:
        geoms = pd.Series([None] * len(units), index=units, dtype="object")
    else:
        geoms = polygons.reindex(units)
    has_poly = np.array(
        [g is not None and not g.is_empty and g.geom_type.endswith("Polygon") for g in geoms]
    )
    area = np.array([g.area if ok else np.nan for g, ok in zip(geoms, has_poly, strict=True)])
    vals["area_m2"] = area
    reasons["area_m2"] = [None if ok else _NO_POLYGON for ok in has_poly]
    for t in facility_types:
        col = f"n_{t}"
        counts = np.full(len(units), np.nan)
        reason = np.array([None if ok else _NO_POLYGON for ok in has_poly], dtype=object)
        if facilities is not None and has_poly.any():
            pts = facilities.geometry[(facilities["type"] == t).to_numpy()]
            poly_series = gpd.GeoSeries(
                [g if ok else None for g, ok in zip(geoms, has_poly, strict=True)],
                crs=facilities.crs,
            )
            if len(pts):
                tree_idx = pts.sindex.query(poly_series.to_numpy(), predicate="contains")
                c = np.bincount(tree_idx[0], minlength=len(units)).astype(float)
            else:
                c = np.zeros(len(units))
            counts = np.where(has_poly, c, np.nan)
            if facility_extent is not None:
                inside = np.array(
                    [
                        bool(ok and shapely.covered_by(g, facility_extent))
                        for g, ok in zip(geoms, has_poly, strict=True)
                    ]
                )
                outside = has_poly & ~inside
                counts[outside] = np.nan
                reason[outside] = _OUTSIDE
        vals[col] = counts
        reasons[col] = pd.Series(reason, index=units).where(np.isnan(counts), None)
    return vals, reasons


def compute(
    inputs: IndicatorInputs | pd.DataFrame,
    *,
    by: str | pd.Series | Mapping[str, str] | Sequence[CustomArea] | None = None,
    level: str | None = None,
    indicators: Sequence[str | Indicator] | None = None,
    polygons: gpd.GeoSeries | None = None,
    facilities: gpd.GeoDataFrame | None = None,
    facility_extent: Any = None,
    threshold: int | None = None,
    min_coverage: float = 0.9,
    names: pd.Series | None = None,
) -> pd.DataFrame:
    """Compute indicators per sector or per unit (wijk, deelgemeente, custom area, ...).

    Parameters
    ----------
    inputs
        :class:`IndicatorInputs` from :func:`sector_inputs`, or a plain sectors frame.
    by
        ``None`` for sectors; else a column of the sectors (``"wijk"``, ``"deelgemeente"``,
        ``"gemeente"``, ``"arrondissement"``), a mapping sector → unit, a Series, or a list
        of :class:`~wijkanalyse.areas.CustomArea` (which may overlap).
    level
        The level name (see :data:`LEVELS`); default from ``by``.
    indicators
        Ids or :class:`Indicator` objects. Default: every registered indicator whose inputs
        are present and that is valid at the level, plus the facility indicators of every
        facility type in ``facilities``.
    polygons
        Unit polygons (GeoSeries indexed like the units), for area-based and facility
        indicators. At the sector level the sectors' own polygons are used when present.
    facilities
        Facilities frame (``type`` and Point geometry), same CRS as ``polygons``.
    facility_extent
        The area the facility data cover (e.g. the municipality plus a buffer); units not
        inside it get NA (``outside_facility_coverage``) for facility indicators.
    threshold
        Small-number threshold; default :data:`wijkanalyse.settings.suppression_threshold`.
    min_coverage
        For the weighted (approximate) indicators: the share of the unit's weight whose
        sectors must have a value, else NA (``insufficient_coverage``).
    names
        Display names of the units (default: ``<by>_name`` of the sectors when present).

    Returns
    -------
    pandas.DataFrame
        Indexed by unit, with ``level``, ``name``, one column per indicator, and for each
        indicator with an NA a ``<id>_suppressed_reason`` column; ``<id>_note`` for values
        that are approximations. ``attrs["indicators"]`` holds the :class:`Indicator`
        objects.

    Examples
    --------
    >>> leuven = areas.load_sectors("24062", geometry=None)
    >>> w = compute(leuven, by="wijk", indicators=["pop_total", "share_65plus"])
    >>> int(w["pop_total"].sum())
    101032
    >>> round(float(w.loc["240621", "share_65plus"]), 1)  # Wijgmaal
    20.2
    """
    if isinstance(inputs, pd.DataFrame):
        inputs = IndicatorInputs(sectors=inputs)
    frame = inputs.sectors
    thr = settings.suppression_threshold if threshold is None else int(threshold)
    if thr < 0:
        raise SchemaError(f"threshold must be ≥ 0; got {thr}.")
    units, m, default_level = _membership(frame.index, by, frame)
    level = level or default_level
    if level not in LEVELS:
        raise SchemaError(f"level {level!r} is not one of {listing(LEVELS)}.")
    types = (
        sorted(facilities["type"].dropna().unique())
        if facilities is not None and len(facilities)
        else []
    )
    if polygons is not None and facilities is not None:
        check_same_crs(polygons, facilities, names=("polygons", "facilities"))
    if polygons is None and level == "sector" and isinstance(frame, gpd.GeoDataFrame):
        geoms = frame.geometry
        if (geoms.geom_type.isin(["Polygon", "MultiPolygon"])).any():
            polygons = geoms
    catalogue = {**REGISTRY, **{i.id: i for i in facility_indicators(types)}}
    geometric_cols = {"area_m2", *(f"n_{t}" for t in types)}
    if indicators is None:
        chosen = [
            ind
            for ind in catalogue.values()
            if level in ind.levels and _inputs_present(ind, frame, geometric_cols)
        ]
    else:
        chosen = []
        for item in indicators:
            ind = item if isinstance(item, Indicator) else catalogue.get(item)
            if ind is None:
                get_indicator(str(item))  # raises with close matches
                raise AssertionError("unreachable")
            if level not in ind.levels:
                raise SchemaError(
                    f"indicator {ind.id!r} is not valid at level {level!r} (valid: "
                    f"{listing(ind.levels)})."
                )
            if not _inputs_present(ind, frame, geometric_cols):
                need = list(
                    dict.fromkeys(
                        c
                        for c in (*ind.additive_inputs, ind.numerator)
                        if c and c not in frame and c not in geometric_cols
                    )
                )
                raise SchemaError(
                    f"indicator {ind.id!r} needs input column(s) {listing(need)}, which the "
                    "sectors lack. Build the inputs with wijkanalyse.indicators.sector_inputs "
                    "or add the columns."
                )
            chosen.append(ind)
    additive = sorted(
        {c for ind in chosen for c in ind.additive_inputs if c and c not in geometric_cols}
    )
    sums, sum_reasons = _sum_inputs(inputs, m, units, additive)
    geo_vals, geo_reasons = _geometric_inputs(units, polygons, facilities, types, facility_extent)
    for col in geo_vals:
        sums[col] = geo_vals[col]
        sum_reasons[col] = geo_reasons[col]

    out = pd.DataFrame(index=units)
    out["level"] = level
    if names is None:
        name_col = f"{by}_name" if isinstance(by, str) else None
        if level == "sector" and "name" in frame:
            names = frame["name"]
        elif isinstance(by, str) and name_col and name_col in frame:
            names = frame.groupby(by)[name_col].first()
        elif level == "area":
            names = pd.Series(units, index=units)
    out["name"] = names.reindex(units).to_numpy() if names is not None else None
    for ind in chosen:
        value, reason, note = _evaluate(
            ind, sums, sum_reasons, inputs, m, units, level, thr, min_coverage
        )
        out[ind.id] = value
        if reason.notna().any():
            out[f"{ind.id}_suppressed_reason"] = reason
        if note is not None:
            out[f"{ind.id}_note"] = note
    out.attrs["indicators"] = {ind.id: ind for ind in chosen}
    out.attrs["threshold"] = thr
    return out


def _inputs_present(ind: Indicator, frame: pd.DataFrame, geometric: set[str]) -> bool:
    cols = list(ind.additive_inputs)
    if ind.kind in ("weighted_median", "weighted_mean"):
        cols.append(str(ind.numerator))
    return all(c in frame or c in geometric for c in cols)


def _first_reason(*reasons: pd.Series) -> pd.Series:
    out = reasons[0].astype("object").copy()
    for r in reasons[1:]:
        out = out.where(out.notna(), r.astype("object"))
    return out


def _evaluate(
    ind: Indicator,
    sums: pd.DataFrame,
    reasons: pd.DataFrame,
    inputs: IndicatorInputs,
    m: sp.csr_matrix,
    units: pd.Index,
    level: str,
    thr: int,
    min_coverage: float,
) -> tuple[pd.Series, pd.Series, pd.Series | None]:
    note = None
    if ind.kind == "count":
        col = str(ind.numerator)
        value = sums[col].astype("float64")
        reason = reasons[col].astype("object")
        if ind.persons:
            small = value < thr
            reason = reason.where(~small, _SMALL_COUNT)
            value = value.mask(small)
        return _as_number(value, integer=True), reason.where(value.isna(), None), None
    if ind.kind == "ratio":
        num, den = sums[str(ind.numerator)], sums[str(ind.denominator)]
        reason = _first_reason(
            reasons[str(ind.numerator)].where(num.isna(), None),
            reasons[str(ind.denominator)].where(den.isna(), None),
        )
        note = None
        fallback = reason == _MEMBER_MISSING
        # the ratio over the members with data needs both parts per sector; a unit's area
        # (from its polygon) has no sector values, so e.g. a density stays NA
        per_sector = all(
            str(c) in inputs.sectors for c in (ind.numerator, ind.denominator, "pop_total")
        )
        if level != "sector" and fallback.any() and per_sector:
            num, den, reason, note = _complete_pairs(
                ind, inputs, m, units, num, den, reason, fallback, min_coverage
            )
        value = ind.scale * num / den.where(den != 0)
        reason = reason.where(~((den == 0) & reason.isna()), _ZERO_DEN)
        min_den = _min_denominator(ind, thr)
        if min_den is not None:
            small = (den < min_den) & (den != 0)
            reason = reason.where(~(small & reason.isna()), _SMALL_DEN)
        else:
            small = pd.Series(False, index=units)
        small_num = (num < thr) & ind.persons
        reason = reason.where(~(small_num & reason.isna()), _SMALL_NUM)
        value = value.mask(small | small_num | reason.notna())
        if note is not None:
            note = note.where(value.notna(), None)
        return _as_number(value), reason.where(value.isna(), None), note
    if ind.kind in ("weighted_median", "weighted_mean"):
        col = str(ind.numerator)
        frame = inputs.sectors
        if level == "sector":
            value = frame[col].reindex(units).astype("Float64").astype("float64")
            reason_col = f"{col}_na_reason"
            src = (
                frame[reason_col].reindex(units).astype("object")
                if reason_col in frame
                else pd.Series(None, index=units, dtype="object")
            )
            reason = src.where(value.isna(), None)
            reason = reason.where(~(value.isna() & reason.isna()), _MEMBER_MISSING)
            return _as_number(value), reason.where(value.isna(), None), None
        how: Literal["median", "mean"] = "median" if ind.kind == "weighted_median" else "mean"
        value, reason = _weighted(frame[col], frame[ind.weight], m, units, how, min_coverage)
        note = pd.Series(
            f"approximation: {ind.weight}-weighted {how} of sector values", index=units
        ).where(value.notna(), None)
        return _as_number(value), reason.where(value.isna(), None), note
    assert ind.func is not None
    missing_cols = [c for c in ind.inputs if c not in sums]
    if missing_cols:
        raise SchemaError(f"indicator {ind.id!r}: inputs {listing(missing_cols)} are missing.")
    try:
        value = pd.Series(ind.func(sums[list(ind.inputs)]), index=units).astype("float64")
    except Exception as exc:  # a user function: say which one failed
        raise DataError(f"indicator {ind.id!r}: its function failed: {exc}") from exc
    value = value.replace([np.inf, -np.inf], np.nan)
    reason = (
        _first_reason(*(reasons[c].where(sums[c].isna(), None) for c in ind.inputs))
        if ind.inputs
        else pd.Series(None, index=units, dtype="object")
    )
    if ind.denominator and ind.denominator in sums:
        den = sums[ind.denominator]
        reason = reason.where(~((den == 0) & reason.isna()), _ZERO_DEN)
        min_den = _min_denominator(ind, thr)
        if min_den is not None:
            small = (den < min_den) & (den != 0)
            reason = reason.where(~(small & reason.isna()), _SMALL_DEN)
    value = value.mask(reason.notna())
    reason = reason.where(~(value.isna() & reason.isna()), _MEMBER_MISSING)
    return _as_number(value), reason.where(value.isna(), None), None


def _complete_pairs(
    ind: Indicator,
    inputs: IndicatorInputs,
    m: sp.csr_matrix,
    units: pd.Index,
    num: pd.Series,
    den: pd.Series,
    reason: pd.Series,
    fallback: pd.Series,
    min_coverage: float,
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series | None]:
    """Ratio over the member sectors that have both numerator and denominator.

    Used where a member sector lacks data (e.g. Fluvius' missing cells), provided the
    sectors with data hold at least ``min_coverage`` of the unit's residents.
    """
    f = inputs.sectors
    nv = f[str(ind.numerator)].astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    dv = f[str(ind.denominator)].astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    pop = f["pop_total"].astype("Float64").to_numpy(dtype="float64", na_value=0.0)
    both = ~np.isnan(nv) & ~np.isnan(dv)
    n_c = m @ np.where(both, nv, 0.0)
    d_c = m @ np.where(both, dv, 0.0)
    total_pop = m @ pop
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = np.where(total_pop > 0, (m @ np.where(both, pop, 0.0)) / total_pop, 0.0)
    ok = fallback.to_numpy() & (cov >= min_coverage) & (d_c > 0)
    low = fallback.to_numpy() & ~ok
    if not ok.any():
        return num, den, reason.where(~low, _COVERAGE), None
    num = num.copy()
    den = den.copy()
    num[ok] = n_c[ok]
    den[ok] = d_c[ok]
    reason = reason.where(~ok, None).where(~low, _COVERAGE)
    note = pd.Series(None, index=units, dtype="object")
    note[ok] = [f"ratio over the member sectors with data ({c:.1%} of residents)" for c in cov[ok]]
    return num, den, reason, note


def _as_number(values: pd.Series, *, integer: bool = False) -> pd.Series:
    arr = values.astype("float64")
    if integer:
        return arr.round().astype("Int64")
    return arr.astype("Float64")


# --------------------------------------------------------------------------- suppression


# --------------------------------------------------------------------------- references


def reference_indicators(
    gemeente: str | areas.Region,
    *,
    indicators: Sequence[str | Indicator] | None = None,
    population: SourceLike = _CENSUS,
    income: SourceLike | None = _INCOME,
    energy: SourceLike | None = _ENERGY,
    open_space: SourceLike | None = _OPEN,
    facilities: gpd.GeoDataFrame | None = None,
    facility_extent: Any = None,
    threshold: int | None = None,
) -> pd.DataFrame:
    """Compute the indicators of a municipality, its arrondissement and Flanders.

    All three come from the same all-Belgium files as the wijken. ``gemeente`` may also be a
    :class:`~wijkanalyse.areas.Region`: its own row comes first (``level`` is the region's
    level), then its arrondissement when the region lies in one and is smaller, then Flanders
    (unless the region is Flanders).

    The arrondissement and the Flemish Region are computed from every 2024 sector of their
    municipalities exactly as the wijken are, so a wijk can be read next to them.
    Facility indicators are NA (``outside_facility_coverage``) where the facility data do
    not reach.

    Returns
    -------
    pandas.DataFrame
        For a municipality three rows (``gemeente``, ``arrondissement``, ``gewest``), columns
        as :func:`compute`.
    """
    flemish = areas.flemish_municipalities(2024)
    reg = gemeente if isinstance(gemeente, areas.Region) else areas.region(gemeente, vintage=2024)
    outside = [m for m in reg.municipalities if m not in set(flemish)]
    if outside:
        raise DataError(
            f"reference_indicators: {listing(outside)} lie(s) outside the Flemish Region; the "
            "reference rows (the area, its arrondissement, Flanders) are computed from the "
            "Flemish sectors only. For a Brussels municipality use compute() on its own "
            "sectors (wijkanalyse.areas.load_sectors)."
        )
    sectors = areas.load_sectors(
        flemish, vintage=2024, geometry=None, population=population, income=income
    )
    inp = sector_inputs(sectors, energy=energy, open_space=open_space)
    s = inp.sectors
    h = areas.hierarchy(2024).reindex(s.index)
    inside = s["gemeente"].isin(reg.municipalities)
    levels = [(reg.level, reg.code, reg.name, inside)]
    arrs = h.loc[inside.to_numpy(), ["arrondissement", "arrondissement_name"]].drop_duplicates()
    if reg.level in ("gemeente", "gemeenten") and len(arrs) == 1:
        arr, arr_name = arrs.iloc[0]
        levels.append(("arrondissement", arr, arr_name, h["arrondissement"] == arr))
    if reg.level != "gewest":
        levels.append(("gewest", "02000", "Vlaams Gewest", pd.Series(True, index=s.index)))
    polys = io.read_areas("pinc_gemeenten_2024", level="gemeente")
    rows = []
    for level, code, name, mask in levels:
        gem = sorted(s.loc[mask, "gemeente"].unique())
        parts = [p for g in polys.geometry.reindex(gem).dropna() for p in getattr(g, "geoms", [g])]
        poly = gpd.GeoSeries([shapely.MultiPolygon(parts)], index=[code], crs=polys.crs)
        by = pd.Series(code, index=s.index[mask.to_numpy()], name=level)
        sub = IndicatorInputs(
            sectors=s[mask.to_numpy()], groups=inp.groups, members=inp.members, notes=inp.notes
        )
        rows.append(
            compute(
                sub,
                by=by,
                level=level,
                indicators=indicators,
                polygons=poly,
                facilities=facilities,
                facility_extent=facility_extent,
                threshold=threshold,
                names=pd.Series([name], index=[code]),
            )
        )
    out = concat(rows)
    out.index.name = "unit"
    return out


def concat(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Stack indicator tables (e.g. wijken and reference rows), keeping dtypes and metadata."""
    frames = [t for t in tables if len(t)]
    out = pd.concat(frames)
    meta: dict[str, Indicator] = {}
    for t in frames:
        meta.update(t.attrs.get("indicators", {}))
    for ind_id, ind in meta.items():
        if ind_id in out:
            out[ind_id] = out[ind_id].astype("Int64" if ind.kind == "count" else "Float64")
    out.attrs = {**frames[0].attrs, "indicators": meta}
    return out
