"""Sentences and words as the readability scores count them: where a sentence ends, what one word is
(links, e-mail addresses, dotted abbreviations and numbers are each one word).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "EXCEPTION_WORD_RE",
    "LETTER_RE",
    "LINK_RE",
    "NON_WORD_CHARS_RE",
    "WHITESPACE_RE",
    "count_words",
    "is_link",
    "split_sentences",
    "tokens",
]

# Links and e-mail addresses are read as one unit, so they count as one word of one syllable and are
# never hard words: a charter must be able to give a contact address without being marked down for it.
_LINK_PATTERN = (
    r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}'’”]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    # Bare domains such as GOV.UK or nhs.uk; limited to common endings so that a missing space after a
    # full stop ("end.Next") is not mistaken for a link.
    r"|(?<![\w@.])(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|nhs|info|io|eu|scot|wales)\b"
    r"(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]}'’”])?"
)
LINK_RE = re.compile(_LINK_PATTERN, re.IGNORECASE)

# One token per word. Order matters: links first (they contain dots and @), then dotted abbreviations
# such as "e.g." (one word, not two), then numbers with separators ("3.5", "1,000", "10:30"), then ordinary
# words. Hyphens and apostrophes between letters keep a word whole ("co-production", "don't").
_TOKEN_RE = re.compile(
    rf"(?P<link>{_LINK_PATTERN})"
    r"|(?P<abbr>(?<![^\W_])(?:[^\W\d_]\.){2,})"
    r"|(?P<number>\d+(?:[.,:]\d+)+)"
    r"|(?P<word>[^\W_]+(?:['’‐‑-][^\W_]+)*)",
    re.IGNORECASE,
)

# A run of terminal punctuation, with any closing quotes or brackets, followed by a space or the end.
# Requiring the space means dots inside "3.5", "gov.uk" or "a@b.org" never end a sentence.
_BOUNDARY_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")

# Abbreviations that are always followed by more of the same sentence.
_NEVER_ENDS_SENTENCE = frozenset({"e.g", "i.e", "eg", "ie", "vs", "cf", "approx"}) | frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "prof", "st", "cllr", "rev"}  # titles come before a name
)
# Abbreviations that can end a sentence ("pens, paper etc. Then...") but usually do not: they end one only
# when the next word starts with a capital letter.
_MAY_END_SENTENCE = frozenset({"etc", "incl"})
_DOTTED_ABBREVIATION_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")

WHITESPACE_RE = re.compile(r"\s+")
LETTER_RE = re.compile(r"[^\W\d_]")
NON_WORD_CHARS_RE = re.compile(r"[^\w']+|_")
# An entry in the syllable exceptions list: one word, letters with apostrophes only inside, because
# count_syllables looks up each part of a hyphenated word on its own, with outer apostrophes stripped.
EXCEPTION_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def tokens(text: str) -> Iterator[re.Match[str]]:
    return _TOKEN_RE.finditer(text)


def is_link(word: str) -> bool:
    return LINK_RE.fullmatch(word) is not None


def count_words(sentence: str) -> int:
    """Count words in ``sentence``.

    A word is a token with at least one letter or digit. Hyphenated words ("co-production"), contractions
    ("don't"), dotted abbreviations ("e.g."), numbers ("1,000") and links or e-mail addresses each count
    as one word. Punctuation and dashes on their own are not words.
    """
    return sum(1 for _ in tokens(sentence))


# --------------------------------------------------------------------------------------------------------
# Sentences


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    """Decide whether a full stop at ``text[dot]`` (boundary match ending at ``after``) ends a sentence."""
    # split_sentences has collapsed whitespace to single spaces, so the word before is after the last space.
    last = text[text.rfind(" ", 0, dot) + 1 : dot].lstrip("([{\"'“‘").lower()
    if last in _NEVER_ENDS_SENTENCE:
        return False
    if last in _MAY_END_SENTENCE or _DOTTED_ABBREVIATION_RE.fullmatch(last):
        following = text[after:].lstrip().lstrip("\"'“‘([")
        return following[:1].isupper()
    return True


def split_sentences(text: str) -> list[str]:
    """Split one text unit (a paragraph or a bullet point) into sentences.

    Sentences end at ``.``, ``!`` or ``?`` followed by a space or the end of the unit. Whitespace inside each
    sentence is collapsed to single spaces. Text after the last full stop, or a unit with no full stop at
    all (a bullet point), is still a sentence. A full stop does not end a sentence after "e.g.", "i.e.",
    "Dr.", "Mr.", "Mrs.", "Ms.", "St." and similar titles, inside numbers ("3.5"), links or e-mail
    addresses, or after a leading list number ("1."). After "etc." or a dotted abbreviation ("a.m.") it ends
    one only if the next word starts with a capital. Pieces with no words are dropped.
    """
    text = WHITESPACE_RE.sub(" ", text).strip()
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        piece = text[start : match.end()].strip()
        # A piece with no letters ("1." before a list item, "..." on its own) is not a sentence yet.
        if not LETTER_RE.search(piece):
            continue
        if match.group().startswith(".") and not _ends_sentence(text, match.start(), match.end()):
            continue
        sentences.append(piece)
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [sentence for sentence in sentences if _TOKEN_RE.search(sentence)]  # a word at least
