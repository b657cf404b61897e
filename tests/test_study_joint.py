"""A joint question (two facility types at once, sharing buildings) in the tiny world.

The tiny world of ``test_study_steps``, with a lokaal dienstencentrum "LDC Hoek" on the
north-east corner (A03) beside the buurtcentrum "Het Hoekje" on the south-west one (A00).
With a 1-minute threshold (80 m on foot, 55 m for the 65+) a site reaches only its own
corner, so every answer is a sum of corner counts:

- buurtcentrum (everyone): today A00's 100; a new one best on A01 (200) → 300.
- LDC (65+): today A03's 20; a new one best on A00 (30) → 50. On A00 it can move into
  Het Hoekje: the site is shared at no cost.
- two shared buildings: the new buurtcentrum must go to a shared site too: into LDC Hoek
  (A03, 40) → 140, 160 fewer than without; the LDC stays in Het Hoekje (50).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
import shapely
from pydantic import ValidationError
from test_study_steps import ACCESS, CRS, X0, Y0, _sources, tiny_config, tiny_data

from wijkanalyse import _i18n
from wijkanalyse._errors import SchemaError
from wijkanalyse.study import accessibility as access_step
from wijkanalyse.study import analyse as analyse_step
from wijkanalyse.study import checks, publish, write
from wijkanalyse.study import planning as planning_step
from wijkanalyse.study._summary_plans import _plan_lines
from wijkanalyse.study.slices import AccessSlice, AnalyseSlice, PlanSlice

pytestmark = pytest.mark.usefixtures("mirror")

BC = {"facility_type": "buurtcentrum", "minutes": 1, "p": 1}
LDC = {
    "facility_type": "lokaal_dienstencentrum",
    "target_group": "pop_65plus",
    "minutes": 1,
    "p": 1,
}
FACILITIES = [{"source": "tiny.csv", "types": ["buurtcentrum", "lokaal_dienstencentrum"]}]


def _config(**joint: object):  # type: ignore[no-untyped-def]
    return tiny_config(
        **ACCESS,
        plan={
            "candidates": ["sectors"],
            "joint": [{"name": "samen", "types": [BC, LDC], **joint}],
        },
        facilities=FACILITIES,
    )


def _run(config):  # type: ignore[no-untyped-def]
    data = tiny_data(config)
    ldc = data.facilities.iloc[:1].copy()
    ldc.index = pd.Index(["ldc-1"], name="facility_id")
    ldc["name"] = "LDC Hoek"
    ldc["type"] = "lokaal_dienstencentrum"
    ldc = ldc.set_geometry([shapely.Point(X0 + 400, Y0 + 400)], crs=CRS)
    data = dataclasses.replace(data, facilities=pd.concat([data.facilities, ldc]))
    analysis = analyse_step.analyse(AnalyseSlice.of(config), data)
    acc = access_step.accessibility(AccessSlice.of(config), data, analysis)
    res = planning_step.planning(PlanSlice.of(config), data, acc, analysis)
    assert res is not None
    return data, analysis, acc, res


@pytest.fixture(scope="module")
def shared_run():  # type: ignore[no-untyped-def]
    config = _config(min_shared=1)
    return config, *_run(config)


def test_joint_question_places_both_types_by_hand(shared_run) -> None:  # type: ignore[no-untyped-def]
    _, _, _, _, res = shared_run
    bc = res.plans[("samen.buurtcentrum", 1)]
    ldc = res.plans[("samen.lokaal_dienstencentrum", 1)]
    assert list(bc.new_sites) == ["sector:24062A01-"]
    assert list(ldc.new_sites) == ["bc-1"]  # into Het Hoekje, the existing buurtcentrum
    assert bc.covered.loc["pop_total", "covered"] == pytest.approx(300)
    assert ldc.covered.loc["pop_65plus", "covered"] == pytest.approx(50)
    assert res.shared[("samen.lokaal_dienstencentrum", 1)] == ("bc-1",)
    assert ldc.method == bc.method == "joint"


def test_sharing_costs_by_hand(shared_run) -> None:  # type: ignore[no-untyped-def]
    _, _, _, _, res = shared_run
    s = res.sharing.set_index(["facility_type", "min_shared"])
    assert s.loc["buurtcentrum", "pop_covered"].tolist() == [300, 300, 140]
    assert s.loc["buurtcentrum", "pop_lost"].tolist() == [0, 0, 160]
    assert s.loc["lokaal_dienstencentrum", "pop_covered"].tolist() == [50, 50, 50]
    assert s.loc[("buurtcentrum", 2), "sites"] == "ldc-1"
    assert s.loc[("buurtcentrum", 2), "shared_names"] == "Het Hoekje; LDC Hoek"


def test_a_group_the_ranges_do_not_draw_says_so(shared_run) -> None:  # type: ignore[no-untyped-def]
    _, _, _, _, res = shared_run
    text = " ".join(n.render("en") for n in res.notes)
    assert "samen.lokaal_dienstencentrum: no range" in text
    ldc = res.plans[("samen.lokaal_dienstencentrum", 1)]
    assert "share_covered_p05" not in ldc.covered or ldc.covered["share_covered_p05"].isna().all()


def test_published_sharing_marks_and_withholds(shared_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config, data, analysis, acc, res = shared_run
    pub = publish.protect(config, data, analysis, acc, res)
    assert pub.planning is not None
    write._write_planning(config, pub.planning, tmp_path)
    plans = pd.read_csv(tmp_path / "plans.csv").set_index("question")
    assert bool(plans.loc["samen.lokaal_dienstencentrum", "shared"]) is True
    assert bool(plans.loc["samen.buurtcentrum", "shared"]) is False
    assert plans.loc["samen.lokaal_dienstencentrum", "source"] == "other_facility"
    sharing = pd.read_csv(tmp_path / "plan_sharing.csv")
    # the LDC's 50 = A00's 30 + A03's 20: A00's 65+ is withheld (it would give A01's 3)
    ldc = sharing[sharing["facility_type"] == "lokaal_dienstencentrum"]
    assert ldc["pop_covered"].isna().all()
    assert ldc["pop_lost"].isna().all()
    # 140 = A00's 100 + A03's 40, A03 is public: withheld, and its loss with it
    two = sharing[(sharing["facility_type"] == "buurtcentrum") & (sharing["min_shared"] == 2)]
    assert two["pop_covered"].isna().all()
    assert two["pop_lost"].isna().all()
    # the same site set has the same decision in plans.csv and plan_sharing.csv
    one = sharing[(sharing["facility_type"] == "buurtcentrum") & (sharing["min_shared"] == 1)]
    assert one["pop_covered"].tolist() == [plans.loc["samen.buurtcentrum", "pop_covered"]] == [300]
    lines = "\n".join(_plan_lines(config, _sources(config), pub.planning, "nl"))
    assert "Het Hoekje (gedeeld gebouw)" in lines
    assert "Gedeeld gebruik (samen), gedeelde gebouwen: 2" in lines
    assert "(in Het Hoekje; LDC Hoek)" in lines


@pytest.mark.parametrize(
    ("joint", "message"),
    [
        ({"types": [BC, BC]}, "the two types must differ"),
        ({"types": [BC, LDC], "min_shared": 3}, "min_shared = 3 exceeds the new sites"),
        ({"types": [BC]}, "at least 2 items"),
        (
            {"types": [{**BC, "p": 0}, {**LDC, "p": 0}]},
            "give at least one new site",
        ),
    ],
)
def test_a_joint_question_that_cannot_be_asked(joint: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        tiny_config(
            **ACCESS,
            plan={"candidates": ["sectors"], "joint": [{"name": "j", **joint}]},
            facilities=FACILITIES,
        )


def test_checks_name_the_joint_questions_problems() -> None:
    config = tiny_config(
        **ACCESS,
        plan={
            "candidates": ["sectors"],
            "questions": [{"name": "samen.buurtcentrum", "facility_type": "buurtcentrum"}],
            "joint": [
                {
                    "name": "samen",
                    "types": [BC, {**LDC, "facility_type": "ldc", "target_group": "pop_kids"}],
                }
            ],
        },
        facilities=FACILITIES,
    )
    with pytest.raises(SchemaError) as err:
        checks._check_sources(config, _sources(config), "tiny")
    text = str(err.value)
    assert "names repeat" in text
    assert "<name>.<facility_type>" in text
    assert "plan.joint[0].types[1] (samen).facility_type 'ldc' is not a type" in text
    assert "target_group 'pop_kids' is not one of [target_groups]" in text


def test_a_joint_question_without_sharing_is_the_free_optimum() -> None:
    config = _config()
    *_, res = _run(config)
    # without a requirement the best LDC is still on A00, and Het Hoekje is as good as
    # the sector's own point: the same coverage, shared or not
    ldc = res.plans[("samen.lokaal_dienstencentrum", 1)]
    assert ldc.covered.loc["pop_65plus", "covered"] == pytest.approx(50)
    assert res.plans[("samen.buurtcentrum", 1)].covered.loc["pop_total", "covered"] == 300


@pytest.mark.parametrize(
    ("facility_type", "given", "need", "has_index", "expected"),
    [
        ("buurtcentrum", None, "index", True, True),  # buurtwerk, with the study's index
        ("buurtcentrum", None, "index", False, False),  # no index: no default weighting
        ("buurtcentrum", None, "share_65plus", True, False),  # need is not deprivation
        ("lokaal_dienstencentrum", None, "index", True, False),  # every older resident
        ("lokaal_dienstencentrum", True, "index", True, True),  # asked for
        ("buurtcentrum", False, "index", True, False),  # declined
    ],
)
def test_buurtwerk_plans_weigh_need_by_default(
    facility_type: str, given: bool | None, need: str, has_index: bool, expected: bool
) -> None:
    from wijkanalyse.study.config import PlanQuestion, weighted_by_need

    q = PlanQuestion(name="q", facility_type=facility_type, need_weighted=given)
    assert weighted_by_need(q, need, has_index) is expected


def test_a_sector_of_unknown_need_counts_with_its_wijks_median() -> None:
    config = tiny_config(**ACCESS)
    data = tiny_data(config)
    analysis = analyse_step.analyse(AnalyseSlice.of(config), data)
    sectors = analysis.indicators["sectors"].copy()
    sectors.loc["24062A03-", "share_65plus"] = float("nan")  # say, withheld
    analysis = dataclasses.replace(analysis, indicators={**analysis.indicators, "sectors": sectors})
    from wijkanalyse.access import demand_points
    from wijkanalyse.study.slices import NeedSlice

    demand = demand_points(data.sectors, as_point="representative_point")
    notes: list = []
    need = planning_step._plan_need(NeedSlice.of(config), analysis, demand, notes, "bc")
    # share 65+: A00 30 %, A01 withheld (3 persons), A02 20 %, A03 set unknown above:
    # ranks among the known A00 1, A02 1/2; A01 takes W1's median (A00's 1), A03 W2's (1/2)
    assert need.loc["24062A00-"] == pytest.approx(1.0)
    assert need.loc["24062A02-"] == pytest.approx(0.5)
    assert need.loc["24062A01-"] == pytest.approx(1.0)
    assert need.loc["24062A03-"] == pytest.approx(0.5)
    assert "unknown for 2 populated sectors (24062A01-, 24062A03-)" in notes[0].render("en")


@pytest.mark.parametrize(("distance", "within"), [(500.0, 290), (1500.0, 390)])
def test_the_distance_benchmark_by_hand(distance: float, within: int) -> None:
    # LDC Hoek on A03: A03 at 0 m, A01 and A02 at 400 m along the streets, A00 at 800 m
    config = tiny_config(
        **ACCESS,
        plan={
            "candidates": ["sectors"],
            "distance_m": distance,
            "joint": [{"name": "samen", "types": [BC, LDC]}],
        },
        facilities=FACILITIES,
    )
    data, analysis, acc, res = _run(config)
    row = res.norms.set_index("facility_type").loc["lokaal_dienstencentrum"]
    assert row["pop_within_distance"] == within
    assert row["share_within_distance"] == pytest.approx(within / 390)
    assert row["registered"] == 1
    pub = publish.protect(config, data, analysis, acc, res)
    assert pub.planning is not None
    shown = pub.planning.norms.set_index("facility_type").loc["lokaal_dienstencentrum"]
    if within == 390:  # everyone: the public total
        assert shown["pop_within_distance"] == 390
    else:  # 390 minus A00's 100, which is withheld next to A01's 3 aged 65+
        assert pd.isna(shown["pop_within_distance"])
        assert pd.isna(shown["share_within_distance"])
    lines = "\n".join(_plan_lines(config, _sources(config), pub.planning, "nl"))
    m = _i18n.fmt_count(distance, "nl")
    assert f"Binnen {m} m wandelen van een lokaal dienstencentrum: Leuven " in lines


def test_a_plan_that_reaches_only_its_own_point_says_so(shared_run) -> None:  # type: ignore[no-untyped-def]
    _, _, _, _, res = shared_run
    text = " ".join(n.render("en") for n in res.notes)
    # 1 minute from a sector's own point reaches that sector at distance 0, nobody else
    assert "samen.buurtcentrum (p = 1): the new site reaches only the residents on the site" in (
        text
    )


@pytest.mark.parametrize("today", [True, False])
def test_a_plan_is_labelled_only_when_it_reaches_just_its_own_point(today: bool) -> None:
    from test_study_steps import PLAN

    config = tiny_config(**ACCESS, **PLAN)
    data = tiny_data(config)
    if not today:  # Het Hoekje only planned: the new one serves corners 400 m away too
        data = dataclasses.replace(data, facilities=data.facilities.assign(status="planned"))
    analysis = analyse_step.analyse(AnalyseSlice.of(config), data)
    acc = access_step.accessibility(AccessSlice.of(config), data, analysis)
    res = planning_step.planning(PlanSlice.of(config), data, acc, analysis)
    assert res is not None
    served = res.plans[("bc", 1)].assignment
    labelled = any("only the residents on the site" in n.render("en") for n in res.notes)
    # with Het Hoekje, the new site on A03's point serves only A03, at distance 0 (A01
    # and A02 are as near to Het Hoekje); without it, it serves three corners
    assert labelled is today
    new = served[served["site"] == res.plans[("bc", 1)].new_sites[0]]
    assert bool((new["minutes"] == 0).all()) is today
