"""Display data for templates: headings with levels and ids, in the source's order.

Templates receive these plain objects and never decide heading levels or ids themselves, so the
standard page, the print version and the table of contents always agree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify, unique

from charterkit.format.model import Charter, Principle, Section
from charterkit.format.themes import Theme, load_themes
from charterkit.load.loader import LoadedCharter

__all__ = ["Block", "CharterView", "Heading", "build_view", "group_by", "walk", "walk_blocks"]


@dataclass
class Heading:
    """A heading in a page's outline."""

    level: int
    id: str
    title: str
    children: list[Heading] = field(default_factory=list)


@dataclass
class Block:
    """A section or a principle as shown: optional heading, text, points, text after, children."""

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


def _principle_block(p: Principle, level: int, ids: _Ids) -> Block:
    themes = load_themes()
    return Block(
        title=p.title,
        id=ids.make(p.title),
        level=level,
        kind="principle",
        text=p.text,
        points=p.points,
        numbered=p.numbered,
        themes=[themes[t] for t in p.themes],
        is_principle=True,
    )


def _section_block(s: Section, level: int, ids: _Ids) -> Block:
    block_id = ids.make(s.title) if s.title else None
    inner = level + 1 if s.title else level
    block = Block(
        title=s.title,
        id=block_id,
        level=level,
        kind=s.kind,
        text=s.text,
        points=s.points,
        numbered=s.numbered,
        after=s.after,
    )
    block.children = [_principle_block(p, inner, ids) for p in s.principles]
    block.children += [_section_block(sub, inner, ids) for sub in s.sections]
    return block


def _outline(blocks: Sequence[Block]) -> list[Heading]:
    out: list[Heading] = []
    for b in blocks:
        kids = _outline(b.children)
        if b.title and b.id:
            out.append(Heading(min(b.level, 6), b.id, b.title, kids))
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
    """Charters grouped by ``sector`` or ``area``, groups and members sorted; no value → "Not stated"."""
    groups: dict[str, list[LoadedCharter]] = {}
    for item in charters:
        value = getattr(item.charter, key) or "Not stated"
        groups.setdefault(value, []).append(item)
    return [
        (name, sorted(members, key=lambda m: m.charter.title.lower()))
        for name, members in sorted(groups.items(), key=lambda kv: (kv[0] == "Not stated", kv[0].lower()))
    ]
