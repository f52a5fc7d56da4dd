"""The PDF core without MkDocs: which PDFs exist, their print HTML, cache keys, link labels, writing."""

from __future__ import annotations

from pathlib import Path

import pytest
from charterkit.format.icons import load_icon_set
from charterkit.format.model import NOT_STATED
from charterkit.load.loader import LoadedCharter, load_charter
from charterkit.pdf import (
    BOOKLET_PATH,
    CacheUnusable,
    Note,
    PdfCache,
    RenderError,
    Site,
    details,
    documents_for,
    govuk_label,
    human_size,
    make_pdfs,
    missing_glyph_messages,
    print_html,
    write_pdf,
)
from charterkit.pdf.cache import cache_key, fingerprint
from charterkit.pdf.fonts import font_faces
from charterkit.pdf.jobs import Job, JobsFailed, run_jobs
from charterkit.pdf.writer import atomic_target
from charterkit.render.jinja import make_env
from pypdf import PdfReader

from tests.conftest import MINIMAL, write_charter

from .pdfcheck import catalog, elements, fonts, full_text, squash, struct_elements, xmp

SITE = Site("Test charters", contact="help@example.invalid")


def charter(tmp_path: Path, name: str = "alpha", text: str = MINIMAL) -> LoadedCharter:
    return load_charter(write_charter(tmp_path, name, text), f"charters/{name}.yml")


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
        "charters/alpha/alpha-standard.pdf",
        "charters/alpha/alpha-easy-read.pdf",
        "charters/alpha/alpha-large-print.pdf",
        "charters/beta/beta-standard.pdf",
        "charters/beta/beta-easy-read.pdf",
        "charters/beta/beta-large-print.pdf",
        BOOKLET_PATH,
        "downloads/charters-booklet-large-print.pdf",
        "downloads/charters-booklet-easy-read.pdf",
    ]
    booklet = docs[-3]
    assert [c.slug for c in booklet.charters] == ["alpha", "beta"]  # A to Z by title
    assert booklet.charter_urls == ("charters/alpha/", "charters/beta/")
    assert docs[1].page_url == "charters/alpha/easy-read/"
    assert [d.label for d in docs[:3]] == ["Standard print PDF", "Easy read PDF", "Large print PDF"]


def test_no_easy_read_pdf_without_an_easy_read_text(tmp_path: Path) -> None:
    plain = MINIMAL.split("easy_read:")[0]
    docs = documents_for([charter(tmp_path, text=plain)], booklet=False)
    assert [d.kind for d in docs] == ["standard", "large-print"]


# -- link labels ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (1025, "2 KB"),
        (96 * 1024, "96 KB"),
        (1024 * 1024 - 1, "1 MB"),
        (1024 * 1024, "1 MB"),
        (1536 * 1024, "1.5 MB"),
    ],
)
def test_sizes_are_written_as_gov_uk_does(size: int, shown: str) -> None:
    assert human_size(size) == shown


def test_label_gives_format_pages_and_size(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    write_pdf(
        small_html('<p>One</p><p style="break-before: page">Two</p>'), target, base_url=tmp_path.as_uri()
    )
    kb = -(-target.stat().st_size // 1024)
    assert details(target) == f"2 pages, {kb} KB"
    assert govuk_label("Large print PDF", target) == f"Large print PDF, 2 pages, {kb} KB"


# -- print HTML -------------------------------------------------------------------------------------------


def test_print_html_says_date_where_online_and_how_to_ask(tmp_path: Path) -> None:
    html = html_for(tmp_path, "standard")
    assert '<html lang="en-GB">' in html
    assert "<title>A test charter: standard print</title>" in html
    assert f"<strong>Published:</strong> {NOT_STATED}" in html  # one wording everywhere
    assert "the page charters/alpha/ of the website “Test charters”" in html
    assert "help@example.invalid" in html  # the charter has no contact: the site's


@pytest.mark.parametrize("kind", ["standard", "easy-read", "large-print", "booklet"])
def test_print_html_has_no_build_date_whatever_the_build_time(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # make site sets SOURCE_DATE_EPOCH from the last commit: a date from it in a PDF would change every
    # PDF (and its cache key) with every commit.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    first = html_for(tmp_path, kind)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert html_for(tmp_path, kind) == first
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert html_for(tmp_path, kind) == first
    assert "made on" not in first and "made this PDF" not in first
    assert "dcterms" not in first and "2025" not in first and "2026" not in first


def test_site_url_is_used_when_known(tmp_path: Path) -> None:
    site = Site("Test charters", url="https://charters.example.org/sub")
    html = html_for(tmp_path, "large-print", site=site)
    assert '<a href="https://charters.example.org/sub/charters/alpha/">' in html


@pytest.mark.parametrize("kind", ["standard", "large-print"])
def test_sector_not_stated_when_the_source_gives_none(tmp_path: Path, kind: str) -> None:
    html = html_for(tmp_path, kind, text=MINIMAL.replace("sector: Testing\n", ""))
    assert "<strong>Sector:</strong> Not stated" in html
    target = tmp_path / "x.pdf"
    write_pdf(html, target, base_url=tmp_path.as_uri())
    assert "Sector: Not stated" in full_text(PdfReader(target))
    assert "<strong>Sector:</strong> Testing" in html_for(tmp_path, kind)


def test_charter_contact_is_preferred_and_published_date_shown(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "sector: Testing\n",
        "sector: Testing\npublished: 2025-06\norganisation: Test Council\n"
        "contact:\n  email: team@council.example\n",
    )
    html = html_for(tmp_path, "standard", text=text)
    assert "June 2025" in html
    assert (
        'Contact Test Council: <a class="ck-url" href="mailto:team@council.example">team@council.example</a>.'
        in html
    )
    assert "help@example.invalid" not in html


def test_easy_read_pictures_are_decoration_unless_described(tmp_path: Path) -> None:
    html = html_for(tmp_path, "easy-read")
    assert "<svg" not in html  # inline SVG would become a Figure with no description
    assert "background-image: url('data:image/svg+xml;base64," in html
    described = MINIMAL.replace(
        "picture: material/ear-hearing", "picture: material/ear-hearing\n          alt: An ear"
    )
    html = html_for(tmp_path, "easy-read", text=described)
    assert 'class="ck-er-picture" src="data:image/svg+xml;base64,' in html
    assert 'alt="An ear"' in html


def test_easy_read_pdf_tags_a_described_picture_as_a_figure_with_its_text(tmp_path: Path) -> None:
    described = MINIMAL.replace(
        "picture: material/ear-hearing", "picture: material/ear-hearing\n          alt: An ear"
    )
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
    assert written.pages == 2  # the cover, then the charter
    shown = squash(full_text(PdfReader(target))).replace("\x00", "")  # pypdf reads a NUL at font changes
    assert squash("Łódź, Ŵrecsam and Caerdydd – “quoted” ✓") in shown
    assert {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Ext", "DejaVu-Sans"} <= {
        name.split("+")[-1].lstrip("/") for name in fonts(PdfReader(target))
    }


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


def _keep(cache: PdfCache, key: str, data: bytes, note: Note) -> None:
    tmp = cache.temp_path(key)
    tmp.write_bytes(data)
    cache.put(key, tmp, note)


def test_prune_deletes_only_unused_cache_entries(tmp_path: Path) -> None:
    cache = PdfCache(tmp_path)
    keep, old = "a" * 64, "b" * 64
    for key in (keep, old):
        _keep(cache, key, b"%PDF", Note(3, ("a warning",), ("中",)))
    (tmp_path / "notes.pdf").write_bytes(b"mine")
    (tmp_path / f"{old}.pages").write_text("3", encoding="ascii")  # left by an older charterkit
    assert cache.prune([keep]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{keep}.json", f"{keep}.pdf", "notes.pdf"]
    assert cache.get(keep) == Note(3, ("a warning",), ("中",))


def test_a_cached_pdf_without_its_note_is_made_again(tmp_path: Path) -> None:
    cache = PdfCache(tmp_path)
    key = "c" * 64
    cache.path(key).write_bytes(b"%PDF")
    assert cache.get(key) is None  # no note: its warnings are unknown, so it is not trusted
    cache.path(key).write_bytes(b"%PDF")
    (tmp_path / f"{key}.json").write_text("{not json", encoding="utf-8")
    assert cache.get(key) is None
    _keep(cache, key, b"%PDF", Note(2))
    assert cache.get(key) == Note(2)
    cache.path(key).unlink()
    assert cache.get(key) is None


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


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('<img src="missing.png" alt="Logo">', "missing.png"),
        ('<img src="https://example.org/logo.png" alt="Logo">', "https://example.org/logo.png"),
        (
            '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=">',
            "alt",
        ),
    ],
)
def test_a_failed_render_leaves_no_file(tmp_path: Path, body: str, reason: str) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(RenderError, match=reason):
        write_pdf(small_html(body), target, base_url=tmp_path.as_uri() + "/")
    assert list(tmp_path.iterdir()) == []


def test_same_charter_gives_the_same_bytes_whenever_it_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdfs = []
    for epoch in ("1735689600", "1767225600", None):
        if epoch is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        target = tmp_path / f"{epoch}.pdf"
        write_pdf(html_for(tmp_path, "easy-read"), target, base_url=tmp_path.as_uri())
        pdfs.append(target.read_bytes())
    assert pdfs[0] == pdfs[1] == pdfs[2]
    # No date at all in the metadata: not the build's, not the clock's.
    reader = PdfReader(tmp_path / "None.pdf")
    info = reader.metadata
    assert info is not None and "/CreationDate" not in info and "/ModDate" not in info
    assert "CreateDate" not in xmp(reader) and "ModifyDate" not in xmp(reader)


# -- languages --------------------------------------------------------------------------------------------

WELSH = MINIMAL.replace("sector: Testing\n", "sector: Iechyd\nlanguage: cy\n")


def languages(reader: PdfReader) -> set[tuple[str, str]]:
    """(role, /Lang) of every structure element with a language of its own."""
    return {(str(e["/S"]), str(e["/Lang"])) for e in struct_elements(reader) if "/Lang" in e}


@pytest.mark.parametrize("kind", ["standard", "large-print", "easy-read"])
def test_a_welsh_charter_is_a_welsh_pdf_with_our_english_words_marked(tmp_path: Path, kind: str) -> None:
    html = html_for(tmp_path, kind, text=WELSH)
    assert '<html lang="cy">' in html
    target = tmp_path / "cy.pdf"
    write_pdf(html, target, base_url=tmp_path.as_uri())
    reader = PdfReader(target)
    assert str(catalog(reader)["/Lang"]) == "cy"
    # WeasyPrint 70 writes only the document's language; charterkit.pdf.langtags adds each element's own.
    marked = languages(reader)
    if kind == "easy-read":
        assert '<p class="ck-cover__kind" lang="en-GB">Easy read</p>' in html
        assert '<section class="ck-er-page" lang="en-GB">\n<h2>About this document</h2>' in html
        # ... and the charter's title, quoted in our sentence about it, is Welsh again.
        assert 'The charter is called “<span lang="cy">A test charter</span>”' in html
        assert {("/Sect", "en-GB"), ("/P", "en-GB"), ("/Span", "cy")} <= marked
    else:
        assert '<h2 lang="en-GB">Source and credit</h2>' in html
        assert '<strong lang="en-GB">Sector:</strong> Iechyd' in html  # the label is ours, the value theirs
        assert '<div class="ck-about" lang="en-GB">' in html
        assert ("/H2", "en-GB") in marked


def test_an_english_charter_on_an_english_site_marks_no_part(tmp_path: Path) -> None:
    for kind in ("standard", "easy-read"):
        html = html_for(tmp_path, kind)
        assert html.count("lang=") == 1, kind  # only <html lang="en-GB">


def test_the_booklet_says_which_charter_is_in_which_language(tmp_path: Path) -> None:
    welsh = charter(tmp_path, "welsh", WELSH.replace("A test charter", "Siarter prawf"))
    english = charter(tmp_path, "english")
    doc = next(d for d in documents_for([welsh, english]) if d.kind == "booklet")
    icons = load_icon_set()
    html = print_html(make_env([], icons), doc, SITE, icons)
    assert '<html lang="en-GB">' in html
    assert html.count('<section class="ck-booklet-charter" lang="cy">') == 1
    assert '<h3 lang="en-GB">Source and credit</h3>' in html  # inside the Welsh charter, our words again
    target = tmp_path / "booklet.pdf"
    write_pdf(html, target, base_url=tmp_path.as_uri())
    marked = languages(PdfReader(target))
    assert ("/Sect", "cy") in marked and ("/H3", "en-GB") in marked


def test_marked_languages_keep_the_pdf_ua_1_checker_happy(tmp_path: Path) -> None:
    page = pytest.importorskip("page", reason="page-validation is not installed")
    target = tmp_path / "cy.pdf"
    write_pdf(html_for(tmp_path, "standard", text=WELSH), target, base_url=tmp_path.as_uri())
    report = page.validate_pdf(target, profile="ua1")
    assert report.is_compliant, [f"{f.rule_id}: {f.message}" for f in report.failures]


# -- letters the fonts cannot show ------------------------------------------------------------------------

CJK = MINIMAL.replace("We will listen to each other.", "We will listen to each other (中).")


def test_a_letter_no_font_has_is_reported_with_the_charter_line_and_field(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    written = write_pdf(html_for(tmp_path, "standard", text=CJK), target, base_url=tmp_path.as_uri())
    assert written.missing == ["中"]
    assert written.warnings == []  # said once, by charterkit, with the charter's file
    item = charter(tmp_path, text=CJK)
    docs = documents_for([item])
    messages = [missing_glyph_messages(d, ["中"]) for d in docs]
    expected = (
        "charters/alpha.yml:14: sections[0].principles[0].text[0]: the PDF fonts cannot show the "
        "character “中” (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D), so the PDFs print an empty box for it. "
        "Write it another way, or add a font that has it"
    )
    # The same words from every PDF that shows it, the booklet included, so the build says it once.
    assert all(m == messages[0] for m in messages) and len(messages[0]) == 1
    assert messages[0][0].startswith(expected)


def test_a_letter_in_no_charter_is_blamed_on_the_pdf(tmp_path: Path) -> None:
    doc = documents_for([charter(tmp_path)])[0]
    [message] = missing_glyph_messages(doc, ["中"])
    assert message.startswith(
        "charters/alpha/alpha-standard.pdf: the PDF fonts cannot show the character “中”"
    )
    assert "site's settings" in message


# -- failures without tracebacks --------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_a_job_that_cannot_write_is_named_with_the_path(tmp_path: Path, workers: int) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    good = Job(
        small_html(),
        tmp_path / "ok" / "good.pdf",
        tmp_path.as_uri(),
        "good.pdf",
        "charters/good.yml",
        "standard",
    )
    bad = Job(small_html(), blocker / "bad.pdf", tmp_path.as_uri(), "bad.pdf", "charters/bad.yml", "standard")
    with pytest.raises(JobsFailed) as info:
        run_jobs([good, bad], workers=workers)
    [failure] = info.value.failures
    assert failure.job is bad
    assert (
        failure.reason == f"could not read or write {blocker}: {blocker} is a file, where a folder is needed"
    )
    assert (tmp_path / "ok" / "good.pdf").is_file()  # the others are still made


def test_an_unusable_cache_folder_is_named(tmp_path: Path) -> None:
    page = tmp_path / "index.md"
    page.write_text("# Home\n", encoding="utf-8")
    icons = load_icon_set()
    with pytest.raises(CacheUnusable) as info:
        make_pdfs(
            documents_for([charter(tmp_path)]),
            env=make_env([], icons),
            site=SITE,
            cache=PdfCache(page / "cache"),
            icons=icons,
            workers=1,
        )
    assert str(info.value) == (
        f"the PDF cache folder {page / 'cache'} cannot be used: could not read or "
        f"write {page / 'cache'}: {page} is a file, where a folder is needed"
    )


def test_progress_is_told_as_each_pdf_finishes_not_after_all(tmp_path: Path) -> None:
    long = small_html("".join(f"<h2>Part {i}</h2><p>{'Some words. ' * 200}</p>" for i in range(150)))
    jobs = [
        Job(html, tmp_path / f"{name}.pdf", tmp_path.as_uri(), f"{name}.pdf", "charters/x.yml", "standard")
        for name, html in (("long", long), ("short-1", small_html()), ("short-2", small_html()))
    ]
    seen: list[tuple[int, bool]] = []

    def progress(done: int, total: int, job: Job) -> None:
        seen.append((done, (tmp_path / "long.pdf").exists()))

    run_jobs(jobs, workers=2, progress=progress)
    assert [done for done, _ in seen] == [1, 2, 3]
    # The short ones are told while the long one is still being made.
    assert seen[0] == (1, False), seen
