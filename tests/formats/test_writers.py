"""Each format written from one charter, read back as a reader's program reads it."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from charterkit.format.icons import IconSet, load_icon_set
from charterkit.formats import FileCache, build_content, documents_for, make_files, write
from charterkit.formats.braille import CELLS, ToolMissing, back_translate, translate
from charterkit.formats.content import Content
from charterkit.formats.make import FilesFailed
from charterkit.formats.pictures import PictureError, svg_to_png
from charterkit.formats.text import WIDTH
from charterkit.load.loader import LoadedCharter, load_charters
from docx import Document
from docx.oxml.ns import qn

from tests.conftest import MINIMAL, REPO
from tests.formats.support import (
    EPUBCHECK,
    brf_pages,
    check_brf_layout,
    docx_headings,
    epub_text,
    epubcheck,
    odt_headings,
    odt_root,
    odt_text,
    style_name,
)

ICONS = load_icon_set()

WITH_LISTS = MINIMAL.replace(
    """          - We will listen to each other.
""",
    """          - We will listen to each other.
  - title: What we will do
    kind: commitments
    text: Write to us at team@example.org or see https://example.org/charter for more.
    points:
      - First we will ask.
      - Then we will act.
    numbered: true
  - title: What we value
    kind: values
    points: [Honesty, Kindness]
""",
)


def load(tmp_path: Path, text: str, name: str = "test.yml", icons: IconSet | None = ICONS) -> LoadedCharter:
    folder = tmp_path / "charters"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return load_charters([folder / name], base=tmp_path, icons=icons)[0]


@pytest.fixture
def charter(tmp_path: Path) -> LoadedCharter:
    return load(tmp_path, WITH_LISTS)


@pytest.fixture(scope="module")
def bristol() -> LoadedCharter:
    return load_charters([REPO / "charters" / "changing-futures-bristol.yml"], base=REPO, icons=ICONS)[0]


def contents(item: LoadedCharter) -> tuple[Content, Content]:
    return build_content(item, "standard", icons=ICONS), build_content(item, "easy-read", icons=ICONS)


def test_word_has_real_headings_lists_links_language_and_properties(charter: LoadedCharter) -> None:
    standard, _ = contents(charter)
    data = write("docx", standard)
    assert docx_headings(data) == [
        ("Heading 1", "A test charter"),
        ("Heading 2", "Our principles"),
        ("Heading 3", "Listening"),
        ("Heading 2", "What we will do"),
        ("Heading 2", "What we value"),
        ("Heading 2", "Other formats"),
        ("Heading 2", "Source and credit"),
    ]
    doc = Document(io.BytesIO(data))
    styles = {p.text: style_name(p) for p in doc.paragraphs}
    assert styles["First we will ask."] == styles["Then we will act."] == "List Number"
    assert styles["Honesty"] == styles["Kindness"] == "List Bullet"
    assert doc.core_properties.title == "A test charter"
    assert doc.core_properties.language == "en-GB"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    links = {rel.target_ref for rel in doc.part.rels.values() if rel.is_external}
    assert links == {"mailto:team@example.org", "https://example.org/charter"}
    paragraph = next(p for p in doc.paragraphs if "Write to us" in p.text)
    assert paragraph.text == "Write to us at team@example.org or see https://example.org/charter for more."
    assert [h.text for h in paragraph.hyperlinks] == ["team@example.org", "https://example.org/charter"]


def test_numbered_lists_each_start_at_one(tmp_path: Path) -> None:
    text = WITH_LISTS + "  - title: More\n    points: [Three, Four]\n    numbered: true\n"
    text = text.replace("easy_read:", "easy_read:", 1)
    # The second numbered list must come before easy_read in the YAML: rebuild it in the sections.
    head, easy = WITH_LISTS.split("easy_read:")
    item = load(
        tmp_path, head + "  - title: More\n    points: [Three, Four]\n    numbered: true\neasy_read:" + easy
    )
    doc = Document(io.BytesIO(write("docx", build_content(item, "standard"))))
    nums = [
        p._p.pPr.numPr.numId.val  # type: ignore[attr-defined]
        for p in doc.paragraphs
        if style_name(p) == "List Number" and p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert len(nums) == 4 and nums[0] == nums[1] != nums[2] == nums[3], "two lists, two numberings"


def test_word_easy_read_is_a_layout_table_with_pictures_at_16pt(charter: LoadedCharter) -> None:
    _, easy = contents(charter)
    doc = Document(io.BytesIO(write("docx", easy)))
    assert doc.styles["Normal"].font.size.pt >= 16
    (table,) = doc.tables
    assert len(table.columns) == 2
    assert table.rows[0].cells[1].text == "We will listen to you."
    blips = table.rows[0].cells[0]._tc.xpath(".//a:blip")
    assert blips, "a picture in the left cell"
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    assert look.get(qn("w:firstRow")) == "0", "no header row: a layout table"
    assert not table._tbl.xpath(".//w:tblHeader")
    assert table.style is None or table.style.name in ("Normal Table", "Table Normal")
    # The picture repeats the words, so it is marked decorative with no description.
    (doc_pr,) = table.rows[0].cells[0]._tc.xpath(".//wp:docPr")
    assert doc_pr.get("descr") == ""
    assert b"decorative" in zipfile.ZipFile(io.BytesIO(write("docx", easy))).read("word/document.xml")


def test_opendocument_has_outline_headings_lists_metadata_and_a_layout_table(charter: LoadedCharter) -> None:
    standard, easy = contents(charter)
    data = write("odt", standard)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert odt_headings(data)[:3] == [(1, "A test charter"), (2, "Our principles"), (3, "Listening")]
    root = odt_root(data)
    lists = root.findall(".//{urn:oasis:names:tc:opendocument:xmlns:text:1.0}list")
    assert len(lists) == 2
    meta = odt_root(data, "meta.xml")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert meta.findtext(f".//{dc}title") == "A test charter"
    assert meta.findtext(f".//{dc}language") == "en-GB"
    styles = odt_root(data, "styles.xml")
    fo = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
    assert any(el.get(f"{fo}country") == "GB" for el in styles.iter())
    easy_data = write("odt", easy)
    tables = odt_root(easy_data).findall(".//{urn:oasis:names:tc:opendocument:xmlns:table:1.0}table")
    assert len(tables) == 1
    assert not odt_root(easy_data).findall(
        ".//{urn:oasis:names:tc:opendocument:xmlns:table:1.0}table-header-rows"
    )
    with zipfile.ZipFile(io.BytesIO(easy_data)) as z:
        assert "Pictures/material-ear-hearing.png" in z.namelist()
    assert "We will listen to you." in odt_text(easy_data)


def test_plain_text_is_wrapped_with_underlined_headings(bristol: LoadedCharter) -> None:
    standard, easy = contents(bristol)
    for content in (standard, easy):
        text = write("txt", content).decode("utf-8")
        lines = text.splitlines()
        assert all(len(line) <= WIDTH or " " not in line.strip() for line in lines)
        assert lines[1] == "=" * len(lines[0]), "the title is underlined with ="
    rows = write("txt", standard).decode("utf-8").splitlines()
    i = rows.index("What is coproduction?")
    assert rows[i + 1] == "-" * len("What is coproduction?")


@pytest.mark.skipif(not EPUBCHECK.is_file() or not shutil.which("java"), reason="needs Debian's epubcheck")
def test_epub_passes_epubcheck_with_accessibility_metadata(tmp_path: Path, bristol: LoadedCharter) -> None:
    _, easy = contents(bristol)
    path = tmp_path / "easy.epub"
    path.write_bytes(write("epub", easy))
    report = epubcheck(path)
    assert report.startswith("exit 0"), report
    assert "ERROR" not in report, report
    with zipfile.ZipFile(path) as z:
        opf = z.read("EPUB/package.opf").decode()
        nav = z.read("EPUB/nav.xhtml").decode()
    for needed in (
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessMode">visual</meta>',
        '<meta property="schema:accessibilityFeature">alternativeText</meta>',
        '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
        '<meta property="schema:accessibilityHazard">none</meta>',
        'property="schema:accessibilitySummary"',
        '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>',
        "<dc:language>en-GB</dc:language>",
        '<dc:identifier id="id">urn:uuid:',
    ):
        assert needed in opf
    assert 'epub:type="toc"' in nav and "About these principles" in nav
    assert "We want to learn from good work across the city." in epub_text(path.read_bytes())


def test_braille_layout_and_back_translation(bristol: LoadedCharter) -> None:
    standard, easy = contents(bristol)
    for content in (standard, easy):
        pages = check_brf_layout(write("brf", content))
        assert "not been proofread" in said(pages[0])
    pages = brf_pages(write("brf", easy))
    # Words are never split: every word on a line is a whole word of the translated text.
    words = {w for para in translate([easy.title, *_prints(easy)]) for w in para.split()}
    for page in pages[1:]:
        for line in page[1:]:
            for word in line.split():
                assert word in words or len(word) == CELLS - len(line) + len(line.lstrip()), word
    # Back-translating a page gives its text.
    page_one = said(pages[1][1:])
    assert "About these principles" in page_one
    assert "Some people face multiple disadvantage." in page_one


def said(lines: list[str]) -> str:
    """Braille lines back in print, as one line of words."""
    return " ".join(" ".join(back_translate([x for x in lines if x.strip()])).split())


def _prints(content: Content) -> list[str]:
    from charterkit.formats.braille import print_blocks

    return print_blocks(content)[0]


def test_braille_title_page_names_the_transcriber_once_recorded(tmp_path: Path) -> None:
    checked = WITH_LISTS + "braille_checked_by:\n  - who: A transcriber\n    date: 2026-01\n"
    item = load(tmp_path, checked)
    pages = brf_pages(write("brf", build_content(item, "standard")))
    title = said(pages[0])
    assert "Braille proofread by A transcriber, January 2026." in title
    assert "not been proofread" not in title


def test_the_same_charter_gives_the_same_bytes(charter: LoadedCharter) -> None:
    for content in contents(charter):
        for name in ("docx", "odt", "txt", "epub", "brf"):
            assert write(name, content) == write(name, content), name


def test_a_cache_makes_each_file_once_and_an_edit_remakes_only_its_charter(tmp_path: Path) -> None:
    one = load(tmp_path, MINIMAL, "one.yml")
    two = load(tmp_path, MINIMAL.replace("A test charter", "Another charter"), "two.yml")
    cache = FileCache(tmp_path / "cache")
    made = make_files(documents_for([one, two]), cache, icons=ICONS, workers=1)
    assert len(made) == 20 and all(m.written for m in made)
    assert not any(m.written for m in make_files(documents_for([one, two]), cache, icons=ICONS, workers=1))
    edited = load(tmp_path, MINIMAL.replace("We will listen to you.", "We will hear you."), "one.yml")
    again = make_files(documents_for([edited, two]), cache, icons=ICONS, workers=1)
    assert {m.doc.path for m in again if m.written} == {
        f"charters/one/one-easy-read.{ext}" for ext in ("docx", "odt", "txt", "epub", "brf")
    }


def test_a_character_braille_cannot_translate_stops_with_its_place(tmp_path: Path) -> None:
    item = load(
        tmp_path, MINIMAL.replace("We will listen to each other.", "We will listen 中 to each other.")
    )
    with pytest.raises(FilesFailed) as caught:
        make_files(documents_for([item]), FileCache(tmp_path / "cache"), icons=ICONS, workers=1)
    assert str(caught.value) == (
        'charters/test.yml:14: sections[0].principles[0].text[0]: the braille file cannot be made: "中" '
        "(U+4E2D) is a character the braille tables (liblouis, Unified English Braille) cannot translate. "
        "Replace it with the letters or words it stands for, or with a character in common use."
    )


def test_a_picture_that_cannot_be_drawn_gives_way_to_its_description(tmp_path: Path) -> None:
    """A picture from another set that uses shapes our one-colour drawing cannot do, and has no PNG drawn
    beforehand as charterkit's own pictures have: Word and OpenDocument show the point's description
    instead, the EPUB keeps the SVG, and the build goes on."""
    icons_dir = tmp_path / "icons" / "test"
    icons_dir.mkdir(parents=True)
    (icons_dir / "circle.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/></svg>'
    )
    icons = IconSet(tmp_path / "icons")
    text = MINIMAL.replace("picture: material/ear-hearing", "picture: test/circle\n          alt: A circle")
    item = load(tmp_path, text, icons=icons)
    made = make_files(documents_for([item]), FileCache(tmp_path / "cache"), icons=icons, workers=1)
    easy = {m.doc.format.name: m.file.read_bytes() for m in made if m.doc.variant == "easy-read"}
    doc = Document(io.BytesIO(easy["docx"]))
    assert doc.tables[0].rows[0].cells[0].text == "A circle"
    assert "A circle" in odt_text(easy["odt"])
    with zipfile.ZipFile(io.BytesIO(easy["epub"])) as z:
        assert "EPUB/images/test-circle.svg" in z.namelist()


def test_a_missing_liblouis_names_the_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissing, match="apt-get install liblouis-bin liblouis-data"):
        translate(["We will listen."])


def test_pictures_are_drawn_with_their_holes() -> None:
    assert ICONS is not None
    from PIL import Image

    picture = Image.open(io.BytesIO(svg_to_png(ICONS.svg("material/clock-outline"))))
    alpha = picture.getchannel("A")
    centre, face = alpha.getpixel((128, 128)), alpha.getpixel((90, 90))
    assert isinstance(centre, int) and isinstance(face, int)
    assert centre > 200, "the hands at the centre are ink"
    assert face < 50, "the face inside the ring is a hole"
    with pytest.raises(PictureError):
        svg_to_png("<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0h1v1z'/></svg>")
