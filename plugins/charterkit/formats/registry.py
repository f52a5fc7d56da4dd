"""Every format a charter is made in: its file extension, the words of its link and its writer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from charterkit.formats.content import Content

__all__ = ["FORMATS", "Format", "write"]


@dataclass(frozen=True)
class Format:
    """One kind of file."""

    name: str
    extension: str
    label: str
    """The words of its download link, such as "Word document"."""
    kind: str
    """Its type, written after the link as GOV.UK does: "DOCX"."""
    media_type: str
    pictures: bool = False
    """Whether the writer needs the easy-read pictures as PNG (the EPUB only for a council's own files)."""


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "docx",
            "docx",
            "Word document",
            "DOCX",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            pictures=True,
        ),
        Format(
            "odt",
            "odt",
            "Open Document text",
            "ODT",
            "application/vnd.oasis.opendocument.text",
            pictures=True,
        ),
        Format("txt", "txt", "Plain text", "TXT", "text/plain"),
        Format("epub", "epub", "EPUB e-book", "EPUB", "application/epub+zip", pictures=True),
        Format(
            "brf", "brf", "Braille-ready file", "BRF, Unified English Braille grade 2", "application/x-brf"
        ),
    )
}
"""In the order the links are shown."""


@cache
def _png(name: str, svg: str) -> bytes | None:
    # Cached for the life of a worker process: a picture used by many points is made once.
    from charterkit.formats.png import own_png, svg_png

    own = own_png(name)
    return own if own is not None else svg_png(svg)


def write(name: str, content: Content, pngs: Mapping[str, bytes] | None = None) -> bytes:
    """The bytes of ``content`` in the format called ``name``. ``pngs`` are the pictures already made, by
    name (a picture not among them is shown as its description); without ``pngs``, charterkit's own and
    one-colour pictures are made here."""
    svgs: Mapping[str, str] = {p.name: p.svg for p in content.pictures}

    def png(picture: str) -> bytes | None:
        if pngs is not None:
            return pngs.get(picture)
        return _png(picture, svgs[picture])

    writers: dict[str, Callable[[], bytes]] = {
        "docx": lambda: _docx(content, png),
        "odt": lambda: _odt(content, png),
        "txt": lambda: _txt(content),
        "epub": lambda: _epub(content, png),
        "brf": lambda: _brf(content),
    }
    return writers[name]()


# Imported when used, so that a site without braille never needs liblouis, and a worker loads only what
# its format needs.
def _docx(content: Content, png: Callable[[str], bytes | None]) -> bytes:
    from charterkit.formats.word import write_docx

    return write_docx(content, png)


def _odt(content: Content, png: Callable[[str], bytes | None]) -> bytes:
    from charterkit.formats.odt import write_odt

    return write_odt(content, png)


def _txt(content: Content) -> bytes:
    from charterkit.formats.text import write_text

    return write_text(content)


def _epub(content: Content, png: Callable[[str], bytes | None]) -> bytes:
    from charterkit.formats.epub import write_epub

    return write_epub(content, png)


def _brf(content: Content) -> bytes:
    from charterkit.formats.braille import write_brf

    return write_brf(content)
