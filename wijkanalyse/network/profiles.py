"""Travel profiles: who travels, how fast, and on which OSM ways (walking, cycling).

A :class:`TravelProfile` decides which OpenStreetMap ways a mode may use and in which
direction; :data:`WALK` and :data:`BIKE` are the built-in ones, :func:`travel_profile` looks
one up by name.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from wijkanalyse._errors import DataError
from wijkanalyse._validate import listing

__all__ = [
    "BIKE",
    "DEFAULT_SPEED_SPREAD",
    "GROUP_SPEEDS_KMH",
    "GROUP_SPEED_RANGES_KMH",
    "PROFILES",
    "WALK",
    "TravelProfile",
    "group_speed",
    "speed_range",
    "travel_profile",
]

_YES = frozenset({"yes", "designated", "permissive", "official", "destination"})
_NO_ACCESS = frozenset({"no", "private"})
_ONEWAY_FORWARD = frozenset({"yes", "true", "1"})
_NEVER = frozenset(
    {
        "abandoned",
        "bus_guideway",
        "busway",
        "construction",
        "disused",
        "escape",
        "planned",
        "platform",
        "proposed",
        "raceway",
        "razed",
        "rest_area",
        "services",
        "elevator",
        "bus_stop",
        "crossing",
        "traffic_signals",
        "street_lamp",
        "turning_circle",
        "motorway_junction",
    }
)


@dataclass(frozen=True)
class TravelProfile:
    """Who travels, how fast, and on which ways.

    Attributes
    ----------
    name
        Short id, used in column names (``walk_minutes``).
    speed_kmh
        Travel speed on the network and along the snap link.
    label_nl, label_en
        Display names.
    mode_key
        The OSM access key of this mode (``foot``, ``bicycle``).
    excluded
        OSM ``highway`` values never used (besides construction, platforms and the like).
    needs_permission
        ``highway`` values used only when ``<mode_key>`` is yes, designated or permissive.
    oneway
        Whether one-way streets bind this mode (cyclists: yes, unless ``oneway:bicycle=no``).
    max_road_speed_kmh
        For graphs without road types (the RinSim graph): arcs with a higher speed limit are
        taken to be motorways and left out.
    """

    name: str
    speed_kmh: float
    label_nl: str
    label_en: str
    mode_key: str
    excluded: frozenset[str]
    needs_permission: frozenset[str]
    oneway: bool
    max_road_speed_kmh: float = 90.0

    def __post_init__(self) -> None:
        if not (math.isfinite(self.speed_kmh) and 0.5 <= self.speed_kmh <= 60):
            raise DataError(
                f"travel profile {self.name!r}: speed_kmh must lie between 0.5 and 60 km/h, "
                f"got {self.speed_kmh!r}."
            )

    @property
    def metres_per_minute(self) -> float:
        """Distance covered in one minute."""
        return self.speed_kmh * 1000.0 / 60.0

    def with_speed(self, speed_kmh: float) -> TravelProfile:
        """Return the same profile at another speed."""
        return replace(self, speed_kmh=float(speed_kmh))

    def allows(self, tags: Mapping[str, str]) -> bool:
        """Whether a way with these OSM tags may be used.

        Examples
        --------
        >>> WALK.allows({"highway": "footway"}), WALK.allows({"highway": "motorway"})
        (True, False)
        >>> cycle_path = {"highway": "cycleway"}
        >>> WALK.allows(cycle_path), WALK.allows({**cycle_path, "foot": "yes"})
        (False, True)
        >>> BIKE.allows({"highway": "steps"}), BIKE.allows({"highway": "residential"})
        (False, True)
        """
        hw = tags.get("highway")
        if hw is None or hw in _NEVER or hw in self.excluded:
            return False
        if tags.get("area") == "yes":
            return False
        mode = tags.get(self.mode_key)
        if mode == "no":
            return False
        if hw in self.needs_permission and mode not in _YES:
            return False
        return not (tags.get("access") in _NO_ACCESS and mode not in _YES)

    def direction(self, tags: Mapping[str, str]) -> int:
        """Return 0 (both ways), 1 (only along the way) or -1 (only against it).

        Examples
        --------
        >>> one_way = {"oneway": "yes"}
        >>> BIKE.direction(one_way), BIKE.direction({**one_way, "oneway:bicycle": "no"})
        (1, 0)
        >>> WALK.direction({"oneway": "yes"})
        0
        """
        if not self.oneway:
            return 0
        own = tags.get(f"oneway:{self.mode_key}")
        if own == "no":
            return 0
        value = own or tags.get("oneway")
        if value is None and tags.get("junction") in ("roundabout", "circular"):
            value = "yes"
        if value in _ONEWAY_FORWARD:
            return 1
        if value == "-1":
            return -1
        return 0


#: Walking at 4.8 km/h (1.33 m/s, the comfortable gait speed of adults under 60 in the
#: meta-analysis of Bohannon & Andrews 2011, *Physiotherapy* 97(3):182-189) on every public
#: way except motorways; cycle paths only with foot=yes.
WALK = TravelProfile(
    name="walk",
    speed_kmh=4.8,
    label_nl="wandelen",
    label_en="walking",
    mode_key="foot",
    excluded=frozenset({"motorway", "motorway_link"}),
    needs_permission=frozenset({"cycleway", "bridleway"}),
    oneway=False,
)

#: Cycling at 15 km/h; footways and pedestrian streets only with bicycle=yes; no steps.
BIKE = TravelProfile(
    name="bike",
    speed_kmh=15.0,
    label_nl="fietsen",
    label_en="cycling",
    mode_key="bicycle",
    excluded=frozenset({"motorway", "motorway_link", "steps"}),
    needs_permission=frozenset({"footway", "pedestrian", "bridleway", "corridor"}),
    oneway=True,
)

#: The built-in profiles by name.
PROFILES: dict[str, TravelProfile] = {"walk": WALK, "bike": BIKE}


#: Speeds of target groups that differ from their profile's, in km/h, with their sources.
#: Walking, residents aged 65+: 3.3 km/h, the mean gait speed of 0.92 m/s of 34 485
#: community-dwelling adults aged 65 or more (Studenski et al. 2011, "Gait speed and
#: survival in older adults", *JAMA* 305(1):50-58); their standard deviation of 0.27 m/s
#: means a quarter of them walk slower than 0.74 m/s (2.7 km/h).
GROUP_SPEEDS_KMH: dict[str, dict[str, float]] = {"walk": {"pop_65plus": 3.3}}


#: The range over which the access ranges draw a group's speed, km/h (uniform), with sources.
#: Walking, residents aged 65+: 0.8-1.0 m/s (2.9-3.6 km/h), the usual gait speeds of people
#: over 65 in health surveys around Studenski's mean of 0.92 m/s (Studenski et al. 2011;
#: Bohannon & Andrews 2011 give 1.13-1.26 m/s for ages 70-79 and 0.94-0.97 m/s at 80+).
#: Walking, everyone (and those under 65): 1.2-1.47 m/s (4.3-5.3 km/h), ± 10 % around the
#: 1.33 m/s of the default; the mean comfortable gait speeds of the age groups 20-79 in
#: Bohannon & Andrews' meta-analysis (2011, *Physiotherapy* 97:182-189) lie within it.
#: Any other group or profile: its speed ± 10 % (no source; the report says so).
GROUP_SPEED_RANGES_KMH: dict[str, dict[str, tuple[float, float]]] = {
    "walk": {"pop_65plus": (2.88, 3.6), "pop_total": (4.32, 5.28), "pop_under65": (4.32, 5.28)}
}

#: The relative half-width of a speed range without a source.
DEFAULT_SPEED_SPREAD = 0.10


def speed_range(
    profile: TravelProfile, group: str, speed_kmh: float
) -> tuple[tuple[float, float], bool]:
    """Return the range to draw a group's speed from, and whether it has a source.

    A documented range is used only when it holds the group's speed (a study that sets
    another speed gets ± 10 % around it).

    >>> speed_range(WALK, "pop_65plus", 3.3), speed_range(WALK, "pop_total", 4.8)
    (((2.88, 3.6), True), ((4.32, 5.28), True))
    >>> speed_range(BIKE, "pop_total", 15.0)
    ((13.5, 16.5), False)
    """
    known = GROUP_SPEED_RANGES_KMH.get(profile.name, {})
    rng = known.get(group)
    if rng is not None and rng[0] <= speed_kmh <= rng[1]:
        return rng, True
    lo, hi = speed_kmh * (1 - DEFAULT_SPEED_SPREAD), speed_kmh * (1 + DEFAULT_SPEED_SPREAD)
    return (round(lo, 6), round(hi, 6)), False


def group_speed(profile: TravelProfile, group: str, given: float | None = None) -> float:
    """Return the speed of a target group: ``given``, else its default, else the profile's.

    >>> group_speed(WALK, "pop_65plus"), group_speed(WALK, "pop_total")
    (3.3, 4.8)
    >>> group_speed(WALK, "pop_65plus", 4.0), group_speed(BIKE, "pop_65plus")
    (4.0, 15.0)
    """
    if given is not None:
        return float(given)
    return GROUP_SPEEDS_KMH.get(profile.name, {}).get(group, profile.speed_kmh)


def travel_profile(
    profile: str | TravelProfile = "walk", *, speed_kmh: float | None = None
) -> TravelProfile:
    """Return a travel profile by name (``walk``, ``bike``), optionally at another speed.

    Examples
    --------
    >>> travel_profile("walk").speed_kmh, travel_profile("walk", speed_kmh=4.0).speed_kmh
    (4.8, 4.0)
    """
    if isinstance(profile, TravelProfile):
        chosen = profile
    else:
        if profile not in PROFILES:
            raise DataError(
                f"unknown travel profile {profile!r}; choose one of {listing(PROFILES)} or "
                "pass a TravelProfile."
            )
        chosen = PROFILES[profile]
    return chosen if speed_kmh is None else chosen.with_speed(speed_kmh)
