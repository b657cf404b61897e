"""The output folder's lifecycle: written whole or not at all.

A run never writes into its output folder ``OUT`` directly. :func:`check_out` looks at
``OUT`` before any work and refuses a path that cannot be used (a file, a parent that
cannot be created or written, a read-only folder, a folder with files wijkanalyse did not
write). :class:`Staging` then gives the run a fresh hidden folder beside ``OUT`` (same
parent, so the final rename stays on one filesystem), named
``.<OUT name>.wijkanalyse-tmp-<host>-<pid>-<random>``. Everything goes there: tables,
GeoPackage, provenance, maps and reports. :meth:`Staging.commit` writes ``manifest.json``
last (tool, version, study, time, and every file with its size and SHA-256), then swaps:
the previous ``OUT`` is renamed aside (``.<OUT name>.wijkanalyse-old-…``), the new folder
renamed in, the old one deleted. A run that fails or is interrupted removes its temporary
folder and leaves the previous ``OUT`` as it was.

What counts as a wijkanalyse output folder, to be replaced whole:

* a folder with a ``manifest.json`` of wijkanalyse: every file in it must be listed there;
* a folder of a run from before manifests (a ``provenance.json`` of wijkanalyse): every file
  must be one a run writes (``*.csv``, ``wijkanalyse.gpkg``, ``provenance.json``,
  ``maps/overzicht.*``, ``report/*.html``, ``report/*.pdf``).

Any other non-empty folder is refused, and so is an output folder in which someone put
files of their own: a run deletes only files it can tell it wrote. There is deliberately no
``--force``: to reuse such a folder, empty it (or move the files) yourself.

Temporary folders left by a run that was killed (no chance to clean up) are removed by the
next run into the same ``OUT`` on the same machine once their process no longer exists; an
aside folder of a run killed in the middle of its swap is renamed back to ``OUT``.

Ctrl-C: :func:`interrupt_guard` installs a SIGINT handler for the length of a run that
records the interrupt as well as raising :class:`KeyboardInterrupt`, so an interrupt that a
library swallows (WeasyPrint does, inside ``write_pdf``) is raised again at the next
:func:`check_interrupt` between steps and pages.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import fnmatch
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from wijkanalyse import settings
from wijkanalyse._errors import OutputError

__all__ = [
    "MANIFEST",
    "Staging",
    "check_interrupt",
    "check_out",
    "interrupt_guard",
    "read_manifest",
    "record",
    "replacing",
]

#: The file that marks a folder as a wijkanalyse output; written last, before the swap.
MANIFEST = "manifest.json"
_PROVENANCE = "provenance.json"
_TOOL = "wijkanalyse"
#: What a run wrote before manifests existed (relative paths, ``fnmatch`` patterns).
_OLD_STYLE = (
    "*.csv",
    "wijkanalyse.gpkg",
    _PROVENANCE,
    "maps/overzicht.*",
    "report/*.html",
    "report/*.pdf",
)
#: Half-written files of :func:`replacing` in a run that was killed.
_PART = re.compile(r"(^|/)\.[^/]+\.part-[0-9a-f]{8}(\.[^/]*)?$")
_NAME_MAX = 100  # characters of OUT's name used in the hidden folders' names
_FIX = "Choose another output folder (wijkanalyse run STUDY --out OTHER, or Study.run(OTHER))"


# --------------------------------------------------------------------------- checking OUT


def check_out(out: str | Path, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Refuse an output folder that a run cannot use; return it as an absolute path.

    Nothing is written. ``inputs`` are the files the run reads (study file, registers,
    tables): an output folder that contains one is refused, since a run replaces its whole
    output folder.

    Raises
    ------
    OutputError
        ``out`` is a file, its parent cannot be created or written, it is read-only, it
        contains an input, the current folder, or lies in the dataset mirror or cache, or it
        holds files that wijkanalyse did not write.
    """
    given = str(out)
    target = Path(out).expanduser().resolve()
    if target.exists() and not target.is_dir():
        raise OutputError(
            f"output folder {given!r} is a file, not a folder. {_FIX}, or move the file away."
        )
    if target.parent == target:
        raise OutputError(f"output folder {given!r} is the root of a filesystem. {_FIX}.")
    _check_place(given, target, inputs)
    _check_parent(given, target)
    if target.is_dir():
        _check_writable(given, target)
        _check_owned(given, target)
    return target


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_place(given: str, target: Path, inputs: Iterable[str | Path]) -> None:
    cwd = Path.cwd().resolve()
    if _inside(cwd, target):
        raise OutputError(
            f"output folder {given!r} contains the current folder ({cwd}); a run replaces its "
            f"whole output folder. {_FIX}, e.g. --out {target / 'OUT'}."
        )
    for name, where in (
        ("dataset mirror", settings.resolved_data_mirror()),
        ("download cache", settings.resolved_cache_dir()),
    ):
        if where is None:
            continue
        where = where.expanduser().resolve()
        if _inside(target, where) or _inside(where, target):
            raise OutputError(
                f"output folder {given!r} overlaps the {name} {str(where)!r}; outputs would mix "
                f"with the data. {_FIX} outside {str(where)!r}."
            )
    for item in inputs:
        path = Path(item).expanduser().resolve()
        if _inside(path, target):
            raise OutputError(
                f"output folder {given!r} contains the input {str(path)!r}; a run replaces its "
                f"whole output folder, inputs included. {_FIX}, e.g. --out {target / 'OUT'}."
            )


def _check_parent(given: str, target: Path) -> None:
    ancestor = target.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(
            f"output folder {given!r} cannot be created: {str(ancestor)!r} is a file. {_FIX}."
        )
    if not os.access(ancestor, os.W_OK | os.X_OK):
        what = "its parent" if ancestor == target.parent else "the existing folder"
        raise OutputError(
            f"output folder {given!r} cannot be written: {what} {str(ancestor)!r} is not "
            f"writable (the run writes a temporary folder beside the output folder and renames "
            f"it). {_FIX}, or make {str(ancestor)!r} writable."
        )


def _check_writable(given: str, target: Path) -> None:
    for folder, dirs, _ in os.walk(target):
        if not os.access(folder, os.W_OK | os.X_OK):
            where = "" if Path(folder) == target else f" (its subfolder {folder!r})"
            raise OutputError(
                f"output folder {given!r} is read-only{where}: the previous outputs in it "
                f"cannot be replaced. Make it writable (chmod -R u+w {str(target)!r}) or choose "
                f"another output folder (--out OTHER, or Study.run(OTHER))."
            )
        dirs.sort()


def _files(folder: Path) -> list[str]:
    """Every file (and link) under ``folder``, as sorted relative POSIX paths."""
    found = []
    for root, dirs, names in os.walk(folder):
        for name in names + [d for d in dirs if Path(root, d).is_symlink()]:
            found.append(Path(root, name).relative_to(folder).as_posix())
    return sorted(found)


def read_manifest(folder: str | Path) -> dict[str, Any] | None:
    """Return the manifest of a wijkanalyse output folder (``None``: it has none)."""
    path = Path(folder) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("tool") != _TOOL:
        return None
    if not isinstance(data.get("files"), list):
        return None
    return data


def _old_style(folder: Path) -> bool:
    try:
        data = json.loads((folder / _PROVENANCE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("package") == _TOOL


def _check_owned(given: str, target: Path) -> None:
    files = [f for f in _files(target) if not _PART.search(f)]
    if not files:
        return
    manifest = read_manifest(target)
    if manifest is not None:
        listed = {str(e.get("path")) for e in manifest["files"] if isinstance(e, dict)}
        foreign = [f for f in files if f not in listed and f != MANIFEST]
        kind = "the output of an earlier wijkanalyse run"
    elif _old_style(target):
        foreign = [f for f in files if not any(fnmatch.fnmatch(f, p) for p in _OLD_STYLE)]
        kind = "the output of an earlier wijkanalyse run (from before manifests)"
    else:
        shown = _listing(files)
        raise OutputError(
            f"output folder {given!r} is not empty and is not a wijkanalyse output folder (it "
            f"has no {MANIFEST} or {_PROVENANCE} of a run); it holds {shown}. A run replaces "
            f"its whole output folder and never deletes files it did not write: {_FIX[0].lower()}"
            f"{_FIX[1:]}, a new or empty one."
        )
    if foreign:
        raise OutputError(
            f"output folder {given!r} is {kind}, but also holds files that run did not write: "
            f"{_listing(foreign)}. A run replaces its whole output folder: move these files "
            f"elsewhere, or choose another output folder (--out OTHER, or Study.run(OTHER))."
        )


def _listing(files: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(files[:limit])
    return shown + (f" and {len(files) - limit} more" if len(files) > limit else "")


# --------------------------------------------------------------------------- the transaction


def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


def _hidden(target: Path, kind: str) -> str:
    return f".{target.name[:_NAME_MAX]}.wijkanalyse-{kind}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":
        return True  # on Windows os.kill(pid, 0) would end that process: never ask
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, ValueError, OverflowError):
        return True  # someone else's process, or no way to tell: leave its folder alone
    return True


def _leftovers(target: Path) -> None:
    """Remove what killed runs into ``target`` on this machine left beside it."""
    pattern = re.compile(
        re.escape(f".{target.name[:_NAME_MAX]}.wijkanalyse-")
        + r"(tmp|old)-"
        + re.escape(_host())
        + r"-(\d+)-"
    )
    try:
        siblings = sorted(target.parent.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for path in siblings:
        match = pattern.match(path.name)
        if match is None or not path.is_dir() or _alive(int(match.group(2))):
            continue
        if match.group(1) == "old" and not target.exists():
            # killed between moving the previous OUT aside and the new one in: restore it
            with contextlib.suppress(OSError):
                os.rename(path, target)
                continue
        shutil.rmtree(path, ignore_errors=True)


def _entry(root: Path, rel: str) -> dict[str, Any]:
    path = root / rel
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return {"path": rel, "size": path.stat().st_size, "sha256": digest.hexdigest()}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    with replacing(path) as tmp:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


class Staging:
    """A fresh temporary folder beside ``target`` that becomes ``target`` on :meth:`commit`.

    Use it as a context manager: on leaving without a commit (an error, Ctrl-C) the
    temporary folder is removed, and so are parent folders it had to create; ``target`` is
    not touched.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> out = Path(tempfile.mkdtemp()) / "OUT"
    >>> with Staging(out) as stage:
    ...     _ = (stage.path / "a.csv").write_text("x")
    ...     _ = stage.commit(title="demo")
    >>> sorted(p.name for p in out.iterdir())
    ['a.csv', 'manifest.json']
    >>> shutil.rmtree(out.parent)
    """

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target).expanduser().resolve()
        self._path: Path | None = None
        self._created: list[Path] = []
        self._committed = False

    @property
    def path(self) -> Path:
        """The temporary folder the run writes into."""
        if self._path is None:
            raise RuntimeError("Staging.path is only available inside the `with` block")
        return self._path

    def __enter__(self) -> Staging:
        missing = []
        parent = self.target.parent
        while not parent.exists():
            missing.append(parent)
            parent = parent.parent
        try:
            for folder in reversed(missing):
                folder.mkdir()
                self._created.append(folder)
            _leftovers(self.target)
            prefix = _hidden(self.target, "tmp") + f"{_host()}-{os.getpid()}-"
            while self._path is None:
                # not tempfile.mkdtemp: its mode 0700 would become OUT's; this one follows
                # the umask, as a folder made by mkdir does
                path = self.target.parent / (prefix + secrets.token_hex(4))
                with contextlib.suppress(FileExistsError):
                    path.mkdir()
                    self._path = path
        except OSError as exc:
            self._remove_created()
            raise OutputError(
                f"output folder {str(self.target)!r}: cannot create a temporary folder beside "
                f"it ({exc.strerror or exc}). {_FIX}."
            ) from exc
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._committed:
            return
        with _deferred():
            if self._path is not None:
                shutil.rmtree(self._path, ignore_errors=True)
            self._remove_created()

    def _remove_created(self) -> None:
        for folder in reversed(self._created):
            with contextlib.suppress(OSError):
                folder.rmdir()

    def relocate(self, paths: Iterable[Path], root: str | Path) -> list[Path]:
        """Map paths written under :attr:`path` to the same paths under ``root``."""
        return [Path(root) / p.relative_to(self.path) for p in paths]

    def commit(self, *, study_file: str | Path | None = None, title: str = "") -> Path:
        """Write the manifest, move the folder into place and delete the previous one.

        Returns the manifest's path in the final folder. An interrupt during the swap is
        held back until the new folder is in place.
        """
        from wijkanalyse import __version__

        check_interrupt()
        files = [f for f in _files(self.path) if f != MANIFEST]
        manifest = {
            "tool": _TOOL,
            "version": __version__,
            "study_file": str(study_file) if study_file is not None else None,
            "study_title": title,
            "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "files": [_entry(self.path, rel) for rel in files],
        }
        _write_json(self.path / MANIFEST, manifest)
        with contextlib.suppress(OSError):  # a shared OUT keeps its permissions
            os.chmod(self.path, stat.S_IMODE(self.target.stat().st_mode))
        with _deferred():  # past this point the run completes
            aside: Path | None = None
            if self.target.exists() or self.target.is_symlink():
                aside = self.target.parent / (
                    _hidden(self.target, "old") + f"{_host()}-{os.getpid()}-{secrets.token_hex(4)}"
                )
                try:
                    os.rename(self.target, aside)
                except OSError as exc:
                    raise OutputError(
                        f"output folder {str(self.target)!r} cannot be replaced "
                        f"({exc.strerror or exc}); the new outputs were not written. {_FIX}."
                    ) from exc
            try:
                os.rename(self.path, self.target)
            except OSError as exc:
                if aside is not None:
                    os.rename(aside, self.target)
                raise OutputError(
                    f"output folder {str(self.target)!r} cannot be replaced "
                    f"({exc.strerror or exc}); the previous outputs are kept. {_FIX}."
                ) from exc
            self._committed = True
            if aside is not None:
                shutil.rmtree(aside, ignore_errors=True)
        return self.target / MANIFEST


# --------------------------------------------------------------------------- single files


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` that replaces ``path`` when the block succeeds.

    The temporary file keeps ``path``'s suffix (writers that choose a format by it still
    work) and is removed if the block fails or is interrupted: a reader never sees a
    half-written file.
    """
    target = Path(path)
    tmp = target.with_name(f".{target.stem}.part-{secrets.token_hex(4)}{target.suffix}")
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def record(folder: str | Path, files: Iterable[str | Path]) -> None:
    """Update the manifest of ``folder`` (if it has one) for files rewritten in it."""
    root = Path(folder)
    manifest = read_manifest(root)
    if manifest is None:
        return
    entries = {str(e.get("path")): e for e in manifest["files"] if isinstance(e, dict)}
    for f in files:
        rel = Path(f).resolve().relative_to(root.resolve()).as_posix()
        if (root / rel).is_file():
            entries[rel] = _entry(root, rel)
    manifest["files"] = [entries[k] for k in sorted(entries)]
    _write_json(root / MANIFEST, manifest)


# --------------------------------------------------------------------------- Ctrl-C

_interrupted = False  # Ctrl-C was pressed inside the guard (kept until the guard ends)
_depth = 0  # nesting of interrupt_guard
_defer = 0  # nesting of critical sections that hold Ctrl-C back


def check_interrupt() -> None:
    """Raise :class:`KeyboardInterrupt` if Ctrl-C was pressed during this guarded run.

    Called between steps and pages, so an interrupt that a library swallowed still ends the
    run. Outside :func:`interrupt_guard`, and inside a critical section, it never raises.
    """
    if _interrupted and not _defer:
        raise KeyboardInterrupt


@contextlib.contextmanager
def _deferred() -> Iterator[None]:
    """Hold back Ctrl-C during a short critical section (cleaning up, the final swap)."""
    global _defer
    _defer += 1
    try:
        yield
    finally:
        _defer -= 1


@contextlib.contextmanager
def interrupt_guard() -> Iterator[None]:
    """Record Ctrl-C for :func:`check_interrupt` while the block runs.

    The handler raises :class:`KeyboardInterrupt` at once, as Python's own does, and also
    remembers the interrupt, so one that a library swallowed is raised again at the next
    :func:`check_interrupt`. Installed only in the main thread (the only one that receives
    signals) and only over Python's default handler or a handler of the caller's (which is
    still called); an ignored SIGINT stays ignored. Nested guards share the outer one. The
    previous handler is restored on leaving.
    """
    global _depth, _interrupted
    previous = signal.getsignal(signal.SIGINT)
    usable = callable(previous) and previous not in (signal.SIG_IGN, signal.SIG_DFL)
    if _depth or not usable or threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        global _interrupted
        _interrupted = True
        if _defer:
            return
        if previous is signal.default_int_handler:
            raise KeyboardInterrupt
        previous(signum, frame)  # type: ignore[misc,operator]

    _interrupted = False
    signal.signal(signal.SIGINT, handler)
    _depth = 1
    try:
        yield
    finally:
        _depth = 0
        signal.signal(signal.SIGINT, previous)
        _interrupted = False
