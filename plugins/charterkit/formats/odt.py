"""OpenDocument text (.odt), written with the standard library: a zip of XML files.

The UK government's open standard for documents. Headings are ``text:h`` with their outline level and
the standard "Heading N" styles; lists are ``text:list`` with a bullet or number list style; the
document's language is set on the default style and in the metadata, with its title and author. The
easy read is a two-column table without a header row (picture left, words right, 16 pt): a layout
table, which office programs and screen readers do not present as data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from charterkit.formats.archive import make_zip
from charterkit.formats.content import Content, EasyRow, Heading, ItemList, Node, Paragraph, Span
from charterkit.formats.odt_styles import NS as _NS
from charterkit.formats.odt_styles import styles as _styles
from charterkit.formats.png import png_size

__all__ = ["write_odt"]

_PICTURE_CM = 3.0


def _e(text: str) -> str:
    return escape(text, quote=True)


def _inline(runs: tuple[Span, ...]) -> str:
    out = []
    for r in runs:
        text = _e(r.text)
        if r.strong:
            text = f'<text:span text:style-name="Strong_20_Emphasis">{text}</text:span>'
        if r.href:
            text = (
                f'<text:a xlink:type="simple" xlink:href="{_e(r.href)}" '
                f'text:style-name="Internet_20_link">{text}</text:a>'
            )
        out.append(text)
    return "".join(out)


def _picture_file(name: str) -> str:
    return "Pictures/" + name.replace("/", "-") + ".png"


def _frame(row: EasyRow, name: str, size: tuple[int, int]) -> str:
    """A picture in the words' line, 3 cm wide and as tall as its shape, with the point's description as
    its title and description (both empty for a picture that only repeats its words)."""
    width, height = size
    tall = round(_PICTURE_CM * height / width, 2) if width > 0 and height > 0 else _PICTURE_CM
    return (
        f'<draw:frame draw:style-name="fr1" draw:name="{name}" text:anchor-type="as-char" '
        f'svg:width="{_PICTURE_CM}cm" svg:height="{tall}cm">'
        f'<draw:image xlink:href="{_picture_file(row.picture)}" xlink:type="simple" xlink:show="embed" '
        'xlink:actuate="onLoad"/>'
        f"<svg:title>{_e(row.alt)}</svg:title><svg:desc>{_e(row.alt)}</svg:desc></draw:frame>"
    )


def _rows(rows: list[EasyRow], number: int, drawn: Mapping[str, tuple[int, int]]) -> str:
    cells = []
    for i, row in enumerate(rows, start=1):
        size = drawn.get(row.picture)
        frame = _e(row.alt) if size is None else _frame(row, f"Picture {number}.{i}", size)
        cells.append(
            '<table:table-row><table:table-cell table:style-name="ck.cell" office:value-type="string">'
            f'<text:p text:style-name="Table_20_Contents">{frame}</text:p></table:table-cell>'
            '<table:table-cell table:style-name="ck.cell" office:value-type="string">'
            f'<text:p text:style-name="Table_20_Contents">{_inline(row.spans)}</text:p>'
            "</table:table-cell></table:table-row>"
        )
    return (
        f'<table:table table:name="Easy read {number}" table:style-name="ck.layout">'
        '<table:table-column table:style-name="ck.picture"/><table:table-column table:style-name="ck.words"/>'
        + "".join(cells)
        + "</table:table>"
    )


def _node(node: Node) -> str:
    if isinstance(node, Heading):
        return (
            f'<text:h text:style-name="Heading_20_{node.level}" text:outline-level="{node.level}">'
            f'<text:bookmark text:name="{_e(node.id)}"/>{_e(node.text)}</text:h>'
        )
    if isinstance(node, Paragraph):
        return f'<text:p text:style-name="Text_20_body">{_inline(node.spans)}</text:p>'
    if isinstance(node, ItemList):
        style = "Numbering_20_123" if node.numbered else "List_20_Bullet"
        items = "".join(
            f'<text:list-item><text:p text:style-name="Text_20_body">{_inline(i)}</text:p></text:list-item>'
            for i in node.items
        )
        return f'<text:list text:style-name="{style}">{items}</text:list>'
    raise TypeError(node)


def _content(content: Content, drawn: Mapping[str, tuple[int, int]]) -> str:
    body: list[str] = []
    rows: list[EasyRow] = []
    tables = 0

    def flush() -> None:
        nonlocal tables
        if rows:
            tables += 1
            body.append(_rows(rows, tables, drawn))
            rows.clear()

    for node in content.nodes:
        if isinstance(node, EasyRow):
            rows.append(node)
            continue
        flush()
        body.append(_node(node))
    flush()
    automatic = (
        '<style:style style:name="ck.layout" style:family="table"><style:table-properties '
        'style:width="17cm" table:align="left"/></style:style>'
        '<style:style style:name="ck.picture" style:family="table-column">'
        '<style:table-column-properties style:column-width="4cm"/></style:style>'
        '<style:style style:name="ck.words" style:family="table-column">'
        '<style:table-column-properties style:column-width="13cm"/></style:style>'
        '<style:style style:name="ck.cell" style:family="table-cell"><style:table-cell-properties '
        'fo:padding="0.2cm" fo:border="none" style:vertical-align="middle"/></style:style>'
        '<style:style style:name="fr1" style:family="graphic"><style:graphic-properties '
        'style:vertical-pos="top" style:vertical-rel="baseline"/></style:style>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_NS}>'
        f"<office:automatic-styles>{automatic}</office:automatic-styles>"
        "<office:body><office:text>"
        + "".join(body)
        + "</office:text></office:body></office:document-content>"
    )


def _meta(content: Content) -> str:
    author = (
        f"<meta:initial-creator>{_e(content.author)}</meta:initial-creator><dc:creator>{_e(content.author)}</dc:creator>"
        if content.author
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {_NS}><office:meta>'
        "<meta:generator>charterkit</meta:generator>"
        f"<dc:title>{_e(content.title)}</dc:title><dc:description>{_e(content.subject)}</dc:description>"
        f"<dc:language>{_e(content.lang)}</dc:language>{author}"
        f"<meta:creation-date>{content.date}T00:00:00</meta:creation-date>"
        f"<dc:date>{content.date}T00:00:00</dc:date>"
        "</office:meta></office:document-meta>"
    )


def _manifest(pictures: list[str]) -> str:
    entries = [
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>',
        *(
            f'<manifest:file-entry manifest:full-path="{n}" manifest:media-type="text/xml"/>'
            for n in ("content.xml", "styles.xml", "meta.xml")
        ),
        *(
            f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type="image/png"/>'
            for p in pictures
        ),
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        + "".join(entries)
        + "</manifest:manifest>"
    )


def write_odt(content: Content, png: Callable[[str], bytes | None]) -> bytes:
    """The OpenDocument text of ``content``; ``png`` gives a picture's PNG bytes by its name, or None for a
    picture that cannot be drawn (its description, if any, takes its place)."""
    drawn = {p.name: png(p.name) for p in content.pictures}
    pictures = [(_picture_file(name), data) for name, data in drawn.items() if data is not None]
    sizes = {name: png_size(data) for name, data in drawn.items() if data is not None}
    members = [
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("META-INF/manifest.xml", _manifest([name for name, _ in pictures]).encode()),
        ("content.xml", _content(content, sizes).encode()),
        ("styles.xml", _styles(content).encode()),
        ("meta.xml", _meta(content).encode()),
        *pictures,
    ]
    return make_zip(members, stored_first="mimetype")
