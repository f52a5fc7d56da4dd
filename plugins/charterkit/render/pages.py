"""Render the pages of a charter site (page bodies only), independent of any site generator.

Each function returns the HTML of a page body and its outline (for a table of contents); the
generator adapter (``charterkit.mkdocs``) places them in its pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from markdown.extensions.toc import slugify, unique

from charterkit.format.rules import OTHER_FORMATS_ID, RESERVED_IDS, SOURCE_ID
from charterkit.format.themes import load_themes
from charterkit.load.loader import LoadedCharter
from charterkit.readability.scoring import CharterScores
from charterkit.render.views import Heading, build_view, group_by, walk_blocks

__all__ = [
    "RESERVED_IDS",
    "Link",
    "PageLinks",
    "ReadabilityNote",
    "Rendered",
    "render_charter",
    "render_easy_read",
    "render_groups",
    "render_index",
    "render_list",
    "render_themes",
    "theme_uses",
]


@dataclass(frozen=True)
class ReadabilityNote:
    """The line about readability on a charter's page, and the scores behind it."""

    sentence: str
    """Such as: The standard text has a reading age of about 12."""
    scores: CharterScores


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


@dataclass
class Rendered:
    """A page body and its outline."""

    html: str
    outline: list[Heading] = field(default_factory=list)


def _ids(*titles: str, used: set[str] | None = None) -> list[str]:
    used = set() if used is None else used
    return [unique(slugify(t, "-"), used) for t in titles]


def render_charter(
    env: Environment,
    loaded: LoadedCharter,
    links: PageLinks,
    *,
    readability: ReadabilityNote | None = None,
    site_lang: str = "en-GB",
    site_contact: str = "",
) -> Rendered:
    """The standard page of a charter: every part of it, in order, with real headings and lists."""
    view = build_view(loaded, reserved=RESERVED_IDS)
    ids = {"formats": OTHER_FORMATS_ID, "source": SOURCE_ID}
    html = env.get_template("charterkit/charter.html").render(
        view=view,
        charter=loaded.charter,
        links=links,
        readability=readability,
        ids=ids,
        site_lang=site_lang,
        site_contact=site_contact,
        current="standard",
    )
    outline = [
        *view.outline,
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
) -> Rendered:
    """The easy-read page of a charter, which must have an easy-read version."""
    er = loaded.charter.easy_read
    assert er is not None
    used: set[str] = {OTHER_FORMATS_ID}
    (h1,) = _ids(loaded.charter.title + " easy read", used=used)
    section_ids = _ids(*(s.heading for s in er.sections), used=used)
    words, checked = _ids("Word list", "Who checked this", used=used)
    ids = {"h1": h1, "sections": section_ids, "words": words, "checked": checked, "formats": OTHER_FORMATS_ID}
    html = env.get_template("charterkit/easy_read.html").render(
        charter=loaded.charter,
        links=links,
        ids=ids,
        site_lang=site_lang,
        site_contact=site_contact,
        current="easy-read",
    )
    outline = [Heading(2, i, s.heading) for i, s in zip(section_ids, er.sections, strict=True)]
    if er.words:
        outline.append(Heading(2, words, "Word list"))
    outline.append(Heading(2, OTHER_FORMATS_ID, "Other formats"))
    outline.append(Heading(2, checked, "Who checked this"))
    return Rendered(html, outline)


def render_list(env: Environment, items: Sequence[tuple[LoadedCharter, str]], level: int = 2) -> str:
    """A list of charters, each with its title (linked), summary, organisation, area, sector and date."""
    data = [{"charter": c.charter, "href": href} for c, href in items]
    return env.get_template("charterkit/charter-list.html").render(items=data, level=level)


def render_index(
    env: Environment, items: Sequence[tuple[LoadedCharter, str]], links: dict[str, str]
) -> Rendered:
    """Every charter, A to Z, with links to the other index pages (``by_sector``, ``by_area``, ``themes``)."""
    ordered = sorted(items, key=lambda pair: pair[0].charter.title.lower())
    data = [{"charter": c.charter, "href": href} for c, href in ordered]
    return Rendered(env.get_template("charterkit/index-page.html").render(items=data, links=links))


def render_groups(
    env: Environment, charters: Sequence[LoadedCharter], key: str, href: dict[str, str]
) -> Rendered:
    """Charters grouped by ``sector`` or ``area``, one heading a group (an index page that scales)."""
    used: set[str] = {f"charters-by-{key}"}
    outline: list[Heading] = []
    groups: list[dict[str, Any]] = []
    for name, members in group_by(charters, key):
        (gid,) = _ids(name, used=used)
        outline.append(Heading(2, gid, name))
        items = [{"charter": m.charter, "href": href[m.slug]} for m in members]
        groups.append({"id": gid, "name": name, "items": items})
    title = "Charters by sector" if key == "sector" else "Charters by area"
    html = env.get_template("charterkit/group-page.html").render(
        title=title, h1_id=f"charters-by-{key}", groups=groups
    )
    return Rendered(html, outline)


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
