"""The word lists behind the readability report: common English words, never hard words; what makes a
word hard; and words to avoid, with their plain alternatives, found in a sentence whatever their ending."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from charterkit.readability.sentences import LINK_RE, WHITESPACE_RE

__all__ = [
    "DEFAULT_COMMON_WORDS_PATH",
    "DEFAULT_WORDS_TO_AVOID_PATH",
    "FlaggedWord",
    "avoid_matcher",
    "common_words",
    "find_avoid_words",
    "hard_word_key",
    "is_common",
    "load_words_to_avoid",
]

#: The 2,000 most common English words (wordfreq, CC BY-SA 4.0; see the file's header): never hard words.
DEFAULT_COMMON_WORDS_PATH = Path(__file__).resolve().parent.parent / "data" / "common_words.txt"

#: The words-to-avoid list shipped with charterkit.
DEFAULT_WORDS_TO_AVOID_PATH = Path(__file__).resolve().parent.parent / "data" / "words_to_avoid.yml"


@dataclass(frozen=True)
class FlaggedWord:
    """A word or phrase from the words-to-avoid list found in the text."""

    word: str
    """The word or phrase as found in the text (original case, e.g. "Facilitating")."""
    alternative: str
    """The plain alternative suggested in ``words_to_avoid.yml``."""
    sentence: str
    """The sentence it was found in, as returned by :func:`split_sentences`."""


@cache
def common_words(path: Path | None = None) -> frozenset[str]:
    """The common English words that are never listed as hard words (lowercase), from ``path`` or the
    list shipped with charterkit: one word a line, ``#`` starts a comment."""
    text = (path or DEFAULT_COMMON_WORDS_PATH).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def is_common(key: str, common: frozenset[str]) -> bool:
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
    return len(parts) > 1 and all(len(p) > 2 and is_common(p, common) for p in parts)


# Every word of every sentence is looked up; text repeats the same few thousand words.
@lru_cache(maxsize=16384)
def hard_word_key(word: str) -> str:
    """The word as the hard-word list holds it: lower case, without a possessive."""
    # Possessives are the same word for a reader: list "organisation" once, not also "organisation's".
    key = word.lower().replace("’", "'")
    if key.endswith("'s"):
        key = key[:-2]
    return key.rstrip("'")


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


_KEPT_PATTERNS = 8


@lru_cache(maxsize=_KEPT_PATTERNS)
def avoid_matcher(entries: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """One pattern finding every entry (longest first), and the alternatives in the order of its groups."""
    if not entries:
        return None, ()
    # Longest entries first so that a phrase wins over a word inside it at the same position.
    ordered = sorted(entries, key=lambda item: (-len(item[0]), item[0]))
    alternatives = "|".join(f"({_entry_pattern(key)})" for key, _ in ordered)
    # Whole words only: no letter, digit, apostrophe or hyphen directly before or after, so "keynote",
    # "key-worker" and "pre-deliver" are not matches, but "stakeholder's" is.
    pattern = re.compile(rf"(?<![\w'’‐‑-])(?:{alternatives})(?![\w‐‑-])", re.IGNORECASE)
    _RUNS[id(pattern)] = (pattern, _runs(ordered))
    while len(_RUNS) > _KEPT_PATTERNS:  # as many as are cached: a pattern left out is searched in full
        del _RUNS[next(iter(_RUNS))]
    return pattern, tuple(value for _, value in ordered)


@dataclass(frozen=True)
class _Runs:
    """What a sentence must hold for a pattern of :func:`avoid_matcher` to find anything in it.

    Each word of a match starts a run of word characters (letters, digits, ``_``) in the sentence, and
    stops after that run or at a character that is not one: so the run is the start of one of that word's
    forms, up to its first character that is not a word character. A sentence holds "in order to" only
    if it holds the runs "in", "order" and "to", whole."""

    words: tuple[tuple[frozenset[str], ...], ...]
    """For each entry, for each of its words, the runs its forms start with."""
    by_anchor: dict[str, tuple[int, ...]]
    """The entries (by place in ``words``) each run is the longest word of (its anchor)."""
    anchors: frozenset[str]
    """The keys of ``by_anchor``."""


_RUNS: dict[int, tuple[re.Pattern[str], _Runs | None]] = {}
"""For each pattern :func:`avoid_matcher` made (by its ``id``: a pattern's own hash reads all of its
compiled code), what a sentence must hold (None when a form of a word starts with a character that is
not a word character, or holds one outside ASCII: every sentence is then searched in full)."""

_RUN = re.compile(r"\w+")
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")
"""A letter or digit outside ASCII: lower case letters may then match other letters than they read as
(the Kelvin sign is a K to the pattern), so such a sentence is always searched in full."""


def _runs(entries: Sequence[tuple[str, str]]) -> _Runs | None:
    words: list[tuple[frozenset[str], ...]] = []
    by_anchor: dict[str, list[int]] = {}
    for place, (key, _) in enumerate(entries):
        parts = key.split(" ")
        runs = []
        for part in parts:
            forms = _inflections(part)
            found = [_RUN.match(form) for form in forms]
            # A letter outside ASCII in an entry may match an ASCII one ("ſ" is an "s" to the pattern).
            if not all(found) or not all(form.isascii() for form in forms):
                return None
            runs.append(frozenset(run.group().lower() for run in found if run is not None))
        words.append(tuple(runs))
        anchor = max(range(len(parts)), key=lambda i: len(parts[i]))
        for run in runs[anchor]:
            by_anchor.setdefault(run, []).append(place)
    return _Runs(tuple(words), {run: tuple(p) for run, p in by_anchor.items()}, frozenset(by_anchor))


def _cannot_match(sentence: str, matcher: re.Pattern[str]) -> bool:
    """Whether no entry can be in ``sentence``, found without the whole pattern (which took most of the
    time scoring takes): no entry has each of its words' runs in it (:class:`_Runs`). Matched in lower
    case, so only for a sentence without letters or digits outside ASCII."""
    made = _RUNS.get(id(matcher))
    runs = made[1] if made is not None and made[0] is matcher else None
    if runs is None or _NON_ASCII_WORD.search(sentence):
        return False
    held = set(_RUN.findall(sentence.lower()))
    for anchor in held & runs.anchors:
        for place in runs.by_anchor[anchor]:
            if all(not word.isdisjoint(held) for word in runs.words[place]):
                return False
    return True


def find_avoid_words(
    sentence: str, matcher: re.Pattern[str], alternatives: tuple[str, ...]
) -> Iterator[FlaggedWord]:
    """The words to avoid in ``sentence``, outside its links."""
    if _cannot_match(sentence, matcher):
        return
    links: list[tuple[int, int]] | None = None  # found once something is
    for match in matcher.finditer(sentence):
        if links is None:
            links = [link.span() for link in LINK_RE.finditer(sentence)]
        start, end = match.span()
        if any(start < link_end and link_start < end for link_start, link_end in links):
            continue
        # Each alternative is its own (only) capturing group, so lastindex says which entry matched.
        index = match.lastindex
        if index is None:  # pragma: no cover - every alternative is a group
            continue
        yield FlaggedWord(word=match.group(0), alternative=alternatives[index - 1], sentence=sentence)
