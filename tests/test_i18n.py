"""The text catalogue: every message in Dutch and English, and the only place text is chosen."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

from wijkanalyse import _i18n

PACKAGE = Path(_i18n.__file__).parent
#: Modules that render text for a reader and must take it from the catalogue.
RENDERERS = sorted(
    [PACKAGE / "charts.py", *(PACKAGE / "maps").glob("*.py"), *(PACKAGE / "report").glob("*.py")]
)
TEMPLATES = sorted((PACKAGE / "report" / "templates").glob("*.j2"))


def _fields(text: str) -> set[str]:
    # a plural {n|one|other} stands for its count {n}
    text = re.sub(r"\{(\w+)\|[^{}|]*\|[^{}|]*\}", r"{\1}", text)
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(_i18n._TEXT))
def test_every_message_has_dutch_and_english_with_the_same_placeholders(key: str) -> None:
    entry = _i18n._TEXT[key]
    assert set(entry) == {"nl", "en"}
    assert entry["nl"].strip()
    assert entry["en"].strip()
    assert _fields(entry["nl"]) == _fields(entry["en"])


def test_pick_and_text_choose_the_language() -> None:
    assert _i18n.pick(("geen", "none"), "nl") == "geen"
    assert _i18n.pick(("geen", "none"), "en") == "none"
    assert _i18n.text("chart_rank_top", "nl", n=3, total=9) == (
        "3 van 9 getoond: de meeste behoefte eerst"
    )
    assert _i18n.text("percent", "nl", value="16,7") == "16,7\u00a0%"
    assert _i18n.text("percent", "en", value="16.7") == "16.7%"


def _language_switches(path: Path) -> list[str]:
    """Return ``file:line`` of every comparison with the literal "nl" or "en"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Constant) and s.value in ("nl", "en") for s in sides):
                found.append(f"{path.name}:{node.lineno}")
    return found


@pytest.mark.parametrize("path", RENDERERS, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_language_switch_outside_the_catalogue(path: Path) -> None:
    # text is chosen by _i18n.text(key, lang), never by `x if lang == "nl" else y`
    assert _language_switches(path) == []


def test_the_switch_finder_finds_switches(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text('def f(lang):\n    return "a" if lang == "nl" else "b"\n', encoding="utf-8")
    assert _language_switches(source) == ["m.py:2"]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_templates_take_their_text_from_the_catalogue(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    keys = re.findall(r"""\bt\((["'])([^"']*)\1\s*[,)]""", source)
    assert keys  # every template has text
    for _, key in keys:
        assert _i18n.has_text(key), f"{path.name}: t({key!r}) is not in the catalogue"
    # t() has one argument, the key (and named parameters): no inline Dutch/English pairs
    assert not re.search(r"""\bt\((["'])[^"']*\1\s*,\s*["']""", source)


def test_a_note_is_rendered_in_the_language_it_is_read_in() -> None:
    row = _i18n.note("facility_outside_row", name="Centrum 7", km=_i18n.Num(4.3))
    note = _i18n.note(
        "facilities_outside",
        n=1,
        total=1234,
        source="centra.csv",
        buffer=_i18n.Num(3.0),
        where="Leuven",
        rows=_i18n.Items((row,), limit=8),
    )
    assert note.render("nl") == (
        "1 van 1\u202f234 voorzieningen in centra.csv liggen verder dan 3,0 km buiten Leuven "
        "en tellen niet mee: Centrum 7 (4,3 km)"
    )
    assert note.render("en") == (
        "1 of 1,234 facilities in centra.csv lie more than 3.0 km outside Leuven and are not "
        "used: Centrum 7 (4.3 km)"
    )


def test_a_note_round_trips_through_json_unchanged() -> None:
    note = _i18n.note(
        "facilities_none",
        types=_i18n.Items((_i18n.Label("type", "lokaal_dienstencentrum"),)),
        source="osm.gpkg",
        coverage="Vlaanderen",
    )
    data = json.loads(json.dumps(note.to_json()))
    assert data["params"]["types"] == {
        "items": [{"label": "type", "code": "lokaal_dienstencentrum"}],
        "limit": 12,
    }
    assert _i18n.Note.from_json(data) == note
    assert _i18n.render(data, "nl").startswith("Geen voorzieningen van type lokaal dienstencentrum")
    assert _i18n.render(data, "en").startswith("No facilities of type local service centre")
    # the text of a record written before notes were kept as keys is shown as it is
    assert _i18n.render("energy of the 2019 sectors moved", "nl") == (
        "energy of the 2019 sectors moved"
    )


def test_a_note_needs_a_key_of_the_catalogue() -> None:
    with pytest.raises(KeyError, match="no message 'no_such_note'"):
        _i18n.note("no_such_note")


def test_a_long_list_in_a_note_is_shortened_in_its_language() -> None:
    many = _i18n.Items(tuple(f"w{i}" for i in range(15)), limit=3)
    note = _i18n.note("source_partial", source="s", coverage="c", missing=many)
    assert "niet w0, w1, w2, … (nog 12): daar" in note.render("nl")
    assert "not w0, w1, w2, … (12 more):" in note.render("en")


def test_a_note_of_another_version_is_shown_not_dropped() -> None:
    unknown = {"key": "a_note_of_a_later_version", "params": {"n": 3}}
    assert _i18n.render(unknown, "nl") == 'a_note_of_a_later_version {"n": 3}'
    renamed = {"key": "facility_outside_row", "params": {"naam": "X"}}  # a value renamed
    assert _i18n.render(renamed, "en") == 'facility_outside_row {"naam": "X"}'


def test_a_word_after_a_count_takes_its_plural() -> None:
    assert _i18n.text("area_line", "nl", name="Hoogland", n=1, pop="1 051", note="") == (
        "Gebied Hoogland: 1 sector, 1 051 inwoners"
    )
    assert _i18n.text("area_line", "nl", name="Wijgmaal", n=3, pop="3 736", note="") == (
        "Gebied Wijgmaal: 3 sectoren, 3 736 inwoners"
    )
    assert _i18n.text("area_line", "en", name="X", n="1", pop="5", note="").startswith(
        "Area X: 1 sector, "
    )
    # a count written in the language (thousands with a narrow no-break space) is a count
    assert (
        _i18n.text("chart_points_withheld", "nl", n="1\u202f001")
        == "(1\u202f001 punten afgeschermd)"
    )
    assert _i18n.text("chart_points_withheld", "en", n=1) == "(1 point withheld)"


@pytest.mark.parametrize("key", sorted(_i18n._TEXT))
def test_no_message_hedges_its_plural(key: str) -> None:
    # "1 sectoren", "sector(en)", "omvat(ten)", "site(s)": a count chooses its word instead
    for language, message in _i18n._TEXT[key].items():
        assert not re.search(r"[a-z]\((en|s|ten|n)\)", message), (key, language)
