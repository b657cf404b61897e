"""wijkanalyse: district (wijk) liveability analysis for Flemish municipalities.

The public API: readers (``read_*``), the area hierarchy and aggregation, the dataset
catalogue, and :class:`Study` for a whole analysis described in a TOML file.

Examples
--------
>>> import wijkanalyse as wa
>>> leuven = wa.load_sectors("24062")
>>> wijken = wa.aggregate(leuven, "wijk")
>>> int(wijken["pop_total"].sum())
101032
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from wijkanalyse import (
    access,
    charts,
    index,
    indicators,
    locate,
    maps,
    network,
    outputs,
    report,
    scenario,
    settings,
    suppression,
    trends,
    uncertainty,
    validation,
    vocab,
)
from wijkanalyse._errors import (
    CRSError,
    DataError,
    DataWarning,
    InfeasibleError,
    OutputError,
    SchemaError,
    VintageError,
    WijkanalyseError,
    WijkanalyseWarning,
)
from wijkanalyse.areas import (
    VINTAGES,
    CustomArea,
    Municipality,
    Region,
    aggregate,
    check_vintage,
    crosswalk,
    custom_area,
    detect_vintage,
    hierarchy,
    join,
    load_sectors,
    municipality,
    municipality_polygon,
    region,
    sector_codes,
    wijk_areas,
)
from wijkanalyse.datasets import CATALOGUE, Dataset, Source, fetch, get_dataset, list_datasets
from wijkanalyse.io import (
    RoadGraphFrames,
    read_area_names,
    read_areas,
    read_census,
    read_energy,
    read_facilities,
    read_income,
    read_open_space,
    read_osm_points,
    read_pinc_upload,
    read_population,
    read_road_graph,
    read_sector_crosswalk,
    read_sector_table,
    read_sectors,
    vintage_from_year,
)
from wijkanalyse.locate import LocationProblem, Plan
from wijkanalyse.network import CrowFlies, StreetNetwork
from wijkanalyse.scenario import Scenario
from wijkanalyse.study import (
    AccessResults,
    Analysis,
    PlanResults,
    RunResult,
    Study,
    StudyConfig,
    StudyData,
)

try:
    __version__ = version("wijkanalyse")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "CATALOGUE",
    "VINTAGES",
    "AccessResults",
    "Analysis",
    "CRSError",
    "CrowFlies",
    "CustomArea",
    "DataError",
    "DataWarning",
    "Dataset",
    "InfeasibleError",
    "LocationProblem",
    "Municipality",
    "OutputError",
    "Plan",
    "PlanResults",
    "Region",
    "RoadGraphFrames",
    "RunResult",
    "Scenario",
    "SchemaError",
    "Source",
    "StreetNetwork",
    "Study",
    "StudyConfig",
    "StudyData",
    "VintageError",
    "WijkanalyseError",
    "WijkanalyseWarning",
    "__version__",
    "access",
    "aggregate",
    "charts",
    "check_vintage",
    "crosswalk",
    "custom_area",
    "detect_vintage",
    "fetch",
    "get_dataset",
    "hierarchy",
    "index",
    "indicators",
    "join",
    "list_datasets",
    "load_sectors",
    "locate",
    "maps",
    "municipality",
    "municipality_polygon",
    "network",
    "outputs",
    "read_area_names",
    "read_areas",
    "read_census",
    "read_energy",
    "read_facilities",
    "read_income",
    "read_open_space",
    "read_osm_points",
    "read_pinc_upload",
    "read_population",
    "read_road_graph",
    "read_sector_crosswalk",
    "read_sector_table",
    "read_sectors",
    "region",
    "report",
    "scenario",
    "sector_codes",
    "settings",
    "suppression",
    "trends",
    "uncertainty",
    "validation",
    "vintage_from_year",
    "vocab",
    "wijk_areas",
]
