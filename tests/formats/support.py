"""Reading the files back as a reader's program would: the text and headings of each format."""

from __future__ import annotations

import io
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from charterkit.formats.braille import CELLS, LINES, back_translate
from docx import Document

ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def docx_headings(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph with a heading style, in order."""
    doc = Document(io.BytesIO(data))
    return [(style_name(p), p.text) for p in doc.paragraphs if style_name(p).startswith("Heading")]


def style_name(paragraph: Any) -> str:
    """The name of a Word paragraph's style ("" when it has none)."""
    style = paragraph.style
    return str(style.name) if style is not None else ""


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def odt_root(data: bytes, member: str = "content.xml") -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return ET.fromstring(z.read(member))


def odt_headings(data: bytes) -> list[tuple[int, str]]:
    root = odt_root(data)
    return [
        (int(h.get(f"{{{ODF_TEXT}}}outline-level", "0")), "".join(h.itertext()))
        for h in root.iter(f"{{{ODF_TEXT}}}h")
    ]


def odt_text(data: bytes) -> str:
    root = odt_root(data)
    return "\n".join(
        "".join(el.itertext()) for el in root.iter() if el.tag in (f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h")
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")


def epub_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parser = _Text()
        parser.feed(z.read("EPUB/text.xhtml").decode("utf-8"))
    return " ".join(parser.parts)


def brf_pages(data: bytes) -> list[list[str]]:
    """The pages of a braille-ready file, each a list of lines (without their CR LF)."""
    text = data.decode("ascii")
    assert text.endswith("\f"), "every page, the last too, ends with a form feed"
    pages = text[:-1].split("\f")
    out = []
    for page in pages:
        assert page.endswith("\r\n") or page == "", "every line ends with CR LF"
        out.append(page[:-2].split("\r\n") if page else [])
    return out


def brf_body(page: list[str]) -> list[str]:
    """The text lines of a numbered page: without the page number line."""
    return page[1:]


def brf_text(data: bytes) -> str:
    """Everything after the title page, back into print line by line (words are never split)."""
    lines = [line for page in brf_pages(data)[1:] for line in brf_body(page) if line.strip()]
    return " ".join(back_translate(lines))


def epubcheck(path: Path) -> str:
    """EPUBCheck's report on ``path``, with its exit code (0 when there are no errors)."""
    proc = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), "-q", str(path)], capture_output=True, text=True, timeout=300
    )
    return f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}"


def check_brf_layout(data: bytes) -> list[list[str]]:
    """Assert the embosser layout; returns the pages."""
    assert re.fullmatch(rb"[\x20-\x5f\r\n\f]*", data), "only North American ASCII braille characters"
    pages = brf_pages(data)
    assert len(pages) >= 2, "a title page and at least one page of text"
    for number, page in enumerate(pages):
        assert len(page) <= LINES, f"page {number} has {len(page)} lines"
        for line in page:
            assert len(line) <= CELLS, f"page {number}: {len(line)} cells: {line!r}"
        if number:
            assert page[0].strip() == braille_number(number), f"page {number} is numbered at the top right"
            assert len(page[0]) == CELLS, "the page number ends at the right margin"
    return pages


def braille_number(n: int) -> str:
    return "#" + "".join("JABCDEFGHI"[int(d)] for d in str(n))


def odfpy_headings(data: bytes) -> list[tuple[int, str]]:
    """(outline level, text) of every heading, as odfpy, a second OpenDocument reader, loads the file."""
    from odf import teletype, text
    from odf.opendocument import load

    doc = load(io.BytesIO(data))
    return [
        (int(h.getAttribute("outlinelevel")), teletype.extractText(h)) for h in doc.getElementsByType(text.H)
    ]
