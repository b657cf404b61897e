"""The commented TOML text of a study file, written from a survey in one language."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

import pandas as pd

from wijkanalyse import _i18n, areas
from wijkanalyse._i18n import Language
from wijkanalyse.datasets import CATALOGUE, Dataset
from wijkanalyse.studyfile._survey import MIN_UNITS, Survey
from wijkanalyse.studyfile._toml import TomlText, toml

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


def _t(lang: Language, key: str, **values: object) -> str:
    return _i18n.text("init_" + key, lang, **values)


class Writer(TomlText):
    """Turns a survey into TOML text with comments in one language."""

    def __init__(self, lang: Language) -> None:
        super().__init__()
        self.lang = lang

    def t(self, key: str, **values: object) -> str:
        return _t(self.lang, key, **values)

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
        self, match: areas.AreaMatch, reg: areas.Region, survey: Survey, *, filename: str
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
        note = match_note(match, self.lang)
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

    def _data(self, reg: areas.Region, survey: Survey) -> None:
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

    def _wijken(self, reg: areas.Region, survey: Survey) -> None:
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

    def _facilities(self, reg: areas.Region, survey: Survey) -> None:
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

    def _areas(self, reg: areas.Region, survey: Survey) -> None:
        wijken = survey.real_wijken
        self.blank()
        self.comment(self.t("areas"))
        if len(wijken):
            first = wijken.index[0]
            self.comment("[[areas]]", wrap=False)
            self.comment(f"name = {toml(str(wijken.loc[first, 'wijk_name']))}", wrap=False)
            self.comment(f"wijken = {toml([str(first)])}", wrap=False)

    def _indicators(self) -> None:
        self.table("[indicators]", self.t("indicators"))
        self.key("suppression_threshold", 5, self.t("threshold"))
        self.key("energy_year", 2021)
        self.key("open_space_year", 2016)

    def _index(self, survey: Survey) -> bool:
        levels = survey.index_levels()
        self.blank()
        if not levels or survey.income_known == 0:
            self.comment(
                self.t(
                    "index_none",
                    wijken=len(survey.real_wijken),
                    min_wijken=MIN_UNITS["wijk"],
                    min_sectors=MIN_UNITS["sector"],
                )
            )
            return False
        note = self.t("index")
        if "wijk" not in levels:
            note += " " + self.t(
                "index_no_wijk", wijken=len(survey.real_wijken), min=MIN_UNITS["wijk"]
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

    def _access(self, reg: areas.Region, survey: Survey, *, need: str) -> list[str]:
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

    def _plan(self, reg: areas.Region, survey: Survey, asked: Sequence[str]) -> None:
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
            self.comment(f"name = {toml(label)}", wrap=False)
            self.comment(f"facility_type = {toml(ftype)}", wrap=False)
            point = areas.region_polygon(reg).representative_point()
            self.comment(
                f"add = [{{ name = {toml(self.t('scenario_site'))}, x = {point.x:.0f}, "
                f"y = {point.y:.0f} }}]",
                wrap=False,
            )
        self.blank()
        self.comment(self.t("report"))
        self.comment("[report]", wrap=False)
        self.comment('wijken = "auto"', wrap=False)
        self.comment("pdf = true", wrap=False)
        self.comment("basemap = true", wrap=False)
        self.comment('tiles = "none"', wrap=False)


def match_note(match: areas.AreaMatch, lang: Language) -> str:
    """Say how a name was resolved (a merger), in the file's language."""
    if match.formed_from:
        return _t(
            lang,
            "area_formed",
            asked=match.asked,
            code=match.code,
            members=_i18n.short_list(match.formed_from, lang),
            old=match.before,
        )
    if match.merged_into:
        found = areas.area_name(match.merged_into)
        return _t(
            lang,
            "area_merged",
            name=match.name,
            code=match.code,
            new_name=found[1] if found else match.merged_into,
            new=match.merged_into,
        )
    if match.former:
        return _t(
            lang,
            "area_former",
            old_name=match.former[1],
            old=match.former[0],
            name=match.name,
            code=match.code,
        )
    return ""


def facts(reg: areas.Region, survey: Survey, lang: Language) -> list[str]:
    """Return what the survey found, one line each, for the terminal."""
    pop = survey.sectors["pop_total"].sum()
    out = [
        _t(
            lang,
            "fact_area",
            name=reg.name,
            code=reg.code,
            pop=_i18n.fmt_int(pop, lang),
            wijken=len(survey.real_wijken),
            outlined=survey.n_outlined,
        )
    ]
    found = survey.found()
    if found:
        out.append(
            _t(
                lang,
                "fact_facilities",
                where=_t(lang, "where_municipality" if reg.is_municipality else "where_region"),
                listing=", ".join(f"{_i18n.type_label(t, lang)} {n}" for t, n in found.items()),
            )
        )
    else:
        out.append(_t(lang, "fact_no_facilities"))
    if survey.road_graph:
        out.append(_t(lang, "fact_road", source=survey.road_graph))
    return out
