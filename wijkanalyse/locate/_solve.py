"""Any model by name: :func:`solve`."""

from __future__ import annotations

from typing import Any

from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing
from wijkanalyse.locate.center import p_center
from wijkanalyse.locate.coverage import lscp, mclp
from wijkanalyse.locate.median import p_median
from wijkanalyse.locate.plan import Plan
from wijkanalyse.locate.problem import MODELS, LocationProblem, Model


def solve(problem: LocationProblem, model: Model, **options: Any) -> Plan:
    """Solve ``model`` (one of :data:`MODELS`) with the given options."""
    funcs = {"mclp": mclp, "lscp": lscp, "p_median": p_median, "p_center": p_center}
    if model not in funcs:
        raise DataError(f"unknown model {model!r}; choose one of {listing(MODELS)}.")
    return funcs[model](problem, **options)  # type: ignore[operator]
