"""Smaller input gaps of issue 12 that need a build or a folder: right-to-left languages, and charter
files whose names other tools would skip without a word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from charterkit.errors import CharterError
from charterkit.load.loader import find_charter_files, load_charters
from charterkit.render.jinja import text_direction

from tests.conftest import MINIMAL, make_project, run_build


@pytest.mark.parametrize(
    ("lang", "direction"),
    [("ar", "rtl"), ("he", "rtl"), ("ur-PK", "rtl"), ("fa", "rtl"), ("en-GB", "ltr"), ("cy", "ltr")],
)
def test_text_direction(lang: str, direction: str) -> None:
    assert text_direction(lang) == direction


def test_an_arabic_charter_is_marked_right_to_left(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"alpha.yml": "language: ar\n" + MINIMAL})
    result = run_build(project, strict=False)
    assert result.returncode == 0, result.output
    for page in ("charters/alpha/", "charters/alpha/easy-read/"):
        html = result.html(page)
        assert re.search(r'<h1 id="[^"]+" lang="ar" dir="rtl">', html) or 'lang="ar" dir="rtl"' in html, page
        assert 'lang="en-GB" dir="rtl"' not in html


@pytest.mark.parametrize("name", ["x.YML", "x.yml ", "x.Yaml"])
def test_a_charter_file_name_other_tools_skip_is_named_not_skipped(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "charters"
    folder.mkdir()
    (folder / name).write_text(MINIMAL, encoding="utf-8")
    assert [p.name for p in find_charter_files(folder)] == [name]
    with pytest.raises(CharterError) as info:
        load_charters(find_charter_files(folder), base=tmp_path)
    better = "x.yaml" if "aml" in name.lower() else "x.yml"
    assert str(info.value.problems[0]) == (
        f'charters/{name}: the file name "{name}" must end in .yml (lower case, with no space after it). '
        f'Rename the file to "{better}".'
    )


def test_an_emoji_written_as_two_json_escapes_is_one_character(tmp_path: Path) -> None:
    folder = tmp_path / "charters"
    folder.mkdir()
    (folder / "x.yml").write_text(
        MINIMAL.replace("title: A test charter", 'title: "Team \\ud83d\\udc68"'), "utf-8"
    )
    [loaded] = load_charters(find_charter_files(folder), base=tmp_path)
    assert loaded.charter.title == "Team \U0001f468"


def test_a_file_named_like_a_windows_device_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "charters"
    folder.mkdir()
    (folder / "nul.yml").write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(CharterError) as info:
        load_charters(find_charter_files(folder), base=tmp_path)
    assert "a name Windows keeps for a device" in str(info.value)
    assert "Rename the file (such as nul-charter.yml), or add a slug." in str(info.value)
