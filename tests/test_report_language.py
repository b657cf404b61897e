"""Each report set speaks one language: no English in a Dutch page or summary, and back.

The Leuven run's 29 Dutch pages, its summary, and the same pages rendered in English are
read as a reader reads them (``report_language.visible_text``) after the study's own names
are taken out; a word list of each language catches the other. Also: the study parameters
are a labelled table, every report ends with the glossary, a wijk page is short and points
to the overview for the full account, and every image in the pages decodes.
"""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import copy_run
from report_language import foreign_words, visible_text, without_names

from wijkanalyse import report
from wijkanalyse.study import RunResult

pytestmark = pytest.mark.integration


def _names(out: Path) -> list[str]:
    """The words the study and its data give: wijk, sector, area, site and plan names."""
    names: list[str] = []
    for table, cols in (
        ("wijken.csv", ["wijk_name"]),
        ("sectors.csv", ["name", "deelgemeente_name"]),
        ("plans.csv", ["name", "question"]),
        ("scenarios.csv", ["scenario"]),
        ("areas.csv", ["area"]),
        ("facilities.csv", ["name"]),
        ("validation.csv", ["name"]),
    ):
        if (out / table).is_file():
            frame = pd.read_csv(out / table, dtype=str)
            names += [v for c in cols if c in frame for v in frame[c].dropna()]
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    names.append(prov["study"]["index"]["name"])
    return names


def _foreign(folder: Path, language: str, names: list[str]) -> dict[str, list[str]]:
    found = {}
    for page in sorted(folder.glob("*.html")):
        words = foreign_words(without_names(visible_text(page.read_text("utf-8")), names), language)
        if words:
            found[page.name] = words[:5]
    return found


def test_no_english_in_the_dutch_reports_or_summary(leuven_run: RunResult) -> None:
    out = leuven_run.out
    names = _names(out)
    assert len(list((out / "report").glob("*.html"))) == 29
    assert _foreign(out / "report", "nl", names) == {}
    summary = without_names("\n".join(leuven_run.summary), names)
    # file names, dataset ids and the study's own words are no sentence of either language
    summary = re.sub(r"\S*[_/.]\S*", " ", summary)
    assert foreign_words(summary, "nl") == []


def test_no_dutch_in_the_english_reports(leuven_run: RunResult, tmp_path: Path) -> None:
    out = copy_run(leuven_run.out, tmp_path / "out")
    report.render(out, language="en", pdf=False, units=["240621", "Hoogland"])
    assert _foreign(out / "report-en", "en", _names(out)) == {}
    # the trends in English: the city's signals and the wijk's trend chart
    index = (out / "report-en" / "index.html").read_text("utf-8")
    signals = index.split('<section id="signalen">', 1)[1].split("</section>", 1)[0]
    assert "<h2>Signals</h2>" in signals
    assert "Chance band (95 %)" in signals
    assert "not that its deprivation grew in absolute terms" in signals
    wijk = (out / "report-en" / "wijk-240621.html").read_text("utf-8")
    trend = wijk.split('<section id="evolutie">', 1)[1].split("</section>", 1)[0]
    assert "<h2>Trends</h2>" in trend
    assert "next to Leuven and Flanders" in trend
    assert "Residents: 2001 " in trend
    assert "chance band" in trend


def test_the_account_of_a_report(leuven_run: RunResult) -> None:
    index = (leuven_run.out / "report" / "index.html").read_text("utf-8")
    wijk = (leuven_run.out / "report" / "wijk-240621.html").read_text("utf-8")
    # the parameters as labelled rows, no dotted keys
    assert "<td>wandelsnelheid (km/u)</td><td>4,8</td>" in index
    assert "<td>gewogen naar behoefte</td>" in index
    assert "plan.questions" not in index
    assert "need_weighted" not in visible_text(index)
    # every report ends with the glossary; a wijk page points to the overview instead of
    # repeating checksums and parameters
    for page in (index, wijk):
        assert "Verklarende woordenlijst" in page
        assert "MCLP (maximale dekking)" in page
    assert "sha256" not in visible_text(wijk)
    assert "staat in het overzichtsrapport" in wijk
    # the sources in Dutch, the attribution as its publisher wrote it
    assert "Census 2021: bevolking per statistische sector" in wijk
    assert "© OpenStreetMap contributors (ODbL)" in wijk
    # the caveats as numbered notes, the BIMD's once
    assert wijk.count("Belgische index van meervoudige deprivatie 2011 (Otavova") == 1
    assert "aantal huisartsen" in wijk
    assert "aantal huisarts<" not in wijk


def test_every_image_in_the_pages_decodes(leuven_run: RunResult) -> None:
    from xml.etree import ElementTree

    from PIL import Image

    for name in ("index.html", "wijk-240621.html", "gebied-hoogland.html"):
        page = (leuven_run.out / "report" / name).read_text("utf-8")
        images = re.findall(r'src="data:(image/[a-z+]+);base64,([^"]+)"', page)
        assert len(images) >= 3, name
        for mime, data in images:
            raw = base64.b64decode(data)
            if mime == "image/png":
                with Image.open(io.BytesIO(raw)) as img:
                    img.verify()
            else:
                assert ElementTree.fromstring(raw).tag.endswith("svg"), name
