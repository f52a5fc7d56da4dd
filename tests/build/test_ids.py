"""Ids made from an editor's titles never take one the theme (Material) or our templates use."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from charterkit.render.views import heading_id

from tests.conftest import MINIMAL, make_project, run_build

RESERVED = ["__config", "__search", "__drawer", "__toc", "__consent", "__palette_0", "__nav_1", "ck-content"]


@pytest.mark.parametrize("title", RESERVED)
def test_a_title_like_a_theme_id_gets_a_prefixed_id(title: str) -> None:
    made = heading_id(title, set())
    assert not made.startswith(("_", "ck-", "md-")) and made.startswith("s-"), made


def test_ordinary_titles_keep_their_usual_ids() -> None:
    used: set[str] = set()
    assert [heading_id(t, used) for t in ("Our principles", "Our principles", "", "___")] == [
        "our-principles",
        "our-principles_1",
        "section",
        "section_1",
    ]


def test_sections_titled_like_theme_ids_leave_the_theme_ids_unique(tmp_path: Path) -> None:
    sections = "".join(
        f"  - title: {title!r}\n    kind: other\n    text:\n      - Some words.\n" for title in RESERVED
    )
    charter = MINIMAL.replace("sections:\n", "sections:\n" + sections, 1).replace(
        "    - heading: Our promise", "    - heading: __search"
    )
    project = make_project(tmp_path, {"alpha.yml": charter})
    result = run_build(project)
    assert result.returncode == 0, result.output
    for page in ("charters/alpha/index.html", "charters/alpha/easy-read/index.html"):
        html = (result.site / page).read_text(encoding="utf-8")
        ids = Counter(re.findall(r'\sid="([^"]+)"', html))
        assert not [i for i, n in ids.items() if n > 1], (page, ids)
        # The theme's configuration is still the element the theme's JavaScript reads.
        assert re.search(r'<script id="__config" type="application/json">', html), page
        assert 'id="s-config"' in html or page.endswith("easy-read/index.html")
