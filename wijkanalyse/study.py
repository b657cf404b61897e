"""A study: one analysis described in a TOML file, and the standard workflow that runs it.

A study file names the municipality (NIS code), the sector vintage, the data sources (dataset
ids from the catalogue or paths, relative to the study file), the facility registers and
types, the target groups and custom areas. :meth:`Study.run` loads everything, checks it and
writes the outputs::

    OUT/wijkanalyse.gpkg   layers sectors, wijken, facilities
    OUT/sectors.csv        one row per sector
    OUT/wijken.csv         one row per wijk (plus unlocated residents, when there are any)
    OUT/facilities.csv     one row per facility
    OUT/areas.csv          custom areas (e.g. Hoogland), when the study defines them
    OUT/provenance.json    datasets (licence, attribution, sha256), parameters, versions

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

import codecs
import contextlib
import datetime as _dt
import hashlib
import json
import logging
import re
import time
import tomllib
import types
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from importlib.metadata import version as _version
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin, overload

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from wijkanalyse import (
    _i18n,
    _publish,
    access,
    areas,
    indicators,
    io,
    locate,
    outputs,
    scenario,
    settings,
    suppression,
    vocab,
)
from wijkanalyse._errors import (
    WARNING_PREFIX,
    DataError,
    DataWarning,
    InfeasibleError,
    SchemaError,
    WijkanalyseError,
)
from wijkanalyse._validate import NIS5_RE, Problems, close_matches, listing
from wijkanalyse.areas import Region
from wijkanalyse.datasets import CATALOGUE, Dataset, Source, dataset_of, get_dataset
from wijkanalyse.index import IndexSpec, compute_index, sensitivity
from wijkanalyse.network import CrowFlies, StreetNetwork, travel_profile
from wijkanalyse.parallel import Scheduler

__all__ = ["PlanResults", "RunResult", "Study", "StudyConfig", "StudyData"]

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- configuration


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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


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
    """``[data]``: where sectors, population, income and the road graph come from.

    Each source is a dataset id or a path (relative to the study file), or an inline table
    with reading options, e.g. ``sectors = { source = "sectors.shp", crs = "EPSG:31370" }``
    (``crs``: the CRS of a file that states none).
    """

    sectors: SectorsSource = SectorsSource(source="statbel_sector_centroids_2024")
    population: PopulationSource = PopulationSource(source="statbel_census2021_age65")
    income: IncomeSource | None = IncomeSource(source="statbel_income2021")
    energy: UploadSource | None = UploadSource(source="fluvius_energy_2018_2021")
    open_space: UploadSource | None = UploadSource(source="pinc_open_space_2013_2016")
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


class IndexSection(_Model):
    """``[index]``: the composite need index (see :mod:`wijkanalyse.index`)."""

    name: str = "behoefte-index"
    normalisation: Literal["zscore", "rank", "minmax"] = "zscore"
    transform: Literal["none", "exponential"] = "exponential"
    missing: Literal["drop", "reweight", "impute"] = "reweight"
    levels: list[Literal["sector", "wijk"]] = ["wijk", "sector"]
    directions: dict[str, Literal["more_need", "less_need"]] = {}
    domains: dict[str, DomainSection]
    sensitivity: SensitivitySection = SensitivitySection()


class AccessQuestion(_Model):
    """One ``[[access.questions]]``: a facility type, a target group and thresholds."""

    facility_type: str
    target_group: str = "pop_total"
    minutes: list[float] = Field(default=[10.0], min_length=1)

    @field_validator("minutes")
    @classmethod
    def _positive(cls, v: list[float]) -> list[float]:
        if any(not (0 < m <= 240) for m in v):
            raise ValueError(f"thresholds must lie between 0 and 240 minutes, got {v}")
        return sorted(set(v))


class AccessSection(_Model):
    """``[access]``: the travel profile, snapping, the fallback and the coverage questions."""

    profile: Literal["walk", "bike"] = "walk"
    speed_kmh: float | None = Field(default=None, gt=0.5, le=60)
    max_snap_m: float = Field(default=300.0, ge=0, le=5000)
    off_network: Literal["euclidean", "na"] = "euclidean"
    detour_factor: float = Field(default=1.3, ge=1.0, le=3.0)
    osm: str | None = None
    need: str = "index"
    questions: list[AccessQuestion] = []


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
    """One target group: a population column and its labels."""

    label_nl: str
    label_en: str | None = None


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


class PlanQuestion(_Model):
    """One ``[[plan.questions]]``: where should new facilities of a type go."""

    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    facility_type: str
    target_group: str = "pop_total"
    model: Literal["mclp", "lscp", "p_median", "p_center"] = "mclp"
    minutes: float = Field(default=10.0, gt=0, le=240)
    p: list[int] = Field(default=[1], min_length=1)
    demand_areas: list[str] | None = None
    candidate_wijken: list[str] | None = None
    need_weighted: bool = False
    allow_closing: bool = False
    capacity_col: str | None = None
    new_capacity: float | None = Field(default=None, gt=0)

    @field_validator("p")
    @classmethod
    def _p_values(cls, v: list[int]) -> list[int]:
        if any(not (1 <= p <= 50) for p in v):
            raise ValueError(f"p counts new sites: whole numbers from 1 to 50, got {v}")
        return sorted(set(v))

    @model_validator(mode="after")
    def _capacities(self) -> PlanQuestion:
        if (self.capacity_col is None) != (self.new_capacity is None):
            raise ValueError("give both 'capacity_col' (existing sites) and 'new_capacity'")
        return self


class PlanSection(_Model):
    """``[plan]``: candidate sites, solver limits and the planning questions."""

    candidates: list[Literal["sectors", "network"]] = ["sectors", "network"]
    sites: list[FacilitySource] = []
    grid_m: float = Field(default=250.0, ge=20, le=5000)
    candidate_wijken: list[str] | None = None
    time_limit: float = Field(default=300.0, gt=0, le=86400)
    mip_gap: float = Field(default=0.0, ge=0, lt=1)
    questions: list[PlanQuestion] = Field(default=[], min_length=1)


class ScenarioSite(_Model):
    """A site a scenario adds: a name and coordinates in the working CRS (EPSG:31370)."""

    name: str = Field(min_length=1)
    x: float
    y: float


class ScenarioSection(_Model):
    """One ``[[scenarios]]``: sites added or closed, or a plan (question and p)."""

    name: str = Field(min_length=1)
    facility_type: str | None = None
    add: list[ScenarioSite] = []
    close: list[str] = []
    plan: str | None = None
    p: int | None = Field(default=None, ge=1, le=50)

    @model_validator(mode="after")
    def _one_kind(self) -> ScenarioSection:
        if self.plan is None:
            if self.facility_type is None or not (self.add or self.close):
                raise ValueError(
                    "give 'plan' (a plan question) or a 'facility_type' with sites to 'add' "
                    "or 'close'"
                )
        elif self.add or self.close or self.facility_type is not None:
            raise ValueError("a scenario from a plan takes only 'plan' and 'p'")
        return self


def _default_groups() -> dict[str, TargetGroup]:
    return {
        "pop_total": TargetGroup(label_nl="alle inwoners", label_en="all residents"),
        "pop_65plus": TargetGroup(label_nl="65-plussers", label_en="residents aged 65+"),
    }


class ReportSection(_Model):
    """``[report]``: which wijken get a report of their own.

    ``wijken = "auto"`` gives every wijk its report when the study has at most
    ``max_wijken`` wijken with an outline (one municipality), and otherwise only the
    overview and the custom areas; ``"all"``, ``"none"`` or a list of wijk codes choose.
    """

    wijken: Literal["auto", "all", "none"] | list[str] = "auto"
    max_wijken: int = Field(default=60, ge=0)
    pdf: bool = True


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
    access: AccessSection | None = None
    plan: PlanSection | None = None
    scenarios: list[ScenarioSection] = []
    report: ReportSection = ReportSection()
    compute: ComputeSection = ComputeSection()


def _group_label(group: TargetGroup, lang: str) -> str:
    return group.label_nl if lang == "nl" else (group.label_en or group.label_nl)


def _gives(fac: FacilitySource, ftype: str, facilities: gpd.GeoDataFrame) -> bool:
    """Whether a ``[[facilities]]`` entry provides facilities of ``ftype``."""
    if fac.types is not None:
        return ftype in fac.types
    if not len(facilities) or "source" not in facilities:
        return False
    mine = facilities["source"].astype(str) == Path(fac.source).name
    mine |= facilities["source"].astype(str) == fac.source
    return bool((facilities.loc[mine, "type"].astype(str) == ftype).any())


def _not_of(items: list[str], one: str, many: str) -> str:
    """Return ``"X is not a wijk"`` or ``"X, Y are not wijken"`` (``one`` without article)."""
    if len(items) == 1:
        article = "" if one.startswith(("a ", "an ")) else "an " if one[0] in "aeiou" else "a "
        return f"{items[0]} is not {article}{one}"
    return f"{listing(items)} are not {many}"


def _methods_by(methods: pd.Series, groups: pd.Series) -> pd.Series:
    """Return the distance methods used within each group, joined with '+'."""
    frame = pd.DataFrame({"m": methods, "g": groups.reindex(methods.index)}).dropna()
    return frame.groupby("g", sort=False)["m"].agg(lambda s: "+".join(sorted(set(s))))


def _members(tp: Any) -> list[Any]:
    """Return the types a field may hold: ``Annotated`` stripped, unions split, no ``None``."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _members(get_args(tp)[0])
    if origin in (Union, types.UnionType):
        return [m for arg in get_args(tp) for m in _members(arg)]
    return [] if tp is type(None) else [tp]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _table_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """Return the model of the study-file table that holds ``loc[-1]``.

    Walks the model tree from :class:`StudyConfig` along an error's ``loc``: a field name
    into a model, an index into a list, a key into a dict (``index.domains.<name>``).
    """
    tp: Any = StudyConfig
    for part in loc[:-1]:
        step = None
        for member in _members(tp):
            if _is_model(member) and isinstance(part, str) and part in member.model_fields:
                step = member.model_fields[part].annotation
            elif get_origin(member) is list and isinstance(part, int):
                step = get_args(member)[0]
            elif get_origin(member) is dict and isinstance(part, str):
                step = get_args(member)[1]
            if step is not None:
                break
        if step is None:
            return None
        tp = step
    models = [m for m in _members(tp) if _is_model(m)]
    return models[0] if models else None


#: an option a reader's message suggests: ``encoding='cp1252'``, ``member=...``
_OPTION_RE = re.compile(r"\b([a-z][a-z_]*)=(?:'([^']*)')?")


def _study_hint(
    message: str,
    where: str,
    source: str,
    model: type[BaseModel],
    renames: dict[str, str | None],
    *,
    inline: bool,
) -> str:
    """Say where the options a reader's message suggests go in the study file.

    ``renames`` maps a reader's option to its study-file key (``None``: it has none).
    """
    allowed = set(model.model_fields) - {"source"} | {v for v in renames.values() if v}
    keys: dict[str, str] = {}
    for name, value in _OPTION_RE.findall(message):
        key = renames.get(name, name)
        if key is not None and key in allowed and key not in keys:
            keys[key] = value
    if not keys:
        return ""
    own = {k: v for k, v in keys.items() if "." not in k}
    elsewhere = {k: v for k, v in keys.items() if "." in k}
    parts = []
    if own:
        given = ", ".join(f'{k} = "{v}"' if v else f"{k} = ..." for k, v in own.items())
        parts.append(
            f'{where} = {{ source = "{source}", {given} }}'
            if inline
            else f"{given} in {where} (source = {source!r})"
        )
    parts += [f"{k} = {v or '...'}" for k, v in elsewhere.items()]
    hint = "In the study file: " + "; ".join(parts)
    return hint if hint.endswith("...") else hint + "."


@contextlib.contextmanager
def _hinting_any(
    entries: list[tuple[str, str, type[BaseModel], dict[str, str | None]]], *, inline: bool = True
) -> Iterator[None]:
    """Re-raise a reader's error with where its suggested options go in the study file.

    ``entries`` are (place in the study file, source, its model, renamed options); the
    entry whose file or id the message names gets the hint.
    """
    try:
        yield
    except WijkanalyseError as exc:
        message = str(exc)
        for where, source, model, renames in entries:
            if source not in message and Path(source).name not in message:
                continue
            hint = _study_hint(message, where, source, model, renames, inline=inline)
            if hint:
                raise type(exc)(f"{message}\n{hint}") from exc
            break
        raise


def _hinting(
    where: str, source: str, model: type[BaseModel], *, inline: bool
) -> contextlib.AbstractContextManager[None]:
    # a register's crs is both the coordinates' CRS and that of a file that states none
    return _hinting_any([(where, source, model, {"assume_crs": "crs"})], inline=inline)


def _wijk_hints(unknown: list[str], wijken: pd.DataFrame) -> str:
    """Suggest wijk codes for wijk names or near-miss codes: ``; 'Wijgmaal' is wijk 240621``."""
    names = wijken["wijk_name"].dropna().astype(str) if "wijk_name" in wijken else pd.Series()
    by_name = {n.lower(): c for c, n in names.items()}
    hints = []
    for w in unknown:
        code = by_name.get(str(w).strip().lower())
        if code is not None:
            hints.append(f"{w!r} is the name of wijk {code}")
            continue
        close = close_matches(str(w), list(names), n=3)
        codes = close_matches(str(w), [str(c) for c in wijken.index], n=3)
        options = [f"{names.index[list(names).index(c)]} ({c})" for c in close] + [
            f"{c} ({names[c]})" if c in names.index else c for c in codes
        ]
        if options:
            hints.append(f"for {w!r} did you mean {listing(options, 4)}?")
    return f"; {'; '.join(hints)}" if hints else ""


def _swap_options(columns: tuple[str, str, str, str, str]) -> str:
    """Return the ``[[facilities]]`` options that read swapped coordinate columns right."""
    xc, yc, xo, yo, crs = columns
    also = f', crs = "{crs}"' if xo == "x_col" else ""
    return f'{xo} = "{yc}", {yo} = "{xc}"{also}'


def _brussels_problem(where: str, codes: list[str], vintage: int) -> str:
    """Say why a study refuses Brussels codes, what the data do hold and what to do instead."""
    muni = next((c for c in codes if NIS5_RE.fullmatch(c) and c != "21000"), "21004")
    named, example = list(codes), ""
    try:
        h = areas.hierarchy(vintage)
        names = dict(zip(h["gemeente"], h["gemeente_name"], strict=True))
        names["21000"] = "arrondissement Brussel"
        named = [f"{c} ({names[c]})" if c in names else c for c in codes]
        rows = h[(h["gemeente"] == muni) & h["wijk"].notna()]
        rows = rows[~rows["wijk"].map(vocab.is_pseudo_wijk)]
        if len(rows):
            example = f" (e.g. {rows['wijk'].iloc[0]} {rows['wijk_name'].iloc[0]!r})"
    except WijkanalyseError:  # the names only decorate the message
        pass
    return (
        f"{where}: {listing(named)} {'lies' if len(codes) == 1 else 'lie'} in the "
        "Brussels-Capital Region, outside Flanders. "
        "A study covers Flemish municipalities: its energy (Fluvius) and open-space inputs and "
        "its reference rows (arrondissement, Flanders) exist only there. The sector tables do "
        f"place Brussels' sectors in wijken{example}: in Python, "
        f"wijkanalyse.areas.load_sectors('{muni}') and wijkanalyse.indicators.compute(sectors, "
        "by='wijk') give population and income per wijk. For a study, give a Flemish "
        "municipality, arrondissement or province, or region = 'flanders'."
    )


def _describe(error: dict[str, Any]) -> str:
    loc = [str(p) for p in error["loc"]]
    where = ".".join(loc) or "(top level)"
    kind = error["type"]
    if kind == "extra_forbidden":
        model = _table_at(tuple(error["loc"])) or StudyConfig
        allowed = list(model.model_fields)
        hits = close_matches(loc[-1], allowed)
        hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else ""
        return f"unknown key {where!r}{hint} Allowed here: {', '.join(allowed)}."
    got = error.get("input")
    shown = f" (got {got!r})" if not isinstance(got, dict) and "got " not in error["msg"] else ""
    return f"{where}: {error['msg']}{shown}"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class StudyData:
    """Everything a study loads, in canonical frames."""

    sectors: gpd.GeoDataFrame
    wijken: gpd.GeoDataFrame
    facilities: gpd.GeoDataFrame
    areas: pd.DataFrame
    road_graph: io.RoadGraphFrames | None
    region: Region
    notes: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()

    @property
    def municipality(self) -> Region:
        """The study area (kept under its old name; see :attr:`region`)."""
        return self.region

    @property
    def boundary(self) -> Any:
        """The outline of the study area (union of its municipalities)."""
        return areas.region_polygon(self.region)


@dataclass(frozen=True)
class Analysis:
    """The indicators and the index of a loaded study.

    Attributes
    ----------
    inputs
        The sector inputs of the indicators (population, income, energy, open space).
    indicators
        Indicator tables by level: ``"sectors"``, ``"wijken"`` (with the reference rows of
        the municipality, arrondissement and Flanders, ``level`` says which),
        ``"deelgemeenten"`` and ``"areas"``. Small numbers are already suppressed.
    definitions
        One row per indicator: labels, unit, direction, aggregation, source, caveat.
    index
        The index per level (``"wijken"``, ``"sectors"``): score, rank, decile, the
        Monte Carlo rank interval, domain scores and missing indicators.
    notes
        How the inputs were assembled.
    """

    inputs: indicators.IndicatorInputs = field(repr=False)
    indicators: dict[str, pd.DataFrame] = field(repr=False)
    definitions: pd.DataFrame = field(repr=False)
    index: dict[str, pd.DataFrame] = field(repr=False)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccessResults:
    """Accessibility of a loaded study.

    Attributes
    ----------
    model
        The distance model: a street network, or straight lines × detour where none exists.
    nearest
        Per (sector, facility type): the nearest facility, travel time, distances, method.
    coverage
        Per (wijk or municipality, facility type, target group, threshold): population
        covered and not covered (``level`` says which).
    gaps
        Need × poor access per sector, wijk and custom area, ranked per question.
    equity
        Per question and threshold, over the municipality's residents: mean and 90th
        percentile travel time, Gini, Palma, share beyond the threshold.
    need_source
        What "need" is: ``index:<name>`` or an indicator id.
    notes
        How distances were measured and what could not be reached.
    """

    model: StreetNetwork | CrowFlies = field(repr=False)
    nearest: pd.DataFrame = field(repr=False)
    coverage: pd.DataFrame = field(repr=False)
    gaps: pd.DataFrame = field(repr=False)
    equity: pd.DataFrame = field(repr=False)
    need_source: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanResults:
    """Planning options and scenarios of a study.

    Attributes
    ----------
    plans
        The exact plans, keyed by (question name, p); p is ``None`` for LSCP.
    greedy
        Per question (MCLP, p-median): the greedy ranking up to the largest p.
    curves
        Per question and number of new sites: the exact and the greedy objective.
    candidates
        The candidate sites: ``name``, ``source``, ``snap_m``, ``attached``, ``wijk``.
    scenarios
        The comparison of every scenario with the current situation (see
        :func:`wijkanalyse.scenario.compare`).
    notes
        Questions that could not be answered, and why.
    """

    plans: dict[tuple[str, int | None], locate.Plan] = field(repr=False)
    greedy: dict[str, locate.Plan] = field(repr=False)
    curves: pd.DataFrame = field(repr=False)
    candidates: gpd.GeoDataFrame = field(repr=False)
    scenarios: pd.DataFrame = field(repr=False)
    notes: tuple[str, ...] = ()
    scenario_supply: tuple[tuple[str, tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]], ...] = field(
        default=(), repr=False
    )
    """Per scenario name: its facilities of the type before and after (for the audit of what
    may be published, :mod:`wijkanalyse._publish`)."""


@dataclass(frozen=True)
class RunResult:
    """What :meth:`Study.run` wrote and the summary it printed."""

    out: Path
    files: tuple[Path, ...]
    summary: tuple[str, ...]
    data: StudyData = field(repr=False)
    analysis: Analysis | None = field(default=None, repr=False)
    access: AccessResults | None = field(default=None, repr=False)
    planning: PlanResults | None = field(default=None, repr=False)
    timings: dict[str, float] = field(default_factory=dict, repr=False)
    """Seconds per step (``load``, ``indicators``, ``access``, ``planning``, ``write``,
    ``report``) and ``total``."""


# --------------------------------------------------------------------------- the study


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
        study._check_sources(label)
        return study

    def with_language(self, language: Literal["nl", "en"]) -> Study:
        """Return the same study with its user-facing text in another language."""
        section = self.config.study.model_copy(update={"language": language})
        config = self.config.model_copy(update={"study": section})
        return Study(config=config, base_dir=self.base_dir, path=self.path)

    def _check_area(self, problems: Problems) -> None:
        """Refuse Brussels codes before any work: a study covers Flemish municipalities."""
        st = self.config.study
        key = "municipality" if st.municipality is not None else "region"
        codes = [st.area] if isinstance(st.area, str) else list(st.area)
        brussels = [c for c in codes if areas.in_brussels(c)]
        if brussels:
            problems.add(_brussels_problem(f"study.{key}", brussels, st.vintage))

    def _check_sources(self, label: str) -> None:
        problems = Problems(label)
        self._check_area(problems)
        d = self.config.data
        for key in ("sectors", "population", "income", "energy", "open_space", "road_graph"):
            src = d.source(key)
            if src is not None:
                self._source_problem(src, f"data.{key}", problems)
        for i, fac in enumerate(self.config.facilities):
            self._source_problem(fac.source, f"facilities[{i}].source", problems)
        area_names = [a.name for a in self.config.areas]
        repeated = sorted({n for n in area_names if area_names.count(n) > 1})
        if repeated:
            problems.add(
                "areas: more than one [[areas]] entry is named "
                f"{listing(repr(n) for n in repeated)}; an area's name is its key in every "
                "output: give each [[areas]] entry its own name."
            )
        for group in self.config.target_groups:
            if not group.startswith("pop_"):
                problems.add(
                    f"target_groups.{group}: a target group is a population column "
                    "such as 'pop_total' or 'pop_65plus'."
                )
        if self.config.access is not None:
            self._check_access(problems)
        if self.config.plan is not None or self.config.scenarios:
            self._check_plan(problems)
        if self.config.index is not None:
            types = {t for f in self.config.facilities for t in (f.types or [])}
            known = set(indicators.REGISTRY) | {
                i.id for i in indicators.facility_indicators(sorted(types))
            }
            for dname, dom in self.config.index.domains.items():
                for ind_id in dom.indicators:
                    if ind_id not in known:
                        hits = close_matches(ind_id, known)
                        hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
                        problems.add(
                            f"index.domains.{dname}: unknown indicator {ind_id!r}{hint} "
                            "`wijkanalyse indicators list` shows them."
                        )
            try:
                self.index_spec()
            except SchemaError as exc:
                problems.add(str(exc))
        problems.raise_if_any(SchemaError)

    def _check_access(self, problems: Problems) -> None:
        acc = self.config.access
        assert acc is not None
        if acc.osm is not None:
            self._source_problem(acc.osm, "access.osm", problems)
        known_types = None
        if all(f.types is not None for f in self.config.facilities):
            known_types = {t for f in self.config.facilities for t in (f.types or [])}
        for i, q in enumerate(acc.questions):
            if known_types is not None and q.facility_type not in known_types:
                hits = close_matches(q.facility_type, known_types)
                hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
                problems.add(
                    f"access.questions[{i}].facility_type {q.facility_type!r} is not a type of "
                    f"the [[facilities]] ({listing(sorted(known_types))}){hint}"
                )
            if q.target_group not in self.config.target_groups:
                problems.add(
                    f"access.questions[{i}].target_group {q.target_group!r} is not one of "
                    f"[target_groups] ({listing(self.config.target_groups)})."
                )
        if acc.need != "index" and acc.need not in indicators.REGISTRY:
            hits = close_matches(acc.need, indicators.REGISTRY)
            hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
            problems.add(f"access.need must be 'index' or an indicator id, got {acc.need!r}{hint}")

    def _check_plan(self, problems: Problems) -> None:
        cfg = self.config
        plan = cfg.plan
        if cfg.access is None:
            problems.add(
                "[plan] and [[scenarios]] need an [access] section: it says how travel times "
                "are measured (profile, speed, network)."
            )
        known_types = None
        if all(f.types is not None for f in cfg.facilities):
            known_types = {t for f in cfg.facilities for t in (f.types or [])}
        area_names = [a.name for a in cfg.areas]
        questions = plan.questions if plan is not None else []
        names = [q.name for q in questions]
        if len(set(names)) != len(names):
            problems.add(f"plan.questions: names repeat ({listing(names)}); name each once.")
        if plan is not None:
            for i, src in enumerate(plan.sites):
                self._source_problem(src.source, f"plan.sites[{i}].source", problems)
        for i, q in enumerate(questions):
            where = f"plan.questions[{i}] ({q.name})"
            if known_types is not None and q.facility_type not in known_types:
                hits = close_matches(q.facility_type, known_types)
                hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
                problems.add(
                    f"{where}.facility_type {q.facility_type!r} is not a type of the "
                    f"[[facilities]] ({listing(sorted(known_types))}){hint}"
                )
            if q.target_group not in cfg.target_groups:
                problems.add(
                    f"{where}.target_group {q.target_group!r} is not one of [target_groups] "
                    f"({listing(cfg.target_groups)})."
                )
            for a in q.demand_areas or []:
                if a not in area_names:
                    hits = close_matches(a, area_names)
                    hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
                    problems.add(
                        f"{where}.demand_areas: {a!r} is not one of the [[areas]] "
                        f"({listing(area_names) or 'none defined'}){hint}"
                    )
            if q.model == "p_center" and q.capacity_col is not None:
                problems.add(f"{where}: p_center does not take capacities; use p_median.")
        scen_names = [sc.name for sc in cfg.scenarios]
        if len(set(scen_names)) != len(scen_names):
            problems.add(f"scenarios: names repeat ({listing(scen_names)}); name each once.")
        by_name = {q.name: q for q in questions}
        for i, sc in enumerate(cfg.scenarios):
            where = f"scenarios[{i}] ({sc.name})"
            if sc.plan is not None:
                asked = by_name.get(sc.plan)
                if asked is None:
                    hits = close_matches(sc.plan, by_name)
                    hint = f"; did you mean {', '.join(map(repr, hits))}?" if hits else "."
                    problems.add(
                        f"{where}.plan {sc.plan!r} is not a plan question "
                        f"({listing(by_name) or 'there are none'}){hint}"
                    )
                elif asked.model != "lscp" and (sc.p is None or sc.p not in asked.p):
                    problems.add(
                        f"{where}.p must be one of the p the question {asked.name!r} solves "
                        f"({listing(map(str, asked.p))})."
                    )
            elif known_types is not None and sc.facility_type not in known_types:
                problems.add(
                    f"{where}.facility_type {sc.facility_type!r} is not a type of the "
                    f"[[facilities]] ({listing(sorted(known_types))})."
                )

    def index_spec(self) -> IndexSpec | None:
        """Return the study's index definition, or ``None`` when it has none."""
        cfg = self.config.index
        if cfg is None:
            return None
        return IndexSpec.from_dict(
            {
                "name": cfg.name,
                "normalisation": cfg.normalisation,
                "transform": cfg.transform,
                "missing": cfg.missing,
                "directions": dict(cfg.directions),
                "domains": {
                    k: {"weight": v.weight, "indicators": v.indicators}
                    for k, v in cfg.domains.items()
                },
            }
        )

    def _source_problem(self, source: str, where: str, problems: Problems) -> None:
        if source in CATALOGUE:
            return
        looks_like_path = "/" in source or "\\" in source or Path(source).suffix
        if looks_like_path:
            if not (self.base_dir / source).exists():
                problems.add(
                    f"{where}: file {source!r} does not exist (relative to {self.base_dir})."
                )
            return
        hits = close_matches(source, CATALOGUE)
        hint = f" Did you mean {', '.join(map(repr, hits))}?" if hits else ""
        problems.add(f"{where}: {source!r} is neither a dataset id nor a file path.{hint}")

    def _source(self, source: str) -> str:
        return source if source in CATALOGUE else str(self.base_dir / source)

    @overload
    def _spec(self, value: _Source) -> str | Source: ...

    @overload
    def _spec(self, value: _Source | None) -> str | Source | None: ...

    def _spec(self, value: _Source | None) -> str | Source | None:
        """Return a ``[data]`` source as readers take it: id or path, with its options."""
        if value is None:
            return None
        where = self._source(value.source)
        options = value.read_options()
        return Source(where, **options) if options else where

    def _hints(self, *keys: str) -> contextlib.AbstractContextManager[None]:
        """Add to a reader's error where its options go in ``[data]`` (see :func:`_hinting`)."""
        data = self.config.data
        entries: list[tuple[str, str, type[BaseModel], dict[str, str | None]]] = []
        for key in keys:
            value = getattr(data, key)
            if value is None:
                continue
            # a [data] source's crs is the reader's assume_crs; a reader's crs= (the CRS
            # a file states) cannot be overridden from here
            renames: dict[str, str | None] = {"assume_crs": "crs", "crs": None}
            if key in ("energy", "open_space"):
                renames["year"] = f"indicators.{key}_year"
            entries.append((f"data.{key}", value.source, type(value), renames))
        return _hinting_any(entries)

    def _dataset(self, source: str | None) -> Dataset | None:
        """Return the catalogue entry of a source: its id, or a file that is a catalogued file."""
        if source is None:
            return None
        return dataset_of(self._source(source))

    # -- loading

    def load(self) -> StudyData:
        """Load and check every input of the study into canonical frames."""
        cfg = self.config
        vintage = cfg.study.vintage
        notes: list[str] = []
        used: list[str] = []
        problems = Problems(f"study {cfg.study.name!r}")
        self._check_area(problems)
        problems.raise_if_any(DataError)
        if isinstance(cfg.study.municipality, str):
            # a municipality field holding an arrondissement's code is an error, not a region
            areas.municipality(cfg.study.municipality, vintage=vintage)
        muni = areas.region(cfg.study.area, vintage=vintage)
        if muni.note:
            notes.append(muni.note)
        label = f"study file {self.path.name!r}" if self.path else f"study {cfg.study.name!r}"
        problems = Problems(f"{label} for {muni.name} (NIS {muni.code})")
        partial = self._check_extents(muni, problems, notes)

        with self._hints("sectors", "population", "income"):
            sectors = areas.load_sectors(
                muni.code if muni.is_municipality else list(muni.municipalities),
                vintage=vintage,
                geometry=self._spec(cfg.data.sectors),
                population=self._spec(cfg.data.population),
                income=self._spec(cfg.data.income),
            )
        used += [
            ds.id
            for ds in map(self._dataset, map(cfg.data.source, ("sectors", "population", "income")))
            if ds is not None
        ]
        used += [
            "pinc_statsec2024_als_basis" if vintage == 2024 else "pinc_statsec2025_als_basis",
            "pinc_ggw72024_names" if vintage == 2024 else "pinc_ggw7_names",
        ]
        missing_groups = [g for g in cfg.target_groups if g not in sectors]
        if missing_groups:
            have = listing(c for c in sectors if c.startswith("pop_"))
            absent = _not_of(missing_groups, "population column", "population columns")
            problems.add(
                f"target_groups: {absent} of {cfg.data.source('population')!r} (it has "
                f"{have}); remove them or give a population source that has them.",
                SchemaError,
            )
        groups = [g for g in cfg.target_groups if g in sectors]

        polygons_id = areas.wijk_polygon_dataset(vintage)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DataWarning)
            wijk_geo = areas.wijk_areas(vintage, gemeente=muni)
        for w in caught:
            warnings.warn(str(w.message), DataWarning, stacklevel=2)
        real = [c for c in wijk_geo.index if not vocab.is_pseudo_wijk(c)]
        lacking = [c for c in real if wijk_geo.geometry[c] is None]
        if lacking:
            notes.append(
                _i18n.text(
                    "wijk_polygons_missing",
                    cfg.study.language,
                    vintage=vintage,
                    n=len(lacking),
                    total=len(real),
                    coverage=get_dataset(polygons_id).coverage,
                )
            )
        used.append(polygons_id)
        counts = areas.aggregate(
            sectors,
            "wijk",
            columns=groups
            + [c for c in ("pop_under65",) if c in sectors and c not in cfg.target_groups],
        )
        wijken = wijk_geo.join(counts.drop(columns="n_sectors"), how="left")
        wijken["area_km2"] = wijken["area_km2"].round(3)
        wijken = wijken[
            ["wijk_name", "n_sectors", "area_km2", *counts.columns.drop("n_sectors"), "geometry"]
        ]

        boundary = areas.region_polygon(muni)
        used.append("pinc_gemeenten_2024")
        facilities, fnotes, fused = self._load_facilities(
            boundary, muni.name, problems, homes=sectors.geometry
        )
        notes += fnotes
        used += fused

        graph = None
        if cfg.data.road_graph:
            with self._hints("road_graph"):
                graph = io.read_road_graph(self._spec(cfg.data.road_graph))
            ds = self._dataset(cfg.data.road_graph.source)
            used += [ds.id] if ds is not None else []
            if graph.repaired_edges:
                notes.append(
                    _i18n.text(
                        "road_graph_lengths_repaired",
                        cfg.study.language,
                        source=cfg.data.road_graph.source,
                        n=graph.repaired_edges,
                        km=_i18n.fmt_number(graph.repaired_km, 2, cfg.study.language),
                    )
                )

        area_rows = self._custom_areas(sectors, muni, notes, problems)
        self._check_fit(sectors, wijken, facilities, graph, muni, problems, partial)
        problems.raise_if_any()  # DataError, or SchemaError when one is
        return StudyData(
            sectors=sectors,
            wijken=wijken,
            facilities=facilities,
            areas=area_rows,
            road_graph=graph,
            region=muni,
            notes=tuple(notes),
            datasets=tuple(dict.fromkeys(u for u in used if u in CATALOGUE)),
        )

    def _load_facilities(
        self,
        boundary: Any,
        where_name: str = "",
        problems: Problems | None = None,
        *,
        homes: gpd.GeoSeries | None = None,
    ) -> tuple[gpd.GeoDataFrame, list[str], list[str]]:
        """Read every ``[[facilities]]`` entry and keep what lies within reach of the area.

        A register whose rows mostly fall outside the area (and its buffer) but inside when x
        and y are swapped is a problem naming the columns to swap; rows outside the buffer are
        left out with a note naming them and how far out they lie (OSM extracts, cut from a
        larger area by design, only get the count in the log).

        Where the area lies near the diagonal x = y of its CRS (Leuven does), swapped points
        stay inside it; then a register whose points lie much farther from the sectors
        (``homes``) than the same points swapped gets a :class:`DataWarning` and a note.
        """
        cfg = self.config
        lang = cfg.study.language
        frames, notes, used = [], [], []
        reach = boundary.buffer(cfg.study.facility_buffer_m)
        problems = problems if problems is not None else Problems("study")
        for i, fac in enumerate(cfg.facilities):
            ds = self._dataset(fac.source)
            # a catalogued source says how it is read (OSM points or a register, and e.g. the
            # hospital list's name column); what the study file sets wins
            kind = fac.kind or (ds.read_as[0] if ds is not None and ds.read_as else "register")
            if ds is not None and ds.read_options:
                own = fac.model_fields_set
                fac = fac.model_copy(
                    update={k: v for k, v in ds.read_options.items() if k not in own}
                )
            where = f"[[facilities]] entry {i + 1}"
            frame = self._read_register(fac, where, kind=kind, types=fac.types)
            used += [ds.id] if ds is not None else []
            inside = frame.geometry.within(reach).to_numpy(bool)
            swap_named = False
            if not inside.all() and len(frame):
                swapped = shapely.points(frame.geometry.y, frame.geometry.x)
                inside_swapped = shapely.within(swapped, reach)
                n_swapped = int(inside_swapped.sum())
                if kind == "register" and n_swapped >= max(0.8 * len(frame), 2 * inside.sum()):
                    swap_named = True
                    problems.add(
                        self._swapped_problem(
                            fac, where, frame, int((~inside).sum()), n_swapped, where_name
                        )
                    )
                elif kind == "register":
                    out = frame[~inside]
                    km = out.geometry.distance(boundary) / 1000
                    order = np.argsort(-km.to_numpy())
                    rows = [
                        _i18n.text(
                            "facility_outside_row",
                            lang,
                            name=out["name"].iloc[k]
                            if pd.notna(out["name"].iloc[k])
                            else out.index[k],
                            km=_i18n.fmt_number(float(km.iloc[k]), 1, lang),
                        )
                        for k in order
                    ]
                    notes.append(
                        _i18n.text(
                            "facilities_outside",
                            lang,
                            n=len(out),
                            total=len(frame),
                            source=fac.source,
                            buffer=_i18n.fmt_number(cfg.study.facility_buffer_m / 1000, 1, lang),
                            where=where_name,
                            rows=_i18n.short_list(rows, lang, limit=8),
                        )
                    )
                else:
                    log.info(
                        "%s: %d points lie outside the study area and its buffer",
                        fac.source,
                        int((~inside).sum()),
                    )
            if kind == "register" and homes is not None and not swap_named:
                hint = self._maybe_swapped(fac, where, frame, reach, homes)
                if hint:
                    warnings.warn(f"{WARNING_PREFIX}{hint}", DataWarning, stacklevel=3)
                    notes.append(
                        _i18n.text("facilities_maybe_swapped", lang, source=fac.source, hint=hint)
                    )
            frame = frame[inside].copy()
            frame["in_municipality"] = frame.geometry.within(boundary)
            wanted = fac.types or sorted(frame["type"].dropna().unique())
            present = set(frame["type"])
            lacking = [t for t in wanted if (t[:16] if kind == "osm" else t) not in present]
            if lacking:
                coverage = ds.coverage if ds else fac.source
                notes.append(
                    _i18n.text(
                        "facilities_none",
                        lang,
                        types=", ".join(_i18n.type_label(t, lang) for t in lacking),
                        source=fac.source,
                        coverage=coverage,
                    )
                )
            frames.append(frame)
        if frames:
            facilities = pd.concat(frames)
            dup = facilities.index[facilities.index.duplicated()]
            if len(dup):
                raise DataError(
                    f"facility ids occur in more than one source: {listing(dup.unique())}; "
                    "give the registers distinct ids (id_col=...)."
                )
        else:
            facilities = gpd.GeoDataFrame(
                {
                    "name": [],
                    "type": [],
                    "status": [],
                    "capacity": pd.array([], dtype="Float64"),
                    "source": [],
                    "in_municipality": pd.array([], dtype="bool"),
                },
                geometry=[],
                crs=settings.working_crs,
            )
        facilities = gpd.GeoDataFrame(facilities, geometry="geometry", crs=settings.working_crs)
        facilities.index.name = "facility_id"
        return facilities, notes, used

    def _swapped_problem(
        self,
        fac: FacilitySource,
        where: str,
        frame: gpd.GeoDataFrame,
        n_out: int,
        n_swapped: int,
        where_name: str,
    ) -> str:
        """Say that a register's coordinates look swapped and which options swap them back."""
        buffer_km = self.config.study.facility_buffer_m / 1000
        msg = (
            f"{where} ({fac.source!r}): {n_out} of {len(frame)} facilities lie outside "
            f"{where_name} and its {buffer_km:g} km buffer, but {n_swapped} of {len(frame)} fall "
            "inside when x and y are swapped: the x and y columns look swapped (x holds the "
            "northing). "
        )
        columns = frame.attrs.get("coordinate_columns")
        if columns:
            return msg + (
                f"In the study file: {_swap_options(columns)} in {where} (source = "
                f"{fac.source!r}); or swap the columns in the register."
            )
        return msg + "Swap the coordinates in the file (x is the easting or longitude)."

    def _maybe_swapped(
        self,
        fac: FacilitySource,
        where: str,
        frame: gpd.GeoDataFrame,
        reach: Any,
        homes: gpd.GeoSeries,
    ) -> str:
        """Say whether a register's points look swapped by their distance to the sectors.

        Facilities stand where people live: a register whose median distance to the nearest
        sector point is at least four times (and 200 m more than) that of the same points
        with x and y swapped looks swapped. Returns the message, or ``""``.
        """
        from scipy.spatial import cKDTree

        pts = homes.dropna()
        pts = pts[~pts.is_empty].representative_point()
        if len(pts) < 3 or len(frame) < 3:
            return ""
        x, y = frame.geometry.x.to_numpy(), frame.geometry.y.to_numpy()
        near = shapely.within(shapely.points(x, y), reach) | shapely.within(
            shapely.points(y, x), reach
        )
        if near.sum() < 3:
            return ""
        tree = cKDTree(np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()]))
        given, _ = tree.query(np.column_stack([x[near], y[near]]))
        swapped, _ = tree.query(np.column_stack([y[near], x[near]]))
        m_given, m_swapped = float(np.median(given)), float(np.median(swapped))
        if not (m_given >= 4 * m_swapped and m_given - m_swapped >= 200):
            return ""
        msg = (
            f"{where} ({fac.source!r}): the facilities lie a median {m_given:.0f} m from the "
            f"nearest sector, but {m_swapped:.0f} m with x and y swapped: the coordinates look "
            "swapped. "
        )
        columns = frame.attrs.get("coordinate_columns")
        if columns:
            return msg + (
                f"If so, in the study file: {_swap_options(columns)} in {where}; or swap the "
                "columns in the register."
            )
        return msg + "If so, swap the coordinates in the file."

    def _read_register(
        self,
        fac: FacilitySource,
        where: str,
        *,
        kind: str = "register",
        types: list[str] | None = None,
        facility_type: str | None = None,
    ) -> gpd.GeoDataFrame:
        """Read one ``[[facilities]]`` (or ``[[plan.sites]]``) entry with all its options."""
        src = self._source(fac.source)
        with _hinting(where, fac.source, FacilitySource, inline=False):
            if kind == "osm":
                return io.read_osm_points(src, types=types, assume_crs=fac.crs)
            return io.read_facilities(
                src,
                types=types,
                facility_type=facility_type or fac.facility_type,
                name_col=fac.name_col,
                type_col=fac.type_col,
                id_col=fac.id_col,
                x_col=fac.x_col,
                y_col=fac.y_col,
                lon_col=fac.lon_col,
                lat_col=fac.lat_col,
                crs=fac.crs,
                assume_crs=fac.crs,
                layer=fac.layer,
                member=fac.member,
                as_point=fac.as_point,
                encoding=fac.encoding,
            )

    def _custom_areas(
        self, sectors: gpd.GeoDataFrame, muni: Region, notes: list[str], problems: Problems
    ) -> pd.DataFrame:
        cfg = self.config
        rows = []
        vintage = cfg.study.vintage
        fix = (
            "change or remove this [[areas]] entry; `wijkanalyse init` lists the wijken of "
            f"{muni.name} in a new study file"
        )
        for i, spec in enumerate(cfg.areas):
            lang = cfg.study.language
            where = f"areas[{i}] ({spec.name})"
            if spec.wijken is not None:
                unknown = sorted(set(spec.wijken) - set(sectors["wijk"]))
                if unknown:
                    names = sectors.drop_duplicates("wijk").set_index("wijk")["wijk_name"]
                    have = listing((f"{w} {names[w]}" for w in names.index), 6)
                    problems.add(
                        f"{where}.wijken: {_not_of(unknown, 'wijk', 'wijken')} of {muni.name} in "
                        f"vintage {vintage} (it has {have}); {fix}."
                    )
                    continue
                codes = list(sectors.index[sectors["wijk"].isin(spec.wijken)])
                area = areas.CustomArea(
                    name=spec.name,
                    sectors=tuple(codes),
                    vintage=vintage,
                    note=f"wijken {', '.join(spec.wijken)}",
                )
                note = _i18n.text("area_wijken", lang, wijken=", ".join(spec.wijken))
            else:
                assert spec.sectors is not None
                try:
                    area = areas.custom_area(spec.name, sectors=spec.sectors, vintage=spec.vintage)
                    area = area.to_vintage(vintage)
                except DataError as exc:
                    problems.add(f"{where}.sectors: {exc}")
                    continue
                if area.source_vintage is None:
                    note = _i18n.text("area_sectors", lang, sectors=", ".join(area.sectors))
                else:
                    key = "area_translated_exact" if area.exact else "area_translated"
                    note = _i18n.text(
                        key,
                        lang,
                        src_vintage=area.source_vintage,
                        src=", ".join(area.source_sectors),
                        vintage=vintage,
                        dst=", ".join(area.sectors),
                        extra=", ".join(area.extra_sectors),
                    )
            outside = [s for s in area.sectors if s not in sectors.index]
            if outside:
                problems.add(
                    f"{where}.sectors: {_not_of(outside, 'sector', 'sectors')} of {muni.name}; "
                    f"{fix}."
                )
                continue
            counts = areas.aggregate(
                sectors, [area], columns=[g for g in cfg.target_groups if g in sectors]
            )
            row: dict[str, Any] = {
                "area": area.name,
                "vintage": area.vintage,
                "sectors": " ".join(area.sectors),
                "exact": area.exact,
                "note": note,
            }
            row.update({str(k): v for k, v in counts.iloc[0].items()})
            rows.append(row)
        frame = pd.DataFrame(rows)
        if len(frame):
            frame = frame.set_index("area")
            for g in cfg.target_groups:
                if g in frame:
                    frame[g] = frame[g].astype("Int64")
        return frame

    def _check_extents(
        self, muni: Region, problems: Problems, notes: list[str]
    ) -> dict[int, tuple[str, ...]]:
        """Name every catalogue source of the study that does not cover its area.

        Returns the ``[[facilities]]`` entries that cover only part of a region, with the
        municipalities they miss (see :meth:`_check_fit`).
        """
        partial: dict[int, tuple[str, ...]] = {}
        cfg = self.config
        keyed: list[tuple[str, str | None]] = [
            (f"facilities[{i}].source", f.source) for i, f in enumerate(cfg.facilities)
        ]
        keyed += [
            (f"data.{key}", cfg.data.source(key))
            for key in ("sectors", "population", "income", "energy", "open_space")
        ]
        if cfg.plan is not None:
            keyed += [(f"plan.sites[{i}].source", f.source) for i, f in enumerate(cfg.plan.sites)]
        for key, src in keyed:
            ds = self._dataset(src)  # an id, or a file that is a catalogued file
            if src is None or ds is None:
                continue
            lacking = areas.not_covered(ds.id, muni)
            if not lacking:
                continue
            if len(lacking) < len(muni.municipalities):
                if key.startswith("facilities["):
                    partial[int(key.split("[")[1].split("]")[0])] = lacking
                names = muni.municipality_names
                notes.append(
                    _i18n.text(
                        "source_partial",
                        cfg.study.language,
                        source=src,
                        coverage=ds.coverage,
                        missing=_i18n.short_list(names.get(c, c) for c in lacking),
                    )
                )
                continue
            if key.startswith("facilities"):
                fix = (
                    "remove this [[facilities]] entry (and the questions and scenarios about "
                    f"its types), or give a register of {muni.name} as source"
                )
            elif key.startswith("plan.sites"):
                fix = f"remove this [[plan.sites]] entry or give a list of sites in {muni.name}"
            else:
                fix = f"give a source that covers {muni.name}"
            problems.add(f"{key} {src!r} covers {ds.coverage}, not {muni.name}: {fix}.")
        return partial

    def _check_fit(
        self,
        sectors: gpd.GeoDataFrame,
        wijken: gpd.GeoDataFrame,
        facilities: gpd.GeoDataFrame,
        graph: io.RoadGraphFrames | None,
        muni: Region,
        problems: Problems,
        partial: dict[int, tuple[str, ...]],
    ) -> None:
        """Check what the study asks of its area against what the loaded data hold.

        Every question, scenario and wijk list that names something the area lacks (a
        facility type with no facility within reach, a facility id, a site outside it, a
        wijk of another municipality, a road graph that reaches none of its sectors) is one
        problem, named by its key with what to change. Run before any computation.
        """
        cfg = self.config
        reach_km = cfg.study.facility_buffer_m / 1000
        have = set(facilities["type"].dropna().astype(str)) if len(facilities) else set()
        sources = listing(f.source for f in cfg.facilities) or "none"
        lacking_fix = (
            "remove it, or add a [[facilities]] source that has this type there (e.g. the "
            "city's own register)"
        )

        def type_problem(where: str, ftype: str) -> None:
            if ftype not in have and ftype[:16] not in have:
                problems.add(
                    f"{where}.facility_type {ftype!r}: no facility of this type in {muni.name} "
                    f"or within {reach_km:g} km of it in the [[facilities]] sources ({sources}); "
                    f"{lacking_fix}."
                )
                return
            # the sources of this type: if each covers only part of the region, residents of
            # the rest would count as out of reach for want of data
            giving = [i for i, f in enumerate(cfg.facilities) if _gives(f, ftype, facilities)]
            if giving and all(i in partial for i in giving):
                missed = sorted(set.intersection(*(set(partial[i]) for i in giving)))
                if missed:
                    names = muni.municipality_names
                    srcs = listing(cfg.facilities[i].source for i in giving)
                    problems.add(
                        f"{where}.facility_type {ftype!r}: its source(s) {srcs} do not cover "
                        f"{len(missed)} of the {len(muni.municipalities)} municipalities of "
                        f"{muni.name} ({listing((names.get(c, c) for c in missed), 5)}), whose "
                        "residents would count as out of reach for want of data; study the area "
                        "the source covers, or add a source for the rest."
                    )

        if cfg.access is not None:
            for i, q in enumerate(cfg.access.questions):
                type_problem(f"access.questions[{i}]", q.facility_type)
        known_wijken = set(wijken.index)
        outlined = [c for c in wijken.index if wijken.geometry.get(c) is not None]
        if cfg.plan is not None:
            for key, listed in [("plan.candidate_wijken", cfg.plan.candidate_wijken)] + [
                (f"plan.questions[{i}].candidate_wijken", q.candidate_wijken)
                for i, q in enumerate(cfg.plan.questions)
            ]:
                unknown = [w for w in listed or [] if w not in known_wijken]
                if unknown:
                    problems.add(
                        f"{key}: {_not_of(unknown, 'wijk', 'wijken')} of {muni.name} (it has "
                        f"{listing(sorted(known_wijken), 6)}){_wijk_hints(unknown, wijken)}; "
                        "give wijk codes (`wijkanalyse init` lists them), or remove the list."
                    )
        boundary = areas.region_polygon(muni)
        reach = boundary.buffer(cfg.study.facility_buffer_m)
        for i, sc in enumerate(cfg.scenarios):
            where = f"scenarios[{i}] ({sc.name})"
            if sc.plan is not None or sc.facility_type is None:
                continue
            if sc.close:
                mine = facilities.index[facilities["type"] == sc.facility_type]
                unknown = [c for c in sc.close if c not in mine]
                if unknown:
                    ids = listing(mine, 4) or "none"
                    what = _not_of(
                        unknown, f"an id of a {sc.facility_type} facility", "ids of its facilities"
                    )
                    problems.add(
                        f"{where}.close: {what} of {muni.name} (the {sc.facility_type} ids are: "
                        f"{ids}; see facilities.csv of a run); change or remove the scenario."
                    )
            for j, site in enumerate(sc.add):
                point = shapely.Point(site.x, site.y)
                if not reach.covers(point):
                    km = boundary.distance(point) / 1000
                    problems.add(
                        f"{where}.add[{j}] ({site.name}): x={site.x:g}, y={site.y:g} lies "
                        f"{km:.1f} km outside {muni.name}; give x and y in EPSG:31370 metres "
                        f"inside the study area or within study.facility_buffer_m "
                        f"({cfg.study.facility_buffer_m:g} m) of it, or remove the scenario."
                    )
        if isinstance(cfg.report.wijken, list):
            unknown = [w for w in cfg.report.wijken if w not in outlined]
            if unknown:
                have_outlines = (
                    f"e.g. {listing(outlined, 6)}" if outlined else "it has no wijk with an outline"
                )
                problems.add(
                    f"report.wijken: {_not_of(unknown, 'wijk', 'wijken')} with an outline in "
                    f"{muni.name} ({have_outlines}); change the list or write "
                    'wijken = "auto".'
                )
        if graph is not None and cfg.access is not None and cfg.access.osm is None:
            located = sectors.geometry.dropna()
            located = located[~located.is_empty]
            if len(located):
                from scipy.spatial import cKDTree

                nodes = graph.nodes.geometry
                tree = cKDTree(np.column_stack([nodes.x.to_numpy(), nodes.y.to_numpy()]))
                pts = located.representative_point()
                dist, _ = tree.query(np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()]))
                limit = max(cfg.access.max_snap_m, 300.0)
                if not (dist <= limit).any():
                    src = cfg.data.source("road_graph")
                    ds = self._dataset(src)
                    covers = f" (it covers {ds.coverage})" if ds else ""
                    problems.add(
                        f"data.road_graph {src!r} has no street within {limit:g} m of any "
                        f"sector of {muni.name}{covers}: remove the line (distances are then "
                        "straight lines × access.detour_factor, labelled as such) or give a "
                        f"road graph or OSM extract (access.osm) that covers {muni.name}."
                    )

    # -- analysis

    def analyse(
        self, data: StudyData, *, progress: bool = False, scheduler: Scheduler = None
    ) -> Analysis:
        """Compute the indicators (every level, with references) and the index of ``data``.

        ``scheduler`` (default: the study's ``[compute]``) says where the Monte Carlo draws
        are ranked; see :mod:`wijkanalyse.parallel`.
        """
        cfg = self.config
        icfg = cfg.indicators
        thr = icfg.suppression_threshold
        notes: list[str] = []
        vintage = cfg.study.vintage
        energy = self._spec(cfg.data.energy)
        open_space = self._spec(cfg.data.open_space)
        if vintage != 2024 and (energy or open_space):
            notes.append(
                "energy and open space are published on the 2019/2024 sectors; left out for "
                f"a study of vintage {vintage}"
            )
            energy = open_space = None
        with self._hints("energy", "open_space"):
            inputs = indicators.sector_inputs(
                data.sectors,
                energy=energy,
                energy_year=icfg.energy_year,
                open_space=open_space,
                open_space_year=icfg.open_space_year,
            )
        notes += inputs.notes
        boundary = data.boundary
        extent = boundary.buffer(cfg.study.facility_buffer_m)
        common = {
            "facilities": data.facilities if len(data.facilities) else None,
            "facility_extent": extent,
            "threshold": thr,
            "min_coverage": icfg.min_coverage,
        }
        sec = indicators.compute(inputs, **common)
        wijk_polys = data.wijken.geometry
        wk = indicators.compute(inputs, by="wijk", polygons=wijk_polys, **common)
        wk = wk.reindex(data.wijken.index)
        wk["name"] = data.wijken["wijk_name"].reindex(wk.index)
        deel_polys = io.read_areas("pinc_deelgemeenten_2024", level="deelgemeente").geometry
        dg = indicators.compute(
            inputs, by="deelgemeente", level="deelgemeente", polygons=deel_polys, **common
        )
        tables = {"sectors": sec, "deelgemeenten": dg}
        if len(data.areas):
            custom = []
            polys = {}
            for area_cfg in cfg.areas:
                row = data.areas.loc[area_cfg.name]
                custom.append(
                    areas.CustomArea(
                        name=area_cfg.name,
                        sectors=tuple(str(row["sectors"]).split()),
                        vintage=int(str(row["vintage"])),
                    )
                )
                if area_cfg.wijken is not None:
                    geoms = data.wijken.geometry.reindex(area_cfg.wijken).dropna()
                    if len(geoms) == len(area_cfg.wijken):
                        polys[area_cfg.name] = geoms.union_all()
            area_polys = gpd.GeoSeries(polys, crs=data.wijken.crs) if polys else None
            tables["areas"] = indicators.compute(inputs, by=custom, polygons=area_polys, **common)
        flemish = ("Belgium", "Flanders", "Flanders and Brussels")
        unknown_reach = [
            f"data.{key} {src!r}"
            for key in ("population", "income", "energy", "open_space")
            if (src := cfg.data.source(key)) is not None
            and ((ds := self._dataset(src)) is None or ds.coverage not in flemish)
        ]
        if icfg.references and not unknown_reach and vintage == 2024:
            ref = indicators.reference_indicators(
                data.region,
                indicators=[c for c in wk.attrs["indicators"]],
                population=self._spec(cfg.data.population),
                income=self._spec(cfg.data.income),
                energy=energy,
                open_space=open_space,
                facilities=common["facilities"],
                facility_extent=extent,
                threshold=thr,
            )
            wk = indicators.concat([wk, ref])
            wk.index.name = "wijk"
        elif icfg.references:
            notes.append(
                "reference rows (municipality, arrondissement, Flanders) need sources that "
                "cover Flanders; left out"
                + (
                    f" ({listing(unknown_reach)}: not a catalogued dataset that covers Flanders)"
                    if unknown_reach
                    else ""
                )
            )
        tables["wijken"] = wk
        meta = {**sec.attrs.get("indicators", {}), **wk.attrs.get("indicators", {})}
        definitions = indicators.list_indicators(list(meta.values()), threshold=thr)
        index_tables: dict[str, pd.DataFrame] = {}
        spec = self.index_spec()
        if spec is not None and cfg.index is not None:
            sens = cfg.index.sensitivity
            for level in cfg.index.levels:
                key = "wijken" if level == "wijk" else "sectors"
                table = tables[key]
                if key == "wijken":
                    table = table[table["level"] == "wijk"]
                # residents without a known sector or wijk are not a place to rank
                pseudo = table.index.str.upper().str.endswith(("ONB", "ONBE", "ZZZZ"))
                table = table[~pseudo]
                values = table.copy()
                values.attrs = {"indicators": meta}
                result = compute_index(values, spec).table
                if sens.draws:
                    mc = sensitivity(
                        values,
                        spec,
                        draws=sens.draws,
                        seed=sens.seed,
                        concentration=sens.concentration,
                        normalisations=sens.normalisations,
                        transforms=sens.transforms,
                        leave_one_out=sens.leave_one_out,
                        top_k=sens.top_k,
                        progress=progress,
                        scheduler=self._scheduler(scheduler),
                    )
                    result = result.join(mc)
                result.insert(0, "name", table["name"])
                index_tables[key] = result
        return Analysis(
            inputs=inputs,
            indicators=tables,
            definitions=definitions,
            index=index_tables,
            notes=tuple(notes),
        )

    # -- accessibility

    def _distance_model(
        self, data: StudyData, demand: gpd.GeoDataFrame, notes: list[str]
    ) -> StreetNetwork | CrowFlies:
        acc = self.config.access
        assert acc is not None
        lang = self.config.study.language
        prof = travel_profile(acc.profile, speed_kmh=acc.speed_kmh)
        crow = CrowFlies(profile=prof, detour_factor=acc.detour_factor, crs=data.sectors.crs)
        opts: dict[str, Any] = {
            "profile": prof,
            "max_snap_m": acc.max_snap_m,
            "off_network": acc.off_network,
            "detour_factor": acc.detour_factor,
        }
        if acc.osm is not None:
            net = StreetNetwork.from_osm(self._source(acc.osm), crs=data.sectors.crs, **opts)
        elif data.road_graph is not None:
            label = self.config.data.source("road_graph") or "road graph"
            net = StreetNetwork.from_road_graph(data.road_graph, **opts)
            net = replace(net, report=replace(net.report, source=label))
        else:
            notes.append(
                _i18n.text(
                    "access_no_network", lang, method=crow.method, where=self._where(data, lang)
                )
            )
            return crow
        snapped = net.snap(demand.geometry)
        if not snapped["attached"].any():
            notes.append(
                _i18n.text(
                    "access_no_network", lang, method=crow.method, where=self._where(data, lang)
                )
            )
            return crow
        notes.append(str(net.report))
        off = snapped.index[~snapped["attached"]]
        if len(off):
            wijken = demand.loc[off, "wijk_name"].dropna().unique()
            notes.append(
                _i18n.text(
                    "access_off_network" if acc.off_network == "euclidean" else "access_off_na",
                    lang,
                    n=len(off),
                    max_snap=_i18n.fmt_int(acc.max_snap_m, lang),
                    wijken=_i18n.short_list(wijken, lang),
                    method=net.fallback_method,
                )
            )
        fac = data.facilities
        if len(fac):
            fsnap = net.snap(fac.geometry)
            far = fsnap.index[~fsnap["attached"]]
            asked = {q.facility_type for q in acc.questions}
            named = [
                str(fac.at[f, "name"]) if pd.notna(fac.at[f, "name"]) else str(f)
                for f in far
                if fac.at[f, "type"] in asked
            ]
            if len(far):
                notes.append(
                    _i18n.text(
                        "access_facility_off",
                        lang,
                        n=len(far),
                        names=_i18n.short_list(named, lang) or "–",
                        max_snap=_i18n.fmt_int(acc.max_snap_m, lang),
                        method=net.fallback_method,
                    )
                )
        return net

    def _need(
        self, analysis: Analysis | None, notes: list[str]
    ) -> tuple[pd.Series, pd.Series, str, str]:
        """Need per sector and per wijk, its label and whether higher means more need."""
        acc = self.config.access
        assert acc is not None
        lang = self.config.study.language
        if acc.need == "index" and analysis is not None and analysis.index:
            name = self.config.index.name if self.config.index else "index"
            sec = analysis.index.get("sectors", pd.DataFrame(columns=["score"]))["score"]
            wk = analysis.index.get("wijken", pd.DataFrame(columns=["score"]))["score"]
            return sec, wk, f"index:{name}", "higher"
        ind_id = acc.need if acc.need != "index" else "share_65plus"
        if acc.need == "index":
            notes.append(_i18n.text("access_need_fallback", lang, indicator=ind_id))
        ind = indicators.get_indicator(ind_id)
        if analysis is None or ind_id not in analysis.indicators["sectors"]:
            raise DataError(
                f"access.need {ind_id!r} was not computed for this study; it needs "
                f"{ind.source or 'its inputs'}."
            )
        sec = analysis.indicators["sectors"][ind_id]
        wk_table = analysis.indicators["wijken"]
        wk = wk_table.loc[wk_table["level"] == "wijk", ind_id]
        return sec, wk, ind_id, "lower" if ind.direction == "less_need" else "higher"

    def accessibility(
        self, data: StudyData, analysis: Analysis | None = None, *, scheduler: Scheduler = None
    ) -> AccessResults | None:
        """Compute travel times, coverage, equity and coverage gaps of the ``[access]`` section.

        ``scheduler`` (default: the study's ``[compute]``) says where the nearest-facility
        search runs, per facility type and municipality; see :mod:`wijkanalyse.parallel`.

        Returns ``None`` when the study has no ``[access]`` section.
        """
        acc = self.config.access
        if acc is None:
            return None
        notes: list[str] = []
        # sectors without a location are named in the summary (with their protected count)
        demand = access.demand_points(data.sectors, demand_point="representative_point")
        model = self._distance_model(data, demand, notes)
        fac = data.facilities
        types = list(dict.fromkeys(fac["type"].astype(str))) if len(fac) else []
        asked = [q.facility_type for q in acc.questions if q.facility_type not in types]
        if asked:
            raise DataError(
                f"access.questions ask about {listing(sorted(set(asked)))} but the loaded "
                f"facilities have no such type (they have {listing(types) or 'none'})."
            )
        nearest = (
            access.nearest_facility(
                demand,
                fac,
                network=model,
                types=types,
                tiles=demand.get("gemeente"),
                scheduler=self._scheduler(scheduler),
            )
            if types
            else pd.DataFrame()
        )
        wijk_names = data.wijken["wijk_name"]
        need_s, need_w, need_label, higher = (
            self._need(analysis, notes) if acc.questions else (pd.Series(), pd.Series(), "", "")
        )
        cov_frames, gap_frames, eq_rows = [], [], []
        gemeente_names = (
            {data.region.code: data.region.name}
            if data.region.is_municipality
            else data.region.municipality_names
        )
        members: dict[str, list[str]] = {
            str(name): [c for c in str(row["sectors"]).split() if c in demand.index]
            for name, row in data.areas.iterrows()
        }
        for q in acc.questions:
            near_q = nearest.xs(q.facility_type, level="facility_type", drop_level=False)
            common: dict[str, Any] = {
                "network": model,
                "max_minutes": q.minutes,
                "target_groups": [q.target_group],
                "types": [q.facility_type],
                "nearest": near_q,
            }
            by_wijk = access.coverage(demand, fac, by="wijk", **common)
            by_wijk.insert(0, "level", "wijk")
            by_wijk.insert(1, "name", wijk_names.reindex(by_wijk.index).to_numpy())
            total = access.coverage(demand, fac, by="gemeente", **common)
            total.insert(0, "level", "gemeente")
            total.insert(1, "name", total.index.map(gemeente_names).to_numpy())
            total.index.name = "wijk"
            cov_frames += [by_wijk, total]
            if not data.region.is_municipality:
                whole = pd.Series(data.region.code, index=demand.index)
                reg = access.coverage(demand, fac, by=whole, **common)
                reg.insert(0, "level", data.region.level)
                reg.insert(1, "name", data.region.name)
                reg.index.name = "wijk"
                cov_frames.append(reg)
            minutes = near_q.droplevel("facility_type")["minutes"]
            methods = near_q.droplevel("facility_type")["method"]
            pop = demand[q.target_group]
            for thr in q.minutes:
                eq = access.equity(minutes, pop, threshold=thr)
                eq_rows.append(
                    {
                        "facility_type": q.facility_type,
                        "target_group": q.target_group,
                        "threshold_minutes": thr,
                        **eq.to_dict(),
                    }
                )
                sec = access.coverage_gaps(
                    need_s.reindex(demand.index),
                    minutes,
                    pop,
                    threshold=thr,
                    names=demand["name"],
                    higher_need=higher,  # type: ignore[arg-type]
                )
                sec["method"] = methods.reindex(sec.index)
                wk = access.coverage_gaps(
                    need_w,
                    minutes,
                    pop,
                    threshold=thr,
                    groups=demand["wijk"],
                    names=wijk_names,
                    higher_need=higher,  # type: ignore[arg-type]
                )
                wk["method"] = _methods_by(methods, demand["wijk"]).reindex(wk.index)
                parts = [("sector", sec), ("wijk", wk)]
                if members:
                    ar = access.aggregate_gaps(sec, members)
                    ar.insert(0, "name", ar.index)
                    ar["method"] = [
                        "+".join(sorted(set(methods.reindex(m).dropna()))) for m in members.values()
                    ]
                    parts.append(("area", ar))
                for level, frame in parts:
                    frame = frame.copy()
                    frame.index.name = "unit"
                    frame.insert(0, "level", level)
                    frame.insert(2, "facility_type", q.facility_type)
                    frame.insert(3, "target_group", q.target_group)
                    frame.insert(4, "threshold_minutes", thr)
                    frame["need_source"] = need_label
                    gap_frames.append(frame)
        coverage = pd.concat(cov_frames) if cov_frames else pd.DataFrame()
        gaps = pd.concat(gap_frames) if gap_frames else pd.DataFrame()
        equity = pd.DataFrame(eq_rows)
        return AccessResults(
            model=model,
            nearest=nearest,
            coverage=coverage,
            gaps=gaps,
            equity=equity,
            need_source=need_label,
            notes=tuple(notes),
        )

    # -- planning

    def _candidate_sites(
        self, data: StudyData, demand: gpd.GeoDataFrame, model: StreetNetwork | CrowFlies
    ) -> tuple[gpd.GeoDataFrame, list[str]]:
        cfg = self.config.plan
        assert cfg is not None
        notes: list[str] = []
        lang = self.config.study.language
        net = model if isinstance(model, StreetNetwork) else None
        user = None
        if cfg.sites:
            frames = [
                self._read_register(
                    src,
                    f"[[plan.sites]] entry {i + 1}",
                    facility_type=src.facility_type or "kandidaat",
                )
                for i, src in enumerate(cfg.sites)
            ]
            user = gpd.GeoDataFrame(pd.concat(frames), crs=settings.working_crs)
        if "network" in cfg.candidates and net is None:
            notes.append(_i18n.text("plan_no_network_candidates", lang))
        wijken = data.wijken
        if cfg.candidate_wijken is not None:  # checked against the wijken by load()
            wijken = wijken.loc[cfg.candidate_wijken]
        outlined = wijken[wijken.geometry.notna()]
        real = [w for w in wijken.index if not vocab.is_pseudo_wijk(w)]
        # without every wijk's outline, candidates are kept inside the study area and only
        # sector candidates know their wijk
        whole = len(outlined) < len(real)
        cand = locate.candidate_sites(
            sites=user,
            sectors=demand if "sectors" in cfg.candidates else None,
            network=net,
            grid_m=cfg.grid_m if ("network" in cfg.candidates and net is not None) else None,
            within=data.boundary if whole else outlined[["geometry"]],
        )
        if whole:
            codes = cand.index.str.removeprefix("sector:")
            cand["area"] = np.where(
                cand["source"] == "sector",
                demand["wijk"].reindex(codes).to_numpy(dtype=object),
                None,
            )
            if cfg.candidate_wijken is not None:
                cand = cand[cand["area"].isin(cfg.candidate_wijken)]
        cand = cand.rename(columns={"area": "wijk"})
        cand["wijk_name"] = data.wijken["wijk_name"].reindex(cand["wijk"]).to_numpy()
        nodes = cand["source"] == "network_node"
        cand.loc[nodes, "name"] = [
            _i18n.text("plan_node_name", lang, node=str(i).removeprefix("node:"), wijk=w)
            for i, w in zip(cand.index[nodes], cand.loc[nodes, "wijk_name"], strict=True)
        ]
        return cand, notes

    def _plan_need(self, analysis: Analysis | None, demand: gpd.GeoDataFrame) -> pd.Series:
        """Need as a percentile rank in (0, 1] per sector (higher = more need)."""
        sec, _, label, higher = self._need(analysis, [])
        need = pd.to_numeric(sec.reindex(demand.index), errors="coerce")
        pct = need.rank(pct=True, ascending=higher == "higher")
        lost = pct.index[pct.isna() & (demand["pop_total"] > 0)]
        if len(lost):
            raise DataError(
                f"need_weighted: the need ({label}) is unknown for sectors {listing(lost)}; "
                "set need_weighted = false or choose an access.need that covers them."
            )
        return pct.fillna(0.0)

    def planning(
        self,
        data: StudyData,
        acc: AccessResults | None,
        analysis: Analysis | None = None,
    ) -> PlanResults | None:
        """Solve the ``[plan]`` questions and compare the ``[[scenarios]]``.

        Returns ``None`` when the study has neither, or no ``[access]`` results.
        """
        cfg = self.config.plan
        if acc is None or (cfg is None and not self.config.scenarios):
            return None
        lang = self.config.study.language
        notes: list[str] = []
        demand = access.demand_points(data.sectors, demand_point="representative_point")
        model = acc.model
        fac = data.facilities
        members = {
            str(name): [c for c in str(row["sectors"]).split() if c in demand.index]
            for name, row in data.areas.iterrows()
        }
        plans: dict[tuple[str, int | None], locate.Plan] = {}
        greedy: dict[str, locate.Plan] = {}
        curves = []
        cand = gpd.GeoDataFrame(geometry=[], crs=data.sectors.crs)
        questions = cfg.questions if cfg is not None else []
        if cfg is not None:
            cand, cnotes = self._candidate_sites(data, demand, model)
            notes += cnotes
        groups = list(self.config.target_groups)
        for q in questions:
            assert cfg is not None
            dem = demand
            if q.demand_areas:
                labels = list(dict.fromkeys(c for a in q.demand_areas for c in members[a]))
                dem = demand.loc[labels]
            sites = cand
            if q.candidate_wijken is not None:
                sites = cand[cand["wijk"].isin(q.candidate_wijken)]
            existing = fac[
                (fac["type"] == q.facility_type) & (fac["status"].fillna("existing") == "existing")
            ]
            cap_col = None
            if q.capacity_col is not None:
                if q.capacity_col not in existing:
                    raise DataError(
                        f"plan question {q.name!r}: the facilities have no column "
                        f"{q.capacity_col!r} (found: {listing(existing.columns)})."
                    )
                existing = existing.assign(_capacity=existing[q.capacity_col])
                sites = sites.assign(_capacity=q.new_capacity)
                cap_col = "_capacity"
            full = q.model in ("p_median", "p_center")
            prob = locate.location_problem(
                dem,
                sites,
                network=model,
                existing=existing,
                weight=q.target_group,
                need=self._plan_need(analysis, dem) if q.need_weighted else None,
                target_groups=[g for g in groups if g in dem],
                capacity_col=cap_col,
                max_minutes=None if full else q.minutes,
            )
            common: dict[str, Any] = {
                "allow_closing": q.allow_closing,
                "time_limit": cfg.time_limit,
                "mip_gap": cfg.mip_gap,
                "max_minutes": q.minutes,
            }
            for p in [None] if q.model == "lscp" else q.p:
                try:
                    opts = common if p is None else {**common, "p": p}
                    plans[(q.name, p)] = locate.solve(prob, q.model, **opts)
                except InfeasibleError as exc:
                    notes.append(_i18n.text("plan_infeasible", lang, question=q.name, reason=exc))
            if q.model in ("mclp", "p_median") and not q.allow_closing:
                try:
                    greedy[q.name] = locate.greedy(
                        prob, model=q.model, p=max(q.p), max_minutes=q.minutes
                    )
                    if prob.capacity is None:
                        curve = locate.coverage_curve(
                            prob,
                            max_minutes=q.minutes,
                            p_max=max(q.p),
                            model=q.model,
                            time_limit=cfg.time_limit,
                            mip_gap=cfg.mip_gap,
                        )
                        curve.insert(0, "question", q.name)
                        curves.append(curve.reset_index())
                except InfeasibleError as exc:
                    notes.append(_i18n.text("plan_infeasible", lang, question=q.name, reason=exc))
        supply: list[tuple[str, tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]]] = []
        comparison = self._scenarios(data, demand, acc, plans, members, notes, supply)
        return PlanResults(
            plans=plans,
            greedy=greedy,
            curves=pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(),
            candidates=cand,
            scenarios=comparison,
            notes=tuple(notes),
            scenario_supply=tuple(supply),
        )

    def _scenarios(
        self,
        data: StudyData,
        demand: gpd.GeoDataFrame,
        acc: AccessResults,
        plans: dict[tuple[str, int | None], locate.Plan],
        members: dict[str, list[str]],
        notes: list[str],
        supply: list[tuple[str, tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]]],
    ) -> pd.DataFrame:
        cfg = self.config
        lang = cfg.study.language
        questions = {q.name: q for q in (cfg.plan.questions if cfg.plan else [])}
        asked = cfg.access.questions if cfg.access else []
        levels: dict[str, Any] = {
            "wijk": demand["wijk"],
            "gemeente": demand["gemeente"],
        }
        names: dict[str, Any] = {
            "wijk": data.wijken["wijk_name"],
            "gemeente": (
                {data.region.code: data.region.name}
                if data.region.is_municipality
                else data.region.municipality_names
            ),
        }
        if members:
            levels["area"] = {a: m for a, m in members.items() if m}
            names["area"] = {a: a for a in members}
        frames = []
        for sc in cfg.scenarios:
            if sc.plan is not None:
                q = questions[sc.plan]
                key = (q.name, None if q.model == "lscp" else sc.p)
                if key not in plans:
                    notes.append(_i18n.text("plan_scenario_skipped", lang, name=sc.name))
                    continue
                obj = scenario.Scenario.from_plan(
                    plans[key], name=sc.name, facility_type=q.facility_type, crs=demand.crs
                )
                groups, minutes = [q.target_group], [q.minutes]
            else:
                assert sc.facility_type is not None
                add = gpd.GeoDataFrame(
                    {"name": [a.name for a in sc.add]},
                    geometry=gpd.points_from_xy([a.x for a in sc.add], [a.y for a in sc.add]),
                    index=pd.Index([f"{sc.name}:{i + 1}" for i in range(len(sc.add))]),
                    crs=demand.crs,
                )
                obj = scenario.Scenario(
                    name=sc.name, facility_type=sc.facility_type, add=add, close=tuple(sc.close)
                )
                mine = [a for a in asked if a.facility_type == sc.facility_type]
                groups = list(dict.fromkeys(a.target_group for a in mine)) or ["pop_total"]
                minutes = sorted({m for a in mine for m in a.minutes}) or [10.0]
            current = scenario.Scenario("current", obj.facility_type, obj.add.iloc[:0])
            supply.append((sc.name, (current.apply(data.facilities), obj.apply(data.facilities))))
            frame = scenario.compare(
                demand,
                data.facilities,
                [obj],
                network=acc.model,
                target_groups=groups,
                max_minutes=minutes,
                by=levels,
                names=names,
            )
            frame.insert(1, "source", obj.source)
            frames.append(frame)
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    # -- running

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
        target = outputs.check_out(out_dir, inputs=self._input_files())
        with outputs.interrupt_guard(), outputs.Staging(target) as stage:
            return self._run(
                stage,
                out_dir,
                echo=echo,
                report=report,
                pdf=pdf,
                scheduler=scheduler,
                progress=progress,
            )

    def _input_files(self) -> list[Path]:
        """Return the files (not dataset ids) this study reads, the study file included."""
        keys = ("sectors", "population", "income", "energy", "open_space", "road_graph")
        sources = [self.config.data.source(key) for key in keys]
        sources += [f.source for f in self.config.facilities]
        if self.config.access is not None:
            sources.append(self.config.access.osm)
        found = [self.base_dir / s for s in sources if s and s not in CATALOGUE]
        return ([self.path] if self.path is not None else []) + found

    def _run(
        self,
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

        data = self.load()
        lap("load")
        analysis = self.analyse(data, scheduler=scheduler, progress=progress)
        lap("indicators")
        acc = self.accessibility(data, analysis, scheduler=scheduler)
        lap("access")
        planning = self.planning(data, acc, analysis)
        lap("planning")
        tmp = stage.path
        # only what may be published reaches the files, the summary, the maps and reports
        pub = _publish.protect(self, data, analysis, acc, planning)
        files = self._write(pub.data, tmp)
        if pub.analysis is not None:
            files += self._write_analysis(pub.analysis, tmp)
        if pub.access is not None:
            files += self._write_access(pub.access, pub.data, tmp)
        if pub.planning is not None:
            files += self._write_planning(pub.planning, tmp)
        files.append(self._write_provenance(pub.data, tmp, pub.analysis, pub.access, pub.planning))
        lap("write")
        report_notes: list[str] = []
        if report:
            from wijkanalyse import report as _report

            units = self._report_units(data, report_notes)
            machine_notes: list[str] = []  # e.g. HarfBuzz-Subset missing: PDFs made, note shown
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", DataWarning)
                files += _report._render(
                    tmp,
                    language=self.config.study.language,
                    pdf=pdf and self.config.report.pdf,
                    units=units,
                    notes=machine_notes,
                )
            for w in caught:
                if issubclass(w.category, DataWarning):
                    machine_notes.append(str(w.message))
                else:
                    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            report_notes += [
                f"{_i18n.text('warning', self.config.study.language)}: {note}"
                for note in machine_notes
            ]
        lap("report")
        timings["total"] = time.perf_counter() - start
        # the paths the files will have once the temporary folder is moved into place
        final = [*stage.relocate(files, out_dir), out_dir / outputs.MANIFEST]
        summary = tuple(self._summary_lines(pub, out_dir, final)) + tuple(report_notes)
        stage.commit(study_file=self.path, title=self.config.study.name)
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
            timings=timings,
        )

    def _scheduler(self, scheduler: Scheduler) -> Scheduler:
        return scheduler if scheduler is not None else self.config.compute.scheduler

    def _report_units(self, data: StudyData, notes: list[str]) -> list[str] | None:
        """Return the wijken and areas that get a report of their own (``None``: all)."""
        cfg = self.config.report
        lang = self.config.study.language
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

    def _write_planning(self, res: PlanResults, out: Path) -> list[Path]:
        """Write plans, curves and scenarios (already protected by :func:`_publish.protect`)."""
        questions = {q.name: q for q in (self.config.plan.questions if self.config.plan else [])}
        files = []
        rows = []
        keyed = [((name, p), plan) for (name, p), plan in res.plans.items()]
        keyed += [((name, plan.p), plan) for name, plan in res.greedy.items()]
        for (name, _), plan in keyed:
            q = questions[name]
            frame = plan.to_frame()
            frame.insert(0, "question", name)
            frame.insert(1, "facility_type", q.facility_type)
            frame.insert(2, "target_group", q.target_group)
            reason = None
            if q.target_group in plan.covered.index:
                cov: dict[Any, Any] = plan.covered.to_dict(orient="index")[q.target_group]
                frame = frame.assign(
                    pop_covered=cov["covered"],
                    share_covered=cov["share_covered"],
                    mean_minutes=cov["mean_minutes"],
                )
                reason = cov.get("suppressed")
            site_reason = (
                plan.selected["suppressed"].reindex(frame["site_id"]).to_numpy()
                if "suppressed" in plan.selected
                else np.full(len(frame), None, dtype=object)
            )
            frame["suppressed"] = [
                r if isinstance(r, str) else (reason if isinstance(reason, str) else None)
                for r in site_reason
            ]
            frame["n_new"] = int((~plan.selected["existing"].astype(bool)).sum())
            frame["closed"] = " ".join(map(str, plan.closed))
            rows.append(frame)
        if rows:
            plans = pd.concat(rows, ignore_index=True)
            wijk = res.candidates["wijk"] if "wijk" in res.candidates else pd.Series(dtype=object)
            plans.insert(
                list(plans.columns).index("name") + 1,
                "wijk",
                wijk.reindex(plans["site_id"]).to_numpy(),
            )
            plans = plans[[c for c in plans.columns if c != "suppressed"] + ["suppressed"]]
            plans = plans.round(
                {"x": 1, "y": 1, "snap_m": 1, "marginal_gain": 2, "objective": 3, "gap": 6}
            )
            plans = plans.round({"share_covered": 6, "mean_minutes": 2, "solve_seconds": 3})
            path = out / "plans.csv"
            plans.to_csv(path, index=False, encoding="utf-8")
            files.append(path)
        if len(res.curves):
            path = out / "plan_curves.csv"
            res.curves.round(6).to_csv(path, index=False, encoding="utf-8")
            files.append(path)
        if len(res.scenarios):
            path = out / "scenarios.csv"
            res.scenarios.round(6).to_csv(path, index=False, encoding="utf-8")
            files.append(path)
        return files

    def _write_access(self, acc: AccessResults, data: StudyData, out: Path) -> list[Path]:
        files = []
        minutes_col = f"{acc.model.profile.name}_minutes"
        if len(acc.nearest):
            near = acc.nearest.reset_index()
            near = near.rename(
                columns={
                    near.columns[0]: "sector",
                    "nearest_id": "nearest_facility_id",
                    "minutes": minutes_col,
                }
            )
            names = data.facilities["name"]
            near.insert(
                3,
                "nearest_facility_name",
                names.reindex(near["nearest_facility_id"]).to_numpy(),
            )
            near.insert(1, "sector_name", data.sectors["name"].reindex(near["sector"]).to_numpy())
            near.insert(2, "wijk", data.sectors["wijk"].reindex(near["sector"]).to_numpy())
            near = near.round({minutes_col: 2, "network_m": 1, "euclid_m": 1, "snap_m": 1})
            near["detour_ratio"] = near["detour_ratio"].round(3)
            path = out / "access_sectors.csv"
            near.to_csv(path, index=False, encoding="utf-8")
            files.append(path)
        if len(acc.coverage):
            cov = acc.coverage.copy()
            cov["share_covered"] = cov["share_covered"].round(6)
            path = out / "coverage_wijken.csv"
            cov.to_csv(path, encoding="utf-8")
            files.append(path)
        if len(acc.gaps):
            gaps = acc.gaps.round(
                {"need_pct": 4, "share_not_covered": 6, "mean_minutes": 2, "gap_score": 4}
            )
            path = out / "gaps.csv"
            gaps.to_csv(path, encoding="utf-8")
            files.append(path)
        if len(acc.equity):
            path = out / "access_equity.csv"
            acc.equity.round(6).to_csv(path, index=False, encoding="utf-8")
            files.append(path)
        self._write_service_areas(acc, data, out / "wijkanalyse.gpkg")
        return files

    def _write_service_areas(self, acc: AccessResults, data: StudyData, gpkg: Path) -> None:
        """Add the reach of today's facilities of each access question to the GeoPackage."""
        questions = self.config.access.questions if self.config.access else []
        fac = data.facilities
        if not questions or not len(fac):
            return
        status = fac["status"] if "status" in fac else pd.Series("existing", index=fac.index)
        frames = []
        for ftype in dict.fromkeys(q.facility_type for q in questions):
            minutes = sorted({m for q in questions if q.facility_type == ftype for m in q.minutes})
            sel = fac[(fac["type"].astype(str) == ftype) & (status.astype(str) == "existing")]
            if len(sel):
                sa = acc.model.service_areas(sel, minutes=minutes)
                frames.append(sa.assign(type=ftype))
        if frames:
            sa = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
            sa["area_km2"] = sa["area_km2"].round(3)
            sa.to_file(gpkg, layer="service_areas", driver="GPKG", engine="pyogrio")

    def _write_analysis(self, analysis: Analysis, out: Path) -> list[Path]:
        files = []
        names = {
            "sectors": "indicators_sectors.csv",
            "wijken": "indicators_wijken.csv",
            "deelgemeenten": "indicators_deelgemeenten.csv",
            "areas": "indicators_areas.csv",
        }
        for key, fname in names.items():
            if key in analysis.indicators:
                path = out / fname
                table = analysis.indicators[key]
                table.index.name = {"sectors": "sector", "wijken": "wijk", "areas": "area"}.get(
                    key, "deelgemeente"
                )
                table.to_csv(path, encoding="utf-8")
                files.append(path)
        path = out / "indicator_definitions.csv"
        analysis.definitions.to_csv(path, encoding="utf-8")
        files.append(path)
        for key, table in analysis.index.items():
            path = out / f"index_{key}.csv"
            table.index.name = "wijk" if key == "wijken" else "sector"
            table.to_csv(path, encoding="utf-8")
            files.append(path)
        return files

    def _write(self, data: StudyData, out: Path) -> list[Path]:
        gpkg = out / "wijkanalyse.gpkg"
        if gpkg.exists():
            gpkg.unlink()
        sectors = data.sectors.reset_index()  # already protected by _publish.protect
        wijken = data.wijken.reset_index()
        facilities = data.facilities.reset_index()
        for frame in (sectors, facilities):
            # points as they are; polygons (real sector polygons) by a point inside them
            geoms = frame.geometry
            pts = geoms.where(geoms.geom_type == "Point", geoms.representative_point())
            frame["x"] = pts.x.round(1)
            frame["y"] = pts.y.round(1)
        sector_cols = ["sector", "name", "vintage", *areas.HIERARCHY_COLUMNS[1:]]
        reasons = [c for c in sectors.columns if c.endswith("_suppressed_reason")]
        sector_cols += [c for c in sectors.columns if c.startswith("pop_") and c not in reasons]
        sector_cols += reasons
        sector_cols += [c for c in sectors.columns if c.startswith("income_")]
        sector_cols += [c for c in ("area_ha", "x", "y") if c in sectors]
        sectors = gpd.GeoDataFrame(sectors[[*sector_cols, "geometry"]], geometry="geometry")
        fac_cols = [
            "facility_id",
            "name",
            "type",
            "status",
            "capacity",
            "in_municipality",
            "source",
            "x",
            "y",
        ]
        fac_cols += [c for c in facilities.columns if c not in fac_cols and c != "geometry"]
        facilities = gpd.GeoDataFrame(facilities[[*fac_cols, "geometry"]], geometry="geometry")
        layers = {"sectors": sectors, "wijken": wijken, "facilities": facilities}
        for layer, frame in layers.items():
            frame.to_file(gpkg, layer=layer, driver="GPKG", engine="pyogrio")
        files = [gpkg]
        for layer, frame in layers.items():
            path = out / f"{layer}.csv"
            pd.DataFrame(frame.drop(columns="geometry")).to_csv(path, index=False, encoding="utf-8")
            files.append(path)
        if len(data.areas):
            path = out / "areas.csv"
            data.areas.to_csv(path, encoding="utf-8")
            files.append(path)
            members = {str(a): str(row["sectors"]).split() for a, row in data.areas.iterrows()}
            located = data.sectors[data.sectors.geometry.notna()]
            outlines = areas.area_outlines(
                {a: [c for c in codes if c in located.index] for a, codes in members.items()},
                located,
                data.wijken[data.wijken.geometry.notna()],
            )
            outlines = outlines[outlines.geometry.notna()].reset_index()
            if len(outlines):
                outlines.to_file(gpkg, layer="areas", driver="GPKG", engine="pyogrio")
        return files

    def _write_provenance(
        self,
        data: StudyData,
        out: Path,
        analysis: Analysis | None = None,
        acc: AccessResults | None = None,
        planning: PlanResults | None = None,
    ) -> Path:
        from wijkanalyse import __version__

        def entry(ds: Dataset) -> dict[str, Any]:
            return {
                "id": ds.id,
                "title": ds.title,
                "publisher": ds.publisher,
                "licence": ds.licence,
                "attribution": ds.attribution,
                "source_url": ds.source_url,
                "sha256": ds.sha256,
                "vintage": ds.vintage,
                "reference_year": ds.reference_year,
            }

        files = []
        for src in (
            *map(self.config.data.source, ("sectors", "population", "income")),
            *map(self.config.data.source, ("energy", "open_space")),
            *(f.source for f in self.config.facilities),
        ):
            if src and src not in CATALOGUE:
                p = self.base_dir / src
                entry_ = {"path": str(p), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
                ds = dataset_of(p)
                if ds is not None:
                    entry_["dataset"] = ds.id  # a byte-identical copy of a catalogued file
                files.append(entry_)
        manifest: dict[str, Any] = {
            "package": "wijkanalyse",
            "version": __version__,
            "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "study_file": str(self.path) if self.path else None,
            "study": self.config.model_dump(mode="json"),
            "municipality": {
                "code": data.region.code,
                "name": data.region.name,
                "vintage": data.region.vintage,
                "level": data.region.level,
                "municipalities": list(data.region.municipalities),
            },
            "sector_vintage": self.config.study.vintage,
            "datasets": [entry(get_dataset(d)) for d in data.datasets],
            "input_files": files,
            "notes": list(data.notes) + (list(analysis.notes) if analysis else []),
            "suppression_threshold": self.config.indicators.suppression_threshold,
        }
        if analysis is not None:
            used = {
                src
                for src in analysis.definitions["source"].dropna()
                for src in str(src).split()
                if src in CATALOGUE
            }
            known = {d["id"] for d in manifest["datasets"]}
            manifest["datasets"] += [entry(get_dataset(d)) for d in sorted(used - known)]
        if acc is not None:
            model = acc.model
            manifest["access"] = {
                "profile": model.profile.name,
                "speed_kmh": model.profile.speed_kmh,
                "method": model.method,
                "network": str(model.report) if isinstance(model, StreetNetwork) else None,
                "need": acc.need_source,
                "notes": list(acc.notes),
            }
            osm = self.config.access.osm if self.config.access else None
            known = {d["id"] for d in manifest["datasets"]}
            if osm in CATALOGUE and osm not in known:
                manifest["datasets"].append(entry(get_dataset(osm)))
        if planning is not None:
            manifest["planning"] = {
                "solver": f"HiGHS (highspy {_version('highspy')})",
                "candidates": planning.candidates["source"].value_counts().to_dict()
                if len(planning.candidates)
                else {},
                "plans": [
                    {
                        "question": name,
                        "p": p,
                        "model": plan.model,
                        "status": plan.status,
                        "gap": plan.gap,
                        # withheld (NA) where it is a count that may not be published
                        "objective": None if pd.isna(plan.objective) else plan.objective,
                        "solve_seconds": round(plan.solve_seconds, 3),
                    }
                    for (name, p), plan in planning.plans.items()
                ],
                "notes": list(planning.notes),
            }
        path = out / "provenance.json"
        path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        return path

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
        pub = _publish.protect(self, data, analysis, access, planning)
        return self._summary_lines(pub, out, files)

    def _summary_lines(
        self, pub: _publish.Published, out: Path | None, files: list[Path] | None
    ) -> list[str]:
        data, analysis, access, planning = pub.data, pub.analysis, pub.access, pub.planning
        t, lang = _i18n.text, self.config.study.language
        s, w = data.sectors, data.wijken
        lines = [
            t(
                "summary_title",
                lang,
                name=data.region.name,
                nis=data.region.code,
                vintage=self.config.study.vintage,
            )
        ]
        pseudo = [x for x in w.index if vocab.is_pseudo_wijk(x)]
        extra = ""
        if pseudo and "pop_total" in w:
            extra = t(
                "unlocated_wijk",
                lang,
                n=_i18n.fmt_count(w.loc[pseudo, "pop_total"].sum(min_count=len(pseudo)), lang),
            )
        n_geom = int((~(s.geometry.isna() | s.geometry.is_empty)).sum())
        lines.append(
            t(
                "sectors_line",
                lang,
                n=len(s),
                n_geom=n_geom,
                n_wijken=len(w) - len(pseudo),
                extra=extra,
            )
        )
        why = s.get("pop_total_suppressed_reason", pd.Series(None, index=s.index))
        missing = s["pop_total"].isna() & why.isna()  # absent, not withheld
        if missing.any():
            lines.append(t("population_missing", lang, n=int(missing.sum())))
        else:
            # the totals of the whole area are public (Statbel): never withheld
            counts = pub.ledger.values
            total = int(pd.Series(counts["pop_total"]).sum())
            old = int(pd.Series(counts["pop_65plus"]).sum())
            lines.append(
                t(
                    "population_line",
                    lang,
                    total=_i18n.fmt_int(total, lang),
                    old=_i18n.fmt_int(old, lang),
                    share=_i18n.fmt_pct(old / total if total else float("nan"), 1, lang),
                )
            )
        if "income_median" in s:
            known = s["income_median"].dropna()
            ds = self._dataset(self.config.data.source("income"))
            year = ds.reference_year if ds and ds.reference_year else "?"
            lines.append(
                t(
                    "income_line",
                    lang,
                    year=year,
                    known=len(known),
                    n=len(s),
                    median="€ " + _i18n.fmt_int(round(float(known.median())), lang)
                    if len(known)
                    else t("unknown", lang),
                )
            )
        f = data.facilities
        if len(f):
            counts = f["type"].value_counts()
            listing_ = ", ".join(f"{_i18n.type_label(k, lang)} {v}" for k, v in counts.items())
            lines.append(
                t(
                    "facilities_line",
                    lang,
                    where=self._where(data, lang),
                    buffer=_i18n.fmt_number(self.config.study.facility_buffer_m / 1000, 0, lang),
                    listing=listing_,
                )
            )
        lines += [f"{t('warning', lang)}: {n}" for n in data.notes]
        if data.road_graph is not None:
            lines += self._network_lines(data, lang)
        for name, row in data.areas.iterrows():
            note = "" if row["exact"] else t("area_approx", lang, note=row["note"])
            lines.append(
                t(
                    "area_line",
                    lang,
                    name=name,
                    n=len(row["sectors"].split()),
                    pop=_i18n.fmt_count(row.get("pop_total"), lang),
                    note=note,
                )
            )
        if analysis is not None:
            lines += self._analysis_lines(analysis, lang)
        if access is not None:
            lines += self._access_lines(access, data, lang)
        if planning is not None:
            lines += self._plan_lines(planning, lang)
        if out is not None and files:
            top = [p for p in files if p.parent == out]
            lines.append(t("outputs_line", lang, out=out, files=", ".join(p.name for p in top)))
            reports = [p for p in files if p.parent.name == "report" and p.suffix == ".html"]
            if reports:
                n_pdf = sum(1 for p in files if p.parent.name == "report" and p.suffix == ".pdf")
                lines.append(
                    t(
                        "reports_line",
                        lang,
                        n=len(reports),
                        pdf=n_pdf,
                        index=out / "report" / "index.html",
                        map=out / "maps" / "overzicht.html",
                    )
                )
        return lines

    def _analysis_lines(self, analysis: Analysis, lang: str) -> list[str]:
        t = _i18n.text
        thr = self.config.indicators.suppression_threshold
        sec = analysis.indicators["sectors"]
        n_supp = int(
            sum(
                sec[c].isin(list(suppression.REASONS)).sum()
                + (sec[c] == "small_numerator").sum()
                + (sec[c] == "small_denominator").sum()
                for c in sec.columns
                if c.endswith("_suppressed_reason")
            )
        )
        lines = [
            t(
                "indicators_line",
                lang,
                n=len(analysis.definitions),
                thr=thr,
                n_supp=n_supp,
            )
        ]
        wk = analysis.indicators["wijken"]
        refs = wk[wk["level"] != "wijk"]
        if len(refs):
            parts = []
            for _, row in refs.iterrows():
                share = row.get("share_65plus")
                med = row.get("income_median")
                parts.append(
                    f"{row['name']} "
                    + (_i18n.fmt_pct(float(share) / 100, 1, lang) if pd.notna(share) else "–")
                    + " / "
                    + ("€ " + _i18n.fmt_int(round(float(med)), lang) if pd.notna(med) else "–")
                )
            lines.append(t("reference_line", lang, refs="; ".join(parts)))
        table = analysis.index.get("wijken")
        if table is not None and self.config.index is not None:
            draws = self.config.index.sensitivity.draws
            lines.append(t("index_title", lang, name=self.config.index.name, draws=draws))
            named = {w for a in self.config.areas for w in (a.wijken or [])}
            scored = table[table["rank"].notna()].sort_values("rank")
            show = scored[(scored["rank"] <= 5) | scored.index.isin(list(named))]
            for code, row in show.iterrows():
                interval = (
                    t(
                        "index_interval",
                        lang,
                        p05=int(row["rank_p05"]),
                        p95=int(row["rank_p95"]),
                        p=_i18n.fmt_pct(float(row["p_top_decile"]), 0, lang),
                    )
                    if "rank_p05" in row and pd.notna(row["rank_p05"])
                    else ""
                )
                lines.append(
                    t(
                        "index_row",
                        lang,
                        rank=int(row["rank"]),
                        n=len(scored),
                        name=row["name"],
                        code=code,
                        score=_i18n.fmt_number(float(row["score"]), 1, lang),
                        interval=interval,
                    )
                )
        return lines

    def _access_lines(self, acc: AccessResults, data: StudyData, lang: str) -> list[str]:
        t = _i18n.text
        groups = self.config.target_groups
        prof = acc.model.profile
        lines = [
            t(
                "access_title",
                lang,
                mode=prof.label_nl if lang == "nl" else prof.label_en,
                speed=_i18n.fmt_number(prof.speed_kmh, 1, lang),
            )
        ]
        lost = access.demand_points(data.sectors).attrs.get("no_location", [])
        if lost:
            pop = data.sectors.loc[lost, "pop_total"].sum(min_count=len(lost))
            lines.append(
                f"{t('warning', lang)}: "
                + t("access_unlocated", lang, n=len(lost), pop=_i18n.fmt_count(pop, lang))
            )
        lines += [f"{t('warning', lang)}: {n}" for n in acc.notes]
        cov = acc.coverage
        if not len(cov):
            return lines
        region_levels = [lv for lv in cov["level"].unique() if lv not in ("wijk", "gemeente")]
        top_level = region_levels[0] if region_levels else "gemeente"
        total = cov[cov["level"] == top_level]
        munis = cov[cov["level"] == "gemeente"] if region_levels else cov.iloc[:0]
        for _, row in total.iterrows():
            label = _group_label(groups[str(row["target_group"])], lang)
            lines.append(
                t(
                    "access_row",
                    lang,
                    type=_i18n.type_label(str(row["facility_type"]), lang),
                    group=label,
                    minutes=_i18n.fmt_number(float(row["threshold_minutes"]), 0, lang),
                    covered=_i18n.fmt_count(row["pop_covered"], lang),
                    total=_i18n.fmt_count(row["pop_in_group"], lang),
                    share=_i18n.fmt_pct(float(row["share_covered"]), 1, lang)
                    if pd.notna(row["share_covered"])
                    else t("unknown", lang),
                )
            )
            same = munis[
                (munis["facility_type"] == row["facility_type"])
                & (munis["target_group"] == row["target_group"])
                & (munis["threshold_minutes"] == row["threshold_minutes"])
                & munis["share_covered"].notna()
            ]
            if len(same):
                low = same.sort_values(["share_covered", "name"]).head(3)
                lines.append(
                    t(
                        "access_lowest",
                        lang,
                        listing="; ".join(
                            f"{r['name']} {_i18n.fmt_pct(float(r['share_covered']), 1, lang)}"
                            for _, r in low.iterrows()
                        ),
                    )
                )
        gaps = acc.gaps
        for key, block in gaps.groupby(
            ["facility_type", "target_group", "threshold_minutes"], sort=False
        ):
            ftype, gname, thr = (str(k) for k in key)
            wk = block[(block["level"] == "wijk") & block["gap_rank"].notna()]
            top = wk.sort_values("gap_rank").head(3)
            named = block[block["level"] == "area"]
            parts = [
                f"{row['name']} ({_i18n.fmt_count(row['pop_affected'], lang)}, "
                f"{_i18n.fmt_pct(row['share_not_covered'], 0, lang)})"
                for _, row in top.iterrows()
            ]
            areas_txt = [
                f"{code} {_i18n.fmt_pct(row['share_not_covered'], 0, lang)}"
                + (
                    f" ({_i18n.method_label(str(row['method']), lang)})"
                    if row["method"] != "network"
                    else ""
                )
                for code, row in named.iterrows()
                if pd.notna(row["share_not_covered"])
            ]
            lines.append(
                t(
                    "access_gap_row",
                    lang,
                    type=_i18n.type_label(str(ftype), lang),
                    group=_group_label(groups[gname], lang),
                    minutes=_i18n.fmt_number(float(thr), 0, lang),
                    top="; ".join(parts) or "–",
                    areas="; ".join(areas_txt) or "–",
                )
            )
        return lines

    def _plan_lines(self, res: PlanResults, lang: str) -> list[str]:
        t = _i18n.text
        groups = self.config.target_groups
        questions = {q.name: q for q in (self.config.plan.questions if self.config.plan else [])}
        lines = [t("plan_title", lang)] if questions else []
        lines += [f"{t('warning', lang)}: {n}" for n in res.notes]
        for (name, _), plan in res.plans.items():
            q = questions[name]
            cov: dict[Any, Any] = plan.covered.to_dict(orient="index")[q.target_group]
            mean = cov["mean_minutes"]
            sites = plan.selected.loc[plan.new_sites, "name"].fillna("")
            labels = [str(n) or str(i) for i, n in sites.items()]
            lines.append(
                t(
                    "plan_row",
                    lang,
                    type=_i18n.type_label(q.facility_type, lang),
                    group=_group_label(groups[q.target_group], lang),
                    model=_i18n.model_label(plan.model, lang),
                    minutes=_i18n.fmt_number(q.minutes, 0, lang),
                    n_new=len(labels),
                    covered=_i18n.fmt_count(cov["covered"], lang),
                    total=_i18n.fmt_count(cov["population"], lang),
                    share=_i18n.fmt_pct(cov["share_covered"], 1, lang),
                    mean=t("plan_mean", lang, mean=_i18n.fmt_number(mean, 1, lang))
                    if pd.notna(mean)
                    else "",
                    sites=", ".join(labels) or "–",
                    status=""
                    if plan.status == "optimal"
                    else t("plan_status", lang, gap=_i18n.fmt_pct(plan.gap, 2, lang)),
                )
            )
        for name, plan in res.greedy.items():
            if (plan.p or 0) < 2:
                continue
            sites = plan.selected.loc[plan.new_sites, "name"].fillna("")
            lines.append(
                t(
                    "plan_greedy",
                    lang,
                    question=name,
                    sites=" → ".join(str(n) or str(i) for i, n in sites.items()) or "–",
                )
            )
        sc = res.scenarios
        if len(sc):
            top = sc[sc["level"] == "gemeente"]
            for _, row in top.iterrows():
                lines.append(
                    t(
                        "scenario_row",
                        lang,
                        name=row["scenario"],
                        group=_group_label(groups[str(row["target_group"])], lang),
                        minutes=_i18n.fmt_number(float(row["threshold_minutes"]), 0, lang),
                        before=_i18n.fmt_pct(row["share_covered_before"], 1, lang),
                        after=_i18n.fmt_pct(row["share_covered_after"], 1, lang),
                        type=_i18n.type_label(str(row["facility_type"]), lang),
                        mean_before=_i18n.fmt_number(row["mean_minutes_before"], 1, lang),
                        mean_after=_i18n.fmt_number(row["mean_minutes_after"], 1, lang),
                    )
                )
        return lines

    @staticmethod
    def _where(data: StudyData, lang: str) -> str:
        key = "where_municipality" if data.region.is_municipality else "where_region"
        return _i18n.text(key, lang)

    def _network_lines(self, data: StudyData, lang: str) -> list[str]:
        assert data.road_graph is not None
        src = self.config.data.source("road_graph") or ""
        ds = self._dataset(src or None)
        edges = data.road_graph.edges
        two_way = (
            edges["has_reverse"].astype(bool)
            if "has_reverse" in edges
            else pd.Series(False, index=edges.index)
        )
        weight = pd.Series(1.0, index=edges.index).where(~two_way, 0.5)

        def km_within(shape: Any) -> float:
            idx = edges.sindex.query(shape, predicate="intersects")
            if len(idx) == 0:
                return 0.0
            part = edges.geometry.iloc[idx].intersection(shape).length
            return float((part * weight.iloc[idx].to_numpy()).sum()) / 1000

        km = km_within(data.boundary)
        where = self._where(data, lang)
        if km < 0.5:
            return [
                _i18n.text("network_none", lang, where=where, coverage=ds.coverage if ds else src)
            ]
        lines = [
            _i18n.text(
                "network_line", lang, source=src, km=_i18n.fmt_number(km, 0, lang), where=where
            )
        ]
        gaps = [
            f"{row.wijk_name} ({code})"
            for code, row in data.wijken.iterrows()
            if row.geometry is not None
            and not row.geometry.is_empty
            and km_within(row.geometry) < 1.0
        ]
        if gaps:
            lines.append(_i18n.text("network_gaps", lang, wijken=_i18n.short_list(gaps, lang)))
        return lines
