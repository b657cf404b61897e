"""Interactive maps: classification by hand, escaping, legend and layers."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from wijkanalyse import DataError, SchemaError, maps

CRS = "EPSG:31370"


def wijken() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"wijk_name": ["Noord", "Midden", "Zuid", "Leeg"], "share": [0.1, 0.2, 0.4, None]},
        geometry=[box(0, i * 1000, 1000, (i + 1) * 1000) for i in range(4)],
        index=pd.Index(["W1", "W2", "W3", "W4"], name="wijk"),
        crs=CRS,
    ).assign(geometry=lambda f: f.geometry.translate(170_000, 170_000))


def test_classify_by_hand() -> None:
    v = pd.Series([1.0, 2.0, 3.0, 4.0, None])
    cls, upper = maps.classify(v, scheme="fixed", bins=[2, 4])
    # classes are closed on the upper bound: ≤ 2, (2, 4]
    assert cls.tolist()[:4] == [0, 0, 1, 1]
    assert pd.isna(cls.iloc[4])
    assert upper == [2.0, 4.0]
    q, _ = maps.classify(v, scheme="quantiles", k=2)
    assert q.tolist()[:4] == [0, 0, 1, 1]
    with pytest.raises(DataError, match="scheme='fixed' needs bins"):
        maps.classify(v, scheme="fixed")
    with pytest.raises(DataError, match="k must lie between 1 and 7"):
        maps.classify(v, k=9)


def test_names_are_text_never_markup() -> None:
    fac = gpd.GeoDataFrame(
        {
            "name": ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'],
            "type": ["buurtcentrum", "lokaal_dienstencentrum"],
        },
        geometry=[Point(170_500, 170_500), Point(170_500, 171_500)],
        index=["f1", "<b>f2</b>"],
        crs=CRS,
    )
    w = wijken()
    w.loc["W1", "wijk_name"] = "<script>alert(2)</script>"
    sites = fac.assign(rank=[1, 2])
    areas = w.iloc[:1].set_axis(["<i>Hoogland</i>"])
    html = (
        maps.interactive_map(wijken=w, value="share", facilities=fac, sites=sites, areas=areas)
        .get_root()
        .render()
    )
    for raw in ("<script>alert(1)", "<script>alert(2)", "<img src=x", "<b>f2</b>", "<i>Hoogland"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_legend_layers_and_missing_values() -> None:
    fac = gpd.GeoDataFrame(
        {"name": ["A"], "type": ["buurtcentrum"]},
        geometry=[Point(170_500, 170_500)],
        index=["f1"],
        crs=CRS,
    )
    m = maps.interactive_map(
        wijken=wijken(),
        value="share",
        title="aandeel 65-plussers",
        unit="fractie",
        scheme="fixed",
        bins=[0.15, 0.3],
        facilities=fac,
    )
    html = m.get_root().render()
    assert "wijkanalyse-legend" in html
    assert "aandeel 65-plussers (fractie)" in html
    # class bounds: min – 0.15, 0.15 – 0.3, 0.3 – max, in Dutch number format
    assert "0,10 – 0,15" in html
    assert "0,15 – 0,30" in html
    assert "0,30 – 0,40" in html
    assert "geen gegevens" in html  # W4 has no value: grey, never 0
    assert "buurtcentrum" in html
    assert "openstreetmap" not in html.lower()  # offline by default: no tiles
    online = maps.interactive_map(facilities=fac, tiles=True).get_root().render()
    assert "OpenStreetMap-bijdragers" in online


def test_map_errors() -> None:
    with pytest.raises(DataError, match="give at least one layer"):
        maps.interactive_map()
    with pytest.raises(SchemaError, match="wijken have no column 'x'"):
        maps.interactive_map(wijken=wijken(), value="x")
    with pytest.raises(DataError, match="palette must be one of"):
        maps.interactive_map(wijken=wijken(), value="share", palette="jet")
    with pytest.raises(DataError, match="has no CRS"):
        maps.interactive_map(wijken=wijken().set_crs(None, allow_override=True), value="share")
