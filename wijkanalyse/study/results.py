"""The typed results of a study's steps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from wijkanalyse import (
    areas,
    indicators,
    io,
    locate,
)
from wijkanalyse._i18n import Note
from wijkanalyse.areas import CustomArea, Region
from wijkanalyse.network import CrowFlies, StreetNetwork


@dataclass(frozen=True)
class StudyData:
    """Everything a study loads, in canonical frames."""

    sectors: gpd.GeoDataFrame
    wijken: gpd.GeoDataFrame
    facilities: gpd.GeoDataFrame
    areas: pd.DataFrame
    road_graph: io.RoadGraphFrames | None
    region: Region
    notes: tuple[Note, ...] = ()
    datasets: tuple[str, ...] = ()
    inputs: indicators.IndicatorInputs | None = field(default=None, repr=False)
    """The sectors with the energy and open-space inputs of the indicators (``None``: the
    population and income columns of :attr:`sectors` only)."""
    deelgemeenten: gpd.GeoSeries | None = field(default=None, repr=False)
    """The outlines of the deelgemeenten (``None``: no deelgemeente table)."""
    references: pd.DataFrame | None = field(default=None, repr=False)
    """The indicators of the municipality, its arrondissement and Flanders (``None``: not
    asked for, or the sources do not cover Flanders)."""
    reference_sectors: pd.DataFrame | None = field(default=None, repr=False)
    """The indicators of every Flemish sector (``None``: no reference ranks)."""
    sites: gpd.GeoDataFrame | None = field(default=None, repr=False)
    """The candidate sites of ``[[plan.sites]]``."""
    name_layers: tuple[gpd.GeoDataFrame | None, gpd.GeoDataFrame | None] = field(
        default=(None, None), repr=False
    )
    """The named streets and stops of ``[plan]`` that name candidate sites."""
    network: StreetNetwork | None = field(default=None, repr=False)
    user_points: gpd.GeoDataFrame | None = field(default=None, repr=False)
    """The user's address or building points (``[access] demand_file``), as read."""
    """The street network of ``[access]`` (``None``: none given; straight lines instead)."""
    input_notes: tuple[Note, ...] = ()
    """How the indicators' inputs were assembled (shown with the analysis)."""
    custom_areas: tuple[CustomArea, ...] = ()
    """The study's own areas (``[[areas]]``) with their sectors, in the order of
    :attr:`areas` (which holds their vintage, exactness, note and counts, and the sectors
    as text for display: code reads them here or through :meth:`area_members`)."""
    basemap: gpd.GeoDataFrame | None = field(default=None, repr=False)
    """The maps' base layer: streets, railways, waterways, neighbouring municipalities
    (:mod:`wijkanalyse.maps.base`; ``None``: ``[report] basemap = false``)."""

    def area_members(self, within: Iterable[str] | None = None) -> dict[str, list[str]]:
        """Return the sector codes of each of the study's areas (those in ``within`` only)."""
        keep = None if within is None else set(within)
        return {
            a.name: [c for c in a.sectors if keep is None or c in keep] for a in self.custom_areas
        }

    @property
    def boundary(self) -> Any:
        """The outline of the study area (union of its municipalities)."""
        return areas.region_polygon(self.region)


@dataclass(frozen=True)
class Analysis:
    """The indicators and the index of a loaded study.

    Attributes
    ----------
    inputs
        The sector inputs of the indicators (population, income, energy, open space).
    indicators
        Indicator tables by level: ``"sectors"``, ``"wijken"`` (with the reference rows of
        the municipality, arrondissement and Flanders, ``level`` says which),
        ``"deelgemeenten"`` and ``"areas"``. Small numbers are already suppressed.
    definitions
        One row per indicator: labels, unit, direction, aggregation, source, caveat.
    index
        The index per level (``"wijken"``, ``"sectors"``): score, rank, decile, the
        Monte Carlo rank interval, domain scores and missing indicators.
    notes
        How the inputs were assembled.
    """

    inputs: indicators.IndicatorInputs = field(repr=False)
    indicators: dict[str, pd.DataFrame] = field(repr=False)
    definitions: pd.DataFrame = field(repr=False)
    index: dict[str, pd.DataFrame] = field(repr=False)
    notes: tuple[Note, ...] = ()
    validation: pd.DataFrame | None = field(default=None, repr=False)
    """The index's checks (:mod:`wijkanalyse.validation`; ``None``: no index)."""
    index_meta: dict[str, Any] = field(default_factory=dict, repr=False)
    """How the index was made: preset, flags' thresholds, what was redrawn (JSON-able)."""


@dataclass(frozen=True)
class AccessResults:
    """Accessibility of a loaded study.

    Attributes
    ----------
    model
        The distance model: a street network, or straight lines × detour where none exists.
    nearest
        Per (demand point, facility type): the nearest facility, travel time, distances,
        method. A demand point is a sector with the centroid model, else a point of it.
    coverage
        Per (wijk or municipality, facility type, target group, threshold): population
        covered and not covered (``level`` says which).
    gaps
        Need × poor access per sector, wijk and custom area, ranked per question.
    equity
        Per question and threshold, over the municipality's residents: mean and 90th
        percentile travel time, Gini, Palma, share beyond the threshold.
    need_source
        What "need" is: ``index:<name>`` or an indicator id.
    notes
        How distances were measured and what could not be reached.
    """

    model: StreetNetwork | CrowFlies = field(repr=False)
    nearest: pd.DataFrame = field(repr=False)
    coverage: pd.DataFrame = field(repr=False)
    gaps: pd.DataFrame = field(repr=False)
    equity: pd.DataFrame = field(repr=False)
    need_source: str = ""
    notes: tuple[Note, ...] = ()
    speeds: dict[str, float] = field(default_factory=dict)
    """The speed of each asked target group, km/h (its times are at that speed)."""
    demand: gpd.GeoDataFrame | None = field(default=None, repr=False)
    """The demand points the times are measured from (:mod:`wijkanalyse.demand`): ``sector``,
    its units and the counts of the asked target groups; ``nearest`` is indexed by them."""
    demand_info: Any = None
    """How the demand points were made (:class:`wijkanalyse.study._demand.DemandInfo`)."""
    draws: Any = field(default=None, repr=False)
    """The access measures over draws of the uncertain inputs
    (:class:`wijkanalyse.access.ranges.AccessDraws`; ``None``: no ranges)."""


@dataclass(frozen=True)
class RobustInfo:
    """How a plan holds up across the access draws (an MCLP question with ranges).

    ``objective``: the robust objective that chose the sites (``none``: the classic MCLP);
    ``q``: its quantile; ``frequency``: per candidate site, the share of draws whose best
    plan of the same size opens it; ``draws``: how many draws.
    """

    objective: str
    q: float
    frequency: pd.Series = field(repr=False)
    draws: int


@dataclass(frozen=True)
class PlanResults:
    """Planning options and scenarios of a study.

    Attributes
    ----------
    plans
        The exact plans, keyed by (question name, p); p is ``None`` for LSCP.
    greedy
        Per question (MCLP, p-median): the greedy ranking up to the largest p.
    curves
        Per question and number of new sites: the exact and the greedy objective.
    candidates
        The candidate sites: ``name``, ``source``, ``snap_m``, ``attached``, ``wijk``.
    scenarios
        The comparison of every scenario with the current situation (see
        :func:`wijkanalyse.scenario.compare`).
    notes
        Questions that could not be answered, and why.
    """

    plans: dict[tuple[str, int | None], locate.Plan] = field(repr=False)
    greedy: dict[str, locate.Plan] = field(repr=False)
    curves: pd.DataFrame = field(repr=False)
    candidates: gpd.GeoDataFrame = field(repr=False)
    scenarios: pd.DataFrame = field(repr=False)
    notes: tuple[Note, ...] = ()
    scenario_supply: tuple[tuple[str, tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]], ...] = field(
        default=(), repr=False
    )
    """Per scenario name: its facilities of the type before and after (for the audit of what
    may be published, :mod:`wijkanalyse._publish`)."""
    scenario_draws: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)
    """Per scenario name: the access draws of today's supply and of the scenario's, paired
    (:class:`wijkanalyse.access.ranges.AccessDraws`); its ranges come from them."""
    robust: dict[tuple[str, int | None], RobustInfo] = field(default_factory=dict, repr=False)
    """Per plan (question, p) of an MCLP question with ranges: how it holds up."""
    plan_draws: dict[tuple[str, int | None], tuple[Any, Any]] = field(
        default_factory=dict, repr=False
    )
    """Per plan: today's supply and the plan's drawn with the access draws (paired)."""
    fronts: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    """The efficiency–equity fronts of the questions that ask for one."""
    norms: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    """Per municipality and facility type: the programming norm next to the register, and
    the residents within the distance benchmark of today's centres."""
    norm_within: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    """Per sector (rows) and facility type of a norm (columns): the share of its residents
    within the distance benchmark (for the audit of what may be published)."""
    shared: dict[tuple[str, int | None], tuple[str, ...]] = field(default_factory=dict, repr=False)
    """Per plan of a joint question's type: the sites where both types are (one new)."""
    sharing: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    """Per joint question, number of shared sites and type: people within reach and lost."""


@dataclass(frozen=True)
class RunResult:
    """What :meth:`Study.run` wrote, the summary it printed, and the results behind them.

    :attr:`files` and :attr:`summary` hold only what may be published. :attr:`data`,
    :attr:`analysis`, :attr:`access` and :attr:`planning` are the step results *before*
    small counts were withheld (:mod:`wijkanalyse.study.publish`): for the analyst's own
    use, not for publication.
    """

    out: Path
    files: tuple[Path, ...]
    summary: tuple[str, ...]
    data: StudyData = field(repr=False)
    analysis: Analysis | None = field(default=None, repr=False)
    access: AccessResults | None = field(default=None, repr=False)
    planning: PlanResults | None = field(default=None, repr=False)
    #: the ``[trends]`` tables (already protected: :mod:`wijkanalyse.study.trends`)
    trends: Any = field(default=None, repr=False)
    timings: dict[str, float] = field(default_factory=dict, repr=False)
    """Seconds per step (``load``, ``indicators``, ``access``, ``planning``, ``write``,
    ``report``) and ``total``."""
