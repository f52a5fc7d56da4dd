"""Where the pages for finding and comparing charters go, and which there are: :class:`FindPlan` gives each
page's source path (under the charters' address) and plans them all, paged so that no page grows with the
number of charters. :class:`charterkit.render.find.Finder` renders them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from charterkit.compare.catalogue import (
    FACETS,
    Entry,
    Facet,
    FacetValue,
    Similar,
    catalogue,
    facet,
    similar_charters,
)
from charterkit.compare.paging import PER_PAGE, Paged, page_dir, paginate
from charterkit.format.themes import Theme, load_themes
from charterkit.load.loader import LoadedCharter
from charterkit.render.pages import RESERVED_IDS

__all__ = [
    "GROUP_SHOWN",
    "MATRIX_PER_PAGE",
    "THEME_PAGE_BUDGET",
    "FindPlan",
    "Href",
    "Planned",
    "charter_anchor",
    "with_anchor",
]

Href = Callable[[str], str]
"""Turns a site source path (``charters/x/index.md``, ``data/charters.json``) into a link from the page
being rendered."""

MATRIX_PER_PAGE = 30
"""Charters a page of the themes matrix holds: 18 columns a row make its rows the heaviest (40 made
pages of 110 KB with a thousand charters)."""

THEME_PAGE_BUDGET = 50_000
"""About how many characters of principles a theme page holds at most, whatever their number."""

GROUP_PAGE_BUDGET = 45_000
GROUP_SHOWN = 10
"""A group on the by-sector and by-area pages shows this many charters, then links to all of them."""

_FACET_DIRS = {"sector": "sector", "area": "area", "year": "year", "easy-read": "with-easy-read"}


@dataclass(frozen=True)
class Planned:
    """A page to add: its source path, title, kind and what it shows."""

    uri: str
    title: str
    kind: str
    """all, facet-index, facet-value, themes-index, theme, matrix or compare."""
    paged: Paged[Any] | None = None
    facet: Facet | None = None
    value: FacetValue | None = None
    theme: Theme | None = None
    search: bool = False
    """Whether the site's search should index it (lists repeat what charter pages say)."""


class FindPlan:
    """The finding and comparing pages of a set of charters, under ``base`` (the charters' address)."""

    def __init__(
        self, charters: Sequence[LoadedCharter], base: str = "charters", previous: FindPlan | None = None
    ) -> None:
        """``previous``: the plan of the last build (``mkdocs serve``), whose work on unchanged charters
        is reused."""
        self.base = base.strip("/")
        self.entries: list[Entry] = catalogue(charters, RESERVED_IDS, previous.entries if previous else ())
        self.by_slug = {e.slug: e for e in self.entries}
        self.themes = load_themes()
        self.facets = {key: facet(self.entries, key) for key in FACETS}
        self.similar = similar_charters(self.entries)
        self.theme_pages: dict[str, list[Paged[Entry]]] = {}
        self._theme_page_of: dict[tuple[str, str], int] = {}
        for tid in self.themes:
            members = [e for e in self.entries if tid in e.themes]
            pages = paginate(members, PER_PAGE, weight=_theme_weight(tid), budget=THEME_PAGE_BUDGET)
            self.theme_pages[tid] = pages
            for pg in pages:
                for e in pg.items:
                    self._theme_page_of[(tid, e.slug)] = pg.number

    # -- addresses ---------------------------------------------------------------------------------

    def charter_uri(self, slug: str) -> str:
        return f"{self.base}/{slug}/index.md"

    def all_uri(self, number: int = 1) -> str:
        return f"{self.base}/index.md" if number == 1 else f"{page_dir(self.base + '/all', number)}/index.md"

    def value_uri(self, key: str, value: FacetValue, number: int = 1) -> str:
        folder = f"{self.base}/{_FACET_DIRS[key]}"
        if key != "easy-read":
            folder += f"/{value.slug}"
        return f"{page_dir(folder, number)}/index.md"

    def group_uri(self, key: str, number: int = 1) -> str:
        name = f"{self.base}/by-{key}"
        return f"{name}.md" if number == 1 else f"{page_dir(name, number)}/index.md"

    def themes_uri(self) -> str:
        return f"{self.base}/themes.md"

    def theme_uri(self, tid: str, number: int = 1) -> str:
        return f"{page_dir(f'{self.base}/themes/{tid}', number)}/index.md"

    def theme_anchor_uri(self, tid: str, slug: str) -> str:
        """Where a charter's principles about a theme are: its group on a page of the theme."""
        return f"{self.theme_uri(tid, self._theme_page_of[(tid, slug)])}#{charter_anchor(slug)}"

    def matrix_uri(self, number: int = 1) -> str:
        return f"{page_dir(self.base + '/matrix', number)}/index.md"

    def compare_uri(self) -> str:
        return f"{self.base}/compare/index.md"

    def catalogue_path(self) -> str:
        return f"{self.base}/catalogue.json"

    # -- the plan ----------------------------------------------------------------------------------

    def plan(self) -> list[Planned]:
        """Every page to add, in a stable order. The first page of each list is indexed for search."""
        out: list[Planned] = []
        for pg in paginate(self.entries):
            out.append(
                Planned(
                    self.all_uri(pg.number),
                    _paged_title("All charters", pg),
                    "all",
                    pg,
                    search=pg.number == 1,
                )
            )
        for key in ("sector", "area"):
            f = self.facets[key]
            for gp in self._group_pages(f):
                title = _paged_title(f"Charters by {key}", gp)
                out.append(
                    Planned(
                        self.group_uri(key, gp.number), title, "facet-index", gp, f, search=gp.number == 1
                    )
                )
        for key, f in self.facets.items():
            for value in f.values:
                for pg in paginate(value.entries):
                    title = _paged_title(_value_title(key, value), pg)
                    out.append(
                        Planned(self.value_uri(key, value, pg.number), title, "facet-value", pg, f, value)
                    )
        out.append(Planned(self.themes_uri(), "Co-production themes", "themes-index", search=True))
        for tid, pages in self.theme_pages.items():
            theme = self.themes[tid]
            for pg in pages:
                title = _paged_title(f"Theme: {theme.label}", pg)
                out.append(
                    Planned(
                        self.theme_uri(tid, pg.number),
                        title,
                        "theme",
                        pg,
                        theme=theme,
                    )
                )
        for pg in paginate(self.entries, MATRIX_PER_PAGE):
            out.append(
                Planned(self.matrix_uri(pg.number), _paged_title("Themes by charter", pg), "matrix", pg)
            )
        out.append(Planned(self.compare_uri(), "Compare charters", "compare", search=True))
        return out

    def _group_pages(self, f: Facet) -> list[Paged[FacetValue]]:
        return paginate(
            f.values,
            PER_PAGE,
            weight=lambda v: 300 + 700 * min(len(v.entries), GROUP_SHOWN),
            budget=GROUP_PAGE_BUDGET,
        )

    # -- data for other pages ------------------------------------------------------------------------

    def theme_links(self, slug: str, href: Href) -> dict[str, str]:
        """For a charter, each of its themes → the link to its principles on that theme's page."""
        entry = self.by_slug.get(slug)
        if entry is None:
            return {}
        return {tid: with_anchor(href, self.theme_anchor_uri(tid, slug)) for tid in entry.themes}

    def similar_to(self, slug: str) -> list[Similar]:
        return self.similar.get(slug, [])


def _theme_weight(tid: str) -> Callable[[Entry], int]:
    def weight(e: Entry) -> int:
        return 300 + sum(p.size for p in e.under(tid))

    return weight


def charter_anchor(slug: str) -> str:
    """The id of a charter's group on a theme page."""
    return f"c-{slug}"


def with_anchor(href: Href, uri: str) -> str:
    """The link to ``uri``, an address that may end in ``#anchor``."""
    path, _, anchor = uri.partition("#")
    return f"{href(path)}#{anchor}" if anchor else href(path)


def _paged_title(title: str, pg: Paged[Any]) -> str:
    return title if pg.count == 1 else f"{title} (page {pg.number} of {pg.count})"


def _value_title(key: str, value: FacetValue) -> str:
    if key == "easy-read":
        return "Charters with an easy read version"
    if key == "year":
        return (
            f"Charters published in {value.label}" if value.label[:1].isdigit() else "Charters with no date"
        )
    return f"Charters: {value.label}"
