"""Options of ``charterkit/readability``."""

from __future__ import annotations

import math

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


class SentenceWords(c.Type[int]):
    """A number of words a sentence may have: a whole number, 1 or more."""

    def __init__(self, default: int | None = None) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        # YAML reads "yes" and "true" as booleans, which Python counts as whole numbers.
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"expected a whole number of words, such as 15, but found {value!r}.")
        if value < 1:
            raise ValidationError(
                f"{value} is too small: a sentence has at least 1 word. "
                "Write a whole number of 1 or more, such as 15."
            )
        return value


class ReadingAge(c.Type[float]):
    """A UK reading age: a number above 0."""

    def __init__(self, default: float | None = None) -> None:
        super().__init__(float, default=default)

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise ValidationError(f"expected a reading age in years, such as 9, but found {value!r}.")
        if value <= 0 or math.isinf(value):
            raise ValidationError(
                f"{value} is not a reading age: write a number of years above 0, such as 9."
            )
        return value  # as written: a whole number stays whole, so pages show "12", not "12.0"


class TargetConfig(base.Config):
    """Targets for one version of the charters."""

    max_sentence_words = SentenceWords()
    """No sentence may have more words than this (a whole number, 1 or more)."""
    max_reading_age = ReadingAge()
    """The UK reading age (Flesch–Kincaid grade + 5) of the whole text may not be above this (above 0)."""


class StandardTargets(TargetConfig):
    max_sentence_words = SentenceWords(default=25)
    """Standard text: at most 25 words a sentence."""
    max_reading_age = ReadingAge(default=12)
    """Standard text: reading age 12 or under."""


class EasyReadTargets(TargetConfig):
    max_sentence_words = SentenceWords(default=15)
    """Easy read: at most 15 words a sentence (UK easy-read practice)."""
    max_reading_age = ReadingAge(default=9)
    """Easy read: reading age 9 or under (GOV.UK writes for a reading age of 9)."""


class ReadabilityConfig(base.Config):
    """Options of ``charterkit/readability``."""

    standard = c.SubConfig(StandardTargets)
    """Targets for each charter's standard text."""
    easy_read = c.SubConfig(EasyReadTargets)
    """Targets for each charter's easy-read version."""
    report = c.Type(bool, default=True)
    """Publish the readability report page at ``readability/``."""
