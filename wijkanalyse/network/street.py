"""The street network: building it, and travel distances on it.

:class:`StreetNetwork` is the facade of :mod:`wijkanalyse.network`: its constructors build
the graph (see :mod:`wijkanalyse.network.build`) and its ``od_matrix``, ``nearest`` and
``service_areas`` answer travel questions (see :mod:`wijkanalyse.network._routes`); the
arrays, views and caches it inherits are those of
:class:`~wijkanalyse.network._graph._StreetGraph`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import pandas as pd

from wijkanalyse import io
from wijkanalyse.network import _routes
from wijkanalyse.network._graph import DEFAULT_MAX_SNAP_M, _StreetGraph
from wijkanalyse.network.build import (
    GraphArrays,
    graph_from_edges,
    graph_from_osm,
    graph_from_road_graph,
)
from wijkanalyse.network.crowflies import DEFAULT_DETOUR_FACTOR
from wijkanalyse.network.lines import from_lines, from_wegenregister
from wijkanalyse.network.profiles import TravelProfile, travel_profile
from wijkanalyse.network.results import ODMatrix

__all__ = ["DEFAULT_MAX_SNAP_M", "StreetNetwork"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class StreetNetwork(_StreetGraph):
    """A street graph for one travel profile, ready for shortest paths.

    Build one with :meth:`from_road_graph`, :meth:`from_osm` or :meth:`from_edges`. Its
    arrays are read-only; :meth:`with_options` returns a copy with other snapping or
    fallback options.

    Attributes
    ----------
    node_ids
        The original node ids, in graph order.
    x, y
        Node coordinates in ``crs``.
    tail, head, length_m
        Directed arcs (positions into the node arrays) and their lengths in metres. A
        two-way street is two arcs.
    crs
        The projected CRS.
    profile
        The travel profile the network was built for.
    report
        What was kept and dropped.
    max_snap_m
        Points farther than this from the nearest street are not attached.
    off_network
        What a point that is not attached gets: ``"euclidean"`` (straight line × detour
        factor, labelled in ``method``) or ``"na"`` (no value, ``reason="off_network"``).
    detour_factor
        The straight-line detour factor of the fallback.
    """

    def __repr__(self) -> str:
        return f"StreetNetwork({self.report})"

    # -- construction

    def with_options(
        self,
        *,
        max_snap_m: float | None = None,
        off_network: Literal["euclidean", "na"] | None = None,
        detour_factor: float | None = None,
        speed_kmh: float | None = None,
    ) -> StreetNetwork:
        """Return the same network with other snapping, fallback or speed options."""
        changes: dict[str, Any] = {}
        if max_snap_m is not None:
            changes["max_snap_m"] = float(max_snap_m)
        if off_network is not None:
            changes["off_network"] = off_network
        if detour_factor is not None:
            changes["detour_factor"] = float(detour_factor)
        if speed_kmh is not None:
            changes["profile"] = self.profile.with_speed(speed_kmh)
        return replace(self, **changes)

    @classmethod
    def from_edges(
        cls,
        nodes: pd.DataFrame,
        edges: pd.DataFrame,
        *,
        crs: Any = None,
        profile: str | TravelProfile = "walk",
        speed_kmh: float | None = None,
        source: str = "edges",
        max_snap_m: float = DEFAULT_MAX_SNAP_M,
        off_network: Literal["euclidean", "na"] = "euclidean",
        detour_factor: float = DEFAULT_DETOUR_FACTOR,
    ) -> StreetNetwork:
        """Build a network from node coordinates and an edge list.

        Parameters
        ----------
        nodes
            Indexed by node id, with point geometry (a GeoDataFrame) or ``x`` and ``y``.
        edges
            One row per directed arc with ``u`` and ``v`` (node ids); optional ``length_m``
            (default: the arc's line geometry in a GeoDataFrame, else the straight line) and
            ``oneway`` (default False: usable both ways; for a walking profile every street is
            two-way). A ``length_m`` that is missing, negative, zero or shorter than the
            straight line between the arc's nodes (or than its line) is replaced by that
            length, with a :class:`~wijkanalyse.DataWarning`.
        crs
            The CRS of ``x``/``y``; a GeoDataFrame's own CRS is used when not given.
        profile, speed_kmh
            Travel profile and an optional other speed.
        source
            A label for reports.
        max_snap_m, off_network, detour_factor
            See the class attributes.
        """
        prof = travel_profile(profile, speed_kmh=speed_kmh)
        graph = graph_from_edges(nodes, edges, crs=crs, profile=prof, source=source)
        return cls._wrap(graph, max_snap_m, off_network, detour_factor)

    @classmethod
    def from_road_graph(
        cls,
        source: io.RoadGraphFrames | str | Path = "leuven_road_graph_2013",
        *,
        profile: str | TravelProfile = "walk",
        speed_kmh: float | None = None,
        max_snap_m: float = DEFAULT_MAX_SNAP_M,
        off_network: Literal["euclidean", "na"] = "euclidean",
        detour_factor: float = DEFAULT_DETOUR_FACTOR,
    ) -> StreetNetwork:
        """Build a network from a road-graph GeoPackage (layers ``nodes`` and ``edges``).

        The mirror's Leuven graph (OSM c. 2013 via RinSim) is a road network without
        footways, cycle paths, pedestrian streets, steps or service roads, and it does not
        reach Wijgmaal. Its arcs carry no road type: arcs with a speed limit above the
        profile's ``max_road_speed_kmh`` (90 km/h) are taken to be motorways and left out.
        For walking every road is two-way; for cycling the arcs' own directions hold.
        """
        prof = travel_profile(profile, speed_kmh=speed_kmh)
        graph = graph_from_road_graph(source, profile=prof)
        net = cls._wrap(graph, max_snap_m, off_network, detour_factor)
        log.info("%s", net.report)
        return net

    @classmethod
    def from_osm(
        cls,
        path: str | Path,
        *,
        profile: str | TravelProfile = "walk",
        speed_kmh: float | None = None,
        crs: Any = None,
        max_snap_m: float = DEFAULT_MAX_SNAP_M,
        off_network: Literal["euclidean", "na"] = "euclidean",
        detour_factor: float = DEFAULT_DETOUR_FACTOR,
    ) -> StreetNetwork:
        """Build a network from OpenStreetMap XML (``.osm``, ``.osm.bz2``) or PBF (``.pbf``).

        The profile decides which ways count (see :meth:`TravelProfile.allows`): for walking,
        footways, paths, pedestrian streets, steps and all roads except motorways; ways
        with ``foot=no`` or private access are left out. Every way is split into straight
        segments between its nodes; lengths are measured in ``crs``.

        Parameters
        ----------
        path
            The OSM file, or a dataset id of the catalogue (e.g. ``osm_tervuursevest_2016``).
        profile, speed_kmh
            Travel profile and an optional other speed.
        crs
            Projected CRS to work in (default: ``settings.working_crs``, Belgian Lambert 72).
        max_snap_m, off_network, detour_factor
            See the class attributes.
        """
        prof = travel_profile(profile, speed_kmh=speed_kmh)
        graph = graph_from_osm(path, profile=prof, crs=crs)
        net = cls._wrap(graph, max_snap_m, off_network, detour_factor)
        log.info("%s", net.report)
        return net

    #: Build a network from any line layer: see :func:`wijkanalyse.network.lines.from_lines`.
    from_lines = classmethod(from_lines)
    #: Build a network from a Wegenregister extract: see
    #: :func:`wijkanalyse.network.lines.from_wegenregister`.
    from_wegenregister = classmethod(from_wegenregister)

    @classmethod
    def _wrap(
        cls,
        g: GraphArrays,
        max_snap_m: float,
        off_network: Literal["euclidean", "na"],
        detour_factor: float,
    ) -> StreetNetwork:
        """Return the network of a built graph, with its snapping and fallback options."""
        return cls(
            node_ids=g.node_ids,
            x=g.x,
            y=g.y,
            tail=g.tail,
            head=g.head,
            length_m=g.length_m,
            crs=g.crs,
            profile=g.profile,
            report=g.report,
            max_snap_m=max_snap_m,
            off_network=off_network,
            detour_factor=detour_factor,
        )

    # -- travel distances

    def od_matrix(
        self,
        origins: gpd.GeoDataFrame | gpd.GeoSeries,
        destinations: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        max_minutes: float | None = None,
    ) -> ODMatrix:
        """Return the travel distances from every origin to every destination within a limit.

        Parameters
        ----------
        origins, destinations
            Points in the network's CRS, with unique labels.
        max_minutes
            Keep only pairs within this travel time (``None``: every connected pair). The
            search stops at the limit, so a small limit is fast on a large graph.

        Returns
        -------
        ODMatrix
            Sparse pairs; ``fallback`` marks straight-line estimates for points off the
            network (``off_network="euclidean"``).
        """
        return _routes.od_matrix(self, origins, destinations, max_minutes=max_minutes)

    def nearest(
        self,
        origins: gpd.GeoDataFrame | gpd.GeoSeries,
        destinations: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        max_minutes: float | None = None,
    ) -> pd.DataFrame:
        """Return the nearest destination of every origin by travel distance.

        One multi-source Dijkstra search from all destinations at once (scipy
        ``min_only``), so the cost hardly grows with the number of destinations.

        Parameters
        ----------
        origins, destinations
            Points in the network's CRS, with unique labels.
        max_minutes
            Search no farther (``None``: no limit).

        Returns
        -------
        pandas.DataFrame
            Indexed like ``origins``: ``nearest_id``, ``network_m`` (snap links included),
            ``minutes``, ``euclid_m`` (straight line to that destination), ``detour_ratio``
            (``network_m / euclid_m``), ``snap_m`` (the origin's snap distance), ``method``
            (``network`` or ``euclidean_x<factor>``) and ``reason`` when there is no value
            (``off_network``, ``none_within_limit``, ``unreachable``, ``no_destinations``).
        """
        return _routes.nearest(self, origins, destinations, max_minutes=max_minutes)

    def service_areas(
        self,
        facilities: gpd.GeoDataFrame | gpd.GeoSeries,
        *,
        minutes: float | Sequence[float] = (5, 10, 15),
        buffer_m: float = 50.0,
    ) -> gpd.GeoDataFrame:
        """Return the area reachable within each travel time of each facility.

        The reachable parts of the streets (partly reached streets are cut where the time
        runs out) are buffered by ``buffer_m``, the distance a front door may lie from the
        street centre line (round ends drawn with 4 segments per quarter circle: at 50 m
        at most 1 m inside the true circle). Travel is *towards* the facility, which matters
        for one-way streets when cycling. A facility off the network gets a circle of radius
        minutes × speed / detour factor, with ``method`` saying so.

        Returns
        -------
        geopandas.GeoDataFrame
            One row per facility and travel time: ``facility_id``, ``minutes``, ``method``,
            ``area_km2`` and the polygon.
        """
        return _routes.service_areas(self, facilities, minutes=minutes, buffer_m=buffer_m)
