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
from charterkit.formats.png import png_size

__all__ = ["write_odt"]

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'office:version="1.3"'
)
_PICTURE_CM = 3.0


def _e(text: str) -> str:
    return escape(text, quote=True)


def _language(tag: str) -> str:
    """``fo:language`` and ``fo:country`` of a language tag such as en-GB."""
    parts = tag.split("-")
    country = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
    out = f'fo:language="{_e(parts[0])}"'
    return out + (f' fo:country="{_e(country.upper())}"' if country else "")


def _styles(content: Content) -> str:
    easy = content.variant == "easy-read"
    size = 16 if easy else 12
    heading_sizes = {1: 1.75, 2: 1.4, 3: 1.2, 4: 1.1, 5: 1.0, 6: 1.0}
    headings = "".join(
        f'<style:style style:name="Heading_20_{n}" style:display-name="Heading {n}" '
        f'style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" '
        f'style:default-outline-level="{n}" style:class="text">'
        f'<style:text-properties fo:font-size="{size * k:g}pt" fo:font-weight="bold"/></style:style>'
        for n, k in heading_sizes.items()
    )
    lang = _language(content.lang)

    def levels(kind: str) -> str:
        out = []
        for level in range(1, 11):
            indent = f"{0.75 * level:.2f}cm"
            if kind == "bullet":
                head = f'<text:list-level-style-bullet text:level="{level}" text:bullet-char="•">'
                tail = "</text:list-level-style-bullet>"
            else:
                head = (
                    f'<text:list-level-style-number text:level="{level}" style:num-format="1" '
                    'style:num-suffix=".">'
                )
                tail = "</text:list-level-style-number>"
            out.append(
                head
                + '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
                f'<style:list-level-label-alignment text:label-followed-by="listtab" '
                f'text:list-tab-stop-position="{indent}" fo:text-indent="-0.6cm" fo:margin-left="{indent}"/>'
                "</style:list-level-properties>" + tail
            )
        return "".join(out)

    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {_NS}>'
        '<office:font-face-decls><style:font-face style:name="Arial" svg:font-family="Arial" '
        'style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>'
        "<office:styles>"
        '<style:default-style style:family="paragraph">'
        '<style:paragraph-properties fo:line-height="150%"/>'
        f'<style:text-properties style:font-name="Arial" fo:font-size="{size}pt" {lang}/>'
        "</style:default-style>"
        '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
        '<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" '
        'style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties '
        'fo:margin-top="0.5cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/></style:style>'
        f"{headings}"
        '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" '
        'style:parent-style-name="Standard" style:class="text"><style:paragraph-properties '
        'fo:margin-top="0cm" fo:margin-bottom="0.25cm"/></style:style>'
        '<style:style style:name="Table_20_Contents" style:display-name="Table Contents" '
        'style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>'
        '<style:style style:name="Internet_20_link" style:display-name="Internet link" style:family="text">'
        '<style:text-properties fo:color="#1d5a8e" style:text-underline-style="solid" '
        'style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>'
        '<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" '
        'style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
        f'<text:list-style style:name="List_20_Bullet" style:display-name="List Bullet">{levels("bullet")}'
        "</text:list-style>"
        f'<text:list-style style:name="Numbering_20_123" style:display-name="Numbering 123">'
        f"{levels('number')}</text:list-style>"
        "</office:styles>"
        "<office:automatic-styles>"
        '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" '
        'fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" '
        'fo:margin-right="2cm"/></style:page-layout>'
        "</office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/>'
        "</office:master-styles></office:document-styles>"
    )


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
