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


def _ignore_interrupt() -> None:
    # Ctrl-C reaches the whole process group: the parent decides, the workers carry on
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
    """Yield each page of ``jobs`` made (in the order they finish when made side by side)."""
    _SHARED.update(build=build, pdf=pdf)
    try:
        n = workers_for(len(jobs), workers)
        if not n:
            for job in jobs:
                yield _make(job)
            return
        log.info("making %d pages in %d processes", len(jobs), n)
        before = {c.pid for c in multiprocessing.active_children()}
        pool = multiprocessing.get_context("fork").Pool(n, initializer=_ignore_interrupt)
        started = [c for c in multiprocessing.active_children() if c.pid not in before]
        try:
            yield from pool.imap_unordered(_make, jobs)
        except BaseException:
            # Ctrl-C, an error, or the caller stopped reading: the pages not yet made are not
            # made. The workers go first: Pool.terminate() alone can wait for a worker that
            # holds the task queue's lock (an idle one waiting for work)
            for worker in started:
                worker.terminate()
            pool.terminate()
            pool.join()
            raise
        pool.close()
        pool.join()
    finally:
        _SHARED.clear()
