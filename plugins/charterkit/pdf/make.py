"""Make every PDF of a site: print HTML for each, then render only those not already in the cache."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment, TemplateError

from ..icons import IconSet
from .cache import PdfCache, cache_key, fingerprint
from .documents import Document
from .fonts import unpacked
from .inspect import details
from .jobs import Job, JobsFailed, Progress, run_jobs
from .printhtml import Site, print_html

__all__ = ["Made", "PdfFailed", "make_pdfs"]


@dataclass(frozen=True)
class Made:
    """A PDF that is ready: where its bytes are, and what its download link says about it."""

    doc: Document
    file: Path
    """The cached PDF (copied into the site by the caller)."""
    details: str
    """Pages and size: "4 pages, 96 KB"."""
    rendered: bool
    """False when the PDF came from the cache unchanged."""
    warnings: Sequence[str] = field(default=())


class PdfFailed(Exception):
    """One or more PDFs could not be made. The message names each charter and says why."""

    def __init__(self, problems: Sequence[tuple[Document, str]]) -> None:
        self.problems = list(problems)
        lines = [f"{doc.blame}: the {doc.noun} could not be made: {reason}" for doc, reason in problems]
        super().__init__("\n".join(lines))


def make_pdfs(
    docs: Sequence[Document],
    *,
    env: Environment,
    site: Site,
    cache: PdfCache,
    icons: IconSet | None = None,
    asset_dir: Path | None = None,
    workers: int = 0,
    progress: Progress | None = None,
    prune: bool = True,
) -> list[Made]:
    """Make ``docs``, rendering in parallel only the PDFs whose inputs changed since they were cached.

    ``asset_dir`` is where relative URLs in the print templates point (a council's print folder).
    Raises :class:`PdfFailed` naming every charter whose PDF failed; no PDF is then replaced.
    """
    # WeasyPrint would unpack the WOFF2 fonts for every PDF: unpack them once, next to the cache.
    site = replace(site, faces=unpacked(site.faces, cache.folder / "fonts"))
    assets = asset_dir if asset_dir is not None and asset_dir.is_dir() else None
    shared = fingerprint(env, [f.path for f in site.faces], [assets] if assets else [])
    base_url = (assets or Path.cwd()).resolve().as_uri() + "/"
    keys: list[str] = []
    jobs: dict[str, Job] = {}
    owner: dict[Path, Document] = {}
    problems: list[tuple[Document, str]] = []
    for doc in docs:
        try:
            html = print_html(env, doc, site, icons)
        except TemplateError as exc:
            problems.append((doc, f"the print template failed: {exc}"))
            continue
        key = cache_key(html, shared)
        keys.append(key)
        if not cache.has(key) and key not in jobs:
            jobs[key] = Job(html, cache.path(key), base_url, doc.path, doc.blame, doc.kind)
            owner[cache.path(key)] = doc
    if problems:
        raise PdfFailed(problems)
    try:
        results = run_jobs(list(jobs.values()), workers=workers, progress=progress)
    except JobsFailed as exc:
        raise PdfFailed([(owner[f.job.target], f.reason) for f in exc.failures]) from None
    made = []
    for doc, key in zip(docs, keys, strict=True):
        job = jobs.get(key)
        path = cache.path(key)
        written = results.get(job) if job is not None else None
        pages = cache.pages(key, written.pages if written else None)
        mine = job is not None and owner[job.target] is doc  # a PDF shared by two documents counts once
        made.append(Made(doc, path, details(path, pages), mine, written.warnings if written and mine else []))
    if prune:
        cache.prune(keys)
    return made
