"""The study's base layer for its maps (:func:`wijkanalyse.maps.base.base_layer`)."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import shapely

from wijkanalyse import io
from wijkanalyse.maps.base import MARGIN_M, base_layer
from wijkanalyse.network import StreetNetwork

#: The catalogue datasets of the base layer, by the name :func:`base_layer` gives them.
SOURCES = {
    "railways": "osm2015_railways",
    "waterways": "osm2015_waterways",
    "municipalities": "pinc_gemeenten_2024",
}


def study_basemap(
    enabled: bool, boundary: Any, crs: Any, network: Any, own: tuple[str, ...]
) -> tuple[gpd.GeoDataFrame | None, list[str]]:
    """Return the base layer of a study and the catalogue ids of the datasets drawn in it.

    The streets are the study's network (when it has one); the railways, waterways and
    municipalities come from the catalogue (the railways and waterways cover arrondissement
    Leuven: elsewhere they are simply absent, and not credited).
    """
    if not enabled:
        return None, []

    x0, y0, x1, y1 = boundary.bounds
    near = shapely.box(x0 - MARGIN_M, y0 - MARGIN_M, x1 + MARGIN_M, y1 + MARGIN_M)

    def lines(key: str) -> gpd.GeoDataFrame:
        return io.read_street_lines(SOURCES[key], within=near)

    streets = network.edges() if isinstance(network, StreetNetwork) else None
    frame, found = base_layer(
        boundary,
        crs,
        streets=streets,
        railways=lines("railways"),
        waterways=lines("waterways"),
        municipalities=io.read_areas(SOURCES["municipalities"], level="gemeente"),
        own=own,
    )
    used = [SOURCES[k] for k in found if k in SOURCES]
    return (frame if len(frame) else None), used
