"""Exceptions and warnings raised by wijkanalyse.

Every error the package raises on purpose is a :class:`WijkanalyseError`, so a caller can
catch them all at once. The subclasses say what went wrong:

- :class:`DataError` (also a ``ValueError``): the content of an input is wrong or unusable;
- :class:`SchemaError`: an input lacks columns, keys or has values of the wrong type;
- :class:`CRSError`: a coordinate reference system is missing, geographic where metres are
  needed, or two inputs disagree;
- :class:`VintageError`: statistical-sector codes of different vintages were mixed;
- :class:`InfeasibleError`: a planning question has no solution;
- :class:`OutputError`: the output folder cannot be used (a file, read-only, or holding
  files wijkanalyse did not write).

Warnings are :class:`WijkanalyseWarning` (or a subclass); their message starts with the
stable prefix ``"wijkanalyse: "`` so tests and users can filter on it.
"""

from __future__ import annotations

__all__ = [
    "CRSError",
    "DataError",
    "DataWarning",
    "InfeasibleError",
    "OutputError",
    "SchemaError",
    "VintageError",
    "WijkanalyseError",
    "WijkanalyseWarning",
]

WARNING_PREFIX = "wijkanalyse: "


class WijkanalyseError(Exception):
    """Base class of every error wijkanalyse raises on purpose."""


class DataError(WijkanalyseError, ValueError):
    """The content of an input (file, frame, value) is wrong or cannot be used."""


class SchemaError(DataError):
    """An input lacks required columns or keys, or has values of the wrong type."""


class CRSError(DataError):
    """A coordinate reference system is missing, unsuitable or inconsistent."""


class VintageError(DataError):
    """Statistical-sector data of different code vintages were combined."""


class InfeasibleError(WijkanalyseError):
    """A planning problem has no feasible solution; the message says why."""


class OutputError(WijkanalyseError):
    """The output folder cannot be used; the message names the path and what to do."""


class WijkanalyseWarning(UserWarning):
    """Base class of the warnings wijkanalyse emits."""


class DataWarning(WijkanalyseWarning):
    """Something in the data deserves attention but does not stop the analysis."""
