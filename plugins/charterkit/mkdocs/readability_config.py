"""Options of ``charterkit/readability``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class TargetConfig(base.Config):
    """Targets for one version of the charters."""

    max_sentence_words = c.Type(int)
    """No sentence may have more words than this."""
    max_reading_age = c.Type((int, float))
    """The UK reading age (Flesch–Kincaid grade + 5) of the whole text may not be above this."""


class StandardTargets(TargetConfig):
    max_sentence_words = c.Type(int, default=25)
    """Standard text: at most 25 words a sentence."""
    max_reading_age = c.Type((int, float), default=12)
    """Standard text: reading age 12 or under."""


class EasyReadTargets(TargetConfig):
    max_sentence_words = c.Type(int, default=15)
    """Easy read: at most 15 words a sentence (UK easy-read practice)."""
    max_reading_age = c.Type((int, float), default=9)
    """Easy read: reading age 9 or under (GOV.UK writes for a reading age of 9)."""


class ReadabilityConfig(base.Config):
    """Options of ``charterkit/readability``."""

    standard = c.SubConfig(StandardTargets)
    """Targets for each charter's standard text."""
    easy_read = c.SubConfig(EasyReadTargets)
    """Targets for each charter's easy-read version."""
    report = c.Type(bool, default=True)
    """Publish the readability report page at ``readability/``."""
