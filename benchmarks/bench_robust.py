"""Benchmarks of the robust plans: the Leuven LDC question across 200 draws.

``robust``: the example's first planning question (new lokale dienstencentra, 65+ within 10
minutes, p = 3, the example's 862 candidates: sector centroids and network nodes every
250 m), on the access draws of the example (street points and grid, 200 draws of the
walking speed, the detour and the centres' positions). Measured:

* building the question across the draws (:func:`wijkanalyse.locate.draw_cover`);
* the expected, worst-case and 5 % quantile objectives (:func:`robust_mclp`, exact; target
  for all of it: under 60 s) and the selection frequency (an exact MCLP per draw);
* side by side with spopt + CBC where spopt can express the model: the expected objective
  is one MCLP over the pooled demand units of all draws (spopt gets the same pooled units
  as a dense cost matrix, for the first 50 draws, on ``--quick`` 20), and the selection frequency
  is one spopt MCLP per draw (measured on a few draws, extrapolated to 200). spopt has no
  worst-case or quantile objective.
"""

from __future__ import annotations

import math
import time
import tracemalloc
import warnings
from typing import Any

import numpy as np

from benchmarks.bench_ranges import Path_examples
from benchmarks.run import Row

P = 3


def _leuven_question() -> tuple[Any, Any, Any, Any, Any]:
    """The example's study, data, access results, candidates and existing LDCs."""
    from wijkanalyse import access, vocab
    from wijkanalyse.study import Study
    from wijkanalyse.study import planning as _planning
    from wijkanalyse.study.slices import PlanSlice

    study = Study.from_toml(Path_examples() / "leuven.toml")
    data = study.load()
    acc = study.accessibility(data, study.analyse(data))
    centroids = access.demand_points(data.sectors, as_point="representative_point")
    cand, _ = _planning._candidate_sites(PlanSlice.of(study.config), data, centroids, acc.model)
    fac = data.facilities
    existing = fac[
        (fac["type"] == "lokaal_dienstencentrum")
        & (fac["status"].fillna(vocab.EXISTING) == vocab.EXISTING)
    ]
    return data, acc, centroids, cand, existing


def _leuven_cover() -> Any:
    from wijkanalyse import locate

    _, acc, _, cand, existing = _leuven_question()

    def build() -> Any:
        return locate.draw_cover(
            acc.model,
            acc.draws,
            existing,
            cand,
            facility_type="lokaal_dienstencentrum",
            target_group="pop_65plus",
            max_minutes=10.0,
        )

    return build


def _spopt_mclp(mat: Any, weight: np.ndarray, p: int, limit: float) -> tuple[float, bool]:
    """spopt's MCLP on a 0/1 covering matrix (dense cost: 0 within reach, 2 beyond)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import cbcbox
        import pulp
        from spopt.locate import MCLP

        cost = np.where(mat.toarray(), 0.0, 2.0)
        model = MCLP.from_cost_matrix(cost, weight, service_radius=1.0, p_facilities=p)
        solver = pulp.COIN_CMD(path=cbcbox.cbc_bin_path(), msg=False, timeLimit=limit)
        model.solve(solver)
        ok = pulp.LpStatus[model.problem.status] == "Optimal"
        return float(pulp.value(model.problem.objective)), ok


def case_robust(quick: bool) -> list[Row]:
    """Robust MCLP for Leuven: 200 draws, three objectives, selection frequency, spopt."""
    from wijkanalyse.locate import _cover, robust_mclp, selection_frequency
    from wijkanalyse.locate.draws import CoverDraws

    build = _leuven_cover()
    tracemalloc.start()
    t0 = time.perf_counter()
    cover = build()
    t_build = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    label = f"LDC 65+ {cover.n_draws}×{cover.n_sites} p={P}"
    rows = [Row("robust build", label, "wijkanalyse draw_cover", t_build, 1.0, "–", peak)]
    times = {}
    plans = {}
    for objective in ("expected", "worst", "quantile"):
        t0 = time.perf_counter()
        plans[objective] = robust_mclp(cover, p=P, objective=objective)  # type: ignore[arg-type]
        times[objective] = time.perf_counter() - t0
        plan = plans[objective]
        rows.append(
            Row(
                f"robust {objective}",
                label,
                "wijkanalyse (branch and bound)",
                times[objective],
                1.0,
                f"{plan.status} ({plan.value:.6g}); sites {' '.join(plan.sites)}",
            )
        )
    t0 = time.perf_counter()
    freq = selection_frequency(cover, p=P)
    t_freq = time.perf_counter() - t0
    top = ", ".join(f"{s} {v:.0%}" for s, v in freq.top(4).items())
    rows.append(Row("robust frequency", label, "wijkanalyse", t_freq, 1.0, top))
    total = t_build + sum(times.values()) + t_freq
    rows.append(Row("robust total", label, "wijkanalyse", total, 1.0, f"target 60 s: {total < 60}"))
    # spopt: the expected objective as one MCLP over the pooled units of the draws
    # spopt builds a dense cost matrix and one PuLP constraint per unit: 50 draws at most
    n_peer = 20 if quick else 50
    sub = CoverDraws(
        sites=cover.sites,
        cover=cover.cover[:n_peer],
        weight=cover.weight[:n_peer],
        load=cover.load[:n_peer],
        base_weight=cover.base_weight[:n_peer],
        base_load=cover.base_load[:n_peer],
        total_weight=cover.total_weight[:n_peer],
        total_load=cover.total_load[:n_peer],
        max_minutes=cover.max_minutes,
    )
    from scipy import sparse

    t0 = time.perf_counter()
    ours_sub = robust_mclp(sub, p=P)
    t_ours_sub = time.perf_counter() - t0
    stacked = sparse.csr_array(sparse.vstack(sub.cover, format="csr"))
    pooled, (w,), _ = _cover.pool_rows(stacked, np.concatenate(sub.weight) / sub.n_draws)
    size = f"{n_peer} draws, {pooled.shape[0]}×{sub.n_sites}"
    rows.append(Row("robust expected", size, "wijkanalyse", t_ours_sub, 1.0, "–"))
    limit = 120.0 if quick else 600.0
    t0 = time.perf_counter()
    try:
        v_sp, ok_sp = _spopt_mclp(pooled, w, P, limit)
    except MemoryError:  # pragma: no cover - depends on the machine
        v_sp, ok_sp = math.nan, False
    t_sp = time.perf_counter() - t0
    v_ours = ours_sub.value - float(sub.base_weight.mean())
    if ok_sp:
        agree = f"{'yes' if math.isclose(v_sp, v_ours, rel_tol=1e-9) else 'NO'} ({v_sp:.8g})"
    else:
        agree = f"spopt stopped at {limit:g} s ({v_sp:.8g}); ratio is a lower bound"
    rows.append(Row("robust expected", size, "spopt (PuLP + CBC)", t_sp, t_sp / t_ours_sub, agree))
    # spopt: the selection frequency, one MCLP per draw
    n_call = 2 if quick else 5
    t0 = time.perf_counter()
    same = 0
    for d in range(n_call):
        v, _ = _spopt_mclp(cover.cover[d], cover.weight[d], P, limit)
        mine = cover.covered(list(freq.plans[d]))[0][d] - cover.base_weight[d]
        same += math.isclose(v, mine, rel_tol=1e-9)
    t_call = (time.perf_counter() - t0) / n_call * cover.n_draws
    rows.append(
        Row(
            "robust frequency",
            label,
            f"spopt per draw (×{cover.n_draws} from {n_call})",
            t_call,
            t_call / t_freq,
            f"same optimum in {same} of {n_call} draws",
        )
    )
    return rows


def case_front(quick: bool) -> list[Row]:
    """The 10-point efficiency–equity front of the Leuven LDC question; spopt's ends.

    On the example's street points (about 16 000) and on the sector centroids (118), with
    the 862 candidates and the 65+ at 3.24 km/h. spopt has no ε-constraint model; on the
    centroids its p-center and MCLP give the front's two ends (each one PuLP model), which
    are compared. On street points spopt's p-center would be 14 million assignment
    variables, so only ours runs there.
    """
    from wijkanalyse import locate
    from wijkanalyse.study.accessibility import model_at_speed

    _, acc, centroids, cand, existing = _leuven_question()
    model = model_at_speed(acc.model, 3.24)
    rows = []
    for label, demand in (("street points", acc.demand), ("sector centroids", centroids)):
        t0 = time.perf_counter()
        prob = locate.location_problem(
            demand,
            cand,
            network=model,
            existing=existing,
            weight="pop_65plus",
            target_groups=["pop_65plus"],
        )
        t_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        front = locate.equity_front(prob, p=P, max_minutes=10.0, points=10)
        t_front = time.perf_counter() - t0
        size = f"{label}: {prob.n_demand}×{prob.n_sites}"
        ends = (
            f"{len(front)} points, longest {front['longest_minutes'].iloc[0]:.1f}–"
            f"{front['longest_minutes'].iloc[-1]:.1f} min, covered "
            f"{front['covered'].iloc[0]:.0f}–{front['covered'].iloc[-1]:.0f}; "
            f"target 30 s: {t_front < 30}"
        )
        rows.append(Row("front build", size, "wijkanalyse location_problem", t_build, 1.0, "–"))
        rows.append(Row("front 10 points", size, "wijkanalyse (HiGHS)", t_front, 1.0, ends))
        if label != "sector centroids":
            continue
        cost = prob.to_dense().to_numpy()
        w = prob.weight
        ex = np.flatnonzero(prob.existing)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import cbcbox
            import pulp
            from spopt.locate import MCLP, PCenter

            solver = pulp.COIN_CMD(path=cbcbox.cbc_bin_path(), msg=False, timeLimit=600)
            t0 = time.perf_counter()
            pc = PCenter.from_cost_matrix(
                cost, p_facilities=P + len(ex), predefined_facilities_arr=ex
            )
            pc.solve(solver)
            mc = MCLP.from_cost_matrix(
                cost, w, service_radius=10.0, p_facilities=P + len(ex), predefined_facilities_arr=ex
            )
            mc.solve(solver)
            t_sp = time.perf_counter() - t0
        v_pc, v_mc = pulp.value(pc.problem.objective), pulp.value(mc.problem.objective)
        proven = all(
            pulp.LpStatus[m.problem.status] == "Optimal" and m.problem.sol_status == 1
            for m in (pc, mc)
        )
        same = math.isclose(v_pc, front["longest_minutes"].iloc[0], rel_tol=1e-6) and math.isclose(
            v_mc, front["covered"].iloc[-1], rel_tol=1e-9
        )
        if proven:
            agree = f"{'yes' if same else 'NO'} (p-center {v_pc:.3f} min, MCLP {v_mc:.0f})"
        else:
            agree = (
                f"spopt stopped at the time limit (p-center {v_pc:.3f} min against our proven "
                f"{front['longest_minutes'].iloc[0]:.3f}); ratio is a lower bound"
            )
        rows.append(
            Row(
                "front ends",
                size,
                "spopt p-center + MCLP (PuLP + CBC)",
                t_sp,
                t_sp / t_front,
                agree + "; spopt has no ε-constraint front",
            )
        )
    return rows
