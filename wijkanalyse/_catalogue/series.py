"""Catalogue entries of the series that reach back in time (used by :mod:`wijkanalyse.trends`).

Data only. The population and BIMD series of 2001 and 2011 are in :mod:`.bimd`, Fluvius'
energy 2018–2021 in :mod:`.core`; here: the fiscal income per deelgemeente, 2005–2019.
"""

from __future__ import annotations

from typing import Any

from wijkanalyse._catalogue.core import _SDV_RAW, _SDV_TREE

#: One dict of :class:`~wijkanalyse.datasets.Dataset` fields per catalogued file.
ENTRIES: list[dict[str, Any]] = [
    dict(
        id="pinc_income_deelgemeenten_2005_2019",
        title="Fiscal income per deelgemeente (median and total net taxable income per tax "
        "return, number of returns), Belgium, income years 2005-2019",
        publisher="Statbel (fiscal income statistics), aggregated by Provincies in Cijfers",
        licence="Not stated in the source repository; Statbel open data aggregated by "
        "Provincies in Cijfers",
        attribution="Bron: Statbel (FOD Economie), fiscale inkomens; verwerking Provincies in "
        "Cijfers",
        source_url=f"{_SDV_TREE}/upload_pinc/Aangiften_deelgemeente.xlsx",
        url=f"{_SDV_RAW}/upload_pinc/Aangiften_deelgemeente.xlsx",
        path="provinciesincijfers_swing-data-validation/statbel_fiscal_income_per_"
        "deelgemeente_2005_2019.xlsx",
        format="xlsx",
        sha256="2189bdc0239dbba491d66112608c93a668b1b6611fca650fa57ce18cd2bdb00b",
        coverage="Belgium",
        extent=("01000",),
        vintage=2024,
        reference_year=2019,
        notes="Sheet Blad1, PinC upload layout at geolevel 'deelgemeente' (codes as in the 2024 "
        "hierarchy, e.g. 24062A Leuven, 24062C Kessel-Lo, 24062-Z Heverlee, 24062-Y Wilsele; "
        "24062ONBE unknown place); -99997 = suppressed by the source. Euros of each year "
        "(not corrected for inflation). For 2005-2013 the Leuven sums equal Statbel's "
        "municipal table.",
    ),
]
