"""The site's search index: Pagefind, run on the built site (:mod:`charterkit.search.pagefind`), and the
index kept for a site whose pages did not change (:mod:`charterkit.search.kept`)."""

from charterkit.search.kept import kept_index
from charterkit.search.pagefind import (
    BUNDLE_DIR,
    EXCLUDED,
    MARK,
    ROOT,
    IndexSummary,
    SearchIndexError,
    build_index,
    pagefind_executable,
)

__all__ = [
    "BUNDLE_DIR",
    "EXCLUDED",
    "MARK",
    "ROOT",
    "IndexSummary",
    "SearchIndexError",
    "build_index",
    "kept_index",
    "pagefind_executable",
]
