"""The wijkrapport on the real Leuven run: files, content, withheld values, escaping, CLI."""

from __future__ import annotations

import ctypes
import html
import json
import logging
import os
import re
import warnings
from pathlib import Path
from typing import Any

import markupsafe
import pandas as pd
import pytest
from conftest import EXAMPLES, PAYLOADS, XSS_FACILITY, XSS_WIJK, Hostile, copy_run, pdf_text
from typer.testing import CliRunner

from wijkanalyse import DataError, _i18n, datasets, report
from wijkanalyse._safe import html_text
from wijkanalyse.cli import app
from wijkanalyse.report import _pdf as report_pdf
from wijkanalyse.study import RunResult

pytestmark = pytest.mark.integration


def _escaped(text: str) -> set[str]:
    """The text as Jinja2 (report) and html.escape (map) write it into HTML."""
    return {str(markupsafe.escape(text)), html.escape(text)}


def _rows(text: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", text, flags=re.S)


def _row(text: str, label: str) -> str:
    pattern = re.compile(f"^<tr><td>{re.escape(label)}(</td>|<span|<sup)")
    (row,) = [r for r in _rows(text) if pattern.search(r)]
    return row


def test_report_files(leuven_run: RunResult, tmp_path: Path) -> None:
    out = leuven_run.out
    wijken = pd.read_csv(out / "wijken.csv", dtype={"wijk": str})
    located = wijken[wijken["wijk"] != "24062ONB"]["wijk"]
    assert len(located) == 24
    for code in located:
        assert (out / "report" / f"wijk-{code}.html").is_file()
    for name in ("hoogland", "wijgmaal", "wilsele-dorp", "blauwput"):
        assert (out / "report" / f"gebied-{name}.html").is_file()
    for name in ("overzicht.html", "overzicht.png"):
        assert (out / "maps" / name).stat().st_size > 10_000
    assert any("Rapporten: 29 HTML (0 PDF)" in line for line in leuven_run.summary)
    # the PDFs, from the same tables: the overview, a wijk and an area
    sample = copy_run(out, tmp_path / "sample")
    files = report.render(sample, units=["240621", "Hoogland"], pdf=True)
    pdfs = sorted(f.name for f in files if f.suffix == ".pdf")
    assert pdfs == ["gebied-hoogland.pdf", "index.pdf", "overzicht.pdf", "wijk-240621.pdf"]
    for f in files:
        if f.suffix == ".pdf":
            data = f.read_bytes()
            assert data.startswith(b"%PDF"), f.name
            assert data.rstrip().endswith(b"%%EOF"), f.name
            assert len(data) > 50_000, f.name  # text, a map and charts


def test_overview_content(leuven_run: RunResult) -> None:
    out = leuven_run.out
    text = (out / "report" / "index.html").read_text(encoding="utf-8")
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert "<h1>Wijkanalyse Leuven</h1>" in text
    assert _row(text, "inwoners").count("101\u202f032") == 1
    # every dataset's title and licence (in Dutch) and checksum is in the manifest
    for ds in prov["datasets"]:
        assert ds["sha256"] in text
        title, licence = datasets.described(ds, "nl")
        assert any(e in text for e in _escaped(licence)), ds["id"]
        assert any(e in text for e in _escaped(title)), ds["id"]
    assert f"wijkanalyse {prov['version']}" in text
    # the index table: rank and 90 % interval of each wijk as in index_wijken.csv
    idx = pd.read_csv(out / "index_wijken.csv", dtype={"wijk": str})
    for r in idx.itertuples():
        (row,) = [
            x for x in _rows(text) if f">{r.rank}/24</td><td>{markupsafe.escape(r.name)}</td>" in x
        ]
        assert f">{r.choice_rank_p05}–{r.choice_rank_p95}<" in row
        assert f">{r.data_rank_p05}–{r.data_rank_p95}<" in row
    # the interactive map and every wijk report are linked
    assert 'href="../maps/overzicht.html"' in text
    assert text.count('href="wijk-') == 24
    # planning and scenarios appear
    assert re.search(r"nabij [^<(]+ \(Sint-Maartensdal\)", text)
    assert "straatknoop" not in text
    assert "bewezen optimaal" in text
    # shares are computed from the counts, not rounded twice: 5 660 of 16 872 is 33,5 %
    plans = pd.read_csv(out / "plans.csv")
    ldc = plans[(plans["question"] == "ldc_65plus") & (plans["method"] == "exact")]
    for covered in ldc["pop_covered"].unique():
        shown = f"{100 * covered / 16_872:.1f}".replace(".", ",") + "\u00a0%"
        assert shown in text, shown
    assert "Buurtfunctie Blauwput open" in text
    # the trade-off chart, what shared buildings cost, and the norms beside the plans
    assert 'alt="afweging tussen bereik en de langste wandeling"' in text
    assert "<h3>Gedeeld gebruik van gebouwen</h3>" in text
    assert "Buurtcentrum Sint-Maartensdal (gedeeld gebouw)" in text
    norms = pd.read_csv(out / "plan_norms.csv")
    within = _i18n.fmt_int(norms["pop_within_distance"].iat[0], "nl")
    located = _i18n.fmt_int(norms["population_located"].iat[0], "nl")
    assert f"Leuven {within} van {located} inwoners" in text
    assert "Leuven 7 volgens de norm, 3 in het register" in text


def test_wijk_and_area_reports(leuven_run: RunResult) -> None:
    out = leuven_run.out
    idx = pd.read_csv(out / "index_wijken.csv", dtype={"wijk": str}).set_index("wijk")
    text = (out / "report" / "wijk-240621.html").read_text(encoding="utf-8")
    assert "<h1>Wijgmaal (240621)</h1>" in text
    r = idx.loc["240621"]
    assert f"<b>{r['rank']}/24</b>" in text
    assert f"<b>{r['choice_rank_p05']}–{r['choice_rank_p95']}</b>" in text
    assert f"<b>{r['data_rank_p05']}–{r['data_rank_p95']}</b>" in text
    # Wijgmaal has no streets in the road graph: its times are labelled as estimates
    assert "hemelsbreed ×1,39" in text  # the detour calibrated on the network's routes
    # the profile table compares with the city, the arrondissement and Flanders
    assert "<th>Leuven (Arr.)</th>" in text
    assert "<th>Vlaams Gewest</th>" in text
    assert text.count("data:image/png;base64,") == 1  # the map
    assert text.count("data:image/svg+xml;base64,") >= 2  # profile and rank charts
    hoog = (out / "report" / "gebied-hoogland.html").read_text(encoding="utf-8")
    assert "Gebiedsrapport" in hoog
    assert "De omtrek is benaderd" in hoog  # Voronoi outline: said so
    assert "24062E73L" in hoog  # the 2025 definition and its approximation are explained
    # the area's own values in its profile table, as indicators_areas.csv has them
    own = pd.read_csv(out / "indicators_areas.csv").set_index("area").loc["Hoogland"]
    row = _row(hoog, "aandeel 65-plussers")
    assert _i18n.fmt_number(own["share_65plus"], 1, "nl") in row.split("</td>")[2]


def test_withheld_values_read_onvoldoende_gegevens(leuven_run: RunResult, tmp_path: Path) -> None:
    out = copy_run(leuven_run.out, tmp_path / "out")
    ind = pd.read_csv(out / "indicators_wijken.csv", dtype={"wijk": str})
    sel = ind["wijk"] == "240621"
    share = float(ind.loc[sel, "share_65plus"].iloc[0])
    ind.loc[sel, "share_65plus"] = None
    ind.loc[sel, "share_65plus_suppressed_reason"] = "small_count"
    ind.loc[sel, "density"] = None
    ind.loc[sel, "density_suppressed_reason"] = "zero_denominator"
    ind.to_csv(out / "indicators_wijken.csv", index=False)
    report.render(out, units=["240621"], pdf=False)
    text = (out / "report" / "wijk-240621.html").read_text(encoding="utf-8")
    row = _row(text, "aandeel 65-plussers")
    cells = re.findall(r'<td class="num">(.*?)</td>', row, flags=re.S)
    assert "onvoldoende gegevens" in cells[0]
    assert "te weinig personen" in cells[0]  # the reason
    assert f"{share:.1f}".replace(".", ",") not in cells[0]
    assert not re.search(r">\s*0(,0)?\s*(%|\u00a0%)?\s*<", cells[0])
    # a value missing for another reason is "geen gegevens", with that reason
    dens = re.findall(r'<td class="num">(.*?)</td>', _row(text, "bevolkingsdichtheid"), re.S)
    assert "geen gegevens" in dens[0]
    assert "noemer is 0" in dens[0]


def test_names_are_text_never_markup(hostile: Hostile) -> None:
    out = hostile.out
    pages = [
        out / "report" / "index.html",
        out / "report" / "wijk-240621.html",
        out / "report" / f"gebied-{report._slug(hostile.area)}.html",
        out / "maps" / "overzicht.html",
    ]
    seen_facility = seen_wijk = False
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, page.name
        assert "<img src=x" not in text, page.name
        assert f"Casablanca {os.getcwd()}" not in text, page.name  # the Jinja payload never ran
        seen_facility |= any(e in text for e in _escaped(XSS_FACILITY))
        seen_wijk |= any(e in text for e in _escaped(XSS_WIJK))
    assert seen_facility
    assert seen_wijk
    # the map: every payload only in its inert form (also no template literal to break out of)
    overview = pages[-1].read_text(encoding="utf-8")
    for name in PAYLOADS:
        assert html_text(name) in overview, name
        if set(name) & set("<>\"'{}$`"):  # (a "\" also begins JSON's "\u0026")
            assert name not in overview, name


def test_area_pages_get_distinct_names() -> None:
    # area names are user text: two names with one slug would write one page over the other
    assert report._slugs(["Hoogland", "{{Hoogland}}", "$$", "[/]", "gebied-2"]) == {
        "Hoogland": "hoogland",
        "{{Hoogland}}": "hoogland-2",
        "$$": "gebied",
        "[/]": "gebied-2",
        "gebied-2": "gebied-2-2",
    }


def _words(text: str) -> str:
    """Text without white space (a PDF or a browser may break a line at any space)."""
    return re.sub(r"\s+", "", text)


def test_hostile_reports_and_pdfs_show_the_literal_text(hostile: Hostile) -> None:
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    area_page = f"gebied-{report._slug(hostile.area)}"
    located = [*hostile.wijken.values()]
    expected = {
        # the city: its name, the index and every wijk in the index table, plans, scenarios
        "index": [hostile.municipality, hostile.index_name, *located, *hostile.scenarios.values()],
        "wijk-240621": [XSS_WIJK, hostile.index_name, *hostile.groups.values()],
        area_page: [hostile.area, hostile.municipality],
    }
    plans = pd.read_csv(hostile.out / "plans.csv")
    expected["index"] += list(plans.loc[plans["method"] == "exact", "name"].unique())
    for page, texts in expected.items():
        parser = _Text()
        parser.feed((hostile.out / "report" / f"{page}.html").read_text(encoding="utf-8"))
        html_words = _words("".join(parser.parts))
        pdf_words = _words("".join(pdf_text(hostile.out / "report" / f"{page}.pdf")))
        for t in texts:
            assert _words(t) in html_words, (page, t)
            assert _words(t) in pdf_words, (page, t)
        assert "Casablanca/" not in html_words + pdf_words  # {{ …os.getcwd() }} never ran


def test_english_report(leuven_run: RunResult, tmp_path: Path) -> None:
    out = copy_run(leuven_run.out, tmp_path / "out")
    report.render(out, units=["Hoogland", "240621"], pdf=False)  # a Dutch set of two
    dutch = {p.name: p.read_bytes() for p in (out / "report").glob("*.html")}
    # one unit in English: a new English set beside the Dutch one, linking only to its own
    report.render(out, units=["Hoogland"], language="en", pdf=False)
    index = (out / "report-en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index
    assert 'href="../maps-en/overzicht.html"' in index
    assert 'href="gebied-hoogland.html"' in index
    assert 'href="wijk-240621.html"' not in index
    assert (out / "maps-en" / "overzicht.html").is_file()
    text = (out / "report-en" / "gebied-hoogland.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    assert "Area report" in text
    assert "Provenance" in text
    assert "Gebiedsrapport" not in text
    # the set exists: one unit rewrites that page only
    files = report.render(out, units=["Hoogland"], language="en", pdf=False)
    assert files == [out / "report-en" / "gebied-hoogland.html"]
    # the Dutch set is untouched
    assert {p.name: p.read_bytes() for p in (out / "report").glob("*.html")} == dutch


def test_report_command_and_errors(leuven_run: RunResult, tmp_path: Path) -> None:
    out = copy_run(leuven_run.out, tmp_path / "out")
    res = CliRunner().invoke(app, ["report", str(out), "--no-pdf", "--unit", "240629"])
    assert res.exit_code == 0, res.output
    assert "2 rapporten geschreven" in res.output  # a new set: the overview and the wijk
    assert (out / "report" / "wijk-240629.html").is_file()
    index = (out / "report" / "index.html").read_bytes()
    res = CliRunner().invoke(app, ["report", str(out), "--no-pdf", "--unit", "240621"])
    assert res.exit_code == 0, res.output
    assert "1 rapport geschreven in" in res.output
    assert (out / "report" / "index.html").read_bytes() == index  # one unit: that page only
    assert not list((out / "report").glob("*.pdf"))
    res = CliRunner().invoke(app, ["report", str(tmp_path / "empty")])
    assert res.exit_code == 2
    assert "is not a wijkanalyse output folder" in res.output
    with pytest.raises(DataError, match="neither wijken"):
        report.render(out, units=["Atlantis"], pdf=False)


# what WeasyPrint 70 emits or raises when a system library is missing
HARFBUZZ_SUBSET_WARNING = (
    "HarfBuzz-Subset will be required by future versions of WeasyPrint. "
    "Please install this library with your package manager."
)


def _no_pango() -> Any:
    print("\n-----\n\nWeasyPrint could not import some external libraries.\n\n-----\n")
    raise OSError(
        "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file"
    )


def _without_harfbuzz_subset() -> Any:
    warnings.warn(HARFBUZZ_SUBSET_WARNING, DeprecationWarning, stacklevel=2)
    import weasyprint

    return weasyprint


def test_pdf_probe_without_pango(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(report_pdf, "_import_weasyprint", _no_pango)
    support = report_pdf._pdf_support("nl")
    assert not support.available
    assert re.search(
        "alleen als HTML.*Pango niet laden.*apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
        "libharfbuzz-subset0 fonts-dejavu-core.*wijkanalyse report OUT",
        support.note,
    )
    en = report_pdf._pdf_support("en")
    assert not en.available
    assert re.search("HTML only: WeasyPrint cannot load Pango.*apt-get install libpango", en.note)
    assert "WeasyPrint could not import" not in capsys.readouterr().out  # its banner is ours


def test_pdf_probe_without_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> Any:
        raise ModuleNotFoundError("No module named 'weasyprint'")

    monkeypatch.setattr(report_pdf, "_import_weasyprint", missing)
    support = report_pdf._pdf_support("nl")
    assert not support.available
    assert re.search("WeasyPrint.*kan niet geladen worden \\(No module named", support.note)


def test_pdf_probe_harfbuzz_subset_warning_is_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_pdf, "_import_weasyprint", _without_harfbuzz_subset)
    with warnings.catch_warnings(record=True) as escaped:
        warnings.simplefilter("always")
        support = report_pdf._pdf_support("nl")
    assert escaped == []  # WeasyPrint's DeprecationWarning never reaches the caller
    assert support.available
    assert re.search(
        "PDF's zijn gemaakt, maar de bibliotheek HarfBuzz-Subset ontbreekt.*"
        "apt-get install libharfbuzz-subset0",
        support.note,
    )
    en = report_pdf._pdf_support("en")
    assert en.available
    assert re.search("HarfBuzz-Subset library is missing.*libharfbuzz-subset0", en.note)


def test_pdf_probe_other_import_warnings_never_escape(monkeypatch: pytest.MonkeyPatch) -> None:
    def noisy() -> Any:
        warnings.warn("some deprecation in a dependency", DeprecationWarning, stacklevel=2)
        import weasyprint

        return weasyprint

    monkeypatch.setattr(report_pdf, "_import_weasyprint", noisy)
    with warnings.catch_warnings(record=True) as escaped:
        warnings.simplefilter("always")
        support = report_pdf._pdf_support("nl")
    assert escaped == []
    assert support == report_pdf._PdfSupport(True, _harfbuzz_subset_note("nl"))


def _harfbuzz_subset_note(lang: str) -> str:
    """The note the probe gives here: whether this machine can load HarfBuzz-Subset."""
    from wijkanalyse import _i18n

    try:
        ctypes.CDLL("libharfbuzz-subset.so.0")
    except OSError:
        return _i18n.text("pdf_harfbuzz_subset", lang)
    return ""


def test_pdf_probe_on_this_machine() -> None:
    # the machine set up by scripts/setup.sh has Pango, HarfBuzz-Subset and fonts
    support = report_pdf._pdf_support("nl")
    assert support == report_pdf._PdfSupport(True, _harfbuzz_subset_note("nl"))
    with pytest.raises(ValueError, match="language must be 'nl' or 'en'"):
        report_pdf._pdf_support("fr")


def test_without_harfbuzz_subset_the_pdfs_are_written_with_a_note(
    leuven_run: RunResult,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    out = copy_run(leuven_run.out, tmp_path / "out")
    monkeypatch.setattr(report_pdf, "_import_weasyprint", _without_harfbuzz_subset)
    with caplog.at_level(logging.WARNING, logger="wijkanalyse.report"):
        files = report.render(out, units=["240621"], pdf=True)
    assert out / "report" / "wijk-240621.pdf" in files
    notes = [r.getMessage() for r in caplog.records if r.name.startswith("wijkanalyse.report")]
    assert len(notes) == 1
    assert "HarfBuzz-Subset ontbreekt" in notes[0]


def test_without_pango_the_reports_are_html_only(
    leuven_run: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wijkanalyse import DataWarning

    out = copy_run(leuven_run.out, tmp_path / "out")
    monkeypatch.setattr(report_pdf, "_import_weasyprint", _no_pango)
    with pytest.warns(DataWarning, match="alleen als HTML.*apt-get install libpango"):
        files = report.render(out, units=["240621"], pdf=True)
    assert (out / "report" / "wijk-240621.html").is_file()
    assert not [f for f in files if f.suffix == ".pdf" and f.parent.name == "report"]


def test_run_says_when_pdfs_are_skipped(
    mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomllib

    from wijkanalyse.study import Study

    raw = tomllib.loads((EXAMPLES / "leuven.toml").read_text(encoding="utf-8"))
    for section in ("plan", "areas"):
        raw.pop(section, None)
    raw["scenarios"] = []
    raw["report"] = {"wijken": ["240621"]}  # the overview and one wijk are enough here
    monkeypatch.setattr(report_pdf, "_import_weasyprint", _no_pango)
    result = Study.from_dict(raw, base_dir=EXAMPLES).run(tmp_path / "out")
    assert "Rapporten: 2 HTML (0 PDF)" in "\n".join(result.summary)
    assert any(
        line.startswith("Let op: de rapporten zijn alleen als HTML") for line in result.summary
    )


def test_run_notes_a_missing_harfbuzz_subset(
    mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomllib

    from wijkanalyse.study import Study

    raw = tomllib.loads((EXAMPLES / "leuven.toml").read_text(encoding="utf-8"))
    for section in ("plan", "access", "areas"):
        raw.pop(section, None)
    raw["scenarios"] = []
    raw["report"] = {"wijken": ["240621"]}
    monkeypatch.setattr(report_pdf, "_import_weasyprint", _without_harfbuzz_subset)
    result = Study.from_dict(raw, base_dir=EXAMPLES).run(tmp_path / "out")
    assert "Rapporten: 2 HTML (2 PDF)" in "\n".join(result.summary)
    notes = [line for line in result.summary if "HarfBuzz-Subset" in line]
    assert len(notes) == 1
    assert notes[0].startswith("Let op: de PDF's zijn gemaakt, maar de bibliotheek HarfBuzz")


class _RecordingHTML:
    """Stand-in for ``weasyprint.HTML`` that records the log levels in effect while drawing."""

    levels: dict[str, int] = {}

    def __init__(self, **kwargs: Any) -> None:
        pass

    def write_pdf(self, target: Path | None = None) -> bytes:
        for name in ("weasyprint", "fontTools", "fontTools.subset"):
            _RecordingHTML.levels[name] = logging.getLogger(name).getEffectiveLevel()
        return b"%PDF-1.7\n%%EOF\n"


@pytest.mark.parametrize("level", [logging.NOTSET, logging.INFO])
def test_pdf_leaves_the_weasyprint_log_level_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, level: int
) -> None:
    if not report_pdf._pdf_support("nl").available:
        pytest.skip("WeasyPrint cannot draw PDFs on this machine")
    import weasyprint

    monkeypatch.setattr(weasyprint, "HTML", _RecordingHTML)
    weasy, font = logging.getLogger("weasyprint"), logging.getLogger("fontTools")
    before = (weasy.level, font.level)
    weasy.setLevel(level)
    try:
        assert report_pdf._pdf_bytes("<p>x</p>", base=tmp_path).startswith(b"%PDF")
        # only while drawing, and only where the application set no level, errors only
        quiet = logging.ERROR if level == logging.NOTSET else level
        assert _RecordingHTML.levels["weasyprint"] == quiet
        assert _RecordingHTML.levels["fontTools.subset"] == logging.ERROR
        assert (weasy.level, font.level) == (level, before[1])
    finally:
        weasy.setLevel(before[0])


def test_rendering_leaves_the_weasyprint_log_level_as_it_was(
    leuven_run: RunResult, tmp_path: Path
) -> None:
    out = copy_run(leuven_run.out, tmp_path / "out")
    weasy, font = logging.getLogger("weasyprint"), logging.getLogger("fontTools")
    before = (weasy.level, font.level)
    files = report.render(out, units=["240621"], pdf=True)
    if not any(f.suffix == ".pdf" and f.parent.name == "report" for f in files):
        pytest.skip("WeasyPrint cannot draw PDFs on this machine")
    assert (weasy.level, font.level) == before


def test_maps_show_the_centres_open_today(leuven_run: RunResult) -> None:
    # Buurtfunctie Blauwput is only planned: not in today's coverage, not on today's map,
    # not counted in its wijk's profile
    fac = pd.read_csv(leuven_run.out / "facilities.csv").set_index("facility_id")
    assert fac.loc["buurtcentrum-buurtfunctie-blauwput", "status"] == "planned"
    ind = pd.read_csv(leuven_run.out / "indicators_wijken.csv", dtype={"wijk": str})
    ind = ind.set_index("wijk")
    assert ind.loc["2406213", "n_buurtcentrum"] == 0
    assert ind.loc["24062", "n_buurtcentrum"] == 3
    html = (leuven_run.out / "maps" / "overzicht.html").read_text(encoding="utf-8")
    assert "Buurtcentrum Sint-Maartensdal" in html
    assert "Buurtfunctie Blauwput" not in html


def test_every_report_says_what_its_numbers_rest_on(leuven_run: RunResult) -> None:
    for page in ("index.html", "wijk-240621.html", "gebied-hoogland.html"):
        text = (leuven_run.out / "report" / page).read_text(encoding="utf-8")
        section = text.split('<section id="lezen">')[1].split("</section>")[0]
        assert "<h2>Hoe lees je deze cijfers</h2>" in section
        # residents on street points, the sector areas named as an approximation
        assert "verdeeld over punten om de 50 m langs de straten" in section
        assert "benaderd door de wijk te verdelen" in section
        assert "geen voetpaden" in section  # the network's gap
        assert "omwegfactor voor punten naast het net gemeten op de eigen routes: 1,39" in section
        assert "65-plussers 3,3\u00a0km/u" in section or "65-plussers 3,3 km/u" in section
        assert "Studenski" in section
        assert "op het midden van een sector of een dorpspunt: 3" in section  # the three LDCs
        assert "Gepland maar niet open" in section
        assert "Buurtfunctie Blauwput" in section
        # what the ranges vary, with the 65+'s speed range (0.8-1.0 m/s) and the detour's
        assert "het 5e tot 95e percentiel over 200 trekkingen" in section
        assert "de ligging van elk centrum binnen zijn onzekerheid" in section
        assert "65-plussers 2,9–3,6" in section
        assert "de omwegfactor buiten het straatnet (" in section


def test_an_approximated_values_note_is_read_in_the_pages_language() -> None:
    from wijkanalyse.report._format import _note_text

    weighted = "approximation: pop_total-weighted median of sector values"
    assert _note_text(weighted, "nl") == (
        "benadering: de naar bevolking gewogen mediaan van de sectorwaarden"
    )
    assert _note_text(weighted, "en") == (
        "approximation: the population-weighted median of the sector values"
    )
    ratio = "ratio over the member sectors with data (87.5% of residents)"
    assert _note_text(ratio, "nl") == (
        "benadering: verhouding over de sectoren met gegevens (87,5\u00a0% van de inwoners)"
    )
    # a note of another form: never shown in another language
    assert "approximation" not in _note_text("approximation: by hand", "nl")
