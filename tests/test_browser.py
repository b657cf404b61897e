"""The generated map and reports in a real browser (headless Chromium).

Checks that the pages run without a single JavaScript error or failed request (they need no
internet), that the legend and the layer names are there, that popups show names as text,
and saves screenshots as test artifacts (``test-artifacts/``, or
``$WIJKANALYSE_ARTIFACTS``). ``scripts/setup.sh --dev`` installs Debian's chromium; CI sets
``WIJKANALYSE_REQUIRE_BROWSER=1``, so there a missing browser fails instead of skipping.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, XSS_FACILITY, XSS_WIJK, Hostile

from wijkanalyse import report
from wijkanalyse.study import RunResult

pytestmark = pytest.mark.integration

ARTIFACTS = Path(os.environ.get("WIJKANALYSE_ARTIFACTS", ROOT / "test-artifacts"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found is None:
        if os.environ.get("WIJKANALYSE_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here but not installed (bash scripts/setup.sh --dev)")
        pytest.skip("no chromium on this machine (bash scripts/setup.sh --dev)")
    return found


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    exe = _chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=exe, args=FLAGS, headless=True
        )
        yield ctx
        ctx.close()


class _Page:
    """A page with every JavaScript error, console error, failed request and dialog."""

    def __init__(self, ctx: Any, url: str, size: tuple[int, int] = (1200, 900)) -> None:
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page = ctx.new_page()
        self.page.set_viewport_size({"width": size[0], "height": size[1]})
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        self.page.on(
            "console",
            lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None,
        )
        self.page.on("requestfailed", lambda r: self.problems.append(f"request: {r.url[:80]}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def test_map_in_chromium(browser: Any, leuven_run: RunResult) -> None:
    url = (leuven_run.out / "maps" / "overzicht.html").as_uri()
    p = _Page(browser, url)
    page = p.page
    page.wait_for_selector(".leaflet-control-layers")
    # the layer control opens as a button, not as a panel over the map; hovering opens it
    assert page.locator(".leaflet-control-layers-expanded").count() == 0
    page.locator(".leaflet-control-layers").hover()
    page.wait_for_selector(".leaflet-control-layers-expanded")
    layers = page.inner_text(".leaflet-control-layers")
    for name in (
        "behoefte-index",
        "achtergrond",
        "buurtcentrum",
        "lokaal dienstencentrum",
        "lokaal dienstencentrum: bereik 10 min",
        "tekorten (niet binnen bereik)",
        "beleidsgebieden",
        "voorgestelde locaties",
        "apotheek",
    ):
        assert name in layers, name
    legend = page.inner_text(".wijkanalyse-legend")
    assert "behoefte-index" in legend
    assert "geen gegevens" in legend
    # the 3 open buurtcentra (B; Blauwput's is only planned), LDCs (LDC) and the three
    # proposed sites are on the map
    icons = page.locator(".leaflet-marker-icon").all_inner_texts()
    assert icons.count("B") == 3
    assert icons.count("LDC") >= 3
    assert {"1", "2", "3"} <= set(icons)
    page.mouse.move(600, 450)  # away from the layer control: it folds again
    # a legend for the symbols and lines too, not only for the wijk colours
    symbols = page.inner_text(".wijkanalyse-symbols")
    for name in ("beleidsgebied", "voorgestelde locatie", "spoorweg", "waterloop", "straten"):
        assert name in symbols, name
    layout = page.evaluate(_LAYOUT)
    assert layout["areas"] == 4
    assert layout["sites"] >= 3
    assert layout["legend_hits"] == [], "a legend covers a policy area, a site or a label"
    assert layout["label_overlaps"] == [], "an area label covers another or a site"
    assert sorted(layout["labels"]) == ["Blauwput", "Hoogland", "Wijgmaal", "Wilsele Dorp"]
    # click an LDC marker a user can reach (one may lie under a legend or a label)
    ldc = page.locator(".leaflet-marker-icon", has_text="LDC")
    reachable = [
        i
        for i in range(ldc.count())
        if ldc.nth(i).evaluate(
            "e => { const r = e.getBoundingClientRect();"
            " return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"
        )
    ]
    assert reachable, "every LDC marker lies under another element (the layer control?)"
    ldc.nth(reachable[0]).click()
    popup = page.wait_for_selector(".leaflet-popup-content")
    assert "lokaal dienstencentrum" in popup.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overzicht-kaart.png"))
    assert p.problems == []
    assert p.dialogs == []


#: The on-screen boxes of the map's legends, policy areas (their outline's bounding box),
#: proposed sites (numbered markers) and area labels (permanent tooltips), and which meet.
_LAYOUT = """() => {
    const box = e => e.getBoundingClientRect();
    const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom
        && b.top < a.bottom;
    const legends = [...document.querySelectorAll('.wijkanalyse-legend')].map(box);
    // the map draws on a canvas: the areas' boxes come from Leaflet, not from the DOM
    const map = Object.values(window).find(v => v instanceof L.Map);
    const at = map.getContainer().getBoundingClientRect();
    const areas = [];
    map.eachLayer(l => {
        if (!(l.feature && l.getBounds && String(l.options.color).toUpperCase() === '#D55E00'))
            return;
        const b = l.getBounds();
        const a = map.latLngToContainerPoint(b.getNorthWest());
        const c = map.latLngToContainerPoint(b.getSouthEast());
        areas.push({left: at.left + a.x, top: at.top + a.y, right: at.left + c.x,
                    bottom: at.top + c.y});
    });
    const sites = [...document.querySelectorAll('.leaflet-marker-icon')]
        .filter(e => /^[0-9]+$/.test(e.innerText.trim())).map(box);
    const tips = [...document.querySelectorAll('.wijkanalyse-area-label')];
    const labels = tips.map(box);
    const legend_hits = [];
    legends.forEach((l, i) => [...areas, ...sites, ...labels].forEach((x, j) => {
        if (meet(l, x)) legend_hits.push([i, j]);
    }));
    const label_overlaps = [];
    labels.forEach((a, i) => [...labels, ...sites].forEach((b, j) => {
        if (i !== j && meet(a, b)) label_overlaps.push([i, j]);
    }));
    return {areas: areas.length, sites: sites.length, legend_hits, label_overlaps,
            labels: tips.map(t => t.innerText.trim())};
}"""


#: Opens every popup and every tooltip of the map (all layers switched on first) and returns
#: their text, and how many elements that a payload could have smuggled in they hold.
_OPEN_EVERYTHING = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const popups = [], tooltips = [];
    let smuggled = 0;
    const read = (sel) => {
        const els = document.querySelectorAll(sel);
        const el = els[els.length - 1];
        if (!el) return null;
        smuggled += el.querySelectorAll('script, img, iframe, object, svg, a').length;
        return el.textContent;
    };
    map.eachLayer(layer => {
        if (layer.getPopup && layer.getPopup()) {
            layer.openPopup();
            popups.push(read('.leaflet-popup-content'));
            layer.closePopup();
        }
        if (!(layer.getTooltip && layer.getTooltip())) return;
        if (layer.getLayers) {
            // a GeoJSON layer: one tooltip, filled per feature when the mouse enters it
            layer.eachLayer(child => {
                const at = child.getCenter ? child.getCenter() : child.getLatLng();
                child.fire('mouseover', {latlng: at}, true);
                tooltips.push(read('.leaflet-tooltip'));
                child.fire('mouseout', {latlng: at}, true);
            });
        } else {
            layer.openTooltip();
            tooltips.push(read('.leaflet-tooltip'));
            layer.closeTooltip();
        }
    });
    return {popups, tooltips, smuggled};
}"""


def test_hostile_names_stay_text_in_chromium(browser: Any, hostile: Hostile) -> None:
    """Every facility, wijk, sector, area, site and type name is a payload: all stay text."""
    p = _Page(browser, (hostile.out / "maps" / "overzicht.html").as_uri())
    page = p.page
    page.wait_for_selector(".leaflet-control-layers")
    page.locator(".leaflet-control-layers").hover()  # folded: it opens on hover
    page.wait_for_selector(".leaflet-control-layers-expanded")
    control = page.inner_text(".leaflet-control-layers")
    assert hostile.facility_type in control  # the type's layer, named literally
    assert all(g in control for g in hostile.groups.values())  # in the sites' layer names
    assert hostile.index_name in page.inner_text(".wijkanalyse-legend")
    # a real mouse over a marker a user can reach: its tooltip is the literal name
    markers = page.locator(".leaflet-marker-icon")
    reachable = [
        i
        for i in range(markers.count())
        if markers.nth(i).evaluate(
            "e => { const r = e.getBoundingClientRect();"
            " return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"
        )
    ]
    assert reachable
    markers.nth(reachable[0]).hover()
    # the hovered marker's tooltip (the policy areas' names are tooltips that stay open)
    tip = page.wait_for_selector(".leaflet-tooltip:not(.wijkanalyse-area-label)")
    hovered = (tip.text_content() if tip else None) or ""
    assert any(hovered.strip().startswith(n) for n in [*hostile.facilities.values(), "#"])
    # switch every layer on, then open every popup and every tooltip
    page.locator(".leaflet-control-layers").hover()
    page.wait_for_selector(".leaflet-control-layers-expanded")
    for box in page.locator("input.leaflet-control-layers-selector").all():
        if not box.is_checked():
            box.check()
    seen = page.evaluate(_OPEN_EVERYTHING)
    popups, tooltips = seen["popups"], seen["tooltips"]
    assert len(popups) >= len(hostile.facilities) + 1
    assert None not in popups
    assert None not in tooltips
    assert seen["smuggled"] == 0
    text = "\n".join(popups + tooltips)
    for name in hostile.facilities.values():  # in its popup and its tooltip
        assert any(name in t for t in popups), name
        assert any(name in t for t in tooltips), name
    assert any(hostile.facility_type in t for t in popups)
    for name in [*hostile.wijken.values(), *hostile.areas.values(), *hostile.sectors.values()]:
        assert any(name in t for t in tooltips), name
    assert sum(name in text for name in set(hostile.sites.values())) >= 2  # proposed sites
    assert XSS_FACILITY in text
    assert f"Casablanca {os.getcwd()}" not in page.content()  # the Jinja payload never ran
    p.page.wait_for_timeout(300)
    assert p.problems == []
    assert p.dialogs == []


def test_hostile_reports_show_the_literal_text_in_chromium(browser: Any, hostile: Hostile) -> None:
    area_page = f"gebied-{report._slug(hostile.area)}.html"
    expected = {
        "index.html": [hostile.municipality, hostile.index_name, *hostile.scenarios.values()],
        "wijk-240621.html": [XSS_WIJK, hostile.index_name, *hostile.groups.values()],
        area_page: [hostile.area, hostile.municipality],
    }
    for name, texts in expected.items():
        r = _Page(browser, (hostile.out / "report" / name).as_uri(), size=(1000, 1400))
        body = r.page.inner_text("body")
        for t in texts:
            assert " ".join(t.split()) in " ".join(body.split()), (name, t)
        assert r.page.locator("img[src='x'], script").count() == 0
        assert f"Casablanca {os.getcwd()}" not in r.page.content()
        r.page.wait_for_timeout(200)
        assert r.problems == [], name
        assert r.dialogs == [], name


def test_report_in_chromium(browser: Any, leuven_run: RunResult) -> None:
    for name in ("index.html", "wijk-240621.html", "gebied-hoogland.html"):
        p = _Page(browser, (leuven_run.out / "report" / name).as_uri(), size=(1000, 1400))
        page = p.page
        # every inline image (map and charts) decoded
        sizes = page.evaluate("() => [...document.images].map(i => i.naturalWidth)")
        assert sizes, name
        assert all(w > 0 for w in sizes), (name, sizes)
        assert "Herkomst van de gegevens" in page.inner_text("#herkomst")
        page.screenshot(path=str(ARTIFACTS / name.replace(".html", ".png")), full_page=False)
        assert p.problems == [], name
        assert p.dialogs == [], name
