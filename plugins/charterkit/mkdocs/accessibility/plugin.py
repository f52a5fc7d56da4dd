"""``charterkit/accessibility``: the accessibility statement page, the footer's links, the reader fonts.

A thin adapter over :mod:`charterkit.render.statement`: it reads the options, adds the statement page
(``accessibility.md``, served at ``/accessibility/``), copies the Atkinson Hyperlegible fonts to
``assets/fonts/`` for the reader settings, and offers ``footer_links`` to the theme's footer
(``overrides/partials/copyright.html``), so every page, the 404 page included, links to the statement.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from charterkit.format.rules import FONTS_DIR, FONTS_TARGET
from charterkit.mkdocs._common import custom_dir, jinja_env, project_root
from charterkit.mkdocs.accessibility.config import AccessibilityConfig
from charterkit.mkdocs.toc import toc_from
from charterkit.pdf.fonts import FontsDamaged, verify_fonts
from charterkit.render.statement import (
    AutomatedChecks,
    KnownIssue,
    StatementSettings,
    axe_core_version,
    build_date,
    missing_settings,
    render_statement,
)

log = logging.getLogger("mkdocs.plugins.charterkit.accessibility")

TITLE = "Accessibility statement"


@dataclass(frozen=True)
class FooterLink:
    """A link the footer shows on every page; ``url`` is relative to the site root (``accessibility/``)."""

    title: str
    url: str


class AccessibilityPlugin(BasePlugin[AccessibilityConfig]):
    """Adds the accessibility statement and what the reader settings need."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.footer_links: list[FooterLink] = []
        """Read by ``partials/copyright.html``: the statement, then the credits page if there is one."""
        self.env: Environment | None = None
        self.root = Path.cwd()
        self.generated = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = project_root(config)
        self.env = jinja_env(config)
        if self.config.fonts:
            try:
                verify_fonts()
            except FontsDamaged as exc:
                raise PluginError(f"charterkit/accessibility: {exc}") from None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        uri = self.config.page
        # A council may write its own statement in docs/: keep it, and still link to it from the footer.
        self.generated = files.get_file_from_path(uri) is None
        if self.generated:
            files.append(File.generated(config, uri, content=""))
            for problem in missing_settings(self._settings(config)):
                log.warning(f"mkdocs.yml: plugins: charterkit/accessibility: {problem}")
        if self.config.fonts:
            # The licence travels with the fonts, as the SIL Open Font License asks.
            for font in [*sorted(FONTS_DIR.glob("*.woff2")), FONTS_DIR / "OFL.txt"]:
                target = f"{FONTS_TARGET}/{font.name}"
                if files.get_file_from_path(target) is None:
                    files.append(File.generated(config, target, abs_src_path=str(font)))
        self.footer_links = []
        for title, path in ((TITLE, uri), ("Credits", "credits.md")):
            f = files.get_file_from_path(path)
            if f is not None:
                self.footer_links.append(FooterLink(title, f.url))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self._is_statement(page):
            return markdown
        page.meta["title"] = TITLE
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self._is_statement(page):
            return html
        assert self.env is not None
        automated = self.config.automated_tests
        version = axe_core_version(self.root)
        method = AutomatedChecks(axe_version=version if automated is not False else "")
        if automated and not version:
            log.warning(
                "mkdocs.yml: plugins: charterkit/accessibility: automated_tests is true, but this "
                "project has no axe-core (package.json). Run `npm install`, or set "
                "automated_tests: false."
            )
        rendered = render_statement(self.env, self._settings(config), method=method, built=build_date())
        page.toc = toc_from(rendered.outline, rendered.html)
        return rendered.html

    def _is_statement(self, page: Page) -> bool:
        return self.generated and page.file.src_uri == self.config.page

    def _settings(self, config: MkDocsConfig) -> StatementSettings:
        o = self.config
        charters: Any = config.plugins.get("charterkit/charters")
        return StatementSettings(
            website=o.website or config.site_name,
            organisation=o.organisation.strip(),
            scope=o.scope or (f"the website {config.site_url}" if config.site_url else "this website"),
            email=o.email,
            phone=o.phone,
            address=o.address,
            contact_url=o.contact_url,
            fallback_contact=charters.config.contact if charters is not None else "",
            response_days=o.response_days,
            region=o.region,
            compliance=o.compliance,
            known_issues=tuple(KnownIssue(i.issue, i.reason, i.criterion, i.plan) for i in o.known_issues),
            prepared=o.prepared,
            reviewed=o.reviewed,
            tested=o.tested,
            tested_by=o.tested_by,
            testing_notes=tuple(o.testing_notes),
            features=tuple(o.features) if o.features is not None else self._default_features(config),
        )

    def _default_features(self, config: MkDocsConfig) -> tuple[str, ...]:
        """What this site's software gives every visitor; only what is really there is listed."""
        out: list[str] = []
        custom = custom_dir(config)
        if custom is not None and (custom / "partials" / "reader-settings.html").is_file():
            out.append(
                "change the text size, the font, the line spacing and the colours, using "
                "“Reader settings” at the top of each page"
            )
        charters: Any = config.plugins.get("charterkit/charters")
        if charters is not None:
            if any(c.charter.easy_read for c in charters.charters):
                out.append(
                    "read a charter in easy read, with a picture beside each idea, where it has an "
                    "easy read version"
                )
            if any(charters.pdf_links.values()):
                out.append("download charters as PDF files to print")
            if any(getattr(charters, "file_links", {}).values()):
                out.append(
                    "download charters as Word, OpenDocument, plain text and EPUB files, and as "
                    "braille-ready files made by software (not proofread by a braille transcriber)"
                )
        out.append(
            "read every page with JavaScript turned off (only the reader settings and the search need it)"
        )
        return tuple(out)
