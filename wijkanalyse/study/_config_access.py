"""The ``[access]`` tables of the study file's schema (re-exported by ``study.config``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from wijkanalyse.study._config_base import _Model


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


class AccessRanges(_Model):
    """``[access.ranges]``: the ranges of coverage, times and gaps.

    See :mod:`wijkanalyse.access.ranges`. ``draws`` (0: no ranges) Monte Carlo draws, seeded
    by ``seed``, of: each facility's position within its location confidence
    (``positions``); the demand model, one of ``demand_models`` per draw (default: street
    points and grid where the study has a road graph, the grid alone otherwise, the study's
    own points alone when it has them); each target group's speed within ``speeds`` (km/h,
    [low, high]; default :data:`wijkanalyse.network.GROUP_SPEED_RANGES_KMH`); and the detour
    factor off the network within ``detour`` (default: the quartiles of the network's own
    detours). Ranges are the 5 % and 95 % quantiles over the draws.
    """

    draws: int = Field(default=200, ge=0, le=5000)
    seed: int = 20261130
    positions: bool = True
    demand_models: list[Literal["street_points", "grid", "centroid", "points"]] | None = Field(
        default=None, min_length=1
    )
    speeds: dict[str, Annotated[list[float], Field(min_length=2, max_length=2)]] = {}
    detour: Annotated[list[float], Field(min_length=2, max_length=2)] | None = None

    @field_validator("speeds")
    @classmethod
    def _speed_ranges(cls, v: dict[str, list[float]]) -> dict[str, list[float]]:
        for group, (lo, hi) in v.items():
            if not 0.5 < lo <= hi <= 60:
                raise ValueError(f"speeds.{group} must be [low, high] km/h, 0.5 < low <= high")
        return v

    @field_validator("detour")
    @classmethod
    def _detour_range(cls, v: list[float] | None) -> list[float] | None:
        if v is not None and not 1.0 <= v[0] <= v[1] <= 3.0:
            raise ValueError(f"detour must be [low, high] with 1 <= low <= high <= 3, got {v}")
        return v

    @field_validator("draws")
    @classmethod
    def _enough(cls, v: int) -> int:
        if 0 < v < 20:
            raise ValueError(f"give 0 (no ranges) or at least 20 draws, got {v}")
        return v


class AccessSection(_Model):
    """``[access]``: the travel profile, snapping, the fallback and the coverage questions.

    ``detour_factor``: straight line × this for points off the network, or ``"calibrated"``:
    the median detour of the network's own routes (:func:`wijkanalyse.network.calibrate_detour`,
    reported); 1.3 where there is no network.

    ``demand``: where the residents of a sector are (:mod:`wijkanalyse.demand`):
    ``"street_points"`` (every ``demand_spacing_m`` along the network's streets inside the
    sector's area), ``"grid"`` (``demand_cell_m`` cells), ``"points"`` (the user's address
    or building file ``demand_file``, with a ``sector`` column or placed in the sector areas,
    weighed by the column
    ``demand_weight``, e.g. dwellings), or ``"centroid"`` (one point per sector). Default:
    street points where the study has a road graph, a grid otherwise.

    ``patch``: a line layer of streets (dataset id or file, e.g. ``"osm_streets_2025"``) that
    fills the network where it has no streets (farther than ``patch_gap_m`` from them), joined
    to it where they meet (:func:`wijkanalyse.network.combine`); what each source gave is
    reported.
    """

    profile: Literal["walk", "bike"] = "walk"
    demand: Literal["street_points", "grid", "centroid", "points"] | None = None
    demand_file: str | None = None
    demand_weight: str | None = None
    demand_spacing_m: float = Field(default=50.0, gt=0, le=1000)
    demand_cell_m: float = Field(default=100.0, gt=0, le=5000)
    ranges: AccessRanges = AccessRanges()

    @model_validator(mode="after")
    def _demand_file(self) -> AccessSection:
        if (self.demand == "points") != (self.demand_file is not None):
            raise ValueError(
                'demand = "points" and demand_file = "…" go together: give the address or '
                "building file with the points model, and only then"
            )
        return self

    speed_kmh: float | None = Field(default=None, gt=0.5, le=60)
    max_snap_m: float = Field(default=300.0, ge=0, le=5000)
    off_network: Literal["euclidean", "na"] = "euclidean"
    detour_factor: Literal["calibrated"] | Annotated[float, Field(ge=1.0, le=3.0)] = 1.3
    osm: str | None = None
    patch: str | None = None
    patch_gap_m: float = Field(default=30.0, gt=0, le=500)
    need: str = "index"
    questions: list[AccessQuestion] = []
