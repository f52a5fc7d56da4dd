"""The site's search index: Pagefind, run on the built site (:mod:`charterkit.search.pagefind`) or fed
each page as it is built (:mod:`charterkit.search.service`)."""

from charterkit.search.pagefind import (
    BUNDLE_DIR,
    EXCLUDED,
    ROOT,
    IndexSummary,
    SearchIndexError,
    build_index,
    pagefind_executable,
)
from charterkit.search.service import LiveIndex

__all__ = [
    "BUNDLE_DIR",
    "EXCLUDED",
    "ROOT",
    "IndexSummary",
    "LiveIndex",
    "SearchIndexError",
    "build_index",
    "pagefind_executable",
]
