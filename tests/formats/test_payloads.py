"""A charter full of HTML, XML and script payloads gives files that show them as text, never as markup."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from charterkit.format.icons import load_icon_set
from charterkit.formats import build_content, write
from charterkit.load.loader import load_charters
from docx import Document

from tests.conftest import MINIMAL, REPO
from tests.formats.support import docx_text, epub_text, odt_text
from tests.formats.test_writers import load


def test_payloads_stay_text_in_every_format() -> None:
    icons = load_icon_set()
    (item,) = load_charters([REPO / "tests" / "fixtures" / "payload-charter.yml"], base=REPO, icons=icons)
    title = item.charter.title
    for variant in ("standard", "easy-read"):
        content = build_content(item, variant, icons=icons)
        epub = write("epub", content)
        with zipfile.ZipFile(io.BytesIO(epub)) as z:
            for name in ("EPUB/text.xhtml", "EPUB/nav.xhtml", "EPUB/package.opf"):
                root = ET.fromstring(z.read(name))  # well-formed: nothing broke out of its element
                assert not root.findall(".//{http://www.w3.org/1999/xhtml}script"), name
        odt = write("odt", content)
        with zipfile.ZipFile(io.BytesIO(odt)) as z:
            for name in ("content.xml", "meta.xml", "styles.xml"):
                ET.fromstring(z.read(name))
        if variant == "standard":
            flat = " ".join(title.split())
            assert flat in " ".join(epub_text(epub).split())
            assert flat in " ".join(odt_text(odt).split())
            assert flat in " ".join(docx_text(write("docx", content)).split())
            assert flat in " ".join(write("txt", content).decode("utf-8").split())


def test_a_long_title_is_shortened_only_in_the_word_properties(tmp_path: Path) -> None:
    """Word keeps at most 255 characters in a document property; the document itself keeps every word."""
    long_title = "A charter" + " with a very long title" * 20
    item = load(tmp_path, MINIMAL.replace("title: A test charter", f"title: {long_title}", 1))
    doc = Document(io.BytesIO(write("docx", build_content(item, "standard"))))
    assert len(doc.core_properties.title) == 255 and doc.core_properties.title.endswith("…")
    assert doc.paragraphs[0].text == long_title
