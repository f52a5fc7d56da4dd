"""``charterkit/brand``: a council's name, logo, colours, footer links and custom domain.

The colours become a small generated stylesheet (``assets/brand.css``, from the template
``charterkit/brand.css``) that sets the CSS variables the site's stylesheet and the Material theme read.
Every colour is checked for WCAG AA contrast where it is used; a failing colour is a build warning naming
the option, the ratio and the nearest colour that passes, so ``mkdocs build --strict`` fails on it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from charterkit.memo import BytesStore, Memo
from charterkit.mkdocs._common import custom_dir, jinja_env
from charterkit.mkdocs.brand.config import BrandConfig
from charterkit.render.contrast import (
    AA_TEXT,
    Colour,
    contrast_ratio,
    format_ratio,
    nearest_passing,
    parse_colour,
    shade,
    to_hex,
)
from charterkit.render.scaled_theme import shipped_scaled
from charterkit.render.textsize import scale_breakpoints, text_size_css

log = logging.getLogger("mkdocs.plugins.charterkit.brand")


def _scaled(css: str, store: BytesStore | None) -> str:
    """``scale_breakpoints(css)``: shipped for the pinned Material's stylesheet, else kept by content (in
    ``store``, the charters' cache, when there is one). Parsing the theme's stylesheet takes 0.13 s, and
    it changes only with the theme."""
    memo: Memo[str] = Memo("breakpoints", store)
    key = memo.key(css)
    kept = memo.get(key)
    if kept is None:
        kept = shipped_scaled(css) or scale_breakpoints(css)
        memo.put(key, kept)
    return kept


CSS_URI = "assets/brand.css"
REFLOW_CSS = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css|assets/charterkit\.css")
"""The stylesheets whose layout breakpoints follow the Reader settings text size (render/textsize.py):
the theme's own and the site's."""
CSS_TEMPLATE = "charterkit/brand.css"
"""The stylesheet's template; a council may replace it with ``overrides/charterkit/brand.css``."""
WHITE: Colour = (255, 255, 255)
SLATE_BACKGROUND: Colour = (30, 33, 41)
"""Material 9.8's dark ("slate") page background, ``hsl(225deg 15% 14%)`` = ``#1e2129``."""
DARK_LINK_RATIO = 7.0
"""Derived dark-scheme link colours aim above AA (7:1), so they stay clear on dimmed screens."""


@dataclass(frozen=True)
class Palette:
    """Every colour the stylesheet sets, derived from the configured ones."""

    primary: Colour
    primary_dark: Colour
    primary_light: Colour
    accent: Colour
    link_dark: Colour
    accent_dark: Colour


@dataclass(frozen=True)
class ContrastFailure:
    """A configured colour that does not reach its WCAG AA ratio where it is used."""

    option: str
    colour: Colour
    against: str
    ratio: float
    needs: float
    suggestion: Colour

    def __str__(self) -> str:
        return (
            f"{self.option}: {to_hex(self.colour)} has a contrast of {format_ratio(self.ratio)} with "
            f"{self.against} (WCAG AA needs {self.needs:g}:1). Try {to_hex(self.suggestion)}, the "
            "nearest colour that passes."
        )


def make_palette(primary: str, accent: str | None, link_dark: str | None) -> Palette:
    """The stylesheet's colours: the configured ones, and shades of ``primary`` for the rest."""
    p = parse_colour(primary)
    dark = shade(p, -0.1)
    a = parse_colour(accent) if accent else dark
    ld = parse_colour(link_dark) if link_dark else nearest_passing(p, SLATE_BACKGROUND, DARK_LINK_RATIO)
    # Hovered links in the dark scheme are lighter than links, so the change is visible.
    ad = nearest_passing(shade(ld, 0.12), SLATE_BACKGROUND, DARK_LINK_RATIO)
    return Palette(p, dark, shade(p, 0.1), a, ld, ad)


def contrast_failures(
    prefix: str, primary: str, accent: str | None, link_dark: str | None
) -> list[ContrastFailure]:
    """The configured colours that fail WCAG AA where the site uses them."""
    checks: list[tuple[str, str | None, Colour, str]] = [
        ("primary", primary, WHITE, "white (the header's text, and the page behind links)"),
        ("accent", accent, WHITE, "white (the page behind links under the pointer)"),
        ("link_dark", link_dark, SLATE_BACKGROUND, "the dark colour scheme's background #1e2129"),
    ]
    failures = []
    for name, value, against, against_name in checks:
        if not value:
            continue
        colour = parse_colour(value)
        ratio = contrast_ratio(colour, against)
        if ratio < AA_TEXT:
            failures.append(
                ContrastFailure(
                    f"{prefix}.{name}",
                    colour,
                    against_name,
                    ratio,
                    AA_TEXT,
                    nearest_passing(colour, against, AA_TEXT),
                )
            )
    return failures


def brand_css(env: Environment, palette: Palette) -> str:
    """The generated stylesheet, from the template ``charterkit/brand.css``: CSS variables only (see
    overrides/assets/charterkit.css for their use)."""
    colours = {
        "brand": palette.primary,
        "brand_dark": palette.primary_dark,
        "brand_light": palette.primary_light,
        "accent": palette.accent,
        "link_dark": palette.link_dark,
        "accent_dark": palette.accent_dark,
    }
    # Only "#rrggbb" text reaches the template, so nothing in mkdocs.yml can add CSS of its own.
    return env.get_template(CSS_TEMPLATE).render(palette={name: to_hex(c) for name, c in colours.items()})


def footer_links(links: list[tuple[str, str]]) -> list[dict[str, str | bool]]:
    """Footer links as templates read them; ``external`` ones are used as they are, the others are
    pages of this site, to be passed through MkDocs' ``url`` filter."""
    return [
        {"text": text, "href": href, "external": bool(re.match(r"^(https?:|mailto:|tel:)", href, re.I))}
        for text, href in links
    ]


def _env(config: MkDocsConfig) -> Environment:
    """The charters plugin's templates (which look in the theme's ``custom_dir`` first), or the same
    search order when that plugin is not used. Its ``on_config`` runs first (priority 100)."""
    charters: Any = config.plugins.get("charterkit/charters")
    env = getattr(charters, "env", None)
    if isinstance(env, Environment):
        return env
    return jinja_env(config)


def contents_entries(toc: list[AnchorLink], html: str) -> int:
    """How many entries the theme's contents box shows: every heading but the page's h1."""

    def count(links: list[AnchorLink]) -> int:
        return sum(1 + count(list(link.children)) for link in links)

    if len(toc) == 1 and toc[0].level == 1 and "<h1 id=" in html:
        return count(list(toc[0].children))
    return count(toc)


class BrandPlugin(BasePlugin[BrandConfig]):
    """Applies a council's branding and checks its colours' contrast."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.css = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        colours = self.config.colours
        where = Path(config.config_file_path).name if config.config_file_path else "mkdocs.yml"
        if self.config.contrast == "warn":
            prefix = f"{where}: plugins.charterkit/brand.colours"
            for failure in contrast_failures(prefix, colours.primary, colours.accent, colours.link_dark):
                log.warning(str(failure))
        self.css = brand_css(_env(config), make_palette(colours.primary, colours.accent, colours.link_dark))
        # After the site's own stylesheet, so these variables win.
        if CSS_URI not in [str(x) for x in config.extra_css]:
            config.extra_css.append(CSS_URI)
        config.extra["charterkit_council"] = self.config.council
        config.extra["charterkit_footer_links"] = footer_links(
            [(link.text, link.href) for link in self.config.footer_links]
        )
        if self.config.logo:
            self._check_logo(config, where)
            config.theme["logo"] = self.config.logo
        if self.config.cname and not config.site_url:
            config.site_url = f"https://{self.config.cname}/"
        return config

    def _check_logo(self, config: MkDocsConfig, where: str) -> None:
        logo = self.config.logo
        assert logo is not None
        custom = custom_dir(config)
        places = [Path(config.docs_dir)] + ([custom] if custom is not None else [])
        if not any((place / logo).is_file() for place in places):
            names = " or ".join(f"{p.name}/" for p in places)
            log.warning(
                f"{where}: plugins.charterkit/brand.logo: {logo} was not found in {names}. "
                "Put the file there, or correct the path."
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        existing = files.get_file_from_path(CSS_URI)
        if existing is not None:
            log.warning(
                f"docs/{CSS_URI} is replaced by the stylesheet charterkit/brand makes. "
                "Rename your file and add it to extra_css."
            )
            files.remove(existing)
        files.append(File.generated(config, CSS_URI, content=self.css))
        # A footer link to a page's source file ("for-editors.md") goes to that page, whichever way the
        # site writes its addresses (use_directory_urls).
        for link in config.extra.get("charterkit_footer_links") or []:
            page = None if link["external"] else files.get_file_from_path(str(link["href"]))
            if page is not None and page.is_documentation_page():
                link["href"] = page.url
        # The theme's layout switches to one column at a width scaled by the reader's text size.
        for file in [f for f in files if REFLOW_CSS.fullmatch(f.src_uri)]:
            css = _scaled(
                file.content_string, getattr(config.plugins.get("charterkit/charters"), "store", None)
            )
            if file.src_uri.startswith("assets/stylesheets/"):
                css += text_size_css()
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=css))
        return files

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # A contents box with one entry is clutter: the theme hides it when the page says so.
        if contents_entries(list(page.toc), page.content or "") < 2:
            hide = page.meta.get("hide") or []
            if "toc" not in hide:
                page.meta["hide"] = [*hide, "toc"]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.cname:
            (Path(config.site_dir) / "CNAME").write_text(self.config.cname + "\n", encoding="utf-8")
