"""Nothing lost: every sentence of each seed charter appears, word for word, on its built page.

The seeds are the charters' text as extracted from their published documents. The only differences
allowed are layout debris, listed here with the reason for each, so that nothing else can slip.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import BuildResult

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"

SEED_PAGES = {
    "000_18e0b88636945a57.txt": "gloucestershire-collaborative-partnership-board",
    "001_d269048d2ce7c87a.txt": "mental-health-service-charter",
    "002_0435ee0373bc88b9.txt": "north-somerset-send-partnership",
    "003_93bd483fccb9b24d.txt": "wolverhampton-children-and-families",
    "004_157318ee1afade3a.txt": "changing-futures-bristol",
}

# Layout debris: (seed, text as extracted) -> text as it appears on the page, with why.
DEBRIS: dict[tuple[str, str], str] = {
    # A word split across two lines in the source, joined with its hyphen.
    ("004_157318ee1afade3a.txt", "Traumainformed"): "Trauma-informed",
    (
        "004_157318ee1afade3a.txt",
        "A traumainformed and strengths-based approach is essential.",
    ): "A trauma-informed and strengths-based approach is essential.",
    # The document's heading line runs the title and the date together; the page shows both.
    (
        "004_157318ee1afade3a.txt",
        "Coproduction principles October 2022",
    ): "Coproduction principles|October 2022",
    # A diagram label; the principle's own heading says "Equality, Diversity and Inclusion".
    ("004_157318ee1afade3a.txt", "Equality, diversity & inclusion"): "Equality, Diversity and Inclusion",
}


class _ArticleText(HTMLParser):
    """The text inside the page's <article> (the content, not the navigation)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self.depth:
            self.depth += 1 if tag not in ("br", "img", "input", "meta", "link", "hr") else 0
        if self.depth:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def page_text(markup: str) -> str:
    parser = _ArticleText()
    parser.feed(markup)
    return normalise(" ".join(parser.parts))


def normalise(text: str) -> str:
    text = html.unescape(text).replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\xa0", " ")
    return " ".join(text.split()).casefold()


def seed_lines(path: Path) -> list[str]:
    """The seed's lines, with Markdown markers removed and continuation lines joined."""
    lines: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith(" ") and raw.strip() and lines:
            lines[-1] += " " + raw.strip()  # a line the extraction wrapped
            continue
        line = raw.strip()
        line = re.sub(r"^#+\s*", "", line)
        line = re.sub(r"^(?:[-*]|\d+\.)\s+", "", line)
        line = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line)
        line = line.replace("**", "")
        if line:
            lines.append(line)
    return lines


def sentences(line: str) -> list[str]:
    # Split after . ! ? followed by a space and a capital, keeping "e.g. workshops" together.
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z])", line)
    return [p.strip() for p in parts if p.strip()]


def expected_units(seed: str) -> list[str]:
    units: list[str] = []
    for line in seed_lines(SEEDS / seed):
        replaced = DEBRIS.get((seed, line))
        if replaced is not None:
            units.extend(replaced.split("|"))
            continue
        for s in sentences(line):
            units.extend(DEBRIS.get((seed, s), s).split("|"))
    return units


@pytest.mark.parametrize("seed", sorted(SEED_PAGES))
def test_every_seed_sentence_is_on_its_page(seed_site: BuildResult, seed: str) -> None:
    text = page_text(seed_site.html(f"charters/{SEED_PAGES[seed]}/"))
    missing = [u for u in expected_units(seed) if normalise(u) not in text]
    assert not missing, "sentences of the source missing from the page:\n" + "\n".join(missing)


def test_debris_list_is_used() -> None:
    """Every debris entry still matches its seed, so the list cannot hide anything stale."""
    for seed, line in DEBRIS:
        found = line in seed_lines(SEEDS / seed) or any(
            line in sentences(x) for x in seed_lines(SEEDS / seed)
        )
        assert found, f"{seed}: debris entry no longer in the seed: {line}"


def test_a_missing_sentence_is_detected() -> None:
    """The comparison only reads the article, and a sentence absent from it is reported."""
    markup = "<nav>We will listen.</nav><article><h1>T</h1><p>We will act.</p></article>"
    assert normalise("We will act.") in page_text(markup)
    assert normalise("We will listen.") not in page_text(markup)
