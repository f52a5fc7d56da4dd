"""Options of ``charterkit/readability``: declared here, checked by the core (``charterkit.load.targets``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from charterkit.load.targets import DEFAULT_TARGETS, TargetError, reading_age, sentence_words
from charterkit.readability.scoring import EASY_READ, STANDARD, Targets


class SentenceWords(c.Type[int]):
    """A number of words a sentence may have: a whole number, 1 or more."""

    def __init__(self, default: int | None = None) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        try:
            return sentence_words(value)
        except TargetError as exc:
            raise ValidationError(str(exc)) from None


class ReadingAge(c.Type[float]):
    """A UK reading age: a number above 0."""

    def __init__(self, default: float | None = None) -> None:
        super().__init__(float, default=default)

    def run_validation(self, value: object) -> float:
        try:
            return reading_age(value)
        except TargetError as exc:
            raise ValidationError(str(exc)) from None


class TargetConfig(base.Config):
    """Targets for one version of the charters."""

    max_sentence_words = SentenceWords()
    """No sentence may have more words than this (a whole number, 1 or more)."""
    max_reading_age = ReadingAge()
    """The UK reading age (Flesch–Kincaid grade + 5) of the whole text may not be above this (above 0)."""


class StandardTargets(TargetConfig):
    max_sentence_words = SentenceWords(default=DEFAULT_TARGETS[STANDARD].max_sentence_words)
    """Standard text: at most 25 words a sentence."""
    max_reading_age = ReadingAge(default=DEFAULT_TARGETS[STANDARD].max_reading_age)
    """Standard text: reading age 12 or under."""


class EasyReadTargets(TargetConfig):
    max_sentence_words = SentenceWords(default=DEFAULT_TARGETS[EASY_READ].max_sentence_words)
    """Easy read: at most 15 words a sentence (UK easy-read practice)."""
    max_reading_age = ReadingAge(default=DEFAULT_TARGETS[EASY_READ].max_reading_age)
    """Easy read: reading age 9 or under (GOV.UK writes for a reading age of 9)."""


class ReadabilityConfig(base.Config):
    """Options of ``charterkit/readability``."""

    standard = c.SubConfig(StandardTargets)
    """Targets for each charter's standard text."""
    easy_read = c.SubConfig(EasyReadTargets)
    """Targets for each charter's easy-read version."""
    report = c.Type(bool, default=True)
    """Publish the readability report page at ``readability/``."""

    report_page_size = c.Type(int, default=10)
    """Charters on each page of the report. More charters make more pages (``readability/page-2/``,
    ...), so that no page grows past about 100 KB however many charters the site has."""


def targets_of(config: ReadabilityConfig) -> dict[str, Targets]:
    """The targets the options set, by variant, in the core's form."""
    st, er = config.standard, config.easy_read
    return {
        STANDARD: Targets(st.max_sentence_words, st.max_reading_age),
        EASY_READ: Targets(er.max_sentence_words, er.max_reading_age),
    }
