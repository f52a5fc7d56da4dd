"""The search index of a site whose pages did not change is not made again.

Pagefind reads every HTML file of the built site, and the index it writes depends on nothing else (and on
its options and version). So the index is kept (:mod:`charterkit.memo`, the build's checked cache) under
a hash of every HTML file's path and bytes: a build whose pages are all as they were (a warm build, a CI
build from a restored cache) writes the kept index back instead of running Pagefind. Any change to any
page, however small, makes a new index.

No MkDocs here: ``charterkit/search`` calls :func:`kept_index` from its ``on_post_build``.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from charterkit.memo import BytesStore, Memo, memo_key
from charterkit.search.pagefind import (
    BUNDLE_DIR,
    MARK,
    IndexSummary,
    build_index,
    index_options,
    page_count,
)

__all__ = ["kept_index"]

_MARK = MARK.encode()


def kept_index(
    site: Path, store: BytesStore | None, *, language: str = "en", keep_index_url: bool = False
) -> tuple[IndexSummary, bool]:
    """:func:`~charterkit.search.pagefind.build_index` of ``site``, or the index kept for the same pages;
    and whether it was kept. Pagefind reads only the pages marked for search, found in the one reading
    of the site's pages the key needs. Raises :class:`~charterkit.search.pagefind.SearchIndexError`."""
    pages, marked = _read_pages(site)
    if store is None:
        return build_index(site, language=language, keep_index_url=keep_index_url, marked=marked), False
    # Pagefind's version is in every key (charterkit.memo.code_fingerprint).
    options = "\0".join(index_options(language=language, keep_index_url=keep_index_url))
    key = memo_key("search-index", options, pages)
    memo: Memo[bytes] = Memo("search-index", store)
    bundle = site / BUNDLE_DIR
    kept = memo.get(key)
    if kept is not None and _unpack(kept, bundle):
        return IndexSummary(pages=page_count(bundle)), True
    # Meanwhile the build writes what it kept so far (the charters, the pages) to its cache.
    flush = getattr(store, "flush", None)
    summary = build_index(
        site, language=language, keep_index_url=keep_index_url, marked=marked, meanwhile=flush
    )
    memo.put(key, _pack(bundle))
    return summary, False


def _read_pages(site: Path) -> tuple[str, list[str] | None]:
    """A hash of the path and bytes of every HTML file of the site, outside the index's own folder; and
    the files marked with :data:`~charterkit.search.pagefind.MARK` (None when none is)."""
    h = hashlib.sha256()
    marked = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.split("/", 1)[0] == BUNDLE_DIR or not path.is_file():
            continue
        data = path.read_bytes()
        h.update(f"{relative}\0{len(data)}\0".encode() + data)
        if _MARK in data:
            marked.append(relative)
    return h.hexdigest(), marked or None


def _pack(folder: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return out.getvalue()


def _unpack(data: bytes, folder: Path) -> bool:
    """Write the kept index into ``folder``; False (and nothing left) when it cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if not names or any(_unsafe(name) for name in names):
                return False
            for name in names:
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    except (zipfile.BadZipFile, OSError, ValueError):
        shutil.rmtree(folder, ignore_errors=True)
        return False
    return True


def _unsafe(name: str) -> bool:
    path = PurePosixPath(name)
    return path.is_absolute() or ".." in path.parts or name.endswith("/")
