"""Ranks against a reference region: the same index computed over every sector of Flanders.

Inside one city "the top 10 %" of 115 sectors is twelve sectors, whatever their level. The
English and Belgian indices rank every small area of the country; :func:`reference_ranks`
does the same for any index a study defines: it computes the index over the sectors of a
reference region (with the same flags, exclusions and shrinkage) and gives each sector its
rank and decile there. For BIMD-based domains the published national ranks are in the
inputs too (``bimd_<domain>_rank`` / ``_decile``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from wijkanalyse.index.need import need_index
from wijkanalyse.index.spec import IndexSpec

__all__ = ["reference_ranks"]


def reference_ranks(
    values: pd.DataFrame,
    spec: IndexSpec,
    *,
    flags: pd.DataFrame | None = None,
    exclude: Sequence[str] = ("small",),
    shrink: bool = False,
    label: str = "flanders",
) -> pd.DataFrame:
    """Rank every unit of ``values`` (the reference region) on ``spec``.

    Returns
    -------
    pandas.DataFrame
        Per unit ``score_<label>``, ``rank_<label>`` (1 = most need in the region),
        ``decile_<label>`` (1 = the region's 10 % with the most need) and, in ``attrs``,
        ``n_<label>`` (the number of ranked units).

    Examples
    --------
    >>> v = pd.DataFrame({"income_median": np.arange(20_000.0, 40_000.0, 1_000.0)},
    ...                  index=[f"s{i:02d}" for i in range(20)])
    >>> spec = IndexSpec.from_dict({"domains": {"inkomen": {"weight": 1,
    ...                             "indicators": ["income_median"]}}, "normalisation": "rank"})
    >>> r = reference_ranks(v, spec)
    >>> r.loc[["s00", "s01", "s02", "s19"], ["rank_flanders", "decile_flanders"]].to_dict("list")
    {'rank_flanders': [1, 2, 3, 20], 'decile_flanders': [1, 1, 2, 10]}
    """
    table = need_index(values, spec, flags=flags, exclude=exclude, shrink=shrink).table
    out = pd.DataFrame(index=values.index)
    out[f"score_{label}"] = table["score"]
    out[f"rank_{label}"] = table["rank"].astype("Int64")
    out[f"decile_{label}"] = table["decile"].astype("Int64")
    out.attrs[f"n_{label}"] = int(np.sum(table["rank"].notna()))
    return out
