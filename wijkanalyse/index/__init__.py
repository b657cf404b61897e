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

**Need, not demand.** The index measures deprivation. Each registered indicator says what it
stands for (``concept``: need, demand or context); :func:`non_need` lists the indicators of
a spec that are not need, and a study warns about them: the share of 65+ says how many
people a lokaal dienstencentrum is for (demand, a weight in access and planning), not how
deprived a wijk is. :data:`PRESETS` are indices built from need only.

**Flags, small areas, shrinkage** (:mod:`~wijkanalyse.index.flags`,
:mod:`~wijkanalyse.index.shrinkage`, :func:`need_index`): student and collective-housing
sectors and sectors below a minimum population are found with the evidence and ranked with
their flag or left out; rates on small denominators are shrunk by empirical Bayes.

**Reference ranks** (:func:`reference_ranks`): the same index computed over every sector of
Flanders, so a sector's decile says where it stands in the region, not only in its city.

**Two kinds of uncertainty.** :func:`sensitivity` (choice sensitivity) repeats the index
thousands of times with other domain weights (Dirichlet
around the chosen ones), another normalisation and one indicator left out, and reports per
unit the median rank, the 5-95 % rank interval and the probability of being in the top
decile. It is vectorised: every combination of normalisation and left-out indicator is
computed once, and the draws of that combination are one matrix product.
:func:`data_uncertainty` holds those choices fixed and redraws the data (rates on small
counts, medians on few tax returns, withheld values); see :mod:`wijkanalyse.uncertainty`.
"""

from wijkanalyse.index.compute import IndexResult, compute_index, exponential_transform, normalise
from wijkanalyse.index.data_uncertainty import DataNoise, data_uncertainty
from wijkanalyse.index.flags import FLAG_KINDS, FlagRules, aggregate_flags, flag_sectors
from wijkanalyse.index.need import constant_indicators, need_index, non_need, shrinkable
from wijkanalyse.index.presets import PRESETS, preset
from wijkanalyse.index.reference import reference_ranks
from wijkanalyse.index.sensitivity import sensitivity
from wijkanalyse.index.shrinkage import ShrunkRates, empirical_bayes_rates
from wijkanalyse.index.spec import NORMALISATIONS, Domain, IndexSpec

__all__ = [
    "FLAG_KINDS",
    "NORMALISATIONS",
    "PRESETS",
    "DataNoise",
    "Domain",
    "FlagRules",
    "IndexResult",
    "IndexSpec",
    "ShrunkRates",
    "aggregate_flags",
    "compute_index",
    "constant_indicators",
    "data_uncertainty",
    "empirical_bayes_rates",
    "exponential_transform",
    "flag_sectors",
    "need_index",
    "non_need",
    "normalise",
    "preset",
    "reference_ranks",
    "sensitivity",
    "shrinkable",
]
