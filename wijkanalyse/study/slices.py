"""The part of the study file each analytical step reads: its config slice.

``analyse``, ``accessibility`` and ``planning`` take a slice, not the whole
:class:`~wijkanalyse.study.config.StudyConfig`, so what a step depends on is in its
signature, and a test builds only that. Each slice is made from a study file by ``of``.
The steps that describe or write the whole study (``load``, ``publish``, ``write``,
``provenance``, ``summary``) take the whole configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wijkanalyse._i18n import Language
from wijkanalyse.network import group_speed, travel_profile
from wijkanalyse.study.config import (
    AccessQuestion,
    AccessSection,
    AreaSection,
    IndexSection,
    IndicatorSection,
    PlanSection,
    ScenarioSection,
    StudyConfig,
    ValidationSection,
)

__all__ = ["AccessSlice", "AnalyseSlice", "NeedSlice", "PlanSlice", "speeds_of"]


def speeds_of(config: StudyConfig) -> dict[str, float]:
    """Return each target group's speed in the ``[access]`` profile (empty without one)."""
    acc = config.access
    if acc is None:
        return {}
    profile = travel_profile(acc.profile, speed_kmh=acc.speed_kmh)
    return {g: group_speed(profile, g, tg.speed_kmh) for g, tg in config.target_groups.items()}


@dataclass(frozen=True)
class NeedSlice:
    """How need enters the gap analysis and need-weighted plans (``[access] need``)."""

    #: ``"index"`` or the id of an indicator
    need: str
    #: the name of the study's ``[index]`` (``None``: the study has none)
    index_name: str | None

    @classmethod
    def of(cls, config: StudyConfig) -> NeedSlice | None:
        """Return the slice of ``config`` (``None`` without ``[access]``)."""
        if config.access is None:
            return None
        return cls(config.access.need, config.index.name if config.index else None)


@dataclass(frozen=True)
class AnalyseSlice:
    """What the indicators and the index read: ``[indicators]``, ``[index]``, ``[[areas]]``."""

    indicators: IndicatorSection
    index: IndexSection | None
    areas: tuple[AreaSection, ...]
    #: facilities this far beyond the border count (``[study] facility_buffer_m``)
    facility_buffer_m: float
    #: where the Monte Carlo draws run (``[compute] scheduler``)
    scheduler: str | None
    #: the units the city knows to be high or low in need (``[validation]``)
    validation: ValidationSection = field(default_factory=ValidationSection)

    @classmethod
    def of(cls, config: StudyConfig) -> AnalyseSlice:
        """Return the slice of ``config``."""
        return cls(
            indicators=config.indicators,
            index=config.index,
            areas=tuple(config.areas),
            facility_buffer_m=config.study.facility_buffer_m,
            scheduler=config.compute.scheduler,
            validation=config.validation,
        )


@dataclass(frozen=True)
class AccessSlice:
    """What accessibility reads: ``[access]``, how need enters it, where work runs."""

    access: AccessSection | None
    #: how need enters (``None``: ``[access] need`` with no index name)
    need: NeedSlice | None
    scheduler: str | None
    #: the speed of each target group, km/h (``[target_groups.<g>] speed_kmh`` or default)
    speeds: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, config: StudyConfig) -> AccessSlice:
        """Return the slice of ``config``."""
        return cls(config.access, NeedSlice.of(config), config.compute.scheduler, speeds_of(config))


@dataclass(frozen=True)
class PlanSlice:
    """What planning reads: ``[plan]``, ``[[scenarios]]`` and what they refer to."""

    plan: PlanSection | None
    scenarios: tuple[ScenarioSection, ...]
    #: the ``[[access.questions]]``: a scenario without a plan is measured by them
    access_questions: tuple[AccessQuestion, ...]
    #: the study's target groups, in order
    target_groups: tuple[str, ...]
    need: NeedSlice | None
    #: the language of the names given to street-node candidates
    language: Language
    #: the speed of each target group, km/h
    speeds: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, config: StudyConfig) -> PlanSlice:
        """Return the slice of ``config``."""
        return cls(
            plan=config.plan,
            scenarios=tuple(config.scenarios),
            access_questions=tuple(config.access.questions) if config.access else (),
            target_groups=tuple(config.target_groups),
            need=NeedSlice.of(config),
            language=config.study.language,
            speeds=speeds_of(config),
        )
