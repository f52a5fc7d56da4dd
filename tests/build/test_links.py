"""No broken internal link anywhere in the real site: pages, anchors, PDFs and the search index.

Every ``href``, ``src`` and ``srcset`` of every page is resolved as a browser would resolve it; the target
must exist in ``site/`` (a folder meaning its ``index.html``) and every ``#fragment`` must be an ``id`` in
the target page. Links inside the PDFs must reach a destination in the same PDF. Links to other sites
are listed, never fetched: the tests run offline.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import SEED_SITE_URL, BuildResult
from tests.pagefind_index import read_site_index

LINK_ATTRIBUTES = {"href", "src", "srcset", "poster", "action", "data"}


class Links(HTMLParser):
    """The ids in a page and the links out of it (tag, attribute, value)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if name == "srcset":
                self.links.extend(
                    (tag, name, part.strip().split(" ")[0]) for part in value.split(",") if part.strip()
                )
            elif name in LINK_ATTRIBUTES:
                self.links.append((tag, name, value))


@pytest.fixture(scope="module")
def site(seed_site: BuildResult) -> Path:
    return seed_site.site


@pytest.fixture(scope="module")
def parsed(site: Path) -> dict[str, Links]:
    return {
        p.relative_to(site).as_posix(): Links(p.read_text(encoding="utf-8"))
        for p in sorted(site.rglob("*.html"))
    }


def target_file(site: Path, path: str) -> Path | None:
    """The file a site path (relative to the site root, no leading slash) is served from, if any."""
    candidate = site / unquote(path)
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def resolve(page: str, url: str) -> tuple[str, str] | None:
    """(site path, fragment) for an internal link from ``page``; None for a link to another site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if parts.path.startswith("/"):
        # A link from the root of the host (the 404 page's) must stay under the site's own sub-path.
        prefix = urlsplit(SEED_SITE_URL).path
        if not parts.path.startswith(prefix):
            return ("(outside the site) " + parts.path, parts.fragment)
        path = parts.path[len(prefix) :]
    elif parts.path:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
    else:
        path = page
    if path in (".", ""):
        path = "index.html"
    return path, parts.fragment


def internal_links(parsed: dict[str, Links]) -> Iterator[tuple[str, str, str, str, str]]:
    """(page, tag, attribute, url, resolved path#fragment) for every internal link."""
    for page, links in parsed.items():
        for tag, attr, url in links.links:
            resolved = resolve(page, url)
            if resolved is not None:
                yield page, tag, attr, url, f"{resolved[0]}#{resolved[1]}"


def test_every_internal_link_reaches_a_file(site: Path, parsed: dict[str, Links]) -> None:
    broken = []
    count = 0
    for page, tag, attr, url, target in internal_links(parsed):
        count += 1
        path = target.split("#", 1)[0]
        if path.startswith("../") or target_file(site, path) is None:
            broken.append(f"{page}: <{tag} {attr}={url!r}>")
    assert count > 500, "the site is expected to have many internal links"
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_every_anchor_exists_in_its_page(site: Path, parsed: dict[str, Links]) -> None:
    broken = []
    for page, tag, attr, url, target in internal_links(parsed):
        path, _, fragment = target.partition("#")
        if not fragment or attr != "href":
            continue
        file = target_file(site, path)
        if file is not None and file.suffix == ".html" and unquote(fragment) not in ids_in(file):
            broken.append(f"{page}: <{tag} {attr}={url!r}> (no id {fragment!r} there)")
    assert not broken, "links to missing anchors:\n" + "\n".join(broken)


@cache
def ids_in(file: Path) -> frozenset[str]:
    """The ids of the elements in a page (read once per page)."""
    return frozenset(Links(file.read_text(encoding="utf-8")).ids)


def test_every_charter_page_links_to_its_pdfs(site: Path, parsed: dict[str, Links]) -> None:
    pdfs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.pdf"))
    assert pdfs, "the real site has PDFs"
    linked = {target.split("#", 1)[0] for *_, target in internal_links(parsed)}
    assert not [p for p in pdfs if p not in linked], "every PDF is linked from some page"


def test_only_the_404_page_uses_links_from_the_site_root(parsed: dict[str, Links]) -> None:
    # The site may be served under a sub-path (GitHub Pages project sites): links must be relative.
    # MkDocs writes 404.html with links from the root of site_url, as it is served for any missing path.
    rooted = [
        (page, url)
        for page, links in parsed.items()
        for _, _, url in links.links
        if url.startswith("/") and not url.startswith("//") and page != "404.html"
    ]
    assert not rooted, rooted


def test_search_results_lead_to_real_pages(site: Path) -> None:
    pages = read_site_index(site)
    assert pages
    broken = [p.url for p in pages if target_file(site, p.url.lstrip("/") or "index.html") is None]
    assert not broken, broken


def test_links_inside_pdfs_reach_their_destinations(site: Path) -> None:
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject

    for path in sorted(site.rglob("*.pdf")):
        reader = PdfReader(path)
        named = set(reader.named_destinations)
        pages = {page.indirect_reference.idnum for page in reader.pages if page.indirect_reference}
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                dest = annot.get("/Dest")
                action = annot.get("/A")
                if action is not None:
                    action = action.get_object()
                    if action.get("/S") == "/URI":
                        scheme = urlsplit(str(action["/URI"])).scheme
                        assert scheme in ("https", "http", "mailto"), (path.name, action["/URI"])
                        continue
                    dest = action.get("/D", dest)
                if dest is None:
                    continue
                dest = dest.get_object() if hasattr(dest, "get_object") else dest
                if isinstance(dest, ArrayObject):
                    assert dest[0].idnum in pages, (path.name, dest)
                else:
                    assert str(dest) in named, (path.name, str(dest))
        for bookmark in _flatten(reader.outline):
            number = reader.get_destination_page_number(bookmark)
            assert number is not None and 0 <= number < len(reader.pages), (
                path.name,
                bookmark.title,
            )


def _flatten(outline: list[Any]) -> Iterator[Any]:
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_links_to_other_sites_are_only_web_and_mail_addresses(
    parsed: dict[str, Links], capsys: pytest.CaptureFixture[str]
) -> None:
    external = sorted({url for links in parsed.values() for _, _, url in links.links if urlsplit(url).scheme})
    assert all(urlsplit(u).scheme in ("https", "http", "mailto") for u in external), external
    with capsys.disabled():
        print(f"\n{len(external)} links to other sites (listed, not fetched):")
        for url in external:
            print(f"  {url}")
