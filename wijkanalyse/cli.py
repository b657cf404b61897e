"""The ``wijkanalyse`` command: a thin layer over :class:`~wijkanalyse.study.Study` and the API.

Commands::

    wijkanalyse init --municipality 24107    write a ready study file for a municipality
    wijkanalyse run STUDY.toml --out OUT     run a study and write its outputs (OUT is
                                             replaced whole, see wijkanalyse.outputs)
    wijkanalyse report OUT                   re-render the maps and reports of OUT
    wijkanalyse datasets list                the dataset catalogue with licences
    wijkanalyse datasets fetch ID [ID ...]   get datasets (mirror, cache or download)
    wijkanalyse indicators list              the registered indicators, with their caveats

Messages are Dutch by default; ``--lang en`` (or the study's ``language``) switches to English.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from wijkanalyse import _i18n, datasets, indicators, settings
from wijkanalyse._errors import WijkanalyseError
from wijkanalyse._safe import console_text

app = typer.Typer(
    name="wijkanalyse",
    help="Wijkanalyse op objectieve gegevens: sectoren, wijken, voorzieningen en bereikbaarheid.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
datasets_app = typer.Typer(
    help="De datasetcatalogus: herkomst, licentie, ophalen.", no_args_is_help=True
)
app.add_typer(datasets_app, name="datasets")
indicators_app = typer.Typer(
    help="De ingebouwde indicatoren: definitie, eenheid, richting, bron.",
    no_args_is_help=True,
)
app.add_typer(indicators_app, name="indicators")


def _out() -> Console:
    # made per call, so the terminal width (or $COLUMNS) in effect now is used; no emoji
    # codes or highlighting: names in the output are data (":warning:" stays as written),
    # and user text is printed as console_text(...), never as console markup
    return Console(soft_wrap=True, emoji=False, highlight=False)


def _err() -> Console:
    return Console(stderr=True, soft_wrap=True, emoji=False, highlight=False)


Lang = Annotated[str | None, typer.Option("--lang", help="Taal van de uitvoer: nl of en.")]


def _set_language(value: str | None) -> None:
    if value is not None:
        value = value.strip().lower()
        if value not in ("nl", "en"):
            raise typer.BadParameter("--lang moet 'nl' of 'en' zijn.")
        settings.language = value  # type: ignore[assignment]


def _fail(exc: Exception) -> None:
    _fail_text(str(exc))


@app.callback()
def _main(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Toon ook de logberichten.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def run(
    study: Annotated[Path, typer.Argument(help="Studiebestand (TOML), bv. examples/leuven.toml.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Uitvoermap.")] = Path("OUT"),
    lang: Lang = None,
    report: Annotated[
        bool, typer.Option("--report/--no-report", help="Schrijf ook kaarten en wijkrapporten.")
    ] = True,
    pdf: Annotated[
        bool, typer.Option("--pdf/--no-pdf", help="Schrijf de rapporten ook als PDF.")
    ] = True,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Reken op Dask: 'local' (een cluster op deze machine) of het adres van een "
            "scheduler, bv. tcp://10.0.0.5:8786. Zelfde uitkomst.",
        ),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Toon een voortgangsbalk bij lang werk (standaard: als de terminal het toont).",
        ),
    ] = None,
) -> None:
    """Voer een studie uit en schrijf de uitvoer (GeoPackage, CSV, kaarten, rapporten, herkomst).

    OUT wordt in zijn geheel vervangen: de run schrijft in een tijdelijke map naast OUT en zet
    die pas op het einde op zijn plaats (met manifest.json, de lijst van alle bestanden). Een
    map met bestanden die wijkanalyse niet schreef wordt geweigerd, voor er gerekend wordt.
    Ctrl-C laat OUT zoals het was.
    """
    import warnings

    from wijkanalyse._errors import DataWarning
    from wijkanalyse.study import Study

    try:
        s = Study.from_toml(study)
        _set_language(lang or s.config.study.language)
        s = s.with_language(settings.language)
        with warnings.catch_warnings():
            # data warnings are part of the summary below; do not print them twice
            warnings.simplefilter("ignore", DataWarning)
            result = s.run(
                out,
                report=report,
                pdf=pdf,
                scheduler=dask,
                progress=sys.stderr.isatty() if progress is None else progress,
            )
    except WijkanalyseError as exc:
        _fail(exc)
        return
    except KeyboardInterrupt:
        _interrupted("interrupted_run", out)
    _print_summary(result.summary, _cost_line(result.timings))


def _print_summary(summary: Sequence[str], cost: str) -> None:
    """Print a run's summary: its lines name wijken, facilities and areas, printed as text."""
    lines = list(summary)
    _out().print(console_text(lines[0], style="bold"))
    for line in lines[1:]:
        style = "yellow" if line.startswith(_i18n.text("warning") + ":") else None
        _out().print(console_text(f"  {line}", style=style))
    _out().print(console_text(f"  {cost}", style="dim"))


def peak_rss_mib() -> float | None:
    """Peak resident memory of this process in MiB (``None`` where unknown).

    On Linux this is ``VmHWM`` of ``/proc/self/status``: the high-water mark of this
    process's own memory. ``getrusage``'s ``ru_maxrss`` is not used there because Linux
    carries it over from the parent through fork and exec, so a small run started from a
    large process (a notebook kernel, a benchmark that held a big model) would report the
    parent's peak. Elsewhere ``ru_maxrss`` (macOS reports bytes); Windows has neither.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _cost_line(timings: dict[str, float]) -> str:
    lang = settings.language
    steps = ", ".join(
        f"{_i18n.text('step_' + k, lang)} {_i18n.fmt_number(v, 1, lang)} s"
        for k, v in timings.items()
        if k != "total"
    )
    peak = peak_rss_mib()
    return _i18n.text(
        "cost_line",
        lang,
        total=_i18n.fmt_number(timings.get("total", float("nan")), 1, lang),
        steps=steps,
        peak=_i18n.fmt_int(round(peak), lang) if peak is not None else "?",
    )


@app.command("init")
def init_cmd(
    municipality: Annotated[
        str | None,
        typer.Option(
            "--municipality", "-m", help="NIS-code of naam van de gemeente, bv. 24107 of Tienen."
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            "-r",
            help="Arrondissement of provincie (NIS-code of naam), of 'flanders'.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Studiebestand om te schrijven (standaard: <naam>.toml)."),
    ] = None,
    lang: Lang = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overschrijf een bestaand studiebestand.")
    ] = False,
) -> None:
    """Schrijf een kant-en-klaar studiebestand voor een Vlaamse gemeente of regio."""
    from wijkanalyse.studyfile import study_template

    _set_language(lang)
    if (municipality is None) == (region is None):
        _fail_text(_i18n.text("init_one_area"))
    if out is not None and out.exists() and (out.is_dir() or not force):
        _fail_text(_i18n.text("init_is_dir" if out.is_dir() else "init_exists", path=out))
    try:
        tpl = study_template(
            municipality or region or "",
            region=region is not None,
            language=settings.language,
            filename=str(out) if out is not None else None,
        )
    except WijkanalyseError as exc:
        _fail(exc)
        return
    target = out or Path(tpl.filename)
    if target.exists() and not force:
        _fail_text(_i18n.text("init_exists", path=target))
    try:
        target.write_text(tpl.text, encoding="utf-8")
    except OSError as exc:
        _fail_text(_i18n.text("init_not_written", path=target, reason=exc.strerror or exc))
    console = _out()
    console.print(console_text(_i18n.text("init_written", path=target), style="bold"))
    for fact in tpl.facts:
        console.print(console_text(f"  {fact}"))
    if tpl.note:
        console.print(console_text(f"  {tpl.note}", style="yellow"))
    console.print(console_text(_i18n.text("init_next", path=target)))


def _fail_text(message: str) -> NoReturn:
    # the message names the user's files, columns and values: printed as text
    _err().print(Text.assemble((f"{_i18n.text('error')}:", "bold red"), " ", message))
    raise typer.Exit(code=2)


def _interrupted(key: str, out: Path) -> NoReturn:
    """Say that Ctrl-C stopped the command and what state ``out`` is in; exit with 130."""
    _err().print(_i18n.text(key, out=out), style="bold red", markup=False, highlight=False)
    raise typer.Exit(code=130)  # 128 + SIGINT, as shells report an interrupted command


@app.command("report")
def report_cmd(
    out: Annotated[Path, typer.Argument(help="Uitvoermap van `wijkanalyse run`.")],
    lang: Lang = None,
    pdf: Annotated[
        bool, typer.Option("--pdf/--no-pdf", help="Schrijf de rapporten ook als PDF.")
    ] = True,
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", "-u", help="Alleen deze wijk (code) of dit gebied (herhaalbaar)."),
    ] = None,
) -> None:
    """Maak de kaarten en wijkrapporten opnieuw uit een bestaande uitvoermap."""
    from wijkanalyse import outputs
    from wijkanalyse import report as _report

    try:
        if lang is None and (out / outputs.PROVENANCE).is_file():
            lang = outputs.read_provenance(out)["study"]["study"]["language"]
        _set_language(lang)
        files = _report.render(out, language=settings.language, pdf=pdf, units=unit or None)
    except WijkanalyseError as exc:
        _fail(exc)
        return
    except KeyboardInterrupt:
        _interrupted("interrupted_report", out)
    reports = [f for f in files if f.parent.name.startswith("report") and f.suffix == ".html"]
    folder = reports[0].parent if reports else out / "report"
    written = (
        _i18n.text("report_written_one", folder=folder)
        if len(reports) == 1
        else _i18n.text("report_written", n=len(reports), out=folder / "index.html")
    )
    _out().print(console_text(written))


@datasets_app.command("list")
def datasets_list(
    fmt: Annotated[str, typer.Option("--format", help="table, markdown of csv.")] = "table",
    lang: Lang = None,
) -> None:
    """Toon de catalogus met uitgever, licentie en beschikbaarheid."""
    _set_language(lang)
    if fmt == "markdown":
        sys.stdout.write(datasets.catalogue_markdown() + "\n")
        return
    frame = datasets.list_datasets()
    if fmt == "csv":
        frame.to_csv(sys.stdout)
        return
    if fmt != "table":
        raise typer.BadParameter("--format moet table, markdown of csv zijn.")
    en = _i18n.lang() == "en"
    out = _out()
    out.print(f"[bold]{_i18n.text('datasets_title')}[/] ({len(frame)})", highlight=False)
    for ds_id, row in frame.iterrows():
        vintage = row["vintage"]
        facts = [str(row["available"]), str(row["coverage"])]
        if vintage is not None and vintage == vintage:
            facts.insert(1, f"vintage {int(vintage)}")
        # catalogue text is printed as text (a "[2021]" in a title must stay)
        out.print(
            Text.assemble(
                "\n",
                (str(ds_id), "bold cyan"),
                "  ",
                (" · ".join(facts), "dim"),
                "\n  ",
                str(row["title"]),
                f"\n  {'publisher' if en else 'uitgever'}: ",
                str(row["publisher"]),
                f"\n  {'licence' if en else 'licentie'}: ",
                str(row["licence"]),
                f"\n  {'attribution' if en else 'naamsvermelding'}: ",
                str(row["attribution"]),
            )
        )
    mirror = settings.resolved_data_mirror()
    _out().print(
        console_text(("mirror: " if en else "spiegel: ") + (str(mirror) if mirror else "-"))
    )


@datasets_app.command("fetch")
def datasets_fetch(
    ids: Annotated[list[str], typer.Argument(help="Dataset-id's.")],
    lang: Lang = None,
) -> None:
    """Haal datasets op (spiegel, cache of download) en toon het lokale pad."""
    _set_language(lang)
    for ds_id in ids:
        try:
            path = datasets.fetch(ds_id, progress=sys.stderr.isatty())
        except WijkanalyseError as exc:
            _fail(exc)
            return
        _out().print(console_text(_i18n.text("fetched", id=ds_id, path=path)))


@indicators_app.command("list")
def indicators_list(
    fmt: Annotated[str, typer.Option("--format", help="table of csv.")] = "table",
    lang: Lang = None,
) -> None:
    """Toon de geregistreerde indicatoren met eenheid, richting en aggregatie."""
    _set_language(lang)
    frame = indicators.list_indicators()
    if fmt == "csv":
        frame.to_csv(sys.stdout)
        return
    if fmt != "table":
        raise typer.BadParameter("--format moet table of csv zijn.")
    en = _i18n.lang() == "en"
    out = _out()
    for ind_id, row in frame.iterrows():
        label = row["label_en"] if en else row["label_nl"]
        facts = f"({row['unit']} · {row['direction']} · {row['aggregation']})"
        out.print(
            Text.assemble(
                "\n",
                (str(ind_id), "bold cyan"),
                "  ",
                str(label),
                " ",
                (facts, "dim"),
                "\n  ",
                str(row["definition"]),
            )
        )
        if row["caveat"]:
            out.print(console_text(f"  {row['caveat']}", style="dim"))
    out.print(
        "\n"
        + (
            "Facility indicators: n_<type> and <type>_per_1000 for every facility type."
            if en
            else "Voorzieningen: n_<type> en <type>_per_1000 voor elk type voorziening."
        ),
        highlight=False,
    )


def main() -> None:
    """Entry point of the ``wijkanalyse`` console script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
