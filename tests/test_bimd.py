"""The Belgian Index of Multiple Deprivation: catalogue, reader, and our transform against it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wijkanalyse import io
from wijkanalyse._errors import SchemaError
from wijkanalyse.index import exponential_transform

pytestmark = pytest.mark.usefixtures("mirror")


@pytest.fixture(scope="module")
def bimd2011() -> pd.DataFrame:
    return io.read_bimd("bimd2011_sectors")


def test_the_2011_table_per_sector(bimd2011: pd.DataFrame) -> None:
    assert len(bimd2011) == 18_764
    assert bimd2011.index.name == "sector"
    assert (bimd2011.index.str.len() == 9).all()
    assert (bimd2011["vintage"] == 2011).all()
    assert bimd2011.attrs["n_ranked"] == 18_764
    leuven = bimd2011[bimd2011.index.str.startswith("24062")]
    assert len(leuven) == 115  # the data README: Leuven 115 populated sectors
    assert str(bimd2011["bimd_income_rank"].dtype) == "Int64"
    assert str(bimd2011["bimd_decile"].dtype) == "Int64"
    # the first row of the file, as published
    row = bimd2011.loc["11001A00-"]
    assert row["bimd_income_rank"] == 8599
    assert row["bimd_income_decile"] == 5
    assert row["bimd_income_score"] == pytest.approx(17.6003470507579, abs=1e-12)
    assert row["bimd_rank"] == 17376


def test_the_2001_table_has_the_2001_codes() -> None:
    bimd = io.read_bimd("bimd2001_sectors")
    assert len(bimd) == 18_295
    assert (bimd["vintage"] == 2001).all()
    assert (bimd.index.str.startswith("24062")).sum() == 113


@pytest.mark.parametrize("domain", [d for d in io.BIMD_DOMAINS if d != "crime"])
def test_our_transform_gives_the_published_scores_from_the_national_ranks(
    bimd2011: pd.DataFrame, domain: str
) -> None:
    ranks = bimd2011[f"bimd_{domain}_rank"].astype(float).to_numpy()
    ours = exponential_transform(-ranks)  # rank 1 = most deprived = the highest value
    published = bimd2011[f"bimd_{domain}_score"].astype(float).to_numpy()
    assert np.nanmax(np.abs(ours - published)) < 1e-6


def test_crime_is_ranked_over_the_municipalities(bimd2011: pd.DataFrame) -> None:
    municipal = (
        bimd2011[["bimd_crime_rank", "bimd_crime_score"]]
        .assign(gemeente=bimd2011.index.str[:5])
        .groupby("gemeente")
        .agg(["min", "max"])
    )
    rank, score = municipal["bimd_crime_rank"], municipal["bimd_crime_score"]
    assert (rank["min"] == rank["max"]).all()  # one rank per municipality
    assert len(municipal) == 589
    ours = exponential_transform(-rank["min"].astype(float).to_numpy())
    assert np.max(np.abs(ours - score["min"].astype(float).to_numpy())) < 1e-6


def test_a_table_of_another_year_or_layout_is_refused(tmp_path: Path) -> None:
    wrong = tmp_path / "bimd.csv"
    wrong.write_text('"CD_RES_SECTOR","score"\n"24062A00-",1.5\n', encoding="utf-8")
    with pytest.raises(SchemaError, match="BIMD2011_score"):
        io.read_bimd(wrong)
    later = tmp_path / "bimd2021.csv"
    header = ",".join(
        ["CD_RES_SECTOR"]
        + [
            f"{p}_{d}_domain"
            for d in ("income", "employment", "edu", "hous", "crime", "health")
            for p in ("exp_score", "rank", "deciles")
        ]
        + ["BIMD2021_score", "BIMD2021_rank", "BIMD2021_deciles_domain"]
    )
    later.write_text(header + "\n" + ",".join(["24062A00-"] + ["1"] * 21) + "\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="published for 2001 and 2011; got year 2021"):
        io.read_bimd(later)


def test_the_populations_the_bimd_used() -> None:
    pop = io.read_bimd_population("bimd_population_2011")
    assert len(pop) == 18_764
    assert int(pop["pop_total"].sum()) == 10_944_082  # Belgium, 2011
    leuven = pop[pop.index.str.startswith("24062")]
    assert (len(leuven), int(leuven["pop_total"].sum())) == (115, 96_928)
    assert str(pop["pop_total"].dtype) == "Int64"
    assert (pop["vintage"] == 2011).all()
    old = io.read_bimd_population("bimd_population_2001")
    assert (old["vintage"] == 2001).all()
    assert (old.index.str.startswith("24062")).sum() == 113
    # every ranked sector of 2011 has its population
    assert io.read_bimd("bimd2011_sectors").index.isin(pop.index).all()


def test_a_population_table_that_is_not_one_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "population_2011.tsv"
    bad.write_text('"CD_RES_SECTOR"\t"POPULATION"\n"24062A00-"\t12.5\n', encoding="utf-8")
    with pytest.raises(SchemaError, match="not counts of persons"):
        io.read_bimd_population(bad)
    unknown = tmp_path / "population.tsv"
    unknown.write_text('"CD_RES_SECTOR"\t"POPULATION"\n"24062A00-"\t12\n', encoding="utf-8")
    with pytest.raises(SchemaError, match="2001 or 2011"):
        io.read_bimd_population(unknown)
    assert int(io.read_bimd_population(unknown, year=2011)["pop_total"].iloc[0]) == 12


def test_2001_to_2011_by_code_exact_only_where_the_sectors_kept_their_codes() -> None:
    from wijkanalyse import areas

    cw = areas.crosswalk(2001, 2011)
    assert list(cw.columns[:2]) == ["sector_2001", "sector_2011"]
    pop01 = io.read_bimd_population("bimd_population_2001")
    pop11 = io.read_bimd_population("bimd_population_2011")
    leuven = cw[cw["sector_2001"].str.startswith("24062")]
    # all 113 populated 2001 sectors of Leuven keep their code, but 2011 added 24062C01-
    # and 24062D633 (carved from neighbours): no Leuven link is exact
    assert len(leuven) == 113
    assert (leuven["relation"] == "same").all()
    assert not leuven["exact"].any()
    assert int(pop01.loc[leuven["sector_2001"], "pop_total"].sum()) == 88_606
    # Aartselaar's populated sectors are the same codes in both years: exact
    aart01 = {c for c in pop01.index if c.startswith("11001") and not c.endswith("ZZZZ")}
    aart11 = {c for c in pop11.index if c.startswith("11001") and not c.endswith("ZZZZ")}
    assert aart01 == aart11
    assert cw.loc[cw["sector_2001"].isin(aart01), "exact"].all()
    back = areas.crosswalk(2011, 2001)
    assert list(back.columns[:2]) == ["sector_2011", "sector_2001"]
    chained = areas.crosswalk(2001, 2024)
    lv = chained[chained["sector_2001"].str.startswith("24062")]
    assert (lv["sector_2024"] == lv["sector_2001"]).all()
    assert not lv["exact"].any()
    assert chained["exact"].sum() < cw["exact"].sum()


def test_the_bimd_2001_on_2024_sectors_is_carried_by_code_and_said_so() -> None:
    from wijkanalyse import areas, indicators

    moved, note = indicators.bimd_2024("bimd2001_sectors", pd.Index(["24062A12-", "11001A00-"]))
    assert moved.attrs["year"] == 2001
    assert moved.attrs["approximate"] == ["24062A12-"]  # Leuven's sectors were redrawn
    assert note.key == "inputs_bimd_moved_by_code"
    assert moved.loc["24062A12-", "bimd_decile"] == 1
    sectors = areas.load_sectors("24062", geometry=None, income=None)
    with pytest.raises(Exception, match="bimd_\\* are those of the BIMD 2011"):
        indicators.sector_inputs(sectors, energy=None, open_space=None, bimd="bimd2001_sectors")
