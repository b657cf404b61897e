"""Bad input, family "text": names and labels that look like code stay text in every output.

Each case is a payload × the place it enters, with the exact text a reader sees there.

Payload families (``conftest.PAYLOADS``):

* Jinja expressions, statements and comments: ``{{ lipsum.__globals__.os.getcwd() }}``
  (runs Python when a template engine sees it), ``{{7*7}}`` (shows 49), ``{% raw %}``,
  ``{% endraw %}`` and ``{# x`` (made the run crash with ``TemplateSyntaxError``);
* JavaScript template literals and strings: ``${alert(document.domain)}``, a backtick,
  ``'); alert(1); //``, ``x"); alert(1); //``, U+2028, a trailing backslash;
* HTML: ``</script><script>alert(1)</script>``, ``"><img src=x onerror=alert(1)>``;
* matplotlib mathtext: ``$x^2$`` (drawn as a formula), ``$\\frac{$`` (raised while
  drawing), a single ``$``;
* rich console markup and emoji codes: ``[bold]x[/]``, ``[/]`` (``MarkupError``),
  ``:warning:``.

Where they enter, and what is checked (exactly):

* interactive map (folium): facility name (popup and tooltip), facility type (layer name,
  popup), wijk name and area name (GeoJSON tooltips), sector name (circle tooltip), site
  name and plan (site tooltip, layer name), map title (legend). The page is read the way
  the browser reads it: JavaScript template literals are evaluated (an interpolation or a
  stray backtick fails the test), JSON is parsed, HTML is reduced to its text; the result
  must be the payload itself. The whole page also never holds the rendered result of a
  Jinja payload (the working directory, ``x49y``).
* printed maps and charts (matplotlib): static map title and wijk label, coverage-curve
  question, scenario name and target-group label, rank-chart wijk name; the figure is
  saved as SVG with text kept as text and the drawn strings are compared.
* console (rich): a run summary line and an error message.

The Leuven run with every name a payload (maps, HTML reports, PDFs, browser) is tested in
``test_report.py`` and ``test_browser.py`` (fixture ``hostile``).
"""

from __future__ import annotations

import io
import json
import os
import re
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree

import geopandas as gpd
import pandas as pd
import pytest
import typer
from conftest import PAYLOADS
from shapely.geometry import Point, box

from wijkanalyse import _i18n, charts, cli, maps

CRS = "EPSG:31370"

#: The payloads that matter for matplotlib (dollars, backslashes), plus two others.
MPL_PAYLOADS = [p for p in PAYLOADS if "$" in p or "\\" in p] + [PAYLOADS[0], PAYLOADS[8]]


# --------------------------------------------------------------------------- reading a page


class _Text(HTMLParser):
    """The text chunks of an HTML fragment, as ``textContent`` has them (tags split them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.chunks.append(data.strip())


def _shown(fragment: str) -> list[str]:
    """What a browser shows of an HTML fragment: its text chunks."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return parser.chunks


def _template_literals(page: str, opener: str) -> list[str]:
    """Evaluate every JavaScript template literal that follows ``opener`` in the page.

    Fails when a literal would interpolate (``${``) or when it is not closed where the
    statement ends (a payload's backtick closed it early).
    """
    values = []
    for m in re.finditer(re.escape(opener) + r"\s*`", page):
        i, out = m.end(), []
        while page[i] != "`":
            if page[i] == "\\":
                out.append(page[i + 1])
                i += 2
                continue
            assert page[i : i + 2] != "${", (
                f"interpolation in a template literal: {page[i : i + 40]!r}"
            )
            out.append(page[i])
            i += 1
        after = page[i + 1 : i + 40].lstrip()
        assert after.startswith((")", ",")), f"template literal closed early: {after!r}"
        values.append("".join(out))
    return values


def _geojson_names(page: str) -> list[str]:
    """The ``naam`` of every GeoJSON feature, as the tooltip (``innerHTML``) shows it."""
    names = []
    for data in re.findall(r"_add\((\{\"bbox\".*?\})\);\n", page):
        for feature in json.loads(data)["features"]:
            if "naam" in feature["properties"]:
                names.append(" ".join(_shown(feature["properties"]["naam"])))
    return names


def _layer_names(page: str) -> list[str]:
    """The overlay names of the layer control (Leaflet writes them with ``innerHTML``)."""
    block = re.search(r"overlays\s*:\s*\{(.*?)\},\s*\}", page, re.S)
    assert block is not None
    return [
        " ".join(_shown(json.loads(k)))
        for k in re.findall(r"(\"(?:[^\"\\]|\\.)*\")\s*:", block.group(1))
    ]


def _page(**layers: Any) -> str:
    page = maps.interactive_map(**layers).get_root().render()
    assert f"Casablanca {os.getcwd()}" not in page  # "{{ lipsum…os.getcwd() }}" never ran
    assert "x49y" not in page  # "x{{7*7}}y" never ran (x and y: not in the hex ids of folium)
    return page


def _facilities(name: str = "Buurthuis", ftype: str = "buurtcentrum") -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": [name, "x{{7*7}}y"], "type": [ftype, ftype]},
        geometry=[Point(170_500, 170_500), Point(170_900, 170_900)],
        index=["f1", "f2"],
        crs=CRS,
    )


def _wijken(name: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"wijk_name": [name, "x{{7*7}}y"], "share": [0.1, 0.2]},
        geometry=[box(170_000, 170_000, 171_000, 171_000), box(170_000, 171_000, 171_000, 172_000)],
        index=pd.Index(["W1", "W2"], name="wijk"),
        crs=CRS,
    )


# --------------------------------------------------------------------------- interactive map


@pytest.mark.parametrize("payload", PAYLOADS)
def test_facility_name_in_popup_and_tooltip(payload: str) -> None:
    page = _page(facilities=_facilities(payload))
    popups = [_shown(v) for v in _template_literals(page, "$(")]
    assert [payload, "buurtcentrum", "f1"] in popups
    tooltips = [_shown(v) for v in _template_literals(page, "bindTooltip(")]
    assert [f"{payload} (buurtcentrum)"] in tooltips


@pytest.mark.parametrize("payload", PAYLOADS)
def test_facility_type_as_layer_and_in_popup(payload: str) -> None:
    page = _page(facilities=_facilities(ftype=payload))
    assert _layer_names(page) == [payload]
    popups = [_shown(v) for v in _template_literals(page, "$(")]
    assert ["Buurthuis", payload, "f1"] in popups
    # the marker's letter: the type's first character, as text
    icon = re.search(r"L\.divIcon\(\{\s*\"html\": (\"(?:[^\"\\]|\\.)*\")", page)
    assert icon is not None
    assert _shown(json.loads(icon.group(1))) == [payload[:1].upper()]
    assert f"width:{12 + 7 * len(payload[:1].upper())}px" in json.loads(icon.group(1))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_wijk_name_in_tooltip(payload: str) -> None:
    page = _page(wijken=_wijken(payload), value="share")
    assert _geojson_names(page) == [payload, "x{{7*7}}y"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_area_name_in_tooltip(payload: str) -> None:
    areas = _wijken("x").set_axis([payload, "x{{7*7}}y"])
    page = _page(areas=areas)
    # each area's name is a tooltip that stays open
    tooltips = [_shown(v) for v in _template_literals(page, "bindTooltip(")]
    assert tooltips == [[payload], ["x{{7*7}}y"]]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sector_name_in_tooltip(payload: str) -> None:
    sectors = gpd.GeoDataFrame(
        {"name": [payload], "pop_65plus": [12]},
        geometry=[Point(170_500, 170_500)],
        index=["24062A00-"],
        crs=CRS,
    )
    page = _page(sectors=sectors, sector_value="pop_65plus", sector_title="x{{7*7}}y")
    tooltips = [_shown(v) for v in _template_literals(page, "bindTooltip(")]
    assert tooltips == [[f"{payload} (24062A00-): 12"]]
    assert _layer_names(page) == ["x{{7*7}}y"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_site_name_and_plan(payload: str) -> None:
    sites = gpd.GeoDataFrame(
        {"name": [payload], "rank": [1], "plan": [f"plan {payload}"]},
        geometry=[Point(170_500, 170_500)],
        index=["node:1"],
        crs=CRS,
    )
    page = _page(sites=sites)
    tooltips = [_shown(v) for v in _template_literals(page, "bindTooltip(")]
    assert tooltips == [[f"#1 {payload}", f"plan {payload}"]]
    popups = [_shown(v) for v in _template_literals(page, "$(")]
    assert popups == [[f"#1 {payload}", f"plan {payload}", "node:1"]]
    assert _layer_names(page) == [f"voorgestelde locaties: plan {payload}"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_map_title_and_unit_in_legend(payload: str) -> None:
    page = _page(wijken=_wijken("Noord"), value="share", title=payload, unit="x{{7*7}}y")
    legend = re.search(r"<div class=\"wijkanalyse-legend\".*?</div></div>", page, re.S)
    assert legend is not None
    assert _shown(legend.group(0))[0] == f"{payload} (x{{{{7*7}}}}y)"
    assert _layer_names(page) == [payload]


# --------------------------------------------------------------------------- matplotlib


def _drawn(fig: Any) -> list[str]:
    """Every string the figure draws, from an SVG that keeps text as text."""
    import matplotlib

    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg")  # an invalid formula would raise here
    root = ElementTree.fromstring(buf.getvalue())
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.parametrize("payload", MPL_PAYLOADS)
def test_static_map_title_and_wijk_label(payload: str) -> None:
    fig = maps.static_map(
        wijken=_wijken(payload),
        value="share",
        title=f"titel {payload}",
        facilities=_facilities(ftype=f"type {payload}"),
        attribution=f"Bron: {payload}",
    )
    drawn = _drawn(fig)
    assert f"titel {payload}" in drawn
    assert payload in drawn  # the wijk's label
    assert f"type {payload}" in drawn  # the legend
    assert f"Bron: {payload}" in drawn  # the source line


@pytest.mark.parametrize("payload", MPL_PAYLOADS)
def test_coverage_curve_question(payload: str) -> None:
    curves = pd.DataFrame(
        {
            "question": [payload, payload],
            "p": [0, 1],
            "exact_share": [0.1, 0.3],
            "greedy_share": [0.1, 0.25],
        }
    )
    drawn = _drawn(charts.coverage_curve_chart(curves, title=payload))
    assert f"{payload}: exact" in drawn
    assert f"{payload}: één voor één" in drawn
    assert payload in drawn  # the title


@pytest.mark.parametrize("payload", MPL_PAYLOADS)
def test_scenario_name_and_group_label(payload: str) -> None:
    scenarios = pd.DataFrame(
        {
            "scenario": [payload],
            "target_group": [f"groep {payload}"],
            "threshold_minutes": [10.0],
            "share_covered_before": [0.2],
            "share_covered_after": [0.4],
        }
    )
    drawn = _drawn(charts.scenario_chart(scenarios))
    # the tick label has two lines: the scenario, then the group and the time
    assert payload in drawn
    assert f"groep {payload}, 10 min" in drawn


@pytest.mark.parametrize("payload", MPL_PAYLOADS)
def test_rank_chart_wijk_name(payload: str) -> None:
    index = pd.DataFrame(
        {"name": [payload, "Noord"], "rank": [1, 2], "rank_p05": [1, 1], "rank_p95": [2, 2]},
        index=["W1", "W2"],
    )
    assert payload in _drawn(charts.rank_chart(index, highlight=["W1"]))


# --------------------------------------------------------------------------- console


@pytest.mark.parametrize("payload", PAYLOADS)
def test_summary_line_in_the_console(payload: str, capsys: pytest.CaptureFixture[str]) -> None:
    cli._print_summary([f"wijkanalyse: {payload}", f"Wijk {payload}: 3 buurtcentra"], "0 s")
    assert capsys.readouterr().out == (
        f"wijkanalyse: {payload}\n  Wijk {payload}: 3 buurtcentra\n  0 s\n"
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_error_message_in_the_console(payload: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit):
        cli._fail_text(f"register 'x.csv': row 3 {payload!r} has no type.")
    assert capsys.readouterr().err == (
        f"{_i18n.text('error')}: register 'x.csv': row 3 {payload!r} has no type.\n"
    )
