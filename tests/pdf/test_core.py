"""The PDF core without MkDocs: which PDFs exist, their print HTML, cache keys, link labels, writing."""

from __future__ import annotations

from pathlib import Path

import pytest
from charterkit.icons import load_icon_set
from charterkit.loader import LoadedCharter, load_charter
from charterkit.pdf import (
    BOOKLET_PATH,
    PdfCache,
    RenderError,
    Site,
    build_date,
    details,
    documents_for,
    govuk_label,
    human_size,
    print_html,
    write_pdf,
)
from charterkit.pdf.cache import cache_key, fingerprint
from charterkit.pdf.fonts import font_faces
from charterkit.pdf.writer import atomic_target
from charterkit.render import make_env
from pypdf import PdfReader

from tests.conftest import MINIMAL

from .pdfcheck import elements, fonts, full_text, squash

SITE = Site("Test charters", contact="help@example.invalid")


def charter(tmp_path: Path, name: str = "alpha", text: str = MINIMAL) -> LoadedCharter:
    folder = tmp_path / "charters"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return load_charter(path, f"charters/{name}.yml")


def html_for(tmp_path: Path, kind: str, text: str = MINIMAL, site: Site = SITE) -> str:
    item = charter(tmp_path, text=text)
    doc = next(d for d in documents_for([item]) if d.kind == kind)
    icons = load_icon_set()
    return print_html(make_env([], icons), doc, site, icons)


def small_html(body: str = "<h1>Hello</h1><p>Text.</p>") -> str:
    return f'<!DOCTYPE html><html lang="en-GB"><head><title>T</title></head><body>{body}</body></html>'


# -- which PDFs exist -------------------------------------------------------------------------------------

def test_three_pdfs_a_charter_then_the_booklet(tmp_path: Path) -> None:
    alpha = charter(tmp_path, "alpha")
    beta = charter(tmp_path, "beta", MINIMAL.replace("A test charter", "Another test charter"))
    docs = documents_for([alpha, beta])
    assert [d.path for d in docs] == [
        "charters/alpha/alpha-standard.pdf", "charters/alpha/alpha-easy-read.pdf",
        "charters/alpha/alpha-large-print.pdf", "charters/beta/beta-standard.pdf",
        "charters/beta/beta-easy-read.pdf", "charters/beta/beta-large-print.pdf", BOOKLET_PATH,
    ]
    booklet = docs[-1]
    assert [c.slug for c in booklet.charters] == ["alpha", "beta"]  # A to Z by title
    assert booklet.charter_urls == ("charters/alpha/", "charters/beta/")
    assert docs[1].page_url == "charters/alpha/easy-read/"
    assert [d.label for d in docs[:3]] == ["Standard print PDF", "Easy read PDF", "Large print PDF"]


def test_no_easy_read_pdf_without_an_easy_read_text(tmp_path: Path) -> None:
    plain = MINIMAL.split("easy_read:")[0]
    docs = documents_for([charter(tmp_path, text=plain)], booklet=False)
    assert [d.kind for d in docs] == ["standard", "large-print"]


# -- link labels ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("size", "shown"), [
    (0, "0 bytes"), (1, "1 byte"), (1023, "1023 bytes"), (1024, "1 KB"), (1025, "2 KB"),
    (96 * 1024, "96 KB"), (1024 * 1024 - 1, "1 MB"), (1024 * 1024, "1 MB"), (1536 * 1024, "1.5 MB"),
])
def test_sizes_are_written_as_gov_uk_does(size: int, shown: str) -> None:
    assert human_size(size) == shown


def test_label_gives_format_pages_and_size(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    write_pdf(small_html('<p>One</p><p style="break-before: page">Two</p>'), target, base_url=tmp_path.as_uri())
    kb = -(-target.stat().st_size // 1024)
    assert details(target) == f"2 pages, {kb} KB"
    assert govuk_label("Large print PDF", target) == f"Large print PDF, 2 pages, {kb} KB"


# -- print HTML -------------------------------------------------------------------------------------------

def test_print_html_says_date_where_online_and_how_to_ask(tmp_path: Path) -> None:
    html = html_for(tmp_path, "standard")
    assert '<html lang="en-GB">' in html
    assert "<title>A test charter: standard print</title>" in html
    assert "Date not given" in html
    assert "the page charters/alpha/ of the website “Test charters”" in html
    assert "help@example.invalid" in html  # the charter has no contact: the site's
    assert "This PDF was made on" not in html  # no SOURCE_DATE_EPOCH: no date that changes every build


def test_site_url_and_build_date_are_used_when_known(tmp_path: Path) -> None:
    site = Site("Test charters", url="https://charters.example.org/sub", built=build_date({"SOURCE_DATE_EPOCH": "1735689600"}))
    html = html_for(tmp_path, "large-print", site=site)
    assert '<a href="https://charters.example.org/sub/charters/alpha/">' in html
    assert "This PDF was made on:</strong> 1 January 2025" in html
    assert '<meta name="dcterms.created" content="2025-01-01T00:00:00Z">' in html


def test_charter_contact_is_preferred_and_published_date_shown(tmp_path: Path) -> None:
    text = MINIMAL.replace("sector: Testing\n", "sector: Testing\npublished: 2025-06\norganisation: Test Council\n"
                           "contact:\n  email: team@council.example\n")
    html = html_for(tmp_path, "standard", text=text)
    assert "June 2025" in html
    assert 'Contact Test Council: <a class="ck-url" href="mailto:team@council.example">team@council.example</a>.' in html
    assert "help@example.invalid" not in html


def test_easy_read_pictures_are_decoration_unless_described(tmp_path: Path) -> None:
    html = html_for(tmp_path, "easy-read")
    assert "<svg" not in html  # inline SVG would become a Figure with no description
    assert "background-image: url('data:image/svg+xml;base64," in html
    described = MINIMAL.replace("picture: material/ear-hearing", "picture: material/ear-hearing\n          alt: An ear")
    html = html_for(tmp_path, "easy-read", text=described)
    assert 'class="ck-er-picture" src="data:image/svg+xml;base64,' in html
    assert 'alt="An ear"' in html


def test_easy_read_pdf_tags_a_described_picture_as_a_figure_with_its_text(tmp_path: Path) -> None:
    described = MINIMAL.replace("picture: material/ear-hearing", "picture: material/ear-hearing\n          alt: An ear")
    target = tmp_path / "er.pdf"
    write_pdf(html_for(tmp_path, "easy-read", text=described), target, base_url=tmp_path.as_uri())
    figures = elements(PdfReader(target), "/Figure")
    assert [str(f["/Alt"]) for f in figures] == ["An ear"]
    plain = tmp_path / "plain.pdf"
    write_pdf(html_for(tmp_path, "easy-read"), plain, base_url=tmp_path.as_uri())
    assert not elements(PdfReader(plain), "/Figure")
    assert "We will listen to you." in full_text(PdfReader(plain))


def test_letters_outside_basic_latin_come_out_as_written(tmp_path: Path) -> None:
    # Ł is in Atkinson Hyperlegible's Latin Extended file; Ŵ is in neither file and comes from DejaVu Sans.
    # A letter no font has would be drawn as an empty box, and WeasyPrint would warn.
    text = MINIMAL.replace("We will listen to each other.", "Łódź, Ŵrecsam and Caerdydd – “quoted” ✓")
    target = tmp_path / "x.pdf"
    written = write_pdf(html_for(tmp_path, "standard", text=text), target, base_url=tmp_path.as_uri())
    assert written.warnings == []
    assert written.pages == 1
    shown = squash(full_text(PdfReader(target))).replace("\x00", "")  # pypdf reads a NUL at font changes
    assert squash("Łódź, Ŵrecsam and Caerdydd – “quoted” ✓") in shown
    assert {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Ext", "DejaVu-Sans"} <= {
        name.split("+")[-1].lstrip("/") for name in fonts(PdfReader(target))}


# -- cache keys -------------------------------------------------------------------------------------------

def test_cache_key_follows_html_and_shared_inputs() -> None:
    assert cache_key("<p>a</p>", "f1") == cache_key("<p>a</p>", "f1")
    assert cache_key("<p>a</p>", "f1") != cache_key("<p>b</p>", "f1")
    assert cache_key("<p>a</p>", "f1") != cache_key("<p>a</p>", "f2")


def test_fingerprint_changes_with_templates_fonts_and_assets(tmp_path: Path) -> None:
    fonts = [f.path for f in font_faces()]
    assert len(fonts) == 4
    base = fingerprint(make_env([]), fonts)
    assert fingerprint(make_env([]), fonts) == base
    overrides = tmp_path / "overrides"
    (overrides / "charterkit" / "print").mkdir(parents=True)
    (overrides / "charterkit" / "print" / "extra.css").write_text("h1 { color: navy; }", encoding="utf-8")
    with_css = fingerprint(make_env([overrides]), fonts)
    assert with_css != base
    assert fingerprint(make_env([]), fonts[:2]) != base
    logo = tmp_path / "assets"
    logo.mkdir()
    (logo / "logo.png").write_bytes(b"one")
    first = fingerprint(make_env([]), fonts, [logo])
    (logo / "logo.png").write_bytes(b"two")
    assert fingerprint(make_env([]), fonts, [logo]) != first


def test_prune_deletes_only_unused_cache_entries(tmp_path: Path) -> None:
    cache = PdfCache(tmp_path)
    keep, old = "a" * 64, "b" * 64
    for key in (keep, old):
        cache.path(key).write_bytes(b"%PDF")
        cache.pages(key, 3)
    (tmp_path / "notes.pdf").write_bytes(b"mine")
    assert cache.prune([keep]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{keep}.pages", f"{keep}.pdf", "notes.pdf"]
    assert cache.pages(keep) == 3


# -- writing ----------------------------------------------------------------------------------------------

def test_atomic_target_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_target(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("crash")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
    with atomic_target(target) as tmp:
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


@pytest.mark.parametrize(("body", "reason"), [
    ('<img src="missing.png" alt="Logo">', "missing.png"),
    ('<img src="https://example.org/logo.png" alt="Logo">', "https://example.org/logo.png"),
    ('<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=">', "alt"),
])
def test_a_failed_render_leaves_no_file(tmp_path: Path, body: str, reason: str) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(RenderError, match=reason):
        write_pdf(small_html(body), target, base_url=tmp_path.as_uri() + "/")
    assert list(tmp_path.iterdir()) == []


def test_same_html_gives_the_same_bytes(tmp_path: Path) -> None:
    site = Site("Test charters", built=build_date({"SOURCE_DATE_EPOCH": "1735689600"}))
    html = html_for(tmp_path, "easy-read", site=site)
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    write_pdf(html, first, base_url=tmp_path.as_uri())
    write_pdf(html, second, base_url=tmp_path.as_uri())
    assert first.read_bytes() == second.read_bytes()
    info = PdfReader(first).metadata
    assert info is not None and str(info["/CreationDate"]).startswith("D:20250101000000")
