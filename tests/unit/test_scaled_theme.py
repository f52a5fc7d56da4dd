"""The theme's stylesheet is shipped already scaled for the pinned Material, so a first build does not parse
it; any other stylesheet, or a damaged file, is scaled by the build as before."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from charterkit.render import scaled_theme
from charterkit.render.scaled_theme import material_stylesheet, shipped_name, shipped_scaled
from charterkit.render.textsize import scale_breakpoints


def test_the_installed_materials_stylesheet_is_shipped_scaled_exactly_as_the_build_scales_it() -> None:
    css = material_stylesheet().read_text(encoding="utf-8")
    shipped = shipped_scaled(css)
    assert shipped is not None, (
        "No scaled stylesheet is shipped for this Material or this textsize.py: run "
        ".venv/bin/python -m charterkit.render.scaled_theme and commit plugins/charterkit/data/scaled/"
    )
    assert shipped == scale_breakpoints(css)
    assert [p.name for p in scaled_theme.SHIPPED.glob("*.css.gz")] == [shipped_name(css)]  # no stale files


def test_another_stylesheet_is_not_taken_for_it() -> None:
    css = material_stylesheet().read_text(encoding="utf-8")
    assert shipped_scaled(css + "\n/* a council's change */") is None


def test_a_damaged_shipped_file_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    css = "@media (min-width: 76.25em) { .x { color: red } }"
    monkeypatch.setattr(scaled_theme, "SHIPPED", tmp_path)
    good = gzip.compress(scale_breakpoints(css).encode("utf-8"))
    (tmp_path / shipped_name(css)).write_bytes(good)
    assert shipped_scaled(css) == scale_breakpoints(css)
    (tmp_path / shipped_name(css)).write_bytes(good[:-12] + bytes(12))  # a torn or overwritten end
    assert shipped_scaled(css) is None
