"""Plain text (.txt): UTF-8, headings underlined, lines wrapped at 72 characters.

For screen-reader users who prefer it and for e-mail. Links show their address, as on the web page (the
address is the link's text). Easy-read pictures are left out: the words carry the meaning; a picture's
description, where the charter gives one, comes first in brackets.
"""

from __future__ import annotations

import textwrap

from charterkit.formats.content import Content, EasyRow, Heading, ItemList, Paragraph, plain

__all__ = ["WIDTH", "write_text"]

WIDTH = 72
_UNDERLINE = {1: "=", 2: "-"}
"""Level 1 and 2 headings are underlined; deeper ones with "~"."""


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    # Never split a word or a web address: a word longer than a line gets a line of its own.
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def text_lines(content: Content) -> list[str]:
    """The lines of the file, without line ends."""
    lines: list[str] = []
    for node in content.nodes:
        if lines:
            lines.append("")
        if isinstance(node, Heading):
            wrapped = _wrap(node.text)
            lines.extend(wrapped)
            lines.append(_UNDERLINE.get(node.level, "~") * min(WIDTH, max(len(x) for x in wrapped)))
        elif isinstance(node, Paragraph):
            lines.extend(_wrap(plain(node.spans)))
        elif isinstance(node, ItemList):
            for i, item in enumerate(node.items, start=1):
                marker = f"{i}. " if node.numbered else "- "
                lines.extend(_wrap(plain(item), marker, " " * len(marker)))
        elif isinstance(node, EasyRow):
            alt = f"[Picture: {node.alt}] " if node.alt else ""
            lines.extend(_wrap(alt + plain(node.spans)))
    return lines


def write_text(content: Content) -> bytes:
    """The plain-text file of ``content``."""
    return ("\n".join(text_lines(content)) + "\n").encode("utf-8")
