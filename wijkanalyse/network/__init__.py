"""Street networks and travel distances: walking and cycling on the real street graph.

A :class:`StreetNetwork` holds a street graph as flat arrays (nodes with coordinates, directed
arcs with lengths) in a projected CRS, restricted to what one :class:`TravelProfile` may use
and to its largest connected component. Shortest paths run with
:func:`scipy.sparse.csgraph.dijkstra` (multi-source, with a distance limit) on the graph of
*junctions*: the nodes with two neighbours, which only shape a street (four in five in an OSM
city graph), are contracted into chains, so the search visits a fifth of the nodes and the
answers stay exact.

Points (sector centroids, facilities) are **snapped to the nearest edge**, not the nearest
node: the point is projected onto the edge, travel leaves or enters the street there (along
it, to the junctions at both ends of its chain, one-way streets respected), and the straight
walk from the point to the street (the *snap distance*) is part of every travel distance and
reported. Points farther from the street than ``max_snap_m`` are not attached; depending on
``off_network`` they get the straight-line distance times a detour factor (labelled as such
in every result) or no value at all.

Where a municipality has no street network, :class:`CrowFlies` gives the same interface on
straight-line distances times a detour factor, again labelled in every result.

Three sources build a network:

* :meth:`StreetNetwork.from_road_graph`: a nodes/edges GeoPackage such as the mirror's Leuven
  road graph (OSM c. 2013 via RinSim). It is a *road* network: footways, cycle paths,
  pedestrian streets, steps and service roads are missing, so walking times are upper bounds
  where a footpath shortcut exists. It carries no road types, so motorways are recognised by
  their speed limit.
* :meth:`StreetNetwork.from_osm`: OpenStreetMap XML (``.osm``) or PBF (``.osm.pbf``), read
  with pyosmium; the travel profile decides which ways count (walking: footways, paths,
  pedestrian streets and steps in, motorways out).
* :meth:`StreetNetwork.from_edges`: any graph given as node coordinates and an edge list.

The package's modules: ``street`` (the :class:`StreetNetwork` facade), ``_graph`` (its
arrays, views and caches), ``build`` (graphs from frames, road graphs and OSM files),
``_routes`` (OD matrices, nearest destinations and service areas on a network),
``_snapping`` and ``_chains`` (snapping and chain contraction on plain arrays), ``_checks``
(input checks), ``profiles`` (:class:`TravelProfile`, ``WALK``, ``BIKE``), ``crowflies``
(:class:`CrowFlies`), ``results`` (:class:`ODMatrix`, :class:`NetworkReport`, the method
labels) and ``model`` (the :class:`DistanceModel` protocol both models follow).

Examples
--------
A 3-node street: A at (0, 0), B at (100, 0), C at (100, 100); a point beside the middle of
A-B walks 10 m to the street, then 50 m to B and 100 m to C:

>>> import geopandas as gpd, pandas as pd
>>> from shapely.geometry import Point
>>> nodes = pd.DataFrame({"x": [0.0, 100.0, 100.0], "y": [0.0, 0.0, 100.0]},
...                      index=["A", "B", "C"])
>>> edges = pd.DataFrame({"u": ["A", "B"], "v": ["B", "C"]})
>>> net = StreetNetwork.from_edges(nodes, edges, crs="EPSG:31370")
>>> home = gpd.GeoSeries([Point(50, 10)], index=["home"], crs="EPSG:31370")
>>> shop = gpd.GeoSeries([Point(100, 100)], index=["shop"], crs="EPSG:31370")
>>> row = net.nearest(home, shop).loc["home"]
>>> row["nearest_id"], float(row["network_m"]), round(float(row["minutes"]), 2)
('shop', 160.0, 2.0)
"""

from __future__ import annotations

# names outside ``__all__`` that other modules, tests and benchmarks import from here are
# re-exported with ``as`` (explicit re-exports)
from wijkanalyse.network._checks import _xy as _xy
from wijkanalyse.network._routes import _street_lines as _street_lines
from wijkanalyse.network.crowflies import DEFAULT_DETOUR_FACTOR, CrowFlies
from wijkanalyse.network.detour import DetourCalibration, calibrate_detour
from wijkanalyse.network.lines import Contribution, combine
from wijkanalyse.network.model import DistanceModel
from wijkanalyse.network.profiles import (
    BIKE,
    DEFAULT_SPEED_SPREAD,
    GROUP_SPEED_RANGES_KMH,
    GROUP_SPEEDS_KMH,
    PROFILES,
    WALK,
    TravelProfile,
    group_speed,
    speed_range,
    travel_profile,
)
from wijkanalyse.network.results import METHOD_NETWORK as METHOD_NETWORK
from wijkanalyse.network.results import NetworkReport, ODMatrix
from wijkanalyse.network.results import check_not_shorter as check_not_shorter
from wijkanalyse.network.results import euclidean_method as euclidean_method
from wijkanalyse.network.street import DEFAULT_MAX_SNAP_M, StreetNetwork

__all__ = [
    "BIKE",
    "DEFAULT_DETOUR_FACTOR",
    "DEFAULT_MAX_SNAP_M",
    "DEFAULT_SPEED_SPREAD",
    "GROUP_SPEEDS_KMH",
    "GROUP_SPEED_RANGES_KMH",
    "PROFILES",
    "WALK",
    "Contribution",
    "CrowFlies",
    "DetourCalibration",
    "DistanceModel",
    "NetworkReport",
    "ODMatrix",
    "StreetNetwork",
    "TravelProfile",
    "calibrate_detour",
    "combine",
    "group_speed",
    "speed_range",
    "travel_profile",
]
