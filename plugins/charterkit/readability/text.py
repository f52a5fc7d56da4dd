"""Score how hard charter text is to read, entirely offline.

The method is described for editors in ``docs/readability-method.md``. In short:

* Syllables come from pyphen's American English (``en_US``) hyphenation patterns, using the same rule
  textstat falls back to (``len(positions) + 1`` per word), corrected by a short list of exceptions
  (``data/syllables.yml``). Only the hyphenation patterns are American: the text is still British English.
  The ``en_GB`` patterns undercount far more ("people", "charter", "everything" are 1 syllable). We do not
  use textstat itself because its English syllable counter downloads the CMU dictionary through NLTK on
  first use, and importing textstat imports NLTK. The build must work with no network, so this module
  never imports either.
* Flesch reading ease and Flesch–Kincaid grade are computed here from those counts with exact
  (``Fraction``) arithmetic and rounded half away from zero, so the figures are stable across platforms
  and can be checked by hand.
* UK reading age is the Flesch–Kincaid (US school) grade + 5.

Scores are a prompt for editors, not proof that text is easy: they cannot see meaning, layout or whether
the words are familiar to the people the charter is for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, lru_cache
from pathlib import Path

import pyphen
import yaml

from charterkit.readability.sentences import (
    EXCEPTION_WORD_RE,
    LETTER_RE,
    LINK_RE,
    NON_WORD_CHARS_RE,
    WHITESPACE_RE,
    is_link,
    split_sentences,
    tokens,
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
    "score_texts",
]

#: pyphen dictionary used for syllables. Changing it changes every published figure, so it is a
#: constant rather than an option. American patterns although charters are British English: the en_GB
#: patterns are far more cautious and count 1 syllable for "people", "charter" and "everything", while
#: en_US is close to a hand count (and is the dictionary textstat itself falls back to).
HYPHENATION_LANG = "en_US"

#: Words pyphen's patterns count wrongly, with the right count. Part of the method, not a site option,
#: for the same reason as ``HYPHENATION_LANG``.
SYLLABLE_EXCEPTIONS_PATH = Path(__file__).resolve().parent.parent / "data" / "syllables.yml"

#: Sentences with more words than this are listed in ``Scores.over_limit``. 25 is the ceiling GOV.UK
#: content design guidance suggests for a sentence.
DEFAULT_SENTENCE_LIMIT = 25

#: The 2,000 most common English words (wordfreq, CC BY-SA 4.0; see the file's header): never hard words.
DEFAULT_COMMON_WORDS_PATH = Path(__file__).resolve().parent.parent / "data" / "common_words.txt"

#: The words-to-avoid list shipped with charterkit.
DEFAULT_WORDS_TO_AVOID_PATH = Path(__file__).resolve().parent.parent / "data" / "words_to_avoid.yml"

# Published Flesch (1948) and Kincaid et al. (1975) coefficients, kept as exact fractions so that the
# arithmetic has no binary floating-point error before rounding.
_FRE_BASE = Fraction("206.835")
_FRE_SENTENCE = Fraction("1.015")
_FRE_SYLLABLE = Fraction("84.6")
_FK_SENTENCE = Fraction("0.39")
_FK_SYLLABLE = Fraction("11.8")
_FK_BASE = Fraction("15.59")
# US grade 1 is roughly age 6, so UK reading age = grade + 5.
_READING_AGE_OFFSET = 5

# A word with this many syllables or more is listed as a hard word (the usual "polysyllable" cut-off
# used by Gunning fog and SMOG).
_HARD_WORD_SYLLABLES = 3


@dataclass(frozen=True)
class FlaggedWord:
    """A word or phrase from the words-to-avoid list found in the text."""

    word: str
    """The word or phrase as found in the text (original case, e.g. "Facilitating")."""
    alternative: str
    """The plain alternative suggested in ``words_to_avoid.yml``."""
    sentence: str
    """The sentence it was found in, as returned by :func:`split_sentences`."""


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


# --------------------------------------------------------------------------------------------------------
# Counting


_METHODS: list[tuple[str, bool]] = []
"""Counting methods in force (innermost last), set by :func:`counting_method`; none means the default."""


@contextmanager
def counting_method(lang: str = HYPHENATION_LANG, *, exceptions: bool = True) -> Iterator[None]:
    """Count syllables with pyphen's ``lang`` patterns, with or without the exceptions list, inside the block.

    For comparing methods (docs/readability-method.md pins en_US against en_GB); the site always uses the
    default. Counts made inside the block are forgotten when it ends.
    """
    _METHODS.append((lang, exceptions))
    _count_syllables.cache_clear()
    try:
        yield
    finally:
        _METHODS.pop()
        _count_syllables.cache_clear()


@cache
def _hyphenator(lang: str) -> pyphen.Pyphen:
    # Loading the dictionary parses a large pattern file; do it once per process.
    return pyphen.Pyphen(lang=lang)


def count_syllables(word: str) -> int:
    """Count syllables in one word with pyphen's ``en_US`` patterns and charterkit's exceptions list.

    The rule is textstat's fallback: hyphenation points + 1, on the lowercased word, unless the word is in
    :func:`load_syllable_exceptions` ("about" = 2, not pyphen's 1); a possessive takes its word's count
    ("agenda's" = "agenda"). Hyphenated words are counted part by part ("well-being" = well + being = 3),
    because given the whole word pyphen treats the hyphen inconsistently. Links, e-mail addresses and
    words with no letters (numbers) count as 1. A string with no letters or digits counts as 0.
    """
    return _count_syllables(word.strip())


# Charters repeat the same few hundred words; caching skips re-running pyphen's pattern matching.
@lru_cache(maxsize=16384)
def _count_syllables(word: str) -> int:
    if not any(ch.isalnum() for ch in word):
        return 0
    if is_link(word) or not LETTER_RE.search(word):
        return 1
    # Dots only survive inside abbreviations ("e.g."): read them as one word.
    normalised = word.lower().replace("’", "'").replace(".", "")
    lang, use_exceptions = _METHODS[-1] if _METHODS else (HYPHENATION_LANG, True)
    hyphenator = _hyphenator(lang)
    exceptions = _syllable_exceptions() if use_exceptions else {}
    total = 0
    for part in NON_WORD_CHARS_RE.split(normalised):
        part = part.strip("'")
        if not LETTER_RE.search(part):
            continue
        listed = exceptions.get(part)
        if listed is None and part.endswith("'s"):
            # Possessive 's adds no syllable to a listed word ("agenda's" = "agenda"). It would after an s
            # or z sound ("bus's"); keep such words off the list or list the possessive itself.
            listed = exceptions.get(part[:-2])
        total += len(hyphenator.positions(part)) + 1 if listed is None else listed
    return max(total, 1)


def _read_syllable_exceptions(path: Path) -> tuple[tuple[str, int], ...]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if data is None:
        return ()
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of 'word: number of syllables'")
    entries: dict[str, int] = {}
    for raw_key, raw_value in data.items():
        # YAML reads some bare words (yes, no, on, off) as true/false, and true as the number 1: insist on
        # text and a real whole number.
        if not isinstance(raw_key, str) or not EXCEPTION_WORD_RE.fullmatch(raw_key.strip().lower()):
            raise ValueError(f"{path}: entry {raw_key!r}: write one word, with no spaces, hyphens or digits")
        if isinstance(raw_value, bool) or not isinstance(raw_value, int) or raw_value < 1:
            raise ValueError(f"{path}: entry {raw_key!r}: the syllables must be a whole number, 1 or more")
        key = raw_key.strip().lower().replace("’", "'")
        if key in entries:
            raise ValueError(f"{path}: {key!r} is listed twice")
        entries[key] = raw_value
    return tuple(entries.items())


@cache
def _cached_syllable_exceptions(path: Path) -> tuple[tuple[str, int], ...]:
    return _read_syllable_exceptions(path)


def load_syllable_exceptions(path: Path | None = None) -> dict[str, int]:
    """Load a syllable exceptions list: ``{word (lowercase): syllables}``.

    With no ``path``, loads charterkit's own ``data/syllables.yml``, the list :func:`count_syllables` uses.
    Results are cached per path for the life of the process; each call returns a fresh dict.

    Raises ``ValueError`` if an entry is not one word with a whole number of 1 or more, or a word is
    listed twice.
    """
    resolved = (path or SYLLABLE_EXCEPTIONS_PATH).resolve()
    return dict(_cached_syllable_exceptions(resolved))


@cache
def _syllable_exceptions() -> dict[str, int]:
    # One shared dict for count_syllables' inner loop; it is never changed or handed out.
    return load_syllable_exceptions()


@cache
def common_words(path: Path | None = None) -> frozenset[str]:
    """The common English words that are never listed as hard words (lowercase), from ``path`` or the
    list shipped with charterkit: one word a line, ``#`` starts a comment."""
    text = (path or DEFAULT_COMMON_WORDS_PATH).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _is_common(key: str, common: frozenset[str]) -> bool:
    """``key`` or the word it is a plural or past form of is common; a hyphenated word is common when
    each of its parts is ("well-known"; not "co-production" or "trauma-informed")."""
    forms = {key}
    if key.endswith("ies"):
        forms.add(key[:-3] + "y")
    if key.endswith("es"):
        forms.add(key[:-2])
    if key.endswith("s") or key.endswith("d"):
        forms.add(key[:-1])
    if key.endswith("ed"):
        forms.add(key[:-2])
    if forms & common:
        return True
    parts = re.split(r"[‐‑-]", key)
    # A part of one or two letters is a prefix ("co-", "re-"), not a common word on its own.
    return len(parts) > 1 and all(len(p) > 2 and _is_common(p, common) for p in parts)


def _hard_word_key(word: str) -> str:
    # Possessives are the same word for a reader: list "organisation" once, not also "organisation's".
    key = word.lower().replace("’", "'")
    if key.endswith("'s"):
        key = key[:-2]
    return key.rstrip("'")


# --------------------------------------------------------------------------------------------------------
# Words to avoid


def _read_words_to_avoid(path: Path) -> tuple[tuple[str, str], ...]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if data is None:
        return ()
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of 'word or phrase: plain alternative'")
    entries: dict[str, str] = {}
    for raw_key, raw_value in data.items():
        # YAML turns some bare words (yes, no, on, off, numbers) into other types: insist on text.
        if not isinstance(raw_key, str) or not isinstance(raw_value, str):
            raise ValueError(f"{path}: entry {raw_key!r}: both the word and the alternative must be text")
        key = WHITESPACE_RE.sub(" ", raw_key).strip().lower()
        value = raw_value.strip()
        if not key or not value:
            raise ValueError(f"{path}: entry {raw_key!r}: word and alternative must not be empty")
        if key in entries:
            raise ValueError(f"{path}: {key!r} is listed twice")
        entries[key] = value
    return tuple(entries.items())


@cache
def _cached_words_to_avoid(path: Path) -> tuple[tuple[str, str], ...]:
    return _read_words_to_avoid(path)


def load_words_to_avoid(path: Path | None = None) -> dict[str, str]:
    """Load a words-to-avoid list: ``{word or phrase (lowercase): plain alternative}``.

    With no ``path``, loads charterkit's own ``data/words_to_avoid.yml``. Results are cached per path for
    the life of the process; each call returns a fresh dict, so callers may change it safely.

    Raises ``ValueError`` if the file is not a mapping of text to text or lists a word twice.
    """
    resolved = (path or DEFAULT_WORDS_TO_AVOID_PATH).resolve()
    return dict(_cached_words_to_avoid(resolved))


_VOWELS = "aeiou"
# Words shorter than this are matched exactly: short words inflect into unrelated ones ("key" -> "keys" of a
# door, "a" -> "as", "in" -> "ins").
_MIN_INFLECTED_LENGTH = 4


def _inflections(word: str) -> frozenset[str]:
    """Return ``word`` with simple English verb/plural endings: -s, -es, -ed, -ing.

    Handles a final silent e (facilitate -> facilitated, facilitating), consonant + y
    (apply -> applies, applied) and a doubled final consonant (commit -> committed). Over-generating
    nonsense forms is harmless because they never occur in real text.
    """
    forms = {word}
    if len(word) < _MIN_INFLECTED_LENGTH or not word.isalpha():
        return frozenset(forms)
    if word.endswith("e"):
        stem = word[:-1]
        forms |= {word + "s", word + "d", stem + "ing"}
    elif word.endswith("y") and word[-2] not in _VOWELS:
        stem = word[:-1]
        forms |= {stem + "ies", stem + "ied", word + "ing"}
    else:
        forms |= {word + "s", word + "es", word + "ed", word + "ing"}
        last = word[-1]
        if last not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS:
            forms |= {word + last + "ed", word + last + "ing"}
    return frozenset(forms)


def _entry_pattern(key: str) -> str:
    # Each word of the entry may be inflected; words in a phrase may be joined by spaces or hyphens
    # ("hard to reach" also finds "hard-to-reach", "ring fence" finds "ring-fenced").
    parts = []
    for word in key.split(" "):
        forms = sorted(_inflections(word), key=lambda form: (-len(form), form))
        parts.append("(?:" + "|".join(re.escape(form) for form in forms) + ")")
    return r"[\s‐‑-]+".join(parts)


@lru_cache(maxsize=8)
def _avoid_matcher(entries: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    if not entries:
        return None, ()
    # Longest entries first so that a phrase wins over a word inside it at the same position.
    ordered = sorted(entries, key=lambda item: (-len(item[0]), item[0]))
    alternatives = "|".join(f"({_entry_pattern(key)})" for key, _ in ordered)
    # Whole words only: no letter, digit, apostrophe or hyphen directly before or after, so "keynote",
    # "key-worker" and "pre-deliver" are not matches, but "stakeholder's" is.
    pattern = re.compile(rf"(?<![\w'’‐‑-])(?:{alternatives})(?![\w‐‑-])", re.IGNORECASE)
    return pattern, tuple(value for _, value in ordered)


def _find_avoid_words(
    sentence: str, matcher: re.Pattern[str], alternatives: tuple[str, ...]
) -> Iterator[FlaggedWord]:
    links = [link.span() for link in LINK_RE.finditer(sentence)]
    for match in matcher.finditer(sentence):
        start, end = match.span()
        if any(start < link_end and link_start < end for link_start, link_end in links):
            continue
        # Each alternative is its own (only) capturing group, so lastindex says which entry matched.
        index = match.lastindex
        if index is None:  # pragma: no cover - every alternative is a group
            continue
        yield FlaggedWord(word=match.group(0), alternative=alternatives[index - 1], sentence=sentence)


# --------------------------------------------------------------------------------------------------------
# Scoring


def _round(value: Fraction, places: int) -> float:
    """Round half away from zero, so -1.45 -> -1.5 and 116.145 -> 116.1 on every platform."""
    scale = 10**places
    magnitude = int(abs(value) * scale + Fraction(1, 2))
    signed = -magnitude if value < 0 else magnitude
    return float(Fraction(signed, scale))


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
) -> Scores:
    """Score text units (paragraphs, bullet points) together.

    Each unit is split with :func:`split_sentences`; headings should not be passed, as they are not
    sentences. A single string is treated as one unit rather than as characters. ``words_to_avoid``
    defaults to :func:`load_words_to_avoid` with no path; pass ``{}`` to switch matching off.

    With no words at all, every figure is zero (including Flesch reading ease and reading age) rather than
    dividing by zero; check ``Scores.words`` before showing figures.
    """
    if sentence_limit < 1:
        raise ValueError("sentence_limit must be at least 1")
    units = [texts] if isinstance(texts, str) else list(texts)
    entries = tuple(
        (WHITESPACE_RE.sub(" ", key).strip().lower(), value)
        for key, value in (load_words_to_avoid() if words_to_avoid is None else words_to_avoid).items()
    )
    matcher, alternatives = _avoid_matcher(entries)

    sentences: list[tuple[str, int]] = []
    syllables = 0
    long_words: list[str] = []  # words of 3 or more syllables
    capitalised: set[str] = set()  # written with a capital inside a sentence: names, unless also small
    small: set[str] = set()
    flagged: list[FlaggedWord] = []
    for unit in units:
        for sentence in split_sentences(unit):
            words = 0
            for token in tokens(sentence):
                words += 1
                word = token.group()
                word_syllables = count_syllables(word)
                syllables += word_syllables
                if token.lastgroup != "word":
                    if token.lastgroup == "abbr" and word_syllables >= _HARD_WORD_SYLLABLES:
                        long_words.append(word)
                    continue
                key = _hard_word_key(word)
                if word[0].isupper():
                    if words > 1:
                        capitalised.add(key)
                else:
                    small.add(key)
                if word_syllables >= _HARD_WORD_SYLLABLES:
                    long_words.append(word)
            sentences.append((sentence, words))
            if matcher is not None:
                flagged.extend(_find_avoid_words(sentence, matcher, alternatives))
    # Hard words: long, not among the 2,000 most common English words, and not names. A capitalised word
    # is a name when it is written with a capital inside a sentence somewhere and never in small letters.
    common = common_words()
    names = capitalised - small
    hard: set[str] = set()
    for word in long_words:
        key = _hard_word_key(word)
        if word[0].isupper() and key in names:
            continue
        if not _is_common(key, common):
            hard.add(key)

    total_words = sum(words for _, words in sentences)
    if not sentences or total_words == 0:
        return _empty_scores(sentence_limit)

    per_sentence = Fraction(total_words, len(sentences))
    per_word = Fraction(syllables, total_words)
    reading_ease = _FRE_BASE - _FRE_SENTENCE * per_sentence - _FRE_SYLLABLE * per_word
    grade = _FK_SENTENCE * per_sentence + _FK_SYLLABLE * per_word - _FK_BASE
    rounded_grade = _round(grade, 1)
    # Built from the rounded grade so that the published reading age is always exactly grade + 5.
    reading_age = _round(Fraction(str(rounded_grade)) + _READING_AGE_OFFSET, 1)

    # sorted() is stable, so sentences of equal length stay in text order.
    by_length = sorted(sentences, key=lambda item: -item[1])
    over = tuple(sentence for sentence, words in sentences if words > sentence_limit)
    return Scores(
        sentences=len(sentences),
        words=total_words,
        syllables=syllables,
        flesch_reading_ease=_round(reading_ease, 1),
        flesch_kincaid_grade=rounded_grade,
        reading_age=reading_age,
        average_sentence_words=_round(per_sentence, 1),
        longest_sentence_words=by_length[0][1],
        longest_sentences=tuple(sentence for sentence, _ in by_length[:3]),
        sentence_limit=sentence_limit,
        over_limit=over,
        over_limit_share=_round(Fraction(len(over), len(sentences)), 3),
        hard_words=tuple(sorted(hard)),
        avoid_words=tuple(flagged),
    )
