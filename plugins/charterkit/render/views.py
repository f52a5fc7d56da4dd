"""Display data for templates: headings with levels and ids, in the source's order.

Templates receive these plain objects and never decide heading levels or ids themselves, so the
standard page, the print version and the table of contents always agree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify, unique

from charterkit.format.model import NOT_STATED, Charter, Item, Principle, Section
from charterkit.format.themes import Theme, load_themes
from charterkit.load.loader import LoadedCharter

__all__ = [
    "GAP_LABEL",
    "MISSING_HEADING",
    "MISSING_HEADING_NOTE",
    "Block",
    "CharterView",
    "Entry",
    "Heading",
    "build_view",
    "group_by",
    "walk",
    "walk_blocks",
]

GAP_LABEL = "Part of this charter is missing here."
"""What readers are told, in place, where the source's text could not be retrieved (then the editor's
note, such as "The source lists three things; only two were retrieved.")."""

MISSING_HEADING = "Heading missing"
"""The heading shown for a principle whose heading the source gives but could not be retrieved."""

MISSING_HEADING_NOTE = "The heading of this part of the charter is missing from the copy this website has."
"""Said under a missing heading, so that readers do not take the words as the charter's own."""


@dataclass
class Heading:
    """A heading in a page's outline."""

    level: int
    id: str
    title: str
    children: list[Heading] = field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    """A paragraph or point as shown: its text, with an optional name before it, or a gap.

    For a gap, ``text`` is the editor's note on what is missing, and :attr:`plain` starts with
    :data:`GAP_LABEL`, so a format that prints only plain text still tells readers, in place.
    """

    text: str
    name: str | None = None
    gap: bool = False

    @property
    def plain(self) -> str:
        """The entry as one line of plain text: ``Be open: Be open to…`` or the gap and its note."""
        if self.gap:
            return f"{GAP_LABEL} {self.text}"
        return f"{self.name}: {self.text}" if self.name else self.text

    def __str__(self) -> str:
        return self.plain


def _entries(items: Sequence[str | Item]) -> list[Entry]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Entry(item))
        elif item.missing is not None:
            out.append(Entry(item.missing, gap=True))
        else:
            out.append(Entry(item.text or "", item.name))
    return out


@dataclass
class Block:
    """A section or a principle as shown: optional heading, text, points, text after, children.

    ``text``, ``points`` and ``after`` are plain strings (a named point as "Name: text", a gap as
    :data:`GAP_LABEL` and its note); ``text_entries``, ``point_entries`` and ``after_entries`` hold the
    same in parts, for formats that show a point's name in bold or a gap in a box.
    """

    title: str | None
    id: str | None
    level: int
    kind: str
    text: Sequence[str] = ()
    points: Sequence[str] = ()
    numbered: bool = False
    after: Sequence[str] = ()
    themes: Sequence[Theme] = ()
    children: list[Block] = field(default_factory=list)
    is_principle: bool = False
    number: int | None = None
    """The principle's number, when its section numbers its principles ("1. Be open")."""
    title_missing: bool = False
    """True when the source's heading could not be retrieved: ``title`` is :data:`MISSING_HEADING`."""
    text_entries: Sequence[Entry] = ()
    point_entries: Sequence[Entry] = ()
    after_entries: Sequence[Entry] = ()

    @property
    def heading(self) -> str | None:
        """The heading as shown: the title, after its number when the source numbers it."""
        if self.title is None:
            return None
        return f"{self.number}. {self.title}" if self.number is not None else self.title

    @property
    def gaps(self) -> list[Entry]:
        """Every gap in this block's own text (not its children's)."""
        return [e for e in (*self.text_entries, *self.point_entries, *self.after_entries) if e.gap]

    @property
    def has_gaps(self) -> bool:
        """True when this block, or any block inside it, has missing text or a missing heading."""
        return bool(self.gaps) or self.title_missing or any(c.has_gaps for c in self.children)


@dataclass
class CharterView:
    """Everything a template needs to show one charter."""

    loaded: LoadedCharter
    h1_id: str
    blocks: list[Block]
    outline: list[Heading]

    @property
    def charter(self) -> Charter:
        return self.loaded.charter

    @property
    def slug(self) -> str:
        return self.loaded.slug


RESERVED_ID_PREFIXES = ("_", "ck-", "md-")
"""Ids the theme (``__search``, ``__drawer``, ``__nav_1``...) and our own templates (``ck-content``) use.
An id made from an editor's title never starts with one, or the theme's JavaScript would find the
wrong element."""


def heading_id(title: str, used: set[str]) -> str:
    """A unique id for a heading, from its title (``Our principles`` → ``our-principles``); one that
    would look like the theme's own (``__config``) is prefixed: ``s-config``."""
    base = slugify(title, "-") or "section"
    if base.startswith(RESERVED_ID_PREFIXES):
        base = "s-" + base.lstrip("_-") if base.lstrip("_-") else "section"
    return str(unique(base, used))  # unique() also records the id it returns


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, title: str) -> str:
        return heading_id(title, self.used)


def _principle_block(p: Principle, level: int, ids: _Ids, number: int | None) -> Block:
    themes = load_themes()
    title = p.title if p.title is not None else MISSING_HEADING
    text, points = _entries(p.text), _entries(p.points)
    return Block(
        title=title,
        id=ids.make(f"{number} {title}" if number is not None else title),
        level=level,
        kind="principle",
        text=[e.plain for e in text],
        points=[e.plain for e in points],
        numbered=p.numbered,
        themes=[themes[t] for t in p.themes],
        is_principle=True,
        number=number,
        title_missing=p.title_missing,
        text_entries=text,
        point_entries=points,
    )


def _section_block(s: Section, level: int, ids: _Ids) -> Block:
    block_id = ids.make(s.title) if s.title else None
    inner = level + 1 if s.title else level
    text, points, after = _entries(s.text), _entries(s.points), _entries(s.after)
    block = Block(
        title=s.title,
        id=block_id,
        level=level,
        kind=s.kind,
        text=[e.plain for e in text],
        points=[e.plain for e in points],
        numbered=s.numbered,
        after=[e.plain for e in after],
        text_entries=text,
        point_entries=points,
        after_entries=after,
    )
    block.children = [
        _principle_block(p, inner, ids, i + 1 if s.numbered else None) for i, p in enumerate(s.principles)
    ]
    block.children += [_section_block(sub, inner, ids) for sub in s.sections]
    return block


def _outline(blocks: Sequence[Block]) -> list[Heading]:
    out: list[Heading] = []
    for b in blocks:
        kids = _outline(b.children)
        if b.heading and b.id:
            out.append(Heading(min(b.level, 6), b.id, b.heading, kids))
        else:
            out.extend(kids)
    return out


def build_view(loaded: LoadedCharter, first_level: int = 2, reserved: Sequence[str] = ()) -> CharterView:
    """Heading levels start at ``first_level`` (the page's h1 is the charter title)."""
    ids = _Ids()
    ids.used.update(reserved)
    h1 = ids.make(loaded.charter.title)
    blocks = [_section_block(s, first_level, ids) for s in loaded.charter.sections]
    return CharterView(loaded, h1, blocks, _outline(blocks))


def walk_blocks(blocks: Sequence[Block]) -> Iterator[Block]:
    """Every block, depth first."""
    for b in blocks:
        yield b
        yield from walk_blocks(b.children)


def walk(headings: Sequence[Heading]) -> Iterator[Heading]:
    """Every heading, depth first."""
    for h in headings:
        yield h
        yield from walk(h.children)


def group_by(charters: Sequence[LoadedCharter], key: str) -> list[tuple[str, list[LoadedCharter]]]:
    """Charters grouped by ``sector`` or ``area``, groups and members sorted; no value → ``NOT_STATED``."""
    groups: dict[str, list[LoadedCharter]] = {}
    for item in charters:
        value = getattr(item.charter, key) or NOT_STATED
        groups.setdefault(value, []).append(item)
    return [
        (name, sorted(members, key=lambda m: m.charter.title.lower()))
        for name, members in sorted(groups.items(), key=lambda kv: (kv[0] == NOT_STATED, kv[0].lower()))
    ]
