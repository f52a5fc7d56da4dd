"""The links between the pages of a paged list: a few page numbers, not one for every page.

A list of a thousand charters has dozens of pages, and the readability report a hundred. A pager that
linked every page would give each page a hundred links to tab and listen through, and make the site's
size grow with the square of the number of charters. So a pager links the first and the last page, the
current one and those beside it, with an ellipsis for the numbers left out, as GOV.UK's pagination does;
with 7 pages or fewer it links them all. "Previous page" and "Next page" go beside it (the templates).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["pager_links", "pager_numbers"]

SHOWN_WHOLE = 7
"""A pager of this many pages or fewer links every one."""


def pager_numbers(count: int, current: int) -> list[int | None]:
    """The page numbers a pager of ``count`` pages shows on page ``current``; None for an ellipsis. A gap
    of one page shows its number, which is no longer than the ellipsis."""
    if count <= SHOWN_WHOLE:
        return list(range(1, count + 1))
    wanted = sorted(n for n in {1, current - 1, current, current + 1, count} if 1 <= n <= count)
    shown: list[int | None] = []
    before = 0
    for n in wanted:
        if n - before == 2:
            shown.append(n - 1)
        elif n - before > 2:
            shown.append(None)
        shown.append(n)
        before = n
    return shown


def pager_links(count: int, current: int, href: Callable[[int], str]) -> list[dict[str, Any]]:
    """The pager of page ``current`` of ``count``: each entry's ``number`` (None for an ellipsis), ``href``
    (``href(number)``) and ``current``; none when one page holds the whole list."""
    if count <= 1:
        return []
    return [
        {"number": n, "href": href(n) if n is not None else "", "current": n == current}
        for n in pager_numbers(count, current)
    ]
