"""Names of sites: the nearest named street, else the nearest stop, by hand."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from wijkanalyse import DataError
from wijkanalyse.locate.names import name_sites, site_label

CRS = "EPSG:31370"


def _layers() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    sites = gpd.GeoDataFrame(
        geometry=[Point(0, 40), Point(1000, 0), Point(5000, 5000), Point(0, -40)],
        index=["node:1", "node:2", "node:3", "sector:x"],
        crs=CRS,
    )
    streets = gpd.GeoDataFrame(
        {"name": ["Tiensestraat", None, "Naamsestraat"]},
        geometry=[
            LineString([(-100, 0), (100, 0)]),  # 40 m from sites 1 and 4
            LineString([(990, -50), (990, 50)]),  # unnamed, 10 m from site 2
            LineString([(-100, 100), (100, 100)]),  # 60 m from site 1, 140 m from site 4
        ],
        crs=CRS,
    )
    stops = gpd.GeoDataFrame(
        {
            "name": ["Leuven Jan Stasstraat", "Heverlee Kerk", "Leuven"],
            "type": ["bus_stop", "bench", "bus_stop"],
        },
        geometry=[Point(1200, 0), Point(1000, 10), Point(1000, 290)],
        crs=CRS,
    )
    return sites, streets, stops


def test_nearest_named_street_then_stop() -> None:
    sites, streets, stops = _layers()
    got = name_sites(sites, streets=streets, stops=stops)
    assert got.loc["node:1", "near"] == "Tiensestraat"
    assert got.loc["node:1", "near_m"] == pytest.approx(40.0)
    assert got.loc["sector:x", "near"] == "Tiensestraat"
    # the unnamed street does not count; the bench is no stop; the stop at 200 m wins over
    # the one at 290 m, and its place ("Leuven") is left out
    assert got.loc["node:2", "near"] == "Jan Stasstraat"
    assert got.loc["node:2", "near_kind"] == "stop"
    assert got.loc["node:2", "near_m"] == pytest.approx(200.0)
    # nothing within reach
    assert got["near"].isna()["node:3"]
    # a street farther than street_m does not name a site
    far = name_sites(sites, streets=streets, street_m=30.0)
    assert far["near"].isna().all()


def test_labels_in_both_languages() -> None:
    assert site_label("Tiensestraat", "street", "Sint-Maartensdal") == (
        "nabij Tiensestraat (Sint-Maartensdal)"
    )
    assert site_label("Jan Stasstraat", "stop", "Centrum", "en") == (
        "near the Jan Stasstraat stop (Centrum)"
    )
    assert site_label(None, None, "Wijgmaal") == "in Wijgmaal"
    assert site_label(None, None, None, "en") == "unnamed site"


def test_bad_layers() -> None:
    sites, streets, _ = _layers()
    with pytest.raises(DataError, match="no 'name' column"):
        name_sites(sites, streets=streets.drop(columns="name"))
    with pytest.raises(DataError, match="projected CRS"):
        name_sites(sites.to_crs("EPSG:4326"), streets=streets)
