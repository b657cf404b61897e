"""A ready study file for any Flemish municipality or region (``wijkanalyse init``).

:func:`study_template` surveys what the catalogue holds for an area and writes a commented
study file from it:

* the area (a municipality by NIS code or name, or an arrondissement, a province or
  Flanders), its wijken with their population, and whether their outlines are known;
* the facility sources that cover the whole area, with the types they have there;
* a road graph only where one reaches most of the area's sectors;
* access questions only for facility types found in or near the area, planning questions
  only for the city's own centre types (buurtcentrum, lokaal dienstencentrum) found there;
* a need index from indicators the data hold there, at the levels with enough units.

Every choice is written next to its key as a comment, in Dutch (default) or English. The
text is read back as a study before it is returned, so a file :func:`study_template` writes
always passes :meth:`wijkanalyse.study.Study.from_toml`.

Examples
--------
>>> from wijkanalyse.studyfile import study_template
>>> tpl = study_template("Tienen")
>>> tpl.area.code, tpl.filename
('24107', 'tienen.toml')
>>> "[[facilities]]" in tpl.text
True
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from wijkanalyse import _i18n, areas
from wijkanalyse._i18n import Language
from wijkanalyse.studyfile._survey import Survey
from wijkanalyse.studyfile._toml import slug
from wijkanalyse.studyfile._writer import PLANNED_TYPES, QUESTIONS, Writer, facts, match_note

__all__ = ["PLANNED_TYPES", "QUESTIONS", "StudyTemplate", "study_template"]


@dataclass(frozen=True)
class StudyTemplate:
    """A study file written by :func:`study_template`.

    Attributes
    ----------
    text
        The TOML text, commented.
    area
        The area it studies (code, name, level, and a note when a name was resolved).
    filename
        A file name made from the area's name (``tienen.toml``).
    facts
        What the survey found, one line each, in the file's language.
    note
        How a name was resolved (a merger), in the file's language; empty when plain.
    """

    text: str
    area: areas.AreaMatch
    filename: str
    facts: tuple[str, ...] = field(default=())
    note: str = ""


def study_template(
    area: str,
    *,
    region: bool = False,
    language: Language = "nl",
    filename: str | None = None,
) -> StudyTemplate:
    """Return a ready, commented study file for a Flemish municipality or region.

    Parameters
    ----------
    area
        A municipality's NIS code or name (``"24107"``, ``"Tienen"``); with ``region=True``
        an arrondissement's or a province's code or name (``"24000"``, ``"Limburg"``) or
        ``"flanders"``.
    region
        Read ``area`` as a region instead of a municipality.
    language
        Language of the comments and of the study's outputs (``nl`` or ``en``).
    filename
        The file the text will be written to, for the command in its header (default: a
        name made from the area's name, :attr:`StudyTemplate.filename`).

    Raises
    ------
    DataError
        ``area`` names no Flemish municipality (or region); the message lists close names.
    """
    lang = _i18n.lang(language)
    match = areas.find_area(area, region=region)
    reg = areas.region(match.code)
    survey = Survey.of(reg)
    default = slug(reg.name if match.level != "gewest" else "vlaanderen") + ".toml"
    text = Writer(lang).document(match, reg, survey, filename=filename or default)
    _check(text)
    return StudyTemplate(
        text=text,
        area=match,
        filename=default,
        facts=tuple(facts(reg, survey, lang)),
        note=match_note(match, lang),
    )


def _check(text: str) -> None:
    """Read the text back as a study: a template that does not validate is a bug."""
    from wijkanalyse.study import Study

    raw: dict[str, Any] = tomllib.loads(text)
    Study.from_dict(raw, name="init")
