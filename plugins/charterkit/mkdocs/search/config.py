"""Options of ``charterkit/search``: the search page and its index (Pagefind).

Each option is documented where it is declared; docs/configuration.md explains them for councils.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from charterkit.mkdocs.options import SitePath


class SearchConfig(base.Config):
    """``plugins: - charterkit/search`` in ``mkdocs.yml``."""

    page = SitePath(example="search.md", suffixes=(".md",), default="search.md")
    """Where the search page goes (``search.md`` is served at ``/search/``). A file of that name in
    ``docs/`` is used instead, as it is: it must hold the search form (``charterkit/search-page.html``)."""

    index_in_serve = c.Type(bool, default=True)
    """Whether ``mkdocs serve`` indexes the site too. It does so after each rebuild, without holding the
    rebuilt page back: search finds the change a few seconds after the page shows it."""
