"""Every other format of a charter: Word, OpenDocument, plain text, EPUB 3 and braille-ready files.

Made from the same view as the web pages and PDFs, for the standard text and the easy read. The pieces,
each in its own module: ``content`` (the document, format-neutral), ``registry`` (the formats),
``text``, ``word``, ``odt``, ``epub``, ``braille`` (one writer each), ``pictures`` (easy-read pictures as
PNG), ``archive`` (zips that are the same on every build), ``store`` (the cache) and ``make`` (all of it,
for a site, checked first and written in parallel). Nothing here imports MkDocs.
"""

from __future__ import annotations

from charterkit.formats.content import Content, build_content
from charterkit.formats.make import Batch, FileDoc, FilesFailed, Made, documents_for, make_files
from charterkit.formats.registry import FORMATS, Format, write
from charterkit.formats.store import FolderStore, Store

__all__ = [
    "FORMATS",
    "Batch",
    "Content",
    "FileDoc",
    "FilesFailed",
    "FolderStore",
    "Format",
    "Made",
    "Store",
    "build_content",
    "documents_for",
    "make_files",
    "write",
]
