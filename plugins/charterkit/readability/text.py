"""Score how hard charter text is to read, entirely offline.

The method is described for editors in ``docs/readability-method.md``. In short:

* Syllables come from pyphen's American English (``en_US``) hyphenation patterns, using the same rule
  textstat falls back to (``len(positions) + 1`` per word), corrected by a short list of exceptions
  (``data/syllables.yml``). Only the hyphenation patterns are American: the text is still British English.
  The ``en_GB`` patterns undercount far more ("people", "charter", "everything" are 1 syllable). We do not
  use textstat itself because its English syllable counter downloads the CMU dictionary through NLTK on
  first use, and importing textstat imports NLTK. The build must work with no network, so this module
  never imports either.
* Flesch reading ease and Flesch–Kincaid grade are computed from those counts (:mod:`.formulas`) exactly,
  in whole numbers, and rounded half away from zero, so the figures are stable across platforms and can
  be checked by hand.
* UK reading age is the Flesch–Kincaid (US school) grade + 5.

Scores are a prompt for editors, not proof that text is easy: they cannot see meaning, layout or whether
the words are familiar to the people the charter is for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from charterkit.readability.facts import Seen, SentenceFacts
from charterkit.readability.formulas import READING_AGE_OFFSET, grade_tenths, reading_ease, round_ratio
from charterkit.readability.sentences import WHITESPACE_RE
from charterkit.readability.syllables import (
    HYPHENATION_LANG,
    SYLLABLE_EXCEPTIONS_PATH,
    count_syllables,
    counting_method,
    load_syllable_exceptions,
)
from charterkit.readability.words import (
    DEFAULT_COMMON_WORDS_PATH,
    DEFAULT_WORDS_TO_AVOID_PATH,
    FlaggedWord,
    avoid_matcher,
    common_words,
    hard_word_key,
    is_common,
    load_words_to_avoid,
)

__all__ = [
    "DEFAULT_COMMON_WORDS_PATH",
    "DEFAULT_SENTENCE_LIMIT",
    "DEFAULT_WORDS_TO_AVOID_PATH",
    "HYPHENATION_LANG",
    "SYLLABLE_EXCEPTIONS_PATH",
    "FlaggedWord",
    "Scores",
    "common_words",
    "count_syllables",
    "counting_method",
    "load_syllable_exceptions",
    "load_words_to_avoid",
    "ready_to_score",
    "score_texts",
]

#: Sentences with more words than this are listed in ``Scores.over_limit``. 25 is the ceiling GOV.UK
#: content design guidance suggests for a sentence.
DEFAULT_SENTENCE_LIMIT = 25


@dataclass(frozen=True)
class Scores:
    """Readability figures for a set of text units. All-zero (and empty) when there is no text."""

    sentences: int
    words: int
    syllables: int
    flesch_reading_ease: float
    """Flesch reading ease, 1 dp. Higher is easier; can exceed 100 or go below 0."""
    flesch_kincaid_grade: float
    """Flesch–Kincaid US grade, 1 dp. Can be negative for very short, simple text."""
    reading_age: float
    """UK reading age: the rounded grade + 5. Not clamped, so very simple text can show under 5."""
    average_sentence_words: float
    longest_sentence_words: int
    longest_sentences: tuple[str, ...]
    """Up to 3 sentences, longest first; equal lengths keep text order."""
    sentence_limit: int
    over_limit: tuple[str, ...]
    """Sentences with more than ``sentence_limit`` words, in text order."""
    over_limit_share: float
    """Share of sentences over the limit, 0 to 1, 3 dp."""
    hard_words: tuple[str, ...]
    """Unique lowercased words of 3 or more syllables, sorted, leaving out the 2,000 most common English
    words (``common_words``) and names (proper nouns)."""
    avoid_words: tuple[FlaggedWord, ...]
    """Words-to-avoid matches in text order."""

    @property
    def words_to_avoid(self) -> tuple[FlaggedWord, ...]:
        """Each word to avoid once (whatever its capitals), at its first use: what every report lists."""
        seen: dict[str, FlaggedWord] = {}
        for w in self.avoid_words:
            seen.setdefault(w.word.lower(), w)
        return tuple(seen.values())


@dataclass
class _Tally:
    """What scoring counts, sentence by sentence."""

    sentences: list[tuple[str, int]] = field(default_factory=list)
    """Each sentence with its number of words."""
    syllables: int = 0
    long_words: list[str] = field(default_factory=list)
    """Words of 3 or more syllables."""
    capitalised: set[str] = field(default_factory=set)
    """Written with a capital inside a sentence: names, unless also written in small letters."""
    small: set[str] = field(default_factory=set)
    flagged: list[FlaggedWord] = field(default_factory=list)

    def add(self, sentence: str, facts: SentenceFacts) -> None:
        """Count one sentence, from what was read in it."""
        self.syllables += facts.syllables
        self.long_words.extend(facts.long_words)
        self.capitalised |= facts.capitalised
        self.small |= facts.small
        self.sentences.append((sentence, facts.words))

    def hard_words(self) -> tuple[str, ...]:
        """Long words, not among the 2,000 most common English words, and not names, sorted.

        A capitalised word is a name when it is written with a capital inside a sentence somewhere and
        never in small letters.
        """
        common = common_words()
        names = self.capitalised - self.small
        hard: set[str] = set()
        for word in self.long_words:
            key = hard_word_key(word)
            if word[0].isupper() and key in names:
                continue
            if not is_common(key, common):
                hard.add(key)
        return tuple(sorted(hard))


def _empty_scores(sentence_limit: int) -> Scores:
    return Scores(
        sentences=0,
        words=0,
        syllables=0,
        flesch_reading_ease=0.0,
        flesch_kincaid_grade=0.0,
        reading_age=0.0,
        average_sentence_words=0.0,
        longest_sentence_words=0,
        longest_sentences=(),
        sentence_limit=sentence_limit,
        over_limit=(),
        over_limit_share=0.0,
        hard_words=(),
        avoid_words=(),
    )


def score_texts(
    texts: Iterable[str],
    sentence_limit: int = DEFAULT_SENTENCE_LIMIT,
    *,
    words_to_avoid: Mapping[str, str] | None = None,
    seen: Seen | None = None,
) -> Scores:
    """Score text units (paragraphs, bullet points) together.

    Each unit is split with :func:`split_sentences`; headings should not be passed, as they are not
    sentences. A single string is treated as one unit rather than as characters. ``words_to_avoid``
    defaults to :func:`load_words_to_avoid` with no path; pass ``{}`` to switch matching off. ``seen``
    keeps what was read in each sentence, for scoring the same text again (a charter's sections).

    With no words at all, every figure is zero (including Flesch reading ease and reading age) rather than
    dividing by zero; check ``Scores.words`` before showing figures.
    """
    if sentence_limit < 1:
        raise ValueError("sentence_limit must be at least 1")
    units = [texts] if isinstance(texts, str) else list(texts)
    matcher, alternatives = _default_avoid() if words_to_avoid is None else _avoid(words_to_avoid)

    seen = seen if seen is not None else Seen()
    tally = _Tally()
    for unit in units:
        for sentence in seen.sentences(unit):
            tally.add(sentence, seen.facts(sentence))
            if matcher is not None:
                tally.flagged.extend(seen.flagged(sentence, matcher, alternatives))
    sentences = tally.sentences
    total_words = sum(words for _, words in sentences)
    if not sentences or total_words == 0:
        return _empty_scores(sentence_limit)
    return _scores(tally, total_words, sentence_limit)


def _avoid(words_to_avoid: Mapping[str, str]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """The pattern finding ``words_to_avoid``, and each match's alternative (:func:`avoid_matcher`)."""
    entries = tuple(
        (WHITESPACE_RE.sub(" ", key).strip().lower(), value) for key, value in words_to_avoid.items()
    )
    return avoid_matcher(entries)


@cache
def _default_avoid() -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """:func:`_avoid` of charterkit's own list, made once."""
    return _avoid(load_words_to_avoid())


def ready_to_score() -> None:
    """Read the word lists and hyphenation patterns scoring needs now (each is read once per process,
    when first used). A build about to fork workers calls this first, so that each worker starts with
    them instead of reading its own (0.05 s each)."""
    count_syllables("ready")  # pyphen's patterns, and the exceptions
    common_words()
    _default_avoid()


def _scores(tally: _Tally, total_words: int, sentence_limit: int) -> Scores:
    """The figures of a tally with at least one word."""
    sentences, syllables = tally.sentences, tally.syllables
    counts = (len(sentences), total_words, syllables)
    grade = grade_tenths(*counts)
    rounded_grade = grade / 10
    # Built from the rounded grade so that the published reading age is always exactly grade + 5.
    reading_age = (grade + 10 * READING_AGE_OFFSET) / 10

    # sorted() is stable, so sentences of equal length stay in text order.
    by_length = sorted(sentences, key=lambda item: -item[1])
    over = tuple(sentence for sentence, words in sentences if words > sentence_limit)
    return Scores(
        sentences=len(sentences),
        words=total_words,
        syllables=syllables,
        flesch_reading_ease=reading_ease(*counts),
        flesch_kincaid_grade=rounded_grade,
        reading_age=reading_age,
        average_sentence_words=round_ratio(total_words, len(sentences), 1),
        longest_sentence_words=by_length[0][1],
        longest_sentences=tuple(sentence for sentence, _ in by_length[:3]),
        sentence_limit=sentence_limit,
        over_limit=over,
        over_limit_share=round_ratio(len(over), len(sentences), 3),
        hard_words=tally.hard_words(),
        avoid_words=tuple(tally.flagged),
    )
