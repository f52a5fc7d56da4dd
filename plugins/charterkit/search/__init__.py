"""The site's search index: Pagefind, run on the built site (see :mod:`charterkit.search.pagefind`)."""

from charterkit.search.pagefind import (
    BUNDLE_DIR,
    EXCLUDED,
    ROOT,
    IndexSummary,
    SearchIndexError,
    build_index,
    pagefind_executable,
)

__all__ = [
    "BUNDLE_DIR",
    "EXCLUDED",
    "ROOT",
    "IndexSummary",
    "SearchIndexError",
    "build_index",
    "pagefind_executable",
]
