"""The charter format: one YAML file per charter, described by these models.

The format holds the different shapes real charters take (principles with paragraphs or with bullet
commitments, promise lists, values, success measures, mission and vision) as an ordered list of
*sections*. Each section keeps the source's own heading and says what kind of thing it is, so a charter
is never forced into another's shape. Every field has a description: the JSON Schema that editors'
tools use for autocompletion is generated from these models.

The charter's sections are in :mod:`charterkit.format.sections`, its easy-read version in
:mod:`charterkit.format.easyread`; every model is offered here too.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    model_validator,
)

from charterkit.format.base import MODEL_CONFIG
from charterkit.format.dates import PartialDate, display_date
from charterkit.format.easyread import CheckedBy, EasyPoint, EasyRead, EasySection, Word
from charterkit.format.fields import Email, Lang, ShortText, Slug, Text, Url, custom_error
from charterkit.format.sections import SECTION_KINDS, Item, Principle, Section

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
    model_config = MODEL_CONFIG


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
