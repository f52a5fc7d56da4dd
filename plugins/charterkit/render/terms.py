"""Hard words in easy read: bold the first time they appear, with their meaning right beside them.

Easy-read practice (Mencap, Photosymbols; GUIDE.md, "Easy read") explains a hard word where the reader
meets it, not only in a word list at the end. The words and meanings come from the charter's own word
list (``easy_read.words``); nothing is invented. Pure Python: no MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from charterkit.format.model import Word
from charterkit.format.rules import LINKABLE
from charterkit.render.jinja import linkify

__all__ = ["MarkedText", "mark_first_uses"]


@dataclass(frozen=True)
class MarkedText:
    """A text with the first use of each hard word in bold, and those words (their meanings go beside)."""

    html: Markup
    terms: Sequence[Word] = field(default_factory=tuple)


def _pattern(word: str) -> re.Pattern[str]:
    # The word as a whole word, in any case, also with a plural ending ("principle" finds "principles").
    return re.compile(rf"(?<![\w-]){re.escape(word.strip())}(?:s|es)?(?![\w-])", re.IGNORECASE)


def mark_first_uses(texts: Iterable[str], words: Sequence[Word]) -> list[MarkedText]:
    """Each of ``texts`` (in reading order) escaped and linked, the first use of each word in bold.

    A word is marked once on the page: in the first text that uses it, at its first place there. A word
    inside an email or web address is never marked.
    """
    patterns = [(w, _pattern(w.word)) for w in words if w.word.strip()]
    seen: set[int] = set()
    out: list[MarkedText] = []
    for text in texts:
        links = [m.span() for m in LINKABLE.finditer(text)]
        found: list[tuple[int, int, Word]] = []
        for index, (word, pattern) in enumerate(patterns):
            if index in seen:
                continue
            for m in pattern.finditer(text):
                start, end = m.span()
                inside_link = any(a <= start < b for a, b in links)
                overlaps = any(start < e and s < end for s, e, _ in found)
                if not inside_link and not overlaps:
                    found.append((start, end, word))
                    seen.add(index)
                    break
        found.sort(key=lambda f: f[0])
        parts: list[str] = []
        pos = 0
        for start, end, _ in found:
            parts.append(str(linkify(text[pos:start])))
            parts.append(f'<strong class="ck-er-term">{linkify(text[start:end])}</strong>')
            pos = end
        parts.append(str(linkify(text[pos:])))
        out.append(MarkedText(Markup("".join(parts)), tuple(w for _, _, w in found)))
    return out
