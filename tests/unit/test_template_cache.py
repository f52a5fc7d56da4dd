"""Compiled templates are shared between builds and environments: what a page shows never depends on which
environment compiled its template first."""

from __future__ import annotations

from pathlib import Path

from charterkit.format.icons import load_icon_set
from charterkit.render.jinja import make_env


def test_a_picture_named_in_a_template_shows_whichever_environment_compiled_it_first(tmp_path: Path) -> None:
    # The environment without pictures (the search page's) compiles it first, into the shared cache.
    (tmp_path / "point.html").write_text('<span>{{ "openmoji/open-book" | icon }}</span>', encoding="utf-8")
    assert make_env([tmp_path]).get_template("point.html").render() == "<span></span>"
    icons = load_icon_set()
    assert icons is not None
    shown = make_env([tmp_path], icons).get_template("point.html").render()
    assert "<svg" in shown and 'data-ck-set="openmoji"' in shown
