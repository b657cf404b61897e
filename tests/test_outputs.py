"""The output folder as a transaction: staging, manifest, swap, atomic files, Ctrl-C.

Unit tests of :mod:`wijkanalyse.outputs` on hand-made folders, and of the parts of
:func:`wijkanalyse.report.render` that write into an existing output folder. The bad inputs
(unusable folders, interrupted runs) are in ``test_bad_input_out.py``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_run

from wijkanalyse import OutputError, outputs, report
from wijkanalyse.study import RunResult


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hidden(out: Path) -> list[str]:
    """Temporary or aside folders of runs into ``out`` (beside it)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def _staged(out: Path, files: dict[str, str]) -> Path:
    """Commit a folder with ``files`` (relative path: text) to ``out`` through a staging."""
    with outputs.Staging(out) as stage:
        for rel, text in files.items():
            (stage.path / rel).parent.mkdir(parents=True, exist_ok=True)
            (stage.path / rel).write_text(text, encoding="utf-8")
        return stage.commit(study_file="s.toml", title="Studie")


# --------------------------------------------------------------------------- staging


def test_commit_writes_a_manifest_of_every_file(tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    manifest_path = _staged(out, {"a.csv": "x\n1\n", "report/index.html": "<p>é</p>"})
    assert manifest_path == out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["tool"] == "wijkanalyse"
    assert (manifest["study_file"], manifest["study_title"]) == ("s.toml", "Studie")
    assert manifest["created"].endswith("+00:00")
    assert manifest["files"] == [
        {"path": "a.csv", "size": 4, "sha256": _sha(out / "a.csv")},
        {"path": "report/index.html", "size": 9, "sha256": _sha(out / "report/index.html")},
    ]
    assert outputs.read_manifest(out) == manifest
    assert _hidden(out) == []


def test_commit_replaces_the_previous_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    _staged(out, {"a.csv": "old", "plans.csv": "old", "report/gebied-x.html": "old"})
    _staged(out, {"a.csv": "new"})
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "a.csv",
        "manifest.json",
    ]
    assert (out / "a.csv").read_text(encoding="utf-8") == "new"
    assert _hidden(out) == []  # the previous folder, renamed aside, is deleted


def test_leaving_without_commit_removes_everything_it_made(tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "OUT"
    seen: list[Path] = []

    def failing_run() -> None:
        with outputs.Staging(out) as stage:
            seen.append(stage.path)
            (stage.path / "a.csv").write_text("x", encoding="utf-8")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        failing_run()
    assert seen[0].parent == out.parent
    assert seen[0].name.startswith(".OUT.wijkanalyse-tmp-")
    assert list(tmp_path.iterdir()) == []  # temporary folder and created parents are gone


def test_staging_path_only_inside_the_block(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="only available inside the `with` block"):
        _ = outputs.Staging(tmp_path / "OUT").path


def test_a_rename_that_fails_keeps_the_previous_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "OUT"
    _staged(out, {"a.csv": "old"})
    real_rename = os.rename

    def rename(src: Any, dst: Any) -> None:
        if Path(src).name.startswith(".OUT.wijkanalyse-tmp-"):
            raise OSError(18, "Invalid cross-device link")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OutputError, match=r"replaced \(Invalid cross-device link\); the previous"):
        _staged(out, {"a.csv": "new"})
    assert (out / "a.csv").read_text(encoding="utf-8") == "old"
    assert _hidden(out) == []


def test_relocate_maps_staged_paths_to_the_final_folder(tmp_path: Path) -> None:
    with outputs.Staging(tmp_path / "OUT") as stage:
        moved = stage.relocate([stage.path / "a.csv", stage.path / "report" / "i.html"], "OUT")
    assert moved == [Path("OUT/a.csv"), Path("OUT/report/i.html")]


# --------------------------------------------------------------------------- manifests


@pytest.mark.parametrize(
    ("text", "ours"),
    [
        ('{"tool": "wijkanalyse", "files": []}', True),
        ('{"tool": "other", "files": []}', False),
        ('{"tool": "wijkanalyse"}', False),
        ("[1, 2]", False),
        ("{not json", False),
    ],
)
def test_read_manifest(tmp_path: Path, text: str, ours: bool) -> None:
    (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    assert (outputs.read_manifest(tmp_path) is not None) is ours


def test_record_updates_the_manifest_for_rewritten_files(tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    _staged(out, {"a.csv": "old", "report/index.html": "old"})
    (out / "report" / "index.html").write_text("rewritten", encoding="utf-8")
    (out / "report" / "wijk-1.html").write_text("new page", encoding="utf-8")
    outputs.record(out, [out / "report" / "index.html", out / "report" / "wijk-1.html"])
    entries = {e["path"]: e for e in json.loads((out / "manifest.json").read_text())["files"]}
    assert list(entries) == ["a.csv", "report/index.html", "report/wijk-1.html"]
    assert entries["report/index.html"]["sha256"] == _sha(out / "report" / "index.html")
    assert entries["report/wijk-1.html"]["size"] == 8
    # a folder without a manifest (written before manifests) gets none
    old = tmp_path / "old"
    old.mkdir()
    (old / "a.csv").write_text("x", encoding="utf-8")
    outputs.record(old, [old / "a.csv"])
    assert not (old / "manifest.json").exists()


# --------------------------------------------------------------------------- single files


def test_replacing_swaps_in_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("old", encoding="utf-8")
    with outputs.replacing(path) as part:
        assert part.parent == tmp_path
        assert part.suffix == ".html"  # writers that choose a format by suffix still work
        part.write_text("new", encoding="utf-8")
        assert path.read_text(encoding="utf-8") == "old"  # untouched until the block ends
    assert path.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_replacing_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_text("old", encoding="utf-8")

    def interrupted_write() -> None:
        with outputs.replacing(path) as part:
            part.write_text("half", encoding="utf-8")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_write()
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.pdf"]


# --------------------------------------------------------------------------- Ctrl-C


@pytest.fixture
def default_sigint() -> Iterator[None]:
    """Python's own SIGINT handler during the test (whatever the runner installed)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.05)  # the handler runs at the next bytecode; this is a safe margin


@pytest.mark.usefixtures("default_sigint")
def test_a_swallowed_interrupt_is_raised_at_the_next_check() -> None:
    with outputs.interrupt_guard():
        assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler
        with contextlib.suppress(KeyboardInterrupt):  # what WeasyPrint does in write_pdf
            _ctrl_c()
        with pytest.raises(KeyboardInterrupt):
            outputs.check_interrupt()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored
    outputs.check_interrupt()  # outside the guard: nothing recorded, nothing raised


@pytest.mark.usefixtures("default_sigint")
def test_an_interrupt_is_raised_at_once_inside_the_guard() -> None:
    reached: list[str] = []

    def guarded() -> None:
        with outputs.interrupt_guard():
            _ctrl_c()
            reached.append("after Ctrl-C")

    with pytest.raises(KeyboardInterrupt):
        guarded()
    assert reached == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.usefixtures("default_sigint")
def test_an_interrupt_is_held_back_in_a_critical_section() -> None:
    with outputs.interrupt_guard():
        with outputs.folder._deferred():
            _ctrl_c()  # recorded, not raised: the swap must not stop half-way
        with pytest.raises(KeyboardInterrupt):
            outputs.check_interrupt()


@pytest.mark.usefixtures("default_sigint")
def test_nested_guards_share_the_outer_one() -> None:
    with outputs.interrupt_guard():
        installed = signal.getsignal(signal.SIGINT)
        with outputs.interrupt_guard():
            assert signal.getsignal(signal.SIGINT) is installed
        assert signal.getsignal(signal.SIGINT) is installed  # the inner one restored nothing
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_ignored_sigint_stays_ignored() -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with outputs.interrupt_guard():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            _ctrl_c()
            outputs.check_interrupt()
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("default_sigint")
def test_a_handler_of_the_caller_is_still_called() -> None:
    calls: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: calls.append(signum))
    try:
        with outputs.interrupt_guard():
            _ctrl_c()
            assert calls == [signal.SIGINT]
            with pytest.raises(KeyboardInterrupt):
                outputs.check_interrupt()
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("default_sigint")
def test_no_handler_outside_the_main_thread() -> None:
    seen: list[Any] = []

    def work() -> None:
        with outputs.interrupt_guard():
            seen.append(signal.getsignal(signal.SIGINT))
            outputs.check_interrupt()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [signal.default_int_handler]


# --------------------------------------------------------------------------- report.render


@pytest.mark.integration
def test_render_without_pdf_writes_no_pdf_and_updates_the_manifest(
    leuven_run: RunResult, tmp_path: Path
) -> None:
    out = copy_run(leuven_run.out, tmp_path / "out")
    before = outputs.read_manifest(out)
    assert before is not None
    files = report.render(out, units=["240621"], pdf=False)
    assert sorted(p.name for p in (out / "maps").iterdir()) == ["overzicht.html", "overzicht.png"]
    assert not list((out / "report").glob("*.pdf"))
    entries = {e["path"]: e for e in json.loads((out / "manifest.json").read_text())["files"]}
    for f in files:
        rel = f.relative_to(out).as_posix()
        assert entries[rel]["sha256"] == _sha(f), rel
    assert not list(out.rglob(".*.part-*"))


@pytest.mark.integration
def test_an_interrupted_render_leaves_every_page_whole(
    leuven_run: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    shutil.copytree(leuven_run.out, out)
    pages = ["index.html", "wijk-240621.html", "gebied-hoogland.html"]
    old = {name: _sha(out / "report" / name) for name in pages}
    real = outputs.replacing
    written: list[str] = []

    def interrupting(path: Any) -> Any:
        written.append(Path(path).name)
        if Path(path).name == "wijk-240621.html":
            _ctrl_c()  # Ctrl-C once the map and the overview page are written
        return real(path)

    monkeypatch.setattr(outputs, "replacing", interrupting)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            report.render(out, units=["240621", "Hoogland"], language="en", pdf=False, workers=1)
    finally:
        signal.signal(signal.SIGINT, previous)
    # English is a set of its own (report-en/, maps-en/): its maps and overview were
    # written before the interrupt (the overview page straight after the printed map it
    # shows), its wijk page never was
    assert written == ["overzicht.png", "index.html", "overzicht.html", "wijk-240621.html"]
    new_index = (out / "report-en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in new_index  # written before the interrupt: the new version
    assert not (out / "report-en" / "wijk-240621.html").exists()
    # the Dutch set is as it was, page for page
    assert {name: _sha(out / "report" / name) for name in pages} == old
    assert not list(out.rglob(".*.part-*"))  # nothing half-written left behind


@pytest.mark.integration
def test_a_study_without_index_renders_over_stale_index_tables(
    leuven_run: RunResult, tmp_path: Path
) -> None:
    # issue 18: a study without [index] crashed in the map ('NoneType' object has no
    # attribute 'get') when an index table was there; the provenance says "index": null
    out = copy_run(leuven_run.out, tmp_path / "out")
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    prov["study"]["index"] = None
    (out / "provenance.json").write_text(json.dumps(prov), encoding="utf-8")
    report.render(out, units=["240621"], pdf=False)
    text = (out / "report" / "wijk-240621.html").read_text(encoding="utf-8")
    assert "Wijkrapport" in text
