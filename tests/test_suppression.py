"""Disclosure control (wijkanalyse.suppression) on tiny tables computed by hand."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from wijkanalyse import suppression
from wijkanalyse._errors import SchemaError
from wijkanalyse.suppression import (
    COMPLEMENTARY,
    DERIVED,
    SMALL_COUNT,
    Ledger,
    Request,
    find_partitions,
    mask_derived,
)


def _why(values: object) -> list[str | None]:
    return [v if isinstance(v, str) else None for v in values]  # type: ignore[attr-defined]


def _ones(*sectors: str) -> pd.Series:
    return pd.Series(1.0, index=list(sectors))


def test_suppress_counts_primary_only() -> None:
    frame = pd.DataFrame({"pop_total": [120, 3, 0], "pop_65plus": [20, 1, 0]})
    out = suppression.suppress_counts(frame, threshold=5)
    assert out["pop_total"].isna().tolist() == [False, True, True]
    assert _why(out["pop_65plus_suppressed_reason"]) == [None, SMALL_COUNT, SMALL_COUNT]
    kept = suppression.suppress_counts(frame, ["pop_total"], threshold=5, keep_zero=True)
    assert kept["pop_total"].tolist()[2] == 0
    with pytest.raises(SchemaError, match="no column 'pop_x'"):
        suppression.suppress_counts(frame, ["pop_x"])


def test_find_partitions() -> None:
    df = pd.DataFrame(
        {"pop_total": [10, 7], "pop_65plus": [4, 2], "pop_under65": [6, 5], "pop_x": [1, 1]}
    )
    assert find_partitions(df) == [("pop_total", ("pop_65plus", "pop_under65"))]


def test_lone_small_sector_gets_a_complement() -> None:
    # W = s1 + s2 + s3 is published; s1 = 3 alone would be W - s2 - s3
    counts = pd.DataFrame({"pop_65plus": [3, 40, 60]}, index=["s1", "s2", "s3"])
    led = Ledger(counts, groups={"wijk": {"W": ["s1", "s2", "s3"]}}, threshold=5)
    assert _why(led.reasons()["pop_65plus"]) == [SMALL_COUNT, COMPLEMENTARY, None]
    assert led.published()["pop_65plus"].tolist()[2] == 60
    assert led.group_reason("wijk", "W", "pop_65plus") is None


def test_two_small_sectors_below_threshold_together_get_a_third() -> None:
    # s1 + s2 = 4 would be W minus s3 and s4: still a small count, so s3 (the smaller) goes
    counts = pd.DataFrame({"pop_total": [1, 3, 50, 70]}, index=["s1", "s2", "s3", "s4"])
    led = Ledger(counts, groups={"wijk": {"W": ["s1", "s2", "s3", "s4"]}}, threshold=5)
    assert _why(led.reasons()["pop_total"]) == [SMALL_COUNT, SMALL_COUNT, COMPLEMENTARY, None]


def test_zero_is_published() -> None:
    counts = pd.DataFrame({"pop_65plus": [0, 40, 60]}, index=["s1", "s2", "s3"])
    led = Ledger(counts, groups={"wijk": {"W": ["s1", "s2", "s3"]}}, threshold=5)
    assert led.reasons()["pop_65plus"].isna().all()


def test_one_small_count_withholds_the_whole_sector() -> None:
    # total 19 and under-65 15 published would give 65+ = 4
    counts = pd.DataFrame(
        {"pop_total": [19, 300, 400], "pop_65plus": [4, 60, 80], "pop_under65": [15, 240, 320]},
        index=["a", "b", "c"],
    )
    led = Ledger(counts, groups={"wijk": {"W": ["a", "b", "c"]}}, threshold=5)
    reasons = led.reasons()
    assert _why(reasons.loc["a"]) == [COMPLEMENTARY, SMALL_COUNT, COMPLEMENTARY]
    assert _why(reasons.loc["b"]) == [COMPLEMENTARY] * 3  # the wijk's complement
    assert reasons.loc["c"].isna().all()


def test_lone_withheld_wijk_gets_a_sibling() -> None:
    # wijk V is a single sector with 3 persons: withheld, and V = gemeente - W - X, so one
    # more wijk total goes; W (which holds a withheld sector) is preferred over X
    counts = pd.DataFrame(
        {"pop_total": [3, 2, 30, 40, 500, 600]}, index=["v1", "w1", "w2", "w3", "x1", "x2"]
    )
    groups = {
        "wijk": {"V": ["v1"], "W": ["w1", "w2", "w3"], "X": ["x1", "x2"]},
        "gemeente": {"G": ["v1", "w1", "w2", "w3", "x1", "x2"]},
    }
    led = Ledger(counts, groups=groups, threshold=5)
    assert led.group_reason("wijk", "V", "pop_total") == SMALL_COUNT
    assert led.group_reason("wijk", "W", "pop_total") == COMPLEMENTARY
    assert led.group_reason("wijk", "X", "pop_total") is None
    assert led.group_reason("gemeente", "G", "pop_total") is None  # public: never withheld
    assert _why(led.reasons()["pop_total"]) == [
        SMALL_COUNT,
        SMALL_COUNT,
        COMPLEMENTARY,
        None,
        None,
        None,
    ]


def test_mask_cells_and_groups() -> None:
    counts = pd.DataFrame({"pop_total": [3, 40, 60]}, index=["s1", "s2", "s3"])
    led = Ledger(counts, groups={"wijk": {"W": ["s1", "s2", "s3"], "V": ["s3"]}}, threshold=5)
    table = counts.assign(name=["a", "b", "c"])
    out = led.mask_cells(table)
    assert out["pop_total"].isna().tolist() == [True, True, False]
    assert _why(out["pop_total_suppressed_reason"]) == [SMALL_COUNT, COMPLEMENTARY, None]
    wijken = pd.DataFrame({"pop_total": [103, 60]}, index=["W", "V"])
    assert led.mask_groups(wijken, "wijk")["pop_total"].tolist() == [103, 60]


def test_release_refuses_small_counts_and_what_gives_a_cell_away() -> None:
    counts = pd.DataFrame({"pop_total": [3, 40, 60, 80]}, index=["s1", "s2", "s3", "s4"])
    led = Ledger(counts, groups={"wijk": {"W": ["s1", "s2", "s3", "s4"]}}, threshold=5)
    assert _why(led.reasons()["pop_total"]) == [SMALL_COUNT, COMPLEMENTARY, None, None]
    reasons = led.release(
        [
            Request("pop_total", _ones("s1")),  # 3 persons within reach: small
            Request("pop_total", _ones("s1", "s3")),  # 63, but 63 - s3 = 3: its withheld part
            Request("pop_total", _ones("s2", "s3")),  # 100: gives s2, and with W, s1
            Request("pop_total", _ones("s1", "s2", "s3")),  # 103: s1 + s2 is W - s4 anyway
            Request("pop_total", _ones("s3", "s4")),  # only published sectors
            Request("pop_total", _ones("s3") * 0),  # nobody: zero is published
            Request("pop_other", _ones("s1")),  # not a ledger count: published as is
        ]
    )
    assert reasons == [SMALL_COUNT, SMALL_COUNT, COMPLEMENTARY, None, None, None, None]


def test_release_sees_differences_whatever_the_order() -> None:
    # before: s2 + s3 covered (100), after: s1 + s2 + s3 (103): the change is s1 = 3
    counts = pd.DataFrame({"pop_total": [3, 40, 60, 80]}, index=["s1", "s2", "s3", "s4"])
    groups = {"wijk": {"W": ["s1", "s2"], "X": ["s3", "s4"]}}
    led = Ledger(counts, groups=groups, threshold=5)
    change = pd.Series({"s1": 1.0})
    reasons = led.release(
        [
            Request("pop_total", _ones("s1", "s2", "s3")),  # after, asked first
            Request("pop_total", _ones("s2", "s3")),  # before
            Request("pop_total", change),  # the change: 3 people
        ]
    )
    assert reasons[2] == SMALL_COUNT
    # 'after' alone is fine, but 'before' would then give the change away
    assert reasons[:2] == [None, COMPLEMENTARY]


def test_mask_derived() -> None:
    frame = pd.DataFrame({"share": [0.5, 0.2, np.nan], "n": [10, 20, 30]})
    out = mask_derived(frame, np.array([True, False, True]), ["share", "missing"])
    assert out["share"].isna().tolist() == [True, False, True]
    assert _why(out["share_suppressed_reason"]) == [DERIVED, None, None]


def test_ledger_on_many_random_tables_leaves_no_cell_derivable() -> None:
    rng = np.random.default_rng(7)
    for _ in range(30):
        n = int(rng.integers(3, 25))
        old = rng.integers(0, 40, n) * (rng.random(n) < 0.7) + rng.integers(0, 5, n)
        young = rng.integers(0, 300, n) * (rng.random(n) < 0.8) + rng.integers(0, 5, n)
        counts = pd.DataFrame(
            {"pop_total": old + young, "pop_65plus": old, "pop_under65": young},
            index=[f"s{i}" for i in range(n)],
        )
        wijk = rng.integers(0, max(2, n // 4), n)
        area = [f"s{i}" for i in range(n) if rng.random() < 0.3]
        groups = {
            "wijk": {f"W{w}": [f"s{i}" for i in range(n) if wijk[i] == w] for w in set(wijk)},
            "gemeente": {"G": list(counts.index)},
            "area": {"A": area} if area else {},
        }
        led = Ledger(counts, groups=groups, threshold=5)
        pub = led.published()
        # nothing small can be read
        shown = pub.to_numpy()[~np.isnan(pub.to_numpy())]
        assert not ((shown > 0) & (shown < 5)).any()
        # and nothing withheld is determined by the published totals and identities
        held = [(s, c) for s in pub.index for c in pub.columns if np.isnan(pub.loc[s, c])]
        if not held:
            continue
        pos = {h: k for k, h in enumerate(held)}
        rows = []
        for level, units in groups.items():
            for unit, members in units.items():
                for c in pub.columns:
                    if led.group_reason(level, unit, c) is None:
                        row = np.zeros(len(held))
                        for s in members:
                            if (s, c) in pos:
                                row[pos[(s, c)]] = 1
                        rows.append(row)
        for s in pub.index:
            row = np.zeros(len(held))
            for c, sign in (("pop_total", 1), ("pop_65plus", -1), ("pop_under65", -1)):
                if (s, c) in pos:
                    row[pos[(s, c)]] = sign
            rows.append(row)
        a = np.array(rows)
        rank = np.linalg.matrix_rank(a)
        for k in range(len(held)):
            unit = np.zeros(len(held))
            unit[k] = 1
            assert np.linalg.matrix_rank(np.vstack([a, unit])) > rank, held[k]


def test_rates_made_from_a_withheld_count_are_withheld() -> None:
    # with sector polygons, density × area gave a withheld sector's population back
    from wijkanalyse.study import Analysis, _masks

    counts = pd.DataFrame({"pop_total": [4, 400, 600]}, index=["s1", "s2", "s3"])
    led = Ledger(counts, groups={"wijk": {"W": ["s1", "s2", "s3"]}}, threshold=5)
    table = pd.DataFrame(
        {
            "level": "sector",
            "pop_total": [4, 400, 600],
            "density": [400.0, 4000.0, 6000.0],  # per km², the sectors are 1 ha each
            "persons_per_connection": [4 / 280, 400 / 180, 600 / 250],
            "income_median": [20000.0, 30000.0, 40000.0],
        },
        index=pd.Index(["s1", "s2", "s3"], name="sector"),
    )
    defs = pd.DataFrame(
        {
            "kind": ["count", "ratio", "ratio", "weighted_median"],
            "numerator": ["pop_total", "pop_total", "pop_total", "income_median"],
            "denominator": [np.nan, "area_m2", "elek_res_n", np.nan],
        },
        index=["pop_total", "density", "persons_per_connection", "income_median"],
    )
    analysis = Analysis(inputs=None, indicators={"sectors": table}, definitions=defs, index={})  # type: ignore[arg-type]
    out = _masks._indicator_tables(analysis, led, None)["sectors"]  # type: ignore[arg-type]
    assert out["pop_total"].isna().tolist() == [True, True, False]
    for col in ("density", "persons_per_connection"):
        assert out[col].isna().tolist() == [True, True, False], col
        assert _why(out[f"{col}_suppressed_reason"]) == [DERIVED, DERIVED, None]
    assert out["income_median"].notna().all()  # not computed from a count


_REASON_ORDER = """
import pandas as pd
from wijkanalyse.indicators.suppression import Ledger
from wijkanalyse.study import Analysis, _masks

cols = ["pop_total", "pop_65plus", "pop_0_17", "pop_18_64"]
counts = pd.DataFrame({c: [3, 40, 50] for c in cols}, index=["s1", "s2", "s3"])
led = Ledger(counts, groups={"wijk": {"W": ["s1", "s2", "s3"]}}, threshold=5)
table = counts.assign(level="wijk").iloc[[0]].set_axis(pd.Index(["W"], name="wijk"))
defs = pd.DataFrame({"kind": ["count"] * 4}, index=cols)
analysis = Analysis(inputs=None, indicators={"wijken": table}, definitions=defs, index={})
led.release([])
out = _masks._indicator_tables(analysis, led, None)["wijken"]
print(",".join(c for c in out.columns if c.endswith("_suppressed_reason")))
"""


def test_reason_columns_do_not_depend_on_string_hashing() -> None:
    # the order of the *_suppressed_reason columns followed a set's iteration order, so two
    # runs of the same study could write their columns in a different order
    orders = set()
    for seed in ("0", "1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", _REASON_ORDER],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        orders.add(done.stdout.strip())
    assert len(orders) == 1, orders
