"""The search (charterkit/search) in a full build: a search page, a Search link on every page, and an
index of the charters' text that leaves out what readers should not land on. A build whose index cannot
be written stops, with a message naming what to install, and leaves the previous site as it was."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.conftest import MINIMAL, make_project, run_build
from tests.pagefind_index import read_site_index

CHARTERS = {
    "alpha.yml": MINIMAL.replace("A test charter", "Alpha charter"),
    "beta.yml": MINIMAL.replace("A test charter", "Beta charter"),
}


def test_a_build_indexes_the_charters_and_links_the_search_page_from_every_page(tmp_path: Path) -> None:
    result = run_build(make_project(tmp_path, CHARTERS))
    assert result.returncode == 0, result.output
    assert re.search(r"Search: indexed \d+ pages", result.output)

    pages = {p.url: p for p in read_site_index(result.site)}
    assert {"/charters/alpha/", "/charters/beta/", "/"} <= set(pages)
    assert pages["/charters/alpha/"].title == "Alpha charter"
    assert "We will listen to each other." in pages["/charters/alpha/"].content
    # Lists repeat the charters' words, the search page has none of its own, 404 is not a page to land on.
    for left_out in ("/charters/", "/charters/by-sector/", "/readability/", "/search/", "/404.html"):
        assert left_out not in pages, left_out

    search = result.html("search/")
    assert '<label class="ck-search__label" for="ck-search-query">' in search
    assert 'id="ck-search-status" role="status"' in search
    assert 'data-bundle="../pagefind/"' in search
    assert (result.site / "pagefind" / "pagefind.js").is_file()
    assert (result.site / "assets" / "charterkit-search.js").is_file()

    box = "#ck-search-query"  # the link names the search box, so a reader can type at once
    for page, href in (
        ("index.html", f"search/{box}"),
        ("charters/alpha/", f"../../search/{box}"),
        ("search/", f"./{box}"),
    ):
        assert f'<a class="md-header__button md-icon ck-search-link" href="{href}">' in result.html(page), (
            page
        )
    assert re.search(
        r'<a class="md-header__button md-icon ck-search-link" href="[^"]*search/#ck-search-query">',
        result.html("404.html"),
    )
    # Material's own search is gone: no index of the whole site in one file, no search dialog.
    assert not (result.site / "search" / "search_index.json").exists()
    assert 'data-md-component="search"' not in result.html("index.html")
    # ... and so are its scripts, which no page would load: about 1 MB less to publish.
    scripts = result.site / "assets" / "javascripts"
    assert not (scripts / "lunr").exists()
    assert not list(scripts.glob("workers/search.*"))
    assert list(scripts.glob("bundle.*.min.js"))
    assert "workers/search" not in result.html("index.html")  # nor named in the theme's settings


def _shim(tmp_path: Path, body: str) -> dict[str, str]:
    """An environment whose ``pagefind_bin`` package is the one written here."""
    package = tmp_path / "shim" / "pagefind_bin"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(body, encoding="utf-8")
    return {"PYTHONPATH": str(tmp_path / "shim")}


def test_a_missing_pagefind_stops_the_build_and_says_what_to_install(tmp_path: Path) -> None:
    project = make_project(tmp_path, CHARTERS)
    result = run_build(project, env=_shim(tmp_path, "raise ImportError('not installed')\n"))
    assert result.returncode == 1
    assert (
        "charterkit/search: the search needs the Pagefind program, which is not installed." in result.output
    )
    assert "pip install 'pagefind[bin]'" in result.output
    assert "Traceback" not in result.output


def test_a_failed_index_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, CHARTERS)
    first = run_build(project)
    assert first.returncode == 0, first.output
    before = (first.site / "index.html").read_text(encoding="utf-8")
    (project / "charters" / "gamma.yml").write_text(
        MINIMAL.replace("A test charter", "Gamma"), encoding="utf-8"
    )

    failing = "from pathlib import Path\ndef get_executable():\n    return Path('/bin/false')\n"
    second = run_build(project, env=_shim(tmp_path, failing))
    assert second.returncode == 1
    assert "Pagefind could not index the site" in second.output
    assert "Traceback" not in second.output
    assert (first.site / "index.html").read_text(encoding="utf-8") == before
    assert not (first.site / "charters" / "gamma").exists()
    assert read_site_index(first.site)


def test_material_search_beside_it_is_refused(tmp_path: Path) -> None:
    def both(data: dict[str, Any]) -> None:
        data["plugins"].insert(0, "search")

    result = run_build(make_project(tmp_path, CHARTERS, config=both))
    assert result.returncode == 1
    assert (
        "charterkit/search replaces the theme's search: remove 'search' (Material's search plugin)"
        in result.output
    )
