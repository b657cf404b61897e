"""House style checks: lint, format and types, run as part of the test suite."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
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


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("\n", 1)[1] for b in readme.split("```bash")[1:]]
    return [b.split("```")[0].strip() for b in blocks]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(x for x in ci.splitlines() if x.startswith("TEST_COMMAND="))
    command = line.split("=", 1)[1].strip("'")
    assert f"\n{command}\n" in readme
    commands = _readme_commands()
    assert len(commands) == 2, "the README gives exactly two commands for a fresh machine"
    assert commands[1] == command
    assert "wijkanalyse run examples/leuven.toml" in commands[0]
    # both do all their set-up through the script; the tests' one adds the dev tools
    assert commands[0].startswith("bash scripts/setup.sh && .venv/bin/")
    assert commands[1].startswith("bash scripts/setup.sh --dev && .venv/bin/python -m pytest")
    # CI installs nothing of its own: the command does it, as on a developer's machine
    assert "apt-get" not in ci
    assert "export WIJKANALYSE_REQUIRE_BROWSER=1" in ci
    assert 'bash -c "$TEST_COMMAND"' in ci


def test_setup_script_pins_uv_exactly() -> None:
    script = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    pins = re.findall(r"^UV_VERSION=(\S*)$", script, flags=re.M)
    assert len(pins) == 1
    assert re.fullmatch(r"\d+\.\d+\.\d+", pins[0]), f"uv must be pinned exactly, got {pins[0]}"
    assert '"uv==$UV_VERSION"' in script
    assert "sync --locked" in script  # installs from uv.lock, never re-resolves
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["uv"]["required-version"] == f"=={pins[0]}"


def _requirement(text: str, marker: str | None = None) -> tuple[str, ...]:
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.utils import canonicalize_name

    req = Requirement(text)
    markers = [m for m in (str(req.marker) if req.marker else None, marker) if m]
    return (
        canonicalize_name(req.name),
        ",".join(sorted(req.extras)),
        str(SpecifierSet(str(req.specifier))),
        " and ".join(markers),
    )


def test_lock_is_in_step_with_pyproject() -> None:
    """uv.lock was made from today's pyproject.toml (offline: what the lock recorded of it)."""
    from packaging.specifiers import SpecifierSet

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    project = pyproject["project"]
    expected = {_requirement(r) for r in project["dependencies"]}
    for extra, reqs in project["optional-dependencies"].items():
        expected |= {_requirement(r, f"extra == '{extra}'") for r in reqs}
    (own,) = [p for p in lock["package"] if p["name"] == project["name"]]
    locked = {
        _requirement(
            r["name"]
            + (f"[{','.join(r['extras'])}]" if r.get("extras") else "")
            + r.get("specifier", ""),
            r.get("marker"),
        )
        for r in own["metadata"]["requires-dist"]
    }
    hint = "uv.lock is out of step with pyproject.toml: run .venv/bin/uv lock"
    assert locked == expected, hint
    assert sorted(own["metadata"]["provides-extras"]) == sorted(project["optional-dependencies"])
    assert SpecifierSet(lock["requires-python"]) == SpecifierSet(project["requires-python"]), hint
    assert lock["options"]["fork-strategy"] == pyproject["tool"]["uv"]["fork-strategy"], hint


SETUP = ROOT / "scripts" / "setup.sh"


def test_setup_script_options() -> None:
    bash = shutil.which("bash") or "/bin/bash"
    assert subprocess.run([bash, "-n", str(SETUP)], capture_output=True).returncode == 0
    usage = subprocess.run([bash, str(SETUP), "--help"], capture_output=True, text=True)
    assert usage.returncode == 0
    assert "libharfbuzz-subset0" in usage.stdout
    assert ".venv/bin/uv lock --upgrade" in usage.stdout
    bad = subprocess.run([bash, str(SETUP), "--devv"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "unknown option '--devv'" in bad.stderr


def _fake_bin(tmp_path: Path, tools: dict[str, str]) -> Path:
    """A PATH of a few real tools and stand-ins, so the script runs without touching the machine."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("cut", "dirname", "env", "head", "cat", "grep"):
        real = shutil.which(name)
        assert real is not None
        (bin_dir / name).symlink_to(real)
    for name, body in tools.items():
        path = bin_dir / name
        path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        path.chmod(0o755)
    return bin_dir


def test_setup_script_refuses_an_unsupported_python(tmp_path: Path) -> None:
    bin_dir = _fake_bin(tmp_path, {"python3": "echo 3.10"})
    bash = shutil.which("bash") or "/bin/bash"
    done = subprocess.run(
        [bash, str(SETUP)], env={"PATH": str(bin_dir)}, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "needs Python 3.11, 3.12 or 3.13, but python3 is Python 3.10" in done.stderr
    assert "PYTHON=python3.11 bash scripts/setup.sh" in done.stderr


def test_setup_script_without_root_or_sudo_names_the_packages(tmp_path: Path) -> None:
    # not root, no sudo, nothing installed: the script stops before apt-get and says what to run
    bin_dir = _fake_bin(
        tmp_path,
        {
            "python3": f'exec "{sys.executable}" "$@"',
            "id": "echo 1000",
            "dpkg-query": "exit 1",
            "ldconfig": "exit 0",
            "apt-get": "echo apt-get must not run >&2; exit 99",
        },
    )
    bash = shutil.which("bash") or "/bin/bash"
    done = subprocess.run(
        [bash, str(SETUP), "--dev"],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    packages = (
        "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core chromium libatomic1"
    )
    assert f"missing system packages: {packages}" in done.stderr
    assert "Neither root nor sudo is available" in done.stderr
    assert f"apt-get update && apt-get install -y --no-install-recommends {packages}" in done.stderr
    assert "must not run" not in done.stderr


def test_notebooks_are_committed_without_outputs() -> None:
    import nbformat

    books = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert [b.name for b in books] == [
        "01_data_leuven.ipynb",
        "02_indicators_index.ipynb",
        "03_coverage_gaps.ipynb",
        "04_new_centres.ipynb",
        "05_trends.ipynb",
    ]
    for path in books:
        book = nbformat.read(path, as_version=4)
        nbformat.validate(book)
        for cell in book.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{path.name}: clear the outputs before committing"
                assert cell.execution_count is None, path.name
