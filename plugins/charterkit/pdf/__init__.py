"""Printable, tagged PDFs (PDF/UA-1) of charters: standard print, easy read, large print and a booklet.

The pieces, each in its own module: ``documents`` (which PDFs exist), ``printhtml`` (their HTML, from
templates), ``writer`` (WeasyPrint, atomic writes), ``langtags`` (the language of parts, in the tags),
``cache`` (content-hash keys), ``jobs`` (parallel rendering), ``glyphs`` (where a letter the fonts lack
comes from), ``inspect`` (pages and size for download links) and ``make`` (all of it, for a site).
Nothing here imports MkDocs.
"""

from __future__ import annotations

from charterkit.pdf.cache import Note, PdfCache
from charterkit.pdf.documents import BOOKLET_PATH, BOOKLETS, KINDS, Document, documents_for
from charterkit.pdf.glyphs import missing_glyph_messages
from charterkit.pdf.inspect import details, govuk_label, human_size, page_count
from charterkit.pdf.make import CacheUnusable, Made, PdfFailed, make_pdfs
from charterkit.pdf.printhtml import Site, print_html
from charterkit.pdf.writer import RenderError, write_pdf

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
