"""PDF support: whether WeasyPrint can write PDFs on this machine, and writing them."""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from wijkanalyse import _i18n

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _PdfSupport:
    """What the PDF probe found: can WeasyPrint write PDFs here, and what is missing."""

    available: bool
    #: plain-language note on what is missing and which Debian package to install ("": none)
    note: str = ""


def _import_weasyprint() -> ModuleType:
    import weasyprint

    return weasyprint


def _pdf_support(language: str | None = None) -> _PdfSupport:
    """Import WeasyPrint and say whether it can write PDFs on this machine.

    Importing WeasyPrint loads Pango and HarfBuzz through ctypes-like bindings: a missing
    Pango raises ``OSError`` (after WeasyPrint prints a banner, kept out of our output), a
    missing HarfBuzz-Subset emits a ``DeprecationWarning`` while PDFs still work. Neither may
    stop a run (or a test run with warnings as errors): every warning of the import is
    caught here and turned into a note in the user's language.
    """
    lang = _i18n.lang(language)
    banner = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(banner):
        warnings.simplefilter("always")
        try:
            module = _import_weasyprint()
        except OSError as exc:
            log.info("WeasyPrint cannot load a system library: %s", exc)
            reason = _i18n.text("pdf_no_pango", lang)
            return _PdfSupport(False, _i18n.text("pdf_skipped", lang, reason=reason))
        except ImportError as exc:
            log.info("WeasyPrint cannot be imported: %s", exc)
            reason = _i18n.text("pdf_no_weasyprint", lang, error=exc)
            return _PdfSupport(False, _i18n.text("pdf_skipped", lang, reason=reason))
    subset_missing = False
    for w in caught:
        if "HarfBuzz-Subset" in str(w.message):
            subset_missing = True
        else:
            log.debug("warning while importing WeasyPrint: %s: %s", w.category.__name__, w.message)
    # the warning is emitted only by the first import; the loaded library tells every time
    ffi = getattr(getattr(module, "text", None), "ffi", None)
    if ffi is not None and getattr(ffi, "harfbuzz_subset", False) is None:
        subset_missing = True
    if subset_missing:
        return _PdfSupport(True, _i18n.text("pdf_harfbuzz_subset", lang))
    return _PdfSupport(True)


#: Loggers kept quiet while a PDF is drawn: WeasyPrint logs every CSS property it does not
#: support (the reports use none that matter for print), fontTools every subsetting step.
_QUIET_LOGGERS = ("weasyprint", "fontTools")


@contextlib.contextmanager
def _quiet_logs(names: Sequence[str] = _QUIET_LOGGERS) -> Iterator[None]:
    """Log only errors from the loggers ``names`` inside the block, then restore their level.

    A logger whose level the application set (anything but ``NOTSET``) is left as it is: the
    application asked for those messages.
    """
    loggers = [logging.getLogger(name) for name in names]
    quieted = [lg for lg in loggers if lg.level == logging.NOTSET]
    for lg in quieted:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg in quieted:
            lg.setLevel(logging.NOTSET)


def _pdf_bytes(html_text: str, *, base: Path) -> bytes:
    """Return ``html_text`` as PDF bytes (relative links resolved from ``base``)."""
    import weasyprint

    with _quiet_logs():
        data: bytes = weasyprint.HTML(string=html_text, base_url=str(base)).write_pdf()
    return data
