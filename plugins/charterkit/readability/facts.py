"""What scoring reads in each sentence, read once per charter.

A charter is scored whole and section by section, and its sentences are checked against the targets:
each sentence would be split, counted and searched for words to avoid three times. :class:`Seen` keeps
what was found in each text unit and sentence while one charter is scored, so each is read once. It is
made afresh for every charter: nothing is kept between charters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from charterkit.readability.sentences import split_sentences, tokens
from charterkit.readability.syllables import count_syllables
from charterkit.readability.words import FlaggedWord, find_avoid_words, hard_word_key

__all__ = ["HARD_WORD_SYLLABLES", "Seen", "SentenceFacts", "sentence_facts"]

HARD_WORD_SYLLABLES = 3
"""A word with this many syllables or more is listed as a hard word (the usual "polysyllable" cut-off
used by Gunning fog and SMOG)."""


@dataclass(frozen=True)
class SentenceFacts:
    """One sentence's words and syllables, its long words, and how its words are capitalised."""

    words: int
    syllables: int
    long_words: tuple[str, ...]
    """Words of 3 or more syllables, in order."""
    capitalised: frozenset[str]
    """Written with a capital after the sentence's first word: names, unless also written in small letters."""
    small: frozenset[str]


def sentence_facts(sentence: str) -> SentenceFacts:
    """Count one sentence's words and syllables, and note its long and capitalised words."""
    words = syllables = 0
    long_words: list[str] = []
    capitalised: set[str] = set()
    small: set[str] = set()
    for token in tokens(sentence):
        words += 1
        word = token.group()
        word_syllables = count_syllables(word)
        syllables += word_syllables
        if token.lastgroup != "word":
            if token.lastgroup == "abbr" and word_syllables >= HARD_WORD_SYLLABLES:
                long_words.append(word)
            continue
        key = hard_word_key(word)
        if word[0].isupper():
            if words > 1:
                capitalised.add(key)
        else:
            small.add(key)
        if word_syllables >= HARD_WORD_SYLLABLES:
            long_words.append(word)
    return SentenceFacts(words, syllables, tuple(long_words), frozenset(capitalised), frozenset(small))


@dataclass
class Seen:
    """The sentences of each text unit, and the facts and words to avoid of each sentence, of one charter."""

    _sentences: dict[str, list[str]] = field(default_factory=dict)
    _facts: dict[str, SentenceFacts] = field(default_factory=dict)
    _flagged: dict[tuple[str, int], tuple[FlaggedWord, ...]] = field(default_factory=dict)

    def sentences(self, unit: str) -> list[str]:
        """:func:`~charterkit.readability.sentences.split_sentences` of ``unit``."""
        found = self._sentences.get(unit)
        if found is None:
            found = self._sentences[unit] = split_sentences(unit)
        return found

    def facts(self, sentence: str) -> SentenceFacts:
        """:func:`sentence_facts` of ``sentence``."""
        found = self._facts.get(sentence)
        if found is None:
            found = self._facts[sentence] = sentence_facts(sentence)
        return found

    def flagged(
        self, sentence: str, matcher: re.Pattern[str], alternatives: tuple[str, ...]
    ) -> tuple[FlaggedWord, ...]:
        """The words to avoid in ``sentence`` (:func:`~charterkit.readability.words.find_avoid_words`)."""
        key = (sentence, id(matcher))
        found = self._flagged.get(key)
        if found is None:
            found = self._flagged[key] = tuple(find_avoid_words(sentence, matcher, alternatives))
        return found
