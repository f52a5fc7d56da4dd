"""One charter as a document any format can write: headings, paragraphs, lists and easy-read rows.

Built from the same view the web pages and PDFs use (:func:`charterkit.render.views.build_view`), so the
headings, their levels and their order are the same everywhere. The model is plain frozen data: it is sent
to worker processes, and its JSON form is what the cache key is made from.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

from charterkit.format.dates import display_date
from charterkit.format.icons import IconSet
from charterkit.format.model import CheckedBy, Contact
from charterkit.format.rules import LINKABLE
from charterkit.load.loader import LoadedCharter
from charterkit.render.views import Block, build_view

__all__ = [
    "Content",
    "EasyRow",
    "Heading",
    "ItemList",
    "Node",
    "Paragraph",
    "Picture",
    "Span",
    "Variant",
    "build_content",
    "spans",
]

Variant = Literal["standard", "easy-read"]


@dataclass(frozen=True)
class Span:
    """A run of text: plain, a link (``href``) or strong (a hard word in easy read)."""

    text: str
    href: str = ""
    strong: bool = False


def spans(text: str) -> tuple[Span, ...]:
    """``text`` cut into plain runs and links, as the web page links it."""
    out: list[Span] = []
    pos = 0
    for m in LINKABLE.finditer(text):
        if m.start() > pos:
            out.append(Span(text[pos : m.start()]))
        shown = m.group(0)
        href = "mailto:" + shown if m.group("email") else shown if m.group("url") else "https://" + shown
        out.append(Span(shown, href))
        pos = m.end()
    if pos < len(text):
        out.append(Span(text[pos:]))
    return tuple(out)


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 is the document's title."""

    level: int
    text: str
    id: str


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]
    field: str = ""
    """The charter field it comes from (``sections[0].text[1]``), for messages; "" for our own words."""


@dataclass(frozen=True)
class ItemList:
    items: tuple[tuple[Span, ...], ...]
    numbered: bool = False
    field: str = ""


@dataclass(frozen=True)
class EasyRow:
    """One easy-read idea: a picture (by name) on the left, the words on the right."""

    picture: str
    alt: str
    spans: tuple[Span, ...]
    field: str = ""


Node = Heading | Paragraph | ItemList | EasyRow


@dataclass(frozen=True)
class Picture:
    """A picture's SVG source, with the charter field that names it (for messages)."""

    name: str
    svg: str
    field: str


@dataclass(frozen=True)
class Content:
    """Everything one file of one charter says, in reading order."""

    slug: str
    variant: Variant
    title: str
    lang: str
    author: str
    subject: str
    date: str
    """The charter's latest own date (published, or checked), ``YYYY-MM-DD``; never the build's day."""
    nodes: tuple[Node, ...]
    pictures: tuple[Picture, ...] = ()
    braille_checked: tuple[str, ...] = field(default=())
    """Who checked the braille, as "who, date" lines; empty until a transcriber records it."""

    @property
    def identifier(self) -> str:
        """A stable ``urn:uuid`` for this charter's version, the same on every build."""
        return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"charterkit:{self.slug}:{self.variant}"))

    def fingerprint(self) -> str:
        """The whole content as canonical JSON, for cache keys."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def headings(self) -> list[Heading]:
        return [n for n in self.nodes if isinstance(n, Heading)]

    def picture(self, name: str) -> Picture:
        return next(p for p in self.pictures if p.name == name)


def _date(values: Sequence[str | None]) -> str:
    """The latest of some partial dates, padded to a day (``2025-06`` → ``2025-06-01``)."""
    full = sorted(
        "-".join([*v.split("-"), "01", "01"][:3])
        for v in values
        if v  # year → January the 1st
    )
    return full[-1] if full else "1980-01-01"  # no date at all: the earliest date a zip file can hold


def _contact(contact: Contact | None) -> str:
    if contact is None:
        return ""
    parts = [contact.name, contact.email, f"phone {contact.phone}" if contact.phone else None]
    parts += [contact.url, contact.address]
    return ", ".join(p for p in parts if p)


def _checked(items: Sequence[CheckedBy]) -> tuple[str, ...]:
    return tuple(f"{c.who}, {display_date(c.date)}." for c in items)


def _block(b: Block, path: str, out: list[Node]) -> None:
    if b.title and b.id:
        out.append(Heading(min(b.level, 6), b.title, b.id))
    if b.themes:
        out.append(Paragraph((Span("Themes: " + ", ".join(t.label for t in b.themes) + "."),)))
    out.extend(Paragraph(spans(t), f"{path}.text[{i}]") for i, t in enumerate(b.text))
    if b.points:
        out.append(ItemList(tuple(spans(p) for p in b.points), b.numbered, f"{path}.points"))
    out.extend(Paragraph(spans(t), f"{path}.after[{i}]") for i, t in enumerate(b.after))
    principles = [c for c in b.children if c.is_principle]
    sections = [c for c in b.children if not c.is_principle]
    for i, child in enumerate(principles):
        _block(child, f"{path}.principles[{i}]", out)
    for i, child in enumerate(sections):
        _block(child, f"{path}.sections[{i}]", out)


def _facts(item: LoadedCharter) -> list[Node]:
    c = item.charter
    nodes: list[Node] = [Paragraph(spans(c.subtitle), "subtitle")] if c.subtitle else []
    who = "; ".join(c.organisations) if c.organisations else c.organisation
    facts = [("Organisation", who), ("Area", c.area), ("Sector", c.sector or "Not stated")]
    facts.append(("Published", c.published_display or "Date not given"))
    if c.updated:
        facts.append(("Updated", display_date(c.updated)))
    return nodes + [Paragraph((Span(f"{label}: {value}"),)) for label, value in facts if value]


def _ask(item: LoadedCharter, site_contact: str) -> list[Node]:
    c = item.charter
    nodes: list[Node] = [Heading(2, "Other formats", "other-formats")]
    text = (
        "This charter is also on the website as a web page, in easy read, as PDF files, as a Word "
        "document, as an OpenDocument text, as plain text, as an EPUB e-book and as a braille-ready file. "
        "You can ask for it in another format, such as audio, British Sign Language, large print on "
        "paper or a translation."
    )
    nodes.append(Paragraph((Span(text),)))
    who = c.organisation or "the organisation that wrote it"
    if c.contact:
        nodes.append(Paragraph(spans(f"To ask, contact {who}: {_contact(c.contact)}.")))
    elif site_contact:
        nodes.append(Paragraph(spans(f"The charter gives no contact details. Contact us: {site_contact}.")))
    return nodes


def _standard(item: LoadedCharter, site_contact: str) -> list[Node]:
    c = item.charter
    view = build_view(item, first_level=2, reserved=("other-formats", "source-and-credit"))
    nodes: list[Node] = [Heading(1, c.title, view.h1_id), *_facts(item)]
    for i, b in enumerate(view.blocks):
        _block(b, f"sections[{i}]", nodes)
    nodes.extend(_ask(item, site_contact))
    nodes.append(Heading(2, "Source and credit", "source-and-credit"))
    nodes.append(Paragraph(spans(c.credit), "credit"))
    source = f"Source: {c.source.title}" + (f" ({c.source.url})" if c.source.url else "") + "."
    nodes.append(Paragraph(spans(source), "source.title"))
    if c.source.note:
        nodes.append(Paragraph(spans(c.source.note), "source.note"))
    return nodes


def _easy_read(
    item: LoadedCharter, icons: IconSet | None, site_contact: str, pictures: dict[str, Picture]
) -> list[Node]:
    """The easy read's nodes; its pictures are added to ``pictures`` by name."""
    c = item.charter
    er = c.easy_read
    assert er is not None, "only a charter with an easy read version has easy-read files"
    nodes: list[Node] = [Heading(1, f"{c.title}: easy read", "easy-read")]
    if er.summary:
        nodes.append(Paragraph(spans(er.summary), "easy_read.summary"))
    for i, s in enumerate(er.sections):
        nodes.append(Heading(2, s.heading, f"section-{i + 1}"))
        for j, p in enumerate(s.points):
            where = f"easy_read.sections[{i}].points[{j}]"
            nodes.append(EasyRow(p.picture, p.alt or "", spans(p.text), where))
            if p.picture not in pictures:
                svg = icons.svg(p.picture) if icons is not None and p.picture in icons else ""
                pictures[p.picture] = Picture(p.picture, svg, f"{where}.picture")
    if er.words:
        nodes.append(Heading(2, "Word list", "word-list"))
        for i, w in enumerate(er.words):
            text = (Span(w.word, strong=True), Span(": "), *spans(w.meaning))
            nodes.append(Paragraph(text, f"easy_read.words[{i}]"))
    nodes.extend(_ask(item, site_contact))
    nodes.append(Heading(2, "Who checked this", "who-checked-this"))
    if er.checked_by:
        nodes.append(ItemList(tuple((Span(line),) for line in _checked(er.checked_by))))
    else:
        not_yet = "People with a learning disability have not checked this easy read version yet."
        nodes.append(Paragraph((Span(not_yet),)))
    return nodes


def build_content(
    item: LoadedCharter,
    variant: Variant,
    *,
    icons: IconSet | None = None,
    site_contact: str = "",
) -> Content:
    """The document of one charter's ``variant``: the standard text or the easy read (which it must have)."""
    c = item.charter
    dates: list[str | None] = [c.published, *(x.date for x in c.braille_checked_by)]
    pictures: dict[str, Picture] = {}
    if variant == "standard":
        nodes = _standard(item, site_contact)
    else:
        nodes = _easy_read(item, icons, site_contact, pictures)
        dates += [x.date for x in c.easy_read.checked_by] if c.easy_read is not None else []
    return Content(
        slug=item.slug,
        variant=variant,
        title=c.title if variant == "standard" else f"{c.title}: easy read",
        lang=c.language,
        author=c.organisation or "",
        subject=c.summary or "",
        date=_date(dates),
        nodes=tuple(nodes),
        pictures=tuple(pictures[k] for k in sorted(pictures)),
        braille_checked=_checked(c.braille_checked_by),
    )


def plain(runs: Sequence[Span]) -> str:
    """The text of some runs."""
    return "".join(r.text for r in runs)
