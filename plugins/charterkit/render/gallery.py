"""The picture gallery: every picture an easy-read point may use, with its name, on pages small enough
for a phone.

The pictures are grouped by the first letter of their own name (``handshake`` under H), and each letter's
pictures are split, in order of name, into pages of at most :data:`PAGE_BYTES` of pictures: a letter
such as C has over a thousand, far more than one page should hold. Each page says which names it runs
from and to, and links to the other pages of its letter.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from charterkit.format.icons import ICON_SETS, IconSet
from charterkit.memo import BytesStore, Memo
from charterkit.render.pager import pager_links
from charterkit.render.pages import Rendered
from charterkit.render.views import Heading, heading_id

__all__ = [
    "PAGE_BYTES",
    "PICTURE_SETS",
    "Gallery",
    "GalleryPage",
    "load_gallery",
    "render_picture_index",
    "render_picture_page",
]

PICTURE_SETS = ("material", "fontawesome/solid", "fontawesome/regular", "octicons")
"""The picture sets shown in the gallery: pictures of ideas. Logos (Simple Icons, Font Awesome's brands)
are left out; they can still be used in a charter."""

_PREFIXES = tuple(f"{s}/" for s in PICTURE_SETS)

PAGE_BYTES = 66_000
"""The most picture markup on one page of the gallery: with the site's own header, menus and footer
(about 27 KB), every page stays under 100 KB of HTML."""


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_OPENING = re.compile(r"<svg\b[^>]*>")
_KEPT = re.compile(r'\s(?:viewBox|width|height|fill|class)="[^"]*"')


def _shown_svg(text: str) -> str:
    """A picture's SVG file as the gallery shows it: without its comments (the credits page names each
    set's licence) and with only the attributes that draw it, so that a page holds more pictures. The
    list item hides it from screen readers: its name is beside it."""
    svg = _COMMENT.sub("", text) if "<!--" in text else text
    opening = _OPENING.search(svg)
    if opening is None:
        return svg
    kept = "".join(m.group(0) for m in _KEPT.finditer(opening.group(0)))
    return svg[: opening.start()] + f"<svg{kept}>" + svg[opening.end() :]


def _read_shown(paths: Sequence[str]) -> list[str]:
    return [_shown_svg(_read_text(path)) for path in paths]


def _read_text(path: str) -> str:
    """A small file's text, read with the fewest system calls: ten thousand pictures took 0.18 s through
    ``open()`` (which also asks whether each is a terminal) and 0.08 s this way."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = [os.read(fd, _READ)]
        while len(chunks[-1]) == _READ:  # a file read whole comes back shorter than asked
            chunks.append(os.read(fd, _READ))
    finally:
        os.close(fd)
    return b"".join(chunks).decode("utf-8")


_READ = 1 << 16


@dataclass(frozen=True)
class GalleryPage:
    """One page of the gallery: a letter's pictures from ``names[0]`` to ``names[-1]``."""

    letter: str
    number: int
    count: int
    """How many pages the letter has."""
    names: tuple[str, ...]
    shown: str = ""
    """A hash of its pictures' text (made once, with the gallery): a page is kept by it."""

    @property
    def uri(self) -> str:
        """The page's source path in the site: ``pictures/h.md``, then ``pictures/h-2.md``..."""
        key = self.letter.lower()
        return f"pictures/{key}.md" if self.number == 1 else f"pictures/{key}-{self.number}.md"

    @property
    def title(self) -> str:
        if self.count == 1:
            return f"Pictures: {self.letter}"
        return f"Pictures: {self.letter}, page {self.number} of {self.count}"


def _own_name(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def _set_of(name: str) -> str:
    return next(s for s in PICTURE_SETS if name.startswith(f"{s}/"))


@dataclass(frozen=True)
class Gallery:
    """The gallery's pages, in order, and each picture as they show it, by name."""

    pages: tuple[GalleryPage, ...]
    svgs: Mapping[str, str]


def load_gallery(icons: IconSet, store: BytesStore | None = None, page_bytes: int = PAGE_BYTES) -> Gallery:
    """The gallery: by first letter (``0-9`` for digits), each letter's pictures in order of their own
    name, a new page whenever the pictures would pass ``page_bytes``. Reading ten thousand pictures takes
    seconds, so the gallery is kept (in this process, and in ``store``) by the theme's version."""
    memo: Memo[Gallery] = Memo("gallery", store)
    key = memo.key(_theme_version(), str(page_bytes), *PICTURE_SETS)
    kept = memo.get(key)
    if kept is not None:
        return kept
    files = icons.files()
    names = sorted(n for n in files if n.startswith(_PREFIXES))
    svgs = dict(zip(names, _read_shown([files[n] for n in names]), strict=True))
    letters: dict[str, list[str]] = {}
    for name in svgs:
        first = _own_name(name)[:1]
        letters.setdefault("0-9" if first.isdigit() else first.upper(), []).append(name)
    pages: list[GalleryPage] = []
    for letter, names in sorted(letters.items()):
        chunks: list[list[str]] = [[]]
        size = 0
        for name in sorted(names, key=lambda n: (_own_name(n), n)):
            cost = len(svgs[name]) + len(name) + 76  # the list item around it
            if chunks[-1] and size + cost > page_bytes:
                chunks.append([])
                size = 0
            chunks[-1].append(name)
            size += cost
        pages += [
            GalleryPage(letter, i, len(chunks), tuple(chunk), _hash(svgs[name] for name in chunk))
            for i, chunk in enumerate(chunks, start=1)
        ]
    gallery = Gallery(tuple(pages), svgs)
    memo.put(key, gallery)
    return gallery


def _hash(texts: Iterable[str]) -> str:
    h = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8")
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def _theme_version() -> str:
    try:
        return metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        return "-"


def _label(set_name: str) -> str:
    top = set_name.split("/")[0]
    return ICON_SETS[top]["name"] + (f" ({set_name.split('/')[1]})" if "/" in set_name else "")


def _letters(pages: Sequence[GalleryPage], href: Callable[[str], str], current: str) -> list[dict[str, Any]]:
    return [
        {"letter": p.letter, "href": href(p.uri), "current": p.letter == current}
        for p in pages
        if p.number == 1
    ]


def render_picture_page(
    env: Environment, gallery: Gallery, page: GalleryPage, href: Callable[[str], str]
) -> Rendered:
    """One page of the gallery: its pictures, inline, with their names, grouped by set; links to each
    letter and to the other pages of this letter."""
    used: set[str] = set()
    h1 = heading_id(page.title, used)
    groups: list[dict[str, Any]] = []
    by_set: dict[str, list[str]] = {}
    for name in page.names:
        by_set.setdefault(_set_of(name), []).append(name)
    for set_name in PICTURE_SETS:
        mine = by_set.get(set_name)
        if not mine:
            continue
        label = _label(set_name)
        groups.append(
            {
                "id": heading_id(label, used),
                "name": label,
                "items": [{"name": n, "svg": Markup(gallery.svgs[n])} for n in mine],
            }
        )
    pages = gallery.pages
    same = [p for p in pages if p.letter == page.letter]
    uri_of = {p.number: p.uri for p in same}
    pager = pager_links(page.count, page.number, lambda n: href(uri_of[n]))
    html = env.get_template("charterkit/pictures-page.html").render(
        h1_id=h1,
        page=page,
        first=_own_name(page.names[0]),
        last=_own_name(page.names[-1]),
        groups=groups,
        pages=_letters(pages, href, page.letter),
        pager=pager,
        index_href=href("pictures/index.md"),
    )
    return Rendered(html, [Heading(2, g["id"], g["name"]) for g in groups])


def render_picture_index(
    env: Environment, icons: IconSet, gallery: Gallery | None, href: Callable[[str], str]
) -> Rendered:
    """The gallery's first page: how to use a picture, the sets, and a link to each letter's page
    (``gallery`` None: the pages are left out of this build)."""
    counts: dict[str, int] = {}
    shown = gallery.svgs if gallery else [n for n in icons.names() if n.startswith(_PREFIXES)]
    for name in shown:
        counts[_set_of(name)] = counts.get(_set_of(name), 0) + 1
    sets = [
        {
            "name": _label(set_name),
            "count": counts.get(set_name, 0),
            "licence": ICON_SETS[set_name.split("/")[0]]["licence"],
            "prefix": set_name,
        }
        for set_name in PICTURE_SETS
    ]
    html = env.get_template("charterkit/pictures-index.html").render(
        h1_id="pictures-for-easy-read",
        sets=sets,
        total=sum(counts.values()),
        pages=_letters(gallery.pages, href, "") if gallery else [],
    )
    return Rendered(html, [Heading(2, "picture-sets", "The picture sets")])
