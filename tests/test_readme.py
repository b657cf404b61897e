"""The README's five-minute tour runs as written, on the real data of the mirror."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest

from wijkanalyse.study import RunResult, Study

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLE = ROOT / "examples" / "leuven.toml"


def _tour() -> str:
    """Return the Python block of the README's "A five-minute tour" section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## A five-minute tour (Python)", 1)[1].split("\n## ", 1)[0]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_tour_is_found() -> None:
    code = _tour()
    assert code.startswith("import wijkanalyse as wa")
    assert 'Study.from_toml("examples/leuven.toml").run("OUT")' in code


@pytest.mark.integration
def test_the_five_minute_tour_runs(
    leuven_run: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    # the tour's whole-study line is exactly the shared run's (examples/leuven.toml, every
    # default): hand it that run's folder instead of computing it a second time
    served: list[str] = []
    real_run = Study.run

    def run(self: Study, out: str | Path, **kwargs: Any) -> RunResult:
        if self.path is not None and self.path.resolve() == EXAMPLE and not kwargs:
            shutil.copytree(leuven_run.out, out)
            served.append(str(out))
            return dataclasses.replace(leuven_run, out=Path(out))
        return real_run(self, out, **kwargs)

    monkeypatch.setattr(Study, "run", run)
    exec(compile(_tour(), str(README), "exec"), {"__name__": "tour"})
    assert served == ["OUT"]
    assert (tmp_path / "kaart.html").stat().st_size > 0
    assert (tmp_path / "kaart.pdf").read_bytes().startswith(b"%PDF")
    page = tmp_path / "OUT" / "report" / "wijk-240621.html"  # Wijgmaal, again, in Dutch
    assert 'lang="nl"' in page.read_text(encoding="utf-8")
    english = tmp_path / "OUT" / "report-en"  # in English, a set of its own beside it
    assert 'lang="en"' in (english / "wijk-240621.html").read_text(encoding="utf-8")
    assert 'href="../maps-en/overzicht.html"' in (english / "index.html").read_text("utf-8")
