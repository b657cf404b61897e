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
:mod:`wijkanalyse.indicators.suppression` as well, which also withholds what could be derived across
tables (a sector as its wijk total minus the published sectors, a count as rate ×
denominator): reasons ``complementary`` and ``derived_from_withheld``.

**Vintages.** Fluvius' energy data use 2019 sector codes. :func:`sector_inputs` moves them to
the 2024 sectors along the official crosswalk exactly: unchanged, recoded and merged sectors
carry their values; a 2019 sector that was split has no value in its 2024 parts, but a unit
that holds all parts (e.g. the wijk) gets the whole value.

The package re-exports the public names of its modules:

- :mod:`~wijkanalyse.indicators.registry`: :class:`Indicator`, :data:`REGISTRY` and
  :func:`register`;
- :mod:`~wijkanalyse.indicators.definitions`: the built-in definitions and
  :func:`facility_indicators`;
- :mod:`~wijkanalyse.indicators.inputs`: :class:`IndicatorInputs` and :func:`sector_inputs`;
- :mod:`~wijkanalyse.indicators.compute`: :func:`compute`;
- :mod:`~wijkanalyse.indicators.references`: :func:`reference_indicators` and :func:`concat`;
- :mod:`~wijkanalyse.indicators.suppression`: disclosure control (also importable as
  ``wijkanalyse.suppression``), with its linear-algebra audit in ``_audit``.
"""

from __future__ import annotations

from wijkanalyse.indicators.compute import compute
from wijkanalyse.indicators.definitions import facility_indicators
from wijkanalyse.indicators.inputs import IndicatorInputs, bimd_2024, sector_inputs
from wijkanalyse.indicators.references import concat, flemish_inputs, reference_indicators
from wijkanalyse.indicators.registry import (
    CONCEPTS,
    LEVELS,
    REGISTRY,
    Indicator,
    get_indicator,
    list_indicators,
    register,
    unregister,
)
from wijkanalyse.indicators.suppression import suppress_counts

__all__ = [
    "CONCEPTS",
    "LEVELS",
    "REGISTRY",
    "Indicator",
    "IndicatorInputs",
    "bimd_2024",
    "compute",
    "concat",
    "facility_indicators",
    "flemish_inputs",
    "get_indicator",
    "list_indicators",
    "reference_indicators",
    "register",
    "sector_inputs",
    "suppress_counts",
    "unregister",
]
