"""Shared fixtures.

Integration tests read the real data of the dataset mirror (``../shared/data`` next to the
checkout, or ``$WIJKANALYSE_DATA_MIRROR``). Unit tests build tiny files whose expected
results are computed by hand in the test.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from wijkanalyse import settings
from wijkanalyse.network import StreetNetwork
from wijkanalyse.study import RunResult, Study

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test starts with default settings and a private, empty download cache."""
    saved = {
        name: getattr(settings, name)
        for name in (
            "data_mirror",
            "cache_dir",
            "download_base_url",
            "language",
            "working_crs",
            "suppression_threshold",
        )
    }
    settings.cache_dir = tmp_path_factory.mktemp("cache")
    yield
    for name, value in saved.items():
        setattr(settings, name, value)


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The dataset mirror with the real data; the integration tests need it."""
    path = settings.resolved_data_mirror()
    if path is None or not path.is_dir():
        pytest.fail(
            "the dataset mirror is missing: put the shared data at ../shared/data next to the "
            "checkout or set WIJKANALYSE_DATA_MIRROR"
        )
    return path


def _session_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the temporary folder of this test session, shared by its xdist workers."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def leuven_run(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> RunResult:
    """The flagship study, run once per test session (also across pytest-xdist workers).

    Its 29 reports are written as HTML only: WeasyPrint would take half the run to make
    their PDFs. The PDFs of the overview, a wijk and an area are made and checked from the
    same tables (``test_report_files``, and the ``hostile`` run with every name a payload).

    The first worker that needs it runs the study and writes its output folder; a second
    worker waits for it, reads the summary and file list the first one left, and recomputes
    only the in-memory step results (no maps, reports or files: seconds, not minutes).
    """
    root = _session_root(tmp_path_factory)
    out, meta = root / "leuven_out", root / "leuven_run.json"
    study = Study.from_toml(EXAMPLES / "leuven.toml")
    with open(root / "leuven_run.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if meta.exists():
            done = json.loads(meta.read_text(encoding="utf-8"))
            data = study.load()
            analysis = study.analyse(data)
            acc = study.accessibility(data, analysis)
            return RunResult(
                out=out,
                files=tuple(Path(f) for f in done["files"]),
                summary=tuple(done["summary"]),
                data=data,
                analysis=analysis,
                access=acc,
                planning=study.planning(data, acc, analysis),
                timings=done["timings"],
            )
        result = study.run(out, pdf=False)  # PDFs: on a sample, see test_report_files
        meta.write_text(
            json.dumps(
                {
                    "files": [str(f) for f in result.files],
                    "summary": list(result.summary),
                    "timings": result.timings,
                }
            ),
            encoding="utf-8",
        )
        return result


# --------------------------------------------------------------------------- tiny sectors

#: Three real Leuven sector codes (2024) with hand-made square "polygons" of 100 m × 100 m
#: (1 ha each) near their true centroids, in EPSG:31370.
TINY_SECTORS = {
    "24062A00-": ("LEUVEN-CENTRUM", 173300.0, 174300.0),
    "24062A01-": ("LEI - VISMARKT", 173150.0, 174600.0),
    "24062A02-": ("LEUVEN STADSPARK", 173450.0, 174000.0),
}


def tiny_sector_frame(crs: str = "EPSG:31370", *, z: bool = False) -> gpd.GeoDataFrame:
    """Three 1-ha squares with Statbel 2022+ GeoJSON column names."""
    geoms = []
    for _name, x, y in TINY_SECTORS.values():
        box = shapely.box(x, y, x + 100, y + 100)
        geoms.append(shapely.force_3d(box, 0.0) if z else box)
    frame = gpd.GeoDataFrame(
        {
            "cd_sector": list(TINY_SECTORS),
            "tx_sector_descr_nl": [v[0] for v in TINY_SECTORS.values()],
            "cd_munty_refnis": ["24062"] * 3,
            "cd_sub_munty": ["24062A"] * 3,
            "ms_area_ha": [1.0, 1.0, 1.0],
        },
        geometry=geoms,
        crs="EPSG:31370",
    )
    return frame.to_crs(crs)


def grid_network(n: int = 5, step: float = 100.0) -> StreetNetwork:
    """A square grid of two-way streets, ``step`` metres apart, nodes labelled ``i-j``."""
    ids = [f"{i}-{j}" for i in range(n) for j in range(n)]
    nodes = pd.DataFrame(
        {
            "x": [i * step for i in range(n) for j in range(n)],
            "y": [j * step for i in range(n) for j in range(n)],
        },
        index=ids,
    )
    us, vs = [], []
    for i in range(n):
        for j in range(n):
            if i + 1 < n:
                us.append(f"{i}-{j}")
                vs.append(f"{i + 1}-{j}")
            if j + 1 < n:
                us.append(f"{i}-{j}")
                vs.append(f"{i}-{j + 1}")
    return StreetNetwork.from_edges(nodes, pd.DataFrame({"u": us, "v": vs}), crs="EPSG:31370")


def check_written_counts(frame: pd.DataFrame, col: str, expected: int, threshold: int = 5) -> None:
    """Check the person counts of a written table against their true total.

    Withheld counts are NA with a reason; the published ones are 0 or at least
    ``threshold``; and what they leave of the true total (the withheld part, which anyone can
    compute by subtraction) is itself 0 or at least ``threshold``.
    """
    why = frame[f"{col}_suppressed_reason"]
    withheld = why.notna().to_numpy()
    assert frame.loc[withheld, col].isna().all()
    shown = frame.loc[~withheld, col]
    assert ((shown == 0) | (shown >= threshold)).all(), shown[(shown > 0) & (shown < threshold)]
    rest = expected - shown.sum()
    assert rest == 0 or rest >= threshold, rest
    assert set(why.dropna()) <= {"small_count", "complementary"}


XSS_FACILITY = "<script>alert(1)</script>"
XSS_WIJK = '"><img src=x onerror=alert(1)>'

#: Columns of the run's CSV tables that hold codes (read as text, as wijkanalyse.report does).
CODE_COLUMNS = ("wijk", "sector", "unit", "area", "site_id", "gemeente")

#: Text that must stay text in every output: Jinja expressions, statements and comments,
#: JavaScript template literals and strings, HTML, matplotlib mathtext, rich markup and emoji
#: codes, line separators and a trailing backslash (see wijkanalyse._safe).
PAYLOADS = (
    "Casablanca {{ lipsum.__globals__.os.getcwd() }}",
    "{{7*7}}",
    "{% raw %}",
    "{% endraw %}",
    "{# x",
    "${alert(document.domain)}",
    "back`tick",
    "</script><script>alert(1)</script>",
    XSS_WIJK,
    "'); alert(1); //",
    'x"); alert(1); //',
    "line\u2028separator",
    "ends in a backslash \\",
    "$x^2$",
    r"$\frac{$",
    "one $ sign",
    "[bold]x[/]",
    "[/]",
    ":warning: 100%",
)


def copy_run(src: Path, dst: Path) -> Path:
    """Copy the tables of a finished run (not its maps and reports) to ``dst``."""
    import shutil

    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.is_file():
            shutil.copy2(f, dst / f.name)
    return dst


def pdf_text(path: Path) -> list[str]:
    """Return the text of every page of a PDF written by WeasyPrint, in drawing order.

    A small reader for what WeasyPrint (pydyf) writes, so no PDF library is needed: objects
    (also inside object streams), Flate streams, each font's ``ToUnicode`` map and the
    hex strings of the ``Tj``/``TJ`` operators. A new line starts at every text position
    operator; a wide gap inside ``TJ`` is a space.
    """
    import re
    import zlib

    data = path.read_bytes()
    objects: dict[int, bytes] = {}
    streams: dict[int, bytes] = {}
    for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S):
        head, sep, rest = m.group(2).partition(b"stream")
        objects[int(m.group(1))] = head
        if sep:
            length = re.search(rb"/Length (\d+)", head)
            assert length is not None
            raw = rest.lstrip(b"\r\n")[: int(length.group(1))]
            streams[int(m.group(1))] = zlib.decompress(raw) if b"/FlateDecode" in head else raw
    for num, head in list(objects.items()):
        if b"/ObjStm" in head:
            first = int(re.search(rb"/First (\d+)", head).group(1))  # type: ignore[union-attr]
            body = streams[num]
            pairs = [int(x) for x in body[:first].split()]
            offsets = list(zip(pairs[::2], pairs[1::2], strict=True))
            for i, (n, off) in enumerate(offsets):
                end = offsets[i + 1][1] if i + 1 < len(offsets) else len(body) - first
                objects[n] = body[first + off : first + end]

    def ref(text: bytes, key: bytes) -> int | None:
        m = re.search(rb"/" + key + rb"\s*(\d+) 0 R", text)
        return int(m.group(1)) if m else None

    def unicode_map(num: int) -> dict[int, str]:
        table: dict[int, str] = {}
        text = streams[num].decode("latin-1")
        hexes = r"<([0-9A-Fa-f]+)>\s*"
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(hexes * 2, block):
                table[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for lo, hi, dst in re.findall(hexes * 3, block):
                for k in range(int(lo, 16), int(hi, 16) + 1):
                    table[k] = chr(int(dst, 16) + k - int(lo, 16))
        return table

    pages = []
    for _num, head in sorted(objects.items()):
        if not re.search(rb"/Type\s*/Page\b", head):
            continue
        res = objects[r] if (r := ref(head, b"Resources")) is not None else head
        found = re.search(rb"/Font\s*(<<.*?>>|\d+ 0 R)", res, re.S)
        assert found is not None
        font_dict = found.group(1)
        if font_dict.endswith(b"R"):
            font_dict = objects[int(font_dict.split()[0])]
        fonts = {}
        for name, fnum in re.findall(rb"/(\S+?)\s*(\d+) 0 R", font_dict):
            tu = ref(objects[int(fnum)], b"ToUnicode")
            fonts[name.decode()] = unicode_map(tu) if tu is not None else {}
        contents = ref(head, b"Contents")
        assert contents is not None
        stream = streams[contents].decode("latin-1")
        out: list[str] = []
        font: dict[int, str] = {}
        tokens = r"/(\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\bT[dDm*]\b|(-?\d+\.?\d*)(?=[^\]]*\]\s*TJ)"
        for tok in re.finditer(tokens, stream):
            if tok.group(1):
                font = fonts.get(tok.group(1), {})
            elif tok.group(2) is not None:
                h = tok.group(2)
                out.append(
                    "".join(font.get(int(h[i : i + 4], 16), "\ufffd") for i in range(0, len(h), 4))
                )
            elif tok.group(3):
                out.append(" " if float(tok.group(3)) < -200 else "")
            else:
                out.append("\n")
        pages.append("".join(out))
    return pages


@dataclass(frozen=True)
class Hostile:
    """What :func:`hostile_run` renamed to payloads (each mapping: code or old name → new)."""

    out: Path
    facilities: dict[str, str]
    facility_type: str
    wijken: dict[str, str]
    sectors: dict[str, str]
    areas: dict[str, str]
    questions: dict[str, str]
    sites: dict[str, str]
    scenarios: dict[str, str]
    groups: dict[str, str]
    index_name: str
    municipality: str

    @property
    def area(self) -> str:
        """The payload name of the area rendered with its own report (was Hoogland)."""
        return self.areas["Hoogland"]


def _cycle(keys: Iterable[Any], start: int = 0) -> dict[Any, str]:
    return {k: PAYLOADS[(start + n) % len(PAYLOADS)] for n, k in enumerate(keys)}


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory, leuven_run: RunResult) -> Hostile:
    """The Leuven run with every name a payload, re-rendered (maps, reports, PDFs).

    Every facility, wijk, sector and area name, one facility type, the plan questions and
    their site names, the scenario names, the target-group labels, the index name and the
    municipality name are replaced in the run's tables, and the maps and the reports of the
    city, wijk 240621 (named :data:`XSS_WIJK`) and the area Hoogland are rendered again; the
    first buurtcentrum is named :data:`XSS_FACILITY`.
    """
    import pyogrio

    from wijkanalyse import report

    out = copy_run(leuven_run.out, tmp_path_factory.mktemp("hostile"))
    gpkg = out / "wijkanalyse.gpkg"
    layers = {name: gpd.read_file(gpkg, layer=name) for name, _ in pyogrio.list_layers(gpkg)}
    gpkg.unlink()
    fac = layers["facilities"]
    fac_names = _cycle(fac["facility_id"])
    fac_names[fac.loc[fac["type"] == "buurtcentrum", "facility_id"].iloc[0]] = XSS_FACILITY
    fac["name"] = fac["facility_id"].map(fac_names)
    facility_type = "${alert('type')} {{7*7}}"
    fac.loc[fac["type"] == "pharmacy", "type"] = facility_type
    wijken = layers["wijken"]
    wijk_names = _cycle(wijken["wijk"], start=1)
    wijk_names["240621"] = XSS_WIJK
    wijken["wijk_name"] = wijken["wijk"].map(wijk_names)
    sectors = layers["sectors"]
    sector_names = _cycle(sectors["sector"], start=2)
    sectors["name"] = sectors["sector"].map(sector_names)
    # distinct payloads for the areas: their report pages are named after them
    areas = layers["areas"]
    area_names = dict(
        zip(
            areas["area"],
            ["{{7*7}}", "${alert(document.domain)}", XSS_WIJK, PAYLOADS[0]],
            strict=True,
        )
    )
    areas["area"] = areas["area"].map(area_names)
    for name, frame in layers.items():
        frame.to_file(gpkg, layer=name, driver="GPKG", engine="pyogrio")

    def table(name: str) -> pd.DataFrame:
        return pd.read_csv(out / f"{name}.csv", dtype={c: str for c in CODE_COLUMNS})

    def save(frame: pd.DataFrame, name: str) -> None:
        frame.to_csv(out / f"{name}.csv", index=False)

    ind = table("indicators_wijken")
    ind["name"] = ind["wijk"].map(wijk_names).fillna(ind["name"])
    save(ind, "indicators_wijken")
    idx = table("index_wijken")
    idx["name"] = idx["wijk"].map(wijk_names)
    save(idx, "index_wijken")
    cov = table("coverage_wijken")
    cov["name"] = cov["wijk"].map(wijk_names).fillna(cov["name"])
    save(cov, "coverage_wijken")
    names_by_level = {"wijk": wijk_names, "sector": sector_names, "area": area_names}
    for name in ("gaps", "scenarios"):
        frame = table(name)
        for level, names in names_by_level.items():
            at = frame["level"] == level
            frame.loc[at, "name"] = frame.loc[at, "unit"].map(names)
            if level == "area":
                frame.loc[at, "unit"] = frame.loc[at, "unit"].map(names)
        save(frame, name)
    for name in ("areas", "indicators_areas"):
        frame = table(name)
        frame["area"] = frame["area"].map(area_names)
        if "name" in frame:
            frame["name"] = frame["area"]
        save(frame, name)
    plans, curves, scenarios = table("plans"), table("plan_curves"), table("scenarios")
    questions = _cycle(plans["question"].unique(), start=3)
    sites = _cycle(plans["name"].unique(), start=5)
    plans["question"] = plans["question"].map(questions)
    plans["name"] = plans["name"].map(sites)
    curves["question"] = curves["question"].map(questions)
    scenario_names = _cycle(scenarios["scenario"].unique(), start=7)
    scenarios["scenario"] = scenarios["scenario"].map(scenario_names)
    save(plans, "plans")
    save(curves, "plan_curves")
    save(scenarios, "scenarios")
    prov_path = out / "provenance.json"
    prov = json.loads(prov_path.read_text(encoding="utf-8"))
    groups = prov["study"]["target_groups"]
    group_labels = _cycle(groups, start=11)
    for g, label in group_labels.items():
        groups[g]["label_nl"] = label
    index_name = "{{7*7}} ${1+1} $x^2$ <b>index</b>"
    prov["study"]["index"]["name"] = index_name
    municipality = "Leuven {% raw %} `x` [bold]"
    prov["municipality"]["name"] = municipality
    prov_path.write_text(json.dumps(prov), encoding="utf-8")
    report.render(out, units=["240621", area_names["Hoogland"]], pdf=True)
    return Hostile(
        out=out,
        facilities=fac_names,
        facility_type=facility_type,
        wijken=wijk_names,
        sectors=sector_names,
        areas=area_names,
        questions=questions,
        sites=sites,
        scenarios=scenario_names,
        groups=group_labels,
        index_name=index_name,
        municipality=municipality,
    )


@pytest.fixture(scope="session")
def hostile_run(hostile: Hostile) -> Path:
    """The output folder of :func:`hostile`."""
    return hostile.out


#: the fixtures that need the shared Leuven run (directly or through another fixture)
_NEEDS_RUN = ("leuven_run", "hostile", "hostile_run")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the shared Leuven run first and run the tests that need it last.

    With pytest-xdist the first test goes to the first worker, which runs the study (about
    two minutes with its maps and reports) while the other workers take the tests that do
    not need it; by the time they reach the last ones, the run is there to share.
    """
    needs = [any(n in getattr(i, "fixturenames", ()) for n in _NEEDS_RUN) for i in items]
    first = [i for i, n in zip(items, needs, strict=True) if n][:1]
    rest = [i for i, n in zip(items, needs, strict=True) if not n]
    last = [i for i, n in zip(items, needs, strict=True) if n][1:]
    items[:] = first + rest + last
