"""Split a long list into pages, so that no page of the site grows with the number of charters."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["PER_PAGE", "Paged", "page_count", "page_dir", "paginate"]

T = TypeVar("T")

PER_PAGE = 50
"""The most charters a list, theme or matrix page holds (issue 16: "about 50 charters")."""


@dataclass(frozen=True)
class Paged(Generic[T]):
    """One page of a paged list: its number (from 1), how many pages there are, and its items."""

    number: int
    count: int
    items: Sequence[T]
    first: int
    """The position (from 1) of the page's first item in the whole list."""
    total: int
    """How many items the whole list has."""

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1


def paginate(
    items: Sequence[T],
    per_page: int = PER_PAGE,
    *,
    weight: Callable[[T], int] | None = None,
    budget: int = 0,
) -> list[Paged[T]]:
    """``items`` in pages of at most ``per_page``; with ``weight`` and ``budget``, a page also closes
    before its items' total weight would pass ``budget`` (one item alone may pass it). An empty list
    still makes one (empty) page, so a listing always has its first page."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    groups: list[list[T]] = [[]]
    load = 0
    for item in items:
        w = weight(item) if weight else 0
        current = groups[-1]
        if current and (len(current) >= per_page or (budget and load + w > budget)):
            groups.append([])
            load = 0
        groups[-1].append(item)
        load += w
    pages: list[Paged[T]] = []
    first = 1
    for n, group in enumerate(groups, start=1):
        pages.append(Paged(n, len(groups), group, first, len(items)))
        first += len(group)
    return pages


def page_count(items: int, per_page: int = PER_PAGE) -> int:
    """How many pages :func:`paginate` makes of ``items`` items, ``per_page`` a page (one at least),
    without the items."""
    return max(1, -(-items // per_page))


def page_dir(base: str, number: int) -> str:
    """The folder of page ``number`` of a listing at ``base``: ``base`` itself, then ``base/page-2``."""
    return base if number == 1 else f"{base}/page-{number}"
