"""Easy-read pictures in the Word and OpenDocument files, as a reader opening them sees them, and the
cache those files are kept in."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from charterkit.format.icons import PICTURES_DIR, load_icon_set
from charterkit.formats import FileCache, documents_for, make_files
from charterkit.load.loader import LoadedCharter, load_charters
from docx import Document
from PIL import Image

from tests.conftest import MINIMAL, REPO, BuildResult, make_project, run_build
from tests.formats.support import EPUBCHECK, epubcheck, odt_root

ICONS = load_icon_set()
SLUGS = sorted(p.stem for p in (REPO / "charters").glob("*.yml"))
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
DECORATIVE = b"http://schemas.microsoft.com/office/drawing/2017/decorative"


def _points(slug: str) -> list[tuple[str, str]]:
    """(picture, alt) of every easy-read point of a shipped charter, in reading order."""
    (item,) = load_charters([REPO / "charters" / f"{slug}.yml"], base=REPO, icons=ICONS)
    assert item.charter.easy_read is not None
    return [(p.picture, p.alt or "") for s in item.charter.easy_read.sections for p in s.points]


def _twin(picture: str) -> bytes:
    return (PICTURES_DIR / f"{picture}.png").read_bytes()


def test_every_packaged_openmoji_picture_has_its_png() -> None:
    svgs = sorted((PICTURES_DIR / "openmoji").glob("*.svg"))
    assert len(svgs) > 50
    hint = "Run .venv/bin/python tools/openmoji_png.py and commit the PNGs it writes."
    missing = [svg.name for svg in svgs if not svg.with_suffix(".png").is_file()]
    assert not missing, f"OpenMoji pictures without a PNG for Word and OpenDocument: {missing}. {hint}"
    for svg in svgs:
        with Image.open(svg.with_suffix(".png")) as png:
            assert (png.format, png.mode, png.size) == ("PNG", "RGBA", (256, 256)), f"{svg.name}. {hint}"
            assert png.getchannel("A").getpixel((0, 0)) == 0, (
                f"{svg.name}: the background must be transparent. {hint}"
            )
    orphans = sorted(
        p.name for p in (PICTURES_DIR / "openmoji").glob("*.png") if not p.with_suffix(".svg").is_file()
    )
    assert not orphans, f"PNGs whose SVG is gone: {orphans}. {hint}"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_easy_read_word_file_shows_each_points_picture(seed_site: BuildResult, slug: str) -> None:
    data = (seed_site.site / "charters" / slug / f"{slug}-easy-read.docx").read_bytes()
    doc = Document(io.BytesIO(data))
    shapes = list(doc.inline_shapes)
    points = _points(slug)
    assert len(shapes) == len(points), "one picture for each point"
    for shape, (picture, alt) in zip(shapes, points, strict=True):
        inline = shape._inline
        assert inline.docPr.get("descr") == alt, picture  # the point's own description, as on the web page
        if not alt:  # a picture that repeats its words is marked decorative, as on the web page
            assert DECORATIVE in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
        (blip,) = inline.iter(A_BLIP)
        assert doc.part.related_parts[blip.get(R_EMBED)].blob == _twin(picture), picture


@pytest.mark.parametrize("slug", SLUGS)
def test_the_easy_read_opendocument_file_shows_each_points_picture(seed_site: BuildResult, slug: str) -> None:
    data = (seed_site.site / "charters" / slug / f"{slug}-easy-read.odt").read_bytes()
    frames = list(odt_root(data).iter(f"{DRAW}frame"))
    points = _points(slug)
    assert len(frames) == len(points), "one picture for each point"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        listed = {e.get(f"{MANIFEST}full-path") for e in odt_root(data, "META-INF/manifest.xml")}
        pictures = [n for n in z.namelist() if re.fullmatch(r"Pictures/[^/]+\.png", n)]
        assert pictures and set(pictures) <= listed
        for frame, (picture, alt) in zip(frames, points, strict=True):
            image = frame.find(f"{DRAW}image")
            assert image is not None
            assert z.read(image.get(f"{XLINK}href", "")) == _twin(picture), picture
            assert frame.findtext(f"{SVG}title") == alt and frame.findtext(f"{SVG}desc") == alt, picture


def _own_picture(tmp_path: Path, name: str, data: bytes) -> LoadedCharter:
    folder = tmp_path / "charters"
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    (folder / "pictures" / name).write_bytes(data)
    text = MINIMAL.replace(
        "          picture: material/ear-hearing\n",
        f'          picture: pictures/{name}\n          alt: "Two people talking"\n',
    )
    (folder / "own.yml").write_text(text, encoding="utf-8")
    return load_charters([folder / "own.yml"], base=tmp_path, icons=ICONS)[0]


def _saved(kind: str, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "navy").save(out, format=kind)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["JPEG", "WEBP"])
def test_a_councils_photo_is_converted_the_same_every_time(tmp_path: Path, kind: str) -> None:
    item = _own_picture(tmp_path, f"talk.{kind.lower()}", _saved(kind, (1200, 600)))
    docs = [d for d in documents_for([item], formats=["docx", "odt"]) if d.variant == "easy-read"]
    first = {m.doc.path: m.file.read_bytes() for m in make_files(docs, FileCache(tmp_path / "a"), workers=1)}
    again = {m.doc.path: m.file.read_bytes() for m in make_files(docs, FileCache(tmp_path / "b"), workers=1)}
    assert first == again
    word = Document(io.BytesIO(first["charters/own/own-easy-read.docx"]))
    (shape,) = word.inline_shapes
    assert shape._inline.docPr.get("descr") == "Two people talking"
    assert round(shape.width / shape.height) == 2, "the photo keeps its shape"
    odt = first["charters/own/own-easy-read.odt"]
    (frame,) = odt_root(odt).iter(f"{DRAW}frame")
    assert frame.get(f"{SVG}width") == "3.0cm" and frame.get(f"{SVG}height") == "1.5cm"
    with zipfile.ZipFile(io.BytesIO(odt)) as z:
        (name,) = [n for n in z.namelist() if n.startswith("Pictures/")]
        with Image.open(io.BytesIO(z.read(name))) as png:
            assert png.format == "PNG" and png.size == (512, 256)


@pytest.mark.parametrize(
    ("svg", "drawn"),
    [
        ('<path d="M2 2h20v20H2z"/>', True),  # one colour: drawn
        ('<g><circle cx="12" cy="12" r="9" fill="red"/></g>', False),  # colour shapes: its description
    ],
    ids=["one-colour", "colour"],
)
def test_a_councils_svg_is_drawn_or_gives_way_to_its_description(
    tmp_path: Path, svg: str, drawn: bool
) -> None:
    markup = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">{svg}</svg>'
    item = _own_picture(tmp_path, "talk.svg", markup.encode())
    docs = [d for d in documents_for([item], formats=["docx"]) if d.variant == "easy-read"]
    (made,) = make_files(docs, FileCache(tmp_path / "cache"), workers=1)
    word = Document(io.BytesIO(made.file.read_bytes()))
    assert len(word.inline_shapes) == int(drawn)
    assert word.tables[0].rows[0].cells[0].text == ("" if drawn else "Two people talking")


@pytest.mark.skipif(not EPUBCHECK.is_file() or not shutil.which("java"), reason="needs Debian's epubcheck")
def test_an_easy_read_e_book_with_a_councils_picture_passes_epubcheck(tmp_path: Path) -> None:
    item = _own_picture(tmp_path, "talk.jpg", _saved("JPEG", (40, 40)))
    docs = [d for d in documents_for([item], formats=["epub", "docx"]) if d.variant == "easy-read"]
    made = {m.doc.format.name: m.file for m in make_files(docs, FileCache(tmp_path / "cache"), workers=1)}
    report = epubcheck(made["epub"])
    assert report.startswith("exit 0") and "ERROR" not in report, report
    with zipfile.ZipFile(made["epub"]) as book, zipfile.ZipFile(made["docx"]) as word:
        pictures = [book.read(n) for n in book.namelist() if n.startswith("EPUB/images/")]
        assert pictures == [word.read(n) for n in word.namelist() if n.startswith("word/media/")]
        assert 'alt="Two people talking"' in book.read("EPUB/text.xhtml").decode()


def test_a_changed_picture_file_remakes_the_files_that_show_it(tmp_path: Path) -> None:
    item = _own_picture(tmp_path, "talk.jpg", _saved("JPEG", (40, 40)))
    cache = FileCache(tmp_path / "cache")
    docs = documents_for([item], formats=["docx", "txt"])
    assert all(m.written for m in make_files(docs, cache, workers=1))
    (tmp_path / "charters" / "pictures" / "talk.jpg").write_bytes(_saved("JPEG", (80, 40)))
    again = make_files(docs, cache, workers=1)
    assert {m.doc.path for m in again if m.written} == {"charters/own/own-easy-read.docx"}


@pytest.mark.parametrize("damage", ["empty", "truncate"])
def test_a_damaged_kept_file_is_made_again(tmp_path: Path, damage: str) -> None:
    item = load_charters([REPO / "charters" / "changing-futures-bristol.yml"], base=REPO, icons=ICONS)[0]
    docs = documents_for([item], formats=["docx"])
    cache = FileCache(tmp_path / "cache")
    first = {m.doc.path: m.file.read_bytes() for m in make_files(docs, cache, icons=ICONS, workers=1)}
    victim = next((tmp_path / "cache" / "docx").glob("*.docx"))
    victim.write_bytes(b"" if damage == "empty" else victim.read_bytes()[:1000])
    cache = FileCache(tmp_path / "cache")
    again = make_files(docs, cache, icons=ICONS, workers=1)
    assert sum(m.written for m in again) == 1
    assert {m.doc.path: m.file.read_bytes() for m in again} == first
    [line] = cache.remade
    assert f"{victim.name} in {victim.parent} was damaged" in line and line.endswith("it is made again.")


def test_a_damaged_kept_word_file_never_reaches_the_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"minimal.yml": MINIMAL})
    on = {"CHARTERKIT_FORMATS": "1"}
    first = run_build(project, env=on)
    assert first.returncode == 0, first.output
    good = {p.name: p.read_bytes() for p in (first.site / "charters" / "minimal").glob("*.docx")}
    victim = next((project / ".cache" / "charterkit-formats" / "docx").glob("*.docx"))
    victim.write_bytes(b"")
    again = run_build(project, env=on)  # --strict: a damaged cache is not the editor's fault
    assert again.returncode == 0, again.output
    assert re.search(
        rf"INFO\s+-\s+the \.docx file {victim.name} in \S+ was damaged .*made again", again.output
    )
    assert "Other formats: 9 up to date, 1 made" in again.output
    assert {p.name: p.read_bytes() for p in (again.site / "charters" / "minimal").glob("*.docx")} == good
