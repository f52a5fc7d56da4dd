"""Braille-ready files (.brf): Unified English Braille grade 2, laid out for embossers.

liblouis translates (Debian's ``liblouis-bin`` gives ``lou_translate``, ``liblouis-data`` the tables),
writing North American ASCII braille (``en-us-brf.dis``). This module lays the braille out as embossers
expect: at most 40 cells a line and 25 lines a page, words never split across lines (a single word longer
than a line is the only exception, and is cut at the margin), a title page, the braille page number at
the top right of every page after it, and a form feed after every page.

Machine braille is not proofread braille: the title page says so until a transcriber has checked it and
the charter records it (``braille_checked_by``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from functools import cache

from charterkit.formats.content import Content, EasyRow, Heading, ItemList, Paragraph, plain

__all__ = [
    "CELLS",
    "LINES",
    "TABLES",
    "BrailleError",
    "ToolMissing",
    "back_translate",
    "braille_number",
    "brf_pages",
    "liblouis_version",
    "print_blocks",
    "translate",
    "untranslatable",
    "write_brf",
]

CELLS = 40
LINES = 25
TABLES = "en-us-brf.dis,en-ueb-g2.ctb"
"""North American ASCII braille out, Unified English Braille grade 2 (contracted) in."""

_PACKAGES = (
    "Install Debian's liblouis-bin and liblouis-data packages (apt-get install liblouis-bin liblouis-data)"
)
_CHUNK = 800
"""Characters of print given to lou_translate at once: it cuts a longer line in two, unasked."""
_UNKNOWN = re.compile(r"'\\[XY][A-J]+'")
"""How liblouis writes a character its tables do not define: its hex code between apostrophes."""


class ToolMissing(Exception):
    """liblouis (the program or its tables) is not installed; the message names the packages."""


class BrailleError(Exception):
    """liblouis failed on some text."""


def _program() -> str:
    program = shutil.which("lou_translate")
    if program is None:
        raise ToolMissing(f"braille needs the lou_translate program, which is not installed. {_PACKAGES}.")
    return program


def _run(args: Sequence[str], lines: Sequence[str]) -> list[str]:
    program = _program()
    # lou_translate reads backslash escapes (\x41) in its input: a real backslash is written twice.
    proc = subprocess.run(
        [program, *args, TABLES],
        input="".join(line.replace("\\", "\\\\") + "\n" for line in lines),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if proc.returncode != 0 or (proc.stderr.strip() and not proc.stdout):
        error = proc.stderr.strip() or f"exit code {proc.returncode}"
        if "table" in error.lower() or "cannot" in error.lower():
            raise ToolMissing(f"liblouis could not open its braille tables ({error}). {_PACKAGES}.")
        raise BrailleError(f"liblouis could not translate the text: {error}")
    out = proc.stdout.split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(lines):
        raise BrailleError(f"liblouis gave {len(out)} lines for {len(lines)}")
    return out


def translate(lines: Sequence[str]) -> list[str]:
    """Each line of print in UEB grade 2, as ASCII braille (one call of liblouis for them all)."""
    if not lines:
        _program()  # nothing to translate, but say now if liblouis is missing
        return []
    chunks: list[str] = []
    owners: list[int] = []
    for n, line in enumerate(lines):
        for chunk in _chunks(" ".join(line.split()) or " "):
            chunks.append(chunk)
            owners.append(n)
    out = [""] * len(lines)
    for n, braille in zip(owners, _run(["--forward"], chunks), strict=True):
        out[n] = f"{out[n]} {braille}" if out[n] else braille
    return out


def _chunks(text: str, size: int = _CHUNK) -> list[str]:
    """``text`` cut between words into pieces lou_translate takes whole (it splits long lines itself)."""
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind(" ", 0, size)
        cut = cut if cut > 0 else size
        pieces.append(text[:cut])
        text = text[cut:].lstrip()
    return [*pieces, text]


def back_translate(lines: Sequence[str]) -> list[str]:
    """ASCII braille back into print, as a reader of the braille would read it."""
    return _run(["--backward"], list(lines)) if lines else []


def untranslatable(text: str) -> list[str]:
    """The characters of ``text`` that the braille tables cannot translate, in order of first use."""
    chars = sorted({c for c in text if ord(c) > 126}, key=text.index)
    if not chars:
        return []
    return [c for c, out in zip(chars, translate(chars), strict=True) if _UNKNOWN.search(out)]


@cache
def liblouis_version() -> str:
    """The version of liblouis, which shapes every braille file (part of the cache key)."""
    program = shutil.which("lou_translate")
    if program is None:
        return "not installed"
    proc = subprocess.run([program, "--version"], capture_output=True, text=True, check=False)
    return (proc.stdout.splitlines() or ["unknown"])[0]


def braille_number(n: int) -> str:
    """A number in ASCII braille: the number sign, then the digits as the letters a to j."""
    return "#" + "".join("JABCDEFGHI"[int(d)] for d in str(n))


def _wrap(braille: str, first: int = 0, rest: int = 0, width: int = CELLS) -> list[str]:
    """Braille words on lines of ``width`` cells, the first indented ``first`` cells, the others ``rest``."""
    lines: list[str] = []
    line, fresh = " " * first, True
    for word in braille.split():
        if not fresh and len(line) + 1 + len(word) > width:
            lines.append(line)
            line, fresh = " " * rest, True
        if not fresh:
            line += " "
        while len(line) + len(word) > width:  # a word longer than a line: the only word ever cut
            room = width - len(line)
            lines.append(line + word[:room])
            word, line = word[room:], " " * rest
        line, fresh = line + word, False
    if not fresh:
        lines.append(line)
    return lines


def _centre(braille: str) -> list[str]:
    return [(" " * ((CELLS - len(x)) // 2) + x).rstrip() for x in _wrap(braille)]


def _title_page(content: Content, title: str, facts: list[str]) -> list[str]:
    lines = ["", *_centre(title), ""]
    for fact in facts:
        lines.extend(_centre(fact))
        lines.append("")
    return lines[:LINES]


def print_blocks(content: Content) -> tuple[list[str], list[tuple[str, int, int, bool]]]:
    """The print of each block and how it is laid out: (kind, first indent, runover indent, centred)."""
    prints: list[str] = []
    shapes: list[tuple[str, int, int, bool]] = []
    for node in content.nodes[1:]:  # the title is on the title page
        if isinstance(node, Heading):
            prints.append(node.text)
            shapes.append(("heading", 4, 4, node.level <= 2))
        elif isinstance(node, Paragraph):
            prints.append(plain(node.spans))
            shapes.append(("text", 2, 0, False))
        elif isinstance(node, ItemList):
            for i, item in enumerate(node.items, start=1):
                prints.append((f"{i}. " if node.numbered else "") + plain(item))
                shapes.append(("item", 0, 2, False))
        elif isinstance(node, EasyRow):
            prints.append((f"(Picture: {node.alt}) " if node.alt else "") + plain(node.spans))
            shapes.append(("text", 2, 0, False))
    return prints, shapes


def brf_pages(content: Content) -> list[list[str]]:
    """The pages of the braille file, each a list of at most 25 lines of at most 40 cells."""
    who = content.braille_checked
    note = (
        f"Braille proofread by {'; '.join(who)}"
        if who
        else "This braille was made by software and has not been proofread by a braille transcriber."
    )
    version = "Easy read version" if content.variant == "easy-read" else "Standard version"
    facts = [
        version,
        *([content.author] if content.author else []),
        "Unified English Braille, grade 2.",
        note,
    ]
    prints, shapes = print_blocks(content)
    title, *translated = translate([content.title, *facts, *prints])
    facts_b, body_b = translated[: len(facts)], translated[len(facts) :]
    pages = [_title_page(content, title, facts_b)]
    body = LINES - 1  # line 1 carries the page number
    current: list[str] = []

    def new_page() -> None:
        nonlocal current
        if current:
            pages.append(current)
        current = []

    for braille, (kind, first, rest, centred) in zip(body_b, shapes, strict=True):
        lines = _centre(braille) if centred else _wrap(braille, first, rest)
        if kind == "heading":
            if current and len(current) + 1 + len(lines) + 1 > body:
                new_page()  # a heading never ends a page: it goes with the text after it
            if current:
                current.append("")
        for line in lines:
            if len(current) >= body:
                new_page()
            current.append(line)
    new_page()
    for number, page in enumerate(pages[1:], start=1):
        mark = braille_number(number)
        page.insert(0, " " * (CELLS - len(mark)) + mark)
    return pages


def write_brf(content: Content) -> bytes:
    """The braille-ready file: CR LF line ends, a form feed after every page, ASCII only."""
    pages = brf_pages(content)
    text = "".join("".join(line.rstrip() + "\r\n" for line in page) + "\f" for page in pages)
    return text.encode("ascii")
