"""Finding and comparing charters on a built site: the themes matrix, the theme pages, the pre-built
filtered lists, the similar charters, the open data, and the page-size bounds at several hundred charters.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from charterkit.render.findplan import MATRIX_PER_PAGE

from tests.conftest import (
    SECTORS,
    BuildResult,
    generated_charters,
    ignore_missing_easy_read,
    make_project,
    run_build,
)

NETWORK = 320
"""Charters in the large fixture: more than six pages of every paged list."""
MAX_PAGE = 100 * 1024


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The five shipped charters, PDFs off."""
    result = run_build(make_project(tmp_path_factory.mktemp("find-small"), copy_charters=True))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Several hundred varied charters, PDFs off."""
    project = make_project(
        tmp_path_factory.mktemp("find-network"), generated_charters(NETWORK), config=ignore_missing_easy_read
    )
    result = run_build(project)
    assert result.returncode == 0, result.output
    return result


def _content(html: str) -> str:
    """The page body (what charterkit renders), without the theme's navigation."""
    start = html.index('<article class="md-content__inner')
    return html[start : html.index("</article>", start)]


def _resolve(page: str, href: str) -> tuple[str, str]:
    """A link from the site path ``page`` (``charters/x/``) → (site path of an index.html, anchor)."""
    path, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(page, path)) if path else page.rstrip("/")
    return (target.strip("/") + "/" if target not in (".", "") else ""), anchor


def _charter_titles(html: str) -> list[str]:
    return re.findall(r'<h[23] class="ck-charter-card__title"><a href="[^"]*">([^<]*)</a>', html)


def _data(result: BuildResult) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((result.site / "data" / "charters.json").read_text(encoding="utf-8"))
    return data


# --- The themes matrix -----------------------------------------------------------------------------


def test_matrix_is_a_table_with_headers_caption_and_summary(small: BuildResult) -> None:
    html = _content(small.html("charters/matrix/"))
    assert re.search(r"<caption>Principles about each theme, charters 1 to 5 of 5, A to Z</caption>", html)
    assert 'class="ck-matrix__summary">In summary:' in html
    head = re.search(r"<thead>(.*?)</thead>", html, re.S)
    assert head is not None
    assert head.group(1).count('<th scope="col">') == 1 + 18
    rows = re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1), re.S)  # type: ignore[union-attr]
    assert len(rows) == 5
    for row in rows:
        assert row.startswith('<th scope="row">')
        assert row.count("<td") == 18


def test_matrix_cells_count_and_link_to_that_charters_principles(small: BuildResult) -> None:
    data = {c["title"]: c for c in _data(small)["charters"]}
    html = _content(small.html("charters/matrix/"))
    themes = re.findall(r'<th scope="col"><a href="[^"]*">([^<]*)</a></th>', html)
    label_to_id = {t["label"]: t["id"] for t in _data(small)["themes"]}
    checked = 0
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", html, re.S):
        title = re.search(r">([^<]+)</a></th>", row).group(1)  # type: ignore[union-attr]
        record = data[title.replace("&amp;", "&")]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        for label, cell in zip(themes, cells, strict=True):
            tid = label_to_id[label.replace("&amp;", "&")]
            expected = sum(
                1 for s in _sections(record["sections"]) for p in s["principles"] if tid in p["themes"]
            )
            link = re.fullmatch(r'<a href="([^"]+)">(\d+)</a>', cell)
            if expected == 0:
                assert cell == "0"
                continue
            assert link is not None and int(link.group(2)) == expected, (title, label)
            page, anchor = _resolve("charters/matrix/", link.group(1))
            assert page.startswith(f"charters/themes/{tid}/")
            target = _content(small.html(page))
            group = target.split(f'id="{anchor}"', 1)[1].split("</section>", 1)[0]
            assert group.count("<h3>") == expected
            checked += 1
    assert checked > 20


def _sections(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for s in sections:
        out.append(s)
        out.extend(_sections(s["sections"]))
    return out


# --- Theme pages, theme tags, themes index ---------------------------------------------------------


def test_theme_page_has_the_definition_then_principles_by_charter(small: BuildResult) -> None:
    html = _content(small.html("charters/themes/trust/"))
    assert "<strong>Trust and respect</strong> means: People are honest with each other" in html
    assert re.search(r'<h2 id="c-gloucestershire-collaborative-partnership-board"><a href="../../', html)
    assert 'href="../../gloucestershire-collaborative-partnership-board/#trust-and-respect">' in html
    assert "We will build trust by creating safe, respectful spaces" in html


def test_theme_tags_and_the_themes_index_link_to_theme_pages(small: BuildResult) -> None:
    charter = _content(small.html("charters/gloucestershire-collaborative-partnership-board/"))
    assert (
        '<a class="ck-theme" href="../themes/trust/#c-gloucestershire-collaborative-partnership-board">'
        "Trust and respect</a>" in charter
    )
    index = _content(small.html("charters/themes/"))
    assert '<dt><a href="trust/">Trust and respect</a></dt>' in index
    assert 'href="../matrix/"' in index


# --- Filtered lists -----------------------------------------------------------------------------


def test_filter_pages_hold_exactly_the_matching_charters(network: BuildResult) -> None:
    charters = _data(network)["charters"]
    catalogue = json.loads((network.site / "charters" / "catalogue.json").read_text(encoding="utf-8"))
    values = {key: {v["label"]: v["value"] for v in vs} for key, vs in catalogue["facets"].items()}
    cases: list[tuple[str, set[str]]] = []
    for sector in (SECTORS[0], SECTORS[3]):
        slug = values["sector"][sector]
        cases.append((f"charters/sector/{slug}/", {c["title"] for c in charters if c["sector"] == sector}))
    for area in ("Area 7", "Area 149"):
        slug = values["area"][area]
        cases.append((f"charters/area/{slug}/", {c["title"] for c in charters if c["area"] == area}))
    cases.append(
        ("charters/year/2020/", {c["title"] for c in charters if (c["published"] or "")[:4] == "2020"})
    )
    cases.append(("charters/year/not-stated/", {c["title"] for c in charters if not c["published"]}))
    cases.append(("charters/with-easy-read/", {c["title"] for c in charters if c["easy_read"]}))
    for first, expected in cases:
        found = []
        page = first
        pages = 0
        while page:
            html = _content(network.html(page))
            titles = _charter_titles(html)
            assert len(titles) <= 50
            found += titles
            pages += 1
            nxt = re.search(r'<a href="([^"]+)" rel="next">', html)
            page = _resolve(page, nxt.group(1))[0] if nxt else ""
        assert sorted(found) == sorted(expected), first
        assert found == sorted(found, key=str.lower), f"{first}: A to Z"
        assert len(found) == len(set(found))
    assert pages > 1  # the easy-read list runs over several pages


def test_theme_pages_hold_every_principle_once(network: BuildResult) -> None:
    charters = _data(network)["charters"]
    expected = Counter(
        p["url"].split("charters/", 1)[1]
        for c in charters
        for s in _sections(c["sections"])
        for p in s["principles"]
        if "payment" in p["themes"]
    )
    found: Counter[str] = Counter()
    for page in sorted((network.site / "charters" / "themes" / "payment").rglob("index.html")):
        html = _content(page.read_text(encoding="utf-8"))
        assert html.count('class="ck-theme-group"') <= 50
        found.update(re.findall(r'<h3><a href="(?:\.\./)+([^"]+)">', html))
    assert found == expected and all(n == 1 for n in found.values())


def test_every_list_theme_matrix_and_filter_page_is_under_100_kb(network: BuildResult) -> None:
    pages = [p for p in (network.site / "charters").rglob("index.html") if not p.parent.name.startswith("c0")]
    pages += [network.site / "index.html"]
    sizes = {str(p.relative_to(network.site)): p.stat().st_size for p in pages}
    assert len(sizes) > 100
    big = {p: s for p, s in sizes.items() if s >= MAX_PAGE}
    assert not big, big
    matrix_pages = [p for p in sizes if p.startswith("charters/matrix/")]
    assert len(matrix_pages) == -(-NETWORK // MATRIX_PER_PAGE)


def test_the_list_of_all_charters_is_paged_and_links_the_facets(network: BuildResult) -> None:
    html = _content(network.html("charters/"))
    assert len(_charter_titles(html)) == 50
    assert 'aria-label="Pages of this list"' in html and 'aria-current="page">1</a>' in html
    assert f"Charters 1 to 50 of {NETWORK}." in html
    assert 'href="sector/mental-health/">Mental health</a>' in html
    assert 'href="with-easy-read/">Charters with an easy read version</a>' in html
    assert 'href="themes/payment/">Paying people for their time</a>' in html
    assert "data-ck-filter" in html and "hidden" in html.split("data-ck-filter", 1)[1].split(">", 1)[0]


# --- Similar charters and compare -------------------------------------------------------------------


def test_similar_charters_share_themes(small: BuildResult) -> None:
    html = _content(small.html("charters/changing-futures-bristol/"))
    section = html.split('id="similar-charters"', 1)[1].split("</section>", 1)[0]
    items = re.findall(
        r"<li><a href=\"\.\./([^/]+)/\">[^<]*</a>: (\d+) themes? in common \(([^)]*)\)", section
    )
    assert 1 <= len(items) <= 3
    data = {c["slug"]: set(c["themes"]) for c in _data(small)["charters"]}
    labels = {t["label"]: t["id"] for t in _data(small)["themes"]}
    counts = []
    for slug, n, shared in items:
        ids = {labels[label] for label in re.split(r", (?=[A-Z])", shared)}
        assert ids == data[slug] & data["changing-futures-bristol"]
        assert int(n) == len(ids)
        counts.append(int(n))
    assert counts == sorted(counts, reverse=True)
    assert 'href="../compare/?a=changing-futures-bristol&amp;b=' in section


def test_compare_page_degrades_to_the_theme_pages(small: BuildResult) -> None:
    html = _content(small.html("charters/compare/"))
    assert re.search(r"<form [^>]*data-ck-compare[^>]*hidden", html)
    assert "Comparing side by side needs JavaScript" in html and 'href="../themes/"' in html


# --- Open data ------------------------------------------------------------------------------------


def test_open_data_files_validate_and_link_from_the_downloads_page(small: BuildResult) -> None:
    data_dir = small.site / "data"
    schema = json.loads((data_dir / "charters.schema.json").read_text(encoding="utf-8"))
    collection = _data(small)
    jsonschema.validate(collection, schema)
    assert len(collection["charters"]) == 5
    charter_schema = {"$ref": "#/$defs/charter", "$defs": schema["$defs"]}
    for record in collection["charters"]:
        own = json.loads((data_dir / "charters" / f"{record['slug']}.json").read_text(encoding="utf-8"))
        assert own == record
        jsonschema.validate(own, charter_schema)
        assert [f["type"] for f in own["formats"]][:1] == ["text/html"]
    rows = list(csv.DictReader(io.StringIO((data_dir / "principles.csv").read_text(encoding="utf-8"))))
    assert {r["charter"] for r in rows} <= {c["title"] for c in collection["charters"]}
    feed = ET.fromstring((data_dir / "charters.atom").read_bytes())
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    page = _content(small.html("opendata/"))
    for name in ("charters.json", "principles.csv", "charters.atom", "charters.schema.json"):
        assert f'href="../data/{name}" download>{name}</a>' in page
    assert "Each charter&#39;s text belongs to the organisation that wrote it" in page


def test_open_data_is_identical_across_builds(small: BuildResult, tmp_path: Path) -> None:
    again = run_build(make_project(tmp_path, copy_charters=True))
    assert again.returncode == 0, again.output
    for path in sorted((small.site / "data").rglob("*")):
        if path.is_file():
            rel = path.relative_to(small.site)
            assert path.read_bytes() == (again.site / rel).read_bytes(), rel
