"""Trends: the same count at several dates for the same units, across sector vintages.

Statbel redrew the statistical sectors in 2011, 2019/2020 and 2025, so a count of 2001 (2001
codes), of 2011 (2011 codes) and of 2021 (2024 codes) are counts of different areas until
they are brought to one vintage. This module brings them to the sectors of one vintage
(:func:`move_counts`) and adds them up to wijken, deelgemeenten or any grouping of those
sectors (:func:`unit_counts`), saying for every value how it got there; then it measures the
change between two dates with the band that noise in small counts would give
(:func:`changes`).

**How a count moves** (``method`` of each row), along :func:`wijkanalyse.areas.crosswalk`:

* ``same``: the sector is the same in both vintages (same or new code, exact link);
* ``merged``: several older sectors make up this sector (their counts add up, exact);
* ``by_code``: linked by code only, in a municipality whose sectors were redrawn between the
  two vintages (2001 → 2011: Statbel publishes no correspondence); the count is carried as
  it is, an approximation, because a neighbour may have taken part of the sector;
* ``split_allocated``: an older sector was split; its count is shared among the parts in
  proportion to ``weights`` (the user says which: e.g. the parts' later population);
* ``split_in_crosswalk``: the same without weights: the parts have no value of their own
  (NA), and a unit that holds all the parts gets the whole count (``exact``);
* ``new_sector``: no older sector links to it: it did not exist then (its residents were
  counted in a neighbour's code) or, where the older code list holds only the inhabited
  sectors (2001), it had nobody (NA: the two cannot be told apart).

A unit's value is the sum over the groups of linked sectors (the connected parts of the
crosswalk) that touch it: a group entirely inside the unit counts whole and exactly; a group
that straddles units is shared by ``weights`` (``allocated``) or leaves the unit without a
value (``split_in_crosswalk``). A unit's ``method`` is the least exact of its parts:
``exact``, ``by_code`` or ``allocated``. Vintages are never mixed silently: the source's
codes must all be of ``from_vintage`` (:func:`wijkanalyse.areas.check_vintage`).

**What a change can say.** A count of residents is not a sample, but a small count moves by
chance from year to year (births, deaths, a family that moves): two counts ``a`` and ``b``
differ by less than ``z·√(a + b)`` (the Poisson band of their difference) about 95 % of the
time when nothing but chance is at work. A change inside that band is ``significant =
False``: the report draws no arrow on it. A change smaller than the suppression threshold is
not published (``small_change``), and neither is a change of a withheld count.
"""

from wijkanalyse.trends._changes import changes, poisson_band
from wijkanalyse.trends._checks import REFERENCE as INCOME_REFERENCE
from wijkanalyse.trends._checks import check_sentence, income_checks
from wijkanalyse.trends._flanders import (
    FLANDERS_CODE,
    FLANDERS_NAME,
    PANEL,
    flemish_energy,
    flemish_income,
    flemish_population,
    flemish_series,
)
from wijkanalyse.trends._moves import (
    METHODS,
    UNIT_METHODS,
    Links,
    links_between,
    move_counts,
    unit_counts,
)
from wijkanalyse.trends._publish import COLUMNS, protect_counts, with_changes
from wijkanalyse.trends._registry import SERIES, TrendSeries, get_series, list_series
from wijkanalyse.trends._series import (
    BIMD_CAVEAT,
    INCOME_CAVEAT,
    POPULATION_SOURCES,
    bimd_changes,
    energy_series,
    income_series,
    population_series,
)
from wijkanalyse.trends._signals import SIGNAL_KINDS, deprivation_signals, population_signals

__all__ = [
    "BIMD_CAVEAT",
    "COLUMNS",
    "FLANDERS_CODE",
    "FLANDERS_NAME",
    "INCOME_CAVEAT",
    "INCOME_REFERENCE",
    "METHODS",
    "PANEL",
    "POPULATION_SOURCES",
    "SERIES",
    "SIGNAL_KINDS",
    "UNIT_METHODS",
    "Links",
    "TrendSeries",
    "bimd_changes",
    "changes",
    "check_sentence",
    "deprivation_signals",
    "energy_series",
    "flemish_energy",
    "flemish_income",
    "flemish_population",
    "flemish_series",
    "get_series",
    "income_checks",
    "income_series",
    "links_between",
    "list_series",
    "move_counts",
    "poisson_band",
    "population_series",
    "population_signals",
    "protect_counts",
    "unit_counts",
    "with_changes",
]
