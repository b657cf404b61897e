"""HiGHS plumbing: solve a MILP in matrix form, and the blocks several models share.

:func:`_highs` passes one sparse constraint matrix to ``highspy`` (no expression objects),
applies the solver limits of :mod:`wijkanalyse.settings` and translates HiGHS's status into
``optimal`` / ``time_limit`` or an error; :func:`_quiet_highs` keeps HiGHS's banner off the
standard output. The assignment models (capacitated coverage, p-median) build their columns
and rows with :func:`_pair_model`, :func:`_capacity_rows` and :func:`_budget_row`.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from wijkanalyse import settings
from wijkanalyse._errors import DataError, InfeasibleError, WijkanalyseError
from wijkanalyse.locate.problem import LocationProblem


@dataclass(frozen=True)
class _Solution:
    x: np.ndarray
    objective: float
    bound: float
    status: str
    gap: float
    seconds: float


def _highs(
    *,
    cost: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    integer: np.ndarray,
    matrix: sparse.csr_array,
    row_lower: np.ndarray,
    row_upper: np.ndarray,
    maximise: bool,
    time_limit: float | None,
    mip_gap: float | None,
    what: str,
) -> _Solution:
    """Solve one MILP in matrix form with HiGHS and translate its status."""
    try:
        import highspy
    except ImportError as exc:  # pragma: no cover - highspy is a dependency
        raise WijkanalyseError(
            "facility location needs highspy; install it with `pip install highspy`."
        ) from exc
    t0 = time.perf_counter()
    n_col = len(cost)
    h = _quiet_highs(highspy)
    limit = settings.solver_time_limit if time_limit is None else time_limit
    gap_opt = settings.solver_mip_gap if mip_gap is None else mip_gap
    if not (limit > 0):
        raise DataError(f"time_limit must be positive seconds, got {limit!r}.")
    if not (0 <= gap_opt < 1):
        raise DataError(f"mip_gap must lie in [0, 1), got {gap_opt!r}.")
    h.setOptionValue("time_limit", float(limit))
    h.setOptionValue("mip_rel_gap", float(gap_opt))
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = n_col
    lp.num_row_ = matrix.shape[0]
    lp.sense_ = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
    lp.col_cost_ = np.ascontiguousarray(cost, dtype=np.float64)
    lp.col_lower_ = np.ascontiguousarray(lower, dtype=np.float64)
    lp.col_upper_ = np.ascontiguousarray(upper, dtype=np.float64)
    lp.row_lower_ = np.where(np.isinf(row_lower), -inf, row_lower).astype(np.float64)
    lp.row_upper_ = np.where(np.isinf(row_upper), inf, row_upper).astype(np.float64)
    csr = sparse.csr_array(matrix)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = n_col
    lp.a_matrix_.num_row_ = matrix.shape[0]
    lp.a_matrix_.start_ = csr.indptr.astype(np.int32)
    lp.a_matrix_.index_ = csr.indices.astype(np.int32)
    lp.a_matrix_.value_ = csr.data.astype(np.float64)
    h.passModel(lp)
    ints = np.flatnonzero(integer).astype(np.int32)
    if len(ints):
        h.changeColsIntegrality(len(ints), ints, np.ones(len(ints), dtype=np.uint8))
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    seconds = time.perf_counter() - t0
    kind = highspy.HighsModelStatus
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    if status == kind.kOptimal:
        label = "optimal"
    elif status in (
        kind.kTimeLimit,
        kind.kInterrupt,
        kind.kSolutionLimit,
        kind.kIterationLimit,
    ):
        if not has_solution:
            raise InfeasibleError(
                f"{what}: the solver found no plan within the time limit of {limit:g} s; "
                "raise time_limit, or make the problem smaller (fewer candidates, a grid "
                "with a larger spacing)."
            )
        label = "time_limit"
    elif status == kind.kInfeasible:
        raise InfeasibleError(f"{what}: the constraints cannot all be met (HiGHS: infeasible).")
    else:
        raise WijkanalyseError(
            f"{what}: HiGHS stopped with status {h.modelStatusToString(status)}."
        )
    x = np.asarray(h.getSolution().col_value, dtype=float)
    obj = float(info.objective_function_value)
    if len(ints):
        bound = float(info.mip_dual_bound)
        gap = float(info.mip_gap) if label != "optimal" else max(0.0, float(info.mip_gap))
    else:
        bound, gap = obj, 0.0
    return _Solution(x=x, objective=obj, bound=bound, status=label, gap=gap, seconds=seconds)


_STDOUT_LOCK = threading.Lock()


def _quiet_highs(highspy: Any) -> Any:
    """Return a ``highspy.Highs`` that prints nothing, its banner included.

    ``highspy.Highs()`` (1.16) writes "Running HiGHS ... Copyright ..." to the C-level
    standard output while it is being constructed: its ``__init__`` enables the callbacks,
    which logs the header before any option can be set. The constructor takes no options,
    ``Highs.silent()`` only sets ``output_flag`` afterwards, and HiGHS reads no environment
    variable. So for the construction alone file descriptor 1 points to the null device:
    under a lock (concurrent solves never interleave their redirections), with Python's
    buffered output flushed first, and restored in every case. HiGHS flushes what it writes,
    so nothing of the banner is left to escape later. Where fd 1 cannot be duplicated (no
    standard output at all), the solver is built as it is.
    """
    with _STDOUT_LOCK:
        try:
            saved = os.dup(1)
        except OSError:
            saved = -1
        try:
            if saved >= 0:
                if sys.stdout is not None:
                    sys.stdout.flush()
                null = os.open(os.devnull, os.O_WRONLY)
                try:
                    os.dup2(null, 1)
                finally:
                    os.close(null)
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
        finally:
            if saved >= 0:
                os.dup2(saved, 1)
                os.close(saved)
    return h


def _stack(blocks: Sequence[sparse.csr_array | sparse.coo_array]) -> sparse.csr_array:
    return sparse.csr_array(sparse.vstack(blocks, format="csr"))


# --------------------------------------------------------------------------- model blocks


def _pair_model(
    problem: LocationProblem,
    keep: np.ndarray,
    free: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, sparse.csr_array, np.ndarray]:
    """Columns for site-opening y (free sites) and assignment x (kept pairs).

    Returns the free-site positions, the pair indices, the rows ``x_k - y_j ≤ 0`` (pairs on
    free sites) and each site's column among the y (-1: not free).
    """
    free_idx = np.flatnonzero(free)
    col_of = np.full(problem.n_sites, -1, dtype=np.int64)
    col_of[free_idx] = np.arange(len(free_idx))
    pairs = np.flatnonzero(keep)
    n_y, n_x = len(free_idx), len(pairs)
    pc = problem.col[pairs]
    on_free = col_of[pc] >= 0
    k = np.flatnonzero(on_free)
    link = sparse.csr_array(
        (
            np.concatenate([np.ones(len(k)), -np.ones(len(k))]),
            (
                np.concatenate([np.arange(len(k)), np.arange(len(k))]),
                np.concatenate([n_y + k, col_of[pc[k]]]),
            ),
        ),
        shape=(len(k), n_y + n_x),
    )
    return free_idx, pairs, link, col_of


def _capacity_rows(
    problem: LocationProblem,
    pairs: np.ndarray,
    free_idx: np.ndarray,
    col_of: np.ndarray,
    fixed: np.ndarray,
) -> tuple[sparse.csr_array, np.ndarray]:
    """Σ_i load_i x_ij − C_j y_j ≤ 0 (free sites) and Σ_i load_i x_ij ≤ C_j (fixed sites)."""
    assert problem.capacity is not None
    n_y, n_x = len(free_idx), len(pairs)
    cap = problem.capacity
    limited = np.flatnonzero(np.isfinite(cap))
    site_row = np.full(problem.n_sites, -1, dtype=np.int64)
    site_row[limited] = np.arange(len(limited))
    pc = problem.col[pairs]
    k = np.flatnonzero(site_row[pc] >= 0)
    data = [problem.load[problem.row[pairs[k]]]]
    rr = [site_row[pc[k]]]
    cc = [n_y + k]
    upper = np.zeros(len(limited))
    lim_free = limited[col_of[limited] >= 0]
    data.append(-cap[lim_free])
    rr.append(site_row[lim_free])
    cc.append(col_of[lim_free])
    lim_fixed = limited[fixed[limited]]
    upper[site_row[lim_fixed]] = cap[lim_fixed]
    # existing sites that may not be used (closed and not free) never get load: pairs to
    # them were not kept, so no row entries exist.
    mat = sparse.csr_array(
        (np.concatenate(data), (np.concatenate(rr), np.concatenate(cc))),
        shape=(len(limited), n_y + n_x),
    )
    return mat, upper


def _budget_row(
    problem: LocationProblem, free_idx: np.ndarray, n_x: int, p: int, allow_closing: bool
) -> tuple[sparse.csr_array, float]:
    cols = np.ones(len(free_idx)) if allow_closing else (~problem.existing[free_idx]).astype(float)
    row = sparse.csr_array(np.concatenate([cols, np.zeros(n_x)])[None, :])
    return row, p + (int(problem.existing.sum()) if allow_closing else 0)


def _open_from(sol: _Solution, free_idx: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    open_sites = fixed.copy()
    open_sites[free_idx[sol.x[: len(free_idx)] > 0.5]] = True
    return open_sites
