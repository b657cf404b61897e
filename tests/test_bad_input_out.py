"""Bad-input corpus, family *output folders*: every way OUT can be unusable or a run cut short.

Each case asserts its exact outcome: the :class:`~wijkanalyse.OutputError` message (with
``match=``), or what is in OUT afterwards. The families:

1. **Refused before any work** (:func:`test_refused_before_any_work`): OUT is a file, a path
   under a file, the filesystem root, a non-empty folder that wijkanalyse did not write (no
   manifest, a corrupt manifest, another tool's provenance), a wijkanalyse output holding
   files of the user's (with a manifest, or from before manifests), a folder inside the
   dataset mirror, one holding the download cache, the current folder. The study's load
   step is never reached, OUT is byte-for-byte unchanged and nothing is left beside it.
2. **OUT that holds an input**: the study file's own folder, an old output folder that holds
   a register.
3. **Read-only places** (checked without root's override of file permissions, also when
   the tests run as root):
   a read-only parent, a missing parent under a read-only folder, a read-only OUT, a
   read-only subfolder of OUT.
4. **Accepted, replaced whole**: a new OUT under missing parents, an empty folder, a folder
   with only half-written files of a killed render, a symlink to an earlier output, an
   output from before manifests, the Leuven run's OUT under a second, smaller study without
   ``[index]`` (issue 18: stale plans and area pages stayed, or the map crashed).
5. **Leftovers of killed runs**: a temporary folder of a dead process (removed), of a live
   process or another machine (kept), an aside folder of a run killed mid-swap (the
   previous OUT is put back).
6. **Interrupted or failed runs**: Ctrl-C while loading, computing indicators, writing
   tables, between report pages, swallowed inside the PDF writer, while the manifest is
   written; an error in a step; Ctrl-C during the final swap (the run completes). The
   previous OUT is unchanged and no temporary folder remains.
7. **The command line**: exit code 2 with the message for an unusable OUT, 130 with a Dutch
   (or English) message on Ctrl-C for ``run`` and ``report``, and a real SIGINT sent from
   outside to a ``wijkanalyse run`` subprocess during its report step.

The runs use a small Leuven study (no access, no plan; one wijk report) whose load and
indicator steps are computed once per module, so a case costs the writing only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from wijkanalyse import DataError, OutputError, outputs, report, settings
from wijkanalyse.cli import app
from wijkanalyse.study import Analysis, RunResult, Study, StudyData
from wijkanalyse.study import write as study_write

SMALL: dict[str, Any] = {
    "study": {"name": "Leuven", "municipality": "24062"},
    "report": {"wijken": ["240621"]},
}
#: What the small study writes with a report and without PDFs.
SMALL_FILES = {
    "facilities.csv",
    "indicator_definitions.csv",
    "indicators_deelgemeenten.csv",
    "indicators_sectors.csv",
    "indicators_wijken.csv",
    "manifest.json",
    "maps/overzicht.html",
    "maps/overzicht.png",
    "provenance.json",
    "report/index.html",
    "report/wijk-240621.html",
    "sectors.csv",
    "wijkanalyse.gpkg",
    "wijken.csv",
}
SMALL_TABLES = {f for f in SMALL_FILES if "/" not in f}


# --------------------------------------------------------------------------- helpers


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder``: relative path → sha256 (what "unchanged" compares)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _beside(out: Path) -> list[str]:
    """Temporary and aside folders of runs into ``out``."""
    if not out.parent.is_dir():
        return []
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def _previous(out: Path) -> Path:
    """An earlier wijkanalyse output at ``out``: a table, a plan, an area page, a manifest."""
    with outputs.Staging(out) as stage:
        (stage.path / "report").mkdir()
        for rel in ("sectors.csv", "plans.csv", "report/gebied-hoogland.html"):
            (stage.path / rel).write_text(f"earlier study: {rel}\n", encoding="utf-8")
        stage.commit(title="earlier study")
    return out


def _host() -> str:
    return outputs.folder._host()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.05)  # the handler runs at the next bytecode; a safe margin


@pytest.fixture
def default_sigint() -> Iterator[None]:
    """Python's own SIGINT handler during the test (whatever the runner installed)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.fixture(scope="module")
def small_results(mirror: Path) -> tuple[StudyData, Analysis]:
    study = Study.from_dict(SMALL)
    data = study.load()
    return data, study.analyse(data)


@pytest.fixture
def small(small_results: tuple[StudyData, Analysis], monkeypatch: pytest.MonkeyPatch) -> Study:
    """The small study; its load and indicator steps return the module's results."""
    data, analysis = small_results
    monkeypatch.setattr(Study, "load", lambda self: data)
    monkeypatch.setattr(Study, "analyse", lambda self, data, **kw: analysis)
    return Study.from_dict(SMALL)


@pytest.fixture
def never_loads(monkeypatch: pytest.MonkeyPatch) -> Study:
    """A study whose load step fails the test: OUT must be refused before it."""

    def load(self: Study) -> StudyData:
        raise AssertionError("the run started its work before checking OUT")

    monkeypatch.setattr(Study, "load", load)
    return Study.from_dict(SMALL)


# --------------------------------------------------------------------------- 1. refused


def _a_file(tmp: Path) -> Path:
    (tmp / "OUT").write_text("not a folder", encoding="utf-8")
    return tmp / "OUT"


def _under_a_file(tmp: Path) -> Path:
    (tmp / "notes.txt").write_text("x", encoding="utf-8")
    return tmp / "notes.txt" / "sub" / "OUT"


def _foreign(tmp: Path) -> Path:
    out = tmp / "OUT"
    (out / "data").mkdir(parents=True)
    (out / "thesis.docx").write_bytes(b"PK\x03\x04")
    (out / "data" / "x.csv").write_text("a\n1\n", encoding="utf-8")
    return out


def _many_foreign(tmp: Path) -> Path:
    out = tmp / "OUT"
    out.mkdir()
    for name in "abcdefg":
        (out / f"{name}.txt").write_text(name, encoding="utf-8")
    return out


def _corrupt_manifest(tmp: Path) -> Path:
    out = tmp / "OUT"
    out.mkdir()
    (out / "manifest.json").write_text("{", encoding="utf-8")
    (out / "sectors.csv").write_text("sector\n", encoding="utf-8")
    return out


def _other_tools_provenance(tmp: Path) -> Path:
    out = tmp / "OUT"
    out.mkdir()
    (out / "provenance.json").write_text('{"package": "other-tool"}', encoding="utf-8")
    (out / "sectors.csv").write_text("sector\n", encoding="utf-8")
    return out


def _manifest_and_user_files(tmp: Path) -> Path:
    out = _previous(tmp / "OUT")
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "report" / "annotated.pdf").write_bytes(b"%PDF")
    return out


def _old_style_and_user_files(tmp: Path) -> Path:
    out = tmp / "OUT"
    (out / "maps").mkdir(parents=True)
    (out / "provenance.json").write_text('{"package": "wijkanalyse"}', encoding="utf-8")
    (out / "sectors.csv").write_text("sector\n", encoding="utf-8")
    (out / "maps" / "overzicht.html").write_text("<html>", encoding="utf-8")
    (out / "maps" / "my-layer.qgz").write_bytes(b"qgis")
    return out


def _in_the_mirror(tmp: Path) -> Path:
    (tmp / "mirror").mkdir()
    settings.data_mirror = tmp / "mirror"
    return tmp / "mirror" / "OUT"


def _holding_the_cache(tmp: Path) -> Path:
    settings.cache_dir = tmp / "OUT" / "cache"
    return tmp / "OUT"


def _the_current_folder(tmp: Path) -> Path:
    (tmp / "OUT").mkdir()
    os.chdir(tmp / "OUT")  # restored by the test (monkeypatch.chdir records it first)
    return tmp / "OUT"


REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "out_is_a_file": (
        _a_file,
        r"output folder '[^']*/OUT' is a file, not a folder\. Choose another output folder "
        r"\(wijkanalyse run STUDY --out OTHER, or Study\.run\(OTHER\)\), or move the file away\.",
    ),
    "parent_is_a_file": (
        _under_a_file,
        r"output folder '[^']*/notes\.txt/sub/OUT' cannot be created: '[^']*/notes\.txt' is a "
        r"file\. Choose another output folder",
    ),
    "not_a_wijkanalyse_folder": (
        _foreign,
        r"output folder '[^']*/OUT' is not empty and is not a wijkanalyse output folder \(it has "
        r"no manifest\.json or provenance\.json of a run\); it holds data/x\.csv, thesis\.docx\. "
        r"A run replaces its whole output folder and never deletes files it did not write: "
        r"choose another output folder .*, a new or empty one\.",
    ),
    "seven_foreign_files": (
        _many_foreign,
        r"it holds a\.txt, b\.txt, c\.txt, d\.txt, e\.txt and 2 more\.",
    ),
    "corrupt_manifest": (_corrupt_manifest, r"is not empty and is not a wijkanalyse output"),
    "another_tools_provenance": (_other_tools_provenance, r"is not a wijkanalyse output folder"),
    "wijkanalyse_output_with_user_files": (
        _manifest_and_user_files,
        r"output folder '[^']*/OUT' is the output of an earlier wijkanalyse run, but also holds "
        r"files that run did not write: notes\.txt, report/annotated\.pdf\. A run replaces its "
        r"whole output folder: move these files elsewhere, or choose another output folder",
    ),
    "old_style_output_with_user_files": (
        _old_style_and_user_files,
        r"is the output of an earlier wijkanalyse run \(from before manifests\), but also holds "
        r"files that run did not write: maps/my-layer\.qgz\.",
    ),
    "inside_the_data_mirror": (
        _in_the_mirror,
        r"output folder '[^']*/mirror/OUT' overlaps the dataset mirror '[^']*/mirror'; outputs "
        r"would mix with the data\. Choose another output folder .* outside '[^']*/mirror'\.",
    ),
    "holding_the_download_cache": (_holding_the_cache, r"overlaps the download cache"),
    "the_current_folder": (
        _the_current_folder,
        r"output folder '[^']*/OUT' contains the current folder \([^)]*/OUT\); a run replaces "
        r"its whole output folder\. Choose another output folder .*, e\.g\. --out [^ ]*/OUT/OUT\.",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_before_any_work(
    case: str, never_loads: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    setup, message = REFUSED[case]
    out = setup(tmp_path)
    before = _tree(tmp_path)
    with pytest.raises(OutputError, match=message):
        never_loads.run(out)
    assert _tree(tmp_path) == before
    assert _beside(out) == []


def test_the_filesystem_root_is_refused(never_loads: Study) -> None:
    with pytest.raises(OutputError, match=r"output folder '/' is the root of a filesystem\."):
        never_loads.run("/")


# --------------------------------------------------------------------------- 2. inputs


def test_the_study_files_folder_is_refused(never_loads: Study, tmp_path: Path) -> None:
    folder = tmp_path / "studie"
    folder.mkdir()
    (folder / "leuven.toml").write_text(
        (EXAMPLES / "leuven.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    study = Study.from_dict(SMALL, base_dir=folder, path=folder / "leuven.toml")
    before = _tree(tmp_path)
    with pytest.raises(
        OutputError,
        match=r"output folder '[^']*/studie' contains the input '[^']*/studie/leuven\.toml'; a "
        r"run replaces its whole output folder, inputs included\. Choose another output folder "
        r".*, e\.g\. --out [^ ]*/studie/OUT\.",
    ):
        study.run(folder)
    assert _tree(tmp_path) == before


def test_an_output_folder_holding_a_register_is_refused(never_loads: Study, tmp_path: Path) -> None:
    out = _previous(tmp_path / "OUT")
    (out / "register.csv").write_text("name,type,x,y\n", encoding="utf-8")
    raw = {**SMALL, "facilities": [{"source": "OUT/register.csv", "x_col": "x", "y_col": "y"}]}
    with pytest.raises(OutputError, match=r"contains the input '[^']*/OUT/register\.csv'"):
        Study.from_dict(raw, base_dir=tmp_path).run(out)


# --------------------------------------------------------------------------- 3. read-only


@pytest.fixture
def open_tmp(tmp_path: Path) -> Iterator[Path]:
    """``tmp_path``, its folders made writable again after the test (for the clean-up)."""
    yield tmp_path
    for folder in [tmp_path, *tmp_path.rglob("*")]:
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)


def _refusals(places: list[Path]) -> list[str]:
    """The message of ``check_out`` for each place, for a user bound by file permissions.

    Root may write anywhere, read-only or not; as root the checks run in a child process
    without the capabilities that override file permissions (util-linux ``setpriv``).
    """
    if os.geteuid() != 0:
        messages = []
        for out in places:
            with pytest.raises(OutputError) as err:
                outputs.check_out(out)
            messages.append(str(err.value))
        return messages
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions do not bind root")
    code = textwrap.dedent(
        """
        import sys
        from wijkanalyse import OutputError, outputs
        for out in sys.argv[1:]:
            try:
                outputs.check_out(out)
            except OutputError as exc:
                print(exc)
            else:
                print("accepted")
        """
    )
    caps = "-dac_override,-dac_read_search"
    done = subprocess.run(
        [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", sys.executable, "-c", code]
        + [str(p) for p in places],
        cwd="/",
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def test_read_only_places_are_refused(open_tmp: Path) -> None:
    for case in ("parent", "ancestor"):
        (open_tmp / case / "ro").mkdir(parents=True)
        (open_tmp / case / "ro").chmod(0o555)
    read_only = _previous(open_tmp / "read-only" / "OUT")
    for folder in (read_only, read_only / "report"):
        folder.chmod(0o555)
    sub = _previous(open_tmp / "subfolder" / "OUT")
    (sub / "report").chmod(0o555)
    parent, ancestor = open_tmp / "parent" / "ro", open_tmp / "ancestor" / "ro"
    messages = _refusals([parent / "OUT", ancestor / "a" / "b" / "OUT", read_only, sub])
    assert messages == [
        # a read-only parent
        f"output folder '{parent}/OUT' cannot be written: its parent '{parent}' is not writable "
        "(the run writes a temporary folder beside the output folder and renames it). Choose "
        "another output folder (wijkanalyse run STUDY --out OTHER, or Study.run(OTHER)), or "
        f"make '{parent}' writable.",
        # missing parents under a read-only folder
        f"output folder '{ancestor}/a/b/OUT' cannot be written: the existing folder "
        f"'{ancestor}' is not writable (the run writes a temporary folder beside the output "
        "folder and renames it). Choose another output folder (wijkanalyse run STUDY --out "
        f"OTHER, or Study.run(OTHER)), or make '{ancestor}' writable.",
        # a read-only output folder
        f"output folder '{read_only}' is read-only: the previous outputs in it cannot be "
        f"replaced. Make it writable (chmod -R u+w '{read_only}') or choose another output "
        "folder (--out OTHER, or Study.run(OTHER)).",
        # a read-only subfolder of the output folder
        f"output folder '{sub}' is read-only (its subfolder '{sub}/report'): the previous "
        f"outputs in it cannot be replaced. Make it writable (chmod -R u+w '{sub}') or choose "
        "another output folder (--out OTHER, or Study.run(OTHER)).",
    ]


# --------------------------------------------------------------------------- 4. accepted


def test_missing_parents_are_created(small: Study, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "OUT"
    result = small.run(out, report=False)
    assert set(_tree(out)) == SMALL_TABLES
    assert result.out == out
    assert {p.relative_to(out).as_posix() for p in result.files} == SMALL_TABLES
    assert all(p.is_file() for p in result.files)


def test_an_empty_folder_is_used(small: Study, tmp_path: Path) -> None:
    (tmp_path / "OUT").mkdir()
    small.run(tmp_path / "OUT", report=False)
    assert set(_tree(tmp_path / "OUT")) == SMALL_TABLES
    assert _beside(tmp_path / "OUT") == []


def test_half_written_files_of_a_killed_render_do_not_block(small: Study, tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    (out / "report").mkdir(parents=True)
    (out / "report" / ".wijk-240621.part-0badc0de.html").write_text("<ht", encoding="utf-8")
    small.run(out, report=False)
    assert set(_tree(out)) == SMALL_TABLES


def test_a_symlink_to_an_earlier_output_is_followed(small: Study, tmp_path: Path) -> None:
    real = _previous(tmp_path / "real")
    (tmp_path / "OUT").symlink_to(real, target_is_directory=True)
    small.run(tmp_path / "OUT", report=False)
    assert (tmp_path / "OUT").is_symlink()
    assert set(_tree(real)) == SMALL_TABLES  # the folder it points to is replaced


def test_an_output_from_before_manifests_is_replaced_whole(small: Study, tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    (out / "report").mkdir(parents=True)
    (out / "provenance.json").write_text('{"package": "wijkanalyse"}', encoding="utf-8")
    for rel in ("plans.csv", "scenarios.csv", "wijkanalyse.gpkg", "report/gebied-x.pdf"):
        (out / rel).write_text("earlier", encoding="utf-8")
    small.run(out, report=False)
    assert set(_tree(out)) == SMALL_TABLES


@pytest.mark.integration
def test_a_smaller_study_replaces_the_leuven_run(
    small: Study, leuven_run: RunResult, tmp_path: Path
) -> None:
    # issue 18: the second study's report still showed the first one's plans, scenarios and
    # area pages; with no [index] it crashed half-way ('NoneType' object has no attribute 'get')
    out = tmp_path / "OUT"
    shutil.copytree(leuven_run.out, out)
    assert {"plans.csv", "scenarios.csv", "index_wijken.csv", "report/gebied-hoogland.html"} <= set(
        _tree(out)
    )
    assert small.config.index is None
    small.run(out, pdf=False)
    assert set(_tree(out)) == SMALL_FILES
    manifest = outputs.read_manifest(out)
    assert manifest is not None
    assert {e["path"] for e in manifest["files"]} == SMALL_FILES - {"manifest.json"}
    assert all(e["sha256"] == _tree(out)[e["path"]] for e in manifest["files"])
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "gebied-hoogland.html" not in index
    for f in SMALL_FILES:  # no file refers to the temporary folder it was written in
        if f.endswith((".html", ".csv", ".json")):
            assert ".wijkanalyse-tmp-" not in (out / f).read_text(encoding="utf-8"), f
    assert _beside(out) == []


# --------------------------------------------------------------------------- 5. leftovers


def test_a_dead_runs_temporary_folder_is_removed(small: Study, tmp_path: Path) -> None:
    stale = tmp_path / f".OUT.wijkanalyse-tmp-{_host()}-{_dead_pid()}-abcd1234"
    stale.mkdir()
    (stale / "sectors.csv").write_text("half", encoding="utf-8")
    small.run(tmp_path / "OUT", report=False)
    assert _beside(tmp_path / "OUT") == []


def test_live_or_foreign_runs_temporary_folders_are_kept(small: Study, tmp_path: Path) -> None:
    live = tmp_path / f".OUT.wijkanalyse-tmp-{_host()}-{os.getppid()}-abcd1234"
    elsewhere = tmp_path / f".OUT.wijkanalyse-tmp-00000000-{_dead_pid()}-abcd1234"
    for folder in (live, elsewhere):
        folder.mkdir()
    small.run(tmp_path / "OUT", report=False)
    assert _beside(tmp_path / "OUT") == sorted([live.name, elsewhere.name])


@pytest.mark.usefixtures("default_sigint")
def test_an_aside_folder_of_a_run_killed_mid_swap_is_put_back(
    small: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = _previous(tmp_path / "prev")
    expected = _tree(previous)
    aside = tmp_path / f".OUT.wijkanalyse-old-{_host()}-{_dead_pid()}-abcd1234"
    previous.rename(aside)  # killed after moving OUT aside, before moving the new one in
    monkeypatch.setattr(Study, "load", lambda self: _ctrl_c())
    with pytest.raises(KeyboardInterrupt):
        small.run(tmp_path / "OUT")
    assert _tree(tmp_path / "OUT") == expected
    assert _beside(tmp_path / "OUT") == []


# --------------------------------------------------------------------------- 6. interrupted


def _interrupt_after(func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        value = func(*args, **kwargs)
        _ctrl_c()
        return value

    return wrapped


@pytest.mark.usefixtures("default_sigint")
@pytest.mark.parametrize(
    ("where", "owner", "name"),
    [
        ("load", Study, "load"),
        ("indicators", Study, "analyse"),
        ("writing tables", study_write, "_write_analysis"),
        # looked up there; the pages one after the other (the side-by-side case is below)
        ("between report pages", report.builder, "_wijk_page"),
        ("writing the manifest", outputs.folder, "_entry"),
    ],
)
def test_ctrl_c_leaves_the_previous_output_unchanged(
    small: Study,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    owner: Any,
    name: str,
) -> None:
    out = _previous(tmp_path / "OUT")
    before = _tree(out)
    monkeypatch.setattr(report._workers, "workers_for", lambda n_jobs, workers: 0)
    monkeypatch.setattr(owner, name, _interrupt_after(getattr(owner, name)))
    with pytest.raises(KeyboardInterrupt):
        small.run(out, pdf=False)
    assert _tree(out) == before, where
    assert _beside(out) == [], where
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.usefixtures("default_sigint")
def test_ctrl_c_swallowed_by_the_pdf_writer_still_ends_the_run(
    small: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _previous(tmp_path / "OUT")
    before = _tree(out)
    pdfs: list[str] = []

    def swallowing_pdf(html_text: str, *, base: Path) -> bytes:
        with contextlib.suppress(KeyboardInterrupt):  # as WeasyPrint does in write_pdf
            _ctrl_c()
        pdfs.append(html_text[:20])
        return b"%PDF-1.7\n%%EOF\n"

    # the pages one after the other in this process, where WeasyPrint could swallow Ctrl-C
    monkeypatch.setattr(report._workers, "workers_for", lambda n_jobs, workers: 0)
    monkeypatch.setattr(report.builder, "_pdf_support", lambda lang=None: report._PdfSupport(True))
    monkeypatch.setattr(report._pdf, "_pdf_bytes", swallowing_pdf)
    with pytest.raises(KeyboardInterrupt):
        small.run(out, pdf=True)
    assert len(pdfs) == 1  # the first PDF swallowed it; the run stopped before the next page
    assert _tree(out) == before
    assert _beside(out) == []


@pytest.mark.usefixtures("default_sigint")
def test_ctrl_c_while_pages_are_made_side_by_side(
    small: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C reaches the parent (and the workers, which ignore it) while two worker processes
    # make pages: the run stops, the workers are stopped, nothing is left half-written
    out = _previous(tmp_path / "OUT")
    before = _tree(out)
    parent = os.getpid()
    real = report.builder._wijk_page

    def slow_page(*args: Any, **kwargs: Any) -> str:
        os.kill(parent, signal.SIGINT)
        time.sleep(30)  # a page that would take long: the parent must not wait for it
        return str(real(*args, **kwargs))

    monkeypatch.setattr(report._workers, "workers_for", lambda n_jobs, workers: 2)
    monkeypatch.setattr(report.builder, "_wijk_page", slow_page)
    t0 = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        small.run(out, pdf=False)
    assert time.perf_counter() - t0 < 25
    assert _tree(out) == before
    assert _beside(out) == []
    assert multiprocessing.active_children() == []


def test_an_error_in_a_step_leaves_the_previous_output_unchanged(
    small: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _previous(tmp_path / "OUT")
    before = _tree(out)

    def failing(self: Study, *args: Any, **kwargs: Any) -> None:
        raise DataError("access: the road graph has no edges.")

    monkeypatch.setattr(Study, "accessibility", failing)
    with pytest.raises(DataError, match="the road graph has no edges"):
        small.run(out, report=False)
    assert _tree(out) == before
    assert _beside(out) == []


@pytest.mark.usefixtures("default_sigint")
def test_ctrl_c_during_the_final_swap_lets_the_run_complete(
    small: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _previous(tmp_path / "OUT")
    real_rename = os.rename

    def rename(src: Any, dst: Any) -> None:
        real_rename(src, dst)
        if Path(dst) == out.resolve():
            _ctrl_c()  # held back: the new folder is in place, the old one must still go

    monkeypatch.setattr(os, "rename", rename)
    result = small.run(out, report=False)
    assert set(_tree(out)) == SMALL_TABLES
    assert result.out == out
    assert _beside(out) == []


# --------------------------------------------------------------------------- 7. the CLI

runner = CliRunner()


def test_cli_refuses_an_unusable_out_with_exit_code_2(never_loads: Study, tmp_path: Path) -> None:
    (tmp_path / "OUT").write_text("x", encoding="utf-8")
    study = tmp_path / "s.toml"
    study.write_text('[study]\nname = "Leuven"\nmunicipality = "24062"\n', encoding="utf-8")
    res = runner.invoke(app, ["run", str(study), "--out", str(tmp_path / "OUT")])
    assert res.exit_code == 2
    assert "Fout:" in res.stderr
    assert f"output folder '{tmp_path}/OUT' is a file, not a folder." in res.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Onderbroken (Ctrl-C). De uitvoermap {out} is niet gewijzigd; de tijdelijke map is"),
        (["--lang", "en"], "Interrupted (Ctrl-C). The output folder {out} is unchanged; the"),
    ],
)
def test_cli_run_interrupted_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    def interrupted(self: Study, out: Any, **kwargs: Any) -> RunResult:
        raise KeyboardInterrupt

    monkeypatch.setattr(Study, "run", interrupted)
    study = tmp_path / "s.toml"
    study.write_text('[study]\nname = "Leuven"\nmunicipality = "24062"\n', encoding="utf-8")
    res = runner.invoke(app, ["run", str(study), "--out", str(tmp_path / "OUT"), *args])
    assert res.exit_code == 130
    assert message.format(out=tmp_path / "OUT") in res.stderr
    assert res.stdout == ""


def test_cli_report_interrupted_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(out: Any, **kwargs: Any) -> list[Path]:
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "render", interrupted)
    res = runner.invoke(app, ["report", str(tmp_path)])
    assert res.exit_code == 130
    assert (
        f"Onderbroken (Ctrl-C). Elke kaart en elk rapport in {tmp_path} is ofwel opnieuw gemaakt "
        "ofwel ongewijzigd, nooit half geschreven" in res.stderr
    )


#: Runs ``wijkanalyse`` with a PDF writer that, like WeasyPrint, swallows Ctrl-C (and takes a
#: minute); it creates the file ``argv[1]`` once the report step has started.
_CHILD = """
import contextlib, signal, sys, time
from pathlib import Path
from wijkanalyse import report
from wijkanalyse.cli import main

# as a command started from a shell: a test runner started in the background (no job
# control) passes SIGINT on ignored
signal.signal(signal.SIGINT, signal.default_int_handler)

ready = Path(sys.argv[1])

def swallowing_pdf(html_text, *, base):
    ready.write_text("report step", encoding="utf-8")
    deadline = time.monotonic() + 60
    with contextlib.suppress(KeyboardInterrupt):
        while time.monotonic() < deadline:
            time.sleep(0.05)
    return b"%PDF-1.7\\n%%EOF\\n"

# the pages are made in worker processes (which inherit this) or, on one core, here
report._pdf._pdf_bytes = swallowing_pdf
report.builder._pdf_support = lambda lang=None: report._PdfSupport(True)
sys.argv = ["wijkanalyse", *sys.argv[2:]]
main()
"""


@pytest.mark.slow
def test_sigint_from_outside_during_the_report_step(mirror: Path, tmp_path: Path) -> None:
    out = _previous(tmp_path / "OUT")
    before = _tree(out)
    study = tmp_path / "s.toml"
    study.write_text(
        '[study]\nname = "Leuven"\nmunicipality = "24062"\n\n[report]\nwijken = ["240621"]\n',
        encoding="utf-8",
    )
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(ready), "run", str(study), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200", "WIJKANALYSE_CACHE": str(tmp_path / "cache")},
    )
    try:
        deadline = time.monotonic() + 180
        while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ready.exists(), child.communicate(timeout=5)
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130, stderr
    assert f"Onderbroken (Ctrl-C). De uitvoermap {out} is niet gewijzigd" in stderr
    assert "Traceback" not in stderr
    assert stdout == ""
    assert _tree(out) == before
    assert _beside(out) == []
    assert json.loads((out / "manifest.json").read_text())["study_title"] == "earlier study"
