"""A study: one analysis described in a TOML file, and the steps that run it.

The study is a short sequence of steps, each a function of its inputs:

- :mod:`~wijkanalyse.study.config`: the study file's schema; :mod:`.checks`: the checks
  across its tables, before any data is read;
- :mod:`~wijkanalyse.study.load`: read every input into canonical frames
  (:class:`StudyData`), the only step that reads files;
- :mod:`~wijkanalyse.study.analyse`: indicators and the need index (:class:`Analysis`);
- :mod:`~wijkanalyse.study.accessibility`: travel times, coverage, equity and gaps
  (:class:`AccessResults`);
- :mod:`~wijkanalyse.study.planning`: plans and scenarios (:class:`PlanResults`);
- :mod:`~wijkanalyse.study.publish`: what may be published (small counts withheld);
- :mod:`~wijkanalyse.study.write` and :mod:`~wijkanalyse.study.provenance`: the files;
- :mod:`~wijkanalyse.study.summary`: the summary in the study's language;
- :mod:`~wijkanalyse.study.core`: :class:`Study`, whose :meth:`~Study.run` composes them.

A step takes the part of the study file it reads and the typed results of the steps before
it, and returns a typed result with its notes as :class:`~wijkanalyse._i18n.Note` values.
``analyse``, ``accessibility`` and ``planning`` take a config slice
(:mod:`~wijkanalyse.study.slices`); the steps that describe or write the whole study take
the whole (frozen) :class:`StudyConfig`. Only
the steps that look at the inputs themselves get :class:`~wijkanalyse.study._sources.Sources`
(where the study file's paths and dataset ids resolve): ``load`` reads them, ``provenance``
records their checksums and ``summary`` names their datasets; the analytical steps,
``publish`` and ``write`` work on the results alone, and ``write`` only through
:mod:`wijkanalyse.outputs`.
"""

from wijkanalyse.study.config import StudyConfig
from wijkanalyse.study.core import Study
from wijkanalyse.study.results import AccessResults, Analysis, PlanResults, RunResult, StudyData

__all__ = [
    "AccessResults",
    "Analysis",
    "PlanResults",
    "RunResult",
    "Study",
    "StudyConfig",
    "StudyData",
]
