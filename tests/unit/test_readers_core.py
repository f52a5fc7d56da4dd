"""The core pieces behind readers' pages: layout breakpoints scaled by text size, hard words marked where
they first appear, and a council's own picture files checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from charterkit.format.model import Word
from charterkit.format.pictures import MAX_PICTURE_BYTES, PictureProblem, check_picture_file, is_picture_file
from charterkit.render.terms import mark_first_uses
from charterkit.render.textsize import TEXT_SCALES, scale_breakpoints, text_size_css

# --- Text sizes ---------------------------------------------------------------------------------------


def test_layout_queries_are_copied_for_each_text_size_with_scaled_widths() -> None:
    css = "a{color:red}@media screen and (min-width:76.25em){.md-sidebar{display:block}}"
    out = scale_breakpoints(css)
    assert out.startswith("a{color:red}")
    assert "@media screen and (min-width:76.25em){:where(html:not(.ck-text-1, .ck-text-2, .ck-text-3)" in out
    for n, scale in TEXT_SCALES.items():
        width = f"{76.25 * scale:.6f}".rstrip("0").rstrip(".")
        assert f"(min-width:{width}em){{:where(html.ck-text-{n}, html.ck-text-{n} *).md-sidebar" in out


def test_a_selector_on_html_itself_and_a_type_selector_keep_working() -> None:
    out = scale_breakpoints("@media screen and (max-width:59.984375em){[dir=ltr] .x{a:b}body .y, li{c:d}}")
    assert ":where(html.ck-text-3, html.ck-text-3 *)[dir=ltr] .x{a:b}" in out
    assert "body:where(html.ck-text-3, html.ck-text-3 *) .y" in out
    assert "li:where(html.ck-text-3, html.ck-text-3 *){c:d}" in out


def test_other_media_queries_are_left_alone() -> None:
    css = "@media screen and (min-width:100em){html{font-size:137.5%}}@media print{.a{b:c}}"
    assert scale_breakpoints(css) == css + "\n"


def test_the_factors_are_published_once_for_the_stylesheets_and_the_script() -> None:
    css = text_size_css()
    for n, scale in TEXT_SCALES.items():
        assert f"html.ck-text-{n}{{--ck-text-scale:{scale:g};--ck-layout-scale:{scale:g}}}" in css


# --- Hard words ---------------------------------------------------------------------------------------

WORDS = [
    Word(word="Co-production", meaning="Working together as equals."),
    Word(word="Principle", meaning="A rule we follow."),
]


def test_a_hard_word_is_bold_the_first_time_only_with_its_meaning_there() -> None:
    first, second, third = mark_first_uses(
        ["We do co-production.", "Our principles and co-production.", "Principles again."], WORDS
    )
    assert str(first.html) == 'We do <strong class="ck-er-term">co-production</strong>.'
    assert [w.word for w in first.terms] == ["Co-production"]
    assert str(second.html) == 'Our <strong class="ck-er-term">principles</strong> and co-production.'
    assert [w.word for w in second.terms] == ["Principle"]
    assert str(third.html) == "Principles again." and not third.terms


def test_words_inside_addresses_are_never_marked_and_text_is_escaped() -> None:
    (marked,) = mark_first_uses(["Write to co-production@example.org <now>."], WORDS)
    assert "ck-er-term" not in marked.html
    assert 'href="mailto:co-production@example.org"' in marked.html and "&lt;now&gt;" in marked.html


# --- Picture files ------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_names_and_files_are_told_apart() -> None:
    assert is_picture_file("pictures/meeting.png") and is_picture_file("photo.JPG")
    assert not is_picture_file("openmoji/handshake") and not is_picture_file("material/ear-hearing")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.png", PNG, ""),
        ("b.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', ""),
        ("c.png", b"GIF89a", "is not a PNG picture inside"),
        ("d.gif", b"GIF89a", "is not a picture file this site can show"),
        ("e.png", None, "there is no picture file"),
        ("../f.png", PNG, "is outside the charters folder"),
        ("g.png", PNG + b"\x00" * MAX_PICTURE_BYTES, "KB allowed"),
    ],
)
def test_a_picture_file_is_checked(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    folder = tmp_path / "charters"
    folder.mkdir()
    if content is not None:
        (folder / name).write_bytes(content)
    if not message:
        assert check_picture_file(name, folder) == (folder / name).resolve()
        return
    with pytest.raises(PictureProblem) as caught:
        check_picture_file(name, folder)
    assert message in caught.value.message and caught.value.fix
