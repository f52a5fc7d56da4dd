"""Render charters to HTML fragments and documents with Jinja2 (autoescaped), without MkDocs.

Templates live in ``charterkit/templates``. A council replaces any of them by putting a file with the
same name in its own folder (``overrides/charterkit/`` in a site), which is searched first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from markupsafe import Markup, escape

from charterkit.format.dates import NOT_STATED, display_date
from charterkit.format.icons import IconSet
from charterkit.format.rules import LINKABLE

__all__ = ["linkify", "make_env", "templates_fingerprint"]


@lru_cache(maxsize=1 << 16, typed=True)  # a str and Markup of the same text differ
def linkify(text: str) -> Markup:
    """Escape ``text`` and turn the email addresses and web addresses in it into links.

    Only ``mailto:``, ``https:`` and ``http:`` links are ever made; everything else stays text. Kept by
    text: a principle's sentences are shown on its charter's page and again on its themes' pages, and
    the preview draws the same sentences again on every rebuild.
    """
    out: list[str] = []
    pos = 0
    for m in LINKABLE.finditer(text):
        out.append(str(escape(text[pos : m.start()])))
        shown = m.group(0)
        if m.group("email"):
            href = "mailto:" + shown
        elif m.group("url"):
            href = shown
        else:
            href = "https://" + shown
        # The class lets the print stylesheet skip printing an address after a link that shows it already.
        out.append(f'<a class="ck-url" href="{escape(href)}">{escape(shown)}</a>')
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _icon_filter(icons: IconSet | None) -> Any:
    # Given the context (and not using it) so that Jinja never works the picture out when it compiles
    # a template ('{{ "openmoji/open-book" | icon }}'): compiled templates are shared through the
    # bytecode cache by environments with other pictures, or none.
    @pass_context
    def icon(_context: Any, name: str) -> Markup:
        if icons is None or name not in icons:
            return Markup("")
        return Markup(icons.svg(name))

    return icon


@cache
def bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between builds, like Python's ``__pycache__``: compiling Material's and
    charterkit's templates takes seconds, loading them milliseconds. Jinja keeps them in a folder of the
    user's own (mode 0700) in the temporary directory, checked against each template's source, and
    never in the project, where a pull request could plant one. None where that folder cannot be made."""
    try:
        # Named for charterkit, version 2: version 1's files could hold a picture worked out by an
        # environment without pictures (see _icon_filter).
        return FileSystemBytecodeCache(pattern="__charterkit2_%s.cache")
    except (OSError, RuntimeError):
        return None


@cache
def _env(extra: tuple[Path, ...], icons: IconSet | None) -> Environment:
    loaders: list[Any] = [FileSystemLoader([str(p) for p in extra])] if extra else []
    loaders.append(PackageLoader("charterkit", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(),
    )
    env.filters["linkify"] = linkify
    env.filters["date"] = display_date
    env.filters["icon"] = _icon_filter(icons)
    env.filters["direction"] = text_direction
    env.globals["not_stated"] = NOT_STATED
    # Our own words for gaps, from the one place the view model keeps them (every format says the same).
    from charterkit.render.views import GAP_LABEL, MISSING_HEADING_NOTE

    env.globals["gap_label"] = GAP_LABEL
    env.globals["missing_heading_note"] = MISSING_HEADING_NOTE
    return env


RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-arab", "ps", "sd", "syr", "ug", "ur", "yi"}
)
"""Languages written from right to left (their primary tag), which need ``dir="rtl"`` beside ``lang``."""


def text_direction(lang: str) -> str:
    """``rtl`` for a language written from right to left (``ar``, ``he``, ``ur``...), else ``ltr``."""
    lang = lang.lower()
    primary = lang.split("-")[0]
    return "rtl" if primary in RTL_LANGUAGES or lang.startswith("ku-arab") else "ltr"


_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def templates_fingerprint(env: Environment) -> str:
    """A hash of every template ``env`` can load (a site's own first, then charterkit's): a result
    rendered by these templates is kept under it, so a changed template renders again."""
    h = hashlib.sha256()
    loaders = env.loader.loaders if isinstance(env.loader, ChoiceLoader) else [env.loader]
    roots = [Path(p) for loader in loaders if isinstance(loader, FileSystemLoader) for p in loader.searchpath]
    for root in [*roots, _TEMPLATES]:
        for path in sorted(root.rglob("*.html")) if root.is_dir() else ():
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def make_env(template_dirs: Sequence[Path] = (), icons: IconSet | None = None) -> Environment:
    """The Jinja2 environment; ``template_dirs`` are searched before the built-in templates."""
    return _env(tuple(Path(p) for p in template_dirs if Path(p).is_dir()), icons)
