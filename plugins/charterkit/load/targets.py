"""The readability targets a site sets: their rules and defaults, in one place.

The MkDocs option classes (``charterkit/readability``) and ``charterkit check`` (which reads
``mkdocs.yml`` without MkDocs) both validate with these functions, so they accept and refuse the same
values in the same words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from charterkit.readability.scoring import DEFAULT_TARGETS, EASY_READ, STANDARD, Targets

__all__ = ["DEFAULT_TARGETS", "TargetError", "reading_age", "sentence_words", "targets_from"]


class TargetError(ValueError):
    """A target that cannot be used; the text says why and what to write."""


def sentence_words(value: object) -> int:
    """A number of words a sentence may have: a whole number, 1 or more."""
    # YAML reads "yes" and "true" as booleans, which Python counts as whole numbers.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TargetError(f"expected a whole number of words, such as 15, but found {value!r}.")
    if value < 1:
        raise TargetError(
            f"{value} is too small: a sentence has at least 1 word. "
            "Write a whole number of 1 or more, such as 15."
        )
    return value


def reading_age(value: object) -> float:
    """A UK reading age: a number above 0, kept as written (a whole number stays whole, so pages say "12")."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise TargetError(f"expected a reading age in years, such as 9, but found {value!r}.")
    if value <= 0 or math.isinf(value):
        raise TargetError(f"{value} is not a reading age: write a number of years above 0, such as 9.")
    return value


def targets_from(options: Mapping[str, Any]) -> dict[str, Targets]:
    """The targets of ``charterkit/readability``'s options as written in ``mkdocs.yml`` (defaults filled in).

    A :class:`TargetError` names the option it is about: ``standard.max_sentence_words: ...``.
    """
    targets = dict(DEFAULT_TARGETS)
    for variant in (STANDARD, EASY_READ):
        given = options.get(variant) or {}
        if not isinstance(given, Mapping):
            raise TargetError(f"{variant}: expected max_sentence_words and max_reading_age below it.")
        default = DEFAULT_TARGETS[variant]
        values = []
        for key, check, fallback in (
            ("max_sentence_words", sentence_words, default.max_sentence_words),
            ("max_reading_age", reading_age, default.max_reading_age),
        ):
            try:
                values.append(check(given.get(key, fallback)))
            except TargetError as exc:
                raise TargetError(f"{variant}.{key}: {exc}") from None
        targets[variant] = Targets(int(values[0]), values[1])
    return targets
