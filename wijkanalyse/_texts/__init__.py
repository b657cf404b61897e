"""The text catalogue's data: every user-facing message under a key, in Dutch and English.

Data only (read through :mod:`wijkanalyse._i18n`, which picks and fills a message): each key
has an ``nl`` and an ``en`` text with the same ``{placeholders}`` (tests/test_i18n.py). One
module per part of the package that speaks: ``study`` (summary, notes, command line),
``plans`` (the planning step), ``init`` (the study-file template), ``reports``
(wijkrapporten), ``maps``, ``charts`` and ``params`` (the report's sources, study parameters
and glossary) and ``trends`` (the
signals and what a change can say).
"""

from __future__ import annotations

from wijkanalyse._texts import charts, init, maps, params, plans, reports, study, trends
from wijkanalyse._texts.study import FACILITY_TYPE_LABELS, FACILITY_TYPE_PLURALS

_TEXT: dict[str, dict[str, str]] = {
    **study.TEXT,
    **plans.TEXT,
    **init.TEXT,
    **reports.TEXT,
    **maps.TEXT,
    **charts.TEXT,
    **params.TEXT,
    **trends.TEXT,
}

__all__ = ["FACILITY_TYPE_LABELS", "FACILITY_TYPE_PLURALS", "_TEXT"]
