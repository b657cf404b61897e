"""Sectors that are not what their numbers look like: students, collective housing, tiny ones.

A need index reads low income per tax return as deprivation. In a university town that is
often wrong: a student files a return on a summer job, and a sector of student halls, a care
home or a monastery has residents but few ordinary households. :func:`flag_sectors` finds
such sectors from the data a study has, with the evidence, so that the study can rank them
with a visible flag or leave them out of the ranking (``[index] exclude``):

``small``
    Fewer residents than ``min_population`` (or none known). The BIMD publishes only sectors
    of more than 10 residents (Otavova et al. 2023); rates and medians on a few dozen
    people are mostly noise.
``collective``
    Residents per residential electricity connection at least ``collective_factor`` times the
    reference (Flanders, from the same files): many residents behind few meters means
    collective housing (student halls, care homes, convents, prisons), not households.
``student``
    A young sector (share of 65+ below ``young_factor`` times the reference) whose low income
    is not matched by low employment: the BIMD 2011 puts it in the income deciles
    ``1..bimd_income_decile_max`` but in employment decile ``bimd_employment_decile_min`` or
    higher. Students and starters have low taxable incomes without being job seekers; in a
    deprived sector both domains are low. Without the BIMD deciles, a young sector with a
    median income below ``low_income_factor`` times the reference is flagged, which cannot
    tell students from young low-income families: the evidence says so.

The thresholds are choices, written in the study file and in every output; the defaults
are documented in :class:`FlagRules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from wijkanalyse._errors import SchemaError

__all__ = ["FLAG_KINDS", "FlagRules", "aggregate_flags", "flag_sectors"]

#: The kinds of flags, in the order they are listed.
FLAG_KINDS: tuple[str, ...] = ("small", "collective", "student")


@dataclass(frozen=True)
class FlagRules:
    """The thresholds of :func:`flag_sectors`.

    Attributes
    ----------
    min_population
        Fewer residents is ``small``. Default 10: the BIMD's own publication limit.
    collective_factor
        Residents per connection at or above this times the reference is ``collective``.
        Default 1.5: 1.5 × the Flemish value (about 2.2 residents per connection, i.e. the
        mean household) is a sector where a third of the residents do not live in a
        household with its own meter.
    young_factor
        A share of 65+ below this times the reference is young. Default 0.5.
    low_income_factor
        Without BIMD deciles: a median income below this times the reference is low.
        Default 0.8.
    bimd_income_decile_max, bimd_employment_decile_min
        The BIMD contradiction: income decile at most the first (default 2: the 20 % most
        income-deprived sectors of Belgium) while employment is in decile the second or
        higher (default 6: the less deprived half).
    """

    min_population: int = 10
    collective_factor: float = 1.5
    young_factor: float = 0.5
    low_income_factor: float = 0.8
    bimd_income_decile_max: int = 2
    bimd_employment_decile_min: int = 6

    def __post_init__(self) -> None:
        bad = [
            f"{k} = {v!r}"
            for k, v in asdict(self).items()
            if not (isinstance(v, int | float) and v >= 0)
        ]
        if not 1 <= self.bimd_income_decile_max <= 10:
            bad.append(f"bimd_income_decile_max = {self.bimd_income_decile_max} (1-10)")
        if not 1 <= self.bimd_employment_decile_min <= 10:
            bad.append(f"bimd_employment_decile_min = {self.bimd_employment_decile_min} (1-10)")
        if bad:
            raise SchemaError(f"index flags: invalid thresholds {', '.join(bad)}.")


def _col(values: pd.DataFrame, name: str) -> pd.Series:
    if name not in values:
        return pd.Series(np.nan, index=values.index)
    return pd.to_numeric(values[name], errors="coerce").astype("float64")


def _fmt(x: float) -> str:
    return f"{x:.2f}" if abs(x) < 1000 else f"{x:.0f}"


def flag_sectors(
    values: pd.DataFrame,
    *,
    reference: Mapping[str, float] | None = None,
    rules: FlagRules | None = None,
) -> pd.DataFrame:
    """Flag the small, collective-housing and student sectors, with the evidence.

    Parameters
    ----------
    values
        Per sector, any of ``pop_total``, ``share_65plus`` (%), ``income_median``,
        ``persons_per_connection``, ``bimd_income_decile`` and ``bimd_employment_decile``
        (a rule whose columns are absent is not applied).
    reference
        Reference values of ``share_65plus``, ``income_median`` and
        ``persons_per_connection`` (Flanders, or the study area); a missing one is the
        population-weighted mean of ``values`` (the median for income).
    rules
        The thresholds (default :class:`FlagRules`).

    Returns
    -------
    pandas.DataFrame
        Per sector: ``flag_small``, ``flag_collective``, ``flag_student`` (bool), ``flags``
        (the kinds, comma-separated, empty when none) and ``evidence``: each rule that
        fired as ``<column> [<value>] <operator> <threshold>``, separated by ``"; "``. The
        value is shown only where it is not derived from counts of persons (income, the
        BIMD deciles): a share of 65+ or residents per connection of a sector whose counts
        are withheld elsewhere could otherwise give a small count away; the published
        indicator tables hold the values that may be shown. ``pop_total NA`` says the
        population is unknown or withheld, ``no_bimd`` that a student flag rests on income
        alone.
        ``attrs["thresholds"]`` holds the thresholds used.

    Examples
    --------
    >>> v = pd.DataFrame(
    ...     {
    ...         "pop_total": [426, 1332, 8],
    ...         "share_65plus": [2.3, 19.2, 25.0],
    ...         "persons_per_connection": [14.7, 1.9, 2.0],
    ...         "bimd_income_decile": [1, 1, 5],
    ...         "bimd_employment_decile": [10, 1, 5],
    ...     },
    ...     index=["campus", "estate", "hamlet"],
    ... )
    >>> ref = {"share_65plus": 20.0, "persons_per_connection": 2.2, "income_median": 28_000}
    >>> flag_sectors(v, reference=ref)["flags"].tolist()
    ['collective, student', '', 'small']
    """
    rules = rules or FlagRules()
    ref = dict(reference or {})
    pop = _col(values, "pop_total")
    share65 = _col(values, "share_65plus")
    income = _col(values, "income_median")
    ppc = _col(values, "persons_per_connection")
    inc_dec = _col(values, "bimd_income_decile")
    emp_dec = _col(values, "bimd_employment_decile")
    w = pop.fillna(0.0)

    def _default(name: str, x: pd.Series, median: bool = False) -> float:
        if ref.get(name) is not None and np.isfinite(ref[name]):
            return float(ref[name])
        ok = x.notna() & (w > 0)
        if not ok.any():
            return float("nan")
        if median:
            return float(x[ok].median())
        return float(np.average(x[ok], weights=w[ok]))

    ref_65 = _default("share_65plus", share65)
    ref_ppc = _default("persons_per_connection", ppc)
    ref_inc = _default("income_median", income, median=True)
    thr = {
        "min_population": float(rules.min_population),
        "collective_persons_per_connection": rules.collective_factor * ref_ppc,
        "young_share_65plus": rules.young_factor * ref_65,
        "low_income_median": rules.low_income_factor * ref_inc,
        "bimd_income_decile_max": float(rules.bimd_income_decile_max),
        "bimd_employment_decile_min": float(rules.bimd_employment_decile_min),
    }
    # thresholds to 6 decimals: 1.5 × 2.2 is 3.3, not 3.3000000000000003
    thr = {k: round(v, 6) for k, v in thr.items()}
    small = pop.isna() | (pop < thr["min_population"])
    collective = ppc >= thr["collective_persons_per_connection"]
    young = share65 < thr["young_share_65plus"]
    has_bimd = inc_dec.notna() & emp_dec.notna()
    contradiction = (inc_dec <= thr["bimd_income_decile_max"]) & (
        emp_dec >= thr["bimd_employment_decile_min"]
    )
    low_income = income < thr["low_income_median"]
    student = young & np.where(has_bimd, contradiction, low_income)
    out = pd.DataFrame(index=values.index)
    out["flag_small"] = small.to_numpy(dtype=bool)
    out["flag_collective"] = collective.to_numpy(dtype=bool)
    out["flag_student"] = np.asarray(student, dtype=bool)
    kinds, evidence = [], []
    pop_a, inc_a = pop.to_numpy(float), income.to_numpy(float)
    inc_d, emp_d, bimd_a = inc_dec.to_numpy(float), emp_dec.to_numpy(float), has_bimd.to_numpy()
    for i in range(len(out)):
        k, e = [], []
        if out["flag_small"].iat[i]:
            k.append("small")
            e.append(
                "pop_total NA" if np.isnan(pop_a[i]) else f"pop_total < {rules.min_population}"
            )
        if out["flag_collective"].iat[i]:
            k.append("collective")
            e.append(f"persons_per_connection >= {_fmt(thr['collective_persons_per_connection'])}")
        if out["flag_student"].iat[i]:
            k.append("student")
            e.append(f"share_65plus < {_fmt(thr['young_share_65plus'])}")
            if bimd_a[i]:
                e.append(f"bimd_income_decile {int(inc_d[i])} <= {rules.bimd_income_decile_max}")
                e.append(
                    f"bimd_employment_decile {int(emp_d[i])} >= {rules.bimd_employment_decile_min}"
                )
            else:
                e.append(f"income_median {_fmt(inc_a[i])} < {_fmt(thr['low_income_median'])}")
                # without the BIMD, students cannot be told from young low-income households
                e.append("no_bimd")
        kinds.append(", ".join(k))
        evidence.append("; ".join(e))
    out["flags"] = kinds
    out["evidence"] = evidence
    out.attrs["thresholds"] = thr
    return out


def aggregate_flags(
    flags: pd.DataFrame, by: pd.Series, population: pd.Series, *, share: float = 0.5
) -> pd.DataFrame:
    """Flag a unit (wijk, area) when flagged sectors hold at least ``share`` of its residents.

    Returns per unit ``flags`` and ``evidence`` ("student 3/5" …: the number of the unit's
    sectors with that flag). The evidence counts sectors, not residents: a share of
    residents times the unit's published population could reveal a withheld small count.

    Examples
    --------
    >>> f = pd.DataFrame(
    ...     {"flag_small": [False, False], "flag_collective": [False, True],
    ...      "flag_student": [True, True]},
    ...     index=["s1", "s2"],
    ... )
    >>> pop = pd.Series([300, 100], index=f.index)
    >>> agg = aggregate_flags(f, pd.Series(["w", "w"], index=f.index), pop)
    >>> agg.loc["w", "flags"], agg.loc["w", "evidence"]
    ('student', 'collective 1/2; student 2/2')
    """
    pop = pd.to_numeric(population, errors="coerce").astype("float64")
    pop = pop.reindex(flags.index).fillna(0.0)
    keys = by.reindex(flags.index)
    total = pop.groupby(keys).sum()
    rows = {}
    for unit, tot in total.items():
        members = keys.index[(keys == unit).to_numpy()]
        k, e = [], []
        for kind in FLAG_KINDS:
            col = flags.loc[members, f"flag_{kind}"].to_numpy(dtype=bool)
            part = float(pop[members][col].sum() / tot) if tot > 0 else 0.0
            if col.any():
                e.append(f"{kind} {int(col.sum())}/{len(members)}")
            if tot > 0 and part >= share:
                k.append(kind)
        rows[unit] = {"flags": ", ".join(k), "evidence": "; ".join(e)}
    return pd.DataFrame.from_dict(rows, orient="index", columns=["flags", "evidence"])
