"""The site under a sub-path, as GitHub Pages serves a project: https://ORG.github.io/REPO/.

Every link, stylesheet, script, picture, PDF and search result of the built site is resolved as a
browser would from that address, and must land on a file of the site, inside the sub-path.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.conftest import MINIMAL, BuildResult, make_project, run_build
from tests.pagefind_index import read_site_index

SITE_URL = "https://org.github.io/repo/"
NOT_LOCAL = ("mailto:", "tel:", "data:")


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.refs.append((tag, name, value))


def _refs(html: str) -> list[tuple[str, str, str]]:
    parser = _Refs()
    parser.feed(html)
    return parser.refs


def _file_for(url: str, site: Path) -> Path | None:
    """The file a static host serves for ``url``, or None when it is outside the site."""
    url = urldefrag(url).url.split("?")[0]
    if not url.startswith(SITE_URL):
        return None
    rel = url[len(SITE_URL) :]
    path = site / rel
    if rel == "" or rel.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("subpath")
    project = make_project(
        root,
        {
            "test.yml": MINIMAL,
            "second-charter.yml": MINIMAL.replace("title: A test charter", "title: A second charter"),
        },
    )
    # PDFs too: their links must work under the sub-path like every other file.
    result = run_build(project, env={"CHARTERKIT_SITE_URL": SITE_URL, "CHARTERKIT_PDF": "1"})
    assert result.returncode == 0, result.output
    return result


def _pages(site: Path) -> Iterator[Path]:
    yield from sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_internal_link_and_file_resolves_under_the_sub_path(subpath_site: BuildResult) -> None:
    site = subpath_site.site
    broken, absolute, checked = [], [], 0
    for page in _pages(site):
        rel = page.relative_to(site).as_posix()
        page_url = SITE_URL + rel
        for tag, attr, value in _refs(page.read_text(encoding="utf-8")):
            if value.startswith(NOT_LOCAL) or value.startswith("#"):
                continue
            if urlsplit(value).scheme or value.startswith("//"):
                continue  # another website, or the canonical link (absolute on purpose, checked below)
            if value.startswith("/"):
                absolute.append(f"{rel}: <{tag} {attr}={value}>")  # would leave the sub-path
                continue
            target = _file_for(urljoin(page_url, value), site)
            checked += 1
            if target is None or not target.is_file():
                broken.append(f"{rel}: <{tag} {attr}={value}>")
    assert not absolute, "root-relative links break under a sub-path:\n" + "\n".join(absolute[:20])
    assert not broken, "links to files that do not exist:\n" + "\n".join(broken[:20])
    assert checked > 100


def test_pdf_links_resolve(subpath_site: BuildResult) -> None:
    page = subpath_site.site / "charters" / "test" / "index.html"
    pdfs = [v for _, _, v in _refs(page.read_text(encoding="utf-8")) if v.split("#")[0].endswith(".pdf")]
    if not pdfs:
        pytest.skip("this build makes no PDFs (the charterkit/pdf plugin is not configured)")
    for href in pdfs:
        target = _file_for(urljoin(SITE_URL + "charters/test/", href), subpath_site.site)
        assert target is not None and target.is_file(), href


def test_canonical_links_use_the_site_url(subpath_site: BuildResult) -> None:
    site = subpath_site.site
    for rel in (
        "index.html",
        "charters/index.html",
        "charters/test/index.html",
        "charters/test/easy-read/index.html",
    ):
        html = (site / rel).read_text(encoding="utf-8")
        expected = SITE_URL + rel.removesuffix("index.html")
        assert f'<link rel="canonical" href="{expected}">' in html, rel


def test_sitemap_lists_pages_under_the_site_url(subpath_site: BuildResult) -> None:
    sitemap = (subpath_site.site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{SITE_URL}charters/test/" in locs
    assert f"{SITE_URL}charters/second-charter/easy-read/" in locs
    for loc in locs:
        assert loc.startswith(SITE_URL), loc
        target = _file_for(loc, subpath_site.site)
        assert target is not None and target.is_file(), loc


def test_search_results_lead_to_pages(subpath_site: BuildResult) -> None:
    # Pagefind keeps addresses from the site's root; the search page's script puts the site's own
    # path (here /charters-site/) before them (tests/browser/test_search.py follows one).
    locations = {page.url for page in read_site_index(subpath_site.site)}
    assert "/charters/test/" in locations
    for loc in locations:
        assert loc.startswith("/") and "://" not in loc, loc
        target = _file_for(urljoin(SITE_URL, loc.lstrip("/")), subpath_site.site)
        assert target is not None and target.is_file(), loc


def test_not_found_page_works_at_any_depth(subpath_site: BuildResult) -> None:
    # A static host serves 404.html for any missing address, so its links cannot be relative.
    site = subpath_site.site
    html = (site / "404.html").read_text(encoding="utf-8")
    anywhere = SITE_URL + "no/such/page/"
    for tag, attr, value in _refs(html):
        if (
            value.startswith(NOT_LOCAL)
            or value.startswith("#")
            or (urlsplit(value).scheme and not value.startswith(SITE_URL))
        ):
            continue
        assert value.startswith(("/repo/", SITE_URL)), (
            f"<{tag} {attr}={value}> depends on where 404.html is served"
        )
        target = _file_for(urljoin(anywhere, value), site)
        assert target is not None and target.is_file(), value


def test_site_url_can_be_left_empty(tmp_path: Path) -> None:
    """Without CHARTERKIT_SITE_URL the site still builds, with relative links (for a preview)."""
    project = make_project(tmp_path, {"test.yml": MINIMAL})
    result = run_build(project, env={"CHARTERKIT_SITE_URL": ""})
    assert result.returncode == 0, result.output
    assert 'rel="canonical"' not in result.html("charters/test/")


def test_preview_opens_from_a_folder(tmp_path: Path) -> None:
    """The pull request's preview (``mkdocs build --no-directory-urls``) is opened from a downloaded
    folder, with no server: every link must name a file, never a folder."""
    project = make_project(tmp_path, {"test.yml": MINIMAL})
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-directory-urls", "--site-dir", "preview"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHARTERKIT_PDF": "0"},
    )
    assert proc.returncode == 0, proc.stderr
    site = project / "preview"
    broken = []
    for page in _pages(site):
        rel = page.relative_to(site).as_posix()
        for tag, attr, value in _refs(page.read_text(encoding="utf-8")):
            if value.startswith((*NOT_LOCAL, "#")) or urlsplit(value).scheme or value.startswith("//"):
                continue
            target = site / urljoin(rel, urldefrag(value).url.split("?")[0])
            if not target.is_file():
                broken.append(f"{rel}: <{tag} {attr}={value}>")
    assert not broken, "\n".join(broken[:20])
