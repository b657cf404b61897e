"""The entries of the dataset catalogue, as plain data (see :mod:`wijkanalyse.datasets`).

Each entry holds the keyword arguments of one :class:`wijkanalyse.datasets.Dataset`; the
field meanings are documented there. :mod:`wijkanalyse.datasets` builds ``CATALOGUE`` from
them. Nothing but data lives here: :mod:`.core` (sectors, wijken, census, income, energy,
open space, facilities, road graphs), :mod:`.bimd` (the Belgian Index of Multiple
Deprivation and its populations), :mod:`.basemap` (railways and waterways under the maps)
and :mod:`.series` (the fiscal income per deelgemeente, 2005–2019).
"""

from __future__ import annotations

from typing import Any

from wijkanalyse._catalogue import basemap, bimd, core, series

#: One dict of :class:`~wijkanalyse.datasets.Dataset` fields per catalogued file.
ENTRIES: list[dict[str, Any]] = [
    *core.ENTRIES,
    *bimd.ENTRIES,
    *basemap.ENTRIES,
    *series.ENTRIES,
]

__all__ = ["ENTRIES"]
