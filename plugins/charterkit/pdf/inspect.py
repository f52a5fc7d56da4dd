"""Facts about a PDF for its download link, GOV.UK style: "Large print PDF, 4 pages, 96 KB"."""

from __future__ import annotations

import math
from pathlib import Path

__all__ = ["details", "govuk_label", "human_size", "page_count"]


def page_count(path: Path) -> int:
    """The number of pages of the PDF at ``path``."""
    from pypdf import PdfReader  # here: a build without PDFs need not load it

    return len(PdfReader(path).pages)


def human_size(size: int) -> str:
    """A file size as GOV.UK writes it: "850 bytes", "96 KB", "1.4 MB" (1 KB = 1024 bytes, rounded up,
    so a size is never understated)."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    kb = math.ceil(size / 1024)
    if kb < 1024:
        return f"{kb} KB"
    mb = math.ceil(size / 1024 / 1024 * 10) / 10
    return f"{mb:g} MB"


def details(path: Path, pages: int | None = None) -> str:
    """Pages and size: "4 pages, 96 KB". ``pages`` saves reading the file when it is known."""
    pages = page_count(path) if pages is None else pages
    return f"{pages} page{'s' if pages != 1 else ''}, {human_size(path.stat().st_size)}"


def govuk_label(label: str, path: Path) -> str:
    """The whole link text: "Large print PDF, 4 pages, 96 KB"."""
    return f"{label}, {details(path)}"
