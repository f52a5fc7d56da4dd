"""Parts of the theme's page shell that are the same on many pages, drawn once per build.

The menu beside the content (Material's ``partials/nav.html``) is the same on every page that is not
itself in the menu (a charter's pages, the lists, the picture gallery) once its links are written from
the site's root (``../../charters/``) rather than from the page's own folder: then it depends only on
the page's depth. A site of a thousand charters has thousands of such pages, and drawing the menu was
about a third of the time the theme took for each. ``overrides/base.html`` calls :class:`OncePerBuild`
as ``ck_once`` around the menu of a page outside it: the first page at each depth draws it, the others
reuse it. Pages in the menu (which marks them, and their section, as the current one) are drawn as the
theme draws them. A new build starts with nothing kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

__all__ = ["OncePerBuild"]


class OncePerBuild:
    """``{% call ck_once("menu", nav, base_url) %}...{% endcall %}``: the block's output, kept by part
    and ``base_url`` (the way from the page to the site's root) until the menu changes."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], Markup] = {}
        self._nav: Any = None
        self._in_nav: set[int] = set()

    def _menu(self, nav: Any) -> None:
        if nav is not self._nav:  # another build (the preview) or another menu: start again
            self._nav = nav
            self._in_nav = {id(item) for item in getattr(nav, "pages", ())}
            self._kept.clear()

    def in_menu(self, page: Any, nav: Any) -> bool:
        """Whether ``page`` is in the menu ``nav`` (which then marks it as the current page)."""
        self._menu(nav)
        return id(page) in self._in_nav

    def __call__(self, part: str, nav: Any, base_url: str, caller: Callable[[], str]) -> Markup:
        self._menu(nav)
        key = (part, str(base_url))
        kept = self._kept.get(key)
        if kept is None:
            kept = self._kept[key] = Markup(caller())
        return kept
