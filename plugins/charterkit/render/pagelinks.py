"""Where a charter's pages link to: its other version, PDFs, report, themes, similar charters, edit link.

``href`` turns a site path (``charters/x/index.md``) into a link from the page being rendered, or "" when
the site has no such page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import quote

from charterkit.format.pictures import is_picture_file
from charterkit.load.loader import LoadedCharter
from charterkit.render.find import Finder
from charterkit.render.pages import Link, PageLinks, SimilarLink, colour_pictures, shared_picture_uri

__all__ = ["edit_url", "own_pictures", "page_links", "relative_to"]


def own_pictures(item: LoadedCharter) -> list[str]:
    """The picture files of a charter's easy-read version, as written (paths from its folder)."""
    er = item.charter.easy_read
    if er is None:
        return []
    return sorted({p.picture for s in er.sections for p in s.points if is_picture_file(p.picture)})


def edit_url(pattern: str, item: LoadedCharter, repo_url: str | None, edit_uri: str | None) -> str:
    """Where to edit ``item``'s file on GitHub (option ``edit_url`` as ``pattern``, else ``repo_url``),
    or ""."""
    if pattern.lower() == "none":
        return ""
    if not pattern:
        repo = (repo_url or "").rstrip("/")
        if not repo.startswith("https://github.com/"):
            return ""
        m = re.match(r"^(?:edit|blob)/([^/]+)/", edit_uri or "")
        pattern = f"{repo}/edit/{m.group(1) if m else 'main'}/{{path}}"
    return pattern.replace("{path}", quote(item.display_path))


def relative_to(page_dest: str, site_path: str) -> str:
    """``site_path`` (relative to the site root) as a link from the page written at ``page_dest``."""
    page_dir = posixpath.dirname(page_dest)
    return posixpath.relpath(site_path, page_dir or ".")


def page_links(
    item: LoadedCharter,
    href: Callable[[str], str],
    *,
    finder: Finder,
    base: str,
    page_dest: str,
    pdfs: Sequence[Link],
    files: Sequence[Link] = (),
    report_uri: str | None,
    report_for: Mapping[str, str],
    edit: str,
) -> PageLinks:
    """The links of ``item``'s pages, from the page written at ``page_dest``."""
    compare = href(finder.compare_uri())
    similar = [
        SimilarLink(
            s.entry.charter.title,
            href(finder.charter_uri(s.entry.slug)),
            [finder.themes[t].label for t in s.shared],
            f"{compare}?a={item.slug}&b={s.entry.slug}",
        )
        for s in finder.similar_to(item.slug)
    ]
    return PageLinks(
        standard=href(f"{base}/{item.slug}/index.md"),
        easy_read=href(f"{base}/{item.slug}/easy-read.md") if item.charter.easy_read else None,
        report=href(report_for.get(item.slug, report_uri)) if report_uri else "",
        themes=href(f"{base}/themes.md"),
        pdfs=[Link(p.label, relative_to(page_dest, p.href), p.details) for p in pdfs],
        files=[Link(p.label, relative_to(page_dest, p.href), p.details) for p in files],
        theme_hrefs=finder.theme_links(item.slug, href),
        similar=similar,
        compare=f"{compare}?a={item.slug}" if compare else "",
        pictures={
            **{p: href(shared_picture_uri(p)) for p in colour_pictures(item)},
            **{p: href(f"{base}/{item.slug}/{p}") for p in own_pictures(item)},
        },
        edit=edit,
    )
