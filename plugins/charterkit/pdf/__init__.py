"""Printable, tagged PDFs (PDF/UA-1) of charters: standard print, easy read, large print and a booklet.

The pieces, each in its own module: ``documents`` (which PDFs exist), ``printhtml`` (their HTML, from
templates), ``writer`` (WeasyPrint, atomic writes), ``langtags`` (the language of parts, in the tags),
``cache`` (content-hash keys), ``jobs`` (parallel rendering), ``glyphs`` (where a letter the fonts lack
comes from), ``inspect`` (pages and size for download links) and ``make`` (all of it, for a site).
Nothing here imports MkDocs.

The names below are imported on first use: a build with PDFs off never loads WeasyPrint, pypdf or
fontTools (more than a second of start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from charterkit.pdf.cache import Note, PdfCache
    from charterkit.pdf.documents import BOOKLET_PATH, BOOKLETS, KINDS, Document, documents_for
    from charterkit.pdf.glyphs import missing_glyph_messages
    from charterkit.pdf.inspect import details, govuk_label, human_size, page_count
    from charterkit.pdf.make import CacheUnusable, Made, PdfFailed, make_pdfs
    from charterkit.pdf.printhtml import Site, print_html
    from charterkit.pdf.writer import RenderError, write_pdf

_WHERE = {
    "BOOKLETS": "charterkit.pdf.documents",
    "BOOKLET_PATH": "charterkit.pdf.documents",
    "CacheUnusable": "charterkit.pdf.make",
    "Document": "charterkit.pdf.documents",
    "KINDS": "charterkit.pdf.documents",
    "Made": "charterkit.pdf.make",
    "Note": "charterkit.pdf.cache",
    "PdfCache": "charterkit.pdf.cache",
    "PdfFailed": "charterkit.pdf.make",
    "RenderError": "charterkit.pdf.writer",
    "Site": "charterkit.pdf.printhtml",
    "details": "charterkit.pdf.inspect",
    "documents_for": "charterkit.pdf.documents",
    "govuk_label": "charterkit.pdf.inspect",
    "human_size": "charterkit.pdf.inspect",
    "make_pdfs": "charterkit.pdf.make",
    "missing_glyph_messages": "charterkit.pdf.glyphs",
    "page_count": "charterkit.pdf.inspect",
    "print_html": "charterkit.pdf.printhtml",
    "write_pdf": "charterkit.pdf.writer",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BOOKLETS",
    "BOOKLET_PATH",
    "KINDS",
    "CacheUnusable",
    "Document",
    "Made",
    "Note",
    "PdfCache",
    "PdfFailed",
    "RenderError",
    "Site",
    "details",
    "documents_for",
    "govuk_label",
    "human_size",
    "make_pdfs",
    "missing_glyph_messages",
    "page_count",
    "print_html",
    "write_pdf",
]
