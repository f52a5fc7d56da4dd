"""The charter format: one YAML file per charter, described by these models.

The format holds the different shapes real charters take (principles with paragraphs or with bullet
commitments, promise lists, values, success measures, mission and vision) as an ordered list of
*sections*. Each section keeps the source's own heading and says what kind of thing it is, so a charter
is never forced into another's shape. Every field has a description: the JSON Schema that editors'
tools use for autocompletion is generated from these models.
"""

from __future__ import annotations

import calendar
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from charterkit.errors import shown
from charterkit.format.rules import (
    SLUG_MAX,
    date_parts,
    is_email,
    is_language_tag,
    is_picture_name,
    is_slug,
    is_web_address,
)
from charterkit.format.themes import closest_theme, load_themes

__all__ = [
    "SECTION_KINDS",
    "Charter",
    "CheckedBy",
    "Contact",
    "EasyPoint",
    "EasyRead",
    "EasySection",
    "Principle",
    "ReadabilityNote",
    "Section",
    "Source",
    "Word",
    "display_date",
]


def _problem(message: str, fix: str) -> PydanticCustomError:
    # The message and the fix travel separately so every tool can print them in the one format.
    return PydanticCustomError("charterkit", "{message} {fix}", {"message": message, "fix": fix})


def _no_control_chars(value: str) -> str:
    if any(ord(c) < 32 and c not in "\n\t" for c in value) or "\x7f" in value:
        raise _problem(
            "contains an invisible control character.", "Retype the text, or delete and paste it again."
        )
    return value


def _single_line(value: str) -> str:
    return " ".join(value.split())


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    AfterValidator(_no_control_chars),
    AfterValidator(_single_line),
]
"""A piece of plain text. Line breaks inside it are folded into spaces; it is never read as HTML."""

ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_no_control_chars),
    AfterValidator(_single_line),
]


def _one_or_many(value: Any) -> Any:
    # Editors may write a single paragraph without the "- " of a list.
    return [value] if isinstance(value, str) else value


Paragraphs = Annotated[list[Text], BeforeValidator(_one_or_many)]


def _check_slug(value: str) -> str:
    if len(value) > SLUG_MAX and is_slug(value[:SLUG_MAX]):
        raise _problem(
            f'"{value[:20]}..." is {len(value)} characters long; '
            f"a web address part can have {SLUG_MAX} at most.",
            "Use a shorter slug, such as north-somerset-send.",
        )
    if not is_slug(value):
        raise _problem(
            f'"{shown(value)}" cannot be used in a web address.',
            "Use lower-case letters, digits and single hyphens only, such as north-somerset-send.",
        )
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]


def _date_to_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_date(value: str) -> str:
    parts = date_parts(value.strip())
    fix = "Write the date as 2025 (a year), 2025-06 (a month) or 2025-06-30 (a day), as the source gives it."
    if parts is None:
        raise _problem(f'"{shown(value)}" is not a date in the form the format uses.', fix)
    year, month, day = parts
    if not 1900 <= year <= 2100:
        raise _problem(f"the year {year} is not plausible.", fix)
    if month is not None and not 1 <= month <= 12:
        raise _problem(f'"{shown(value)}" has no month {month}.', fix)
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise _problem(
            f'"{shown(value)}" is not a real day: {calendar.month_name[month]} {year} has no day {day}.', fix
        )
    return value.strip()


PartialDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_check_date)]
"""A date at the precision the source gives: ``2025``, ``2025-06`` or ``2025-06-30``."""


def display_date(value: str | None) -> str:
    """``2025-06`` → ``June 2025``; ``2025-06-30`` → ``30 June 2025`` (GOV.UK style)."""
    if not value:
        return ""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = calendar.month_name[parts[1]]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def _check_lang(value: str) -> str:
    if not is_language_tag(value):
        raise _problem(
            f'"{shown(value)}" is not a language tag.', "Use a tag such as en-GB, cy (Welsh) or pl (Polish)."
        )
    return value


Lang = Annotated[str, AfterValidator(_check_lang)]


def _check_email(value: str) -> str:
    if value.lower().startswith("mailto:"):
        raise _problem(
            f'"{shown(value)}" starts with "mailto:".', f"Write the address alone: email: {shown(value[7:])}"
        )
    if not is_email(value):
        raise _problem(
            f'"{shown(value)}" is not an email address.', "Write it as name@example.org, with no spaces."
        )
    return value


Email = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_email)]


def _check_url(value: str) -> str:
    if not is_web_address(value):
        raise _problem(
            f'"{shown(value)}" is not a web address this site can link to.',
            "Write the full address starting with https:// (only https:// and http:// links are allowed).",
        )
    return value


Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_url)]


def _check_theme(value: str) -> str:
    themes = load_themes()
    if value not in themes:
        close = closest_theme(value)
        hint = f'Did you mean "{close}"? ' if close else ""
        raise _problem(
            f'"{value}" is not one of the co-production themes.',
            f"{hint}The themes are listed on the site's format page and in charterkit/data/themes.yml.",
        )
    return value


ThemeId = Annotated[str, AfterValidator(_check_theme)]


def _check_icon(value: str, info: ValidationInfo) -> str:
    icons = (info.context or {}).get("icons")
    if icons is None:  # no icon set available (e.g. a check without mkdocs-material): shape check only
        if not is_picture_name(value):
            raise _problem(f'"{value}" is not a picture name.', "Write it as material/handshake.")
        return value
    if value not in icons:
        close = icons.suggest(value)
        hint = f"Did you mean {' or '.join(close)}? " if close else ""
        raise _problem(
            f'there is no picture called "{value}".',
            f"{hint}Pictures come from the icon sets listed on the credits page, written as set/name.",
        )
    return value


IconName = Annotated[str, AfterValidator(_check_icon)]

SECTION_KINDS: dict[str, str] = {
    "introduction": "An opening statement: what the charter is and why it exists.",
    "definition": "What co-production (or another word) means.",
    "principles": "Principles, each with a title and its text or commitments.",
    "promises": 'A list of promises ("We promise ...").',
    "values": "The values the work follows.",
    "commitments": '"What we will do": actions and commitments.',
    "success": 'How success will be known, often written as "I" statements.',
    "mission": "The mission.",
    "vision": "The vision.",
    "get-involved": "How to get involved or get in touch.",
    "other": "Anything else.",
}

SectionKind = Literal[
    "introduction",
    "definition",
    "principles",
    "promises",
    "values",
    "commitments",
    "success",
    "mission",
    "vision",
    "get-involved",
    "other",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


class Contact(_Model):
    """How to contact the organisation that wrote the charter."""

    name: ShortText | None = None
    """A person or team, as the source names them."""
    email: Email | None = None
    """An email address, as the source gives it."""
    phone: ShortText | None = None
    """A phone number, as the source gives it."""
    url: Url | None = None
    """A web address (https://...)."""
    address: Text | None = None
    """A postal address, as the source gives it."""


class Source(_Model):
    """Where the charter's text comes from."""

    title: Text
    """The title of the published document."""
    url: Url | None = None
    """Where the published document can be found, if it is online."""
    note: Text | None = None
    """Anything a reader should know about the source, such as how the text was taken from it."""


class Principle(_Model):
    """One principle: its title, and its text or its commitments, or both."""

    title: Text
    """The principle's title, as the source writes it."""
    themes: list[ThemeId] = []
    """Co-production themes this principle is about, from the controlled list."""
    text: Paragraphs = []
    """Paragraphs, in order."""
    points: Paragraphs = []
    """Bullet points (commitments), in order, shown after the paragraphs."""
    numbered: bool = False
    """Set to true if the source numbers the points."""


class Section(_Model):
    """A part of the charter with its own heading, in the source's order."""

    title: Text | None = None
    """The heading, as the source writes it. Leave out for an untitled opening."""
    kind: SectionKind = "other"
    """What the section is: introduction, definition, principles, promises, values, commitments,
    success, mission, vision, get-involved or other."""
    text: Paragraphs = []
    """Paragraphs before any list."""
    points: Paragraphs = []
    """A list of points (promises, values, commitments, "I" statements), in order."""
    numbered: bool = False
    """Set to true if the source numbers the points."""
    after: Paragraphs = []
    """Paragraphs that come after the points."""
    principles: list[Principle] = []
    """Principles, each with a title."""
    sections: list[Section] = []
    """Sections inside this one (for example "Our mission" inside "Our mission and vision")."""


class EasyPoint(_Model):
    """One idea in the easy-read version: a short sentence or two, and a picture."""

    text: Text
    """One or two short sentences, each of at most 15 words."""
    picture: IconName
    """A picture from the icon sets, written as set/name, such as material/handshake."""
    alt: ShortText | None = None
    """What the picture shows, only if it adds something the text does not say. Usually leave out."""


class EasySection(_Model):
    """A group of easy-read points under a short heading."""

    heading: ShortText
    """A short heading, 2 to 5 words."""
    points: Annotated[list[EasyPoint], Field(min_length=1)]
    """The points, in order."""


class Word(_Model):
    """A hard word and what it means, in plain words."""

    word: ShortText
    """The hard word, as it appears in the easy-read text."""
    meaning: Text
    """What it means, in short plain sentences."""


class CheckedBy(_Model):
    """Who checked the easy-read version. Filled in by a person, never by the software."""

    who: ShortText
    """The people or group who checked it, such as a self-advocacy group."""
    date: PartialDate
    """When they checked it."""


class EasyRead(_Model):
    """The easy-read version of the charter."""

    summary: Text | None = None
    """One short sentence saying what the charter is."""
    sections: Annotated[list[EasySection], Field(min_length=1)]
    """Groups of points, each under a short heading."""
    words: list[Word] = []
    """A word list: hard words and their meanings."""
    checked_by: list[CheckedBy] = []
    """People with a learning disability who checked this easy-read version. Leave empty until they have."""


class ReadabilityNote(_Model):
    """A record that the standard text is the source's published wording and may miss readability targets.

    The easy-read version is written for this site and must always meet its targets.
    """

    accept_over_target: list[Literal["standard"]]
    """Which text may be over target: only ``standard``."""
    reason: Text
    """Why, for example: "The standard text is the charter as its owner published it, word for word."."""


class Charter(_Model):
    """A co-production charter."""

    title: Text
    """The charter's title, as the source gives it."""
    slug: Slug | None = None
    """The charter's web address part. Leave out to use the file name."""
    summary: Text
    """One line shown in the list of charters, in the source's own words where possible."""
    organisation: Text | None = None
    """The organisation, as the source names it. Leave out if the source names none."""
    area: ShortText | None = None
    """The place the charter covers, as the source names it."""
    sector: ShortText | None = None
    """The kind of service, such as mental health or children and families, as the source states it.
    Leave out if the source does not say."""
    published: PartialDate | None = None
    """When it was published, at the precision the source gives: 2025, 2025-06 or 2025-06-30."""
    language: Lang = "en-GB"
    """The language of the charter's text, as a tag such as en-GB or cy."""
    contact: Contact | None = None
    """How to contact the organisation (used for "ask for another format")."""
    source: Source
    """Where the text comes from."""
    credit: Text
    """Who owns the charter's text, shown on its page."""
    sections: Annotated[list[Section], Field(min_length=1)]
    """The charter's parts, in the source's order."""
    easy_read: EasyRead | None = None
    """The easy-read version."""
    braille_checked_by: list[CheckedBy] = []
    """Braille transcribers who proofread the braille-ready file (.brf). Leave empty until they have: the
    file is made by software, and says it has not been proofread."""
    readability: ReadabilityNote | None = None
    """Leave out, unless the standard text is published wording that cannot meet the readability targets."""

    @property
    def published_display(self) -> str:
        """The publication date as a reader sees it, such as June 2025."""
        return display_date(self.published)
