"""The charter format: one YAML file per charter, described by these models.

The format holds the different shapes real charters take (principles with paragraphs or with bullet
commitments, promise lists, values, success measures, mission and vision) as an ordered list of
*sections*. Each section keeps the source's own heading and says what kind of thing it is, so a charter
is never forced into another's shape. Every field has a description: the JSON Schema that editors'
tools use for autocompletion is generated from these models.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    Tag,
    model_validator,
)

from charterkit.format.dates import PartialDate, display_date
from charterkit.format.fields import (
    Email,
    IconName,
    Lang,
    ShortText,
    Slug,
    Text,
    ThemeId,
    Url,
    custom_error,
    one_or_many,
)
from charterkit.format.pictures import is_picture_file

__all__ = [
    "SECTION_KINDS",
    "Charter",
    "CheckedBy",
    "Contact",
    "EasyPoint",
    "EasyRead",
    "EasySection",
    "Item",
    "Principle",
    "ReadabilityNote",
    "Section",
    "Source",
    "Word",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


_ITEM_FIELDS = ("name", "missing")


class Item(_Model):
    """A paragraph or point written as fields: a named point, or a gap where the source's text is missing.

    ``name`` and ``text`` hold a named point ("Be open: Be open to engaging…") as the source writes it;
    ``missing`` alone marks, in its place, text the source has but that could not be retrieved.
    """

    name: ShortText | None = None
    """The point's name, as the source writes it before its text, such as "Be open"."""
    text: Text | None = None
    """The point's text, after its name, word for word."""
    missing: Text | None = None
    """A gap: what is missing here, in plain words, such as "The source lists three things; only two
    were retrieved." Shown to readers in its place."""

    @model_validator(mode="after")
    def _one_shape(self) -> Item:
        if self.missing is not None and (self.name is not None or self.text is not None):
            raise custom_error(
                'a gap ("missing:") cannot also have a name or text.',
                'Keep "missing:" alone, and put any text that was retrieved in an item of its own.',
                "missing",
            )
        if self.missing is None and (self.name is None or self.text is None):
            absent = "text" if self.name is not None else "name"
            raise custom_error(
                f'a named point needs both "name:" and "text:", but "{absent}:" is missing.',
                f'Add "{absent}:", or write the point as plain text after "- ".',
                "name" if absent == "text" else "text",
            )
        return self

    @property
    def is_gap(self) -> bool:
        """True when this item marks missing text."""
        return self.missing is not None


def _item_tag(value: Any) -> str:
    # A group with a name or a gap is an Item; anything else is read as text, so "- Note: this" keeps
    # its message about the colon. The tags look like pydantic's own steps, which messages leave out.
    if isinstance(value, dict) and any(
        isinstance(k, str) and difflib.get_close_matches(k.lower(), _ITEM_FIELDS, cutoff=0.8) for k in value
    ):  # "missin:" too, so that it gets "did you mean"
        return "item[fields]"
    if isinstance(value, Item):
        return "item[fields]"
    return "item[text]"


Entry = Annotated[
    Annotated[Text, Tag("item[text]")] | Annotated[Item, Tag("item[fields]")],
    Discriminator(_item_tag),
]
"""A paragraph or a point: plain text, or an :class:`Item` (a named point or a gap)."""

Paragraphs = Annotated[list[Entry], BeforeValidator(one_or_many)]


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
    as_published: bool = True
    """Whether the charter's text (not its easy-read version) is the source's own words, copied word
    for word. True unless you wrote or adapted the text yourself: then readability targets are
    warnings, with advice to rewrite, as for the easy-read version."""


class Principle(_Model):
    """One principle: its title, and its text or its commitments, or both."""

    title: Text | None = None
    """The principle's title, as the source writes it."""
    title_missing: bool = False
    """Set to true, instead of writing a title, when the source's heading for this principle could not
    be retrieved. Readers are told, in its place, that the heading is missing."""
    themes: list[ThemeId] = []
    """Co-production themes this principle is about, from the controlled list. Shown apart from the
    charter's words, as tags this website added."""
    text: Paragraphs = []
    """Paragraphs, in order."""
    points: Paragraphs = []
    """Bullet points (commitments), in order, shown after the paragraphs."""
    numbered: bool = False
    """Set to true if the source numbers the points."""

    @model_validator(mode="after")
    def _title_or_missing(self) -> Principle:
        if self.title is None and not self.title_missing:
            raise custom_error(
                '"title" is missing.',
                'Add it, for example: title: "Listening". If the source\'s heading could not be '
                "retrieved, write title_missing: true instead.",
            )
        if self.title is not None and self.title_missing:
            raise custom_error(
                'has both "title" and "title_missing: true".',
                'Delete "title_missing: true": the title is known.',
                "title_missing",
            )
        if self.numbered and not self.points:
            raise custom_error(
                '"numbered: true" has no points to number here.',
                'Delete "numbered: true", or add the principle\'s numbered "points:".',
                "numbered",
            )
        return self


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
    """Set to true if the source numbers the points or the principles: "1.", "2." are shown before
    each point, and before each principle's title ("1. Be open")."""
    after: Paragraphs = []
    """Paragraphs that come after the points."""
    principles: list[Principle] = []
    """Principles, each with a title."""
    sections: list[Section] = []
    """Sections inside this one (for example "Our mission" inside "Our mission and vision")."""

    @model_validator(mode="after")
    def _something_to_number(self) -> Section:
        if self.numbered and not self.points and not self.principles:
            raise custom_error(
                '"numbered: true" has no points or principles to number here.',
                'Delete "numbered: true", or move it to the part whose points or principles are numbered.',
                "numbered",
            )
        return self


class EasyPoint(_Model):
    """One idea in the easy-read version: a short sentence or two, and a picture."""

    text: Text
    """One or two short sentences, each of at most 15 words."""
    picture: IconName
    """A picture from the picture sets on the credits page, written as set/name, such as
    openmoji/handshake; or a picture file beside the charter (PNG, JPEG, SVG or WebP, at most 1 MB),
    written as its path from the charter's folder, such as pictures/meeting.png, with alt text."""
    alt: ShortText | None = None
    """What the picture shows, only if it adds something the text does not say. Usually leave out for a
    picture from the picture sets; needed for a picture file (a photograph says nothing by itself)."""

    @model_validator(mode="after")
    def _file_needs_alt(self) -> EasyPoint:
        if is_picture_file(self.picture) and not self.alt:
            raise custom_error(
                f'the picture "{self.picture}" is a file, so it needs alt text.',
                'Add a line alt: "..." under picture, saying in a few words what the picture shows.',
            )
        return self


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


PENDING = "pending"
"""``easy_read: pending``: the easy-read version is not written yet, and the charter is published now."""


def _easy_read_value(value: Any) -> Any:
    if isinstance(value, str):
        raise custom_error(
            f'"{value}" is not an easy-read version.',
            'Write the easy-read version below "easy_read:", or write easy_read: pending if it is not '
            "written yet.",
        )
    return value


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(?:\s|$)", text)
    return m.group(1) if m else text


class Charter(_Model):
    """A co-production charter."""

    title: Text
    """The charter's title, as the source gives it."""
    subtitle: Text | None = None
    """A subtitle or tagline, as the source gives it under the title."""
    slug: Slug | None = None
    """The charter's web address part. Leave out to use the file name."""
    summary: Text | None = None
    """One line shown in the list of charters, in the source's own words. Leave out if the source has
    no such sentence: the list then shows the charter's first sentence."""
    organisation: Text | None = None
    """The organisation, as the source names it. Leave out if the source names none."""
    organisations: Annotated[list[Text], Field(min_length=1)] | None = None
    """Several organisations that wrote the charter together, as the source names them, one "- " line
    each. Use instead of "organisation"."""
    area: ShortText | None = None
    """The place the charter covers, as the source names it."""
    sector: ShortText | None = None
    """The kind of service, such as mental health or children and families, as the source states it.
    Leave out if the source does not say."""
    published: PartialDate | None = None
    """When it was published, at the precision the source gives: 2025, 2025-06 or 2025-06-30."""
    updated: PartialDate | None = None
    """When it was last updated, if the source says: 2025, 2025-06 or 2025-06-30."""
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
    easy_read: Annotated[EasyRead | None, BeforeValidator(_easy_read_value)] = None
    """The easy-read version, or ``pending`` when it is not written yet (the charter is published now,
    and readers are told they can ask for easy read)."""
    braille_checked_by: list[CheckedBy] = []
    """Braille transcribers who proofread the braille-ready file (.brf). Leave empty until they have: the
    file is made by software, and says it has not been proofread."""
    readability: ReadabilityNote | None = None
    """Leave out, unless the standard text is published wording that cannot meet the readability targets."""
    other_formats: list[ShortText] | None = None
    """The formats readers can ask this charter's organisation for, such as "braille" or "audio",
    instead of the site's list. Leave out to use the site's list."""

    _pending: bool = PrivateAttr(default=False)

    @model_validator(mode="wrap")
    @classmethod
    def _pending_easy_read(cls, data: Any, handler: ModelWrapValidatorHandler[Charter]) -> Charter:
        pending = isinstance(data, dict) and data.get("easy_read") == PENDING
        if pending:
            data = {**data, "easy_read": None}
        charter = handler(data)
        charter._pending = pending or charter._pending
        return charter

    @model_validator(mode="after")
    def _organisations(self) -> Charter:
        if self.organisations is not None:
            joined = " and ".join(self.organisations)
            if self.organisation is not None and self.organisation != joined:
                raise custom_error(
                    'has both "organisation" and "organisations".',
                    'Keep "organisations:" with every organisation on a "- " line, and delete '
                    '"organisation:".',
                    "organisations",
                )
            # One name for every output that shows a single line (a PDF's author, "contact ..."),
            # so no format leaves out the second organisation.
            object.__setattr__(self, "organisation", joined)
        elif self.organisation is not None:
            object.__setattr__(self, "organisations", [self.organisation])
        return self

    @property
    def easy_read_pending(self) -> bool:
        """True when the charter says ``easy_read: pending``: published now, easy read to follow."""
        return self._pending

    @property
    def organisation_names(self) -> list[str]:
        """Every organisation, as the source names them (empty when it names none)."""
        return list(self.organisations or [])

    @property
    def published_display(self) -> str:
        """The publication date as a reader sees it, such as June 2025."""
        return display_date(self.published)

    @property
    def updated_display(self) -> str:
        """The date of the last update as a reader sees it, such as June 2025."""
        return display_date(self.updated)

    @property
    def list_summary(self) -> str:
        """What a list of charters shows: the summary, else the charter's first sentence, else nothing."""
        if self.summary:
            return self.summary
        for section in self.sections:
            for entry in (*section.text, *section.points):
                if isinstance(entry, str):
                    return _first_sentence(entry)
        return ""
