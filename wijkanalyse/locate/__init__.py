"""Facility location: where new centres should go, with the existing ones kept.

Four classic models, each solved exactly as a mixed-integer programme by HiGHS
(``highspy``), built in matrix form (one sparse constraint matrix, no expression objects):

* :func:`mclp`: the maximal covering location problem (Church & ReVelle 1974): with ``p``
  new sites, cover as much (need-weighted) population as possible within a threshold;
* :func:`lscp`: the location set covering problem (Toregas et al. 1971): the fewest new
  sites so that everyone is within the threshold;
* :func:`p_median`: minimise the total (need-weighted) travel time to the nearest open site
  (Hakimi 1964; ReVelle & Swain 1970); without capacities, candidate sites that a
  Lagrangian bound proves useless are left out of the model first (exact, and what makes
  5 000 demand units × 1 000 candidates a matter of seconds);
* :func:`p_center`: minimise the longest travel time of anyone (Hakimi 1965), solved by a
  search over radii with a covering problem at each, then the shortest total time among the
  plans that achieve it.

Existing facilities are fixed: they count, and they are neither moved nor closed, unless
``allow_closing=True``. Capacities are optional; with capacities, demand is assigned to
open sites within their capacity (split over several sites unless ``single_source=True``).
``p`` is always the number of **new** sites, an upper bound: a site that adds nothing is not
forced into a plan, and the plan says how many were needed.

Every model returns a frozen :class:`Plan` with the sites, the assignment of every demand
unit, the objective, the population covered per target group, the solver status, the MIP
gap and the time taken. :func:`greedy` gives the ranking "if you can add only one, add
this; then this; …" with the marginal gain of each, and :func:`coverage_curve` puts the
exact optimum per number of new sites next to the greedy one.

Inputs are a :class:`LocationProblem`: demand units with weights, sites (existing and
candidates) and the travel times between them, built by :func:`location_problem` from a
street network, or by :meth:`LocationProblem.from_matrix` from any cost matrix.
:func:`candidate_sites` proposes candidates: a user list, sector centroids, or street-network
nodes thinned to a grid, filtered by area.

The package is laid out by model family, each submodule re-exported here:
:mod:`~wijkanalyse.locate.problem` (the problem, its construction and the checks of the
models' arguments), :mod:`~wijkanalyse.locate.candidates`, :mod:`~wijkanalyse.locate.plan`
(the result type and its assembly), :mod:`~wijkanalyse.locate.coverage` (MCLP, LSCP) with
:mod:`~wijkanalyse.locate.capacitated` (their variants with capacities),
:mod:`~wijkanalyse.locate.median` (p-median, with the Lagrangian screening of
``_screening``), :mod:`~wijkanalyse.locate.center` (p-center),
:mod:`~wijkanalyse.locate.greedy` (the greedy ranking and the coverage curve); ``_highs``
holds the solver plumbing and ``_solve`` the dispatch by model name.

:mod:`~wijkanalyse.locate.robust` asks a covering question across the draws of the
uncertain inputs (:class:`CoverDraws` and :func:`draw_cover`, in
:mod:`~wijkanalyse.locate.draws`): the plan with the best expected,
worst-case or quantile coverage (:func:`robust_mclp`, exact) and how often each site is in
a draw's best plan (:func:`selection_frequency`); ``_cover`` holds its searches.
:mod:`~wijkanalyse.locate.names` names sites after the nearest named street or stop
(:func:`name_sites`, :func:`site_label`); :mod:`~wijkanalyse.locate.front` puts coverage
against the longest walk of anyone, exactly point by point (:func:`equity_front`);
:mod:`~wijkanalyse.locate.joint` places two types at once with shared buildings
(:func:`joint_mclp`, :func:`sharing_cost`); :mod:`~wijkanalyse.locate.norms` holds the
programming norms (one lokaal dienstencentrum per
started 15 000 inhabitants).
"""

from __future__ import annotations

from wijkanalyse.locate import norms as norms
from wijkanalyse.locate._screening import _lagrangian_screen as _lagrangian_screen
from wijkanalyse.locate._screening import _swap_heuristic as _swap_heuristic
from wijkanalyse.locate._solve import solve
from wijkanalyse.locate.candidates import candidate_sites
from wijkanalyse.locate.center import p_center
from wijkanalyse.locate.coverage import lscp, mclp
from wijkanalyse.locate.draws import CoverDraws, draw_cover
from wijkanalyse.locate.frequency import draw_problems, model_frequency
from wijkanalyse.locate.front import equity_front
from wijkanalyse.locate.greedy import coverage_curve, greedy
from wijkanalyse.locate.joint import JointPlan, joint_mclp, sharing_cost
from wijkanalyse.locate.median import _p_median as _p_median
from wijkanalyse.locate.median import p_median
from wijkanalyse.locate.names import name_sites, site_label
from wijkanalyse.locate.plan import Plan, plan_of_sites
from wijkanalyse.locate.problem import MODELS, LocationProblem, location_problem
from wijkanalyse.locate.problem import Model as Model
from wijkanalyse.locate.robust import (
    RobustPlan,
    SelectionFrequency,
    robust_mclp,
    selection_frequency,
)

# Names outside __all__ re-exported with "as": the Model type and the internals that tests
# and benchmarks reach through the package (_lagrangian_screen, _swap_heuristic, _p_median).

__all__ = [
    "MODELS",
    "CoverDraws",
    "JointPlan",
    "LocationProblem",
    "Plan",
    "RobustPlan",
    "SelectionFrequency",
    "candidate_sites",
    "coverage_curve",
    "draw_cover",
    "draw_problems",
    "equity_front",
    "greedy",
    "joint_mclp",
    "location_problem",
    "lscp",
    "mclp",
    "model_frequency",
    "name_sites",
    "p_center",
    "p_median",
    "plan_of_sites",
    "robust_mclp",
    "selection_frequency",
    "sharing_cost",
    "site_label",
    "solve",
]
