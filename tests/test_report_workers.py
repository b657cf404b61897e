"""Pages made side by side (``report._workers``): same pages as one by one, errors come back."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest

from wijkanalyse import DataError
from wijkanalyse.report import _workers

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def _build(job: _workers.Job) -> _workers.Result:
    if job.key == "bad":
        raise DataError(f"page {job.key}: no such wijk")
    text = f"<p>{job.kind} {job.key} {job.given or ''}</p>"
    return _workers.Result(job, ((Path(f"{job.key}.html"), text.encode()),), gives=job.key.upper())


def _jobs(keys: list[str]) -> list[_workers.Job]:
    return [_workers.Job("wijk", k) for k in keys]


def _then(result: _workers.Result) -> list[_workers.Job]:
    # a job that waits on "w1": made with what w1 gave, before the jobs still queued
    return [_workers.Job("after", "w1x", given=result.gives)] if result.job.key == "w1" else []


def test_side_by_side_makes_the_same_files_as_one_by_one() -> None:
    keys = [f"w{i}" for i in range(7)]
    one = {
        f: data
        for r in _workers.make(_jobs(keys), _build, then=_then, workers=1)
        for f, data in r.files
    }
    two = {
        f: data
        for r in _workers.make(_jobs(keys), _build, then=_then, workers=2)
        for f, data in r.files
    }
    assert one == two
    assert len(two) == 8
    assert two[Path("w1x.html")] == b"<p>after w1x W1</p>"
    assert multiprocessing.active_children() == []


def test_a_job_that_waits_is_made_next() -> None:
    made = [r.job.key for r in _workers.make(_jobs(["w0", "w1", "w2", "w3"]), _build, then=_then)]
    assert made.index("w1x") > made.index("w1")
    # one by one, it comes straight after the job it waited on
    one = [
        r.job.key for r in _workers.make(_jobs(["w0", "w1", "w2"]), _build, then=_then, workers=1)
    ]
    assert one == ["w0", "w1", "w1x", "w2"]


def test_an_error_in_a_worker_is_raised_here_and_stops_the_others() -> None:
    made = _workers.make(_jobs(["a", "bad", "c", "d"]), _build, workers=2)
    with pytest.raises(DataError, match="page bad: no such wijk"):
        list(made)
    assert multiprocessing.active_children() == []


def test_a_caller_that_stops_reading_stops_the_workers() -> None:
    made = _workers.make(_jobs(["a", "b", "c", "d"]), _build, workers=2)
    next(made)
    made.close()
    assert multiprocessing.active_children() == []


def test_how_many_workers() -> None:
    assert _workers.workers_for(1, None) == 0  # one page: here
    assert _workers.workers_for(10, 1) == 0
    assert _workers.workers_for(3, 8) == 3


def test_a_parameter_value_is_never_rounded_away() -> None:
    from wijkanalyse.report._provenance import _value

    assert _value(1e-05, "nl") == "1e-05"
    assert _value(0.05, "nl") == "0,05"
    assert _value(4.8, "en") == "4.8"
    assert _value(None, "nl") == "–"
