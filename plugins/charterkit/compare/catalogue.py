"""The charters as a catalogue: each with its principles by theme, the facets they can be narrowed by,
and the charters most like each one.

Everything here is computed once per build from the loaded charters, in time that grows with the number
of charters (similarity compares each distinct set of themes once, not each pair of charters).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from markdown.extensions.toc import slugify, unique

from charterkit.format.model import Charter
from charterkit.format.rules import is_slug
from charterkit.format.themes import load_themes
from charterkit.load.loader import LoadedCharter
from charterkit.render.views import build_view, walk_blocks

__all__ = [
    "FACETS",
    "NOT_STATED",
    "Entry",
    "Facet",
    "FacetValue",
    "PrincipleEntry",
    "Similar",
    "catalogue",
    "facet",
    "similar_charters",
]

NOT_STATED = "Not stated"
"""The group of charters whose source gives no value (no sector, no area, no date)."""


@dataclass(frozen=True)
class PrincipleEntry:
    """A principle as found under a theme: its anchor on the charter's page and its words."""

    id: str
    title: str
    text: tuple[str, ...]
    points: tuple[str, ...]
    numbered: bool
    themes: tuple[str, ...]

    @cached_property
    def size(self) -> int:
        """Roughly how many characters of HTML it takes on a page."""
        return 120 + len(self.title) + sum(len(t) + 9 for t in (*self.text, *self.points))


@dataclass(frozen=True)
class Entry:
    """A charter in the catalogue."""

    loaded: LoadedCharter
    principles: tuple[PrincipleEntry, ...]
    reserved_ids: tuple[str, ...] = ()
    parts: dict[tuple[Hashable, ...], str] = field(default_factory=dict, compare=False, repr=False)
    """Parts of pages drawn for this charter (:mod:`charterkit.render.fragments`)."""

    @property
    def slug(self) -> str:
        return self.loaded.slug

    @property
    def charter(self) -> Charter:
        return self.loaded.charter

    @cached_property
    def themes(self) -> tuple[str, ...]:
        """The themes its principles name, in the order of the themes list."""
        named = {t for p in self.principles for t in p.themes}
        return tuple(t for t in load_themes() if t in named)

    def under(self, theme: str) -> list[PrincipleEntry]:
        """Its principles that name ``theme``, in the charter's order."""
        return list(self._by_theme.get(theme, ()))

    @cached_property
    def _by_theme(self) -> dict[str, list[PrincipleEntry]]:
        # Asked for every theme of every charter when the theme pages are planned and shown.
        out: dict[str, list[PrincipleEntry]] = {}
        for p in self.principles:
            for t in dict.fromkeys(p.themes):
                out.setdefault(t, []).append(p)
        return out

    @property
    def year(self) -> str | None:
        return self.charter.published[:4] if self.charter.published else None

    @property
    def has_easy_read(self) -> bool:
        return self.charter.easy_read is not None


def catalogue(
    charters: Sequence[LoadedCharter], reserved: Sequence[str] = (), known: Sequence[Entry] = ()
) -> list[Entry]:
    """Every charter with its principles, A to Z by title. ``reserved`` are the heading ids the charter
    page uses besides the charter's own, so the anchors here are the page's anchors.

    ``known`` are entries of an earlier catalogue (the previous rebuild of ``mkdocs serve``): a charter
    read from unchanged bytes is the very same object again (:mod:`charterkit.load.prepared`), and its
    principles are taken from there instead of being worked out again."""
    reserved = tuple(reserved)
    before = {id(e.charter): e for e in known if e.reserved_ids == reserved}
    entries = []
    for item in charters:
        earlier = before.get(id(item.charter))
        if earlier is not None and earlier.charter is item.charter:
            # The same file in the same place: the whole entry, with what it has worked out since.
            entries.append(earlier if earlier.loaded == item else Entry(item, earlier.principles, reserved))
            continue
        view = build_view(item, reserved=reserved)
        principles = tuple(
            PrincipleEntry(
                id=b.id or "",
                title=b.title or "",
                text=tuple(b.text),
                points=tuple(b.points),
                numbered=b.numbered,
                themes=tuple(t.id for t in b.themes),
            )
            for b in walk_blocks(view.blocks)
            if b.is_principle
        )
        entries.append(Entry(item, principles, reserved))
    return sorted(entries, key=lambda e: (e.charter.title.lower(), e.slug))


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet (a sector, an area, a year) and the charters that have it, A to Z."""

    label: str
    slug: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Facet:
    """A way to narrow the list of charters: its id (used in addresses and in the filter's query string),
    what to call it, and its values."""

    id: str
    name: str
    values: list[FacetValue] = field(default_factory=list)


FACETS: dict[str, str] = {
    "sector": "Sector",
    "area": "Area",
    "year": "Year published",
    "easy-read": "Easy read",
}
"""The facets with pre-built pages, by id (the theme facet's pages are the theme pages)."""

EASY_READ_LABEL = "Has an easy read version"


def _value(entry: Entry, key: str) -> str:
    if key == "year":
        return entry.year or NOT_STATED
    if key == "easy-read":
        return EASY_READ_LABEL if entry.has_easy_read else ""
    value = getattr(entry.charter, key)
    return str(value) if value else NOT_STATED


def facet(entries: Sequence[Entry], key: str) -> Facet:
    """The values of facet ``key`` (an id of :data:`FACETS`) with their charters. Sectors and areas run
    A to Z and years newest first, "Not stated" last; charters without easy read are in no value."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        value = _value(e, key)
        if value:
            groups[value].append(e)

    def order(label: str) -> tuple[bool, str]:
        if key == "year" and label != NOT_STATED:
            return (False, f"{9999 - int(label):04d}")
        return (label == NOT_STATED, label.lower())

    used: set[str] = set()
    values = []
    for label in sorted(groups, key=order):
        members = sorted(groups[label], key=lambda e: (e.charter.title.lower(), e.slug))
        values.append(FacetValue(label, unique(_address(label), used), tuple(members)))
    return Facet(key, FACETS[key], values)


def _address(label: str) -> str:
    # An address made from an editor's words keeps to what a charter's slug may be (rules.is_slug).
    slug = "-".join(re.findall(r"[a-z0-9]+", slugify(label, "-")))[:60].strip("-")
    return slug if is_slug(slug) else "value"


@dataclass(frozen=True)
class Similar:
    """A charter like another one, and the themes the two share (in the themes list's order)."""

    entry: Entry
    shared: tuple[str, ...]


def similar_charters(entries: Sequence[Entry], limit: int = 3) -> dict[str, list[Similar]]:
    """For each charter (by slug), the ``limit`` charters sharing the most themes with it: most shared
    first, then the closer match (fewer themes not shared), then A to Z. Charters sharing none are left
    out. Charters with the same set of themes are compared once, so the work grows with the number of
    distinct sets, which the short themes list keeps small."""
    order = list(load_themes())
    bit = {t: 1 << i for i, t in enumerate(order)}
    by_mask: dict[int, list[Entry]] = defaultdict(list)
    for e in entries:
        mask = 0
        for t in e.themes:
            mask |= bit[t]
        if mask:
            by_mask[mask].append(e)
    for members in by_mask.values():
        members.sort(key=lambda e: (e.charter.title.lower(), e.slug))
    masks = list(by_mask)
    result: dict[str, list[Similar]] = {e.slug: [] for e in entries}
    for mask in masks:
        scored = sorted(((-(m & mask).bit_count(), (m ^ mask).bit_count()), m) for m in masks if m & mask)
        # Take whole sets of themes, best first, until enough charters are in hand and the score
        # changes: charters with equal scores are then ordered A to Z together.
        pool: list[tuple[tuple[int, int], str, str, Entry, int]] = []
        boundary: tuple[int, int] | None = None
        for score, m in scored:
            if boundary is not None and score != boundary:
                break
            pool.extend((score, o.charter.title.lower(), o.slug, o, m) for o in by_mask[m])
            if boundary is None and len(pool) > limit:
                boundary = score
        pool.sort(key=lambda row: row[:3])
        for e in by_mask[mask]:
            # e is in the pool at most once: the first limit + 1 rows hold the limit others.
            picked = [row for row in pool[: limit + 1] if row[2] != e.slug][:limit]
            result[e.slug] = [
                Similar(row[3], tuple(t for t in order if bit[t] & row[4] & mask)) for row in picked
            ]
    return result
