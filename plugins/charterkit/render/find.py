"""The pages for finding and comparing charters: the list of all charters and its filtered pages, the
themes index, a page per theme, the themes matrix and the compare page. Independent of any site generator.

:class:`Finder` renders the pages that :class:`~charterkit.render.findplan.FindPlan` plans (their
source paths, under the charters' address). Every list is paged (:mod:`charterkit.compare.paging`), so
no page grows with the number of charters. Links between pages are made by the caller's ``href(path)``,
which turns a source path such as ``charters/themes/payment/index.md`` into a link from the page being
rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment

from charterkit.compare.catalogue import Entry, FacetValue
from charterkit.render.findplan import (
    GROUP_SHOWN,
    MATRIX_PER_PAGE,
    THEME_PAGE_BUDGET,
    FindPlan,
    Href,
    Planned,
    charter_anchor,
    with_anchor,
)
from charterkit.render.fragments import kept_part
from charterkit.render.pager import pager_links
from charterkit.render.pages import Rendered
from charterkit.render.views import Heading

__all__ = ["MATRIX_PER_PAGE", "THEME_PAGE_BUDGET", "Finder", "Href", "Planned", "charter_anchor"]


_GROUP = "charterkit/partials/theme-group.html"
"""One charter on a theme's page (kept for the charter: :mod:`charterkit.render.fragments`)."""


class Finder(FindPlan):
    """The finding and comparing pages of a set of charters: planned by :class:`FindPlan`, rendered here,
    with the catalogue the filter and compare scripts read."""

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
        return pager_links(planned.paged.count, planned.paged.number, lambda n: href(uri(n)))

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
            group = {
                "id": anchor,
                "charter": e.charter,
                "href": page,
                "principles": [{"p": p, "href": f"{page}#{p.id}"} for p in e.under(theme.id)],
            }
            group["html"] = kept_part(
                env, "charterkit/partials/theme-group.html", e, (theme.id, page), g=group
            )
            groups.append(group)
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
                    {"count": n, "href": with_anchor(href, self.theme_anchor_uri(t.id, e.slug)) if n else ""}
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


def _count(n: int) -> str:
    return f"{n:,} charter" + ("" if n == 1 else "s")


def _value_phrase(key: str, value: FacetValue) -> str:
    if key == "easy-read":
        return "with an easy read version"
    if key == "year":
        return f"published in {value.label}" if value.label[:1].isdigit() else "with no date given"
    noun = "sector" if key == "sector" else "area"
    return f"in the {noun} {value.label}" if value.label != "Not stated" else f"with no {noun} stated"
