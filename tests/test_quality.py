"""House style checks: lint, format and types, run as part of the test suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.skipif(
    shutil.which("ruff") is None and not (Path(sys.executable).parent / "ruff").exists(),
    reason="ruff is a dev dependency",
)
def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", "wijkanalyse", "tests")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", "wijkanalyse", "tests")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_public_api_is_exported() -> None:
    import wijkanalyse

    for name in wijkanalyse.__all__:
        assert hasattr(wijkanalyse, name), name
    assert (ROOT / "wijkanalyse" / "py.typed").is_file()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(x for x in ci.splitlines() if x.startswith("TEST_COMMAND="))
    command = line.split("=", 1)[1].strip("'")
    assert f"\n{command}\n" in readme
    blocks = [b.split("\n", 1)[1] for b in readme.split("```bash")[1:]]
    commands = [b.split("```")[0].strip() for b in blocks]
    assert len(commands) == 2, "the README gives exactly two commands for a fresh machine"
    assert commands[1] == command
    assert "wijkanalyse run examples/leuven.toml" in commands[0]


def test_notebooks_are_committed_without_outputs() -> None:
    import nbformat

    books = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert [b.name for b in books] == [
        "01_data_leuven.ipynb",
        "02_indicators_index.ipynb",
        "03_coverage_gaps.ipynb",
        "04_new_centres.ipynb",
    ]
    for path in books:
        book = nbformat.read(path, as_version=4)
        nbformat.validate(book)
        for cell in book.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{path.name}: clear the outputs before committing"
                assert cell.execution_count is None, path.name
