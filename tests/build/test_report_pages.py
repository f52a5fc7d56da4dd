"""The readability report stays small however many charters there are: it is split into pages."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import MINIMAL, make_project, run_build
from tests.pagefind_index import read_site_index


def test_a_long_report_is_split_into_linked_pages_and_each_charter_links_to_its_page(tmp_path: Path) -> None:
    charters = {f"c{i:02d}.yml": MINIMAL.replace("A test charter", f"Charter {i:02d}") for i in range(25)}

    def small_pages(config: dict[str, object]) -> None:
        plugins = config["plugins"]
        assert isinstance(plugins, list)
        for i, entry in enumerate(plugins):
            if entry == "charterkit/readability" or (
                isinstance(entry, dict) and "charterkit/readability" in entry
            ):
                plugins[i] = {"charterkit/readability": {"report_page_size": 10}}

    result = run_build(make_project(tmp_path, charters, config=small_pages))
    assert result.returncode == 0, result.output
    pages = ["readability/", "readability/page-2/", "readability/page-3/"]
    html = {p: result.html(p) for p in pages}
    assert not (result.site / "readability" / "page-4").exists()
    # Every charter is on exactly one page, A to Z, ten a page.
    on = {p: re.findall(r'id="charter-(c\d\d)"', h) for p, h in html.items()}
    assert on == {
        "readability/": [f"c{i:02d}" for i in range(10)],
        "readability/page-2/": [f"c{i:02d}" for i in range(10, 20)],
        "readability/page-3/": [f"c{i:02d}" for i in range(20, 25)],
    }
    # Each page links every page, marks its own, and says how many there are.
    assert 'aria-current="page">2</a>' in html["readability/page-2/"]
    assert "25 charters, A to Z, on 3 pages" in html["readability/page-3/"]
    assert '<a href="../">1</a>' in html["readability/page-2/"]
    # A charter's page links to the page of the report it is on.
    assert 'href="../../readability/page-3/"' in result.html("charters/c24/")
    assert 'href="../../readability/"' in result.html("charters/c00/")


def test_the_home_page_lists_a_few_charters_and_links_to_all(tmp_path: Path) -> None:
    charters = {f"c{i:02d}.yml": MINIMAL.replace("A test charter", f"Charter {i:02d}") for i in range(14)}
    result = run_build(make_project(tmp_path, charters))
    assert result.returncode == 0, result.output
    home = result.html("index.html")
    assert re.findall(r'href="charters/(c\d\d)/"', home) == [f"c{i:02d}" for i in range(12)]
    assert "These are 12 of 14 charters." in home
    assert '<a href="charters/">See all 14 charters, A to Z</a>' in home


def test_lists_of_charters_stay_out_of_search_and_charters_are_in_it(tmp_path: Path) -> None:
    charters = {f"c{i:02d}.yml": MINIMAL.replace("A test charter", f"Charter {i:02d}") for i in range(3)}
    result = run_build(make_project(tmp_path, charters))
    assert result.returncode == 0, result.output
    pages = {page.url for page in read_site_index(result.site)}
    assert {"/charters/c00/", "/charters/c01/", "/charters/c02/"} <= pages
    assert not pages & {
        "/charters/",
        "/charters/by-sector/",
        "/charters/by-area/",
        "/readability/",
        "/search/",
    }
