"""Write one tagged PDF (PDF/UA-1) from print HTML with WeasyPrint, atomically.

The title, language, author and description come from the HTML's ``<head>``; WeasyPrint writes them into
the PDF's metadata along with the structure tree and ``pdfuaid:part 1``. No date is written, so the same
HTML always gives the same bytes. Only ``file:`` and ``data:`` URLs are read, so a PDF never depends on
the network.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from charterkit.pdf.langtags import mark_languages
from charterkit.pdf.linknames import name_links
from charterkit.pdf.subsetting import quiet_subset_fallback

__all__ = ["PDF_VARIANT", "RenderError", "Written", "atomic_target", "write_pdf"]

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class Written:
    """What rendering one PDF gave, besides the file."""

    pages: int
    warnings: list[str]
    missing: list[str] = field(default_factory=list)
    """Characters no font could show, each once: WeasyPrint drew an empty box for them."""


class RenderError(Exception):
    """WeasyPrint could not make a PDF, or reported an accessibility error (such as a picture with no
    description). The message says why, in one line."""


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed to it when the block succeeds and removed when it fails,
    so that a crash never leaves a half-written file under the real name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)  # mkstemp makes files only their owner can read; a PDF is public
        os.replace(tmp, target)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()


_NOTDEF = ".notdef glyph rendered"


class _Collect(logging.Handler):
    """Keeps WeasyPrint's own messages: errors fail the PDF, warnings are passed on."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.missing: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # WeasyPrint logs a missing glyph as ('... unsupported by fonts: "%s" (U+%04X)', char, codepoint).
        # The character itself is kept, so that the caller can say which charter has it and where.
        if (
            isinstance(record.msg, str)
            and record.msg.startswith(_NOTDEF)
            and isinstance(record.args, tuple)
            and record.args
            and isinstance(record.args[0], str)
        ):
            self.missing.append(record.args[0])
            return
        message = record.getMessage()
        if len(message) > 300:
            message = message[:300] + "…"
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(message)


def write_pdf(html: str, target: Path, *, base_url: str) -> Written:
    """Render ``html`` to ``target`` as PDF/UA-1; return its page count and WeasyPrint's warnings.

    Raises :class:`RenderError` if rendering fails or WeasyPrint logs an error; ``target`` is then left as
    it was.
    """
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except ImportError as exc:  # pragma: no cover - weasyprint is a dependency
        raise RenderError(
            f"WeasyPrint is not installed ({exc}). Install it with: pip install weasyprint"
        ) from None

    mark_languages()
    quiet_subset_fallback()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        # Missing files stop the render (fail_on_errors) rather than leaving a gap in the PDF.
        fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
        with atomic_target(target) as tmp:
            try:
                document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                    pdf_variant=PDF_VARIANT
                )
            # WeasyPrint's fatal fetching error derives from BaseException.
            except (Exception, _fatal_fetch_error()) as exc:
                raise RenderError(_reason(exc)) from None
            try:
                document.write_pdf(tmp, pdf_variant=PDF_VARIANT, finisher=name_links)
            except OSError:  # the disk (full, read-only), not the charter: the caller says so
                raise
            except Exception as exc:
                raise RenderError(_reason(exc)) from None
            if collect.errors:
                raise RenderError("; ".join(dict.fromkeys(collect.errors)))
    finally:
        logger.removeHandler(collect)
    warnings, missing = list(dict.fromkeys(collect.warnings)), list(dict.fromkeys(collect.missing))
    return Written(len(document.pages), warnings, missing)


def _fatal_fetch_error() -> type[BaseException]:
    from weasyprint.urls import FatalURLFetchingError

    return FatalURLFetchingError  # type: ignore[no-any-return]


def _reason(exc: BaseException) -> str:
    parts = [f"{exc}" or type(exc).__name__]
    cause = exc.__cause__ or exc.__context__
    if cause is not None and str(cause) and str(cause) not in parts[0]:
        parts.append(str(cause))
    return ": ".join(parts)
