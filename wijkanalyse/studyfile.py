"""A ready study file for any Flemish municipality or region (``wijkanalyse init``).

:func:`study_template` surveys what the catalogue holds for an area and writes a commented
study file from it:

* the area (a municipality by NIS code or name, or an arrondissement, a province or
  Flanders), its wijken with their population, and whether their outlines are known;
* the facility sources that cover the whole area, with the types they have there;
* a road graph only where one reaches most of the area's sectors;
* access questions only for facility types found in or near the area, planning questions
  only for the city's own centre types (buurtcentrum, lokaal dienstencentrum) found there;
* a need index from indicators the data hold there, at the levels with enough units.

Every choice is written next to its key as a comment, in Dutch (default) or English. The
text is read back as a study before it is returned, so a file :func:`study_template` writes
always passes :meth:`wijkanalyse.study.Study.from_toml`.

Examples
--------
>>> from wijkanalyse.studyfile import study_template
>>> tpl = study_template("Tienen")
>>> tpl.area.code, tpl.filename
('24107', 'tienen.toml')
>>> "[[facilities]]" in tpl.text
True
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import textwrap
import tomllib
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wijkanalyse import _i18n, areas, io
from wijkanalyse._errors import DataWarning
from wijkanalyse._i18n import Language
from wijkanalyse.datasets import CATALOGUE, Dataset

__all__ = ["PLANNED_TYPES", "QUESTIONS", "StudyTemplate", "study_template"]

#: Access questions written for a facility type found in or near the area: the target group
#: and the walking times in minutes. The times are policy choices, not norms (they are those
#: of ``examples/leuven.toml``); the file says so and the user changes them.
QUESTIONS: dict[str, tuple[str, tuple[float, ...]]] = {
    "lokaal_dienstencentrum": ("pop_65plus", (10.0, 15.0)),
    "buurtcentrum": ("pop_total", (10.0,)),
    "pharmacy": ("pop_65plus", (10.0,)),
    "doctors": ("pop_65plus", (10.0,)),
    "supermarket": ("pop_total", (10.0,)),
    "library": ("pop_total", (15.0,)),
}

#: Facility types a city plans itself: a planning question is written for each one found in
#: the municipality (target group, walking minutes, numbers of new sites).
PLANNED_TYPES: dict[str, tuple[str, float, tuple[int, ...]]] = {
    "lokaal_dienstencentrum": ("pop_65plus", 10.0, (1, 2, 3)),
    "buurtcentrum": ("pop_total", 10.0, (1, 2)),
}

#: The sources of the sectors, population and income every study reads (they cover Belgium).
_BASE_DATA = (
    ("sectors", "statbel_sector_centroids_2024"),
    ("population", "statbel_census2021_age65"),
    ("income", "statbel_income2021"),
    ("energy", "fluvius_energy_2018_2021"),
    ("open_space", "pinc_open_space_2013_2016"),
)
_ROAD_GRAPHS = ("leuven_road_graph_2013",)
#: A road graph is written when it has a street within this many metres of at least
#: :data:`_ROAD_SHARE` of the area's located sectors.
_ROAD_SNAP_M = 300.0
_ROAD_SHARE = 0.5
#: Index levels need this many units to rank (fewer: the level is left out, and said why).
_MIN_UNITS = {"wijk": 5, "sector": 10}


@dataclass(frozen=True)
class _Source:
    dataset: Dataset
    inside: dict[str, int]
    reach: dict[str, int]

    @property
    def types(self) -> list[str]:
        return [t for t in self.dataset.facility_types if self.near(t) > 0]

    def near(self, ftype: str) -> int:
        """Facilities of ``ftype`` within reach (OSM truncates types to 16 characters)."""
        return self.reach.get(ftype, self.reach.get(ftype[:16], 0))

    def within(self, ftype: str) -> int:
        """Facilities of ``ftype`` inside the area."""
        return self.inside.get(ftype, self.inside.get(ftype[:16], 0))


@dataclass(frozen=True)
class StudyTemplate:
    """A study file written by :func:`study_template`.

    Attributes
    ----------
    text
        The TOML text, commented.
    area
        The area it studies (code, name, level, and a note when a name was resolved).
    filename
        A file name made from the area's name (``tienen.toml``).
    facts
        What the survey found, one line each, in the file's language.
    note
        How a name was resolved (a merger), in the file's language; empty when plain.
    """

    text: str
    area: areas.AreaMatch
    filename: str
    facts: tuple[str, ...] = field(default=())
    note: str = ""


def study_template(
    area: str,
    *,
    region: bool = False,
    language: Language = "nl",
    filename: str | None = None,
) -> StudyTemplate:
    """Return a ready, commented study file for a Flemish municipality or region.

    Parameters
    ----------
    area
        A municipality's NIS code or name (``"24107"``, ``"Tienen"``); with ``region=True``
        an arrondissement's or a province's code or name (``"24000"``, ``"Limburg"``) or
        ``"flanders"``.
    region
        Read ``area`` as a region instead of a municipality.
    language
        Language of the comments and of the study's outputs (``nl`` or ``en``).
    filename
        The file the text will be written to, for the command in its header (default: a
        name made from the area's name, :attr:`StudyTemplate.filename`).

    Raises
    ------
    DataError
        ``area`` names no Flemish municipality (or region); the message lists close names.
    """
    lang = _i18n.lang(language)
    match = areas.find_area(area, region=region)
    reg = areas.region(match.code)
    survey = _Survey.of(reg)
    slug = _slug(reg.name if match.level != "gewest" else "vlaanderen")
    writer = _Writer(lang)
    text = writer.document(match, reg, survey, filename=filename or f"{slug}.toml")
    _check(text)
    return StudyTemplate(
        text=text,
        area=match,
        filename=f"{slug}.toml",
        facts=tuple(writer.facts(match, reg, survey)),
        note=writer.match_note(match),
    )


# --------------------------------------------------------------------------- survey


@dataclass(frozen=True)
class _Survey:
    """What the data hold for one area."""

    sectors: gpd.GeoDataFrame
    wijken: gpd.GeoDataFrame
    sources: tuple[_Source, ...]
    partial: tuple[tuple[Dataset, tuple[str, ...]], ...]
    road_graph: str | None
    road_share: float
    income_known: float

    @classmethod
    def of(cls, reg: areas.Region) -> _Survey:
        codes: str | list[str] = reg.code if reg.is_municipality else list(reg.municipalities)
        sectors = areas.load_sectors(codes)
        with warnings.catch_warnings():
            # a missing outline is reported by the file itself
            warnings.simplefilter("ignore", DataWarning)
            wijk_geo = areas.wijk_areas(2024, gemeente=reg)
        counts = areas.aggregate(sectors, "wijk", columns=["pop_total"])
        wijken = wijk_geo.join(counts[["pop_total"]], how="left")
        boundary = areas.region_polygon(reg)
        reach = boundary.buffer(3000.0)
        sources, partial = [], []
        for ds in CATALOGUE.values():
            if not ds.read_as:
                continue
            lacking = areas.not_covered(ds.id, reg)
            if lacking:
                if len(lacking) < len(reg.municipalities):
                    partial.append((ds, lacking))
                continue
            frame = _read_source(ds)
            near = frame[frame.geometry.within(reach)]
            inside = near[near.geometry.within(boundary)]
            sources.append(
                _Source(
                    dataset=ds,
                    inside=inside["type"].astype(str).value_counts().to_dict(),
                    reach=near["type"].astype(str).value_counts().to_dict(),
                )
            )
        located = sectors.geometry[sectors.geometry.notna() & (sectors["pop_total"] > 0)]
        road, share = None, 0.0
        for graph_id in _ROAD_GRAPHS:
            graph = io.read_road_graph(graph_id)
            s = _share_near(located, graph.nodes, _ROAD_SNAP_M)
            if s > share:
                road, share = graph_id, s
        if share < _ROAD_SHARE:
            road = None
        populated = sectors[sectors["pop_total"].fillna(0) > 0]
        known = float(populated["income_median"].notna().mean()) if len(populated) else 0.0
        return cls(
            sectors=sectors,
            wijken=wijken,
            sources=tuple(sources),
            partial=tuple(partial),
            road_graph=road,
            road_share=share,
            income_known=known,
        )

    @property
    def real_wijken(self) -> gpd.GeoDataFrame:
        return self.wijken[[not areas.is_pseudo_wijk(c) for c in self.wijken.index]]

    @property
    def n_outlined(self) -> int:
        return int(self.real_wijken.geometry.notna().sum())

    def found(self) -> dict[str, int]:
        """Facilities within reach per type, over the sources the file uses."""
        out: dict[str, int] = {}
        for src in self.sources:
            for t in src.types:
                out[t] = out.get(t, 0) + src.near(t)
        return out

    def index_levels(self) -> list[str]:
        levels = []
        if len(self.real_wijken) >= _MIN_UNITS["wijk"]:
            levels.append("wijk")
        populated = int((self.sectors["pop_total"].fillna(0) > 0).sum())
        if populated >= _MIN_UNITS["sector"]:
            levels.append("sector")
        return levels


def _read_source(ds: Dataset) -> gpd.GeoDataFrame:
    kind, options = ds.read_as[0], ds.read_options
    unknown = set(options) - {"facility_type", "name_col"}
    if unknown:  # the catalogue grew an option this reader does not pass on
        raise NotImplementedError(f"{ds.id}: reading option(s) {sorted(unknown)}")
    if kind == "osm":
        return io.read_osm_points(ds.id, types=list(ds.facility_types))
    return io.read_facilities(
        ds.id,
        facility_type=options.get("facility_type"),
        name_col=options.get("name_col", "name"),
    )


def _share_near(points: gpd.GeoSeries, nodes: gpd.GeoDataFrame, limit: float) -> float:
    if not len(points) or not len(nodes):
        return 0.0
    from scipy.spatial import cKDTree

    tree = cKDTree(np.column_stack([nodes.geometry.x.to_numpy(), nodes.geometry.y.to_numpy()]))
    pts = points.representative_point()
    dist, _ = tree.query(np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()]))
    return float((dist <= limit).mean())


# --------------------------------------------------------------------------- writing


class _Writer:
    """Turns a survey into TOML text with comments in one language."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang
        self.lines: list[str] = []

    # -- primitives
    def t(self, key: str, **values: object) -> str:
        return _i18n.text("init_" + key, self.lang, **values)

    def comment(self, text: str = "", *, wrap: bool = True) -> None:
        body = _clean(text)
        lines = textwrap.wrap(body.replace("\n", " "), width=96) if wrap else body.splitlines()
        for line in lines or [""]:
            self.lines.append(f"# {line}".rstrip())

    def key(self, name: str, value: object, note: str = "") -> None:
        line = f"{name} = {_toml(value)}"
        if note:
            line = f"{line}  # {_clean(note).replace(chr(10), ' ')}"
        self.lines.append(line)

    def table(self, header: str, note: str = "") -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        if note:
            self.comment(note)
        self.lines.append(header)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def source_label(self, ds: Dataset) -> str:
        """Return a dataset's description with its caveat, in the file's language."""
        key = f"src_{ds.id}"
        if _i18n.has_text("init_" + key):
            return self.t(key)
        return f"{ds.title} ({ds.coverage})"

    def n(self, value: float) -> str:
        return _i18n.fmt_int(value, self.lang)

    # -- the document
    def document(
        self, match: areas.AreaMatch, reg: areas.Region, survey: _Survey, *, filename: str
    ) -> str:
        self.comment(
            self.t(
                "title",
                name=reg.name,
                code=reg.code,
                date=_dt.date.today().isoformat(),
            )
        )
        self.comment()
        self.comment(self.t("run", file=filename), wrap=False)
        self.comment()
        self.comment(self.t("intro"))
        note = self.match_note(match)
        if note:
            self.comment(note)
        self._study(match, reg)
        self._data(reg, survey)
        self._wijken(reg, survey)
        self._facilities(reg, survey)
        self._groups()
        self._areas(reg, survey)
        self._indicators()
        index = self._index(survey)
        questions = self._access(reg, survey, need="index" if index else "income_median")
        self._plan(reg, survey, questions)
        self._examples(reg, questions)
        return "\n".join(self.lines).rstrip() + "\n"

    def _study(self, match: areas.AreaMatch, reg: areas.Region) -> None:
        self.table("[study]")
        self.key("name", reg.name if match.level != "gewest" else "Vlaanderen")
        if match.level == "gemeente":
            self.key("municipality", match.code, self.t("nis"))
        else:
            self.key(
                "region", match.code, self.t("region_key", level=self.t(f"level_{match.level}"))
            )
        self.key("vintage", 2024, self.t("vintage"))
        self.key("language", self.lang)
        self.key("facility_buffer_m", 3000, self.t("buffer"))

    def _data(self, reg: areas.Region, survey: _Survey) -> None:
        self.table("[data]", self.t("data"))
        for key, ds_id in _BASE_DATA:
            self.key(key, ds_id, self.t(f"data_{key}"))
        if survey.road_graph is not None:
            ds = CATALOGUE[survey.road_graph]
            self.key(
                "road_graph",
                survey.road_graph,
                self.t("road_yes", share=_i18n.fmt_pct(survey.road_share, 0, self.lang)),
            )
            self.comment(self.t("road_caveat", source=self.source_label(ds)))
        else:
            self.comment(
                self.t(
                    "road_no",
                    name=reg.name,
                    share=_i18n.fmt_pct(survey.road_share, 0, self.lang),
                )
            )

    def _wijken(self, reg: areas.Region, survey: _Survey) -> None:
        wijken = survey.real_wijken
        self.blank()
        if survey.n_outlined == len(wijken):
            self.comment(self.t("wijken_outlined", n=len(wijken), name=reg.name))
        elif survey.n_outlined == 0:
            ds = CATALOGUE[areas.wijk_polygon_dataset(2024)]
            self.comment(
                self.t("wijken_no_outline", n=len(wijken), name=reg.name, coverage=ds.coverage)
            )
        else:
            self.comment(
                self.t("wijken_some_outline", n=len(wijken), k=survey.n_outlined, name=reg.name)
            )
        if len(wijken) > 80:
            self.comment(self.t("wijken_many", n=len(wijken)))
            return
        width = max([len(str(c)) for c in wijken.index] + [4])
        for code, row in wijken.iterrows():
            pop = row["pop_total"]
            shown = self.n(pop) if pd.notna(pop) else _i18n.text("unknown", self.lang)
            self.comment(f"  {code!s:<{width}}  {row['wijk_name']}  ({shown})", wrap=False)

    def _facilities(self, reg: areas.Region, survey: _Survey) -> None:
        for src in survey.sources:
            ds = src.dataset
            types = src.types
            if not types:
                self.blank()
                self.comment(self.t("source_empty", source=ds.id, name=reg.name))
                continue
            self.table("[[facilities]]", self.source_label(ds))
            self.key("source", ds.id)
            if ds.read_as[0] == "osm" or len(ds.facility_types) > 1:
                self.key("types", types)
            for opt, value in ds.read_options.items():
                self.key(opt, value)
            counts = ", ".join(
                f"{_i18n.type_label(t, self.lang)} {src.within(t)} ({src.near(t)})" for t in types
            )
            self.comment(self.t("source_counts", name=reg.name, counts=counts))
        for ds, lacking in survey.partial:
            self.blank()
            self.comment(
                self.t(
                    "source_partial",
                    source=ds.id,
                    coverage=ds.coverage,
                    n=len(lacking),
                    total=len(reg.municipalities),
                )
            )
        self.blank()
        self.comment(self.t("own_register"))
        self.comment("[[facilities]]", wrap=False)
        self.comment('source = "registers/centra.csv"', wrap=False)
        self.comment('types = ["buurtcentrum", "lokaal_dienstencentrum"]', wrap=False)
        self.comment('crs = "EPSG:31370"', wrap=False)

    def _groups(self) -> None:
        for group, nl, en in (
            ("pop_total", "alle inwoners", "all residents"),
            ("pop_65plus", "65-plussers", "residents aged 65+"),
        ):
            self.table(f"[target_groups.{group}]")
            self.key("label_nl", nl)
            self.key("label_en", en)

    def _areas(self, reg: areas.Region, survey: _Survey) -> None:
        wijken = survey.real_wijken
        self.blank()
        self.comment(self.t("areas"))
        if len(wijken):
            first = wijken.index[0]
            self.comment("[[areas]]", wrap=False)
            self.comment(f"name = {_toml(str(wijken.loc[first, 'wijk_name']))}", wrap=False)
            self.comment(f"wijken = {_toml([str(first)])}", wrap=False)

    def _indicators(self) -> None:
        self.table("[indicators]", self.t("indicators"))
        self.key("suppression_threshold", 5, self.t("threshold"))
        self.key("energy_year", 2021)
        self.key("open_space_year", 2016)

    def _index(self, survey: _Survey) -> bool:
        levels = survey.index_levels()
        self.blank()
        if not levels or survey.income_known == 0:
            self.comment(
                self.t(
                    "index_none",
                    wijken=len(survey.real_wijken),
                    min_wijken=_MIN_UNITS["wijk"],
                    min_sectors=_MIN_UNITS["sector"],
                )
            )
            return False
        note = self.t("index")
        if "wijk" not in levels:
            note += " " + self.t(
                "index_no_wijk", wijken=len(survey.real_wijken), min=_MIN_UNITS["wijk"]
            )
        self.table("[index]", note)
        self.key("name", self.t("index_name"))
        self.key("normalisation", "rank", self.t("index_rank"))
        self.key("transform", "exponential", self.t("index_exp"))
        self.key("missing", "reweight", self.t("index_missing"))
        self.key("levels", levels)
        self.table("[index.domains.inkomen]")
        self.key("weight", 1.0)
        self.key("indicators", {"income_median": 1.0, "income_mean": 1.0})
        self.comment(self.t("index_income", known=_i18n.fmt_pct(survey.income_known, 0, self.lang)))
        self.table("[index.sensitivity]", self.t("sensitivity"))
        self.key("draws", 1000)
        self.key("seed", 20261129)
        self.key("leave_one_out", True)
        return True

    def _access(self, reg: areas.Region, survey: _Survey, *, need: str) -> list[str]:
        found = survey.found()
        asked = [t for t in QUESTIONS if t in found]
        self.blank()
        if not asked:
            self.comment(self.t("access_none", name=reg.name))
            return []
        self.table("[access]", self.t("access"))
        self.key("profile", "walk", self.t("walk"))
        self.key("max_snap_m", 300, self.t("snap"))
        self.key("off_network", "euclidean")
        self.key("detour_factor", 1.3, self.t("detour"))
        self.key("need", need, self.t("need_index") if need == "index" else self.t("need_income"))
        for ftype in asked:
            group, minutes = QUESTIONS[ftype]
            self.table(
                "[[access.questions]]",
                self.t(
                    "question",
                    type=_i18n.type_label(ftype, self.lang),
                    n=found[ftype],
                    name=reg.name,
                ),
            )
            self.key("facility_type", ftype)
            self.key("target_group", group)
            self.key("minutes", [int(m) if m == int(m) else m for m in minutes])
        return asked

    def _plan(self, reg: areas.Region, survey: _Survey, asked: Sequence[str]) -> None:
        inside: dict[str, int] = {}
        for src in survey.sources:
            for t in src.types:
                inside[t] = inside.get(t, 0) + src.within(t)
        planned = [t for t in PLANNED_TYPES if inside.get(t, 0) > 0 and t in asked]
        self.blank()
        if not planned or not reg.is_municipality:
            self.comment(self.t("plan_none", name=reg.name))
            return
        candidates = ["sectors", "network"] if survey.road_graph else ["sectors"]
        self.table("[plan]", self.t("plan"))
        self.key("candidates", candidates, self.t("candidates"))
        self.key("grid_m", 250)
        self.key("time_limit", 120, self.t("time_limit"))
        self.key("mip_gap", 0, self.t("mip_gap"))
        for ftype in planned:
            group, minutes, ps = PLANNED_TYPES[ftype]
            self.table(
                "[[plan.questions]]",
                self.t(
                    "plan_question",
                    type=_i18n.type_label(ftype, self.lang),
                    minutes=int(minutes),
                    p=max(ps),
                ),
            )
            self.key("name", f"{ftype}_{group}")
            self.key("facility_type", ftype)
            self.key("target_group", group)
            self.key("model", "mclp")
            self.key("minutes", int(minutes))
            self.key("p", list(ps))

    def _examples(self, reg: areas.Region, asked: Sequence[str]) -> None:
        if asked:  # a scenario is compared by the access questions of its type
            ftype = asked[0]
            self.blank()
            self.comment(self.t("scenario_example"))
            self.comment("[[scenarios]]", wrap=False)
            label = self.t("scenario_name", type=_i18n.type_label(ftype, self.lang))
            self.comment(f"name = {_toml(label)}", wrap=False)
            self.comment(f"facility_type = {_toml(ftype)}", wrap=False)
            point = areas.region_polygon(reg).representative_point()
            self.comment(
                f"add = [{{ name = {_toml(self.t('scenario_site'))}, x = {point.x:.0f}, "
                f"y = {point.y:.0f} }}]",
                wrap=False,
            )
        self.blank()
        self.comment(self.t("report"))
        self.comment("[report]", wrap=False)
        self.comment('wijken = "auto"', wrap=False)
        self.comment("pdf = true", wrap=False)

    def match_note(self, match: areas.AreaMatch) -> str:
        """Say how a name was resolved (a merger), in the file's language."""
        if match.formed_from:
            return self.t(
                "area_formed",
                asked=match.asked,
                code=match.code,
                members=_i18n.short_list(match.formed_from, self.lang),
                old=match.before,
            )
        if match.merged_into:
            found = areas.area_name(match.merged_into)
            return self.t(
                "area_merged",
                name=match.name,
                code=match.code,
                new_name=found[1] if found else match.merged_into,
                new=match.merged_into,
            )
        if match.former:
            return self.t(
                "area_former",
                old_name=match.former[1],
                old=match.former[0],
                name=match.name,
                code=match.code,
            )
        return ""

    # -- what the survey found, for the terminal
    def facts(self, match: areas.AreaMatch, reg: areas.Region, survey: _Survey) -> list[str]:
        pop = survey.sectors["pop_total"].sum()
        out = [
            self.t(
                "fact_area",
                name=reg.name,
                code=reg.code,
                pop=self.n(pop),
                wijken=len(survey.real_wijken),
                outlined=survey.n_outlined,
            )
        ]
        found = survey.found()
        if found:
            out.append(
                self.t(
                    "fact_facilities",
                    where=self.t("where_municipality" if reg.is_municipality else "where_region"),
                    listing=", ".join(
                        f"{_i18n.type_label(t, self.lang)} {n}" for t, n in found.items()
                    ),
                )
            )
        else:
            out.append(self.t("fact_no_facilities"))
        if survey.road_graph:
            out.append(self.t("fact_road", source=survey.road_graph))
        return out


# --------------------------------------------------------------------------- helpers


def _clean(text: str) -> str:
    """Remove control characters (a name cannot end a comment line early)."""
    return "".join(
        ch if ch == "\n" or unicodedata.category(ch)[0] != "C" else " " for ch in str(text)
    )


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml(value: object) -> str:
    """Return ``value`` as a TOML value (strings escaped as basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        if not math.isfinite(float(value)):
            raise ValueError(f"TOML has no value for {value!r}")
        text = repr(float(value))
        return text if ("." in text or "e" in text) else text + ".0"
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch in _ESCAPES:
                out.append(_ESCAPES[ch])
            elif ord(ch) < 0x20 or ord(ch) == 0x7F:
                out.append(f"\\u{ord(ch):04X}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, Iterable):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _key(name: object) -> str:
    text = str(name)
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else _toml(text)


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\((arr|prov)\.?\)", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "studie"


def _check(text: str) -> None:
    """Read the text back as a study: a template that does not validate is a bug."""
    from wijkanalyse.study import Study

    raw: dict[str, Any] = tomllib.loads(text)
    Study.from_dict(raw, name="init")
