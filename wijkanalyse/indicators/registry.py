"""The indicator registry: what an :class:`Indicator` is, and the indicators known by id.

An :class:`Indicator` is a documented object: id, Dutch and English label, definition,
numerator and denominator, unit, direction, source datasets, the minimum denominator below
which it is not reported and the levels at which it is valid. :func:`register` adds one to
:data:`REGISTRY` (the built-in ones are in :mod:`wijkanalyse.indicators.definitions`),
:func:`get_indicator` finds one by id and :func:`list_indicators` tables their definitions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from wijkanalyse import settings
from wijkanalyse._errors import SchemaError
from wijkanalyse._validate import close_matches, listing

__all__ = [
    "CONCEPTS",
    "LEVELS",
    "REGISTRY",
    "Indicator",
    "get_indicator",
    "list_indicators",
    "register",
    "unregister",
]


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

Concept = Literal["need", "demand", "context"]

#: What an indicator can stand for in an analysis (see :class:`Indicator`).
CONCEPTS: tuple[str, ...] = ("need", "demand", "context")

Kind = Literal["count", "ratio", "weighted_median", "weighted_mean", "function"]


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
    concept
        What the indicator stands for. ``"need"``: deprivation (low income, unemployment,
        low education, poor housing), what a need index measures. ``"demand"``: the size or
        share of a target group (residents, the 65+, children): how many people a service
        is for, which enters access and planning as a weight, not as need — an older
        population is not a poorer one. ``"context"``: the setting (density, open space,
        energy use, facilities), useful to read a wijk by, neither need nor demand.
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
    definition_nl, caveat_nl
        The definition and caveat in Dutch, for Dutch reports (every built-in has them; an
        indicator of the user's shows its own words where they are empty).
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
    concept: Concept = "context"
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
    definition_nl: str = ""
    caveat_nl: str = ""

    def __post_init__(self) -> None:
        problems = []
        if not self.id or not self.id.replace("_", "").isalnum():
            problems.append(f"id {self.id!r} must be letters, digits and underscores")
        if self.direction not in ("more_need", "less_need", "neutral"):
            problems.append(
                f"direction {self.direction!r} must be 'more_need', 'less_need' or 'neutral'"
            )
        if self.concept not in CONCEPTS:
            problems.append(f"concept {self.concept!r} must be one of {listing(CONCEPTS)}")
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
                "concept": ind.concept,
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
                "definition_nl": ind.definition_nl,
                "caveat_nl": ind.caveat_nl,
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
