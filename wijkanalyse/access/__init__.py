"""Accessibility: nearest facility, coverage, floating catchments, gravity, equity and gaps.

Every function takes demand points (sector centroids, or any points with population
columns) and facilities (points with a ``type``), and a distance model: a
:class:`~wijkanalyse.network.StreetNetwork` (walking or cycling on the streets) or
:class:`~wijkanalyse.network.CrowFlies` (straight line × detour factor where there is no
network). Results are indexed by the demand labels and say in ``method`` how each distance
was measured.

Demand is where people live as far as the data know it: with sector centroids, all residents
of a sector are placed at its centroid. Polygons become points only through the explicit
``as_point`` argument.

Measures
--------
* :func:`nearest_facility`: travel time to the nearest facility of each type.
* :func:`coverage`: who lives within a threshold, per target group and area.
* :func:`two_step_fca` (2SFCA, Luo & Wang 2003) and :func:`enhanced_two_step_fca`
  (E2SFCA, Luo & Qi 2009; step or Gaussian decay): facilities per resident within reach,
  with the competition of other residents for the same facility.
* :func:`gravity`: Hansen potential accessibility, Σ supply × decay(time).
* :func:`equity`: population-weighted mean and percentiles, Gini and Palma ratio, share
  beyond a threshold.
* :func:`coverage_gaps`: need × poor access, ranked, with the population affected.

The package's modules: ``inputs`` (:func:`demand_points`), ``nearest``, ``coverage``, ``fca``
(2SFCA, E2SFCA, gravity), ``equity`` and ``gaps``. :class:`DistanceModel` lives in
:mod:`wijkanalyse.network.model` and is re-exported here.
"""

from __future__ import annotations

# names outside ``__all__`` that other modules import from here are re-exported with ``as``
from wijkanalyse.access.coverage import _thresholds as _thresholds
from wijkanalyse.access.coverage import coverage
from wijkanalyse.access.equity import equity
from wijkanalyse.access.fca import E2SFCA_STEPS as E2SFCA_STEPS
from wijkanalyse.access.fca import enhanced_two_step_fca, gravity, two_step_fca
from wijkanalyse.access.gaps import aggregate_gaps, coverage_gaps
from wijkanalyse.access.inputs import demand_points
from wijkanalyse.access.nearest import MIN_EUCLID_FOR_RATIO_M as MIN_EUCLID_FOR_RATIO_M
from wijkanalyse.access.nearest import nearest_facility
from wijkanalyse.network.model import DistanceModel

__all__ = [
    "DistanceModel",
    "aggregate_gaps",
    "coverage",
    "coverage_gaps",
    "demand_points",
    "enhanced_two_step_fca",
    "equity",
    "gravity",
    "nearest_facility",
    "two_step_fca",
]
