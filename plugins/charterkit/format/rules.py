"""Every rule for a value an editor writes, and every fixed name the site generates, each in one place.

The model, the loader, ``charterkit check``, ``charterkit new``, the MkDocs plugins and the linkifier all
import from here, so a rule cannot drift between them. Each ``is_*`` function matches the *whole* value
(``fullmatch``): ``re.match`` with ``$`` let a value ending in a newline through (a slug ``abc\\n`` made a
folder named with a newline).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

__all__ = [
    "DATE_PATTERN",
    "EMAIL_PATTERN",
    "FIND_FOLDERS",
    "FONTS_DIR",
    "FONTS_TARGET",
    "FORMATS_SWITCH",
    "INDEX_PAGES",
    "LINKABLE",
    "OTHER_FORMATS_ID",
    "PDF_SWITCH",
    "RESERVED_IDS",
    "RESERVED_SLUGS",
    "SIMILAR_ID",
    "SLUG_MAX",
    "SOURCE_ID",
    "WEB_ADDRESS_PATTERN",
    "date_parts",
    "has_invisible",
    "is_email",
    "is_language_tag",
    "is_picture_name",
    "is_slug",
    "is_web_address",
]

SLUG_MAX = 80
"""The longest slug (a charter's web address part), written as ``slug:`` or taken from the file name."""

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# An email address the site can link as ``mailto:`` exactly as written. Letters, digits and _ + - ' in the
# name (so o'brien@example.org), dots only between them; a domain of labels and dots. ! & ? % and the like
# are refused: in a mailto: link they change the address or add to it. ASCII only, so a look-alike letter
# (a Cyrillic "а") cannot pass for an address it is not.
_LOCAL = r"[A-Za-z0-9_+-]+(?:['.][A-Za-z0-9_+-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DOMAIN = rf"{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}"
EMAIL_PATTERN = rf"{_LOCAL}@{_DOMAIN}"
"""The email rule as a pattern (no anchors), for finding addresses in running text."""
_EMAIL = re.compile(EMAIL_PATTERN)

# Characters that may never be part of a web address: spaces, control characters, quotes and angle
# brackets (they end an address in HTML and Markdown), the backquote and the backslash.
_URL_CHAR = r"[^\s\x00-\x1f\x7f<>\"'`\\]"
WEB_ADDRESS_PATTERN = rf"https?://[^\s\x00-\x1f\x7f<>\"'`\\/?#]+(?:[/?#]{_URL_CHAR}*)?"
"""The web address rule as a pattern (no anchors, case-insensitive): ``https://`` or ``http://``, a host."""

# An address is linked only when it is the whole of what is written there: nothing that could belong to an
# address may touch it on either side. So "anne!team@example.org" stays text, rather than becoming a link
# to team@example.org, a different address. An apostrophe after a letter belongs to a name (o'brien@...).
LINKABLE = re.compile(
    r"(?<![\w.!#$%&*+/=?^`{|}~@-])(?<!\w')"
    rf"(?P<email>{EMAIL_PATTERN})(?![\w@+-]|\.\w)"
    r"|(?P<url>https?://[^\s<>\"'`\\]+[^\s<>\"'`\\.,;:!?)])"
    r"|(?P<www>\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)])?)"
)
"""The addresses running text makes links of, on the web pages and in every other format."""
_WEB_ADDRESS = re.compile(WEB_ADDRESS_PATTERN, re.IGNORECASE)

_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

DATE_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
"""A date at the precision the source gives: ``2025``, ``2025-06`` or ``2025-06-30`` (ASCII digits only)."""

_PICTURE_NAME = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+){1,2}")

OTHER_FORMATS_ID = "other-formats"
"""The id of the "Other formats" heading on every charter page."""
SOURCE_ID = "source-and-credit"
"""The id of the "Source and credit" heading on every charter page."""
SIMILAR_ID = "similar-charters"
"""The id of the "Similar charters" heading on every charter page."""
RESERVED_IDS = (SIMILAR_ID, OTHER_FORMATS_ID, SOURCE_ID)
"""Heading ids the charter page uses itself, which a section heading must not take."""

INDEX_PAGES = ("by-sector", "by-area", "themes")
"""The generated list pages beside the charters' index page, by their page names."""
FIND_FOLDERS = ("all", "sector", "area", "year", "with-easy-read", "matrix", "compare")
"""The folders of the pages for finding and comparing charters (``charterkit.render.find``)."""
RESERVED_SLUGS = ("index", *INDEX_PAGES, *FIND_FOLDERS)
"""Slugs the site's own pages use, so a charter cannot take them."""

PDF_SWITCH = "CHARTERKIT_PDF"
"""The environment variable that turns the PDFs on (``1``) or off (``0``), over ``mkdocs.yml``."""
FORMATS_SWITCH = "CHARTERKIT_FORMATS"
"""The same for the other formats (Word, OpenDocument, text, EPUB, braille)."""

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
"""The shipped Atkinson Hyperlegible fonts (OFL), used by the PDFs and the reader settings."""
FONTS_TARGET = "assets/fonts"
"""Where the site publishes the fonts for the reader settings."""


def has_invisible(text: str) -> bool:
    """Whether ``text`` holds a control, format (zero-width, direction) or unassigned character."""
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cn", "Co", "Cs") for ch in text)


def is_slug(value: str) -> bool:
    """Whether ``value`` can be a charter's web address part: lower-case letters, digits, single hyphens."""
    return len(value) <= SLUG_MAX and _SLUG.fullmatch(value) is not None


def is_email(value: str) -> bool:
    """Whether ``value`` is an email address the site links to exactly as written."""
    return _EMAIL.fullmatch(value) is not None


def is_web_address(value: str) -> bool:
    """Whether ``value`` is a whole ``https://`` or ``http://`` address, with nothing invisible in it."""
    return _WEB_ADDRESS.fullmatch(value) is not None and not has_invisible(value)


def is_language_tag(value: str) -> bool:
    """Whether ``value`` has the shape of a language tag such as ``en-GB``, ``cy`` or ``pl``."""
    return _LANGUAGE_TAG.fullmatch(value) is not None


def is_picture_name(value: str) -> bool:
    """Whether ``value`` has the shape of a picture name, ``set/name`` (such as ``material/handshake``)."""
    return _PICTURE_NAME.fullmatch(value) is not None


def date_parts(value: str) -> tuple[int, int | None, int | None] | None:
    """``"2025-06"`` → ``(2025, 6, None)``; ``None`` when ``value`` is not a date in the format's form."""
    m = DATE_PATTERN.fullmatch(value)
    if m is None:
        return None
    year, month, day = m.groups()
    return int(year), int(month) if month else None, int(day) if day else None
