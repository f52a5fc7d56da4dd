"""The annotated field types of the charter format and their checks: text, slugs, language tags, email
and web addresses, theme ids and picture names.

Each check raises :func:`custom_error`, whose message and fix every tool prints as
``file:line: field: what is wrong. How to fix it.``
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError

from charterkit.errors import shown
from charterkit.format.pictures import PictureProblem, check_picture_file, is_picture_file
from charterkit.format.rules import (
    SLUG_MAX,
    is_email,
    is_language_tag,
    is_picture_name,
    is_slug,
    is_web_address,
)
from charterkit.format.themes import closest_theme, load_themes

__all__ = [
    "WINDOWS_NAMES",
    "Email",
    "IconName",
    "Lang",
    "ShortText",
    "Slug",
    "Text",
    "ThemeId",
    "Url",
    "custom_error",
    "one_or_many",
]


def custom_error(message: str, fix: str, at: str = "") -> PydanticCustomError:
    # The message and the fix travel separately so every tool can print them in the one format. ``at``
    # names the field a whole-group problem is about, so that it is reported on that field's line.
    ctx = {"message": message, "fix": fix, **({"at": at} if at else {})}
    return PydanticCustomError("charterkit", "{message} {fix}", ctx)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and new line, DEL, and the C1 controls U+0080-U+009F (U+0085, "next line")."""


def _no_control_chars(value: str) -> str:
    if _CONTROL.search(value):
        raise custom_error(
            "contains an invisible control character.", "Retype the text, or delete and paste it again."
        )
    return value


_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
"""Characters that show nothing but are not spaces to Unicode: Hangul fillers, the blank braille pattern,
the Mongolian vowel separator."""


def _visible(value: str) -> str:
    # Zero-width spaces, soft hyphens and the like (Unicode categories Cf, Z*, M*) show nothing either.
    if not any(c not in _BLANK_LETTERS and unicodedata.category(c)[0] not in "CZM" for c in value):
        raise custom_error(
            "has no visible letters (only invisible characters, such as a zero-width space).",
            "Write the words, or delete the field if the source has none.",
        )
    return value


def _single_line(value: str) -> str:
    return " ".join(value.split())


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    AfterValidator(_no_control_chars),
    AfterValidator(_visible),
    AfterValidator(_single_line),
]
"""A piece of plain text. Line breaks inside it are folded into spaces; it is never read as HTML."""

ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_no_control_chars),
    AfterValidator(_visible),
    AfterValidator(_single_line),
]
"""A name, a heading or a short phrase: :data:`Text` of at most 300 characters."""


def one_or_many(value: Any) -> Any:
    # Editors may write a single paragraph without the "- " of a list.
    return [value] if isinstance(value, str) else value


WINDOWS_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
"""Names Windows keeps for devices: a folder named so cannot be made, copied or opened there."""


def _check_slug(value: str) -> str:
    if len(value) > SLUG_MAX and is_slug(value[:SLUG_MAX]):
        raise custom_error(
            f'"{value[:20]}..." is {len(value)} characters long; '
            f"a web address part can have {SLUG_MAX} at most.",
            "Use a shorter slug, such as north-somerset-send.",
        )
    if not is_slug(value):
        raise custom_error(
            f'"{shown(value)}" cannot be used in a web address.',
            "Use lower-case letters, digits and single hyphens only, such as north-somerset-send.",
        )
    if value in WINDOWS_NAMES:
        raise custom_error(
            f'"{value}" is a name Windows keeps for a device, so the site could not be copied there.',
            f"Choose a longer slug, such as {value}-charter.",
        )
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]


def _follows(rule: Callable[[str], bool], what: str, fix: str) -> AfterValidator:
    """A check that ``rule`` holds, else the problem '"value" is not {what}.' and ``fix``."""

    def check(value: str) -> str:
        if not rule(value):
            raise custom_error(f'"{shown(value)}" is not {what}.', fix)
        return value

    return AfterValidator(check)


Lang = Annotated[
    str, _follows(is_language_tag, "a language tag", "Use a tag such as en-GB, cy (Welsh) or pl (Polish).")
]


def _check_email(value: str) -> str:
    if value.lower().startswith("mailto:"):
        raise custom_error(
            f'"{shown(value)}" starts with "mailto:".', f"Write the address alone: email: {shown(value[7:])}"
        )
    if not is_email(value):
        raise custom_error(
            f'"{shown(value)}" is not an email address.', "Write it as name@example.org, with no spaces."
        )
    return value


Email = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_email)]


Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    _follows(
        is_web_address,
        "a web address this site can link to",
        "Write the full address starting with https:// (only https:// and http:// links are allowed).",
    ),
]


def _check_theme(value: str) -> str:
    themes = load_themes()
    if value not in themes:
        close = closest_theme(value)
        hint = f'Did you mean "{close}"? ' if close else ""
        raise custom_error(
            f'"{value}" is not one of the co-production themes.',
            f"{hint}The themes are listed on the site's format page and in charterkit/data/themes.yml.",
        )
    return value


ThemeId = Annotated[str, AfterValidator(_check_theme)]


def _check_icon(value: str, info: ValidationInfo) -> str:
    if "://" in value or value.lower().startswith("www."):
        raise custom_error(
            f'"{value}" is a web address: pictures are never fetched from other websites.',
            "Save the picture in the charters folder and write its path, such as pictures/meeting.png, "
            "or use a picture name such as openmoji/handshake.",
        )
    icons = (info.context or {}).get("icons")
    if is_picture_file(value) and icons is not None and value.rsplit(".", 1)[0] in icons:
        name = value.rsplit(".", 1)[0]
        raise custom_error(
            f'there is no picture file "{value}" next to this charter.',
            f"Did you mean the picture {name}? Write picture names without a file ending.",
        )
    if is_picture_file(value):
        # A council's own picture, beside the charter file (format/pictures.py). Without the charter's
        # folder (a charter checked from text alone) only the file's name can be checked.
        folder = (info.context or {}).get("folder")
        try:
            if folder is not None:
                check_picture_file(value, folder)
        except PictureProblem as problem:
            raise custom_error(problem.message, problem.fix) from None
        return value
    if icons is None:  # no icon set available (e.g. a check without mkdocs-material): shape check only
        if not is_picture_name(value):
            raise custom_error(f'"{value}" is not a picture name.', "Write it as openmoji/handshake.")
        return value
    if value not in icons:
        close = icons.suggest(value)
        hint = f"Did you mean {' or '.join(close)}? " if close else ""
        raise custom_error(
            f'there is no picture called "{value}".',
            f"{hint}Pictures come from the icon sets listed on the credits page, written as set/name.",
        )
    return value


IconName = Annotated[str, AfterValidator(_check_icon)]
