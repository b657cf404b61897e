"""Pages made side by side (``report._workers``): same pages as one by one, errors come back."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest

from wijkanalyse import DataError
from wijkanalyse.report import _workers

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def _build(kind: str, key: str) -> str:
    if key == "bad":
        raise DataError(f"page {key}: no such wijk")
    return f"<p>{kind} {key}</p>"


def _jobs(tmp_path: Path, keys: list[str]) -> list[_workers.Job]:
    return [_workers.Job(tmp_path / f"{k}.html", "wijk", k) for k in keys]


def test_side_by_side_makes_the_same_pages_as_one_by_one(tmp_path: Path) -> None:
    keys = [f"w{i}" for i in range(7)]
    one = {
        r.path: r.html
        for r in _workers.make_pages(_jobs(tmp_path, keys), _build, pdf=False, workers=1)
    }
    two = {
        r.path: r.html
        for r in _workers.make_pages(_jobs(tmp_path, keys), _build, pdf=False, workers=2)
    }
    assert one == two
    assert len(two) == 7
    assert multiprocessing.active_children() == []


def test_an_error_in_a_worker_is_raised_here_and_stops_the_others(tmp_path: Path) -> None:
    pages = _workers.make_pages(
        _jobs(tmp_path, ["a", "bad", "c", "d"]), _build, pdf=False, workers=2
    )
    with pytest.raises(DataError, match="page bad: no such wijk"):
        list(pages)
    assert multiprocessing.active_children() == []


def test_a_caller_that_stops_reading_stops_the_workers(tmp_path: Path) -> None:
    pages = _workers.make_pages(_jobs(tmp_path, ["a", "b", "c", "d"]), _build, pdf=False, workers=2)
    next(pages)
    pages.close()
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
