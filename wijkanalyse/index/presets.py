"""Built-in need indices: which indicators are need, and what is demand instead.

A preset is an index of need indicators only, with the weights and the source they come
from, and the target groups that are *demand* for the services the index is usually read
with (they belong in ``[access]`` and ``[plan]`` as weights, not in the index). A study
names one with ``[index] preset = "..."``, or writes its own ``[index.domains]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wijkanalyse._errors import SchemaError
from wijkanalyse._validate import close_matches, listing
from wijkanalyse.index.spec import IndexSpec

__all__ = ["PRESETS", "Preset", "preset"]

_BIMD_PAPER = (
    "Otavova M., Faes C., Bouland C., De Clercq E., Vandeninden B., Eggerickx T., Sanderson "
    "J.-P., Devleesschauwer B., Masquelier B. (2023). Measuring small-area level deprivation "
    "in Belgium: The Belgian Index of Multiple Deprivation. Spatial and Spatio-temporal "
    "Epidemiology 45:100587."
)


@dataclass(frozen=True)
class Preset:
    """A built-in need index.

    Attributes
    ----------
    name
        The id a study file uses.
    domains
        Domain → (weight, {indicator: weight}).
    demand
        Target groups that are demand for the services this index is read with.
    description
        What the index measures and what it leaves out (English; the report has its own
        Dutch and English text).
    source
        Where the domains and weights come from.
    """

    name: str
    domains: Mapping[str, tuple[float, Mapping[str, float]]]
    demand: tuple[str, ...]
    description: str
    source: str

    def spec(self, **options: object) -> IndexSpec:
        """Return the index definition (``options``: normalisation, transform, …)."""
        return IndexSpec.from_dict(
            {
                "name": options.pop("name", self.name),
                "domains": {
                    d: {"weight": w, "indicators": dict(inds)}
                    for d, (w, inds) in self.domains.items()
                },
                **options,
            }
        )


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            name="bimd2011",
            domains={
                "inkomen": (0.20, {"bimd_income": 1.0}),
                "werk": (0.20, {"bimd_employment": 1.0}),
                "opleiding": (0.25, {"bimd_education": 1.0}),
                "huisvesting": (0.15, {"bimd_housing": 1.0}),
                "gezondheid": (0.15, {"bimd_health": 1.0}),
                "criminaliteit": (0.05, {"bimd_crime": 1.0}),
            },
            demand=("pop_total", "pop_65plus"),
            description="The BIMD 2011 itself: its six domains with its own weights. Crime is "
            "ranked per municipality and health varies little within one, so inside one city "
            "they hardly tell sectors apart.",
            source=_BIMD_PAPER,
        ),
        Preset(
            name="deprivatie",
            domains={
                "inkomen": (0.25, {"income_median": 1.0}),
                "werk": (0.25, {"bimd_employment": 1.0}),
                "opleiding": (0.3125, {"bimd_education": 1.0}),
                "huisvesting": (0.1875, {"bimd_housing": 1.0}),
            },
            demand=("pop_total", "pop_65plus"),
            description="Deprivation inside a city: income per tax return of the latest "
            "fiscal year (Statbel) with the BIMD 2011 domains employment, education and "
            "housing. The BIMD's weights (income .20, employment .20, education .25, housing "
            ".15) rescaled to sum 1; crime is left out because the BIMD ranks it per "
            "municipality, health because it varies little within one (Leuven: every sector "
            "in national decile 7). The BIMD's income, health and overall scores are then "
            "references to check the index against.",
            source=_BIMD_PAPER + " Weights: the BIMD's, without health and crime.",
        ),
    )
}


def preset(name: str) -> Preset:
    """Return the built-in index ``name`` (with close matches on a typo).

    Examples
    --------
    >>> [d for d in preset("deprivatie").domains]
    ['inkomen', 'werk', 'opleiding', 'huisvesting']
    """
    try:
        return PRESETS[name]
    except KeyError:
        hits = close_matches(name, PRESETS)
        hint = f" Did you mean {', '.join(map(repr, hits))}?" if hits else ""
        raise SchemaError(
            f"unknown index preset {name!r}.{hint} Built-in: {listing(sorted(PRESETS))}."
        ) from None
