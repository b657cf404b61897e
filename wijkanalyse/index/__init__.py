"""A composite need index with domains and weights, and how stable its ranking is.

The index follows the Belgian and English Indices of Multiple Deprivation (BIMD, IMD):

1. every indicator is **oriented** so that a higher value means more need (indicators with
   ``direction="less_need"`` are negated; ``"neutral"`` ones must be given a direction);
2. **missing values** follow an explicit rule: ``"drop"`` (the unit gets no score),
   ``"reweight"`` (weights are shared among the indicators and domains the unit has) or
   ``"impute"`` (the median of the other units; the ``imputed`` column says where);
3. each indicator is **normalised** over the units: ``"zscore"`` ((x − mean) / sd, sd with
   ddof 0), ``"rank"`` (rank / n, ties averaged, in (0, 1]) or ``"minmax"``
   ((x − min) / (max − min));
4. a **domain score** is the weighted mean of its normalised indicators;
5. optionally (``transform="exponential"``) each domain score is ranked and put through
   the IMD exponential transform ``X = −23 ln(1 − R (1 − e^(−100/23)))`` with ``R`` the rank
   scaled to [1/n, 1] (1 = most need), so X runs from about 0 to 100 and a high score in one
   domain is not cancelled by a low one in another;
6. the **score** is the weighted mean of the domain scores; ``rank`` 1 is the unit with the
   most need; ``decile`` 1 holds the 10 % with the most need.

**Monotonicity.** Improving one unit's indicator in the "less need" direction never raises
that unit's score with every normalisation without a transform, and with ``"rank"`` or
``"minmax"`` with the exponential transform (the tests check this on random data). With
``"zscore"`` *and* the exponential transform *and* a domain of several indicators it is not
guaranteed: a changed value moves the mean and sd and so every other unit's z-score, and the
rank-based transform can then reorder units. Prefer ``"rank"`` there.

:func:`sensitivity` repeats this thousands of times with other domain weights (Dirichlet
around the chosen ones), another normalisation and one indicator left out, and reports per
unit the median rank, the 5-95 % rank interval and the probability of being in the top
decile. It is vectorised: every combination of normalisation and left-out indicator is
computed once, and the draws of that combination are one matrix product.
"""

from wijkanalyse.index.compute import IndexResult, compute_index, exponential_transform, normalise
from wijkanalyse.index.sensitivity import sensitivity
from wijkanalyse.index.spec import NORMALISATIONS, Domain, IndexSpec

__all__ = [
    "NORMALISATIONS",
    "Domain",
    "IndexResult",
    "IndexSpec",
    "compute_index",
    "exponential_transform",
    "normalise",
    "sensitivity",
]
