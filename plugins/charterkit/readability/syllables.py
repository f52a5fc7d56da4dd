"""Count syllables, entirely offline: pyphen's American English (``en_US``) hyphenation patterns, with
textstat's rule (``len(positions) + 1`` per word), corrected by a short list of exceptions
(``data/syllables.yml``). See :mod:`charterkit.readability.text` for why, and
``docs/readability-method.md`` for the method."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path

import pyphen
import yaml

from charterkit.readability.sentences import EXCEPTION_WORD_RE, LETTER_RE, NON_WORD_CHARS_RE, is_link

__all__ = [
    "HYPHENATION_LANG",
    "SYLLABLE_EXCEPTIONS_PATH",
    "count_syllables",
    "counting_method",
    "hyphenator",
    "load_syllable_exceptions",
]

#: pyphen dictionary used for syllables. Changing it changes every published figure, so it is a
#: constant rather than an option. American patterns although charters are British English: the en_GB
#: patterns are far more cautious and count 1 syllable for "people", "charter" and "everything", while
#: en_US is close to a hand count (and is the dictionary textstat itself falls back to).
HYPHENATION_LANG = "en_US"

#: Words pyphen's patterns count wrongly, with the right count. Part of the method, not a site option,
#: for the same reason as ``HYPHENATION_LANG``.
SYLLABLE_EXCEPTIONS_PATH = Path(__file__).resolve().parent.parent / "data" / "syllables.yml"

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
def hyphenator(lang: str = HYPHENATION_LANG) -> pyphen.Pyphen:
    """pyphen's patterns for ``lang``, loaded once per process (the pattern file is large)."""
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
    patterns = hyphenator(lang)
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
        total += len(patterns.positions(part)) + 1 if listed is None else listed
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
