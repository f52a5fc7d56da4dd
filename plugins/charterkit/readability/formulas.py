"""The Flesch reading ease and Flesch–Kincaid grade of a text's counts, worked exactly.

The published coefficients are exact decimals, so each figure is an exact ratio of whole numbers, rounded
once, half away from zero: the same on every platform, and checkable by hand. The arithmetic is done in
whole numbers (``Fraction`` arithmetic took a tenth of the time scoring takes); a test compares it with
the formulas worked in ``Fraction``.
"""

from __future__ import annotations

import math
from fractions import Fraction

__all__ = ["READING_AGE_OFFSET", "grade_tenths", "reading_ease", "round_ratio"]

# Published Flesch (1948) and Kincaid et al. (1975) coefficients, kept as exact fractions so that the
# arithmetic has no binary floating-point error before rounding.
_FRE_BASE = Fraction("206.835")
_FRE_SENTENCE = Fraction("1.015")
_FRE_SYLLABLE = Fraction("84.6")
_FK_SENTENCE = Fraction("0.39")
_FK_SYLLABLE = Fraction("11.8")
_FK_BASE = Fraction("15.59")
# US grade 1 is roughly age 6, so UK reading age = grade + 5.
READING_AGE_OFFSET = 5


def round_ratio(top: int, bottom: int, places: int) -> float:
    """``top / bottom`` (``bottom`` above 0) rounded half away from zero, so -1.45 -> -1.5 and
    116.145 -> 116.1 on every platform."""
    scale: int = 10**places
    return _in_units(top, bottom, places) / scale  # an exact ratio, correctly rounded to a float


def _in_units(top: int, bottom: int, places: int) -> int:
    """``top / bottom`` (``bottom`` above 0) rounded half away from zero to ``places`` decimals, in
    units of the last one."""
    scale: int = 10**places
    magnitude = (2 * abs(top) * scale + bottom) // (2 * bottom)  # floor(|top / bottom| * scale + 1/2)
    return -magnitude if top < 0 else magnitude


def _formula(base: Fraction, per_sentence: Fraction, per_word: Fraction) -> tuple[int, int, int, int]:
    """``base + per_sentence * words / sentences + per_word * syllables / words`` as whole numbers over
    one denominator: (base, per sentence, per word, denominator)."""
    bottom = math.lcm(base.denominator, per_sentence.denominator, per_word.denominator)
    return (
        int(base * bottom),
        int(per_sentence * bottom),
        int(per_word * bottom),
        bottom,
    )


def _apply(formula: tuple[int, int, int, int], sentences: int, words: int, syllables: int) -> tuple[int, int]:
    """:func:`_formula`'s value for these counts, as an exact ratio (top, bottom)."""
    base, per_sentence, per_word, bottom = formula
    top = base * sentences * words + per_sentence * words * words + per_word * syllables * sentences
    return top, bottom * sentences * words


_EASE = _formula(_FRE_BASE, -_FRE_SENTENCE, -_FRE_SYLLABLE)
_GRADE = _formula(-_FK_BASE, _FK_SENTENCE, _FK_SYLLABLE)


def reading_ease(sentences: int, words: int, syllables: int) -> float:
    """Flesch reading ease, 1 dp: 206.835 - 1.015 × words per sentence - 84.6 × syllables per word."""
    return round_ratio(*_apply(_EASE, sentences, words, syllables), 1)


def grade_tenths(sentences: int, words: int, syllables: int) -> int:
    """Flesch–Kincaid grade, in tenths (1 dp): 0.39 × words per sentence + 11.8 × syllables per word
    - 15.59."""
    return _in_units(*_apply(_GRADE, sentences, words, syllables), 1)
