"""Shared vocabularies: the codes several modules write and read, each defined once.

* **Why a value is missing** (``<column>_suppressed_reason``, ``<column>_na_reason`` and the
  ``suppressed`` column of the output tables), with a Dutch and an English label for the
  reader (:data:`REASON_LABELS`); :data:`WITHHELD` are the reasons for which a value exists but
  may not be shown.
* **Pseudo codes** of Statbel for residents without a known place: the pseudo-sector
  ``NNNNNZZZZ`` and the pseudo-wijken ``…ONB`` / ``…ONBE`` / ``…ZZZZ``.
* **Facility statuses** (the ``status`` column of a register and of ``facilities.csv``).
* **Distance methods** (the ``method`` column of the access and coverage tables):
  ``network``, or ``euclidean_x<factor>`` for a straight line times a detour factor.

This module imports nothing from the package, so every layer may use it.
"""

from __future__ import annotations

__all__ = [
    "ABSENT_FROM_SOURCE",
    "CANDIDATE",
    "CLOSED",
    "COMPLEMENTARY",
    "DERIVED",
    "EXISTING",
    "FACILITY_STATUSES",
    "INSUFFICIENT_COVERAGE",
    "LOCATION_RADIUS_M",
    "MEMBER_MISSING",
    "MERGED_IN_CROSSWALK",
    "METHOD_NETWORK",
    "NO_POLYGON",
    "OUTSIDE_FACILITY_COVERAGE",
    "PLANNED",
    "PSEUDO_SECTOR_SUFFIX",
    "PSEUDO_WIJK_SUFFIXES",
    "REASON_LABELS",
    "SMALL_COUNT",
    "SMALL_DENOMINATOR",
    "SMALL_NUMERATOR",
    "SPLIT_ACROSS_UNITS",
    "SPLIT_IN_CROSSWALK",
    "SUPPRESSED_BY_SOURCE",
    "WITHHELD",
    "ZERO_DENOMINATOR",
    "detour_factor",
    "euclidean_method",
    "is_pseudo_sector",
    "is_pseudo_wijk",
]

# --------------------------------------------------------------------------- missing values

#: A count of 1 to threshold - 1 persons (primary suppression).
SMALL_COUNT = "small_count"
#: Not small itself, withheld so that a small count cannot be derived from it.
COMPLEMENTARY = "complementary"
#: A rate, share or difference computed from a withheld count.
DERIVED = "derived_from_withheld"
#: The publisher withheld it.
SUPPRESSED_BY_SOURCE = "suppressed_by_source"
#: A rate whose person numerator is below the threshold.
SMALL_NUMERATOR = "small_numerator"
#: A rate whose denominator is below the indicator's minimum.
SMALL_DENOMINATOR = "small_denominator"
#: The source has no row for the unit.
ABSENT_FROM_SOURCE = "absent_from_source"
ZERO_DENOMINATOR = "zero_denominator"
#: Part of the unit's member sectors has no value.
MEMBER_MISSING = "member_missing"
#: A source sector is split over several units.
SPLIT_ACROSS_UNITS = "split_across_units"
#: A sector of an older vintage was split: its parts have no value of their own.
SPLIT_IN_CROSSWALK = "split_in_crosswalk"
#: Several sectors of an older vintage were merged: a score (not a count) of the merged
#: sector cannot be derived from theirs.
MERGED_IN_CROSSWALK = "merged_in_crosswalk"
#: No sector of an older vintage links to it: it is new (its residents were counted in a
#: neighbour's code then) or, where the older code list holds only the inhabited sectors
#: (2001), it had nobody then.
NEW_SECTOR = "new_sector"
#: A change between two dates smaller than the suppression threshold (not published).
SMALL_CHANGE = "small_change"
NO_POLYGON = "no_polygon"
OUTSIDE_FACILITY_COVERAGE = "outside_facility_coverage"
INSUFFICIENT_COVERAGE = "insufficient_coverage"

#: What each reason means, in Dutch and English.
REASON_LABELS: dict[str, tuple[str, str]] = {
    SMALL_COUNT: ("te weinig personen", "too few persons"),
    COMPLEMENTARY: (
        "afgeschermd zodat een klein aantal elders niet af te leiden is",
        "withheld so that a small count elsewhere cannot be derived",
    ),
    DERIVED: ("berekend uit een afgeschermd aantal", "computed from a withheld count"),
    SUPPRESSED_BY_SOURCE: ("niet gepubliceerd door de bron", "withheld by the source"),
    SMALL_NUMERATOR: ("te weinig personen in de teller", "numerator too small"),
    SMALL_DENOMINATOR: ("te kleine noemer", "denominator too small"),
    ABSENT_FROM_SOURCE: ("ontbreekt in de bron", "absent from the source"),
    ZERO_DENOMINATOR: ("noemer is 0", "denominator is 0"),
    MEMBER_MISSING: ("een deel van de sectoren ontbreekt", "part of the sectors is missing"),
    SPLIT_ACROSS_UNITS: ("bronsector over meerdere eenheden verdeeld", "source sector split"),
    SPLIT_IN_CROSSWALK: (
        "oudere sector later gesplitst: geen eigen waarde per deel",
        "older sector split later: no value of its own per part",
    ),
    MERGED_IN_CROSSWALK: (
        "oudere sectoren later samengevoegd: een score is niet op te tellen",
        "older sectors merged later: a score cannot be added up",
    ),
    NEW_SECTOR: (
        "geen sector van toen: nieuw (de inwoners telden bij een buursector) of toen onbewoond",
        "no sector then: new (its residents counted in a neighbour) or uninhabited then",
    ),
    SMALL_CHANGE: (
        "verandering kleiner dan de drempel van afscherming",
        "change below the suppression threshold",
    ),
    NO_POLYGON: ("geen sectorgrens beschikbaar", "no sector boundary available"),
    OUTSIDE_FACILITY_COVERAGE: ("buiten het gebied van het register", "outside the register"),
    INSUFFICIENT_COVERAGE: ("te weinig dekking van de bron", "insufficient coverage"),
}

#: Reasons for which a value exists but may not be shown.
WITHHELD = frozenset(
    {
        SMALL_COUNT,
        COMPLEMENTARY,
        DERIVED,
        SUPPRESSED_BY_SOURCE,
        SMALL_NUMERATOR,
        SMALL_DENOMINATOR,
        SMALL_CHANGE,
    }
)

# --------------------------------------------------------------------------- pseudo codes

#: The pseudo-sector ``NNNNNZZZZ`` holds a municipality's residents without a known sector.
PSEUDO_SECTOR_SUFFIX = "ZZZZ"
#: Pseudo-wijken (and deelgemeenten) of residents without a known place.
PSEUDO_WIJK_SUFFIXES = ("ONB", "ONBE", "ZZZZ")


def is_pseudo_sector(code: object) -> bool:
    """Whether a sector code is a pseudo-sector of residents without a known sector.

    >>> is_pseudo_sector("24062ZZZZ"), is_pseudo_sector("24062A00-")
    (True, False)
    """
    return str(code).endswith(PSEUDO_SECTOR_SUFFIX)


def is_pseudo_wijk(code: object) -> bool:
    """Whether a wijk code stands for residents without a known place (``…ONB``, ``…ZZZZ``).

    >>> is_pseudo_wijk("24062ONB"), is_pseudo_wijk("24045ZZZZ"), is_pseudo_wijk("240621")
    (True, True, False)
    """
    return str(code).upper().endswith(PSEUDO_WIJK_SUFFIXES)


# --------------------------------------------------------------------------- facility statuses

#: A facility open today: it counts in access, coverage and as a plan's existing site.
EXISTING = "existing"
#: A facility decided or announced but not open (yet): not in today's access or coverage; a
#: scenario can open it (``[[scenarios]] open = [...]``).
PLANNED = "planned"
#: A site that may be chosen by a plan.
CANDIDATE = "candidate"
#: A facility no longer open: kept in the register, counted nowhere.
CLOSED = "closed"
#: The statuses a facility register may give.
FACILITY_STATUSES = (EXISTING, PLANNED, CANDIDATE, CLOSED)

#: How far a facility's true place may lie from its point, by ``location_confidence``.
#: Assumptions of this package, from how the reference register locates its points: *high*
#: is the building itself mapped (a building's size, 25 m); *medium* a neighbourhood point
#: (250 m, the radius of a neighbourhood of 0.2 km²); *low* a sector centroid or village point
#: (750 m: Leuven's median sector is 0.32 km², a radius of 320 m, and a village point can lie
#: further from the building still). A register may give a radius in metres instead.
LOCATION_RADIUS_M: dict[str, float] = {"high": 25.0, "medium": 250.0, "low": 750.0}


# --------------------------------------------------------------------------- distance methods

#: The value of ``method`` for a distance measured on the street network.
METHOD_NETWORK = "network"
_EUCLIDEAN = "euclidean_x"


def euclidean_method(detour_factor: float) -> str:
    """Return the ``method`` label of a straight-line estimate, e.g. ``euclidean_x1.3``.

    >>> euclidean_method(1.3)
    'euclidean_x1.3'
    """
    return f"{_EUCLIDEAN}{detour_factor:g}"


def detour_factor(method: str) -> float | None:
    """Return the detour factor of a straight-line ``method`` label (``None`` for others).

    >>> detour_factor("euclidean_x1.3"), detour_factor("network")
    (1.3, None)
    """
    if method.startswith(_EUCLIDEAN):
        return float(method.removeprefix(_EUCLIDEAN))
    return None
