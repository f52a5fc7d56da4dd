"""The pages for finding and comparing charters: the list of all charters and its filtered pages, the
themes index, a page per theme, the themes matrix and the compare page. Independent of any site generator.

:class:`Finder` plans the pages (their source paths, under the charters' address) and renders each. Every
list is paged (:mod:`charterkit.compare.paging`), so no page grows with the number of charters. Links
between pages are made by the caller's ``href(path)``, which turns a source path such as
``charters/themes/payment/index.md`` into a link from the page being rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

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
from charterkit.render.pages import RESERVED_IDS, Rendered
from charterkit.render.views import Heading

__all__ = ["MATRIX_PER_PAGE", "THEME_PAGE_BUDGET", "Finder", "Href", "Planned", "charter_anchor"]

Href = Callable[[str], str]
"""Turns a site source path (``charters/x/index.md``, ``data/charters.json``) into a link from the page
being rendered."""

MATRIX_PER_PAGE = 40
"""Charters a page of the themes matrix holds: 18 columns a row make its rows the heaviest."""

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


class Finder:
    """The finding and comparing pages of a set of charters, under ``base`` (the charters' address)."""

    def __init__(self, charters: Sequence[LoadedCharter], base: str = "charters") -> None:
        self.base = base.strip("/")
        self.entries = catalogue(charters, RESERVED_IDS)
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
        return {tid: _with_anchor(href, self.theme_anchor_uri(tid, slug)) for tid in entry.themes}

    def similar_to(self, slug: str) -> list[Similar]:
        return self.similar.get(slug, [])

    def catalogue_data(self, href_from_catalogue: Href) -> dict[str, Any]:
        """The small index the filter and compare scripts read (``charters/catalogue.json``): facet
        values and, per charter, what is shown in a list and what it can be filtered by."""
        value_of: dict[tuple[str, str], str] = {}
        for key, f in self.facets.items():
            for v in f.values:
                for e in v.entries:
                    value_of[(key, e.slug)] = v.slug
        return {
            "root": href_from_catalogue(""),
            "facets": {
                **{
                    key: [{"value": v.slug, "label": v.label, "count": len(v.entries)} for v in f.values]
                    for key, f in self.facets.items()
                    if key != "easy-read"
                },
                "theme": [
                    {"value": tid, "label": t.label, "count": sum(1 for e in self.entries if tid in e.themes)}
                    for tid, t in self.themes.items()
                ],
            },
            "charters": [
                {
                    "slug": e.slug,
                    "title": e.charter.title,
                    "summary": e.charter.summary,
                    "organisation": e.charter.organisation or "",
                    "area": e.charter.area or "",
                    "sector": e.charter.sector or "",
                    "published": e.charter.published_display,
                    "url": href_from_catalogue(self.charter_uri(e.slug)),
                    "data": href_from_catalogue(f"data/charters/{e.slug}.json"),
                    "filters": {
                        "sector": value_of[("sector", e.slug)],
                        "area": value_of[("area", e.slug)],
                        "year": value_of[("year", e.slug)],
                        "easy-read": e.has_easy_read,
                        "theme": list(e.themes),
                    },
                }
                for e in self.entries
            ],
        }

    # -- rendering ---------------------------------------------------------------------------------

    def render(self, env: Environment, planned: Planned, href: Href) -> Rendered:
        """The body of a planned page; ``href`` makes links from it."""
        renderers: dict[str, Callable[[Environment, Planned, Href], Rendered]] = {
            "all": self._render_list,
            "facet-value": self._render_list,
            "facet-index": self._render_groups,
            "themes-index": self._render_themes_index,
            "theme": self._render_theme,
            "matrix": self._render_matrix,
            "compare": self._render_compare,
        }
        return renderers[planned.kind](env, planned, href)

    def _card(self, e: Entry, href: Href) -> dict[str, Any]:
        easy = href(f"{self.base}/{e.slug}/easy-read.md") if e.has_easy_read else ""
        return {"charter": e.charter, "href": href(self.charter_uri(e.slug)), "easy_href": easy}

    def _pager(self, planned: Planned, href: Href, uri: Callable[[int], str]) -> list[dict[str, Any]]:
        assert planned.paged is not None
        if planned.paged.count == 1:
            return []
        return [
            {"number": n, "href": href(uri(n)), "current": n == planned.paged.number}
            for n in range(1, planned.paged.count + 1)
        ]

    def _narrow(self, href: Href) -> dict[str, Any]:
        """The links that narrow the list without JavaScript: the main facets' pages."""
        return {
            "sectors": [
                {"label": v.label, "count": len(v.entries), "href": href(self.value_uri("sector", v))}
                for v in self.facets["sector"].values
            ],
            "years": [
                {"label": v.label, "count": len(v.entries), "href": href(self.value_uri("year", v))}
                for v in self.facets["year"].values
            ],
            "themes": [
                {"label": t.label, "href": href(self.theme_uri(tid))}
                for tid, t in self.themes.items()
                if self.theme_pages[tid][0].items
            ],
            "easy_read": [
                {"label": v.label, "count": len(v.entries), "href": href(self.value_uri("easy-read", v))}
                for v in self.facets["easy-read"].values
            ],
            "by_sector": href(self.group_uri("sector")),
            "by_area": href(self.group_uri("area")),
            "themes_index": href(self.themes_uri()),
            "matrix": href(self.matrix_uri()),
            "compare": href(self.compare_uri()),
        }

    def _render_list(self, env: Environment, planned: Planned, href: Href) -> Rendered:
        pg = planned.paged
        assert pg is not None
        if planned.kind == "all":
            pager = self._pager(planned, href, self.all_uri)
            intro = f"{_count(pg.total)}, A to Z."
        else:
            assert planned.facet is not None and planned.value is not None
            key, value = planned.facet.id, planned.value
            pager = self._pager(planned, href, lambda n: self.value_uri(key, value, n))
            intro = f"{_count(pg.total)} {_value_phrase(key, value)}, A to Z."
        html = env.get_template("charterkit/listing-page.html").render(
            title=planned.title,
            h1_id="all-charters" if planned.kind == "all" else "charters",
            intro=intro,
            page=pg,
            items=[self._card(e, href) for e in pg.items],
            pager=pager,
            narrow=self._narrow(href),
            all_href=href(self.all_uri()),
            show_all=planned.kind != "all",
            filter=planned.kind == "all" and pg.number == 1,
            catalogue=href(self.catalogue_path()),
        )
        return Rendered(html)

    def _render_groups(self, env: Environment, planned: Planned, href: Href) -> Rendered:
        pg, f = planned.paged, planned.facet
        assert pg is not None and f is not None
        used: set[str] = {f"charters-by-{f.id}"}
        groups, outline = [], []
        for value in pg.items:
            gid = value.slug if value.slug not in used else f"{value.slug}-group"
            used.add(gid)
            outline.append(Heading(2, gid, value.label))
            groups.append(
                {
                    "id": gid,
                    "name": value.label,
                    "count": len(value.entries),
                    "items": [self._card(e, href) for e in value.entries[:GROUP_SHOWN]],
                    "more": len(value.entries) > GROUP_SHOWN,
                    "href": href(self.value_uri(f.id, value)),
                }
            )
        html = env.get_template("charterkit/group-page.html").render(
            title=planned.title,
            h1_id=f"charters-by-{f.id}",
            groups=groups,
            page=pg,
            pager=self._pager(planned, href, lambda n: self.group_uri(f.id, n)),
        )
        return Rendered(html, outline)

    def _render_themes_index(self, env: Environment, planned: Planned, href: Href) -> Rendered:
        rows = []
        for tid, t in self.themes.items():
            members = [e for pg in self.theme_pages[tid] for e in pg.items]
            rows.append(
                {
                    "theme": t,
                    "href": href(self.theme_uri(tid)),
                    "charters": len(members),
                    "principles": sum(len(e.under(tid)) for e in members),
                }
            )
        html = env.get_template("charterkit/themes-page.html").render(
            rows=rows, matrix=href(self.matrix_uri()), compare=href(self.compare_uri())
        )
        return Rendered(html)

    def _render_theme(self, env: Environment, planned: Planned, href: Href) -> Rendered:
        pg, theme = planned.paged, planned.theme
        assert pg is not None and theme is not None
        groups = []
        outline = []
        for e in pg.items:
            anchor = charter_anchor(e.slug)
            page = href(self.charter_uri(e.slug))
            outline.append(Heading(2, anchor, e.charter.title))
            groups.append(
                {
                    "id": anchor,
                    "charter": e.charter,
                    "href": page,
                    "principles": [{"p": p, "href": f"{page}#{p.id}"} for p in e.under(theme.id)],
                }
            )
        html = env.get_template("charterkit/theme-page.html").render(
            title=planned.title,
            theme=theme,
            page=pg,
            groups=groups,
            pager=self._pager(planned, href, lambda n: self.theme_uri(theme.id, n)),
            themes_index=href(self.themes_uri()),
            matrix=href(self.matrix_uri()),
        )
        return Rendered(html, outline)

    def _render_matrix(self, env: Environment, planned: Planned, href: Href) -> Rendered:
        pg = planned.paged
        assert pg is not None
        themes = list(self.themes.values())
        rows = []
        counts = dict.fromkeys(self.themes, 0)
        for e in pg.items:
            cells = []
            for t in themes:
                n = len(e.under(t.id))
                if n:
                    counts[t.id] += 1
                cells.append(
                    {"count": n, "href": _with_anchor(href, self.theme_anchor_uri(t.id, e.slug)) if n else ""}
                )
            rows.append({"title": e.charter.title, "href": href(self.charter_uri(e.slug)), "cells": cells})
        ranked = sorted(themes, key=lambda t: (-counts[t.id], t.label.lower()))
        most = [(t.label, counts[t.id]) for t in ranked[:3] if counts[t.id]]
        least = [t.label for t in ranked if not counts[t.id]]
        html = env.get_template("charterkit/matrix-page.html").render(
            title=planned.title,
            page=pg,
            themes=[{"theme": t, "href": href(self.theme_uri(t.id))} for t in themes],
            rows=rows,
            most=most,
            least=least,
            pager=self._pager(planned, href, self.matrix_uri),
            themes_index=href(self.themes_uri()),
        )
        return Rendered(html)

    def _render_compare(self, env: Environment, planned: Planned, href: Href) -> Rendered:
        html = env.get_template("charterkit/compare-page.html").render(
            catalogue=href(self.catalogue_path()),
            themes=[
                {"id": t.id, "label": t.label, "href": href(self.theme_uri(t.id))}
                for t in self.themes.values()
            ],
            themes_index=href(self.themes_uri()),
            matrix=href(self.matrix_uri()),
        )
        return Rendered(html)


def _theme_weight(tid: str) -> Callable[[Entry], int]:
    def weight(e: Entry) -> int:
        return 300 + sum(p.size for p in e.under(tid))

    return weight


def charter_anchor(slug: str) -> str:
    """The id of a charter's group on a theme page."""
    return f"c-{slug}"


def _with_anchor(href: Href, uri: str) -> str:
    path, _, anchor = uri.partition("#")
    return f"{href(path)}#{anchor}" if anchor else href(path)


def _count(n: int) -> str:
    return f"{n:,} charter" + ("" if n == 1 else "s")


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


def _value_phrase(key: str, value: FacetValue) -> str:
    if key == "easy-read":
        return "with an easy read version"
    if key == "year":
        return f"published in {value.label}" if value.label[:1].isdigit() else "with no date given"
    noun = "sector" if key == "sector" else "area"
    return f"in the {noun} {value.label}" if value.label != "Not stated" else f"with no {noun} stated"
