"""Catalogue entries of the series that reach back in time (used by :mod:`wijkanalyse.trends`).

Data only. The population and BIMD series of 2001 and 2011 are in :mod:`.bimd`, Fluvius'
energy 2018–2021 in :mod:`.core`; here: the fiscal income per deelgemeente, 2005–2019, and
Statbel's own municipal table of 2005–2013, the outside reference it is checked against.
"""

from __future__ import annotations

from typing import Any

from wijkanalyse._catalogue.core import _BMS_TREE, _SDV_RAW, _SDV_TREE

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
    dict(
        id="statbel_income_municipalities_2005_2013",
        title="Fiscal income per municipality (TF_PSNL_INC_TAX_MUNTY: net taxable income, "
        "number of returns), Belgium, income years 2005-2013",
        publisher="Statbel (Algemene Directie Statistiek)",
        licence="Licentie open data Algemene Directie Statistiek (compatible with CC-BY 2.0)",
        attribution="(C) Algemene Directie Statistiek - Statistics Belgium",
        source_url=f"{_BMS_TREE}/inst/extdata/TF_PSNL_INC_TAX_MUNTY_tcm325-272513.zip",
        derived="TF_PSNL_INC_TAX_MUNTY.txt (pipe-separated, UTF-8 with BOM) written as "
        "comma-separated UTF-8 CSV without BOM; values unchanged",
        path="statbel_via_BelgiumMaps.StatBel/statbel_fiscal_income_municipality_2005_2013_"
        "belgium.csv",
        format="csv",
        sha256="644d854844bc4574a238bf819b6ca7c9e0a84817bd1598adc30a4383aa808492",
        coverage="Belgium",
        extent=("01000",),
        vintage=2011,
        reference_year=2013,
        encoding="utf-8",
        notes="Municipality codes before the 2019 mergers (CD_MUNTY_REFNIS). The outside "
        "reference of the income series per deelgemeente: its sums per municipality.",
    ),
]
