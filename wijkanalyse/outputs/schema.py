"""The output folder's schema: every table a run writes, its file, layer, columns and dtypes.

One :class:`Table` per table. Its ``columns`` are *slots* in the order the columns are
written: a slot is a column name or a regular expression (``re:`` prefix) that takes every
column it matches, in the order the results hold them. A column that matches no slot is a
programming error (:class:`SchemaError`) unless the table says what happens to unknown
columns (``extra``): ``"keep"`` writes them after the declared ones, ``"drop"`` leaves them
out (the sector layer publishes only what it declares, so a new column never leaks into an
output unnoticed).

:func:`conform` puts a frame into its table's shape (key first, slots in order, rounding);
:mod:`~wijkanalyse.outputs.write` and :mod:`~wijkanalyse.outputs.read` write and read the
files through it, so what a run writes and what the report reads back are tied to one list.
"""

from __future__ import annotations

import re

import pandas as pd

from wijkanalyse import validation
from wijkanalyse.areas import HIERARCHY_COLUMNS
from wijkanalyse.outputs._table import SchemaError, Table, _csv
from wijkanalyse.outputs._trends_schema import TREND_TABLES

__all__ = ["GPKG", "PROVENANCE", "TABLES", "SchemaError", "Table", "conform", "table"]

#: The GeoPackage with the run's layers.
GPKG = "wijkanalyse.gpkg"
#: The provenance record (datasets, parameters, versions).
PROVENANCE = "provenance.json"

_POP = r"re:pop_.*(?<!_suppressed_reason)"
_POP_REASON = r"re:pop_.*_suppressed_reason"


_INDICATOR_CODES = ("sector", "wijk", "deelgemeente", "area", "gemeente")
_TABLES: tuple[Table, ...] = (
    Table(
        "sectors",
        "statistical sectors: names, the wijk hierarchy, populations and income",
        "sector",
        (
            "name",
            "vintage",
            *HIERARCHY_COLUMNS[1:],
            _POP,
            _POP_REASON,
            "re:income_.*",
            "area_ha",
            "x",
            "y",
        ),
        extra="drop",
        codes=("sector", "wijk", "deelgemeente", "gemeente"),
        csv="sectors.csv",
        layer="sectors",
    ),
    Table(
        "wijken",
        "wijken: names, number of sectors, area and populations",
        "wijk",
        ("wijk_name", "n_sectors", "area_km2", _POP, _POP_REASON),
        codes=("wijk",),
        csv="wijken.csv",
        layer="wijken",
    ),
    Table(
        "facilities",
        "facilities as the study read them, with their status and location",
        "facility_id",
        (
            "name",
            "type",
            "status",
            "capacity",
            "location_confidence",
            "location_radius_m",
            "in_municipality",
            "source",
            "x",
            "y",
        ),
        extra="keep",
        codes=("facility_id",),
        csv="facilities.csv",
        layer="facilities",
    ),
    _csv(
        "areas",
        "the study's own areas: their sectors and populations",
        "area",
        "vintage",
        "sectors",
        "exact",
        "note",
        extra="keep",
        codes=("area",),
    ),
    Table(
        "basemap",
        "the maps' base layer: streets, railways, waterways, neighbouring municipalities",
        None,
        ("kind", "name", "type"),
        layer="basemap",
    ),
    Table(
        "area_outlines",
        "the outline of each of the study's areas",
        "area",
        ("how",),
        codes=("area",),
        layer="areas",
    ),
    *(
        _csv(
            f"indicators_{level}",
            f"indicators per {unit}, each with its reason where it is withheld",
            unit,
            "level",
            "name",
            extra="keep",
            codes=_INDICATOR_CODES,
        )
        for level, unit in (
            ("sectors", "sector"),
            ("wijken", "wijk"),
            ("deelgemeenten", "deelgemeente"),
            ("areas", "area"),
        )
    ),
    _csv(
        "indicator_definitions",
        "the definition, source and caveat of every indicator",
        "id",
        extra="keep",
    ),
    *(
        _csv(
            f"index_{level}",
            f"the need index per {unit}: score, rank, domains and rank intervals",
            unit,
            "name",
            "score",
            "rank",
            "decile",
            "re:domain_.*",
            "n_missing",
            "missing",
            "imputed",
            "flags",
            "flag_evidence",
            "not_ranked",
            "choice_rank_p05",
            "choice_rank_median",
            "choice_rank_p95",
            "choice_p_top_decile",
            "choice_p_top_k",
            "data_rank_p05",
            "data_rank_median",
            "data_rank_p95",
            "data_p_top_decile",
            "score_flanders",
            "rank_flanders",
            "decile_flanders",
            "re:bimd.*_decile_national",
            codes=(unit,),
        )
        for level, unit in (("sectors", "sector"), ("wijken", "wijk"))
    ),
    _csv(
        "validation",
        "the need index checked against the BIMD and the units the city knows",
        None,
        *validation.COLUMNS,
        decimals={"value": 3, "ci_low": 3, "ci_high": 3},
        codes=("unit",),
    ),
    _csv(
        "access_sectors",
        "per sector and facility type: the nearest facility and the way there (of the "
        "sector's median resident when its residents are spread over points)",
        "sector",
        "sector_name",
        "wijk",
        "facility_type",
        "nearest_facility_id",
        "nearest_facility_name",
        "network_m",
        r"re:\w+_minutes",
        "euclid_m",
        "detour_ratio",
        "snap_m",
        "method",
        "reason",
        "demand_model",
        "points",
        decimals={
            r"re:\w+_minutes": 2,
            "network_m": 1,
            "euclid_m": 1,
            "snap_m": 1,
            "detour_ratio": 3,
        },
        codes=("sector", "wijk", "nearest_facility_id"),
    ),
    _csv(
        "coverage_wijken",
        "per wijk and question: residents within reach of a facility",
        "wijk",
        "level",
        "name",
        "facility_type",
        "target_group",
        "threshold_minutes",
        "pop_in_group",
        "pop_covered",
        "pop_not_covered",
        "pop_unknown",
        "share_covered",
        "share_covered_p05",
        "share_covered_p95",
        "pop_estimated",
        "method",
        "suppressed",
        decimals={"share_covered": 6, "share_covered_p05": 6, "share_covered_p95": 6},
        codes=("wijk",),
    ),
    _csv(
        "gaps",
        "per unit and question: need × residents out of reach, ranked",
        "unit",
        "level",
        "name",
        "facility_type",
        "target_group",
        "threshold_minutes",
        "need",
        "need_pct",
        "pop_in_group",
        "pop_affected",
        "share_not_covered",
        "share_not_covered_p05",
        "share_not_covered_p95",
        "mean_minutes",
        "mean_minutes_p05",
        "mean_minutes_p95",
        "gap_score",
        "gap_rank",
        "method",
        "need_source",
        "suppressed",
        decimals={
            "need_pct": 4,
            r"re:share_not_covered(_p05|_p95)?": 6,
            r"re:mean_minutes(_p05|_p95)?": 2,
            "gap_score": 4,
        },
        codes=("unit",),
    ),
    _csv(
        "access_equity",
        "per question: the spread of walking times over the target group",
        None,
        "facility_type",
        "target_group",
        "threshold_minutes",
        "population",
        "mean",
        "mean_p05",
        "mean_p95",
        "p10",
        "median",
        "p90",
        "p90_p05",
        "p90_p95",
        "gini",
        "palma",
        "share_beyond",
        "share_beyond_p05",
        "share_beyond_p95",
        decimals={"*": 6},
    ),
    Table(
        "service_areas",
        "the streets within reach of each existing facility, per threshold",
        None,
        ("facility_id", "minutes", "method", "area_km2", "type"),
        decimals={"area_km2": 3},
        codes=("facility_id",),
        layer="service_areas",
    ),
    _csv(
        "plans",
        "the sites of every plan, with the plan's objective, status and coverage",
        None,
        "question",
        "facility_type",
        "target_group",
        "model",
        "method",
        "p",
        "max_minutes",
        "site_id",
        "name",
        "name_m",
        "wijk",
        "source",
        "x",
        "y",
        "snap_m",
        "rank",
        "marginal_gain",
        "selection_frequency",
        "shared",
        "objective",
        "robust",
        "draws",
        "status",
        "gap",
        "solve_seconds",
        "pop_covered",
        "share_covered",
        "share_covered_p05",
        "share_covered_p95",
        "mean_minutes",
        "n_new",
        "closed",
        "suppressed",
        decimals={
            "x": 1,
            "y": 1,
            "snap_m": 1,
            "name_m": 0,
            "marginal_gain": 2,
            "selection_frequency": 3,
            "objective": 3,
            "gap": 6,
            "share_covered": 6,
            "share_covered_p05": 6,
            "share_covered_p95": 6,
            "mean_minutes": 2,
            "solve_seconds": 3,
        },
        codes=("site_id", "wijk"),
    ),
    _csv(
        "plan_curves",
        "per question: coverage for 0, 1, 2 … new sites, exact and greedy",
        None,
        "p",
        "question",
        "exact",
        "greedy",
        "exact_share",
        "greedy_share",
        "re:covered_.*",
        "status",
        "gap",
        "seconds",
        "sites",
        "suppressed",
        decimals={"*": 6},
    ),
    _csv(
        "plan_fronts",
        "per question: the efficiency-equity front, coverage against the longest walk",
        None,
        "question",
        "p",
        "point",
        "limit_minutes",
        "pop_covered",
        "share_covered",
        "longest_minutes",
        "sites",
        "status",
        "gap",
        "efficient",
        "suppressed",
        decimals={"limit_minutes": 3, "longest_minutes": 3, "share_covered": 6, "gap": 6},
    ),
    _csv(
        "plan_sharing",
        "per joint question: what 0, 1, 2 … shared buildings cost in people within reach",
        None,
        "joint",
        "min_shared",
        "question",
        "facility_type",
        "target_group",
        "max_minutes",
        "sites",
        "shared",
        "shared_names",
        "pop_covered",
        "pop_lost",
        "status",
        "suppressed",
        decimals={"max_minutes": 1, "pop_covered": 0, "pop_lost": 0},
    ),
    _csv(
        "plan_norms",
        "per municipality and facility type: the programming norm next to the register, and "
        "the residents within the distance benchmark (1 500 m) of today's centres",
        None,
        "gemeente",
        "name",
        "facility_type",
        "per_inhabitants",
        "norm",
        "registered",
        "planned",
        "room",
        "source",
        "population",
        "distance_m",
        "population_located",
        "pop_within_distance",
        "share_within_distance",
        "suppressed",
        decimals={
            "population": 0,
            "population_located": 0,
            "distance_m": 0,
            "share_within_distance": 6,
        },
        codes=("gemeente",),
    ),
    _csv(
        "scenarios",
        "per scenario and unit: access before and after, and the change",
        None,
        "scenario",
        "source",
        "facility_type",
        "target_group",
        "level",
        "unit",
        "name",
        "threshold_minutes",
        "pop_in_group",
        "re:.*_(before|after|change)",
        "re:share_covered_(before|after|change)_p(05|95)",
        "suppressed",
        decimals={"*": 6},
        codes=("unit",),
    ),
    *TREND_TABLES,
)
#: Every table of the output folder, by name.
TABLES: dict[str, Table] = {t.name: t for t in _TABLES}


def table(name: str) -> Table:
    """Return the schema of table ``name`` (a :class:`SchemaError` names the known ones)."""
    try:
        return TABLES[name]
    except KeyError:
        raise SchemaError(
            f"no output table {name!r}; the schema knows {', '.join(TABLES)}"
        ) from None


def _decimals(spec: Table, frame: pd.DataFrame) -> dict[str, int]:
    out: dict[str, int] = {}
    for col in frame.columns:
        for slot, n in spec.decimals.items():
            if slot == "*":
                continue
            if slot == col or (slot.startswith("re:") and re.fullmatch(slot[3:], str(col))):
                out[str(col)] = n
                break
        else:
            if "*" in spec.decimals:
                out[str(col)] = spec.decimals["*"]
    return out


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` in the shape of table ``name``: key first, slots in order, rounded.

    A key held as the frame's index becomes the first column. Raises :class:`SchemaError`
    for a missing key or (``extra="error"``) a column the table does not declare.
    """
    spec = table(name)
    if spec.key is not None and spec.key not in frame.columns:
        if frame.index.name != spec.key:
            raise SchemaError(
                f"table {name}: the key column {spec.key!r} is neither a column nor the index "
                f"(index {frame.index.name!r}, columns {list(frame.columns)})"
            )
        frame = frame.reset_index()
    elif spec.key is None:
        frame = frame.reset_index(drop=True)
    placed: list[tuple[int, int, str]] = []
    extra: list[str] = []
    geometry = []
    for pos, col in enumerate(frame.columns):
        if col == spec.key:
            continue
        if col == "geometry":
            geometry.append(col)
            continue
        slot = spec.slot(str(col))
        if slot is None:
            extra.append(str(col))
        else:
            placed.append((slot, pos, str(col)))
    if extra and spec.extra == "error":
        raise SchemaError(
            f"table {name}: columns {extra} are not in the output schema "
            "(add them to wijkanalyse/outputs/schema.py)"
        )
    ordered = [col for _, _, col in sorted(placed)]
    if spec.extra == "keep":
        ordered += extra
    keys = [spec.key] if spec.key is not None else []
    frame = frame[[*keys, *ordered, *geometry]]
    decimals = _decimals(spec, frame.drop(columns=geometry))
    return frame.round(decimals) if decimals else frame
