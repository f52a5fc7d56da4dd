"""EPUB 3 e-books: XHTML content, a navigation document and EPUB Accessibility 1.1 metadata.

One content document holds the whole charter (charters are short); the navigation document lists its
headings, nested as they are. Easy-read pictures are the icon SVGs themselves, each an image beside its
words; a picture that only repeats the words has empty alt text, as on the web page. Dates are the
charter's own (see :class:`~charterkit.formats.content.Content`), so two builds give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

from charterkit.formats.archive import make_zip
from charterkit.formats.content import Content, EasyRow, Heading, ItemList, Paragraph, Span

__all__ = ["CONFORMS_TO", "write_epub"]

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

_CSS = """\
body { font-family: sans-serif; line-height: 1.5; text-align: left; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; }
.easy-read { font-size: 1.25em; }
.easy-read .row { display: flex; align-items: flex-start; gap: 1em; margin: 1em 0; }
.easy-read .row img { width: 4em; height: 4em; flex: none; }
.easy-read .row p { margin: 0; }
"""

_CONTAINER = """\
<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _inline(runs: tuple[Span, ...]) -> str:
    out = []
    for r in runs:
        text = _e(r.text)
        if r.href:
            text = f'<a href="{_e(r.href)}">{text}</a>'
        if r.strong:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


Images = dict[str, tuple[str, str, bytes]]
"""Each picture's file in the book, media type and bytes, by the picture's name."""


def _images(content: Content, png: Callable[[str], bytes | None]) -> Images:
    """The icon SVGs themselves; a council's picture file as the PNG Word uses (none if it has none)."""
    out: Images = {}
    for p in content.pictures:
        if p.svg:
            out[p.name] = ("images/" + p.name.replace("/", "-") + ".svg", "image/svg+xml", p.svg.encode())
        elif (data := png(p.name)) is not None:  # pictures/talk.jpg: images/pictures-talk-jpg.png
            out[p.name] = ("images/" + re.sub(r"[/.]", "-", p.name) + ".png", "image/png", data)
    return out


def _body(content: Content, images: Images) -> str:
    parts: list[str] = []
    for node in content.nodes:
        if isinstance(node, Heading):
            parts.append(f'<h{node.level} id="{_e(node.id)}">{_e(node.text)}</h{node.level}>')
        elif isinstance(node, Paragraph):
            parts.append(f"<p>{_inline(node.spans)}</p>")
        elif isinstance(node, ItemList):
            tag = "ol" if node.numbered else "ul"
            items = "".join(f"<li>{_inline(item)}</li>" for item in node.items)
            parts.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(node, EasyRow):
            found = images.get(node.picture)
            img = f'<img src="{_e(found[0])}" alt="{_e(node.alt)}"/>' if found else f"<p>{_e(node.alt)}</p>"
            parts.append(f'<div class="row">{img}<p>{_inline(node.spans)}</p></div>')
    return "\n".join(parts)


def _xhtml(content: Content, title: str, body: str, *, nav: bool = False) -> str:
    lang = _e(content.lang)
    ns = ' xmlns:epub="http://www.idpf.org/2007/ops"'
    kind = ' class="easy-read"' if content.variant == "easy-read" and not nav else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"{ns} lang="{lang}" xml:lang="{lang}">\n'
        f'<head><meta charset="UTF-8"/><title>{_e(title)}</title>'
        '<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
        f"<body{kind}>\n{body}\n</body>\n</html>\n"
    )


def _tree(headings: list[Heading]) -> list[tuple[Heading, list[Any]]]:
    """Headings nested by level: each with the headings under it."""
    root: list[tuple[Heading, list[Any]]] = []
    stack: list[tuple[int, list[Any]]] = [(0, root)]
    for h in headings:
        node: tuple[Heading, list[Any]] = (h, [])
        while stack[-1][0] >= h.level:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((h.level, node[1]))
    return root


def _ol(nodes: list[tuple[Heading, list[Any]]]) -> str:
    items = "".join(
        f'<li><a href="text.xhtml#{_e(h.id)}">{_e(h.text)}</a>{_ol(kids) if kids else ""}</li>'
        for h, kids in nodes
    )
    return f"<ol>{items}</ol>"


def _nav(content: Content) -> str:
    """The table of contents: headings nested by level, each linking to its place."""
    toc = _ol(_tree(content.headings()))
    return (
        f'<nav epub:type="toc" id="toc" role="doc-toc"><h1>Contents</h1>{toc}</nav>\n'
        '<nav epub:type="landmarks" hidden="hidden"><h2>Landmarks</h2><ol>'
        '<li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>'
        '<li><a epub:type="bodymatter" href="text.xhtml">Start of the charter</a></li></ol></nav>'
    )


def _accessibility(content: Content) -> list[str]:
    """The EPUB Accessibility 1.1 metadata: access modes, features, hazards, summary, conformance."""
    pictures = bool(content.pictures)
    summary = (
        "This e-book has every word of the charter, with real headings in reading order and a table of "
        "contents. "
        + (
            "Each picture is beside the words it supports; the words carry the meaning, so a picture "
            "that only repeats them has no description. "
            if pictures
            else "It has no pictures. "
        )
        + "It is made to meet WCAG 2.2 level AA. Text size, font and colours can be changed in the reader."
    )
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if pictures:
        features.append("alternativeText")
    return [
        '<meta property="schema:accessMode">textual</meta>',
        *(['<meta property="schema:accessMode">visual</meta>'] if pictures else []),
        '<meta property="schema:accessModeSufficient">textual</meta>',
        *(f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features),
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{_e(summary)}</meta>',
        f'<meta property="dcterms:conformsTo">{CONFORMS_TO}</meta>',
    ]


def _package(content: Content, images: Images) -> str:
    meta = [
        f'<dc:identifier id="id">{_e(content.identifier)}</dc:identifier>',
        f"<dc:title>{_e(content.title)}</dc:title>",
        f"<dc:language>{_e(content.lang)}</dc:language>",
        *([f"<dc:creator>{_e(content.author)}</dc:creator>"] if content.author else []),
        f"<dc:description>{_e(content.subject)}</dc:description>",
        f"<dc:date>{content.date}</dc:date>",
        f'<meta property="dcterms:modified">{content.date}T00:00:00Z</meta>',
        *_accessibility(content),
    ]
    items = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="text" href="text.xhtml" media-type="application/xhtml+xml"/>',
        '<item id="css" href="style.css" media-type="text/css"/>',
    ]
    for i, (href, media, _) in enumerate(images.values(), start=1):
        items.append(f'<item id="picture-{i}" href="{_e(href)}" media-type="{media}"/>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" '
        f'xml:lang="{_e(content.lang)}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        + "\n".join(meta)
        + "\n</metadata>\n<manifest>\n"
        + "\n".join(items)
        + '\n</manifest>\n<spine>\n<itemref idref="nav" linear="no"/>\n<itemref idref="text"/>\n</spine>\n'
        "</package>\n"
    )


def write_epub(content: Content, png: Callable[[str], bytes | None]) -> bytes:
    """The EPUB 3 file of ``content``; ``png`` gives a council's picture file as PNG by its name, or None
    (its description, if any, takes its place)."""
    images = _images(content, png)
    members: list[tuple[str, bytes]] = [
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", _CONTAINER.encode()),
        ("EPUB/package.opf", _package(content, images).encode()),
        ("EPUB/nav.xhtml", _xhtml(content, "Contents", _nav(content), nav=True).encode()),
        ("EPUB/text.xhtml", _xhtml(content, content.title, _body(content, images)).encode()),
        ("EPUB/style.css", _CSS.encode()),
    ]
    members += [("EPUB/" + href, data) for href, _, data in images.values()]
    return make_zip(members, stored_first="mimetype")
