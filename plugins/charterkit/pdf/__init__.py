"""Printable, tagged PDFs (PDF/UA-1) of charters: standard print, easy read, large print and a booklet.

The pieces, each in its own module: ``documents`` (which PDFs exist), ``printhtml`` (their HTML, from
templates), ``writer`` (WeasyPrint, atomic writes), ``cache`` (content-hash keys), ``jobs`` (parallel
rendering), ``inspect`` (pages and size for download links) and ``make`` (all of it, for a site).
Nothing here imports MkDocs.
"""

from __future__ import annotations

from .cache import PdfCache
from .documents import BOOKLET_PATH, KINDS, Document, documents_for
from .inspect import details, govuk_label, human_size, page_count
from .make import Made, PdfFailed, make_pdfs
from .printhtml import Site, build_date, print_html
from .writer import RenderError, write_pdf

__all__ = [
    "BOOKLET_PATH",
    "KINDS",
    "Document",
    "Made",
    "PdfCache",
    "PdfFailed",
    "RenderError",
    "Site",
    "build_date",
    "details",
    "documents_for",
    "govuk_label",
    "human_size",
    "make_pdfs",
    "page_count",
    "print_html",
    "write_pdf",
]
