"""What a reader sees of a report page, and the words of the other language found in it.

Shared by the language tests (``test_report_language.py``) and the browser test. A page's
visible text is its HTML without markup, styles, scripts, embedded images, ``<code>``
(identifiers, file names, checksums, links), ``class="verbatim"`` (an attribution quoted as
its publisher wrote it), a source's own words quoted in parentheses ``('…')`` and a
document's title in quotation marks ``“…”``. The names a study gives (wijken, areas, scenarios, proposed
sites, questions, the index) are the user's words and are taken out before the check.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

#: Words that are English and never Dutch (nor a Dutch domain noun).
ENGLISH = frozenset(
    [
        "the",
        "and",
        "with",
        "which",
        "from",
        "within",
        "outside",
        "between",
        "these",
        "those",
        "where",
        "their",
        "should",
        "could",
        "would",
        "were",
        "have",
        "has",
        "only",
        "each",
        "every",
        "than",
        "into",
        "moved",
        "dropped",
        "sectors",
        "residents",
        "people",
        "walk",
        "none",
        "unknown",
        "approximation",
        "caveat",
        "excluded",
        "largest",
        "smallest",
        "reach",
        "share",
        "shares",
        "centre",
        "centres",
        "nearest",
        "mean",
        "median",
        "income",
        "population",
        "missing",
        "not",
    ]
)

#: Words that are Dutch and never English (domain nouns such as wijk stay Dutch in English).
DUTCH = frozenset(
    [
        "de",
        "het",
        "een",
        "van",
        "met",
        "niet",
        "voor",
        "zijn",
        "wordt",
        "naar",
        "binnen",
        "inwoners",
        "aantal",
        "gegevens",
        "bereik",
        "onvoldoende",
        "gemiddelde",
        "mediaan",
        "aandeel",
        "nieuwe",
        "dichtste",
        "langs",
        "tussen",
    ]
)


def visible_text(page: str) -> str:
    """Return the text a reader sees (see the module docstring for what is left out)."""
    # a tooltip or an image's text is read too (hovering, a screen reader)
    said = " ".join(m.group(2) for m in re.finditer(r'\b(title|alt)="([^"]*)"', page))
    text = re.sub(r'(src|href)="[^"]*"', " ", page) + f"<p>{said}</p>"
    text = re.sub(r"<(script|style|code)\b[^>]*>.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r'<span class="verbatim">.*?</span>', " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\('[^']*'\)", " ", text)  # a source's own words, quoted
    text = re.sub(r"“[^”]*”", " ", text)  # a document's title, quoted
    return " ".join(text.split())


def without_names(text: str, names: Iterable[str]) -> str:
    """Return ``text`` with the study's names taken out, longest first."""
    for name in sorted({str(n) for n in names if str(n).strip()}, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def foreign_words(text: str, language: str) -> list[str]:
    """Return the words of the other language in ``text``, with a little context each."""
    words = ENGLISH if language == "nl" else DUTCH
    found = []
    for m in re.finditer(r"[\w-]+", text):  # an identifier (a_b, a-b) is no word of either
        if m.group(0).lower() in words:
            found.append(f"{m.group(0)}: …{text[max(0, m.start() - 40) : m.end() + 40]}…")
    return found
