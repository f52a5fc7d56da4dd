"""The print HTML of each PDF, from the Jinja2 templates under ``charterkit/print/``.

A council replaces any of them (or adds ``charterkit/print/extra.css``) in ``overrides/charterkit/print/``.
Headings, their levels and ids come from :func:`charterkit.render.views.build_view`, as on the web pages, so a
PDF's bookmarks match the page's table of contents.

A PDF says no build date: the charter's own date is printed, and a date that changed with every build
would change every PDF's bytes (and its cache key), so that one commit would make every PDF again.

A PDF of one charter is in the charter's language (``<html lang>``); the words that come from our templates
("Published", "Other formats") are in the site's language, and say so with their own ``lang`` when the
two differ, so that a screen reader reads each in the right voice.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment

from charterkit.format.icons import IconSet
from charterkit.format.model import NOT_STATED, EasyRead
from charterkit.format.pictures import is_picture_file, picture_data_url
from charterkit.format.rules import RESERVED_IDS
from charterkit.load.loader import LoadedCharter
from charterkit.pdf.documents import Document
from charterkit.pdf.fonts import FontFace, font_faces
from charterkit.render.pages import formats_on_request
from charterkit.render.views import Block, CharterView, build_view, walk

__all__ = ["LOGO_TYPES", "Site", "logo_data_url", "print_html", "template_names"]

LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
"""The kinds of logo file a PDF cover can show, by file name ending."""


@dataclass(frozen=True)
class Site:
    """What the PDFs say about the site they come from."""

    name: str
    url: str = ""
    """The site's address (``site_url``); empty when not set."""
    lang: str = "en-GB"
    """The language of the site, and of the words our templates add to each PDF."""
    contact: str = ""
    """How to reach the site's owner, for charters that give no contact of their own."""
    formats: Sequence[str] | None = None
    """The formats readers can ask for (``other_formats``); None for the default list."""
    council: str = ""
    """The council (or other body) that publishes the site, named on every cover; empty when not set."""
    logo: str = ""
    """The council's logo as a ``data:`` URL, shown on every cover; empty when there is none."""
    faces: Sequence[FontFace] = field(default_factory=font_faces)

    def online(self, page_url: str) -> str:
        """The full address of a page, or "" when the site's address is not known."""
        if not self.url:
            return ""
        return urljoin(self.url if self.url.endswith("/") else self.url + "/", page_url)


def template_names(kind: str) -> str:
    """The template of a kind of PDF."""
    return f"charterkit/print/{kind}.html"


def print_html(env: Environment, doc: Document, site: Site, icons: IconSet | None = None) -> str:
    """The complete HTML document that WeasyPrint turns into ``doc``'s PDF."""
    context: dict[str, Any] = {
        "doc": doc,
        "site": site,
        "fonts": site.faces,
    }
    if doc.is_booklet:
        context.update(_booklet(doc, site))
        if doc.kind == "booklet-easy-read":
            context["pictures"] = _pictures(doc.charters, icons)
    else:
        item = doc.charters[0]
        context.update(_one(item, doc, site))
        if doc.kind == "easy-read":
            context["pictures"] = _pictures(doc.charters, icons)
    return env.get_template(template_names(doc.kind)).render(**context)


_TITLES = {"standard": "{}: standard print", "easy-read": "{}: easy read", "large-print": "{}: large print"}
_BOOKLET_TITLES = {
    "booklet": "{}: all charters in one booklet",
    "booklet-large-print": "{}: all charters in one booklet, large print",
    "booklet-easy-read": "{}: all charters in one booklet, easy read",
}


def _one(item: LoadedCharter, doc: Document, site: Site) -> dict[str, Any]:
    c = item.charter
    return {
        "charter": c,
        "item": _item(item, doc.page_url, site, first_level=2),
        "lang": c.language,
        "meta": {
            "title": _TITLES[doc.kind].format(c.title),
            "author": c.organisation or "",
            "description": c.list_summary,
            "keywords": [k for k in (c.sector, c.area) if k],
        },
    }


def _item(
    item: LoadedCharter, page_url: str, site: Site, *, first_level: int, prefix: str = ""
) -> dict[str, Any]:
    """One charter as the print templates show it."""
    view = build_view(item, first_level=first_level, reserved=RESERVED_IDS)
    if prefix:
        _prefix_ids(view, prefix)
    return {
        "view": view,
        "charter": item.charter,
        "slug": item.slug,
        "online": site.online(page_url),
        "page_url": page_url,
        "published": item.charter.published_display or NOT_STATED,
        "updated": item.charter.updated_display,
        "formats": formats_on_request(item.charter, site.formats),
        "level": first_level,
        "ours": _ours(site.lang, item.charter.language),
    }


def _ours(site_lang: str, text_lang: str) -> str:
    """The ``lang`` our own words need inside text in ``text_lang``: the site's, or "" when the same."""
    return "" if site_lang.lower() == text_lang.lower() else site_lang


def _prefix_ids(view: CharterView, prefix: str) -> None:
    # The booklet holds every charter in one document, where ids must be unique.
    view.h1_id = prefix + view.h1_id
    for heading in walk(view.outline):
        heading.id = prefix + heading.id
    stack: list[Block] = list(view.blocks)
    while stack:
        block = stack.pop()
        if block.id:
            block.id = prefix + block.id
        stack.extend(block.children)


def _booklet(doc: Document, site: Site) -> dict[str, Any]:
    items = [
        _item(c, url, site, first_level=3, prefix=f"{c.slug}--")
        for c, url in zip(doc.charters, doc.charter_urls, strict=True)
    ]
    return {
        "items": items,
        "lang": site.lang,
        "online": site.online(doc.page_url),
        "meta": {
            "title": _BOOKLET_TITLES[doc.kind].format(site.name),
            "author": site.council,
            "description": f"Every charter on {site.name}, {len(items)} in all.",
            "keywords": [],
        },
    }


def _pictures(items: Sequence[LoadedCharter], icons: IconSet | None) -> dict[str, str]:
    """Each picture of the charters' easy-read versions as a ``data:`` URL, so nothing is fetched."""
    found = {
        (item.path.parent, p.picture)
        for item in items
        if isinstance(er := item.charter.easy_read, EasyRead)
        for s in er.sections
        for p in s.points
    }
    # The council's own picture files, checked when the charter was read, go in as they are.
    own = {name: picture_data_url(folder / name) for folder, name in found if is_picture_file(name)}
    if icons is None:
        return own
    names = {name for _, name in found}
    return own | {name: _data_url(icons.svg(name)) for name in sorted(names) if name in icons}


def logo_data_url(path: Path) -> str:
    """The council's logo as a ``data:`` URL for the covers, so the PDF never fetches it. Raises
    ``ValueError`` for a kind of file a cover cannot show and ``OSError`` when it cannot be read."""
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise ValueError(
            f"a PDF cover can show {', '.join(sorted(LOGO_TYPES))} files, not {path.suffix or path.name}"
        )
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
