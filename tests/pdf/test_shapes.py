"""The new shapes in print: numbered, named principles and the gaps of a partial charter, in one PDF."""

from __future__ import annotations

from pathlib import Path

from charterkit.format.icons import load_icon_set
from charterkit.load.loader import load_charter
from charterkit.pdf import Site, documents_for, print_html, write_pdf
from charterkit.render.jinja import make_env
from pypdf import PdfReader

from .pdfcheck import full_text, squash

SHAPES = Path(__file__).parent.parent / "fixtures" / "shapes"


def test_the_booklet_prints_numbers_names_gaps_and_organisations(tmp_path: Path) -> None:
    items = [
        load_charter(SHAPES / f"{name}.yml", f"charters/{name}.yml")
        for name in ("numbered-principles", "partial", "two-organisations")
    ]
    site = Site("Test charters", formats=["braille"])
    booklet = next(d for d in documents_for(items) if d.kind == "booklet")
    icons = load_icon_set()
    html = print_html(make_env([], icons), booklet, site, icons)
    target = tmp_path / "booklet.pdf"
    write_pdf(html, target, base_url=tmp_path.as_uri())
    text = squash(full_text(PdfReader(target)))
    for expected in (
        "1. Be open",
        "2. Be fair",
        "Listen: We will listen before we decide.",
        "We will pay people for their time. Part of this charter is missing here. The source lists "
        "three things; only two were retrieved.",
        "Heading missing The heading of this part of the charter is missing from the copy this website has.",
        "Organisations: Healthwatch Exampleshire; Healthwatch Testshire",
        "Last updated: January 2025",
        "How we listen to the people of Exampleshire",
    ):
        assert squash(expected) in text, expected
    # Themes are this website's tags: not printed among the charter's words.
    assert "Themes (added by this website)" not in text
    # The charter's own list of formats replaces the site's.
    assert squash("such as braille, audio, British Sign Language (BSL)") in text
