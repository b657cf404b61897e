"""Catalogue entries of the maps' base layer: railways and waterways (OSM 2015).

Data only. Drawn under every map (with the study's streets and the neighbouring
municipalities) so a reader finds the wijk: the Dijle, the Vaart, the railway lines.
"""

from __future__ import annotations

from typing import Any

from wijkanalyse._catalogue.core import _BMO_TREE, _OSM_ATTRIBUTION, _OSM_LICENCE

#: One dict of :class:`~wijkanalyse.datasets.Dataset` fields per catalogued file.
ENTRIES: list[dict[str, Any]] = [
    dict(
        id="osm2015_railways",
        title="OpenStreetMap railways and tram lines (Geofabrik, 2015-11-02), "
        "arrondissement Leuven",
        publisher="OpenStreetMap contributors, extracted by Geofabrik",
        licence=_OSM_LICENCE,
        attribution=_OSM_ATTRIBUTION,
        source_url=f"{_BMO_TREE}/data/BE_OSM_RAILWAYS.RData",
        derived="SpatialLinesDataFrame read with rdata and shapely, cut to arrondissement "
        "Leuven, written as GeoPackage",
        path="osm_geofabrik_2015_via_BelgiumMaps.OpenStreetMap/osm2015_railways_leuven_area.gpkg",
        format="gpkg",
        sha256="603185e2493f344ea2e82a56b09e4c8b2599036069cdf1b59cb51cc49cbc78f3",
        coverage="arrondissement Leuven",
        extent=("24000",),
        crs="EPSG:4326",
        layer="osm2015_railways",
        notes="A map's base layer; ten years old.",
    ),
    dict(
        id="osm2015_waterways",
        title="OpenStreetMap waterways (Geofabrik, 2015-11-02), arrondissement Leuven",
        publisher="OpenStreetMap contributors, extracted by Geofabrik",
        licence=_OSM_LICENCE,
        attribution=_OSM_ATTRIBUTION,
        source_url=f"{_BMO_TREE}/data/BE_OSM_WATERWAYS.RData",
        derived="SpatialLinesDataFrame read with rdata and shapely, cut to arrondissement "
        "Leuven, written as GeoPackage",
        path="osm_geofabrik_2015_via_BelgiumMaps.OpenStreetMap/osm2015_waterways_leuven_area.gpkg",
        format="gpkg",
        sha256="0276c730b0610ab4b0687e38241f9578d47bede88d08f424cd8e25e7a1cda25b",
        coverage="arrondissement Leuven",
        extent=("24000",),
        crs="EPSG:4326",
        layer="osm2015_waterways",
        notes="A map's base layer (rivers, canals, streams, ditches); ten years old.",
    ),
]
