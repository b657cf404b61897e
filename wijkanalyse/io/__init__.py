"""Readers for the official formats wijkanalyse works with, one module per publisher.

Every reader takes a ``source``: a dataset id from :mod:`wijkanalyse.datasets` (the catalogue
then supplies layer, encoding, CRS and vintage) or a path to a file. Every reader returns a
canonical frame (see DESIGN.md, *Data contracts*):

- sector-keyed tables are indexed by the 9-character sector code (``sector``) and carry a
  ``vintage`` column (the sector-code vintage: 2011, 2019, 2024 for the 2020–2024 codes,
  2025);
- geometries are in the working CRS (:data:`wijkanalyse.settings.working_crs`); a file
  without a CRS is an error unless ``assume_crs=`` is passed, and reprojection is logged;
- counts are pandas nullable integers; a missing or suppressed value is NA (with a reason
  column where the source says why), never 0.

Readers check their input at the boundary and raise one error listing every problem found:
missing columns (with the columns found and the option to pass), malformed or duplicate
sector codes, wrong encoding, empty files, coordinates outside Belgium for the stated CRS,
invalid geometries.

Modules
-------
- :mod:`~wijkanalyse.io.statbel`: sector layers, population, census, income;
- :mod:`~wijkanalyse.io.pinc`: Provincies in Cijfers' sector tables, crosswalk, area
  polygons and upload tables (energy, open space);
- :mod:`~wijkanalyse.io.registers`: facility registers and OSM points;
- :mod:`~wijkanalyse.io.bimd`: the Belgian Index of Multiple Deprivation per sector;
- :mod:`~wijkanalyse.io.roads`: road graphs;
- ``_tables`` and ``_vectors``: the plumbing they share (text and spreadsheet tables,
  numbers, codes, vintages, the memo; vector files and CRSs).

Reads of catalogue datasets are memoised in the process (a bounded memo, keyed on the
dataset, the options and the working CRS; callers get copies); :func:`clear_cache` empties it.

Imports written ``name as name`` re-export names that other modules and the tests reach as
``io.name``; they are not public API.
"""

from __future__ import annotations

from wijkanalyse.datasets import resolve_source as resolve_source
from wijkanalyse.io._tables import ABSENT as ABSENT
from wijkanalyse.io._tables import MISSING as MISSING
from wijkanalyse.io._tables import SUPPRESSED as SUPPRESSED
from wijkanalyse.io._tables import _to_number as _to_number
from wijkanalyse.io._tables import clear_cache, vintage_from_year
from wijkanalyse.io.bimd import BIMD_DOMAINS, read_bimd, read_bimd_population
from wijkanalyse.io.demand import read_demand_points
from wijkanalyse.io.income_series import read_income_deelgemeenten, read_income_municipalities
from wijkanalyse.io.pinc import PINC_MISSING as PINC_MISSING
from wijkanalyse.io.pinc import (
    read_area_names,
    read_areas,
    read_energy,
    read_open_space,
    read_pinc_upload,
    read_sector_crosswalk,
    read_sector_table,
)
from wijkanalyse.io.registers import (
    FACILITY_STATUSES,
    OSM_TYPES,
    open_facilities,
    read_facilities,
    read_osm_points,
)
from wijkanalyse.io.roads import (
    WEGENREGISTER_EXCLUDED_MORF,
    RoadGraphFrames,
    read_road_graph,
    read_street_lines,
    read_wegenregister,
)
from wijkanalyse.io.statbel import read_census, read_income, read_population, read_sectors

__all__ = [
    "BIMD_DOMAINS",
    "FACILITY_STATUSES",
    "OSM_TYPES",
    "WEGENREGISTER_EXCLUDED_MORF",
    "RoadGraphFrames",
    "clear_cache",
    "open_facilities",
    "read_area_names",
    "read_areas",
    "read_bimd",
    "read_bimd_population",
    "read_census",
    "read_demand_points",
    "read_energy",
    "read_facilities",
    "read_income",
    "read_income_deelgemeenten",
    "read_income_municipalities",
    "read_open_space",
    "read_osm_points",
    "read_pinc_upload",
    "read_population",
    "read_road_graph",
    "read_sector_crosswalk",
    "read_sector_table",
    "read_sectors",
    "read_street_lines",
    "read_wegenregister",
    "vintage_from_year",
]
