"""Disclosure control, importable as ``wijkanalyse.suppression`` as before.

The code lives in :mod:`wijkanalyse.indicators.suppression` (primary and complementary
suppression: :class:`Ledger`, :class:`Request`, :func:`suppress_counts`, :func:`mask_derived`,
:func:`find_partitions`); this module re-exports it.
"""

from __future__ import annotations

from wijkanalyse.indicators.suppression import (
    COMPLEMENTARY,
    DERIVED,
    REASONS,
    SMALL_COUNT,
    SUPPRESSED_BY_SOURCE,
    Ledger,
    Request,
    find_partitions,
    mask_derived,
    suppress_counts,
)

# not in __all__, but wijkanalyse._publish uses them through this module
from wijkanalyse.indicators.suppression import _set_reason as _set_reason
from wijkanalyse.indicators.suppression import counts_persons as counts_persons

__all__ = [
    "COMPLEMENTARY",
    "DERIVED",
    "REASONS",
    "SMALL_COUNT",
    "SUPPRESSED_BY_SOURCE",
    "Ledger",
    "Request",
    "find_partitions",
    "mask_derived",
    "suppress_counts",
]
