"""Fill the markers that a site's own pages may hold (``<!-- charterkit:charter-list -->`` and others).

Each marker is replaced with HTML rendered from the charters; ``href`` turns a site path (``charters/x/
index.md``) into a link from the page being filled, or "" when the site has no such page.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence

from jinja2 import Environment

from charterkit.format.icons import ICON_SETS
from charterkit.format.themes import load_themes
from charterkit.load.loader import LoadedCharter
from charterkit.opendata.assemble import OPEN_DATA
from charterkit.opendata.records import TERMS
from charterkit.render.credits import render_credits
from charterkit.render.pages import render_list, theme_uses

__all__ = ["MARKER", "MARKER_START", "charter_href", "easy_hrefs", "fill_markers"]

MARKER = "<!-- charterkit:{} -->"
MARKER_START = "<!-- charterkit:"

Href = Callable[[str], str]


def charter_href(href: Href, base: str, slug: str) -> str:
    """The link to a charter's page."""
    return href(f"{base}/{slug}/index.md")


def easy_hrefs(href: Href, base: str, charters: Sequence[LoadedCharter]) -> dict[str, str]:
    """Each charter's easy-read page, for those that have one."""
    return {c.slug: href(f"{base}/{c.slug}/easy-read.md") for c in charters if c.charter.easy_read}


def fill_markers(
    env: Environment,
    html: str,
    charters: Sequence[LoadedCharter],
    href: Href,
    *,
    base: str,
    list_size: int,
    open_data: Sequence[tuple[str, str, int]],
) -> str:
    """``html`` with each charterkit marker replaced; ``open_data`` lists site path, what, size."""
    if MARKER_START not in html:
        return html
    if MARKER.format("charter-list") in html:
        html = html.replace(
            MARKER.format("charter-list"), _charter_list(env, charters, href, base, list_size)
        )
    if MARKER.format("open-data") in html:
        html = html.replace(MARKER.format("open-data"), _open_data(env, charters, href, open_data))
    if MARKER.format("themes-table") in html:
        table = env.get_template("charterkit/themes-table.html").render(themes=load_themes().values())
        html = html.replace(MARKER.format("themes-table"), table)
    if MARKER.format("themes") in html:
        hrefs = {c.slug: charter_href(href, base, c.slug) for c in charters}
        html = html.replace(
            MARKER.format("themes"),
            env.get_template("charterkit/themes.html").render(
                themes=load_themes().values(), uses=theme_uses(list(charters), hrefs)
            ),
        )
    if MARKER.format("icon-sets") in html or MARKER.format("credits") in html:
        html = html.replace(
            MARKER.format("icon-sets"),
            env.get_template("charterkit/icon-sets.html").render(sets=ICON_SETS),
        )
        html = html.replace(
            MARKER.format("credits"),
            render_credits(env, charters, 1, href, base),
        )
    return html


def _charter_list(
    env: Environment, charters: Sequence[LoadedCharter], href: Href, base: str, list_size: int
) -> str:
    ordered = sorted(charters, key=lambda c: c.charter.title.lower())
    shown = ordered[: max(1, list_size)]
    listing = render_list(
        env, [(c, charter_href(href, base, c.slug)) for c in shown], 3, easy_hrefs(href, base, charters)
    )
    if len(shown) < len(ordered):
        # A site with hundreds of charters keeps a short page: the rest are on the index pages.
        listing += env.get_template("charterkit/more-charters.html").render(
            href=href(f"{base}/index.md"), shown=len(shown), total=len(ordered)
        )
    return listing


def _open_data(
    env: Environment,
    charters: Sequence[LoadedCharter],
    href: Href,
    open_data: Sequence[tuple[str, str, int]],
) -> str:
    downloads = [
        {"href": href(path), "name": posixpath.basename(path), "what": what, "size": size}
        for path, what, size in open_data
    ]
    return env.get_template("charterkit/open-data.html").render(
        downloads=downloads,
        terms=TERMS,
        example=href(f"{OPEN_DATA}/charters/{charters[0].slug}.json") if charters and open_data else "",
    )
