"""The easy-read version of a charter: short points with pictures under short headings, a word list, and
who checked it."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from charterkit.format.base import MODEL_CONFIG
from charterkit.format.dates import PartialDate
from charterkit.format.fields import IconName, ShortText, Text, custom_error
from charterkit.format.pictures import is_picture_file

__all__ = ["CheckedBy", "EasyPoint", "EasyRead", "EasySection", "Word"]


class _Model(BaseModel):
    model_config = MODEL_CONFIG


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
