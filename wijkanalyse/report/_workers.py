"""Pages made side by side: each page and its PDF in a worker process, written by the parent.

A page is built from the run's shared pieces (:class:`~wijkanalyse.report._context._Builder`,
the template environment, the common template values), which the workers inherit when they
are forked, so nothing is read or pickled twice; a job is a page's path and what it shows, a
result its HTML and PDF bytes. Only the parent writes files (each replaces its previous
version whole, see :func:`wijkanalyse.outputs.replacing`), so Ctrl-C (ignored by the
workers, which the parent then stops) leaves every page either new or as it was.

Where processes cannot be forked (not Linux) or one worker is asked for, the pages are made
one after the other in this process, the same way.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One page to make: where it goes and how to build it (``build(*args)`` → HTML)."""

    path: Path
    kind: str
    key: str


@dataclass(frozen=True)
class Result:
    """One page made: its HTML and, when asked, its PDF."""

    path: Path
    html: str
    pdf: bytes | None


# the shared pieces of the pages being made, set in the parent before the workers fork
_SHARED: dict[str, Any] = {}


def _make(job: Job) -> Result:
    build: Callable[[str, str], str] = _SHARED["build"]
    text = build(job.kind, job.key)
    pdf = None
    if _SHARED["pdf"]:
        from wijkanalyse.report._pdf import _pdf_bytes

        pdf = _pdf_bytes(text, base=job.path.parent)
    return Result(job.path, text, pdf)


def _serve(conn: Any) -> None:
    """Make the pages the parent sends until it sends ``None`` (in a worker process)."""
    # Ctrl-C reaches the whole process group: the parent decides, the workers carry on
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (job := conn.recv()) is not None:
        try:
            conn.send((True, _make(job)))
        except Exception as exc:  # the parent raises it
            try:
                conn.send((False, exc))
            except Exception:  # an exception that cannot be pickled: its text
                conn.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    conn.close()


def workers_for(n_jobs: int, workers: int | None) -> int:
    """Return how many worker processes to use (0: make the pages in this process)."""
    if n_jobs < 2 or not sys.platform.startswith("linux"):
        return 0
    n = workers if workers is not None else (os.cpu_count() or 1)
    n = min(n, n_jobs)
    return n if n > 1 else 0


def make_pages(
    jobs: Sequence[Job],
    build: Callable[[str, str], str],
    *,
    pdf: bool,
    workers: int | None = None,
) -> Iterator[Result]:
    """Yield each page of ``jobs`` made (in the order they finish when made side by side).

    Each worker has a pipe of its own: the parent hands it one page at a time and waits on
    all pipes at once. No lock is shared, so stopping a worker at any moment (Ctrl-C, an
    error, the caller that stops reading) can never leave another process waiting.
    """
    _SHARED.update(build=build, pdf=pdf)
    try:
        n = workers_for(len(jobs), workers)
        if not n:
            for job in jobs:
                yield _make(job)
            return
        log.info("making %d pages in %d processes", len(jobs), n)
        yield from _side_by_side(list(jobs), n)
    finally:
        _SHARED.clear()


def _side_by_side(jobs: list[Job], n: int) -> Iterator[Result]:
    ctx = multiprocessing.get_context("fork")
    procs: list[Any] = []
    conns: list[Any] = []
    try:
        for _ in range(n):
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(target=_serve, args=(theirs,), daemon=True)
            proc.start()
            theirs.close()
            procs.append(proc)
            conns.append(mine)
        busy: set[Any] = set()
        for conn in conns:
            if jobs:
                conn.send(jobs.pop(0))
                busy.add(conn)
        while busy:
            ready: list[Any] = wait(list(busy))
            for conn in ready:
                try:
                    ok, value = conn.recv()
                except EOFError:
                    raise RuntimeError("a report worker process died") from None
                busy.discard(conn)
                if not ok:
                    raise value
                if jobs:
                    conn.send(jobs.pop(0))
                    busy.add(conn)
                yield value
        for conn in conns:
            conn.send(None)
        for proc in procs:
            proc.join()
    except BaseException:
        # Ctrl-C, an error, or the caller stopped reading: the pages not yet made are not made
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join()
        raise
    finally:
        for conn in conns:
            conn.close()
