"""A wijk's "Evolutie" from hand-made trend tables: units named by level and code.

A wijk's code can be that of a deelgemeente (Hasselt's 71022B is both) or of its
municipality (Huldenberg's wijk 24045): the section must take each line from its own level.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pandas as pd

from wijkanalyse.report import _trends


def _rows(level: str, unit: str, name: str, series: str, values: dict[int, float]) -> list[Any]:
    return [
        {
            "unit": unit,
            "name": name,
            "level": level,
            "series": series,
            "kind": "level",
            "year": year,
            "value": value,
            "method": "exact",
        }
        for year, value in values.items()
    ]


def _builder(code: str, dg: str, gemeente: str) -> Any:
    pop = "population"
    levels = [
        # the wijk and its deelgemeente share the code: different values
        *_rows("wijk", code, "W", pop, {2001: 400.0, 2011: 500.0, 2021: 600.0}),
        *_rows("deelgemeente", dg, "D", pop, {2001: 4000.0, 2011: 4100.0, 2021: 4200.0}),
        *_rows("gemeente", gemeente, "G", pop, {2001: 9000.0, 2011: 9500.0, 2021: 9900.0}),
        *_rows("gewest", "02000", "Vlaams Gewest", pop, {2001: 6e6, 2011: 6.3e6, 2021: 6.6e6}),
        *_rows("deelgemeente", dg, "D", "income_mean", {2005: 25_000.0, 2019: 31_000.0}),
        *_rows("gemeente", gemeente, "G", "income_mean", {2005: 26_000.0, 2019: 33_000.0}),
        *_rows("gewest", "02000", "Vlaams Gewest", "income_mean", {2005: 25_500.0}),
    ]
    change = {
        "unit": code,
        "name": "W",
        "level": "wijk",
        "series": pop,
        "kind": "change",
        "from_year": 2001,
        "to_year": 2021,
        "change": 200.0,
        "rate_annual": 0.0205,
        "band": 58.8,
        "significant": True,
    }
    units = pd.DataFrame([*levels, change])
    sectors = pd.DataFrame(
        {
            "wijk": [code, code],
            "deelgemeente": [dg, dg],
            "deelgemeente_name": ["D", "D"],
            "gemeente": [gemeente, gemeente],
            "pop_total": [300, 300],
        },
        index=["s1", "s2"],
    )
    tables = {"trends_wijken": units, "trends_definitions": None}
    run = SimpleNamespace(table=tables.get, sectors=sectors)
    return SimpleNamespace(run=run, lang="nl", wijk_names={code: "W"})


def test_a_wijk_with_its_deelgemeentes_code_takes_its_own_rows() -> None:
    section = _trends.wijk_trend(_builder("71022B", "71022B", "71022"), "71022B")
    assert section is not None
    # the wijk's population, not the deelgemeente's 4 000 under the same code
    assert section["population"].startswith("Inwoners: 2001 400 · 2011 500 · 2021 600.")
    assert "+200" in section["population"]
    assert ": groei." in section["population"]
    assert section["img"].startswith("data:image/svg+xml;base64,")
    assert section["income_note"].startswith("Inkomen: de deelgemeente D, waar de wijk in ligt")
    # the series shown with their own years, not a fixed list
    assert section["intro"].endswith(
        "inwoners 2001–2021, gemiddeld inkomen per aangifte 2005–2019."
    )


def test_a_wijk_with_its_municipalitys_code_takes_its_own_rows() -> None:
    section = _trends.wijk_trend(_builder("24045", "24045A", "24045"), "24045")
    assert section is not None
    assert section["population"].startswith("Inwoners: 2001 400 · 2011 500 · 2021 600.")
