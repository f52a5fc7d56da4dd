"""Every charter of the real site in every format: nothing lost, valid, linked, cached and reproducible."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.build.test_seed_sentences import SEED_PAGES, expected_units, normalise
from tests.conftest import MINIMAL, REPO, BuildResult, run_build
from tests.formats.support import (
    EPUBCHECK,
    brf_text,
    check_brf_layout,
    docx_headings,
    docx_text,
    epub_text,
    epubcheck,
    odfpy_headings,
    odt_headings,
    odt_text,
)

FORMATS = ("docx", "odt", "txt", "epub", "brf")
SLUGS = sorted(p.stem for p in (REPO / "charters").glob("*.yml"))

BACK_TRANSLATION: dict[str, str] = {
    # liblouis reads some UEB grade 2 signs back as another word the same sign stands for; the braille is
    # right (checked against the forward translation in test_writers), only the reading back differs.
    " en ": " enough ",  # "5" standing alone is "enough"; read back as "en"
    "critical fr'": "critical friend'",  # "FR" is "friend"; read back as "fr" before a closing quote
    "e.go.": "e.g.",  # "E4G4": the "g" of "e.g." is read back as the contraction "go"
    "—": "–",  # UEB has one dash sign, read back as the long dash
}


def back_translation_quirks(text: str) -> str:
    for wrong, right in BACK_TRANSLATION.items():
        text = text.replace(wrong, right)
    return text


def _plain(data: bytes) -> str:
    return data.decode("utf-8")


TEXT_OF: dict[str, Callable[[bytes], str]] = {
    "docx": docx_text,
    "odt": odt_text,
    "txt": _plain,
    "epub": epub_text,
    "brf": lambda data: back_translation_quirks(brf_text(data)),
}


def _file(site: BuildResult, slug: str, variant: str, ext: str) -> Path:
    return site.site / "charters" / slug / f"{slug}-{variant}.{ext}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", sorted(SEED_PAGES))
def test_every_seed_sentence_is_in_every_format(seed_site: BuildResult, seed: str, fmt: str) -> None:
    data = _file(seed_site, SEED_PAGES[seed], "standard", fmt).read_bytes()
    text = normalise(TEXT_OF[fmt](data))
    if fmt == "txt":  # lines are wrapped: a sentence may run over a line end
        text = " ".join(text.split())
    missing = [u for u in expected_units(seed) if normalise(u) not in text]
    assert not missing, f"sentences of the source missing from the {fmt} file:\n" + "\n".join(missing)


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.article = False
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.article = True
        if self.article and re.fullmatch(r"h[1-6]", tag):
            self.inside = int(tag[1])
            self.found.append((self.inside, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.article = False
        if re.fullmatch(r"h[1-6]", tag):
            self.inside = 0

    def handle_data(self, data: str) -> None:
        if self.inside:
            level, text = self.found[-1]
            self.found[-1] = (level, text + data)


PAGE_ONLY = {"Similar charters"}
"""Headings of the web page that lead to other pages of the site, not part of the charter's document."""


def page_headings(markup: str) -> list[tuple[int, str]]:
    parser = _Headings()
    parser.feed(markup)
    return [(level, " ".join(text.split())) for level, text in parser.found]


@pytest.mark.parametrize("slug", SLUGS)
def test_word_and_opendocument_headings_are_the_pages_in_order(seed_site: BuildResult, slug: str) -> None:
    page = [h for h in page_headings(seed_site.html(f"charters/{slug}/")) if h[1] not in PAGE_ONLY]
    docx = [
        (int(style.removeprefix("Heading ")), text)
        for style, text in docx_headings(_file(seed_site, slug, "standard", "docx").read_bytes())
    ]
    odt = odt_headings(_file(seed_site, slug, "standard", "odt").read_bytes())
    assert docx == page
    assert odt == page


@pytest.mark.parametrize("slug", SLUGS)
def test_odfpy_reads_the_opendocument_headings_back_in_order(seed_site: BuildResult, slug: str) -> None:
    page = [h for h in page_headings(seed_site.html(f"charters/{slug}/")) if h[1] not in PAGE_ONLY]
    assert odfpy_headings(_file(seed_site, slug, "standard", "odt").read_bytes()) == page
    easy = _file(seed_site, slug, "easy-read", "odt").read_bytes()
    assert odfpy_headings(easy) == odt_headings(easy)
    level, title = odfpy_headings(easy)[0]
    assert level == 1 and title.endswith(": easy read")


@pytest.mark.parametrize("slug", SLUGS)
def test_every_braille_file_is_laid_out_for_embossers(seed_site: BuildResult, slug: str) -> None:
    for variant in ("standard", "easy-read"):
        check_brf_layout(_file(seed_site, slug, variant, "brf").read_bytes())


@pytest.mark.skipif(not EPUBCHECK.is_file() or not shutil.which("java"), reason="needs Debian's epubcheck")
def test_every_epub_passes_epubcheck(seed_site: BuildResult) -> None:
    paths = sorted((seed_site.site / "charters").glob("*/*.epub"))
    assert len(paths) == 2 * len(SLUGS)
    with ThreadPoolExecutor(2) as pool:
        reports = dict(zip(paths, pool.map(epubcheck, paths), strict=True))
    failed = {p.name: r for p, r in reports.items() if not r.startswith("exit 0") or "ERROR" in r}
    assert not failed, failed


@pytest.mark.parametrize("page", ["", "easy-read/"])
def test_each_page_links_every_file_with_its_type_and_size(seed_site: BuildResult, page: str) -> None:
    slug = "changing-futures-bristol"
    html = seed_site.html(f"charters/{slug}/{page}")
    up = "../" if page else ""
    for variant, words in (("standard", "standard"), ("easy-read", "easy read")):
        for ext, label, kind in (
            ("docx", "Word document", "DOCX"),
            ("odt", "Open Document text", "ODT"),
            ("txt", "Plain text", "TXT"),
            ("epub", "EPUB e-book", "EPUB"),
            ("brf", "Braille-ready file", "BRF, Unified English Braille grade 2"),
        ):
            size = _file(seed_site, slug, variant, ext).stat().st_size
            kb = -(-size // 1024)
            link = f'<a href="{up}{slug}-{variant}.{ext}" download>{label} ({words}), {kind}, {kb} KB</a>'
            assert link in html


def _small_project(root: Path) -> Path:
    from tests.conftest import make_project

    return make_project(
        root,
        {
            "minimal.yml": MINIMAL,
            "changing-futures-bristol.yml": (REPO / "charters" / "changing-futures-bristol.yml").read_text(
                encoding="utf-8"
            ),
        },
    )


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.glob("charters/*/*"))
        if p.suffix.lstrip(".") in FORMATS
    }


ON = {"CHARTERKIT_FORMATS": "1"}


def test_warm_builds_make_nothing_edits_remake_one_charter_and_builds_are_identical(tmp_path: Path) -> None:
    project = _small_project(tmp_path / "a")
    first = run_build(project, env=ON)
    assert first.returncode == 0, first.output
    assert "Other formats: 0 up to date, 20 made" in first.output
    made = _files(first.site)
    assert len(made) == 20
    warm = run_build(project, env=ON)
    assert "Other formats: 20 up to date, 0 made" in warm.output
    assert _files(warm.site) == made
    # Another folder, no cache: the same bytes.
    other = run_build(_small_project(tmp_path / "b"), env=ON)
    assert _files(other.site) == made
    charter = project / "charters" / "minimal.yml"
    charter.write_text(MINIMAL.replace("We will listen to each other.", "We will hear each other."))
    edited = run_build(project, env=ON)
    assert "Other formats: 15 up to date, 5 made" in edited.output, edited.output
    changed = {k for k, v in _files(edited.site).items() if made[k] != v}
    assert changed == {f"charters/minimal/minimal-standard.{ext}" for ext in FORMATS}


def test_a_charter_braille_cannot_hold_stops_the_build_with_its_line(tmp_path: Path) -> None:
    from tests.conftest import make_project

    text = MINIMAL.replace("We will listen to each other.", "We will listen to each other ☃.")
    result = run_build(make_project(tmp_path, {"snow.yml": text}), env=ON)
    assert result.returncode != 0
    assert (
        'charters/snow.yml:14: sections[0].principles[0].text[0]: the braille file cannot be made: "☃" (U+2603)'
        in result.output
    )
    assert "Traceback" not in result.output


def test_a_missing_liblouis_stops_the_build_naming_the_packages(tmp_path: Path) -> None:
    from tests.conftest import make_project

    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_build(make_project(tmp_path, {"minimal.yml": MINIMAL}), env={**ON, "PATH": str(empty)})
    assert result.returncode != 0
    assert result.output.count("apt-get install liblouis-bin liblouis-data") == 1, result.output
    assert "Traceback" not in result.output
