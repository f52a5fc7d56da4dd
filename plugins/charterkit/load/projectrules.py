"""Rules about several charters at once: a slug used twice or taken by the site's own pages, and a sector
spelt nearly like another charter's."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable

from charterkit.errors import WARNING, Problem
from charterkit.format.rules import RESERVED_SLUGS

__all__ = ["sector_problems", "slug_problems"]


def slug_problems(
    items: Iterable[tuple[str, str, int]], reserved: Collection[str] = RESERVED_SLUGS
) -> list[Problem]:
    """Problems for slugs used twice or taken by the site's own pages; items are (file, slug, line).

    Every file sharing a slug gets a problem naming the others, so checking any one of them finds it.
    """
    items = list(items)
    problems: list[Problem] = []
    users: dict[str, list[str]] = {}
    for file, slug, _line in items:
        users.setdefault(slug, []).append(file)
    for file, slug, line in items:
        if slug in reserved:
            problems.append(
                Problem(
                    file,
                    line,
                    "slug",
                    f'"{slug}" is already used by one of the site\'s own pages.',
                    f"Give the charter a different slug (such as slug: {slug}-charter), or rename its file.",
                )
            )
        elif len(users[slug]) > 1:
            others = " and ".join(f for f in users[slug] if f != file)
            problems.append(
                Problem(
                    file,
                    line,
                    "slug",
                    f'"{slug}" is also used by {others}.',
                    "Give one of the charters a different slug (or rename its file).",
                )
            )
    return problems


def _sector_key(value: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value.lower().replace("&", " and ")).split())


def _same_sector(a: str, b: str) -> bool:
    # The same words but for case, punctuation or "&", or a slip of a letter or two ("Mental Heath");
    # never a sector with words added ("Children and families (SEND)"), which may be meant.
    if a == b:
        return True
    return abs(len(a) - len(b)) <= 2 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def sector_problems(items: Iterable[tuple[str, str | None, int]]) -> list[Problem]:
    """A "did you mean" for each sector that is nearly, but not exactly, one other charters use.

    Items are (file, sector, line). Charters are grouped by sector on the "By sector" page, so "Mental
    Health" beside "Mental health" splits one group in two. The spelling more charters use is
    suggested; a spelling no other charter shares is the one to change. The problems are warnings.
    """
    written = [(f, s, line) for f, s, line in items if s]
    users: dict[str, list[str]] = {}
    for file, sector, _line in written:
        assert sector is not None
        users.setdefault(sector, []).append(file)
    keys = {sector: _sector_key(sector) for sector in users}
    nearby: dict[str, list[str]] = {}  # each spelling compared with the others once, not once a charter
    for sector, key in keys.items():
        near = [o for o in users if o != sector and _same_sector(keys[o], key)]
        # Only the less used spelling is asked to change (ties: both hear of the other).
        nearby[sector] = [o for o in near if len(users[o]) >= len(users[sector])]
    problems: list[Problem] = []
    for file, sector, line in written:
        assert sector is not None
        near, key = nearby[sector], keys[sector]
        if not near:
            continue
        best = max(near, key=lambda o: (len(users[o]), keys[o] == key))
        problems.append(
            Problem(
                file,
                line,
                "sector",
                f'"{sector}" is nearly the same as "{best}", which {users[best][0]} uses.',
                f'Did you mean "{best}"? Charters are grouped by sector, so write it the same way '
                "(or leave the sector out if the source does not say).",
                level=WARNING,
            )
        )
    return problems
