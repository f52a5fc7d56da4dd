"""Every other format of a charter: Word, OpenDocument, plain text, EPUB 3 and braille-ready files.

Made from the same view as the web pages and PDFs, for the standard text and the easy read. The pieces,
each in its own module: ``content`` (the document, format-neutral), ``registry`` (the formats),
``text``, ``word``, ``odt``, ``epub``, ``braille`` (one writer each), ``pictures`` (easy-read pictures as
PNG), ``png`` (each picture as the PNG Word and OpenDocument embed), ``archive`` (zips that are the same on
every build), ``keys`` and ``cache`` (the checked cache), ``checks`` (what could fail, found first) and
``make`` (all of it, for a site, written in parallel). Nothing here imports MkDocs.
"""

from __future__ import annotations

from charterkit.formats.cache import FileCache
from charterkit.formats.content import Content, build_content
from charterkit.formats.make import Batch, FileDoc, FilesFailed, Made, documents_for, make_files
from charterkit.formats.registry import FORMATS, Format, write

__all__ = [
    "FORMATS",
    "Batch",
    "Content",
    "FileCache",
    "FileDoc",
    "FilesFailed",
    "Format",
    "Made",
    "build_content",
    "documents_for",
    "make_files",
    "write",
]
