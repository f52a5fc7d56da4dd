"""Full builds: the site a reader sees, built from fixture projects and from the five seeds."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

from charterkit.load.loader import find_charter_files, load_charters
from charterkit.render.views import build_view, walk

from tests.conftest import MINIMAL, REPO, BuildResult, run_build
from tests.pagefind_index import read_site_index

SLUGS = [
    "changing-futures-bristol",
    "gloucestershire-collaborative-partnership-board",
    "mental-health-service-charter",
    "north-somerset-send-partnership",
    "wolverhampton-children-and-families",
]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_home_lists_every_charter_with_its_details(seed_site: BuildResult) -> None:
    home = seed_site.html("index.html")
    for item in load_charters(find_charter_files(REPO / "charters"), base=REPO):
        c = item.charter
        assert f'href="charters/{item.slug}/"' in home
        card = home.split(f'href="charters/{item.slug}/"')[1].split("</li>")[0]
        text = _text(card)
        assert c.list_summary.replace("'", "&#39;") in card or c.list_summary in text
        assert (c.organisation or "Not stated").replace("'", "&#39;") in card
        assert (c.sector or "Not stated") in text
        assert (c.published_display or "Not stated") in text


def test_each_charter_page_has_every_heading_in_order(seed_site: BuildResult) -> None:
    for item in load_charters(find_charter_files(REPO / "charters"), base=REPO):
        page = seed_site.html(f"charters/{item.slug}/")
        assert page.count("<h1") == 1
        view = build_view(item, reserved=("other-formats", "source-and-credit"))
        positions = []
        for heading in walk(view.outline):
            match = re.search(rf'<h{heading.level} id="{re.escape(heading.id)}">', page)
            assert match, f"{item.slug}: heading {heading.title!r} missing"
            positions.append(match.start())
        assert positions == sorted(positions), f"{item.slug}: headings out of the source's order"
        # No skipped heading levels.
        levels = [int(m) for m in re.findall(r"<h([1-6])[ >]", page.split('class="md-content"')[1])]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_lists_are_real_lists(seed_site: BuildResult) -> None:
    page = seed_site.html("charters/north-somerset-send-partnership/")
    values = page.split('id="co-production-values"')[1]
    assert "<ol" in values.split("</section>")[0]
    assert values.split("<ol")[1].count("<li>") >= 4


def test_pages_are_british_english_and_request_no_other_host(seed_site: BuildResult) -> None:
    for path in seed_site.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<html lang="en-GB"' in html, path
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        # Links to other sites (a charter's own website) are fine; loading anything from them is not.
        loading = re.findall(
            r"<(?:script|img|iframe|source|video|audio)[^>]+src=\"(?:https?:)?//[^\"]+\"", html
        )
        loading += [
            tag
            for tag in re.findall(r"<link[^>]+>", html)
            if re.search(r'rel="(?:stylesheet|icon|preload|modulepreload|manifest)"', tag)
            and re.search(r'href="(?:https?:)?//', tag)
        ]
        assert not loading, f"{path}: loads from another host: {loading}"


def test_charters_are_reached_through_index_pages_not_the_nav(seed_site: BuildResult) -> None:
    about = seed_site.html("about/")
    nav = about.split('class="md-content"')[0]
    assert "charters/changing-futures-bristol/" not in nav
    by_sector = seed_site.html("charters/by-sector/")
    by_area = seed_site.html("charters/by-area/")
    for slug in SLUGS:
        assert f'href="../{slug}/"' in by_sector
        assert f'href="../{slug}/"' in by_area
    assert 'id="mental-health"' in by_sector


def test_json_schema_is_published(seed_site: BuildResult) -> None:
    schema = json.loads((seed_site.site / "schema" / "charter.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Co-production charter"
    assert {"title", "source", "credit", "sections"} <= set(schema["required"])
    # A source may have no summary sentence or not say its sector; nothing is invented.
    assert "sector" not in schema["required"] and "summary" not in schema["required"]
    assert "easy_read" in schema["properties"]
    assert schema["properties"]["organisation"]["description"].startswith("The organisation")


def test_search_index_holds_charter_text(seed_site: BuildResult) -> None:
    pages = {p.url: p for p in read_site_index(seed_site.site)}
    charter = pages["/charters/gloucestershire-collaborative-partnership-board/"]
    assert "We will build trust by creating safe, respectful spaces" in charter.content
    assert charter.title == "The Collaborative Partnership Board Co-Production Charter"
    # Only the content is searched: not the menus, the header or the footer.
    assert "Reader settings" not in charter.content and "Accessibility statement" not in charter.content


def test_a_broken_charter_stops_the_build_before_anything_is_written(
    project_factory: Callable[..., Path],
) -> None:
    broken = (
        MINIMAL.replace("title: A test charter", "titel: A test charter")
        .replace("published", "x")
        .replace("sector: Testing", "sector:\n  - a")
    )
    project = project_factory({"good.yml": MINIMAL, "broken.yml": broken})
    result = run_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert (
        'charters/broken.yml:1: titel: "titel" is not a field here. Did you mean "title"? Rename it.'
        in result.output
    )
    assert "charters/broken.yml:3: sector: expected text, found a list." in result.output
    assert "Nothing was built." in result.output
    assert not (project / "site").exists()


def test_the_build_scales_linearly_nav_stays_the_same_size(
    project_factory: Callable[..., Path], tmp_path: Path
) -> None:
    """A page's size must not grow with the number of charters (the nav never lists them)."""

    def project_with(n: int, where: Path) -> BuildResult:
        from tests.conftest import make_project

        charters = {f"c{i:03d}.yml": MINIMAL.replace("A test charter", f"Charter {i}") for i in range(n)}
        return run_build(make_project(where, charters))

    # Four charters at least: each charter page lists up to three similar charters, so from four on that
    # list is full and must not grow any more.
    small = project_with(4, tmp_path / "small")
    large = project_with(40, tmp_path / "large")
    assert small.returncode == 0 and large.returncode == 0, small.output + large.output
    size_small = len(small.html("about/"))
    size_large = len(large.html("about/"))
    assert abs(size_large - size_small) < 200, (size_small, size_large)
    charter_small = len(small.html("charters/c000/"))
    charter_large = len(large.html("charters/c000/"))
    assert abs(charter_large - charter_small) < 200, (charter_small, charter_large)


def test_council_footer_links_appear_on_every_page(project_factory: Callable[..., Path]) -> None:
    def configure(data: dict) -> None:  # type: ignore[type-arg]
        for plugin in data["plugins"]:
            if isinstance(plugin, dict) and "charterkit/brand" in plugin:
                plugin["charterkit/brand"]["footer_links"] = [
                    {"text": "Council home page", "href": "https://council.example.org/"},
                    {"text": "About co-production", "href": "about.md"},
                ]

    result = run_build(project_factory({"one.yml": MINIMAL}, config=configure))
    assert result.returncode == 0, result.output
    for path in [result.site / "index.html", result.site / "charters" / "one" / "index.html"]:
        footer = path.read_text(encoding="utf-8").split('class="ck-footer-links"')[1].split("</nav>")[0]
        assert '<a href="https://council.example.org/">Council home page</a>' in footer
        assert ">Accessibility statement</a>" in footer
        assert ">About co-production</a>" in footer
