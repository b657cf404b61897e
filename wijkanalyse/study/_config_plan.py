"""The ``[plan]`` questions and ``[[scenarios]]`` of the study file's schema.

Re-exported by ``study.config``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from wijkanalyse.study._config_base import _Model

_NAME = r"^[A-Za-z0-9_.-]+$"


class PlanQuestion(_Model):
    """One ``[[plan.questions]]``: where should new facilities of a type go.

    Plans count residents where the access step puts them (street points by default).
    ``robust`` chooses the sites of an MCLP question across the access ranges' draws
    (:func:`wijkanalyse.locate.robust_mclp`): ``"expected"`` (the default for MCLP: the most
    people within reach on average), ``"worst"`` (in the worst draw), ``"quantile"`` (in the
    draw at ``robust_q``, the 5 % bound by default) or ``"none"`` (the classic MCLP at the
    nominal inputs). ``front = true`` adds the efficiency–equity front of the largest ``p``
    (:func:`wijkanalyse.locate.equity_front`).

    ``need_weighted`` counts each resident by the need of their sector (its percentile rank
    in the study's need). Unset, it is on for buurtwerk (:data:`NEED_WEIGHTED_TYPES`) when
    the study's need is its deprivation index, and off otherwise.
    """

    name: str = Field(min_length=1, pattern=_NAME)
    facility_type: str
    target_group: str = "pop_total"
    model: Literal["mclp", "lscp", "p_median", "p_center"] = "mclp"
    minutes: float = Field(default=10.0, gt=0, le=240)
    p: list[int] = Field(default=[1], min_length=1)
    demand_areas: list[str] | None = None
    candidate_wijken: list[str] | None = None
    need_weighted: bool | None = None
    allow_closing: bool = False
    capacity_col: str | None = None
    new_capacity: float | None = Field(default=None, gt=0)
    robust: Literal["expected", "worst", "quantile", "none"] | None = None
    robust_q: float = Field(default=0.05, gt=0, le=0.5)
    front: bool = False

    @field_validator("p")
    @classmethod
    def _p_values(cls, v: list[int]) -> list[int]:
        if any(not (1 <= p <= 50) for p in v):
            raise ValueError(f"p counts new sites: whole numbers from 1 to 50, got {v}")
        return sorted(set(v))

    @model_validator(mode="after")
    def _capacities(self) -> PlanQuestion:
        if (self.capacity_col is None) != (self.new_capacity is None):
            raise ValueError("give both 'capacity_col' (existing sites) and 'new_capacity'")
        if self.robust not in (None, "none") and (
            self.model != "mclp" or self.capacity_col is not None or self.allow_closing
        ):
            raise ValueError(
                "robust objectives are for MCLP questions without capacities or closing; "
                "remove 'robust' or set model = \"mclp\""
            )
        if self.front and (self.model != "mclp" or self.capacity_col is not None):
            raise ValueError("front = true is for MCLP questions without capacities")
        return self

    @property
    def robust_objective(self) -> str:
        """The robust objective in effect: ``expected`` for MCLP unless set, else ``none``."""
        if self.robust is not None:
            return self.robust
        plain = self.model == "mclp" and self.capacity_col is None and not self.allow_closing
        return "expected" if plain else "none"


class ScenarioSite(_Model):
    """A site a scenario adds: a name and coordinates in the working CRS (EPSG:31370)."""

    name: str = Field(min_length=1)
    x: float
    y: float


class ScenarioSection(_Model):
    """One ``[[scenarios]]``: sites added, closed or opened (planned ones), or a plan."""

    name: str = Field(min_length=1)
    facility_type: str | None = None
    add: list[ScenarioSite] = []
    close: list[str] = []
    open: list[str] = []
    plan: str | None = None
    p: int | None = Field(default=None, ge=1, le=50)

    @model_validator(mode="after")
    def _one_kind(self) -> ScenarioSection:
        if self.plan is None:
            if self.facility_type is None or not (self.add or self.close or self.open):
                raise ValueError(
                    "give 'plan' (a plan question) or a 'facility_type' with sites to 'add', "
                    "'close' or 'open' (planned facilities)"
                )
        elif self.add or self.close or self.open or self.facility_type is not None:
            raise ValueError("a scenario from a plan takes only 'plan' and 'p'")
        return self


#: Facility types whose plans weigh residents by need unless told otherwise: buurtwerk
#: serves vulnerable groups first ("Het buurtwerk behartigt mee de belangen van kwetsbare
#: groepen", Stad Leuven, Bestuursnota 2019-2024); a lokaal dienstencentrum serves every
#: older resident, so its plans count people.
NEED_WEIGHTED_TYPES = ("buurtcentrum",)


class JointPart(_Model):
    """One facility type of a ``[[plan.joint]]`` question: its target group, reach and p.

    ``weight`` scales this type's people within reach in the shared objective (1: a person
    counts the same for either type); ``need_weighted`` as for a plan question.
    """

    facility_type: str
    target_group: str = "pop_total"
    minutes: float = Field(default=10.0, gt=0, le=240)
    p: int = Field(default=1, ge=0, le=50)
    weight: float = Field(default=1.0, gt=0)
    need_weighted: bool | None = None


class JointQuestion(_Model):
    """One ``[[plan.joint]]``: new sites of two facility types at once, sharing buildings.

    Answered by :func:`wijkanalyse.locate.joint_mclp`: the most people of each type's
    target group within reach of that type (weighted by ``weight``), with candidates open
    to both types (the candidate sites, the ``[plan] sites`` such as city buildings, and
    the existing centres of the other type). A site is shared when both types are there
    and at least one is new. ``min_shared`` asks for at least that many shared sites,
    ``share_bonus`` rewards each (in people of the objective). Every answer also shows what
    0, 1, … shared sites cost in people within reach (``plan_sharing.csv``). Each type's
    plan is published as the question ``<name>.<facility_type>``.
    """

    name: str = Field(min_length=1, pattern=_NAME)
    types: list[JointPart] = Field(min_length=2, max_length=2)
    min_shared: int = Field(default=0, ge=0, le=50)
    share_bonus: float = Field(default=0.0, ge=0)
    demand_areas: list[str] | None = None
    candidate_wijken: list[str] | None = None

    @model_validator(mode="after")
    def _two_types(self) -> JointQuestion:
        a, b = self.types
        if a.facility_type == b.facility_type:
            raise ValueError(
                f"the two types must differ, got {a.facility_type!r} twice; for one type "
                "use [[plan.questions]]"
            )
        if a.p + b.p == 0:
            raise ValueError("give at least one new site: p of one type ≥ 1")
        # a shared site holds at least one new centre (maybe in an existing one of the
        # other type): at most as many shared sites as new sites of both types together
        if self.min_shared > a.p + b.p:
            raise ValueError(
                f"min_shared = {self.min_shared} exceeds the new sites ({a.p} + {b.p})"
            )
        return self

    def questions(self) -> tuple[PlanQuestion, PlanQuestion]:
        """Return the plan question of each type, named ``<name>.<facility_type>``.

        A type with ``p = 0`` (new centres of the other type only, perhaps in its existing
        buildings) keeps ``p = [0]``: it has no plan of its own.
        """
        return tuple(  # type: ignore[return-value]
            PlanQuestion(
                name=f"{self.name}.{t.facility_type}",
                facility_type=t.facility_type,
                target_group=t.target_group,
                model="mclp",
                minutes=t.minutes,
                p=[max(t.p, 1)],
                demand_areas=self.demand_areas,
                candidate_wijken=self.candidate_wijken,
                need_weighted=t.need_weighted,
                robust="none",
            ).model_copy(update={"p": [t.p]})
            for t in self.types
        )


def weighted_by_need(q: PlanQuestion, need: str | None, has_index: bool) -> bool:
    """Return whether a plan question weighs residents by need (see :class:`PlanQuestion`).

    ``need`` is the study's ``[access] need`` (``None`` without ``[access]``) and
    ``has_index`` whether the study computed its index.
    """
    if q.need_weighted is not None:
        return q.need_weighted
    return q.facility_type in NEED_WEIGHTED_TYPES and need == "index" and has_index
