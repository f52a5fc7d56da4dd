"""The styles of an OpenDocument text (``styles.xml``): Arial, 12 pt (16 pt for easy read), the standard
"Heading N", "Text body" and list styles, the document's language, A4 pages."""

from __future__ import annotations

from html import escape

from charterkit.formats.content import Content

__all__ = ["NS", "styles"]

NS = (
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
"""The namespaces every OpenDocument part declares."""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _language(tag: str) -> str:
    """``fo:language`` and ``fo:country`` of a language tag such as en-GB."""
    parts = tag.split("-")
    country = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
    out = f'fo:language="{_e(parts[0])}"'
    return out + (f' fo:country="{_e(country.upper())}"' if country else "")


_BASE_STYLES = (
    '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
    '<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" '
    'style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties '
    'fo:margin-top="0.5cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/></style:style>'
)
"""The plain paragraph style and the style every heading builds on."""


_TEXT_STYLES = (
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
)
"""Body text, table text, links and strong words."""


_PAGE = (
    "<office:automatic-styles>"
    '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" '
    'fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" '
    'fo:margin-right="2cm"/></style:page-layout>'
    "</office:automatic-styles>"
    '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/>'
    "</office:master-styles></office:document-styles>"
)
"""A4 pages with 2 cm margins."""


def _levels(kind: str) -> str:
    """The ten levels of a bullet or number list style, each indented 0.75 cm more."""
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
            head + '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            f'<style:list-level-label-alignment text:label-followed-by="listtab" '
            f'text:list-tab-stop-position="{indent}" fo:text-indent="-0.6cm" fo:margin-left="{indent}"/>'
            "</style:list-level-properties>" + tail
        )
    return "".join(out)


def styles(content: Content) -> str:
    """``styles.xml`` for ``content``."""
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

    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NS}>'
        '<office:font-face-decls><style:font-face style:name="Arial" svg:font-family="Arial" '
        'style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>'
        "<office:styles>"
        '<style:default-style style:family="paragraph">'
        '<style:paragraph-properties fo:line-height="150%"/>'
        f'<style:text-properties style:font-name="Arial" fo:font-size="{size}pt" {lang}/>'
        "</style:default-style>"
        f"{_BASE_STYLES}"
        f"{headings}"
        f"{_TEXT_STYLES}"
        f'<text:list-style style:name="List_20_Bullet" style:display-name="List Bullet">{_levels("bullet")}'
        "</text:list-style>"
        f'<text:list-style style:name="Numbering_20_123" style:display-name="Numbering 123">'
        f"{_levels('number')}</text:list-style>"
        "</office:styles>" + _PAGE
    )
