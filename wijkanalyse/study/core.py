"""The :class:`Study`: a study file, validated, and the composition of its steps.

:meth:`Study.run` checks the output folder, then runs the steps of :mod:`wijkanalyse.study`
in order (load → analyse → accessibility → planning → publish → write → report → summary)
and swaps the finished folder into place::

    OUT/wijkanalyse.gpkg   layers sectors, wijken, facilities (and service areas)
    OUT/sectors.csv        one row per sector
    OUT/wijken.csv         one row per wijk (plus unlocated residents, when there are any)
    OUT/facilities.csv     one row per facility
    OUT/areas.csv          custom areas (e.g. Hoogland), when the study defines them
    OUT/indicators_*.csv   indicators per level, index_*.csv the need index
    OUT/access_*.csv, coverage_wijken.csv, gaps.csv   accessibility
    OUT/plans.csv, plan_curves.csv, scenarios.csv      planning
    OUT/provenance.json    datasets (licence, attribution, sha256), parameters, versions
    OUT/manifest.json      every file with its size and sha256 (written last)
    OUT/maps/, OUT/report/ maps and wijkrapporten (HTML, PDF)

Example study file (see ``examples/leuven.toml``)::

    [study]
    name = "Leuven"
    municipality = "24062"
    vintage = 2024

    [data]
    sectors = "statbel_sector_centroids_2024"
    population = "statbel_census2021_age65"
    income = "statbel_income2021"
    # or a file with the options to read it:
    # population = { source = "bevolking.csv", encoding = "cp1252" }

    [[facilities]]
    source = "leuven_centres_reference"
    types = ["buurtcentrum", "lokaal_dienstencentrum"]
"""

from __future__ import annotations

import dataclasses
import logging
import time
import tomllib
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import (
    ValidationError,
)

from wijkanalyse import (
    _i18n,
    outputs,
)
from wijkanalyse._errors import (
    DataError,
    DataWarning,
    SchemaError,
)
from wijkanalyse._validate import Problems
from wijkanalyse.index import IndexSpec
from wijkanalyse.indicators.suppression import Ledger
from wijkanalyse.parallel import Scheduler
from wijkanalyse.study import accessibility as _accessibility
from wijkanalyse.study import analyse as _analyse
from wijkanalyse.study import checks as _checks
from wijkanalyse.study import config as _config
from wijkanalyse.study import load as _load
from wijkanalyse.study import planning as _planning
from wijkanalyse.study import provenance as _provenance
from wijkanalyse.study import publish as _publish
from wijkanalyse.study import summary as _summary
from wijkanalyse.study import trends as _trends
from wijkanalyse.study import write as _write
from wijkanalyse.study._messages import (
    _describe,
)
from wijkanalyse.study._sources import Sources
from wijkanalyse.study.config import (
    StudyConfig,
)
from wijkanalyse.study.results import (
    AccessResults,
    Analysis,
    PlanResults,
    RunResult,
    StudyData,
)
from wijkanalyse.study.slices import AccessSlice, AnalyseSlice, PlanSlice
from wijkanalyse.study.trends import TrendResults

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Study:
    """One analysis, as described by a study file.

    Create it with :meth:`from_toml` (or :meth:`from_dict`), then :meth:`load` the data or
    :meth:`run` the standard workflow.
    """

    config: StudyConfig
    base_dir: Path = Path(".")
    path: Path | None = None

    # -- construction

    @classmethod
    def from_toml(cls, path: str | Path) -> Study:
        """Read and validate a study file; every problem is reported at once."""
        p = Path(path)
        if not p.is_file():
            raise DataError(f"study file {str(p)!r} does not exist.")
        try:
            raw = tomllib.loads(p.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SchemaError(f"study file {p.name!r} is not valid TOML: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise SchemaError(f"study file {p.name!r} is not UTF-8 text: {exc}") from exc
        return cls.from_dict(raw, base_dir=p.parent, name=p.name, path=p)

    @classmethod
    def from_dict(
        cls,
        raw: dict[str, Any],
        *,
        base_dir: str | Path = ".",
        name: str = "study",
        path: Path | None = None,
    ) -> Study:
        """Validate a study given as a dict (the parsed TOML)."""
        label = f"study file {name!r}"
        try:
            config = StudyConfig.model_validate(raw)
        except ValidationError as exc:
            problems = Problems(label)
            for err in exc.errors():
                problems.add(_describe(dict(err)))
            problems.raise_if_any(SchemaError)
            raise AssertionError("unreachable") from exc
        study = cls(config=config, base_dir=Path(base_dir), path=path)
        _checks._check_sources(config, Sources(config.data, Path(base_dir), path), label)
        return study

    def with_language(self, language: Literal["nl", "en"]) -> Study:
        """Return the same study with its user-facing text in another language."""
        section = self.config.study.model_copy(update={"language": language})
        config = self.config.model_copy(update={"study": section})
        return Study(config=config, base_dir=self.base_dir, path=self.path)

    def index_spec(self) -> IndexSpec | None:
        """Return the study's index definition, or ``None`` when it has none."""
        return _config.index_spec(self.config.index)

    @property
    def sources(self) -> Sources:
        """Where the study's inputs are (dataset ids, or files relative to the study file)."""
        return Sources(self.config.data, self.base_dir, self.path)

    def load(self) -> StudyData:
        """Load and check every input of the study into canonical frames."""
        return _load.load(self.config, self.sources)

    def analyse(
        self, data: StudyData, *, progress: bool = False, scheduler: Scheduler = None
    ) -> Analysis:
        """Compute the indicators (every level, with references) and the index of ``data``.

        ``scheduler`` (default: the study's ``[compute]``) says where the Monte Carlo draws
        are ranked; see :mod:`wijkanalyse.parallel`.
        """
        return _analyse.analyse(
            AnalyseSlice.of(self.config), data, progress=progress, scheduler=scheduler
        )

    def accessibility(
        self, data: StudyData, analysis: Analysis | None = None, *, scheduler: Scheduler = None
    ) -> AccessResults | None:
        """Compute travel times, coverage, equity and coverage gaps of the ``[access]`` section.

        ``scheduler`` (default: the study's ``[compute]``) says where the nearest-facility
        search runs, per facility type and municipality; see :mod:`wijkanalyse.parallel`.

        Returns ``None`` when the study has no ``[access]`` section.
        """
        return _accessibility.accessibility(
            AccessSlice.of(self.config), data, analysis, scheduler=scheduler
        )

    def planning(
        self,
        data: StudyData,
        acc: AccessResults | None,
        analysis: Analysis | None = None,
    ) -> PlanResults | None:
        """Solve the ``[plan]`` questions and compare the ``[[scenarios]]``.

        Returns ``None`` when the study has neither, or no ``[access]`` results.
        """
        return _planning.planning(PlanSlice.of(self.config), data, acc, analysis)

    def trends(
        self,
        data: StudyData,
        analysis: Analysis | None = None,
        *,
        ledger: Ledger | None = None,
    ) -> TrendResults | None:
        """Compute the ``[trends]`` of the study's municipalities (``None`` without it).

        The tables are protected as they are made: what they hold may be published; with
        the study's ``ledger`` (:func:`wijkanalyse.study.publish.protect`) the census year
        is withheld exactly as in the study's other tables. With the ``analysis`` of a
        sector-level need index, the deprivation signals say which of a wijk's fallen
        sectors the index flags as student sectors on the BIMD's evidence (a flag on income
        alone cannot tell students from young low-income families).
        """
        student = None
        sectors = analysis.index.get("sectors") if analysis is not None else None
        if sectors is not None and "flags" in sectors:
            flagged = sectors["flags"].fillna("").str.contains("student")
            evidence = sectors.get("flag_evidence", pd.Series("", index=sectors.index))
            student = flagged & ~evidence.fillna("").str.contains("no_bimd")
        return _trends.run_trends(
            self.config, list(data.region.municipalities), student, ledger=ledger
        )

    def run(
        self,
        out: str | Path,
        *,
        echo: bool = False,
        report: bool = True,
        pdf: bool = True,
        scheduler: Scheduler = None,
        progress: bool = False,
    ) -> RunResult:
        """Load the study, write its outputs to ``out`` and return the summary.

        The outputs are whole or absent (see :mod:`wijkanalyse.outputs`): ``out`` is checked
        before any work, everything is written into a temporary folder beside it, and that
        folder replaces ``out`` at the end, with a ``manifest.json`` that lists every file.
        An earlier wijkanalyse output in ``out`` is replaced whole, so no file of an earlier
        study stays behind. An error or Ctrl-C leaves ``out`` as it was.

        Parameters
        ----------
        out
            Output folder: new, empty, or the output of an earlier run (replaced whole).
            Created with its parents if needed.
        echo
            Also log the summary lines at INFO level.
        report
            Also write the maps (``out/maps``) and the wijkrapporten (``out/report``), see
            :func:`wijkanalyse.report.render`.
        pdf
            With ``report``: also write each report and the overview map as PDF.
        scheduler
            Where the independent blocks of work run (index draws, nearest-facility search):
            ``None`` uses the study's ``[compute] scheduler`` (default: this process);
            ``"local"`` a local Dask cluster; ``"tcp://host:8786"`` an existing one. The
            outputs are identical either way.
        progress
            Show a progress bar for the long steps (the index's Monte Carlo draws, when they
            take more than a second). Off by default: a run prints nothing but its summary.

        Raises
        ------
        OutputError
            Before any work, when ``out`` cannot be used: a file, not writable, a folder with
            files wijkanalyse did not write, or one that contains an input of the study.
        KeyboardInterrupt
            On Ctrl-C, once the temporary folder is removed (``out`` is unchanged).
        """
        out_dir = Path(out)
        target = outputs.check_out(out_dir, inputs=self.sources.input_files(self.config))
        with outputs.interrupt_guard(), outputs.Staging(target) as stage:
            return _run(
                self,
                stage,
                out_dir,
                echo=echo,
                report=report,
                pdf=pdf,
                scheduler=scheduler,
                progress=progress,
            )

    def summary(
        self,
        data: StudyData,
        out: Path | None = None,
        files: list[Path] | None = None,
        *,
        analysis: Analysis | None = None,
        access: AccessResults | None = None,
        planning: PlanResults | None = None,
    ) -> list[str]:
        """Return the short summary of a loaded study, in the study's language.

        Like every output, it shows only what may be published: counts below the
        suppression threshold, and counts they could be derived from, are withheld
        (:mod:`wijkanalyse.suppression`).
        """
        return _summary.summary(
            self.config,
            self.sources,
            data,
            out,
            files,
            analysis=analysis,
            access=access,
            planning=planning,
        )


def _run(
    study: Study,
    stage: outputs.Staging,
    out_dir: Path,
    *,
    echo: bool,
    report: bool,
    pdf: bool,
    scheduler: Scheduler,
    progress: bool,
) -> RunResult:
    """Do the work of :meth:`run` in ``stage``'s temporary folder, then commit it."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    start = clock

    def lap(step: str) -> None:
        nonlocal clock
        outputs.check_interrupt()
        now = time.perf_counter()
        timings[step] = now - clock
        clock = now

    data = study.load()
    lap("load")
    analysis = study.analyse(data, scheduler=scheduler, progress=progress)
    lap("indicators")
    acc = study.accessibility(data, analysis, scheduler=scheduler)
    lap("access")
    planning = study.planning(data, acc, analysis)
    lap("planning")
    tmp = stage.path
    # only what may be published reaches the files, the summary, the maps and reports
    pub = _publish.protect(study.config, data, analysis, acc, planning)
    if study.config.trends is not None:  # a study without [trends] has no such step
        # protected by its own step, the census year by the study's own ledger
        begin = time.perf_counter()
        pub = dataclasses.replace(pub, trends=study.trends(data, analysis, ledger=pub.ledger))
        timings["trends"] = time.perf_counter() - begin
        clock += timings["trends"]  # not counted again in the writing
    files = _write._write(study.config, pub.data, tmp)
    if pub.analysis is not None:
        files += _write._write_analysis(study.config, pub.analysis, tmp)
    if pub.access is not None:
        files += _write._write_access(study.config, pub.access, pub.data, tmp)
    if pub.planning is not None:
        files += _write._write_planning(study.config, pub.planning, tmp)
    prov_data = pub.data
    if pub.trends is not None:
        files += _write._write_trends(pub.trends, tmp)
        used = dict.fromkeys([*pub.data.datasets, *pub.trends.datasets])
        prov_data = dataclasses.replace(pub.data, datasets=tuple(used))
    files.append(
        _provenance._write_provenance(
            study.config, study.sources, prov_data, tmp, pub.analysis, pub.access, pub.planning
        )
    )
    lap("write")
    report_notes: list[str] = []
    if report:
        from wijkanalyse import report as _report

        units = _report_units(study.config, data, report_notes)
        machine_notes: list[str] = []  # e.g. HarfBuzz-Subset missing: PDFs made, note shown
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DataWarning)
            files += _report._render(
                tmp,
                language=study.config.study.language,
                own=study.config.study.language,
                pdf=pdf and study.config.report.pdf,
                units=units,
                notes=machine_notes,
            )
        for w in caught:
            if issubclass(w.category, DataWarning):
                machine_notes.append(str(w.message))
            else:
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        report_notes += [
            f"{_i18n.text('warning', study.config.study.language)}: {note}"
            for note in machine_notes
        ]
    lap("report")
    timings["total"] = time.perf_counter() - start
    # the paths the files will have once the temporary folder is moved into place
    final = [*stage.relocate(files, out_dir), out_dir / outputs.MANIFEST]
    summary = tuple(
        _summary._summary_lines(study.config, study.sources, pub, out_dir, final)
    ) + tuple(report_notes)
    stage.commit(study_file=study.path, title=study.config.study.name)
    if echo:
        for line in summary:
            log.info(line)
    return RunResult(
        out=out_dir,
        files=tuple(final),
        summary=summary,
        data=data,
        analysis=analysis,
        access=acc,
        planning=planning,
        trends=pub.trends,
        timings=timings,
    )


def _report_units(config: StudyConfig, data: StudyData, notes: list[str]) -> list[str] | None:
    """Return the wijken and areas that get a report of their own (``None``: all)."""
    cfg = config.report
    lang = config.study.language
    outlined = [c for c in data.wijken.index if data.wijken.geometry.get(c) is not None]
    area_names = [str(a) for a in data.areas.index]
    if cfg.wijken == "all":
        return None
    if cfg.wijken == "none":
        return area_names
    if isinstance(cfg.wijken, list):  # checked against the outlined wijken by load()
        return [*cfg.wijken, *area_names]
    if len(outlined) <= cfg.max_wijken:
        return None
    notes.append(
        f"{_i18n.text('warning', lang)}: "
        + _i18n.text("report_wijken_skipped", lang, n=len(outlined), max=cfg.max_wijken)
    )
    return area_names
