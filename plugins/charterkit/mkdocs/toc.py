"""A MkDocs table of contents from the outline of a page charterkit renders."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import escape
from mkdocs.structure.toc import TableOfContents, get_toc

from charterkit.render.views import Heading

__all__ = ["toc_from"]

_H1 = re.compile(r'<h1 id="([^"]+)"[^>]*>(.*?)</h1>', re.DOTALL)


def toc_from(headings: list[Heading], html: str = "") -> TableOfContents:
    """A MkDocs table of contents from an outline (titles escaped: themes print them as HTML).

    With the page's ``html``, its h1 heads the outline, as in a Markdown page: the theme's "Skip to
    content" link goes to the first entry, the page's title, and its contents box lists the rest.
    """
    found = _H1.search(html)
    if found:
        title = re.sub(r"<[^>]+>", "", found.group(2))
        return get_toc([{"level": 1, "id": found.group(1), "name": title, "children": _toc_tokens(headings)}])
    return get_toc(_toc_tokens(headings))


def _toc_tokens(headings: list[Heading]) -> list[Any]:
    # MkDocs themes print toc titles as HTML, so the text is escaped here.
    return [
        {"level": h.level, "id": h.id, "name": str(escape(h.title)), "children": _toc_tokens(h.children)}
        for h in headings
    ]
