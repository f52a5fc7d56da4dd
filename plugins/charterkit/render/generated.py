"""The pages made from charters (not written in ``docs/``): what each is, its title, and its body.

A site adds a :class:`Generated` for each page it plans (a charter, its easy-read version, the easy-read
index, the picture gallery, the find pages planned by :class:`charterkit.render.find.Finder`), then asks
:func:`page_title` and :func:`render_generated` for it. ``href`` turns a site path into a link from the
page being rendered, or "" when the site has no such page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from jinja2 import Environment

from charterkit.format.icons import IconSet
from charterkit.load.loader import LoadedCharter
from charterkit.render.credits import credit_page_count, render_credits
from charterkit.render.find import Finder, Planned
from charterkit.render.gallery import Gallery, GalleryPage, render_picture_index, render_picture_page
from charterkit.render.markers import charter_href, easy_hrefs
from charterkit.render.pager import pager_links
from charterkit.render.pages import (
    PageLinks,
    ReadabilityNote,
    Rendered,
    easy_read_index_pages,
    render_charter,
    render_easy_read,
    render_easy_read_index,
)

__all__ = [
    "EASY_READ_INDEX",
    "IN_NAV",
    "SEARCH_EXCLUDED",
    "Generated",
    "PageTitle",
    "SiteText",
    "easy_read_index_uri",
    "page_title",
    "render_generated",
]

EASY_READ_INDEX = "easy-read.md"
"""The page listing every charter in easy read, written in easy read."""


def easy_read_index_uri(number: int) -> str:
    """Page ``number`` of the "Easy read" page: ``easy-read.md``, then ``easy-read/page-2.md``..."""
    return EASY_READ_INDEX if number == 1 else f"easy-read/page-{number}.md"


IN_NAV = ("all", "facet-index", "themes-index", "matrix", "compare")
"""Kinds of find pages whose first page the site's nav may list (the others are reached from them)."""

SEARCH_EXCLUDED = ("all", "facet-index", "facet-value")
"""Lists of charters are left out of the search index: every title and summary on them is found on the
charter's own page, and with hundreds of charters they would make the index that a reader's browser
downloads many times larger (and slow every rebuild of the preview)."""


@dataclass
class Generated:
    kind: str  # charter, easy-read, easy-read-index, pictures-index, pictures, credits, find
    slug: str = ""
    planned: Planned | None = None
    gallery: GalleryPage | None = None
    number: int = 1
    """The page's number, for the credits and the "Easy read" page, which have several."""

    @property
    def own_page(self) -> bool:
        """A charter's own page (or its easy-read version), rather than a page about many."""
        return self.kind in ("charter", "easy-read")

    @property
    def in_nav(self) -> bool:
        """Whether the site's nav may list this page."""
        p = self.planned
        return p is not None and p.kind in IN_NAV and (p.paged is None or p.paged.number == 1)


@dataclass(frozen=True)
class PageTitle:
    title: str
    calm: bool = False
    """One calm column: no menus beside the words (GUIDE.md, "Easy read")."""
    searched: bool = True


def page_title(gen: Generated, by_slug: Mapping[str, LoadedCharter]) -> PageTitle:
    """The title of a generated page, whether it is shown calm, and whether search indexes it."""
    if gen.kind == "easy-read-index":
        count = easy_read_index_pages(len(by_slug))
        return PageTitle("Easy read" + (f", page {gen.number} of {count}" if count > 1 else ""), calm=True)
    if gen.kind == "charter":
        return PageTitle(by_slug[gen.slug].charter.title)
    if gen.kind == "pictures-index":
        return PageTitle("Pictures for easy read")
    if gen.kind == "pictures":
        # Thousands of inline pictures: the site's search index would double the build time for
        # names that "Find in page" finds on the page itself.
        assert gen.gallery is not None
        return PageTitle(gen.gallery.title, searched=False)
    if gen.kind == "easy-read":
        return PageTitle(by_slug[gen.slug].charter.title + ": easy read", calm=True)
    if gen.kind == "credits":
        # Each charter's page names its owner: searching these would show each credit twice.
        count = credit_page_count(len(by_slug))
        return PageTitle(f"Credits: charter texts, page {gen.number} of {count}", searched=False)
    assert gen.planned is not None
    # Lists repeat what the charter pages say: searching them would show each sentence twice.
    searched = gen.planned.search and gen.planned.kind not in SEARCH_EXCLUDED
    return PageTitle(gen.planned.title, searched=searched)


@dataclass
class SiteText:
    """What every generated page needs from the site."""

    env: Environment
    charters: Sequence[LoadedCharter]
    by_slug: Mapping[str, LoadedCharter]
    base: str
    lang: str
    contact: str
    formats: Sequence[str] | None
    finder: Finder
    icons: IconSet | None = None
    gallery: Gallery | None = None
    readability: Mapping[str, ReadabilityNote] = field(default_factory=dict)


def render_generated(
    site: SiteText,
    gen: Generated,
    href: Callable[[str], str],
    links: Callable[[LoadedCharter], PageLinks],
) -> Rendered:
    """The body of a generated page; ``links`` gives a charter's links from this page."""
    env = site.env
    if gen.kind == "charter":
        item = site.by_slug[gen.slug]
        return render_charter(
            env,
            item,
            links(item),
            readability=site.readability.get(gen.slug),
            site_lang=site.lang,
            site_contact=site.contact,
            site_formats=site.formats,
        )
    if gen.kind == "easy-read":
        item = site.by_slug[gen.slug]
        return render_easy_read(
            env, item, links(item), site_lang=site.lang, site_contact=site.contact, site_formats=site.formats
        )
    if gen.kind == "pictures-index":
        assert site.icons is not None
        return render_picture_index(env, site.icons, site.gallery, href)
    if gen.kind == "pictures":
        assert site.gallery is not None and gen.gallery is not None
        return render_picture_page(env, site.gallery, gen.gallery, href)
    if gen.kind == "credits":
        return Rendered(render_credits(env, site.charters, gen.number, href, site.base, whole_page=True))
    if gen.kind == "easy-read-index":
        listed = [(c, charter_href(href, site.base, c.slug)) for c in site.charters]
        count = easy_read_index_pages(len(site.charters))
        pager = pager_links(count, gen.number, lambda n: href(easy_read_index_uri(n)))
        return render_easy_read_index(
            env, listed, easy_hrefs(href, site.base, site.charters), gen.number, pager
        )
    assert gen.planned is not None
    return site.finder.render(env, gen.planned, href)
