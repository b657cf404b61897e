"""Benchmark of the maps and reports: the Leuven example's 29 pages with their PDFs.

``report``: :func:`wijkanalyse.report.render` of one finished Leuven run (``wijkanalyse run
examples/leuven.toml --no-report``), all pages and all PDFs, by this checkout and by an
earlier commit side by side, each in a fresh process on its own copy of the same run folder.
The earlier commit's package is taken with ``git archive`` (no work tree is touched) and run
with the same environment. Measured: wall time and the peak resident memory of the whole
process tree (the parent and any page workers, sampled every 50 ms with psutil).

Environment:

* ``WIJKANALYSE_BENCH_BASE``: the earlier commit (default ``64756a7``, the last commit before
  the report work of issue 23);
* ``WIJKANALYSE_BENCH_RUN``: a finished run folder to render (default: the example is run
  once, without reports, into a temporary folder, which takes about two minutes).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from benchmarks.run import Row

ROOT = Path(__file__).resolve().parents[1]
BASE = os.environ.get("WIJKANALYSE_BENCH_BASE", "64756a7")

_RENDER = (
    "import sys, wijkanalyse as wa; "
    "assert wa.__file__.startswith(sys.path[1]), wa.__file__; "  # the package asked for
    "wa.report.render(sys.argv[1])"
)


def _package_at(commit: str, into: Path) -> Path:
    """Extract the ``wijkanalyse`` package of ``commit`` into ``into``; return that folder."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "src.tar"
    with archive.open("wb") as fh:
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "wijkanalyse"],
            stdout=fh,
            check=True,
        )
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def _timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Run ``cmd``; return its wall seconds and the peak RSS (MiB) of its process tree."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    parent = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    if proc.returncode:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return seconds, peak / 2**20


def _run_folder(tmp: Path) -> Path:
    given = os.environ.get("WIJKANALYSE_BENCH_RUN")
    if given:
        return Path(given)
    out = tmp / "run"
    subprocess.run(
        [
            *(sys.executable, "-m", "wijkanalyse", "run"),
            *(str(ROOT / "examples" / "leuven.toml"), "--out", str(out), "--no-report"),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def case_report(quick: bool) -> list[Row]:
    """Render the Leuven run with PDFs by the earlier commit and by this checkout."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="wa-bench-report-") as name:
        tmp = Path(name)
        run = _run_folder(tmp)
        results: dict[str, tuple[float, float, set[str]]] = {}
        for label, src in (
            (f"wijkanalyse {BASE} (before)", _package_at(BASE, tmp / "base")),
            ("wijkanalyse (this checkout)", ROOT),
        ):
            folder = tmp / f"out-{len(results)}"
            shutil.copytree(run, folder, ignore=shutil.ignore_patterns("report*", "maps*"))
            env = {**os.environ, "PYTHONPATH": str(src)}
            # from a folder without a package in it: ``-c`` puts the working folder first
            seconds, peak = _timed([sys.executable, "-c", _RENDER, str(folder)], env, tmp)
            written = {
                p.relative_to(folder).as_posix()
                for p in folder.rglob("*")
                if p.parent.name in ("report", "maps") and p.is_file()
            }
            results[label] = (seconds, peak, written)
        (_, (t_new, _, new_files)) = list(results.items())[-1]
        for label, (seconds, peak, files) in results.items():
            same = "yes" if files == new_files else f"{len(files)} vs {len(new_files)} files"
            rows.append(
                Row(
                    "report",
                    f"Leuven {sum(f.endswith('.pdf') for f in files)} PDFs",
                    label,
                    seconds,
                    seconds / t_new,
                    f"same files: {same}",
                    peak,
                )
            )
    return rows
