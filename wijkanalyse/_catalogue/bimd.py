"""Catalogue entries of the Belgian Index of Multiple Deprivation (BIMD 2001 and 2011).

Data only. The files are byte-identical copies of the ``data-raw`` tables of the Sciensano
R package ``bimd`` (Otavova et al. 2023): per statistical sector the six domains' national
ranks, deciles and exponentially transformed scores and the overall index; per
municipality the average scores. Ranks are national (all of Belgium), 1 = most deprived.
"""

from __future__ import annotations

from typing import Any

_COMMIT = "6475ed7"
_TREE = f"https://github.com/sciensanogit/bimd-pkg/blob/{_COMMIT}/data-raw"
_RAW = f"https://raw.githubusercontent.com/sciensanogit/bimd-pkg/{_COMMIT}/data-raw"
_LICENCE = "GPL-3 (the R package bimd, which publishes these tables; LICENSE_GPL-3.txt)"
_ATTRIBUTION = (
    "Otavova M., Faes C., Bouland C., De Clercq E., Vandeninden B., Eggerickx T., Sanderson "
    "J.-P., Devleesschauwer B., Masquelier B. (2023). Measuring small-area level deprivation "
    "in Belgium: The Belgian Index of Multiple Deprivation. Spatial and Spatio-temporal "
    "Epidemiology 45:100587. Data: Statbel, via Sciensano (bimd-pkg)."
)
_PROJECT = "https://github.com/bimd-project/Belgian-Indices-of-Multiple-Deprivation"
_PROJECT_COMMIT = "f7b700ea98b8bc4b6af859995f43cced5206919d"
_PROJECT_RAW = (
    "https://raw.githubusercontent.com/bimd-project/Belgian-Indices-of-Multiple-Deprivation/"
    + _PROJECT_COMMIT
)
_FOLDERS = {
    2001: "FILE%201%20BIMD2001%20DOMAINS%20%28SCORE%2C%20RANKS%2C%20DECILES%29",
    2011: "FILE%202%20BIMD2011%20DOMAINS%20%28SCORES%2C%20RANKS%2C%20DECILES%29",
}
_METHOD = (
    "Per domain (income, employment, education, housing, crime, health) the national rank "
    "(1 = most deprived), the decile and the exponential score X = -23 ln(1 - R (1 - "
    "e^(-100/23))) with R = (n - rank + 1) / n; the overall score weights income .20, "
    "employment .20, education .25, housing .15, health .15, crime .05. Crime is constant "
    "within a municipality. Only sectors with more than 10 residents are ranked."
)


def _entry(id_: str, file: str, title: str, year: int, **kw: Any) -> dict[str, Any]:
    return dict(
        id=id_,
        title=title,
        publisher="Sciensano / ELLIS project (BELSPO), from Statbel data",
        licence=_LICENCE,
        attribution=_ATTRIBUTION,
        source_url=f"{_TREE}/{file}",
        url=f"{_RAW}/{file}",
        path=f"bimd_via_sciensano_bimd-pkg/{file}",
        format="csv",
        coverage="Belgium",
        extent=("01000",),
        encoding="utf-8",
        reference_year=year,
        **kw,
    )


ENTRIES: list[dict[str, Any]] = [
    _entry(
        "bimd2011_sectors",
        "BIMD2011_DOMAINS_STATISTICAL_SECTOR_ELLIS_WIDE.csv",
        "Belgian Index of Multiple Deprivation 2011 per statistical sector (2011 codes)",
        2011,
        sha256="dcb7cfe5a515eee65e794927339913391604b20c8e41ccea9d3e934c5f8ea704",
        vintage=2011,
        notes=f"18 764 sectors (Leuven 115). {_METHOD}",
    ),
    _entry(
        "bimd2001_sectors",
        "BIMD2001_DOMAINS_STATISTICAL_SECTOR_ELLIS_WIDE.csv",
        "Belgian Index of Multiple Deprivation 2001 per statistical sector (2001 codes)",
        2001,
        sha256="5d032e6df1f4d80e25f11faa59d5e5e014bb2efeef401cc3f222683f69e59f9e",
        vintage=2001,
        notes=f"18 295 sectors (Leuven 113), codes of 2001. {_METHOD}",
    ),
    _entry(
        "bimd2011_municipalities",
        "DOMAINS_BIMD_2011_MUNICIPALITIES_ELLIS_WIDE_AVERAGE_SCORE.csv",
        "Belgian Index of Multiple Deprivation 2011: average scores per municipality",
        2011,
        sha256="c2c2ec07f9c448fa1633a2804ba459c4f3f955fac5be3bb18246511a78fb2c9b",
        notes="589 municipalities (codes before the 2019 mergers): per domain the average "
        "sector score, its national rank and decile.",
    ),
    _entry(
        "bimd2001_municipalities",
        "DOMAINS_BIMD_2001_MUNICIPALITIES_ELLIS_WIDE_AVERAGE_SCORE.csv",
        "Belgian Index of Multiple Deprivation 2001: average scores per municipality",
        2001,
        sha256="e152a54e05bf8fcfa765ec24996e89ebd2ca9d5d5428b5a118d449fd4368d7ca",
        notes="589 municipalities (codes before the 2019 mergers): per domain the average "
        "sector score, its national rank and decile.",
    ),
    *(
        dict(
            id=f"bimd_population_{year}",
            title=f"Population per statistical sector {year} ({year} codes), the denominators "
            "of the BIMD",
            publisher="ELLIS project (BELSPO), from Statbel data",
            licence="None stated (ELLIS project, BELSPO; data from Statbel)",
            attribution="Statbel (Algemene Directie Statistiek), via the ELLIS project "
            "(bimd-project/Belgian-Indices-of-Multiple-Deprivation)",
            source_url=f"{_PROJECT}/blob/{_PROJECT_COMMIT}/{_FOLDERS[year]}/population_{year}",
            url=f"{_PROJECT_RAW}/{_FOLDERS[year]}/population_{year}",
            path=f"bimd_via_bimd-project/population_{year}.tsv",
            format="tsv",
            sha256=sha,
            coverage="Belgium",
            extent=("01000",),
            vintage=year,
            encoding="utf-8",
            reference_year=year,
            complete=False,
            notes=notes,
        )
        for year, sha, notes in (
            (
                2011,
                "3291756edd674ddd71e305f35fb43d827a8844bb6ced38a408aa3aabe3ce46cf",
                "18 764 sectors, Belgium 10 944 082; Leuven 115 sectors, 96 928 residents. "
                "Tab-separated, quoted (CD_RES_SECTOR, POPULATION).",
            ),
            (
                2001,
                "adb63f2ccea1dad06ba55be97165b86727ab2b05bdbbead33d40788ff9085b54",
                "Leuven 113 sectors. Tab-separated, quoted (CD_RES_SECTOR, POPULATION); "
                "codes of 2001.",
            ),
        )
    ),
]
