"""Maps and pages made side by side: each job in a worker process, its files written here.

A job is built from the run's shared pieces (:class:`~wijkanalyse.report._context._Builder`,
the template environment, the common template values), which the workers inherit when they
are forked, so nothing is read or pickled twice. A job names what to make (a map, a page);
its result is the bytes of the files it made and, for the jobs that wait on it, a value (the
printed overview map's image, which the overview page shows). Only the parent writes files
(each replaces its previous version whole, see :func:`wijkanalyse.outputs.replacing`), so
Ctrl-C (ignored by the workers, which the parent then stops) leaves every file either new
or as it was.

The parent hands out the jobs in the order given, the longest first, and puts the jobs that
waited on a result at the front of the queue as soon as that result is in, so no core waits
for the last long page.

Where processes cannot be forked (not Linux) or one worker is asked for, the jobs are made
one after the other in this process, in the same order.
"""

from __future__ import annotations

import collections
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
    """One thing to make: its kind (``map``, ``overview``, ``wijk`` …) and key.

    ``given`` is what the result of an earlier job handed on (``None`` for a job that waits
    on nothing).
    """

    kind: str
    key: str = ""
    given: Any = None


@dataclass(frozen=True)
class Result:
    """One job made: the files to write (path, bytes), in order, and a value handed on."""

    job: Job
    files: tuple[tuple[Path, bytes], ...]
    gives: Any = None


Build = Callable[[Job], Result]
Then = Callable[[Result], Sequence[Job]]

# the build function of the jobs being made, set in the parent before the workers fork
_SHARED: dict[str, Build] = {}


def _serve(conn: Any) -> None:
    """Make the jobs the parent sends until it sends ``None`` (in a worker process)."""
    # Ctrl-C reaches the whole process group: the parent decides, the workers carry on
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    build = _SHARED["build"]
    while (job := conn.recv()) is not None:
        try:
            conn.send((True, build(job)))
        except Exception as exc:  # the parent raises it
            try:
                conn.send((False, exc))
            except Exception:  # an exception that cannot be pickled: its text
                conn.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    conn.close()


def workers_for(n_jobs: int, workers: int | None) -> int:
    """Return how many worker processes to use (0: make the jobs in this process)."""
    if n_jobs < 2 or not sys.platform.startswith("linux"):
        return 0
    n = workers if workers is not None else (os.cpu_count() or 1)
    n = min(n, n_jobs)
    return n if n > 1 else 0


def _no_followers(result: Result) -> Sequence[Job]:
    return ()


def make(
    jobs: Sequence[Job],
    build: Build,
    *,
    then: Then = _no_followers,
    workers: int | None = None,
) -> Iterator[Result]:
    """Yield each job of ``jobs`` made (in the order they finish when made side by side).

    ``then(result)`` returns the jobs that waited on ``result``; they are made next, before
    the jobs still queued. Each worker has a pipe of its own: the parent hands it one job at
    a time and waits on all pipes at once. No lock is shared, so stopping a worker at any
    moment (Ctrl-C, an error, the caller that stops reading) can never leave another
    process waiting.
    """
    queue = collections.deque(jobs)
    n = workers_for(len(queue), workers)
    if not n:
        while queue:
            result = build(queue.popleft())
            queue.extendleft(reversed(then(result)))
            yield result
        return
    _SHARED["build"] = build
    try:
        log.info("making %d maps and pages in %d processes", len(queue), n)
        yield from _side_by_side(queue, then, n)
    finally:
        _SHARED.clear()


def _side_by_side(queue: collections.deque[Job], then: Then, n: int) -> Iterator[Result]:
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
        idle = list(conns)
        busy: set[Any] = set()

        def hand_out() -> None:
            while queue and idle:
                conn = idle.pop()
                conn.send(queue.popleft())
                busy.add(conn)

        hand_out()
        while busy:
            ready: list[Any] = wait(list(busy))
            for conn in ready:
                try:
                    ok, value = conn.recv()
                except EOFError:
                    raise RuntimeError("a report worker process died") from None
                busy.discard(conn)
                idle.append(conn)
                if not ok:
                    raise value
                queue.extendleft(reversed(then(value)))
                hand_out()  # the worker goes on while the caller writes this result
                yield value
        for conn in conns:
            conn.send(None)
        for proc in procs:
            proc.join()
    except BaseException:
        # Ctrl-C, an error, or the caller stopped reading: the jobs not yet made are not made
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join()
        raise
    finally:
        for conn in conns:
            conn.close()


def page_files(path: Path, html: str, pdf: bool) -> tuple[tuple[Path, bytes], ...]:
    """Return a page's files: its HTML and, when asked, the same page as PDF beside it."""
    files = [(path, html.encode("utf-8"))]
    if pdf:
        from wijkanalyse.report._pdf import _pdf_bytes

        files.append((path.with_suffix(".pdf"), _pdf_bytes(html, base=path.parent)))
    return tuple(files)
