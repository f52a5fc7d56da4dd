"""Options of ``charterkit/brand``: a council's name, logo, colours, footer links and custom domain."""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from charterkit.format.rules import is_email
from charterkit.mkdocs.options import SitePath
from charterkit.render.contrast import parse_colour, to_hex

DEFAULT_PRIMARY = "#1d5a8e"
"""The default brand colour: 7.2:1 with white."""


class Colour(c.Type[str]):
    """A colour written as ``#rrggbb`` (or ``#rgb``), stored as lower-case ``#rrggbb``."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(
                f'expected a colour in quotes, such as "{DEFAULT_PRIMARY}", '
                f"but found {value!r}. Colours start with # and need quotes in YAML."
            )
        try:
            return to_hex(parse_colour(value))
        except ValueError:
            raise ValidationError(
                f'"{value}" is not a colour. Write it as six hex digits after #, '
                f'in quotes, such as "{DEFAULT_PRIMARY}".'
            ) from None


_TEL = re.compile(r"tel:\+?[0-9][0-9().-]*", re.IGNORECASE)
# Wider than the charters' web address rule on purpose: a footer link is written only as an escaped
# attribute, never found in running text, so quotes and < > in its query stay (escaped) as the council wrote.
_FOOTER_WEB = re.compile(r"https?://[^/?#]+(?:[/?#].*)?", re.IGNORECASE)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f\\]")
"""What no footer link may hold: whitespace and control characters, which browsers drop from addresses
(so "java", a tab, "script:" is a javascript: address), and backslashes, which browsers read as "/"."""


def href_problem(value: str) -> str | None:
    """Why ``value`` cannot be a footer link, or ``None`` when it can.

    Allowed: ``https://`` and ``http://`` addresses, ``mailto:`` email addresses, ``tel:`` phone numbers
    (digits, with ``+ ( ) - .``), and pages of this site (``about/``). A page of this site may not hold
    ``&`` (so a character reference cannot spell a scheme such as ``javascript:``), nor a ``:`` before
    its first ``/`` (which a browser reads as a scheme), nor start with ``//`` (another website).
    """
    if not value:
        return "is empty"
    if _UNSAFE.search(value):
        return "holds a space, a control character or a backslash"
    if _SCHEME.match(value):
        if _FOOTER_WEB.fullmatch(value) or _TEL.fullmatch(value):
            return None
        if value[:7].lower() == "mailto:" and is_email(value[7:]):
            return None
        return "is not an https://, http://, mailto: or tel: address"
    if value.startswith("//"):
        return "starts with //, which leads to another website"
    if "&" in value:
        return "holds &, which can disguise another kind of address"
    if ":" in value.split("/", 1)[0]:
        return "has a : before its first /, which a browser reads as the start of an address"
    return None


class Href(c.Type[str]):
    """A footer link: ``https://…``, ``mailto:…``, ``tel:…`` or a page of this site (``accessibility/``)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value).strip()
        problem = href_problem(value)
        if problem:
            raise ValidationError(
                f'"{value}" cannot be a footer link: it {problem}. Use a full address starting with '
                "https://, an email address as mailto:name@example.org, a phone number as tel:+441234567890, "
                "or a page of this site such as accessibility/."
            )
        return value


class Cname(c.Type[str]):
    """A custom domain such as ``charters.example.gov.uk``: the name only, no https:// and no path."""

    _NAME = re.compile(r"(?=.{1,253}\Z)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", re.IGNORECASE)

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value).strip()
        if value and not self._NAME.fullmatch(value):
            raise ValidationError(
                f'"{value}" is not a domain name. Write the name only, such as '
                "charters.example.gov.uk (no https:// and no / at the end)."
            )
        return value.lower()


class FooterLink(base.Config):
    """One link in the footer of every page."""

    text = c.Type(str)
    """The words of the link, such as "Privacy notice"."""
    href = Href()
    """Where it goes: ``https://…``, ``http://…``, ``mailto:…``, ``tel:…`` (a phone number), or a page of
    this site, best written as its file in ``docs/`` such as ``for-editors.md`` (it then works however the
    site writes its addresses), or as its address such as ``accessibility/``. Anything else
    (``javascript:``, ``data:``, ``//host``, ``&``, spaces, backslashes) is refused."""


class ColoursConfig(base.Config):
    """The council's colours. Each is checked for WCAG AA contrast; a failing colour is a build warning."""

    primary = Colour(default=DEFAULT_PRIMARY)
    """The main brand colour: the header's background (with white text) and links on white pages.
    Needs 4.5:1 against white."""
    accent = c.Optional(Colour())
    """Links and menu items under the pointer or focused. Needs 4.5:1 against white. Default: a darker
    shade of ``primary``."""
    link_dark = c.Optional(Colour())
    """Links in the dark colour scheme. Needs 4.5:1 against the dark background. Default: a lighter
    shade of ``primary`` with 7:1."""


class BrandConfig(base.Config):
    """Options of ``charterkit/brand``."""

    council = c.Type(str, default="")
    """The council's (or NHS body's) name, available to templates as ``config.extra.charterkit_council``."""
    logo = c.Optional(
        SitePath(example="assets/logo.svg", suffixes=(".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"))
    )
    """The council's logo: a file in ``docs/`` (or in the theme's ``custom_dir``), such as
    ``assets/logo.svg``. Shown in the header instead of the default picture. Only a path inside the site
    (letters, digits, ``. _ - /``) with a picture's ending is accepted."""
    colours = c.SubConfig(ColoursConfig)
    """The brand colours (see above)."""
    footer_links = c.ListOfItems(c.SubConfig(FooterLink), default=[])
    """Links shown in the footer of every page, each with ``text`` and ``href``. Templates read them
    from ``config.extra.charterkit_footer_links``."""
    cname = Cname()
    """A custom domain such as ``charters.example.gov.uk``. Writes a ``CNAME`` file into the built site
    and, when ``site_url`` is not set, makes the site's address ``https://<cname>/``."""
    contrast = c.Choice(("warn", "ignore"), default="warn")
    """What to do when a brand colour fails WCAG AA contrast: ``warn`` (``--strict`` then fails) or
    ``ignore``."""
