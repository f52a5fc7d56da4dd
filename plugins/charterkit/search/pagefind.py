"""Index a built site with Pagefind, so a reader's browser fetches only the parts of the index a search needs.

Pagefind (MIT licence) is a program shipped on PyPI as ``pagefind[bin]`` (the binary itself is in the
``pagefind_bin`` package): it reads the site's HTML and writes a chunked index and a small script,
``pagefind/pagefind.js``, into the site. It runs offline and downloads nothing.

Which pages are searched is decided by the pages themselves: once any page marks its content with
``data-pagefind-body`` (``overrides/main.html`` marks every page whose ``search: exclude`` is not set),
pages without the mark (the 404 page, the lists of charters, the search page) are left out. Parts of a
page readers should not land on carry ``data-pagefind-ignore`` or one of :data:`EXCLUDED`.

No MkDocs here: ``charterkit/search`` calls :func:`build_index` from its ``on_post_build``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BUNDLE_DIR",
    "EXCLUDED",
    "MARK",
    "ROOT",
    "IndexSummary",
    "SearchIndexError",
    "build_index",
    "index_options",
    "page_count",
]

BUNDLE_DIR = "pagefind"
"""The folder of the site that holds the index and ``pagefind.js``; the search page's script reads it."""

ROOT = "main"
"""The part of each page that is searched: the content, without the menus, header or footer."""

EXCLUDED = (
    "[data-search-exclude]",  # parts a charter page names other charters in (they have their own pages)
    ".headerlink",
    "button",  # the controls of "Listen" and the like: words of the interface, not of the page
    "script",
    "style",
    "noscript",
)
"""Parts of a page left out of the index, besides those marked ``data-pagefind-ignore``."""

UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's own search interfaces, which the site does not use (its page is charterkit's own): not
published, so nothing unused or untested is served."""

MARK = "data-pagefind-body"
"""The mark of a page's searched part: once one page has it, Pagefind leaves out every page without it."""

_PLAIN_PATH = re.compile(r"[A-Za-z0-9._/-]+")

INSTALL_HINT = "Install it with: pip install 'pagefind[bin]' (or make install, which pins its version)."


class SearchIndexError(Exception):
    """The index could not be written. The message says why and what to do."""


@dataclass(frozen=True)
class IndexSummary:
    """What Pagefind indexed."""

    pages: int
    """Pages in the index (0 when Pagefind's report could not be read)."""


def pagefind_executable() -> Path:
    """The Pagefind program installed with the ``pagefind_bin`` package, or :class:`SearchIndexError`."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]
    except ImportError:
        raise SearchIndexError(
            f"the search needs the Pagefind program, which is not installed. {INSTALL_HINT}"
        ) from None
    try:
        return Path(pagefind_bin.get_executable())
    except (FileNotFoundError, OSError) as exc:
        raise SearchIndexError(
            f"the Pagefind program of the pagefind_bin package could not be found ({exc}). "
            f"Reinstall it: pip install --force-reinstall 'pagefind[bin]'."
        ) from None


def build_index(
    site: Path,
    *,
    language: str = "en",
    keep_index_url: bool = False,
    background: bool = False,
    marked: Sequence[str] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> IndexSummary:
    """Write the search index of the built site in ``site`` to ``site/pagefind/``.

    ``language`` (an ISO 639-1 code) is the language of the whole site, so that Pagefind stems every
    page's words alike and writes one index. ``keep_index_url`` keeps ``index.html`` at the end of the
    results' addresses, for a site built with ``use_directory_urls: false``. ``background`` runs Pagefind
    at the lowest CPU priority, so that a preview rebuild running meanwhile is not slowed. ``marked``,
    when known, are the HTML files (paths from ``site``) that mark their searched part with
    :data:`MARK`: Pagefind then reads only those, and the index is the same, as it leaves out every
    unmarked page of a site where one page is marked. ``meanwhile`` is work for this process while
    Pagefind runs (the build writes its cache). Raises :class:`SearchIndexError` with a plain message.
    """
    command = [str(pagefind_executable()), "--site", str(site.absolute())]
    command += index_options(language=language, keep_index_url=keep_index_url)
    try:
        here = _settings_folder(_only(marked))
    except OSError as exc:
        raise SearchIndexError(
            f"Pagefind's settings could not be written to the temporary folder ({exc}). Free some space "
            "there, or set TMPDIR to a folder that can be written, then build again."
        ) from None
    try:
        with here or contextlib.nullcontext():
            returncode, said_out, said_err = _run(command, background, here.name if here else None, meanwhile)
    except _MeanwhileFailed as failed:  # not Pagefind's fault: the error as it was
        assert failed.__cause__ is not None
        raise failed.__cause__ from None
    except OSError as exc:
        raise SearchIndexError(f"the Pagefind program could not be started ({exc}). {INSTALL_HINT}") from None
    except subprocess.TimeoutExpired:
        raise SearchIndexError("Pagefind did not finish indexing the site within 30 minutes.") from None
    if returncode != 0:
        said = (said_err or said_out).strip().splitlines()
        raise SearchIndexError(
            f"Pagefind could not index the site in {site} (exit code {returncode}): "
            f"{' '.join(said[-5:]) or 'it said nothing'}"
        )
    _tidy_bundle(site / BUNDLE_DIR)
    return IndexSummary(pages=page_count(site / BUNDLE_DIR))


def index_options(*, language: str = "en", keep_index_url: bool = False) -> list[str]:
    """Every option :func:`build_index` gives Pagefind besides the site's folder: what shapes the index
    (:mod:`charterkit.search.kept` keeps an index under them)."""
    return [
        "--output-subdir",
        BUNDLE_DIR,
        "--root-selector",
        ROOT,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
        "--force-language",
        language,
        "--quiet",
        *(["--keep-index-url"] if keep_index_url else []),
    ]


def _only(marked: Sequence[str] | None) -> dict[str, str]:
    """Pagefind's settings to read only the ``marked`` files; none when there are none, or when a path
    holds a character a glob gives a meaning to."""
    if not marked or not all(_PLAIN_PATH.fullmatch(path) for path in marked):
        return {}
    return {"glob": "{" + ",".join(sorted(marked)) + "}"}


def _tidy_bundle(folder: Path) -> None:
    """Remove Pagefind's own interfaces (:data:`UNUSED`) from the index's folder."""
    for name in UNUSED:
        (folder / name).unlink(missing_ok=True)


def _settings_folder(settings: dict[str, str]) -> tempfile.TemporaryDirectory[str] | None:
    """A private folder holding Pagefind's ``settings`` (``pagefind.json``), to run it in; None when
    there are none.

    Pagefind reads its settings from a file in the folder it runs in (a glob of thousands of pages is too
    long for a command line), and in a folder of its own no ``pagefind.yml`` of the project changes
    them. Without settings (the preview, a site with no page marked) it runs where the build runs."""
    if not settings:
        return None
    here = tempfile.TemporaryDirectory(prefix="charterkit-pagefind-", ignore_cleanup_errors=True)
    try:
        Path(here.name, "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
    except OSError:
        here.cleanup()
        raise
    return here


class _MeanwhileFailed(Exception):
    """The work done while Pagefind ran failed (its error is the cause): not Pagefind's fault."""


def _run(
    command: list[str], background: bool, folder: str | None, meanwhile: Callable[[], None] | None = None
) -> tuple[int, str, str]:
    """Run ``command`` in ``folder`` (None: here), and ``meanwhile`` while it runs; its exit code and
    what it wrote."""
    with subprocess.Popen(
        command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        if background and hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):  # a system that refuses: the index is only slower
                os.setpriority(os.PRIO_PROCESS, process.pid, 19)
        try:
            if meanwhile is not None:
                meanwhile()
        except BaseException as exc:
            process.kill()
            process.communicate()
            raise _MeanwhileFailed() from exc
        try:
            out, err = process.communicate(timeout=1800)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
    return process.returncode, out, err


def page_count(folder: Path) -> int:
    """The pages in the index in ``folder``, by its ``pagefind-entry.json`` (0 when it cannot be read)."""
    try:
        languages = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
        return sum(int(lang["page_count"]) for lang in languages.values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0
