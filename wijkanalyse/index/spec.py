"""The definition of a need index: domains, weights, normalisation, transform, missing values."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from wijkanalyse._errors import SchemaError
from wijkanalyse._validate import listing
from wijkanalyse.indicators import REGISTRY, Indicator

log = logging.getLogger(__name__)

Normalisation = Literal["zscore", "rank", "minmax"]
Transform = Literal["none", "exponential"]
MissingRule = Literal["drop", "reweight", "impute"]

#: The normalisation methods.
NORMALISATIONS: tuple[str, ...] = ("zscore", "rank", "minmax")
_TRANSFORMS = ("none", "exponential")
_MISSING = ("drop", "reweight", "impute")


@dataclass(frozen=True)
class Domain:
    """A domain of the index: a name, its weight and its indicators with their weights."""

    name: str
    weight: float
    indicators: Mapping[str, float]

    def __post_init__(self) -> None:
        if not (self.weight > 0 and math.isfinite(self.weight)):
            raise SchemaError(f"domain {self.name!r}: weight must be > 0; got {self.weight!r}.")
        if not self.indicators:
            raise SchemaError(f"domain {self.name!r} has no indicators.")
        bad = {k: v for k, v in self.indicators.items() if not (v > 0 and math.isfinite(v))}
        if bad:
            raise SchemaError(f"domain {self.name!r}: indicator weights must be > 0; got {bad}.")


@dataclass(frozen=True)
class IndexSpec:
    """The definition of a composite index.

    Attributes
    ----------
    domains
        The domains, with weights (normalised to sum 1 when used).
    normalisation
        ``"zscore"``, ``"rank"`` or ``"minmax"``.
    transform
        ``"none"`` or ``"exponential"`` (IMD/BIMD rank-based exponential transform of the
        domain scores).
    missing
        ``"drop"``, ``"reweight"`` or ``"impute"``.
    directions
        Direction per indicator id, overriding the registry (required for neutral
        indicators).
    name
        Display name.
    """

    domains: tuple[Domain, ...]
    normalisation: Normalisation = "zscore"
    transform: Transform = "none"
    missing: MissingRule = "reweight"
    directions: Mapping[str, str] = field(default_factory=dict)
    name: str = "index"

    def __post_init__(self) -> None:
        problems = []
        if not self.domains:
            problems.append("it has no domains")
        if self.normalisation not in NORMALISATIONS:
            problems.append(
                f"normalisation {self.normalisation!r} is not one of {listing(NORMALISATIONS)}"
            )
        if self.transform not in _TRANSFORMS:
            problems.append(f"transform {self.transform!r} is not one of {listing(_TRANSFORMS)}")
        if self.missing not in _MISSING:
            problems.append(f"missing {self.missing!r} is not one of {listing(_MISSING)}")
        ids = [i for d in self.domains for i in d.indicators]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            problems.append(f"indicator(s) {listing(dup)} appear in more than one domain")
        names = [d.name for d in self.domains]
        dup_d = sorted({n for n in names if names.count(n) > 1})
        if dup_d:
            problems.append(f"domain name(s) {listing(dup_d)} are used twice")
        bad_dir = {k: v for k, v in self.directions.items() if v not in ("more_need", "less_need")}
        if bad_dir:
            problems.append(f"directions must be 'more_need' or 'less_need'; got {bad_dir}")
        if problems:
            raise SchemaError(f"index {self.name!r}: " + "; ".join(problems) + ".")

    @property
    def indicator_ids(self) -> list[str]:
        """Every indicator id, domain by domain."""
        return [i for d in self.domains for i in d.indicators]

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any]) -> IndexSpec:
        """Build a spec from a mapping as written in a study file.

        Examples
        --------
        >>> spec = IndexSpec.from_dict(
        ...     {
        ...         "domains": {
        ...             "inkomen": {"weight": 2, "indicators": {"income_median": 1}},
        ...             "demografie": {"weight": 1, "indicators": ["share_65plus"]},
        ...         },
        ...         "transform": "exponential",
        ...     }
        ... )
        >>> [d.name for d in spec.domains], spec.transform
        (['inkomen', 'demografie'], 'exponential')
        """
        raw = dict(spec)
        domains = []
        for name, d in dict(raw.pop("domains", {})).items():
            inds = d.get("indicators", {})
            if isinstance(inds, Sequence) and not isinstance(inds, str):
                inds = {i: 1.0 for i in inds}
            domains.append(
                Domain(
                    name=str(name),
                    weight=float(d.get("weight", 1.0)),
                    indicators={str(k): float(v) for k, v in dict(inds).items()},
                )
            )
        return cls(domains=tuple(domains), **raw)


def _direction_of(spec: IndexSpec, ind_id: str, meta: Mapping[str, Indicator]) -> str:
    if ind_id in spec.directions:
        return str(spec.directions[ind_id])
    ind = meta.get(ind_id) or REGISTRY.get(ind_id)
    if ind is None:
        raise SchemaError(
            f"index {spec.name!r}: indicator {ind_id!r} has no known direction; add it to "
            "directions = {...} ('more_need' or 'less_need')."
        )
    if ind.direction == "neutral":
        raise SchemaError(
            f"index {spec.name!r}: indicator {ind_id!r} ({ind.label_en}) is descriptive "
            "(direction 'neutral'): say whether a higher value means more or less need with "
            f"directions = {{ {ind_id} = 'more_need' }} or leave it out."
        )
    return ind.direction
