from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from wijkanalyse.cli import app, peak_rss_mib

runner = CliRunner()


def test_run_leuven(mirror: Path, tmp_path: Path) -> None:
    # PDFs and the 29 pages are checked on the session's run (tests/test_report.py); here the
    # command and the --no-pdf switch, on the example with the overview and one wijk page
    text = (EXAMPLES / "leuven.toml").read_text(encoding="utf-8")
    assert "\n[report]" not in text  # the example has every wijk's page (the default)
    study = tmp_path / "leuven.toml"  # the example reads dataset ids only, no files beside it
    study.write_text(text + '\n[report]\nwijken = ["240621"]\n', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(study), "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert "Inwoners (census 2021): 101\u202f032, waarvan 65-plus: 16\u202f872" in result.output
    for name in ("wijkanalyse.gpkg", "sectors.csv", "wijken.csv", "facilities.csv"):
        assert (out / name).is_file(), name
    assert int(pd.read_csv(out / "wijken.csv")["pop_total"].sum()) == 101_032
    assert "Rapporten: 6 HTML (0 PDF)" in result.output  # overview, Wijgmaal, four areas
    assert (out / "report" / "wijk-240621.html").is_file()
    assert (out / "maps" / "overzicht.html").is_file()
    assert not list((out / "report").glob("*.pdf"))


def test_run_in_english(mirror: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "run",
            str(EXAMPLES / "leuven.toml"),
            "--out",
            str(tmp_path),
            "--lang",
            "en",
            "--no-report",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Residents (census 2021): 101,032" in result.output
    assert not (tmp_path / "report").exists()
    assert "Reports:" not in result.output


def test_run_with_a_bad_study_fails_clearly(tmp_path: Path) -> None:
    study = tmp_path / "s.toml"
    study.write_text('[study]\nname = "x"\nmunicipality = "24000"\n', encoding="utf-8")
    result = runner.invoke(app, ["run", str(study), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Fout:" in result.stderr
    assert "24000 is the NIS code of arrondissement Leuven" in result.stderr
    assert not (tmp_path / "out").exists()


def test_datasets_list(mirror: Path) -> None:
    result = runner.invoke(app, ["datasets", "list"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "statbel_census2021_age65" in result.output
    assert "Modellicentie" in result.output
    assert "licentie" in result.output
    md = runner.invoke(app, ["datasets", "list", "--format", "markdown"])
    assert md.output.startswith("# Dataset catalogue")
    csv = runner.invoke(app, ["datasets", "list", "--format", "csv"])
    assert csv.output.splitlines()[0].startswith("id,title,publisher,licence")


def test_datasets_fetch(mirror: Path) -> None:
    ok = runner.invoke(app, ["datasets", "fetch", "statbel_income2021"])
    assert ok.exit_code == 0
    assert "statbel_income2021_per_sector_belgium.csv" in ok.output
    bad = runner.invoke(app, ["datasets", "fetch", "statbel_income"])
    assert bad.exit_code == 2
    assert "Did you mean: statbel_income2021" in bad.stderr


def test_indicators_list() -> None:
    result = runner.invoke(app, ["indicators", "list"])
    assert result.exit_code == 0, result.output
    assert "share_65plus" in result.output
    assert "ratio of sums" in result.output
    csv = runner.invoke(app, ["indicators", "list", "--format", "csv"])
    assert csv.output.startswith("id,label_nl,label_en,unit,direction")
    bad = runner.invoke(app, ["indicators", "list", "--format", "xml"])
    assert bad.exit_code != 0


def test_run_prints_time_per_step_and_peak_memory(mirror: Path, tmp_path: Path) -> None:
    study = tmp_path / "s.toml"
    study.write_text(
        '[study]\nname = "Bertem en Bierbeek"\nmunicipality = ["24009", "24011"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["run", str(study), "--out", str(tmp_path / "out"), "--no-report"])
    assert result.exit_code == 0, result.output
    cost = [line for line in result.output.splitlines() if "Rekentijd" in line]
    assert len(cost) == 1
    assert "inlezen" in cost[0]
    assert "indicatoren en index" in cost[0]
    assert re.search(r"piekgeheugen \d[\d\xa0\u202f ]* MiB", cost[0])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux only (VmHWM)")
def test_peak_memory_is_the_process_own_not_its_parents() -> None:
    # Linux carries ru_maxrss over through fork and exec: a small command started by a
    # process that once held 400 MiB would report 400 MiB. The peak must be its own.
    held = bytearray(400 * 1024 * 1024)
    held[::4096] = b"\x01" * len(held[::4096])  # touch every page
    parent = peak_rss_mib()
    assert parent is not None
    assert parent >= 400
    child = subprocess.run(
        [sys.executable, "-c", "from wijkanalyse.cli import peak_rss_mib; print(peak_rss_mib())"],
        capture_output=True,
        text=True,
        check=True,
    )
    del held
    assert 0 < float(child.stdout) < 300
