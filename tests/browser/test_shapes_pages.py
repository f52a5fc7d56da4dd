"""The pages of the new charter shapes and the picture gallery in Chromium: axe-core finds nothing, in
light and dark, at 1280 and 320 px, nothing scrolls sideways, and the gallery's filter box works."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import SCHEMES, WIDTHS, axe_check, close_context, format_violations, new_context
from tests.conftest import SEED_SITE_URL, BuildResult, make_project, run_build

pytestmark = pytest.mark.browser

SHAPES = Path(__file__).parent.parent / "fixtures" / "shapes"
PAGES = [
    "charters/numbered-principles/",
    "charters/partial/",
    "charters/no-easy-read/",
    "charters/two-organisations/",
    "charters/two-organisations/easy-read/",
    "pictures/",
    "pictures/h/",
]


@pytest.fixture(scope="module")
def shapes_url(tmp_path_factory: pytest.TempPathFactory, serve_site: Callable[..., str]) -> str:
    def config(data: dict[str, Any]) -> None:
        # The plugin's own edit_url, not MkDocs' repo_url: with repo_url the theme asks GitHub's API for
        # the repository's stars, a request to another host.
        for plugin in data["plugins"]:
            if isinstance(plugin, dict) and "charterkit/charters" in plugin:
                plugin["charterkit/charters"]["edit_url"] = (
                    "https://github.com/example/charters/edit/main/{path}"
                )

    charters = {p.name: p.read_text(encoding="utf-8") for p in SHAPES.glob("*.yml")}
    project = make_project(tmp_path_factory.mktemp("shapes-browser"), charters, config=config)
    result: BuildResult = run_build(
        project, env={"CHARTERKIT_PICTURES": "1", "CHARTERKIT_SITE_URL": SEED_SITE_URL}
    )
    assert result.returncode == 0, result.output
    return serve_site(result.site)


@pytest.mark.parametrize(("scheme", "width"), [(s, w) for s in SCHEMES for w in WIDTHS])
def test_new_shapes_and_the_gallery_pass_axe(browser: Any, shapes_url: str, scheme: str, width: int) -> None:
    context, requests = new_context(browser, shapes_url, scheme, width)
    try:
        page = context.new_page()
        problems = []
        for path in PAGES:
            page.goto(shapes_url + path)
            violations = axe_check(page)
            if violations:
                problems.append(format_violations(violations, path))
            wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            if wide:
                problems.append(f"{path}: scrolls sideways at {width} px")
        assert not problems, "\n".join(problems)
        assert not requests.foreign, requests.foreign
    finally:
        close_context(context)


def test_the_gallery_filter_narrows_the_list(browser: Any, shapes_url: str) -> None:
    context, _ = new_context(browser, shapes_url)
    try:
        page = context.new_page()
        page.goto(shapes_url + "pictures/h/")
        box = page.get_by_label("Show only pictures whose name contains")
        assert box.is_visible()  # the script shows it; without the script the page is a plain list
        box.fill("hammer")
        shown = page.locator(".ck-pictures > li:not([hidden])")
        names = shown.locator("code").all_inner_texts()
        assert "material/hammer" in names
        assert all("hammer" in n for n in names)
    finally:
        close_context(context)
