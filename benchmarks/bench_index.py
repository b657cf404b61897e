"""Time the index Monte Carlo over every statistical sector of Flanders (mirror data).

Run from the checkout:  python benchmarks/bench_index.py [--draws 10000]

It builds the sector indicators of all 2024 sectors of the Flemish Region from the real
census, income, Fluvius and open-space files, computes the Leuven example's index and then
times the sensitivity analysis. For scale it also times a straightforward per-draw loop
(recompute the index with pandas for each draw) on a few draws and prints the ratio.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import numpy as np

from wijkanalyse import areas, indicators
from wijkanalyse.index import IndexSpec, compute_index, sensitivity
from wijkanalyse.study import Study

SPEC_FROM = "examples/leuven.toml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--naive-draws", type=int, default=20)
    args = parser.parse_args()

    t0 = time.perf_counter()
    sectors = areas.load_sectors(areas.flemish_municipalities(), geometry=None)
    inputs = indicators.sector_inputs(sectors)
    values = indicators.compute(inputs)
    values = values[~values.index.str.endswith("ZZZZ")]
    t_ind = time.perf_counter() - t0
    spec = Study.from_toml(SPEC_FROM).index_spec()
    assert spec is not None
    base = compute_index(values, spec).table
    n = int(base["score"].notna().sum())
    print(f"sectors of Flanders: {len(values)} ({n} with a score); indicators in {t_ind:.1f} s")

    tracemalloc.start()
    t0 = time.perf_counter()
    mc = sensitivity(values, spec, draws=args.draws, seed=1, progress=True)
    t_mc = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"wijkanalyse.sensitivity: {args.draws} draws × {n} sectors in {t_mc:.2f} s "
        f"({args.draws / t_mc:,.0f} draws/s), peak traced memory {peak / 2**20:.0f} MiB"
    )

    # the straightforward alternative: one full index computation per draw
    rng = np.random.default_rng(1)
    w = np.array([d.weight for d in spec.domains])
    t0 = time.perf_counter()
    for _ in range(args.naive_draws):
        weights = rng.dirichlet(w / w.sum() * 50)
        drawn = IndexSpec(
            domains=tuple(
                type(d)(name=d.name, weight=float(x), indicators=d.indicators)
                for d, x in zip(spec.domains, weights, strict=True)
            ),
            normalisation=str(rng.choice(["zscore", "rank", "minmax"])),  # type: ignore[arg-type]
            transform=spec.transform,
            missing=spec.missing,
        )
        compute_index(values, drawn).table["score"].rank(ascending=False)
    t_naive = (time.perf_counter() - t0) / args.naive_draws * args.draws
    print(
        f"per-draw recomputation (extrapolated from {args.naive_draws} draws): "
        f"{t_naive:.1f} s for {args.draws} draws; ratio {t_naive / t_mc:.0f}×"
    )
    width = (mc["rank_p95"] - mc["rank_p05"]).dropna()
    print(
        f"rank interval width (p95 - p05) over sectors: median {width.median():.0f}, "
        f"90th percentile {width.quantile(0.9):.0f} of {n} ranks"
    )


if __name__ == "__main__":
    main()
