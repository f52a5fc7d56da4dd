"""A valid but enormous charter never leaves the build rendering for an hour: its PDFs are refused
with a plain message, and a booklet over the limit is not made while each charter's own PDFs are."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from charterkit.format.icons import load_icon_set
from charterkit.pdf import PdfCache, PdfFailed, documents_for, make_pdfs
from charterkit.pdf.make import MAX_PDF_WORDS, words_in
from charterkit.render.jinja import make_env

from tests.conftest import MINIMAL

from .test_core import SITE, charter

PARAGRAPH = " ".join(["We will listen to each other and act on what we hear."] * 60)  # 660 words


def enormous(paragraphs: int) -> str:
    points = "\n".join(f"          - {PARAGRAPH}" for _ in range(paragraphs))
    return MINIMAL.replace("          - We will listen to each other.", points)


def test_an_enormous_charter_is_refused_by_name_before_any_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A charter file stops at 200 KB (the loader's limit), fewer words than the PDF limit: the PDF limit
    # is tried here at a lower figure, so that it still holds if the file limit is ever raised.
    limit = 5_000
    monkeypatch.setattr("charterkit.pdf.make.MAX_PDF_WORDS", limit)
    big = charter(tmp_path, "huge", enormous(limit // 660 + 1))
    docs = documents_for([big], booklet=False)
    assert words_in(next(d for d in docs if d.kind == "standard")) > limit
    icons = load_icon_set()
    with pytest.raises(PdfFailed) as info:
        make_pdfs(docs, env=make_env([], icons), site=SITE, cache=PdfCache(tmp_path / "cache"), icons=icons)
    message = str(info.value)
    assert message.startswith("charters/huge.yml: the standard print PDF could not be made: the charter has ")
    assert f"more than a PDF is made of ({limit:,}" in message
    assert not list((tmp_path / "cache").glob("*.pdf"))  # nothing was rendered


def test_a_booklet_over_the_limit_is_left_out_and_said_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Two charters each under the limit, together over it: their own PDFs would be made, not the booklet.
    half = MAX_PDF_WORDS // 660 // 2 + 2
    items = [charter(tmp_path, name, enormous(half)) for name in ("one", "two")]
    docs = documents_for(items)
    booklet = next(d for d in docs if d.kind == "booklet")
    assert words_in(booklet) > MAX_PDF_WORDS
    assert all(words_in(d) <= MAX_PDF_WORDS for d in docs if not d.is_booklet)
    icons = load_icon_set()
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.charterkit.pdf")
    # Only the booklet is passed, so that the test renders nothing: it is skipped, with a reason.
    made = make_pdfs(
        [booklet], env=make_env([], icons), site=SITE, cache=PdfCache(tmp_path / "cache"), icons=icons
    )
    assert made == []
    assert "the booklet PDF is not made: its 2 charters have" in caplog.text
