"""``charterkit/readability``: score every charter, warn about text over target, publish the report.

Text over a target is logged as a warning naming the file, the field and the sentence, so
``mkdocs build --strict`` fails. A charter whose standard text is recorded as published wording
(``readability: accept_over_target: [standard]``) has its standard text reported, not warned about.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from charterkit.mkdocs._common import site_href
from charterkit.mkdocs.charters.plugin import ChartersPlugin
from charterkit.mkdocs.readability.config import ReadabilityConfig, targets_of
from charterkit.mkdocs.toc import toc_from
from charterkit.readability.scoring import (
    EASY_READ,
    STANDARD,
    CharterScores,
    Targets,
    summary_sentence,
)
from charterkit.render.pager import pager_links
from charterkit.render.pages import ReadabilityNote
from charterkit.render.views import Heading

log = logging.getLogger("mkdocs.plugins.charterkit.readability.text")

REPORT_URI = "readability.md"


class ReadabilityPlugin(BasePlugin[ReadabilityConfig]):
    """Scores charters and publishes a report; needs ``charterkit/charters`` listed before it."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.scores: list[CharterScores] = []
        self.pages: dict[str, list[CharterScores]] = {}
        """Each page of the report (by source URI) and the charters on it."""
        self.charters: ChartersPlugin | None = None

    def targets(self) -> dict[str, Targets]:
        """The configured targets, by variant."""
        return targets_of(self.config)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        charters = config.plugins.get("charterkit/charters")
        if not isinstance(charters, ChartersPlugin):
            raise PluginError(
                "charterkit/readability needs the charterkit/charters plugin: "
                "list it before charterkit/readability in mkdocs.yml."
            )
        self.charters = charters
        # Scored by the build's one check (charterkit/charters ran it with these targets).
        self.scores = charters.report.scores
        for cs in self.scores:
            charters.readability[cs.slug] = ReadabilityNote(summary_sentence(cs), cs)
            if charters.preview.unchanged(cs.slug):
                continue  # a preview rebuild: this charter's messages were shown when it last changed
            recorded = charters.by_slug[cs.slug].charter.readability is not None
            for problem in cs.problems:
                if problem.accepted:
                    # Published wording the editor must not rewrite: information, never a warning. Not
                    # yet recorded, the message itself names the line to add.
                    log.info(f"{problem} (accepted: text as published)" if recorded else str(problem))
                else:
                    log.warning(str(problem))
        self.pages = {}
        charters.report_for = {}
        if self.config.report:
            ordered = sorted(self.scores, key=lambda s: s.title.lower())
            size = max(1, self.config.report_page_size)
            chunks = [ordered[i : i + size] for i in range(0, len(ordered), size)] or [[]]
            for number, chunk in enumerate(chunks, 1):
                uri = REPORT_URI if number == 1 else f"readability/page-{number}.md"
                # The first page is in the nav; the others are reached from its page links.
                slugs = tuple(cs.slug for cs in chunk)
                charters.generated_page(files, config, uri, in_nav=number == 1, showing=slugs)
                self.pages[uri] = chunk
                charters.report_for.update({cs.slug: uri for cs in chunk})
            charters.report_uri = REPORT_URI
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri not in self.pages:
            return markdown
        number = list(self.pages).index(page.file.src_uri) + 1
        total = len(self.pages)
        page.meta["title"] = "Readability report" + (f", page {number} of {total}" if number > 1 else "")
        # Its sentences are quoted from the charters, which search finds on their own pages.
        page.meta["search"] = {"exclude": True}
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri not in self.pages or self.charters is None:
            return html
        assert self.charters.env is not None
        rows: list[dict[str, Any]] = []
        uris = list(self.pages)
        number = uris.index(page.file.src_uri) + 1
        pager = pager_links(len(uris), number, lambda n: site_href(files, uris[n - 1], page.file))
        base = self.charters.config.url.strip("/")
        for cs in self.pages[page.file.src_uri]:
            rows.append(
                {
                    "scores": cs,
                    "href": site_href(files, f"{base}/{cs.slug}/index.md", page.file),
                    "id": f"charter-{cs.slug}",
                }
            )
        html = self.charters.env.get_template("charterkit/readability-report.html").render(
            rows=rows,
            targets=self.targets(),
            STANDARD=STANDARD,
            EASY_READ=EASY_READ,
            method_href=site_href(files, "readability-method.md", page.file),
            pager=pager,
            page={"number": number, "count": len(uris)},
            total=len(self.scores),
        )
        outline = [Heading(2, "comparison", "All charters compared")]
        outline += [Heading(2, r["id"], r["scores"].title) for r in rows]
        page.toc = toc_from(outline, html)
        return html
