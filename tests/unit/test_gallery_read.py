"""The picture gallery reads its ten thousand pictures with the fewest system calls, and whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from charterkit.format.icons import load_icon_set
from charterkit.render.gallery import _read_text, load_gallery


@pytest.mark.parametrize("size", [0, 1, (1 << 16) - 1, 1 << 16, (1 << 16) + 1, 3 * (1 << 16) + 5])
def test_a_file_is_read_whole_whatever_its_size(tmp_path: Path, size: int) -> None:
    text = ("é" * size)[:size] if size % 2 else "a" * size
    path = tmp_path / "picture.svg"
    path.write_text(text, encoding="utf-8")
    assert _read_text(str(path)) == path.read_text(encoding="utf-8")


def test_the_gallery_shows_every_picture_of_its_sets() -> None:
    icons = load_icon_set()
    assert icons is not None
    gallery = load_gallery(icons, None)
    assert len(gallery.svgs) > 10_000
    assert sum(len(page.names) for page in gallery.pages) == len(gallery.svgs)
    assert all(svg.lstrip().startswith("<svg") for svg in list(gallery.svgs.values())[:50])
