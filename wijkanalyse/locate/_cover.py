"""The covering searches behind :mod:`wijkanalyse.locate.robust`.

* :func:`pool_rows` merges demand units that reach the same sites (exact for every
  covering objective);
* :func:`_max_cover` finds the ``p`` sites that cover the most weight: by branch and bound
  with the submodular bound of coverage (:func:`_cover_search`), with HiGHS as the
  fallback for a search that grows too large;
* :func:`_robust_search` does the same for the worst draw or a quantile of the draws, with
  a bound per draw; :func:`_restricted` is its HiGHS fallback (a model over some draws,
  used by the draw generation of :func:`wijkanalyse.locate.robust.robust_mclp`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from wijkanalyse.locate._highs import _highs, _stack

#: Nodes the branch and bound of one covering problem may visit before HiGHS takes over.
_NODE_LIMIT = 20_000


def pool_rows(
    cover: sparse.csr_array, *values: np.ndarray
) -> tuple[sparse.csr_array, list[np.ndarray], np.ndarray]:
    """Merge the rows of a 0/1 matrix that have the same columns; sum ``values`` over them.

    Rows without any column are left out. Returns the distinct rows (in the order of their
    first occurrence), the summed values per distinct row and, per input row, the distinct
    row it went to (-1: left out). Rows are grouped by two random 64-bit hashes of their
    columns and every group is then checked column by column, so the grouping is exact.
    """
    a = sparse.csr_array(cover)
    a.sum_duplicates()
    a.sort_indices()
    n, m = a.shape
    sizes = np.diff(a.indptr)
    rows = np.flatnonzero(sizes > 0)
    group = np.full(n, -1, dtype=np.int64)
    if not len(rows):
        empty = sparse.csr_array((0, m), dtype=bool)
        return empty, [np.zeros(0) for _ in values], group
    rng = np.random.default_rng(0x5EED)
    h1 = rng.integers(1, 2**63, size=m, dtype=np.uint64)
    h2 = rng.integers(1, 2**63, size=m, dtype=np.uint64)
    starts = a.indptr[rows]
    with np.errstate(over="ignore"):
        k1 = np.add.reduceat(h1[a.indices], starts)
        k2 = np.add.reduceat(h2[a.indices] * np.uint64(2654435761), starts)
    keys = np.column_stack([k1, k2, sizes[rows].astype(np.uint64)])
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    # number the distinct rows in the order of their first occurrence
    order = np.argsort(first, kind="stable")
    rank = np.empty(len(first), dtype=np.int64)
    rank[order] = np.arange(len(first))
    g = rank[inverse]
    rep = rows[np.sort(first)]  # representative input row of each distinct row
    # exact check: every row equals its group's representative, column by column
    r_rep = rep[g]
    length = sizes[rows]
    off = np.arange(int(length.sum())) - np.repeat(np.cumsum(length) - length, length)
    mine = a.indices[np.repeat(a.indptr[rows], length) + off]
    theirs = a.indices[np.repeat(a.indptr[r_rep], length) + off]
    if not np.array_equal(mine, theirs):  # pragma: no cover - a 128-bit hash collision
        return _pool_exact(a, rows, values)
    group[rows] = g
    sums = [np.bincount(g, weights=np.asarray(v, float)[rows], minlength=len(rep)) for v in values]
    return sparse.csr_array(a[rep], dtype=bool), sums, group


def _pool_exact(
    a: sparse.csr_array, rows: np.ndarray, values: Sequence[np.ndarray]
) -> tuple[sparse.csr_array, list[np.ndarray], np.ndarray]:  # pragma: no cover - fallback
    keys: dict[bytes, int] = {}
    group = np.full(a.shape[0], -1, dtype=np.int64)
    for i in rows:
        group[i] = keys.setdefault(a.indices[a.indptr[i] : a.indptr[i + 1]].tobytes(), len(keys))
    rep = np.full(len(keys), -1, dtype=np.int64)
    rep[group[rows][::-1]] = rows[::-1]
    sums = [
        np.bincount(group[rows], weights=np.asarray(v, float)[rows], minlength=len(keys))
        for v in values
    ]
    return sparse.csr_array(a[rep], dtype=bool), sums, group


def _max_cover(
    mat: sparse.csr_array,
    weight: np.ndarray,
    p: int,
    time_limit: float | None,
    mip_gap: float | None,
    what: str,
) -> tuple[np.ndarray, float, float, str, float]:
    """Solve max Σ w z s.t. z ≤ A y, Σ y ≤ p (y binary); return y, objective, bound, ….

    Exact, by branch and bound on the sites (:func:`_cover_search`); a search that needs
    more than :data:`_NODE_LIMIT` nodes is handed to HiGHS instead.
    """
    n_y = mat.shape[1]
    if mat.shape[0] == 0 or p == 0:
        return np.zeros(n_y, dtype=bool), 0.0, 0.0, "optimal", 0.0
    found = _cover_search(mat, weight, p, _NODE_LIMIT)
    if found is not None:
        value = _coverage(mat, weight, found)
        return found, value, value, "optimal", 0.0
    own, mat, weight = _singletons(mat, weight)
    n_g = mat.shape[0]
    a_cov = sparse.hstack(
        [-sparse.csr_array(mat, dtype=float), sparse.eye_array(n_g, format="csr")], format="csr"
    )
    a_budget = sparse.csr_array(np.concatenate([np.ones(n_y), np.zeros(n_g)])[None, :])
    sol = _highs(
        cost=np.concatenate([own, weight]),
        lower=np.zeros(n_y + n_g),
        upper=np.ones(n_y + n_g),
        integer=np.concatenate([np.ones(n_y, dtype=bool), np.zeros(n_g, dtype=bool)]),
        matrix=_stack([a_cov, a_budget]),
        row_lower=np.full(n_g + 1, -np.inf),
        row_upper=np.concatenate([np.zeros(n_g), [float(p)]]),
        maximise=True,
        time_limit=time_limit,
        mip_gap=mip_gap,
        what=what,
    )
    return sol.x[:n_y] > 0.5, sol.objective, sol.bound, sol.status, sol.gap


def _coverage(mat: sparse.csr_array, weight: np.ndarray, x: np.ndarray) -> float:
    hit = (sparse.csr_array(mat, dtype=float) @ x.astype(float)) > 0.5
    return float(np.asarray(weight, float)[hit].sum())


def _cover_search(
    mat: sparse.csr_array, weight: np.ndarray, p: int, node_limit: int
) -> np.ndarray | None:
    """Return the best ``p`` sites of a covering matrix (branch and bound); ``None``: too big.

    Coverage is submodular, so from a set ``S`` any ``r`` more sites add at most the ``r``
    largest marginal gains over ``S`` (Nemhauser, Wolsey & Fisher 1978). The search starts
    from the greedy plan, branches on the sites in decreasing order of their gain, leaves a
    branch's site out of the branches after it, and prunes every branch whose bound does
    not beat the best plan found. Exact; ties go to the plan found first.
    """
    a = sparse.csr_array(mat, dtype=float)
    n_g, m = a.shape
    w = np.asarray(weight, dtype=float)
    cols = sparse.csc_array(a)
    alone = cols.T @ w

    def gains(covered: np.ndarray) -> np.ndarray:
        if not covered.any():
            return alone.copy()
        return alone - a[np.flatnonzero(covered)].T @ w[covered]

    def reach(j: int) -> np.ndarray:
        out = np.zeros(n_g, dtype=bool)
        out[cols.indices[cols.indptr[j] : cols.indptr[j + 1]]] = True
        return out

    # the greedy plan: the first bound to beat
    covered = np.zeros(n_g, dtype=bool)
    chosen: list[int] = []
    value = 0.0
    for _ in range(p):
        d = gains(covered)
        j = int(np.argmax(d))
        if d[j] <= 1e-12:
            break
        chosen.append(j)
        value += float(d[j])
        covered |= reach(j)
    best_val = [value]
    best_set = [sorted(chosen)]
    nodes = [0]
    tol = 1e-9 * max(1.0, float(w.sum()))

    def branch(
        sel: list[int], covered: np.ndarray, val: float, r: int, allowed: np.ndarray
    ) -> bool:
        nodes[0] += 1
        if nodes[0] > node_limit:
            return False
        d = np.where(allowed, gains(covered), -1.0)
        order = np.argsort(-d, kind="stable")
        order = order[d[order] > 1e-12]
        gain = d[order]
        if r == 1:
            if len(order) and val + gain[0] > best_val[0] + tol:
                best_val[0], best_set[0] = val + float(gain[0]), sorted([*sel, int(order[0])])
            return True
        csum = np.concatenate([[0.0], np.cumsum(gain)])
        rest = allowed.copy()
        for i, j in enumerate(order):
            if val + csum[min(i + r, len(gain))] - csum[i] <= best_val[0] + tol:
                break
            rest[j] = False
            if not branch([*sel, int(j)], covered | reach(int(j)), val + gain[i], r - 1, rest):
                return False
        return True

    if not branch([], np.zeros(n_g, dtype=bool), 0.0, p, np.ones(m, dtype=bool)):
        return None
    x = np.zeros(m, dtype=bool)
    x[best_set[0]] = True
    return x


def _singletons(
    mat: sparse.csr_array, weight: np.ndarray
) -> tuple[np.ndarray, sparse.csr_array, np.ndarray]:
    """Split off the units one site alone reaches: their weight is that site's own.

    A unit with one reachable site is covered exactly when that site opens, so its weight
    moves to the site's objective coefficient and its row leaves the model (exact).
    """
    a = sparse.csr_array(mat)
    one = np.diff(a.indptr) == 1
    own = np.bincount(
        a.indices[a.indptr[:-1][one]], weights=weight[one], minlength=a.shape[1]
    ).astype(float)
    rest = np.flatnonzero(~one)
    return own, sparse.csr_array(a[rest]), weight[rest]


def _restricted(
    mats: Sequence[sparse.csr_array],
    weights: Sequence[np.ndarray],
    base: np.ndarray,
    big: float,
    chosen: Sequence[int],
    p: int,
    k: int,
    time_limit: float,
    mip_gap: float | None,
) -> tuple[np.ndarray, float, str]:
    """Max t: t ≤ coverage of each chosen draw, except at most ``k`` of them."""
    n_y = mats[0].shape[1]
    blocks = [sparse.csr_array(mats[d], dtype=float) for d in chosen]
    sizes = [b.shape[0] for b in blocks]
    n_z = int(sum(sizes))
    n_d = len(chosen)
    n_u = n_d if k > 0 else 0
    # columns: y (n_y) | z (n_z) | t | u (n_u)
    n_col = n_y + n_z + 1 + n_u
    t_col = n_y + n_z
    rows = []
    # z_g − Σ y ≤ 0
    if n_z:
        link = sparse.hstack(
            [
                -sparse.vstack(blocks, format="csr"),
                sparse.eye_array(n_z, format="csr"),
                sparse.csr_array((n_z, 1 + n_u)),
            ],
            format="csr",
        )
        rows.append(link)
    # t − Σ w z − M u ≤ base
    r_i: list[np.ndarray | list[int]] = []
    c_i: list[np.ndarray | list[int]] = []
    v_i: list[np.ndarray | list[float]] = []
    start = 0
    for i, d in enumerate(chosen):
        size = sizes[i]
        r_i += [np.full(size, i), [i]]
        c_i += [n_y + start + np.arange(size), [t_col]]
        v_i += [-weights[d], [1.0]]
        if k > 0:
            r_i.append([i])
            c_i.append([t_col + 1 + i])
            v_i.append([-(big - base[d])])
        start += size
    rows.append(
        sparse.csr_array(
            (np.concatenate(v_i), (np.concatenate(r_i), np.concatenate(c_i))),
            shape=(n_d, n_col),
        )
    )
    budget = np.zeros(n_col)
    budget[:n_y] = 1.0
    rows.append(sparse.csr_array(budget[None, :]))
    row_upper: list[np.ndarray] = [np.zeros(n_z), base[list(chosen)], np.array([float(p)])]
    if k > 0:
        count = np.zeros(n_col)
        count[t_col + 1 :] = 1.0
        rows.append(sparse.csr_array(count[None, :]))
        row_upper.append(np.array([float(k)]))
    cost = np.zeros(n_col)
    cost[t_col] = 1.0
    lower = np.zeros(n_col)
    upper = np.ones(n_col)
    lower[t_col], upper[t_col] = 0.0, big
    integer = np.zeros(n_col, dtype=bool)
    integer[:n_y] = True
    integer[t_col + 1 :] = True
    sol = _highs(
        cost=cost,
        lower=lower,
        upper=upper,
        integer=integer,
        matrix=_stack(rows),
        row_lower=np.full(int(sum(len(r) for r in row_upper)), -np.inf),
        row_upper=np.concatenate(row_upper).astype(float),
        maximise=True,
        time_limit=time_limit,
        mip_gap=mip_gap,
        what="robust MCLP",
    )
    return sol.x[:n_y] > 0.5, float(sol.bound), sol.status


def _robust_search(
    mats: Sequence[sparse.csr_array],
    weights: Sequence[np.ndarray],
    base: np.ndarray,
    p: int,
    k: int,
    starts: Sequence[np.ndarray],
    node_limit: int = _NODE_LIMIT,
) -> np.ndarray | None:
    """Return the ``p`` sites that best cover the ``k+1``-th worst draw (k = 0: the worst).

    Branch and bound over the sites, as :func:`_cover_search`, with one bound per draw: from
    a set ``S`` with ``r`` sites to go, draw ``d`` can reach at most its coverage plus its
    ``r`` largest marginal gains, so the objective (the ``k+1``-th smallest coverage) can
    reach at most the ``k+1``-th smallest of those bounds. ``starts`` are plans to begin
    from (e.g. the plan of the expected objective). ``None`` when the search needs more
    than ``node_limit`` nodes.
    """
    n_d = len(mats)
    m = mats[0].shape[1]
    a = sparse.csr_array(sparse.vstack(mats, format="csr"), dtype=float)
    draw_of = np.repeat(np.arange(n_d), [mt.shape[0] for mt in mats])
    w = np.concatenate([np.asarray(x, dtype=float) for x in weights])
    cols = sparse.csc_array(a)
    n_rows = a.shape[0]

    def by_draw(rows: np.ndarray) -> sparse.csr_array:
        return sparse.csr_array(
            (w[rows], (draw_of[rows], np.arange(len(rows)))), shape=(n_d, len(rows))
        )

    alone = (by_draw(np.arange(n_rows)) @ a).toarray()

    def gains(covered: np.ndarray) -> np.ndarray:
        if not covered.any():
            return alone.copy()
        rows = np.flatnonzero(covered)
        return alone - (by_draw(rows) @ a[rows]).toarray()

    def reach(j: int) -> np.ndarray:
        out = np.zeros(n_rows, dtype=bool)
        out[cols.indices[cols.indptr[j] : cols.indptr[j + 1]]] = True
        return out

    def kth(values: np.ndarray) -> np.ndarray:
        return np.partition(values, k, axis=0)[k]

    def value(x: np.ndarray) -> float:
        hit = (a @ x.astype(float)) > 0.5
        return float(kth(base + np.bincount(draw_of[hit], weights=w[hit], minlength=n_d)))

    best_val = [value(np.zeros(m, dtype=bool))]
    best_plan = [np.zeros(m, dtype=bool)]
    for x in starts:
        v = value(x)
        if v > best_val[0]:
            best_val[0], best_plan[0] = v, x.copy()
    # the greedy plan of this objective
    covered = np.zeros(n_rows, dtype=bool)
    level = base.astype(float).copy()
    greedy = np.zeros(m, dtype=bool)
    for _ in range(p):
        vals = kth(level[:, None] + gains(covered))
        vals[greedy] = -np.inf
        j = int(np.argmax(vals))
        greedy[j] = True
        covered |= reach(j)
        level = base + np.bincount(draw_of[covered], weights=w[covered], minlength=n_d)
    if value(greedy) > best_val[0]:
        best_val[0], best_plan[0] = value(greedy), greedy
    nodes = [0]
    tol = 1e-9 * max(1.0, float(w.sum()))

    def branch(
        sel: list[int], covered: np.ndarray, level: np.ndarray, r: int, allowed: np.ndarray
    ) -> bool:
        nodes[0] += 1
        if nodes[0] > node_limit:
            return False
        cand = np.flatnonzero(allowed)
        if not len(cand):
            return True
        gain = gains(covered)[:, cand]
        if r == 1:
            vals = kth(level[:, None] + gain)
            i = int(np.argmax(vals))
            if vals[i] > best_val[0] + tol:
                x = np.zeros(m, dtype=bool)
                x[[*sel, int(cand[i])]] = True
                best_val[0], best_plan[0] = float(vals[i]), x
            return True
        # per draw: the r - 1 largest gains besides the branch's own (an upper bound)
        top = r - 1
        if top < gain.shape[1]:
            more = -np.partition(-gain, top - 1, axis=1)[:, :top].sum(axis=1)
        else:
            more = np.clip(gain, 0.0, None).sum(axis=1)
        bound = kth(level[:, None] + gain + np.clip(more, 0.0, None)[:, None])
        rest = allowed.copy()
        for i in np.argsort(-bound, kind="stable"):
            if bound[i] <= best_val[0] + tol:
                break
            j = int(cand[i])
            rest[j] = False
            if not branch([*sel, j], covered | reach(j), level + gain[:, i], r - 1, rest):
                return False
        return True

    if p == 0:
        return best_plan[0]
    if not branch([], np.zeros(n_rows, dtype=bool), base.astype(float), p, np.ones(m, dtype=bool)):
        return None
    return best_plan[0]
