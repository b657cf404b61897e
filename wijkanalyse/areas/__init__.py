"""Statistical-sector vintages, the area hierarchy, crosswalks, custom areas and aggregation.

**Vintages.** Statbel redrew the statistical sectors several times. wijkanalyse names a code
system by a year: ``2011`` (codes of 2011–2018), ``2019``, ``2024`` (the codes valid
2020–2024, PinC's "statsec2024") and ``2025`` (the new sectors). Data and geometries must be
joined within one vintage: :func:`join` refuses to mix them and says how to translate.

**Hierarchy.** Each sector belongs to one wijk, deelgemeente and gemeente of its vintage
(:func:`hierarchy`, from the Provincies in Cijfers tables). The wijken of the 2024 vintage
(``ggw72024``, e.g. ``240621`` Wijgmaal) and of 2025 (``ggw7``, e.g. ``24062W22``) carry the
same names but their boundaries differ: the sectors under them were redrawn.

**Crosswalk.** :func:`crosswalk` links sectors of two vintages. 2019 → 2024 comes from the
official PinC table. 2024 ↔ 2025 has no published sector table; it is derived from Statbel's
2025 coding rule (a new sector keeps the first 8 characters of the sector it came from and
gets a letter suffix, e.g. ``24062E732`` → ``24062E73K`` + ``24062E73L``) and checked against
the wijk polygons. Every link says how it was made and whether a translation along it is
exact.

**Aggregation.** :func:`aggregate` sums counts from sectors to any grouping (wijk,
deelgemeente, custom areas) and preserves totals exactly; a group with a missing member is
NA unless you ask otherwise.

The package re-exports the public names of its modules:

- :mod:`~wijkanalyse.areas.vintages`: the code lists of each vintage, the hierarchy tables
  and the crosswalks;
- :mod:`~wijkanalyse.areas.regions`: municipalities and study regions, their wijken and
  outlines;
- :mod:`~wijkanalyse.areas.lookup`: an area by its name or NIS code;
- :mod:`~wijkanalyse.areas.custom`: custom areas and their outlines;
- :mod:`~wijkanalyse.areas.aggregate`: the sectors frame, joins and aggregation.
"""

from __future__ import annotations

from wijkanalyse.areas.aggregate import HIERARCHY_COLUMNS, aggregate, join, load_sectors
from wijkanalyse.areas.aggregate import (
    _read_population_any as _read_population_any,  # tests/test_bad_input_data.py
)
from wijkanalyse.areas.custom import CustomArea, area_outlines, custom_area
from wijkanalyse.areas.lookup import AreaMatch, area_name, find_area
from wijkanalyse.areas.regions import (
    FLEMISH_PROVINCES,
    Municipality,
    Region,
    flemish_municipalities,
    hierarchy,
    in_brussels,
    municipality,
    municipality_polygon,
    not_covered,
    region,
    region_polygon,
    wijk_areas,
)
from wijkanalyse.areas.regions import REGION_LEVELS as REGION_LEVELS
from wijkanalyse.areas.vintages import (
    VINTAGES,
    check_vintage,
    crosswalk,
    detect_vintage,
    sector_codes,
    wijk_polygon_dataset,
)
from wijkanalyse.vocab import is_pseudo_wijk

__all__ = [
    "FLEMISH_PROVINCES",
    "HIERARCHY_COLUMNS",
    "VINTAGES",
    "AreaMatch",
    "CustomArea",
    "Municipality",
    "Region",
    "aggregate",
    "area_name",
    "area_outlines",
    "check_vintage",
    "crosswalk",
    "custom_area",
    "detect_vintage",
    "find_area",
    "flemish_municipalities",
    "hierarchy",
    "in_brussels",
    "is_pseudo_wijk",
    "join",
    "load_sectors",
    "municipality",
    "municipality_polygon",
    "not_covered",
    "region",
    "region_polygon",
    "sector_codes",
    "wijk_areas",
    "wijk_polygon_dataset",
]
