"""The charter's text: its sections in the source's order, their principles, and the paragraphs and points
they hold (plain text, a named point, or a gap where the source's text is missing)."""

from __future__ import annotations

import difflib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Discriminator, Tag, model_validator

from charterkit.format.base import MODEL_CONFIG
from charterkit.format.fields import ShortText, Text, ThemeId, custom_error, one_or_many

__all__ = ["SECTION_KINDS", "Entry", "Item", "Paragraphs", "Principle", "Section", "SectionKind"]


class _Model(BaseModel):
    model_config = MODEL_CONFIG


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
