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


def test_interactive_map_needs_no_internet() -> None:
    fac = gpd.GeoDataFrame(
        {"name": ["A"], "type": ["buurtcentrum"]},
        geometry=[Point(170_500, 170_500)],
        index=["f1"],
        crs=CRS,
    )
    html = maps.interactive_map(wijken=wijken(), value="share", facilities=fac).get_root().render()
    # Leaflet is inlined from the installed package: no script or stylesheet from a CDN
    assert '<script src="http' not in html
    assert 'href="http' not in html
    assert "data:text/javascript;base64," in html
    # popups are built without jQuery: the stand-in parses the escaped popup HTML
    assert "window.$ = window.$ ||" in html


def test_service_areas_gaps_and_shown_types() -> None:
    fac = gpd.GeoDataFrame(
        {"name": ["A", "B"], "type": ["buurtcentrum", "pharmacy"]},
        geometry=[Point(170_500, 170_500), Point(170_600, 170_600)],
        index=["f1", "f2"],
        crs=CRS,
    )
    reach = gpd.GeoDataFrame(
        {"facility_id": ["f1"], "type": ["buurtcentrum"], "minutes": [10.0]},
        geometry=[Point(170_500, 170_500).buffer(500)],
        crs=CRS,
    )
    gaps = gpd.GeoDataFrame(
        {"name": ["Noord", "Zuid"], "pop_affected": [120.0, 0.0]},
        geometry=[Point(170_500, 170_800), Point(170_500, 172_500)],
        index=["S1", "S2"],
        crs=CRS,
    )
    m = maps.interactive_map(
        facilities=fac, service_areas=reach, gaps=gaps, shown_types=["buurtcentrum"]
    )
    html = m.get_root().render()
    assert "buurtcentrum: bereik 10 min" in html
    assert "tekorten (niet binnen bereik)" in html
    assert "Noord: 120 niet binnen bereik" in html
    assert "Zuid:" not in html  # nobody uncovered: no ring
    # the pharmacy layer exists but starts switched off
    groups = [c for c in m._children.values() if type(c).__name__ == "FeatureGroup"]
    shown = {g.layer_name: g.show for g in groups}
    assert shown["buurtcentrum"] is True
    assert shown["apotheek"] is False
    with pytest.raises(DataError, match="gap_value 'pop_affected' must be non-negative"):
        maps.interactive_map(gaps=gaps.assign(pop_affected=[-1.0, 0.0]))


def test_without_wijk_outlines_the_sectors_and_every_type_show() -> None:
    # a municipality without wijk outlines: an empty wijk layer, sector points, a hospital
    sectors = gpd.GeoDataFrame(
        {"name": ["a", "b"], "pop_65plus": [10, 20]},
        geometry=[Point(170_500, 170_500), Point(171_500, 170_500)],
        index=["S1", "S2"],
        crs=CRS,
    )
    fac = gpd.GeoDataFrame(
        {"name": ["AZ"], "type": ["hospital"]},
        geometry=[Point(171_000, 170_600)],
        index=["h1"],
        crs=CRS,
    )
    empty = wijken().iloc[:0]
    m = maps.interactive_map(
        wijken=empty,
        value="share",
        sectors=sectors,
        sector_value="pop_65plus",
        sector_title="65-plussers",
        facilities=fac,
        shown_types=["buurtcentrum", "lokaal_dienstencentrum"],
    )
    groups = [c for c in m._children.values() if type(c).__name__ == "FeatureGroup"]
    shown = {g.layer_name: g.show for g in groups}
    assert shown == {"65-plussers": True, "ziekenhuis": True}
    # with wijken the sectors start switched off, and so do types not asked for
    m = maps.interactive_map(
        wijken=wijken(),
        value="share",
        sectors=sectors,
        sector_value="pop_65plus",
        sector_title="65-plussers",
        facilities=pd.concat([fac, fac.assign(type="buurtcentrum").set_axis(["b1"])]),
        shown_types=["buurtcentrum"],
    )
    groups = [c for c in m._children.values() if type(c).__name__ == "FeatureGroup"]
    shown = {g.layer_name: g.show for g in groups}
    assert shown["65-plussers"] is False
    assert shown["ziekenhuis"] is False
    assert shown["buurtcentrum"] is True


def test_thousands_of_gap_rings_start_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maps.interactive, "MAX_SHOWN_RINGS", 2)
    gaps = gpd.GeoDataFrame(
        {"name": ["a", "b", "c"], "pop_affected": [5.0, 6.0, 0.0]},
        geometry=[Point(170_500 + 100 * i, 170_800) for i in range(3)],
        index=["S1", "S2", "S3"],
        crs=CRS,
    )

    def shown(frame: gpd.GeoDataFrame) -> bool:
        m = maps.interactive_map(gaps=frame)
        groups = [c for c in m._children.values() if type(c).__name__ == "FeatureGroup"]
        return {g.layer_name: g.show for g in groups}["tekorten (niet binnen bereik)"]

    assert shown(gaps) is True  # two rings (the third has nobody uncovered)
    assert shown(gaps.assign(pop_affected=[5.0, 6.0, 7.0])) is False


def test_nice_scale_bar_lengths() -> None:
    # about a fifth of the map width, rounded down to 1, 2 or 5 × 10ⁿ metres
    assert maps._nice_length(10_000) == 2000
    assert maps._nice_length(4_000) == 500
    assert maps._nice_length(26_000) == 5000
    assert maps._nice_length(800) == 100
    assert maps._distance_label(2000, "nl") == "2 km"
    assert maps._distance_label(1500, "nl") == "1,5 km"
    assert maps._distance_label(500, "nl") == "500 m"


def test_labels_never_overlap() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    fig = Figure(figsize=(3, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    # twelve labels crowded around one spot, and two far apart
    pts = [(50 + i % 3, 50 + i // 3, f"Wijk nummer {i}") for i in range(12)]
    pts += [(10, 10, "Zuidwest"), (90, 90, "Noordoost")]
    placed, dropped = maps.place_labels(ax, pts, fontsize=7)
    renderer = fig.canvas.get_renderer()
    # the texts' own boxes (an annotation's extent includes its leader line)
    boxes = [Text.get_window_extent(a, renderer) for a in placed]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    assert len(placed) + len(dropped) == len(pts)
    assert dropped  # not all twelve fit in a 3-inch map
    texts = {a.get_text() for a in placed}
    assert {"Zuidwest", "Noordoost"} <= texts
    # a label at its own point has no leader line; a displaced one has
    by_text = {a.get_text(): a for a in placed}
    assert by_text["Zuidwest"].arrow_patch is None


def test_static_map_layers_legend_and_files(tmp_path) -> None:
    fac = gpd.GeoDataFrame(
        {"name": ["A"], "type": ["buurtcentrum"]},
        geometry=[Point(170_500, 170_500)],
        index=["f1"],
        crs=CRS,
    )
    sites = gpd.GeoDataFrame(
        {"name": ["nieuw"], "rank": [1]}, geometry=[Point(170_500, 172_500)], crs=CRS
    )
    fig = maps.static_map(
        wijken=wijken(),
        value="share",
        title="aandeel 65-plussers",
        unit="fractie",
        scheme="fixed",
        bins=[0.15, 0.3],
        facilities=fac,
        sites=sites,
        attribution="Bron: Statbel (open data)",
    )
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "0,10 – 0,15",
        "0,15 – 0,30",
        "0,30 – 0,40",
        "geen gegevens",
        "buurtcentrum",
        "voorgestelde locatie",
    ]
    texts = [t.get_text() for t in fig.texts] + [t.get_text() for t in ax.texts]
    assert "N" in texts  # north arrow
    assert "1" in texts  # the site's rank
    # every wijk is labelled, or named under the map when its label found no free spot
    # (here the legend covers the top wijk)
    (foot,) = fig.texts
    assert foot.get_text().startswith("Bron: Statbel (open data)")
    unlabelled = fig.wijkanalyse_unlabelled
    labels = {t for t in texts if t in {"Noord", "Midden", "Zuid", "Leeg"}}
    assert labels | set(unlabelled) == {"Noord", "Midden", "Zuid", "Leeg"}
    assert not labels & set(unlabelled)
    if unlabelled:
        assert f"niet gelabeld: {', '.join(unlabelled)}" in foot.get_text()
    # scale bar: the map is 1 000 m + 2 × 200 m padding wide, a fifth of that rounds to 200 m
    assert "200 m" in {t.get_text() for t in _all_texts(ax)}
    for suffix, magic in (("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")):
        path = maps.save_figure(fig, tmp_path / f"kaart.{suffix}", dpi=50)
        assert path.read_bytes().startswith(magic)
    with pytest.raises(DataError, match="must end in .png, .svg or .pdf"):
        maps.save_figure(fig, tmp_path / "kaart.jpg")


def _all_texts(artist):
    from matplotlib.text import Text

    return artist.findobj(Text)


def test_static_map_refuses_degrees_and_mixed_crs() -> None:
    with pytest.raises(DataError, match=r"geographic CRS .*to_crs\(31370\)"):
        maps.static_map(wijken=wijken().to_crs(4326), value="share")
    fac = gpd.GeoDataFrame(
        {"name": ["A"], "type": ["buurtcentrum"]},
        geometry=[Point(4.7, 50.88)],
        crs=4326,
    ).to_crs(3812)
    with pytest.raises(DataError, match="different CRSs"):
        maps.static_map(wijken=wijken(), value="share", facilities=fac)
    fig = maps.static_map(wijken=wijken(), value="share", facilities=fac, crs=31370)
    assert fig.axes


def test_natural_breaks_by_hand() -> None:
    # two clear groups: Fisher-Jenks puts the break between them, exactly
    v = pd.Series([1.0, 1.1, 1.2, 9.0, 9.5, None])
    cls, upper = maps.classify(v, scheme="natural_breaks", k=2)
    assert cls.tolist()[:5] == [0, 0, 0, 1, 1]
    assert upper == [1.2, 9.5]


def test_sector_polygons_become_a_choropleth() -> None:
    # four sector polygons (two per wijk) with 10, 20, 30 and an unknown count
    sectors = gpd.GeoDataFrame(
        {"name": ["a", "b", "c", "d"], "pop_65plus": [10.0, 20.0, 30.0, None]},
        geometry=[box(170_000 + i * 250, 170_000, 170_250 + i * 250, 171_000) for i in range(4)],
        index=["S1", "S2", "S3", "S4"],
        crs=CRS,
    )
    html = (
        maps.interactive_map(
            sectors=sectors, sector_value="pop_65plus", sector_title="65-plussers per sector", k=3
        )
        .get_root()
        .render()
    )
    assert "65-plussers per sector" in html
    assert "wijkanalyse-legend" in html  # the sector classes get a legend
    assert "L.circleMarker(" not in html  # polygons, no proportional circles
    fig = maps.static_map(
        sectors=sectors, sector_value="pop_65plus", sector_title="65-plussers per sector", k=3
    )
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    # terciles of 10, 20, 30 (linear interpolation: 10 + ⅔ × 10, 20 + ⅓ × 10); the
    # unknown sector is "geen gegevens", not 0
    assert legend == [
        "65-plussers per sector: 10,0 – 16,7",
        "65-plussers per sector: 16,7 – 23,3",
        "65-plussers per sector: 23,3 – 30,0",
        "65-plussers per sector: geen gegevens",
    ]


def _contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""

    def lum(h: str) -> float:
        r, g, b_ = (int(h[i : i + 2], 16) / 255 for i in (1, 3, 5))
        f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b_)

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("palette", sorted(maps.PALETTES))
def test_a_reach_outline_stands_out_on_every_wijk_colour(palette: str) -> None:
    # the dashed outline (the type's colour, darkened) or its white halo: one of the two
    # has at least 3:1 contrast (WCAG 2, graphics) with every class colour of the palette
    from wijkanalyse.maps._layers import _type_colour
    from wijkanalyse.maps._legend import _darker
    from wijkanalyse.maps.interactive import REACH_HALO

    classes = maps.PALETTES[palette]
    for ftype, colour in _type_colour(["buurtcentrum", "lokaal_dienstencentrum"]).items():
        for bg in classes:
            best = max(_contrast(_darker(colour), bg), _contrast(REACH_HALO, bg))
            assert best >= 3.0, (palette, ftype, bg, best)
