"""`wijkanalyse init`: a ready study file for any Flemish municipality, and that it runs.

The integration test runs ``init`` + ``run --no-report`` for municipalities spread over the
five provinces (small and large, with and without wijk outlines, merged in 2019 and 2025)
and checks their census totals against the census CSV, read here without the package.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from conftest import EXAMPLES, check_written_counts
from typer.testing import CliRunner

from wijkanalyse import areas, datasets
from wijkanalyse._errors import DataError
from wijkanalyse.cli import app
from wijkanalyse.study import Study
from wijkanalyse.studyfile import study_template
from wijkanalyse.studyfile._toml import slug, toml

runner = CliRunner()


def _prose(text: str) -> str:
    """The comments of a study file as one line (wrapping does not split a phrase)."""
    return " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))


# --------------------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    "text",
    [
        'Casablanca "Oost"',
        "back\\slash and\ttab",
        "line\nbreak\r",
        "control \x01 and del \x7f",
        "{{ 7*7 }} ${alert(1)} `x`",
        "Sint-Maartensdal – café ëé ☕",
    ],
)
def test_toml_strings_round_trip(text: str) -> None:
    assert tomllib.loads(f"v = {toml(text)}")["v"] == text


def test_toml_values() -> None:
    assert toml(True) == "true"
    assert toml(3) == "3"
    assert toml(1.0) == "1.0"
    assert toml([10, 15]) == "[10, 15]"
    assert tomllib.loads(f"v = {toml({'income_median': 1.0, 'a b': 'x'})}")["v"] == {
        "income_median": 1.0,
        "a b": "x",
    }
    with pytest.raises(ValueError, match="TOML has no value for nan"):
        toml(float("nan"))


def testslug() -> None:
    assert slug("Sint-Truiden") == "sint-truiden"
    assert slug("Leuven (Arr.)") == "leuven"
    assert slug("Écaussinnes") == "ecaussinnes"


def test_find_area_by_name_and_code(mirror: Path) -> None:
    assert areas.find_area("tienen").code == "24107"
    assert areas.find_area("Sint Truiden").code == "71053"
    hasselt = areas.find_area("Hasselt")
    assert hasselt.code == "71072"  # the municipality since 2025 (with Kortessem)
    assert hasselt.note == (
        "'Hasselt' is NIS 71072, the municipality since 1 January 2025 (formed from 71022, "
        "73040); give 71022 to study the municipality as it was before."
    )
    assert areas.find_area("24 107").code == "24107"
    pelt = areas.find_area("Overpelt")  # merged in 2019
    assert (pelt.code, pelt.former) == ("72043", ("72029", "Overpelt"))
    assert areas.find_area("arr. Leuven", region=True).code == "24000"
    assert areas.find_area("prov. Limburg", region=True).code == "70000"
    assert "merged into Merelbeke-Melle (44088)" in areas.find_area("Melle").note
    assert areas.find_area("Vlaams-Brabant", region=True).code == "20001"
    assert areas.find_area("arrondissement Leuven", region=True).code == "24000"
    assert areas.find_area("vlaanderen", region=True).code == "flanders"


def test_find_area_errors(mirror: Path) -> None:
    with pytest.raises(DataError, match=r"'Tienne' is not the name of a Flemish municipality\. "):
        areas.find_area("Tienne")
    with pytest.raises(DataError, match=r"Did you mean Tienen \(24107\)"):
        areas.find_area("Tienne")
    with pytest.raises(DataError, match=r"'Antwerpen' names more than one area: arrondissement"):
        areas.find_area("Antwerpen", region=True)
    with pytest.raises(DataError, match=r"24000 is the arrondissement Leuven \(Arr\.\), not a"):
        areas.find_area("24000")
    with pytest.raises(DataError, match=r"24107 is the municipality Tienen, not an arrondissement"):
        areas.find_area("24107", region=True)
    with pytest.raises(DataError, match=r"^21004 lies in the Brussels-Capital Region; wijkanaly"):
        areas.find_area("21004")
    with pytest.raises(DataError, match=r"^'Brussel' \(21004\) lies in the Brussels-Capital"):
        areas.find_area("Brussel")
    with pytest.raises(DataError, match=r"^62063 \(Luik\) lies outside Flanders"):
        areas.find_area("Luik")
    with pytest.raises(DataError, match=r"'Tienen' is a municipality, not an arrondissement or a"):
        areas.find_area("Tienen", region=True)
    with pytest.raises(DataError, match=r"'flanders' is the Flemish Region, not a municipality"):
        areas.find_area("flanders")
    with pytest.raises(DataError, match=r"^no area given: name a Flemish municipality"):
        areas.find_area("  ")


def test_not_covered(mirror: Path) -> None:
    assert areas.not_covered("leuven_centres_reference", areas.region("24107")) == ("24107",)
    assert areas.not_covered("osm2015_points", areas.region("24000")) == ()
    arr = areas.region(["24062", "44021"])
    assert areas.not_covered("osm2015_points", arr) == ("44021",)
    assert areas.not_covered("statbel_census2021_age65", areas.region("flanders")) == ()
    assert areas.not_covered("leuven_road_graph_2013", areas.region("44021")) == ()  # no extent


def test_template_for_leuven_has_everything(mirror: Path) -> None:
    tpl = study_template("24062")
    raw = tomllib.loads(tpl.text)
    assert raw["study"] == {
        "name": "Leuven",
        "municipality": "24062",
        "vintage": 2024,
        "language": "nl",
        "facility_buffer_m": 3000,
    }
    assert raw["data"]["road_graph"] == "leuven_road_graph_2013"
    sources = [f["source"] for f in raw["facilities"]]
    assert sources == [
        "leuven_centres_status",
        "osm2015_points",
        "hospital_emergency_campuses_2024",
    ]
    asked = [q["facility_type"] for q in raw["access"]["questions"]]
    assert asked[:2] == ["lokaal_dienstencentrum", "buurtcentrum"]
    assert "hospital" not in asked
    planned = [q["facility_type"] for q in raw["plan"]["questions"]]
    assert planned == ["lokaal_dienstencentrum", "buurtcentrum"]
    assert raw["plan"]["candidates"] == ["sectors", "network"]
    assert raw["index"]["levels"] == ["wijk", "sector"]
    assert "share_65plus" not in raw["index"]["domains"]["inkomen"]["indicators"]
    assert "#   2406213  Blauwput" in tpl.text  # the wijken are listed
    assert "met wijkgrenzen: elke wijk krijgt een kaart en een rapport" in _prose(tpl.text)


def test_template_without_facilities_or_outlines(mirror: Path) -> None:
    tpl = study_template("Gent")
    raw = tomllib.loads(tpl.text)
    assert [f["source"] for f in raw["facilities"]] == ["hospital_emergency_campuses_2024"]
    assert "access" not in raw
    assert "plan" not in raw
    assert "road_graph" not in raw["data"]
    assert "Geen bereikbaarheidsvragen" in tpl.text
    assert "[[scenarios]]" not in tpl.text  # a scenario needs an access question
    assert "geen wijkkaarten en geen wijkrapporten" in _prose(tpl.text)
    # the smallest municipality: too few units for an index
    tiny = tomllib.loads(study_template("Herstappe").text)
    assert "index" not in tiny


def test_template_in_english(mirror: Path) -> None:
    tpl = study_template("24107", language="en")
    raw = tomllib.loads(tpl.text)
    assert raw["study"]["language"] == "en"
    assert "# Run:  wijkanalyse run tienen.toml --out OUT" in tpl.text
    comments = "\n".join(line for line in tpl.text.splitlines() if line.startswith("#"))
    for dutch in ("Uitvoeren", "wijkgrenzen", "gegevens", "Bereikbaarheid", " en "):
        assert dutch not in comments, dutch
    region = study_template("Limburg", region=True, language="en")
    assert 'region = "70000"  # NIS code of the area (province)' in region.text
    assert "facilities in the data (area and 3 km around)" in " ".join(region.facts)


def test_template_for_a_region(mirror: Path) -> None:
    tpl = study_template("24000", region=True)
    raw = tomllib.loads(tpl.text)
    assert raw["study"]["region"] == "24000"
    assert "plan" not in raw
    # Flanders: the OSM extract covers one arrondissement only, so it is left out
    fl = study_template("flanders", region=True)
    assert (
        "osm2015_points is left out" in study_template("flanders", region=True, language="en").text
    )
    assert "osm2015_points" not in [f["source"] for f in tomllib.loads(fl.text)["facilities"]]
    assert fl.filename == "vlaanderen.toml"


# --------------------------------------------------------------------------- the command


def test_init_command(mirror: Path, tmp_path: Path) -> None:
    target = tmp_path / "t.toml"
    result = runner.invoke(app, ["init", "--municipality", "Tienen", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert f"Studiebestand geschreven: {target}" in result.output
    assert "Tienen (NIS 24107): 35\u202f545 inwoners" in result.output
    assert f"Volgende stap: wijkanalyse run {target} --out OUT" in result.output
    assert f"# Uitvoeren:  wijkanalyse run {target} --out OUT" in target.read_text("utf-8")
    Study.from_toml(target)  # valid as written
    merged = runner.invoke(app, ["init", "-m", "Borsbeek", "--out", str(tmp_path / "b.toml")])
    assert merged.exit_code == 0, merged.output
    note = "Borsbeek (11007) is op 1 januari 2025 opgegaan in Antwerpen (11002)"
    assert note in merged.output
    assert note in _prose((tmp_path / "b.toml").read_text("utf-8"))
    again = runner.invoke(app, ["init", "-m", "24107", "--out", str(target)])
    assert again.exit_code == 2
    assert "bestaat al; kies een ander --out of overschrijf met --force" in again.stderr
    forced = runner.invoke(app, ["init", "-m", "24107", "--out", str(target), "--force"])
    assert forced.exit_code == 0, forced.output


def test_init_command_errors(mirror: Path, tmp_path: Path) -> None:
    both = runner.invoke(app, ["init", "-m", "24107", "-r", "24000"])
    assert both.exit_code == 2
    message = "Fout: geef één van beide: --municipality (een gemeente) of --region"
    assert message in both.stderr
    none = runner.invoke(app, ["init"])
    assert none.exit_code == 2
    assert message in none.stderr
    wrong = runner.invoke(app, ["init", "-m", "Tienne", "--out", str(tmp_path / "x.toml")])
    assert wrong.exit_code == 2
    assert "Did you mean Tienen (24107)" in wrong.stderr
    assert not (tmp_path / "x.toml").exists()
    folder = runner.invoke(app, ["init", "-m", "Tienen", "--out", str(tmp_path), "--force"])
    assert folder.exit_code == 2
    assert "is een map; geef met --out de naam van het studiebestand" in folder.stderr
    nowhere = tmp_path / "no" / "such" / "x.toml"
    missing = runner.invoke(app, ["init", "-m", "Tienen", "--out", str(nowhere)])
    assert missing.exit_code == 2
    assert f"Fout: kan {nowhere} niet schrijven: No such file or directory" in missing.stderr


def test_init_default_file_name(
    mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "--region", "Leuven", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Study file written: leuven.toml" in result.output
    assert (
        tomllib.loads((tmp_path / "leuven.toml").read_text(encoding="utf-8"))["study"]["region"]
        == "24000"
    )


# --------------------------------------------------------------------------- another city


def test_leuven_study_for_another_city_fails_before_any_work(mirror: Path, tmp_path: Path) -> None:
    text = (EXAMPLES / "leuven.toml").read_text(encoding="utf-8")
    study_file = tmp_path / "tienen.toml"
    study_file.write_text(text.replace('municipality = "24062"', 'municipality = "24107"'))
    result = runner.invoke(app, ["run", str(study_file), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    msg = result.stderr
    assert "study file 'tienen.toml' for Tienen (NIS 24107) has 10 problems:" in msg
    expected = [
        "facilities[0].source 'leuven_centres_status' covers Leuven, not Tienen: remove this "
        "[[facilities]] entry",
        "areas[0] (Hoogland).sectors: 24062E732 is not a sector of Tienen; change or remove",
        "areas[1] (Wijgmaal).wijken: 240621 is not a wijk of Tienen in vintage 2024 (it has "
        "24107A0 Centrum",
        "access.questions[0].facility_type 'lokaal_dienstencentrum': no facility of this type in "
        "Tienen or within 3 km of it",
        "access.questions[1].facility_type 'buurtcentrum': no facility",
        "scenarios[3] (LDC in Wijgmaal).add[0] (LDC Wijgmaal (voorstel)): x=173189, y=179654 "
        "lies 15.5 km outside Tienen",
        "scenarios[4] (Buurtfunctie Blauwput open).open: buurtcentrum-buurtfunctie-blauwput "
        "is not an id of a planned buurtcentrum facility of Tienen",
        "data.road_graph 'leuven_road_graph_2013' has no street within 300 m of any sector of "
        "Tienen",
    ]
    flat = " ".join(msg.split())
    for part in expected:
        assert " ".join(part.split()) in flat, part
    assert not (tmp_path / "out").exists()


def _census_reference(municipalities: tuple[str, ...]) -> tuple[int, int]:
    """Census 2021 totals of the municipalities, read without the package.

    Sectors belong to a municipality by the PinC 2024 table (sector codes keep the prefix of
    a municipality merged in 2019, e.g. 12030A00- lies in Puurs-Sint-Amands 12041); the
    pseudo-sectors of such municipalities (12030ZZZZ) follow the official 2019→2024 table.
    """
    census, moved, gemeente = _census_tables()
    code = census["cd_sector"].map(lambda c: moved.get(c, c))
    rows = census[code.map(gemeente).isin(municipalities)]
    return int(rows["x65"].sum() + rows["rest"].fillna(0).sum()), int(rows["x65"].sum())


@cache
def _census_tables() -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    census = pd.read_csv(datasets.fetch("statbel_census2021_age65"), dtype={"cd_sector": str})
    table = pd.read_excel(
        datasets.fetch("pinc_statsec2019_statsec2024"), dtype=str, engine="calamine"
    )
    moved = dict(zip(table["statsec2019"], table["statsec2024"], strict=True))
    basis = pd.read_excel(
        datasets.fetch("pinc_statsec2024_als_basis"), dtype=str, engine="calamine"
    )
    gemeente = dict(zip(basis["statsec2024"], basis["gemeente2024"], strict=True))
    return census, {k: v for k, v in moved.items() if isinstance(v, str) and k != v}, gemeente


#: Municipalities of the five provinces: large and small, with and without wijk outlines
#: (only arrondissement Leuven has them), merged in 2019 (Puurs-Sint-Amands, Lievegem,
#: Deinze, Pelt, Oudsbergen) and in 2025 (Pajottegem, Merelbeke-Melle, Lokeren, Wingene,
#: Hasselt, Bilzen-Hoeselt).
MUNICIPALITIES = [
    # Vlaams-Brabant
    "24062",  # Leuven: centres, road graph, plans
    "24107",  # Tienen
    "24038",  # Herent: part of the road graph
    "24135",  # Tielt-Winge
    "23027",  # Halle: no wijk outlines
    "23106",  # Pajottegem (2025)
    # Antwerpen
    "11002",  # Antwerpen
    "12025",  # Mechelen
    "12041",  # Puurs-Sint-Amands (2019)
    "13002",  # Baarle-Hertog
    # Oost-Vlaanderen
    "44021",  # Gent
    "44085",  # Lievegem (2019)
    "44083",  # Deinze (2019)
    "44088",  # Merelbeke-Melle (2025)
    "46029",  # Lokeren (2025)
    # West-Vlaanderen
    "31005",  # Brugge
    "33039",  # Heuvelland
    "35013",  # Oostende
    "37021",  # Wingene (2025)
    # Limburg
    "71072",  # Hasselt (2025)
    "72043",  # Pelt (2019)
    "72042",  # Oudsbergen (2019)
    "73028",  # Herstappe, the smallest
    "73110",  # Bilzen-Hoeselt (2025)
]


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize("nis", MUNICIPALITIES)
def test_init_and_run_any_municipality(mirror: Path, tmp_path: Path, nis: str) -> None:
    study_file = tmp_path / "study.toml"
    made = runner.invoke(app, ["init", "--municipality", nis, "--out", str(study_file)])
    assert made.exit_code == 0, made.output
    out = tmp_path / "out"
    ran = runner.invoke(app, ["run", str(study_file), "--out", str(out), "--no-report"])
    assert ran.exit_code == 0, ran.output + str(ran.exception)
    region = areas.region(nis)
    total, old = _census_reference(region.municipalities)
    assert total > 0
    sectors = pd.read_csv(out / "sectors.csv", dtype={"sector": str})
    wijken = pd.read_csv(out / "wijken.csv", dtype={"wijk": str})
    for frame in (sectors, wijken):  # written: withheld below 5, the rest exact
        for col, expected in (("pop_total", total), ("pop_65plus", old)):
            check_written_counts(frame, col, expected)
    shown = f"{total:,}".replace(",", "\u202f")
    assert f"Inwoners (census 2021): {shown}" in ran.output


@pytest.mark.integration
def test_gent_from_init_with_report(mirror: Path, tmp_path: Path) -> None:
    study_file = tmp_path / "gent.toml"
    assert runner.invoke(app, ["init", "-m", "Gent", "--out", str(study_file)]).exit_code == 0
    out = tmp_path / "out"
    ran = runner.invoke(app, ["run", str(study_file), "--out", str(out)])
    assert ran.exit_code == 0, ran.output + str(ran.exception)
    page = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "Geen wijkkaart: voor de wijken van Gent zijn er geen wijkgrenzen" in page
    caption = page.split("<figcaption>")[1].split("</figcaption>")[0]
    assert caption.startswith("cirkels: 65-plussers per sector.")  # no wijk colours, no rings
    assert "Rapporten per wijk en gebied" not in page  # no empty list of reports
    assert (out / "maps" / "overzicht.html").is_file()
    assert not list((out / "report").glob("wijk-*.html"))
    total, _ = _census_reference(("44021",))
    assert int(pd.read_csv(out / "wijken.csv")["pop_total"].sum()) <= total
