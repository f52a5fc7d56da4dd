"""Render the pages of a charter site (page bodies only), independent of any site generator.

Each function returns the HTML of a page body and its outline (for a table of contents); the
generator adapter (``charterkit.mkdocs``) places them in its pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from charterkit.compare.paging import page_count
from charterkit.format.model import Charter
from charterkit.format.rules import OTHER_FORMATS_ID, RESERVED_IDS, SIMILAR_ID, SOURCE_ID
from charterkit.format.themes import load_themes
from charterkit.load.loader import LoadedCharter
from charterkit.readability.scoring import CharterScores
from charterkit.render.terms import mark_first_uses
from charterkit.render.views import Heading, build_view, heading_id, walk_blocks

__all__ = [
    "COLOUR_SETS",
    "DEFAULT_OTHER_FORMATS",
    "EASY_READ_PAGE_SIZE",
    "RESERVED_IDS",
    "Link",
    "PageLinks",
    "ReadabilityNote",
    "Rendered",
    "SimilarLink",
    "colour_pictures",
    "easy_read_index_pages",
    "formats_on_request",
    "render_charter",
    "render_easy_read",
    "render_easy_read_index",
    "render_list",
    "render_themes",
    "shared_picture_uri",
    "theme_uses",
]


@dataclass(frozen=True)
class ReadabilityNote:
    """The line about readability on a charter's page, and the scores behind it."""

    sentence: str
    """Such as: The standard text has a reading age of about 12."""
    scores: CharterScores


COLOUR_SETS = ("openmoji",)
"""Picture sets drawn in colour. A site writes each such picture a charter uses once, as a file
(:func:`shared_picture_uri`), and easy-read pages show it with ``<img>``: the browser fetches it once for
every page, and a page with forty pictures stays small. One-colour icons stay inline, to take the colour
of the text in every colour scheme."""


def shared_picture_uri(name: str) -> str:
    """Where a site writes the colour picture ``name`` (``openmoji/handshake``), from its root."""
    return f"assets/pictures/{name}.svg"


def colour_pictures(item: LoadedCharter) -> list[str]:
    """The pictures from :data:`COLOUR_SETS` that ``item``'s easy-read version uses."""
    er = item.charter.easy_read
    if er is None:
        return []
    return sorted(
        {p.picture for s in er.sections for p in s.points if p.picture.split("/")[0] in COLOUR_SETS}
    )


DEFAULT_OTHER_FORMATS = ("braille", "audio", "large print on paper", "a translation into another language")
"""The formats readers are told they can ask for, unless the site (``other_formats``) or the charter
says otherwise. British Sign Language is offered only where a site lists it: a charter from outside the
UK cannot promise it."""


def formats_on_request(charter: Charter, site_formats: Sequence[str] | None) -> list[str]:
    """What a reader may ask this charter's organisation for: the charter's list, else the site's."""
    if charter.other_formats is not None:
        return list(charter.other_formats)
    return list(DEFAULT_OTHER_FORMATS if site_formats is None else site_formats)


@dataclass(frozen=True)
class Link:
    """A link to a file of a charter, such as a PDF, with GOV.UK-style details ("PDF, 4 pages, 96 KB")."""

    label: str
    href: str
    details: str = ""


@dataclass
class PageLinks:
    """Where a charter page links to, as hrefs relative to that page."""

    standard: str = "../"
    easy_read: str | None = None
    report: str = ""
    themes: str = ""
    """The co-production themes page, where each theme's definition is."""
    pdfs: Sequence[Link] = ()
    files: Sequence[Link] = ()
    """Other files to download: Word, OpenDocument, plain text, EPUB and braille."""
    theme_hrefs: Mapping[str, str] = field(default_factory=dict)
    """Each theme id → the page (and place) where this charter's principles about it are shown."""
    similar: Sequence[SimilarLink] = ()
    """The charters sharing the most themes with this one."""
    compare: str = ""
    """The compare page, with this charter chosen (``?a=slug``)."""

    pictures: Mapping[str, str] = field(default_factory=dict)
    """The council's own picture files of the easy-read version: as written in the charter → href."""
    edit: str = ""
    """Where to edit the charter's file (on GitHub), or "" when the site does not say."""


@dataclass(frozen=True)
class SimilarLink:
    """A similar charter: its title and link, the themes it shares, and a link comparing the two."""

    title: str
    href: str
    shared: Sequence[str]
    compare: str


@dataclass
class Rendered:
    """A page body and its outline."""

    html: str
    outline: list[Heading] = field(default_factory=list)


def _ids(*titles: str, used: set[str] | None = None) -> list[str]:
    used = set() if used is None else used
    return [heading_id(t, used) for t in titles]


def render_charter(
    env: Environment,
    loaded: LoadedCharter,
    links: PageLinks,
    *,
    readability: ReadabilityNote | None = None,
    site_lang: str = "en-GB",
    site_contact: str = "",
    site_formats: Sequence[str] | None = None,
) -> Rendered:
    """The standard page of a charter: every part of it, in order, with real headings and lists."""
    view = build_view(loaded, reserved=RESERVED_IDS)
    ids = {"formats": OTHER_FORMATS_ID, "source": SOURCE_ID, "similar": SIMILAR_ID}
    html = env.get_template("charterkit/charter.html").render(
        view=view,
        charter=loaded.charter,
        links=links,
        readability=readability,
        ids=ids,
        site_lang=site_lang,
        site_contact=site_contact,
        formats=formats_on_request(loaded.charter, site_formats),
        current="standard",
    )
    outline = [
        *view.outline,
        *([Heading(2, SIMILAR_ID, "Similar charters")] if links.similar or links.compare else []),
        Heading(2, OTHER_FORMATS_ID, "Other formats"),
        Heading(2, SOURCE_ID, "Source and credit"),
    ]
    return Rendered(html, outline)


def render_easy_read(
    env: Environment,
    loaded: LoadedCharter,
    links: PageLinks,
    *,
    site_lang: str = "en-GB",
    site_contact: str = "",
    site_formats: Sequence[str] | None = None,
) -> Rendered:
    """The easy-read page of a charter, which must have an easy-read version."""
    er = loaded.charter.easy_read
    assert er is not None
    used: set[str] = {OTHER_FORMATS_ID}
    (h1,) = _ids(loaded.charter.title + " easy read", used=used)
    section_ids = _ids(*(s.heading for s in er.sections), used=used)
    words, checked = _ids("Word list", "Who checked this", used=used)
    ids = {"h1": h1, "sections": section_ids, "words": words, "checked": checked, "formats": OTHER_FORMATS_ID}
    # Hard words in bold the first time, with their meaning beside them: the summary, then each point.
    texts = [er.summary or ""] + [p.text for s in er.sections for p in s.points]
    marked = iter(mark_first_uses(texts, er.words))
    summary = next(marked)
    points = [[next(marked) for _ in s.points] for s in er.sections]
    html = env.get_template("charterkit/easy_read.html").render(
        charter=loaded.charter,
        summary=summary,
        points=points,
        links=links,
        ids=ids,
        site_lang=site_lang,
        site_contact=site_contact,
        formats=formats_on_request(loaded.charter, site_formats),
        current="easy-read",
        colour_sets=COLOUR_SETS,
    )
    outline = [Heading(2, i, s.heading) for i, s in zip(section_ids, er.sections, strict=True)]
    if er.words:
        outline.append(Heading(2, words, "Word list"))
    outline.append(Heading(2, OTHER_FORMATS_ID, "Other formats"))
    outline.append(Heading(2, checked, "Who checked this"))
    return Rendered(html, outline)


def _card(item: LoadedCharter, href: str, easy: Mapping[str, str]) -> dict[str, Any]:
    """What a charter's card shows: the charter, its page, and its easy-read page (or None)."""
    return {"charter": item.charter, "href": href, "easy_href": easy.get(item.slug)}


def render_list(
    env: Environment,
    items: Sequence[tuple[LoadedCharter, str]],
    level: int = 2,
    easy: Mapping[str, str] | None = None,
) -> str:
    """A list of charters, each with its title (linked), summary, organisation, area, sector and date,
    and a link to its easy-read page where ``easy`` (slug → href) has one."""
    data = [_card(c, href, easy or {}) for c, href in items]
    return env.get_template("charterkit/charter-list.html").render(items=data, level=level)


EASY_READ_PAGE_SIZE = 300
"""Charters on each page of the "Easy read" page: about 35 KB, so a site with thousands stays quick."""


def easy_read_index_pages(count: int) -> int:
    """How many pages the "Easy read" page of ``count`` charters has."""
    return page_count(count, EASY_READ_PAGE_SIZE)


def render_easy_read_index(
    env: Environment,
    items: Sequence[tuple[LoadedCharter, str]],
    easy: Mapping[str, str],
    number: int = 1,
    pager: Sequence[Mapping[str, Any]] = (),
) -> Rendered:
    """Page ``number`` of the "Easy read" page, written in easy read: every charter with an easy-read
    version, A to Z, then those without one and how to ask for one; :data:`EASY_READ_PAGE_SIZE` a page,
    ``pager`` the links to its pages (:func:`charterkit.render.pager.pager_links`)."""
    ordered = sorted(items, key=lambda pair: pair[0].charter.title.lower())
    data = [_card(c, href, easy) for c, href in ordered]
    data = [d for d in data if d["easy_href"]] + [d for d in data if not d["easy_href"]]
    shown = data[(number - 1) * EASY_READ_PAGE_SIZE : number * EASY_READ_PAGE_SIZE]
    html = env.get_template("charterkit/easy-read-index.html").render(
        with_easy=[d for d in shown if d["easy_href"]],
        without=[d for d in shown if not d["easy_href"]],
        pager=pager,
        page={"number": number, "count": easy_read_index_pages(len(data))},
    )
    return Rendered(html)


def theme_uses(charters: Sequence[LoadedCharter], href: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """For each theme id, the principles that name it: their link, title and charter."""
    uses: dict[str, list[dict[str, str]]] = {t: [] for t in load_themes()}
    for item in charters:
        view = build_view(item, reserved=RESERVED_IDS)
        for block in walk_blocks(view.blocks):
            if block.is_principle and block.id:
                for theme in block.themes:
                    uses[theme.id].append(
                        {
                            "href": f"{href[item.slug]}#{block.id}",
                            "title": block.title or "",
                            "charter": item.charter.title,
                        }
                    )
    return uses


def render_themes(env: Environment, charters: Sequence[LoadedCharter], href: dict[str, str]) -> Rendered:
    """The co-production themes, their definitions and the principles about each."""
    html = env.get_template("charterkit/themes-page.html").render(
        themes=load_themes().values(), uses=theme_uses(charters, href)
    )
    return Rendered(html)
