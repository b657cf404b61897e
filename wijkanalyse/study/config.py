"""The study file's schema: one pydantic model per table, with the checks of single fields."""

from __future__ import annotations

import codecs
from typing import Annotated, Any, Literal

import pyproj
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from wijkanalyse import (
    areas,
)
from wijkanalyse._errors import (
    WijkanalyseError,
)
from wijkanalyse._validate import NIS5_RE
from wijkanalyse.index import PRESETS, IndexSpec, preset


def _nis_code(value: object) -> object:
    # a NIS code written as a TOML integer (24062) is accepted and read as text
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


NisCode = Annotated[str, BeforeValidator(_nis_code)]


def _code_hint(text: str) -> str:
    """Return ``"; ... write municipality = "34022""`` when ``text`` names a municipality."""
    try:
        found = areas.find_area(text)
    except (WijkanalyseError, OSError):
        return ""
    return f'; {found.name} is NIS {found.code}: write municipality = "{found.code}"'


from wijkanalyse.study._config_access import (  # noqa: E402 (after the shared helpers)
    AccessQuestion as AccessQuestion,
)
from wijkanalyse.study._config_access import AccessRanges as AccessRanges  # noqa: E402
from wijkanalyse.study._config_access import AccessSection as AccessSection  # noqa: E402
from wijkanalyse.study._config_base import _Model  # noqa: E402
from wijkanalyse.study._config_plan import JointPart as JointPart  # noqa: E402
from wijkanalyse.study._config_plan import JointQuestion as JointQuestion  # noqa: E402
from wijkanalyse.study._config_plan import PlanQuestion as PlanQuestion  # noqa: E402
from wijkanalyse.study._config_plan import ScenarioSection as ScenarioSection  # noqa: E402
from wijkanalyse.study._config_plan import ScenarioSite as ScenarioSite  # noqa: E402
from wijkanalyse.study._config_plan import weighted_by_need as weighted_by_need  # noqa: E402


class StudySection(_Model):
    """``[study]``: what is analysed.

    The area is either ``municipality`` (one NIS5 code, or a list of them) or ``region``
    (an arrondissement's or a province's NIS code, or ``"flanders"``).
    """

    name: str = Field(min_length=1)
    municipality: NisCode | list[NisCode] | None = None
    region: NisCode | None = None
    vintage: Literal[2024, 2025] = 2024
    language: Literal["nl", "en"] = "nl"
    facility_buffer_m: float = Field(default=3000.0, ge=0, le=50_000)

    @field_validator("municipality")
    @classmethod
    def _nis5(cls, v: str | list[str] | None) -> str | list[str] | None:
        if v is None:
            return v
        values = [v] if isinstance(v, str) else v
        if not values:
            raise ValueError("lists no municipality; give one or more 5-digit NIS codes")
        for one in values:
            if not NIS5_RE.fullmatch(one.strip()):
                raise ValueError(
                    f"must be a 5-digit NIS code such as '24062' (Leuven), got {one!r}"
                    + _code_hint(one)
                )
        return v.strip() if isinstance(v, str) else [x.strip() for x in v]

    @field_validator("region")
    @classmethod
    def _region(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if v.strip().lower() in ("flanders", "vlaanderen"):
            return "flanders"
        if areas.in_brussels(v) and not NIS5_RE.fullmatch(v.strip()):
            return "21000"  # the Brussels-Capital Region is one arrondissement (refused later)
        if not NIS5_RE.fullmatch(v.strip()):
            raise ValueError(
                "must be an arrondissement's or a province's NIS code (e.g. '24000' for "
                f"arrondissement Leuven, '20001' for Vlaams-Brabant) or 'flanders', got {v!r}"
            )
        return v.strip()

    @model_validator(mode="after")
    def _one_area(self) -> StudySection:
        if (self.municipality is None) == (self.region is None):
            raise ValueError(
                "give exactly one of 'municipality' (NIS code or list of codes) and 'region' "
                "(arrondissement or province NIS code, or 'flanders')"
            )
        return self

    @property
    def area(self) -> str | list[str]:
        """The study area as :func:`wijkanalyse.areas.region` takes it."""
        value = self.municipality if self.municipality is not None else self.region
        assert value is not None
        return value


def _check_encoding(value: str | None) -> str | None:
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(
                f"{value!r} is not a text encoding Python knows; e.g. 'utf-8', 'utf-8-sig', "
                "'cp1252', 'latin-1'"
            ) from None
    return value


def _check_crs(value: str | None) -> str | None:
    if value is not None:
        try:
            pyproj.CRS.from_user_input(value)
        except pyproj.exceptions.CRSError:
            raise ValueError(
                f"{value!r} is not a CRS pyproj knows; e.g. 'EPSG:31370' (Lambert 72) or "
                "'EPSG:3812' (Lambert 2008)"
            ) from None
    return value


Encoding = Annotated[str | None, AfterValidator(_check_encoding)]
CrsText = Annotated[str | None, AfterValidator(_check_crs)]


class _Source(_Model):
    """A ``[data]`` source: a dataset id or a path, with the options to read it.

    Written as a string (``population = "census.csv"``) or as an inline table
    (``population = { source = "census.csv", encoding = "cp1252" }``).
    """

    source: str = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return {"source": value} if isinstance(value, str) else value

    @model_serializer(mode="wrap")
    def _compact(self, handler: SerializerFunctionWrapHandler) -> object:
        # a source without options is written back as the plain string it was given as
        data = handler(self)
        options = {k: v for k, v in data.items() if k != "source" and v is not None}
        return {"source": data["source"], **options} if options else data["source"]

    def read_options(self) -> dict[str, Any]:
        """Return the reader's keyword arguments (``crs`` is the reader's ``assume_crs``)."""
        names = {"crs": "assume_crs"}
        return {names.get(k, k): v for k, v in self if k != "source" and v is not None}


class TableSource(_Source):
    """A table (CSV/TXT, XLSX, optionally zipped): its encoding, sheet and zip member."""

    encoding: Encoding = None
    sheet: str | int | None = None
    member: str | None = None


class PopulationSource(TableSource):
    """``data.population``: a census or ``OPENDATA_SECTOREN`` table."""

    duplicates: Literal["error", "sum"] | None = None
    na_values: str | list[str] | None = None


class IncomeSource(TableSource):
    """``data.income``: Statbel's fiscal income table; ``year`` when it holds several."""

    year: int | None = None


class SectorsSource(_Source):
    """``data.sectors``: sector polygons or points, and how to read them."""

    crs: CrsText = None
    layer: str | None = None
    member: str | None = None
    code_col: str | None = None
    name_col: str | None = None


class UploadSource(TableSource):
    """``data.energy``, ``data.open_space``: a Provincies in Cijfers upload table.

    ``vintage`` is that of its sector codes, when ``geolevel`` does not say it.
    """

    vintage: Literal[2011, 2019, 2024, 2025] | None = None


class RoadGraphSource(_Source):
    """``data.road_graph``: a GeoPackage with layers nodes and edges."""

    crs: CrsText = None
    member: str | None = None


class DataSection(_Model):
    """``[data]``: where sectors, population, income, BIMD and the road graph come from.

    Each source is a dataset id or a path (relative to the study file), or an inline table
    with reading options, e.g. ``sectors = { source = "sectors.shp", crs = "EPSG:31370" }``
    (``crs``: the CRS of a file that states none).
    """

    sectors: SectorsSource = SectorsSource(source="statbel_sector_centroids_2024")
    population: PopulationSource = PopulationSource(source="statbel_census2021_age65")
    income: IncomeSource | None = IncomeSource(source="statbel_income2021")
    energy: UploadSource | None = UploadSource(source="fluvius_energy_2018_2021")
    open_space: UploadSource | None = UploadSource(source="pinc_open_space_2013_2016")
    bimd: TableSource | None = TableSource(source="bimd2011_sectors")
    road_graph: RoadGraphSource | None = None

    def source(self, key: str) -> str | None:
        """Return the dataset id or path of source ``key`` (``None`` when it is left out)."""
        value = getattr(self, key)
        return None if value is None else str(value.source)


class IndicatorSection(_Model):
    """``[indicators]``: years of the inputs, small-number suppression, reference rows."""

    energy_year: int = 2021
    open_space_year: int = 2016
    suppression_threshold: int = Field(default=5, ge=0, le=1000)
    min_coverage: float = Field(default=0.9, ge=0, le=1)
    references: bool = True


class DomainSection(_Model):
    """One ``[index.domains.<name>]``: its weight and indicators (list or id → weight)."""

    weight: float = Field(gt=0)
    indicators: dict[str, float] | list[str]


class SensitivitySection(_Model):
    """``[index.sensitivity]``: the Monte Carlo over weights, normalisation, indicators."""

    draws: int = Field(default=1000, ge=0, le=1_000_000)
    seed: int = 0
    concentration: float = Field(default=50.0, gt=0)
    normalisations: list[Literal["zscore", "rank", "minmax"]] = ["zscore", "rank", "minmax"]
    transforms: list[Literal["none", "exponential"]] | None = None
    leave_one_out: bool = True
    top_k: int | None = Field(default=None, ge=1)


class FlagSection(_Model):
    """``[index.flags]``: the thresholds of the sector flags (:mod:`wijkanalyse.index.flags`)."""

    min_population: int = Field(default=10, ge=0)
    collective_factor: float = Field(default=1.5, gt=0)
    young_factor: float = Field(default=0.5, gt=0)
    low_income_factor: float = Field(default=0.8, gt=0)
    bimd_income_decile_max: int = Field(default=2, ge=1, le=10)
    bimd_employment_decile_min: int = Field(default=6, ge=1, le=10)


class DataUncertaintySection(_Model):
    """``[index.data_uncertainty]``: the Monte Carlo over the data (method held fixed)."""

    draws: int = Field(default=1000, ge=0, le=1_000_000)
    seed: int = 0
    returns_per_resident: float = Field(default=0.56, gt=0, le=2)


class IndexSection(_Model):
    """``[index]``: the composite need index (see :mod:`wijkanalyse.index`).

    ``preset`` names a built-in index (:data:`wijkanalyse.index.PRESETS`); ``domains``
    writes one's own (not both). ``exclude`` lists the flag kinds whose sectors are not
    ranked (``small``, ``collective``, ``student``); flagged sectors that are ranked carry
    their flag. ``shrinkage`` moves person rates on small denominators towards the mean
    (empirical Bayes). ``reference = "flanders"`` also ranks every sector among all sectors
    of Flanders.
    """

    name: str = "behoefte-index"
    preset: str | None = None
    normalisation: Literal["zscore", "rank", "minmax"] = "zscore"
    transform: Literal["none", "exponential"] = "exponential"
    missing: Literal["drop", "reweight", "impute"] = "reweight"
    levels: list[Literal["sector", "wijk"]] = ["wijk", "sector"]
    directions: dict[str, Literal["more_need", "less_need"]] = {}
    domains: dict[str, DomainSection] | None = None
    exclude: list[Literal["small", "collective", "student"]] = ["small"]
    shrinkage: bool = True
    reference: Literal["flanders", "none"] = "flanders"
    flags: FlagSection = FlagSection()
    sensitivity: SensitivitySection = SensitivitySection()
    data_uncertainty: DataUncertaintySection = DataUncertaintySection()

    @model_validator(mode="after")
    def _one_definition(self) -> IndexSection:
        if (self.preset is None) == (self.domains is None):
            raise ValueError(
                'give either preset = "..." (a built-in index: '
                + ", ".join(sorted(PRESETS))
                + ") or [index.domains.<name>] tables, not "
                + ("both" if self.preset else "neither")
            )
        if self.preset is not None and self.preset not in PRESETS:
            raise ValueError(
                f"preset {self.preset!r} is not a built-in index; use one of "
                + ", ".join(sorted(PRESETS))
            )
        return self


class ValidationSection(_Model):
    """``[validation]``: units the city knows to be high or low in need.

    Codes of the index's levels (wijk or sector codes). ``expected_share``: a known-high
    unit should rank in the first 30 % (default), a known-low one in the last 30 %.
    """

    known_high: list[str] = []
    known_low: list[str] = []
    expected_share: float = Field(default=0.3, gt=0, lt=1)


class FacilitySource(_Model):
    """One ``[[facilities]]`` entry: a register or OSM extract, and the types to keep.

    ``crs`` is the CRS of the ``x_col``/``y_col`` coordinates, or of a vector file that
    states none; ``encoding`` that of a CSV (default UTF-8).
    """

    source: str
    types: list[str] | None = None
    kind: Literal["register", "osm"] | None = None
    facility_type: str | None = None
    name_col: str = "name"
    type_col: str = "type"
    id_col: str | None = None
    x_col: str | None = None
    y_col: str | None = None
    lon_col: str | None = None
    lat_col: str | None = None
    crs: CrsText = None
    encoding: Encoding = None
    layer: str | None = None
    member: str | None = None
    as_point: Literal["centroid", "representative_point"] | None = None


class TargetGroup(_Model):
    """One target group: a population column, its labels and how fast it travels.

    ``speed_kmh``: the group's speed in the ``[access]`` profile. Default: the profile's
    (walking 4.8 km/h), except the 65+ on foot, 3.3 km/h
    (:data:`wijkanalyse.network.GROUP_SPEEDS_KMH`, with the sources).
    """

    label_nl: str
    label_en: str | None = None
    speed_kmh: float | None = Field(default=None, gt=0.5, le=60)


class AreaSection(_Model):
    """One ``[[areas]]`` entry: a custom area from sector codes or wijk codes."""

    name: str = Field(min_length=1)
    sectors: list[str] | None = None
    wijken: list[str] | None = None
    vintage: Literal[2011, 2019, 2024, 2025] | None = None

    @model_validator(mode="after")
    def _one_definition(self) -> AreaSection:
        if (self.sectors is None) == (self.wijken is None):
            raise ValueError("give either 'sectors' or 'wijken'")
        return self


class PlanSection(_Model):
    """``[plan]``: candidate sites, solver limits and the planning questions.

    ``street_names`` (a line layer with ``name``, e.g. ``"osm_streets_2025"``) and
    ``stop_names`` (a point layer with ``name`` and ``type``, e.g. ``"osm2015_points"``: its
    bus stops) name every candidate site after the nearest named street within 150 m, else
    the nearest stop within 300 m (:func:`wijkanalyse.locate.names.name_sites`); without
    them a site is named by its wijk. ``norms`` (facility type → inhabitants per centre, one
    per started block) are shown beside the plans; by default the programming norm of the
    lokale dienstencentra (:data:`wijkanalyse.locate.norms.NORMS`), with the residents within
    ``distance_m`` metres' walk of today's centres of each such type (1 500 m, the
    Stadsmonitor's nearness; ``distance_m = 0`` is refused, leave it out to keep the
    default). ``joint`` questions place
    two types at once in shared buildings (:class:`JointQuestion`).
    """

    candidates: list[Literal["sectors", "network"]] = ["sectors", "network"]
    sites: list[FacilitySource] = []
    street_names: str | None = None
    stop_names: str | None = None
    norms: dict[str, int] | None = None
    distance_m: float | None = Field(default=1500.0, gt=0, le=20000)
    grid_m: float = Field(default=250.0, ge=20, le=5000)
    candidate_wijken: list[str] | None = None
    time_limit: float = Field(default=300.0, gt=0, le=86400)
    mip_gap: float = Field(default=0.0, ge=0, lt=1)
    questions: list[PlanQuestion] = []
    joint: list[JointQuestion] = []

    @model_validator(mode="after")
    def _some_question(self) -> PlanSection:
        if not self.questions and not self.joint:
            raise ValueError("give at least one [[plan.questions]] or [[plan.joint]]")
        return self

    def by_name(self) -> dict[str, PlanQuestion]:
        """Return every plan question by name, the joint questions' per type included."""
        out = {q.name: q for q in self.questions}
        for j in self.joint:
            out.update({q.name: q for q in j.questions()})
        return out


def _default_groups() -> dict[str, TargetGroup]:
    return {
        "pop_total": TargetGroup(label_nl="alle inwoners", label_en="all residents"),
        "pop_65plus": TargetGroup(label_nl="65-plussers", label_en="residents aged 65+"),
    }


class ReportSection(_Model):
    """``[report]``: which wijken get a report of their own, and what the maps lie on.

    ``wijken = "auto"`` gives every wijk its report when the study has at most
    ``max_wijken`` wijken with an outline (one municipality), and otherwise only the
    overview and the custom areas; ``"all"``, ``"none"`` or a list of wijk codes choose.

    ``basemap`` draws the streets, railways, waterways and neighbouring municipalities under
    every map (from the study's own data, offline; :mod:`wijkanalyse.maps.base`).
    ``tiles = "osm"`` adds the OpenStreetMap tile layer to the interactive map (online, with
    its attribution; a reader's browser fetches the tiles from tile.openstreetmap.org).
    """

    wijken: Literal["auto", "all", "none"] | list[str] = "auto"
    max_wijken: int = Field(default=60, ge=0)
    pdf: bool = True
    basemap: bool = True
    tiles: Literal["none", "osm"] = "none"


class TrendsSection(_Model):
    """``[trends]``: the same measures at several dates, and the early signals.

    Each series lists its years (an empty list leaves the series out); the years at hand are
    those of :mod:`wijkanalyse.trends`: population 2001, 2011, 2021; the BIMD 2001 and
    2011; energy use 2018–2021; income per deelgemeente 2005–2019. ``signals`` is how many
    units each kind of signal lists (fastest growth, fastest decline, relative deprivation).
    """

    population: list[int] = [2001, 2011, 2021]
    bimd: list[int] = [2001, 2011]
    energy: list[int] = [2018, 2021]
    income: list[int] = [2005, 2019]
    signals: int = Field(default=5, ge=1, le=50)

    @field_validator("population", "bimd", "energy", "income")
    @classmethod
    def _years(cls, v: list[int], info: Any) -> list[int]:
        at_hand = _TREND_YEARS[info.field_name]
        odd = [y for y in v if y not in at_hand]
        if odd:
            raise ValueError(
                f"no {info.field_name} data for {odd}; the years at hand are "
                f"{', '.join(map(str, at_hand))} (an empty list [] leaves the series out)"
            )
        if len(set(v)) == 1 or len(v) != len(set(v)):
            raise ValueError(f"give two or more different years (or []), got {v}")
        return sorted(v)


#: The years each trend series has in the data at hand (see :mod:`wijkanalyse.trends`).
_TREND_YEARS: dict[str, tuple[int, ...]] = {
    "population": (2001, 2011, 2021),
    "bimd": (2001, 2011),
    "energy": (2018, 2019, 2020, 2021),
    "income": tuple(range(2005, 2020)),
}


class ComputeSection(_Model):
    """``[compute]``: where independent blocks of work run (see :mod:`wijkanalyse.parallel`).

    ``scheduler = "local"`` starts a Dask cluster on this machine; ``"tcp://host:8786"``
    uses an existing one. Without it everything runs in this process. Results are identical.
    """

    scheduler: str | None = None

    @field_validator("scheduler")
    @classmethod
    def _address(cls, v: str | None) -> str | None:
        if v is not None and v != "local" and "://" not in v:
            raise ValueError(f"must be 'local' or an address such as 'tcp://host:8786', got {v!r}")
        return v


class StudyConfig(_Model):
    """The whole study file."""

    study: StudySection
    data: DataSection = DataSection()
    facilities: list[FacilitySource] = []
    target_groups: dict[str, TargetGroup] = Field(default_factory=_default_groups)
    areas: list[AreaSection] = []
    indicators: IndicatorSection = IndicatorSection()
    index: IndexSection | None = None
    validation: ValidationSection = ValidationSection()
    access: AccessSection | None = None
    plan: PlanSection | None = None
    scenarios: list[ScenarioSection] = []
    trends: TrendsSection | None = None
    report: ReportSection = ReportSection()
    compute: ComputeSection = ComputeSection()


def plan_questions(plan: PlanSection | None) -> dict[str, PlanQuestion]:
    """Return the plan questions of ``[plan]`` by name (see :meth:`PlanSection.by_name`)."""
    return plan.by_name() if plan is not None else {}


def index_spec(section: IndexSection | None) -> IndexSpec | None:
    """Return the index definition of an ``[index]`` table, or ``None`` without one."""
    if section is None:
        return None
    options = {
        "name": section.name,
        "normalisation": section.normalisation,
        "transform": section.transform,
        "missing": section.missing,
        "directions": dict(section.directions),
    }
    if section.preset is not None:
        return preset(section.preset).spec(**options)
    return IndexSpec.from_dict(
        {
            **options,
            "domains": {
                k: {"weight": v.weight, "indicators": v.indicators}
                for k, v in (section.domains or {}).items()
            },
        }
    )
