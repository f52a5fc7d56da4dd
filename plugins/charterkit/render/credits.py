"""Who owns each charter's text: the list on the credits page (``<!-- charterkit:credits -->``), in pages.

A site with hundreds of charters would make one page of credits larger than a phone should load, so the
list is split, A to Z by title, into pages of :data:`CREDITS_PAGE_SIZE` charters: the first where the
marker is (``credits.md``), the others at ``credits/page-2/`` and on. Each charter's own page names its
owner too, under "Source and credit".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from jinja2 import Environment

from charterkit.compare.paging import page_count
from charterkit.load.loader import LoadedCharter
from charterkit.render.pager import pager_links

__all__ = [
    "CREDITS_PAGE_SIZE",
    "CREDITS_URI",
    "credit_page_count",
    "credit_page_uri",
    "credit_pages",
    "render_credits",
]

CREDITS_PAGE_SIZE = 100
"""Charters on each page of the credits: about 50 KB of HTML with long credits, well under 100 KB."""

CREDITS_URI = "credits.md"
"""The site's credits page, which holds the marker and the first page of the list."""


def credit_page_uri(number: int) -> str:
    """The source path of page ``number`` of the credits (1: the site's own credits page)."""
    return CREDITS_URI if number == 1 else f"credits/page-{number}.md"


def credit_page_count(charters: int) -> int:
    """How many pages the credits of ``charters`` charters take (:func:`credit_pages`, without sorting)."""
    return page_count(charters, CREDITS_PAGE_SIZE)


def credit_pages(charters: Sequence[LoadedCharter]) -> list[list[LoadedCharter]]:
    """The charters on each page of the credits, A to Z by title; one (perhaps empty) page at least."""
    ordered = sorted(charters, key=lambda c: (c.charter.title.lower(), c.slug))
    return [ordered[i : i + CREDITS_PAGE_SIZE] for i in range(0, len(ordered), CREDITS_PAGE_SIZE)] or [[]]


def render_credits(
    env: Environment,
    charters: Sequence[LoadedCharter],
    number: int,
    href: Callable[[str], str],
    base: str,
    *,
    whole_page: bool = False,
) -> str:
    """Page ``number`` of the credits: each charter, linked, with its owner; a pager when there are more
    pages. ``whole_page``: the body of a continuation page (with its own heading), not a marker's list."""
    pages = credit_pages(charters)
    chunk = pages[number - 1]
    pager = pager_links(len(pages), number, lambda n: href(credit_page_uri(n)))
    return env.get_template("charterkit/credits.html").render(
        items=[(c.charter, href(f"{base}/{c.slug}/index.md")) for c in chunk],
        page={"number": number, "count": len(pages)},
        pager=pager,
        total=len(charters),
        whole_page=whole_page,
        first_href=href(credit_page_uri(1)),
    )
