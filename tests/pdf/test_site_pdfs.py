"""The real site's PDFs (the five seed charters), built once for this module, read as a reader's software
would read them: tagged, titled, in the charter's language, with embedded fonts, bookmarks, every principle,
and large print that really is large."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from charterkit.format.model import NOT_STATED
from charterkit.load.loader import LoadedCharter, find_charter_files, load_charters
from charterkit.render.views import build_view, walk
from pypdf import PdfReader

from tests.conftest import BuildResult, make_project, run_build

from .pdfcheck import catalog, elements, fonts, full_text, obj, outline, squash, text_sizes, xmp

KINDS = ("standard", "easy-read", "large-print")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = make_project(tmp_path_factory.mktemp("pdf-site"), copy_charters=True)
    # Not --strict: other plugins' advice about the seed texts is not this module's concern. Warnings
    # from PDF making are checked below instead.
    result = run_build(project, strict=False, env={"CHARTERKIT_PDF": "1"})
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def charters(built: BuildResult) -> list[LoadedCharter]:
    """The charters as the build read them (the project's copies)."""
    return load_charters(find_charter_files(built.project / "charters"), base=built.project)


def all_pdfs(site: Path, charters: list[LoadedCharter]) -> Iterator[tuple[str, Path]]:
    for item in charters:
        for kind in KINDS:
            yield kind, site / "charters" / item.slug / f"{item.slug}-{kind}.pdf"
    yield "booklet", site / "downloads" / "charters-booklet.pdf"
    yield "booklet-large-print", site / "downloads" / "charters-booklet-large-print.pdf"
    yield "booklet-easy-read", site / "downloads" / "charters-booklet-easy-read.pdf"


def test_every_charter_has_three_pdfs_and_the_site_three_booklets(
    built: BuildResult, charters: list[LoadedCharter]
) -> None:
    pdfs = list(all_pdfs(built.site, charters))
    assert len(charters) >= 5 and all(c.charter.easy_read for c in charters)
    missing = [str(p) for _, p in pdfs if not p.is_file()]
    assert not missing
    n = len(pdfs)
    assert f"PDFs: 0 up to date, {n} rendered" in built.output
    assert f"PDF {n}/{n}: " in built.output
    warnings = [
        line
        for line in built.output.splitlines()
        if line.startswith("WARNING") and (".pdf" in line or "WeasyPrint" in line or "charterkit/pdf" in line)
    ]
    assert not warnings


def test_every_pdf_is_tagged_pdf_ua(built: BuildResult, charters: list[LoadedCharter]) -> None:
    for _, path in all_pdfs(built.site, charters):
        reader = PdfReader(path)
        root = catalog(reader)
        assert obj(root["/MarkInfo"])["/Marked"].value is True, path
        assert "/StructTreeRoot" in root, path
        assert str(root["/Lang"]) == "en-GB", path
        assert obj(root["/ViewerPreferences"])["/DisplayDocTitle"].value is True, path
        assert title_of(path), path
        assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1</pdfuaid:part>', xmp(reader)), path
        assert reader.outline, path
        used = fonts(reader)
        assert used, path
        for name, facts in used.items():
            assert facts["embedded"], f"{path}: font {name} is not embedded"
            assert facts["tounicode"], f"{path}: font {name} has no ToUnicode map"
        # Every picture is described or is decoration (an artifact, outside the structure tree).
        figures = elements(reader, "/Figure")
        assert all("/Alt" in f for f in figures), path


def title_of(path: Path) -> str | None:
    info = PdfReader(path).metadata
    return info.title if info is not None else None


def test_titles_name_the_charter_and_the_format(built: BuildResult, charters: list[LoadedCharter]) -> None:
    item = charters[0]
    folder = built.site / "charters" / item.slug
    titles = {kind: title_of(folder / f"{item.slug}-{kind}.pdf") for kind in KINDS}
    assert titles == {
        "standard": f"{item.charter.title}: standard print",
        "easy-read": f"{item.charter.title}: easy read",
        "large-print": f"{item.charter.title}: large print",
    }


def test_standard_and_large_print_have_every_principle_and_heading(
    built: BuildResult, charters: list[LoadedCharter]
) -> None:
    for item in charters:
        headings = [h.title for h in walk(build_view(item).outline)]
        assert headings
        for kind in ("standard", "large-print"):
            reader = PdfReader(built.site / "charters" / item.slug / f"{item.slug}-{kind}.pdf")
            text = squash(full_text(reader))
            for title in headings:
                assert squash(title) in text, f"{item.slug} {kind}: {title!r} missing"
            bookmarks = [t for _, t in outline(reader)]
            assert bookmarks[0] == item.charter.title
            assert bookmarks[1:] == [*headings, "Source and credit"], (
                f"{item.slug} {kind}: bookmarks differ from the page's headings"
            )


def test_easy_read_pdf_has_every_point(built: BuildResult, charters: list[LoadedCharter]) -> None:
    for item in charters:
        er = item.charter.easy_read
        assert er is not None
        text = squash(
            full_text(PdfReader(built.site / "charters" / item.slug / f"{item.slug}-easy-read.pdf"))
        )
        for section in er.sections:
            assert squash(section.heading) in text
            for point in section.points:
                assert squash(point.text) in text, f"{item.slug}: {point.text!r} missing"


def test_text_sizes_follow_the_print_rules(built: BuildResult, charters: list[LoadedCharter]) -> None:
    minimum = {"standard": 12, "easy-read": 16, "large-print": 18}
    for kind, path in all_pdfs(built.site, charters):
        kind = kind.removeprefix("booklet-") if kind.startswith("booklet-") else kind
        if kind == "booklet":
            kind = "standard"
        sizes = text_sizes(path)
        body = sizes.most_common(1)[0][0]
        # Every piece of text, headings and page numbers included, is at least the minimum.
        assert min(sizes) >= minimum[kind], f"{path.name}: {sorted(sizes.items())}"
        if kind == "standard":
            assert 12 <= body <= 14, path.name
        if kind == "large-print":
            assert body >= 18, path.name


def test_every_pdf_says_when_where_and_how_to_ask(built: BuildResult, charters: list[LoadedCharter]) -> None:
    for kind, path in all_pdfs(built.site, charters):
        if kind.startswith("booklet"):
            continue
        slug = path.parent.name
        item = next(c for c in charters if c.slug == slug)
        text = full_text(PdfReader(path))
        assert squash(item.charter.published_display or NOT_STATED) in squash(text), path.name
        if kind != "easy-read":
            # As on the web page: a sector the source does not state is said to be not stated.
            assert squash(f"Sector: {item.charter.sector or 'Not stated'}") in squash(text), path.name
        # No site_url: the PDF gives the page's path on this website.
        assert f"charters/{slug}/" in squash(text), path.name
        assert ("another way" if kind == "easy-read" else "another format") in text, path.name
        assert re.search(r"Page 2 of \d+", text), path.name  # page 1 is the cover, which has no number


def test_booklet_is_one_tagged_document_with_a_bookmark_per_charter(
    built: BuildResult, charters: list[LoadedCharter]
) -> None:
    reader = PdfReader(built.site / "downloads" / "charters-booklet.pdf")
    root = catalog(reader)
    assert "/StructTreeRoot" in root and str(root["/Lang"]) == "en-GB"
    assert reader.metadata is not None and reader.metadata.title
    top = [title for depth, title in outline(reader) if depth == 0]
    assert sorted(top) == sorted(c.charter.title for c in charters)
    # The contents page, after the cover, lists each charter with the page it starts on.
    contents = reader.pages[1].extract_text()
    for item in charters:
        assert re.search(re.escape(item.charter.title) + r",\s+page\s+\d+", " ".join(contents.split()))
    # Every charter's structure is in the one tree: its title is a heading there.
    headings = elements(reader, "/H2")
    assert len(headings) >= len(charters) + 1  # "Contents" and one per charter


def test_charter_pages_link_to_their_pdfs_with_pages_and_size(
    built: BuildResult, charters: list[LoadedCharter]
) -> None:
    from charterkit.pdf import details

    for item in charters:
        html = built.html(f"charters/{item.slug}/")
        for kind, label in (
            ("standard", "Standard print PDF"),
            ("easy-read", "Easy read PDF"),
            ("large-print", "Large print PDF"),
        ):
            path = built.site / "charters" / item.slug / f"{item.slug}-{kind}.pdf"
            # GOV.UK style, all in the link text: "Large print PDF, 4 pages, 96 KB".
            expected = f'<a href="{item.slug}-{kind}.pdf" download>{label}, {details(path)}</a>'
            assert expected in html
    home = built.html("index.html")
    for name, label in (
        ("charters-booklet", "Booklet of all charters, PDF"),
        ("charters-booklet-large-print", "Booklet of all charters in large print, PDF"),
        ("charters-booklet-easy-read", "Booklet of all charters in easy read, PDF"),
    ):
        booklet = built.site / "downloads" / f"{name}.pdf"
        assert f'<a href="downloads/{name}.pdf" download>{label}, {details(booklet)}</a>' in home
    assert "charterkit:booklet" not in home


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed")
def test_poppler_sees_tagged_a4_pdfs(built: BuildResult, charters: list[LoadedCharter]) -> None:
    for _, path in all_pdfs(built.site, charters):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), path
        assert "(A4)" in info, path


def test_page_validation_finds_pdf_ua_1_compliance(built: BuildResult, charters: list[LoadedCharter]) -> None:
    """An independent checker of about 100 PDF/UA-1 rules, when it is installed (pip install page-validation)."""
    try:
        version("page-validation")
    except PackageNotFoundError:
        pytest.skip("page-validation is not installed")
    import page

    for _, path in all_pdfs(built.site, charters):
        report = page.validate_pdf(path, profile="ua1")
        assert report.is_compliant, [f"{f.rule_id}: {f.message}" for f in report.failures]


def test_second_build_renders_nothing_and_changes_no_pdf(
    built: BuildResult, charters: list[LoadedCharter]
) -> None:
    cache = built.project / ".cache" / "charterkit-pdf"
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in cache.glob("*.pdf")}
    site_bytes = {p: p.read_bytes() for _, p in all_pdfs(built.site, charters)}
    # As after a new commit: make site sets SOURCE_DATE_EPOCH from it, and no PDF may depend on it.
    epoch = str(int(os.environ.get("SOURCE_DATE_EPOCH", "1735689600")) + 86_400)
    again = run_build(built.project, strict=False, env={"CHARTERKIT_PDF": "1", "SOURCE_DATE_EPOCH": epoch})
    assert again.returncode == 0, again.output
    assert f"PDFs: {len(site_bytes)} up to date, 0 rendered" in again.output
    assert "PDF 1/" not in again.output
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in cache.glob("*.pdf")}
    assert after == before
    assert {p: p.read_bytes() for p in site_bytes} == site_bytes


def test_each_pdf_of_a_charter_opens_on_a_cover(built: BuildResult, charters: list[LoadedCharter]) -> None:
    names = {"standard": "Standard print", "easy-read": "Easy read", "large-print": "Large print"}
    for kind, path in all_pdfs(built.site, charters):
        if kind.startswith("booklet"):
            continue
        item = next(c for c in charters if c.slug == path.parent.name)
        reader = PdfReader(path)
        cover = squash(reader.pages[0].extract_text())
        assert squash(item.charter.title) in cover, path.name
        assert squash(names[kind]) in cover, path.name
        assert squash(f"Published: {item.charter.published_display or NOT_STATED}") in cover, path.name
        if item.charter.organisation:
            assert squash(item.charter.organisation) in cover, path.name
        assert squash("From the website") in cover and squash("Page 1 of") not in cover, path.name
        # The charter itself starts on the next page.
        first = build_view(item, first_level=2).blocks[0]
        if first.title:
            assert squash(first.title) not in cover, path.name


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def test_easy_read_pdf_ends_with_about_and_contact_pages_in_easy_read(
    built: BuildResult, charters: list[LoadedCharter]
) -> None:
    for item in charters:
        reader = PdfReader(built.site / "charters" / item.slug / f"{item.slug}-easy-read.pdf")
        pages = [p.extract_text() for p in reader.pages]
        about = next(i for i, p in enumerate(pages) if p.lstrip().startswith("About this document"))
        contact = next(i for i, p in enumerate(pages) if p.lstrip().startswith("Contact us"))
        assert about < contact == len(pages) - 1, item.slug
        for page in (pages[about], pages[contact]):
            body = page.replace(item.charter.title, "the title")
            body = re.sub(r"\S*[/@]\S*|Page \d+ of \d+", "", body)  # addresses are not words
            for sentence in _sentences(body):
                assert len(sentence.split()) <= 15, (item.slug, sentence)
        assert "another way" in pages[contact]


def test_booklets_contents_entries_are_spoken_by_their_titles(
    built: BuildResult, charters: list[LoadedCharter]
) -> None:
    for name in ("charters-booklet", "charters-booklet-large-print", "charters-booklet-easy-read"):
        reader = PdfReader(built.site / "downloads" / f"{name}.pdf")
        said = []
        for page in reader.pages[:3]:
            for ref in page.get("/Annots") or []:
                annotation = ref.get_object()
                if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                    said.append(str(annotation["/Contents"]))
        titles = [
            c.charter.title for c in charters if name != "charters-booklet-easy-read" or c.charter.easy_read
        ]
        assert len(said) >= len(titles), (name, said)
        for words in said:
            assert any(re.fullmatch(re.escape(squash(t)) + r",?page\d+", squash(words)) for t in titles), (
                words
            )
        for title in titles:
            assert any(re.fullmatch(re.escape(squash(title)) + r",?page\d+", squash(s)) for s in said), (
                name,
                title,
                said,
            )


def test_large_print_and_easy_read_booklets_hold_every_charter(
    built: BuildResult, charters: list[LoadedCharter]
) -> None:
    large = squash(full_text(PdfReader(built.site / "downloads" / "charters-booklet-large-print.pdf")))
    easy = squash(full_text(PdfReader(built.site / "downloads" / "charters-booklet-easy-read.pdf")))
    for item in charters:
        for heading in walk(build_view(item, first_level=2).outline):
            assert squash(heading.title) in large, (item.slug, heading.title)
        er = item.charter.easy_read
        assert er is not None
        for section in er.sections:
            for point in section.points:
                assert squash(point.text) in easy, (item.slug, point.text)
    assert squash("Contact us") in easy
