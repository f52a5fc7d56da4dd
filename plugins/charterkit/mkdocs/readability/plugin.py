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
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from charterkit.mkdocs.charters.plugin import ChartersPlugin, toc_from
from charterkit.mkdocs.readability.config import ReadabilityConfig, targets_of
from charterkit.readability.scoring import (
    EASY_READ,
    STANDARD,
    CharterScores,
    Targets,
    summary_sentence,
)
from charterkit.render.pages import ReadabilityNote
from charterkit.render.views import Heading

log = logging.getLogger("mkdocs.plugins.charterkit.readability.text")

REPORT_URI = "readability.md"


class ReadabilityPlugin(BasePlugin[ReadabilityConfig]):
    """Scores charters and publishes a report; needs ``charterkit/charters`` listed before it."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.scores: list[CharterScores] = []
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
            for problem in cs.problems:
                if problem.accepted:
                    log.info(f"{problem} (accepted: text as published)")
                else:
                    log.warning(str(problem))
        if self.config.report:
            files.append(File.generated(config, REPORT_URI, content=""))
            charters.report_uri = REPORT_URI
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri != REPORT_URI or not self.config.report:
            return markdown
        page.meta["title"] = "Readability report"
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri != REPORT_URI or not self.config.report or self.charters is None:
            return html
        assert self.charters.env is not None
        rows: list[dict[str, Any]] = []
        for cs in sorted(self.scores, key=lambda s: s.title.lower()):
            target = files.get_file_from_path(f"{self.charters.config.url.strip('/')}/{cs.slug}/index.md")
            rows.append(
                {
                    "scores": cs,
                    "href": target.url_relative_to(page.file) if target else "",
                    "id": f"charter-{cs.slug}",
                }
            )
        method = files.get_file_from_path("readability-method.md")
        html = self.charters.env.get_template("charterkit/readability-report.html").render(
            rows=rows,
            targets=self.targets(),
            STANDARD=STANDARD,
            EASY_READ=EASY_READ,
            method_href=method.url_relative_to(page.file) if method else "",
        )
        outline = [Heading(2, "comparison", "All charters compared")]
        outline += [Heading(2, r["id"], r["scores"].title) for r in rows]
        page.toc = toc_from(outline)
        return html
