"""Render a finished run's maps and reports: which pages, and writing them whole."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wijkanalyse import _i18n, outputs
from wijkanalyse._errors import DataError, DataWarning
from wijkanalyse._i18n import Language
from wijkanalyse.report import _workers
from wijkanalyse.report._context import _Builder
from wijkanalyse.report._format import _slugs
from wijkanalyse.report._pdf import _pdf_support
from wijkanalyse.report._reading import reading_guide
from wijkanalyse.report.pages import _area_page, _overview, _wijk_page

log = logging.getLogger(__name__)


def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("wijkanalyse.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


_LANGUAGES = ("nl", "en")


def _study_language(out: Path) -> Language:
    """Return the language the run was made in (its ``report/`` is in it; default Dutch)."""
    if (out / outputs.PROVENANCE).is_file():
        record = outputs.read_provenance(out)
        found = record.get("study", {}).get("study", {}).get("language")
        if found in _LANGUAGES:
            return found
    return "nl"


def render(
    out: str | Path,
    *,
    language: Language | None = None,
    pdf: bool = True,
    units: Sequence[str] | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Write the maps and reports of a finished run; return the files written.

    When WeasyPrint cannot load the system libraries it draws PDFs with (Pango), the reports
    are written as HTML only, with a :class:`~wijkanalyse.DataWarning` that names the Debian
    packages to install. When only HarfBuzz-Subset is missing the PDFs are still written and
    the note is logged as a warning.

    Each page, map and PDF is written to a temporary file beside it and then replaces the
    previous version whole, so Ctrl-C (checked between pages) leaves every file either new
    or as it was, never half-written. The folder's ``manifest.json`` is updated for the
    files written.

    Parameters
    ----------
    out
        The output folder of ``wijkanalyse run`` (read, and written to under ``maps/`` and
        ``report/``).
    language
        ``nl`` (default) or ``en``.
    pdf
        Also write every report and the overview map as PDF (WeasyPrint, matplotlib).
    units
        Only these wijk codes and area names get a report (default: every wijk with an
        outline and every custom area). Where the language's report set exists, only their
        pages are rewritten, nothing else; otherwise a new set is made of the maps, the
        overview and their pages.
    workers
        How many processes make the pages side by side (default: one per core; 1: one after
        the other in this process). Only Linux forks them; elsewhere the pages are made here.

    A report set is in one language. In the study's own language it lives in ``report/``
    and ``maps/``; in the other in ``report-<language>/`` and ``maps-<language>/`` (e.g.
    ``report-en/``), so an English overview never links to Dutch pages.
    """
    notes: list[str] = []
    with outputs.interrupt_guard():
        files = _render(
            out,
            language=language,
            pdf=pdf,
            units=units,
            notes=notes,
            whole=units is None,
            workers=workers,
        )
    for note in notes:
        log.warning(note)
    return files


def _render(
    out: str | Path,
    *,
    language: Language | None,
    pdf: bool,
    units: Sequence[str] | None,
    notes: list[str],
    whole: bool = True,
    own: Language | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Do the work of :func:`render`; notes about this machine go to ``notes``.

    ``whole``: write the maps and the overview too (the run does, with the units its
    ``[report]`` chose); otherwise only the pages of ``units``, unless the set does not
    exist yet. ``own``: the study's language (read from ``provenance.json`` when not given).
    """
    run = outputs.RunOutput.read(out)
    own = own or _study_language(run.out)
    lang = _i18n.lang(language or own)
    suffix = "" if lang == own else f"-{lang}"
    report_dir = run.out / f"report{suffix}"
    maps_dir = run.out / f"maps{suffix}"
    # a unit's page alone where its set exists; a new set gets its overview and maps
    whole = whole or not (report_dir / "index.html").is_file()
    if pdf:
        support = _pdf_support(lang)
        if not support.available:
            warnings.warn(support.note, DataWarning, stacklevel=3)
            pdf = False
        elif support.note:
            notes.append(support.note)
    b = _Builder(run, lang)
    env = _environment()
    report_dir.mkdir(parents=True, exist_ok=True)

    wijk_codes = [c for c in run.wijken.index if run.wijken.geometry.get(c) is not None]
    area_names = list(run.areas.index) if run.areas is not None else []
    if run.table("areas") is not None:
        area_names = list(dict.fromkeys([*area_names, *run.table("areas")["area"]]))  # type: ignore[index]
    slugs = _slugs(area_names)  # of every area, so a page keeps its name when re-rendered
    if units is not None:
        unknown = sorted(set(units) - set(wijk_codes) - set(area_names))
        if unknown:
            raise DataError(
                f"render: units {unknown} are neither wijken ({', '.join(wijk_codes)}) nor "
                f"areas ({', '.join(area_names)}) of this run."
            )
        wijk_codes = [c for c in wijk_codes if c in units]
        area_names = [a for a in area_names if a in units]
    links = [
        {"href": f"wijk-{c}.html", "name": b.wijk_names.get(c, c), "code": c} for c in wijk_codes
    ]
    area_links = [{"href": f"gebied-{slugs[a]}.html", "name": a} for a in area_names]
    common = {
        "lang": lang,
        # the templates' text comes from the catalogue: {{ t("report_map") }}
        "t": lambda key, **params: _i18n.text(key, lang, **params),
        "municipality": b.municipality,
        "manifest": b.manifest(),
        "attribution": b.attribution,
        "reading": reading_guide(b),
        "maps_dir": maps_dir.name,
    }
    # the longest first; the overview page follows the printed map it shows
    jobs: list[_workers.Job] = []
    if whole:
        maps_dir.mkdir(parents=True, exist_ok=True)
        jobs += [_workers.Job("printed_map"), _workers.Job("interactive_map")]
    jobs += [_workers.Job("wijk", c) for c in wijk_codes]
    jobs += [_workers.Job("area", a) for a in area_names]

    def build(job: _workers.Job) -> _workers.Result:
        if job.kind == "interactive_map":
            return _workers.Result(job, b.interactive_overview(maps_dir))
        if job.kind == "printed_map":
            files, image = b.printed_overview(maps_dir, pdf=pdf)
            return _workers.Result(job, files, gives=image)
        if job.kind == "overview":
            html = _overview(env, b, common, links, area_links, job.given)
            path = report_dir / "index.html"
        elif job.kind == "wijk":
            html, path = _wijk_page(env, b, common, job.key), report_dir / f"wijk-{job.key}.html"
        else:
            html = _area_page(env, b, common, job.key)
            path = report_dir / f"gebied-{slugs[job.key]}.html"
        return _workers.Result(job, _workers.page_files(path, html, pdf))

    def then(result: _workers.Result) -> list[_workers.Job]:
        if result.job.kind == "printed_map":
            return [_workers.Job("overview", given=result.gives)]
        return []

    files: list[Path] = []
    for made in _workers.make(jobs, build, then=then, workers=workers):
        # each file replaces its previous version whole; Ctrl-C stops between jobs (the
        # workers ignore it), also when WeasyPrint swallowed it inside write_pdf
        outputs.check_interrupt()
        for path, data in made.files:
            with outputs.replacing(path) as part:
                part.write_bytes(data)
            files.append(path)
    outputs.check_interrupt()
    outputs.record(run.out, files)  # an earlier run's manifest lists the new versions
    return files
