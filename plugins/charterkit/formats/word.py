"""Word documents (.docx) with python-docx.

Real heading styles (Heading 1, 2, …), real lists (List Bullet, List Number, each numbered list starting
at 1), the document's language on the default run properties, title, author and subject in the core
properties, and links that are real hyperlinks with their text. The easy read is a two-column table
(picture left, words right, 16 pt) without a header row or table styling, so that it is a layout table:
Word's accessibility checker and screen readers do not present it as data. A picture that only repeats
its words is marked decorative, as on the web page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from charterkit.formats.archive import normalise_zip
from charterkit.formats.content import Content, EasyRow, Heading, ItemList, Paragraph, Span

__all__ = ["write_docx"]

_DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_PROPERTY_LIMIT = 255
_LINK_COLOUR = RGBColor(0x1D, 0x5A, 0x8E)


def _setup(doc: DocumentObject, content: Content) -> None:
    easy = content.variant == "easy-read"
    base = 16 if easy else 12
    styles = doc.styles
    # The language of every run, unless a run says otherwise: the document's default run properties.
    defaults = styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    rpr = defaults.find(qn("w:rPrDefault"))
    assert rpr is not None
    run_props = rpr.find(qn("w:rPr"))
    assert run_props is not None
    lang = run_props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_props.append(lang)
    lang.set(qn("w:val"), content.lang)
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(base)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(base * 0.5)
    normal_lang = OxmlElement("w:lang")
    normal_lang.set(qn("w:val"), content.lang)
    normal.element.get_or_add_rPr().append(normal_lang)
    for level, factor in {1: 1.75, 2: 1.4, 3: 1.2, 4: 1.1, 5: 1.0, 6: 1.0}.items():
        style = styles[f"Heading {level}"]
        style.font.name = "Arial"
        style.font.size = Pt(base * factor)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = _LINK_COLOUR
    date = datetime.fromisoformat(content.date).replace(tzinfo=UTC)
    props = doc.core_properties
    props.title = _property(content.title)
    props.author = _property(content.author)
    props.subject = _property(content.subject)
    props.language = content.lang
    props.last_modified_by = _property(content.author)
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    props.created = date
    props.modified = date


def _property(text: str) -> str:
    """``text`` as a document property, which Word limits to 255 characters: a longer one is shortened
    with an ellipsis (the document's text keeps every word)."""
    return text if len(text) <= _PROPERTY_LIMIT else text[: _PROPERTY_LIMIT - 1].rstrip() + "…"


def _hyperlink(paragraph: DocxParagraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _runs(paragraph: DocxParagraph, runs: tuple[Span, ...]) -> None:
    for r in runs:
        if r.href:
            _hyperlink(paragraph, r.text, r.href)
        else:
            paragraph.add_run(r.text).bold = r.strong or None


def _numbered_list(doc: DocumentObject) -> int:
    """A new numbering that starts at 1, in the List Number style's format (Word otherwise continues
    every numbered list from the one before)."""
    style = doc.styles["List Number"]
    num_id = style.element.pPr.numPr.numId.val
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    abstract = numbering.num_having_numId(num_id).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(num.numId)


def _decorative(shape_inline: object, alt: str) -> None:
    doc_pr = shape_inline.docPr  # type: ignore[attr-defined]
    doc_pr.set("descr", alt)
    if alt:
        return
    ext_list = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext")
    ext.set("uri", _DECORATIVE)
    mark = etree.SubElement(ext, f"{{{_DECORATIVE_NS}}}decorative", nsmap={"adec": _DECORATIVE_NS})
    mark.set("val", "1")
    ext_list.append(ext)
    doc_pr.append(ext_list)


def _layout_table(doc: DocumentObject) -> Table:
    table = doc.add_table(rows=0, cols=2)
    table.autofit = False
    props = table._tbl.tblPr
    for old in props.findall(qn("w:tblLook")):  # python-docx marks a header row and first column
        props.remove(old)
    look = OxmlElement("w:tblLook")
    for name, value in (("val", "0000"), ("firstRow", "0"), ("lastRow", "0"), ("firstColumn", "0")):
        look.set(qn(f"w:{name}"), value)
    for name, value in (("lastColumn", "0"), ("noHBand", "1"), ("noVBand", "1")):
        look.set(qn(f"w:{name}"), value)
    props.append(look)
    return table  # type: ignore[no-any-return]


def write_docx(content: Content, png: Callable[[str], bytes | None]) -> bytes:
    """The Word document of ``content``; ``png`` gives a picture's PNG bytes by its name, or None for a
    picture that cannot be drawn (its description, if any, takes its place)."""
    doc = Document()
    _setup(doc, content)
    table: Table | None = None
    for node in content.nodes:
        if not isinstance(node, EasyRow):
            table = None
        if isinstance(node, Heading):
            doc.add_heading(node.text, level=node.level)
        elif isinstance(node, Paragraph):
            _runs(doc.add_paragraph(), node.spans)
        elif isinstance(node, ItemList):
            num = _numbered_list(doc) if node.numbered else 0
            for item in node.items:
                p = doc.add_paragraph(style="List Number" if node.numbered else "List Bullet")
                if num:
                    num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
                    num_pr.get_or_add_ilvl().val = 0
                    num_pr.get_or_add_numId().val = num
                _runs(p, item)
        elif isinstance(node, EasyRow):
            if table is None:
                table = _layout_table(doc)
            left, right = table.add_row().cells  # type: ignore[no-untyped-call]
            left.width, right.width = Cm(4), Cm(13)
            data = png(node.picture)
            if data is None:
                left.paragraphs[0].add_run(node.alt)
            else:
                picture = left.paragraphs[0].add_run().add_picture(io.BytesIO(data), width=Cm(3))
                _decorative(picture._inline, node.alt)
            _runs(right.paragraphs[0], node.spans)
    out = io.BytesIO()
    doc.save(out)
    return normalise_zip(out.getvalue(), first=["[Content_Types].xml"])
