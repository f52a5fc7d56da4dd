"""Readability of whole charters: which text is scored, targets, and the reports.

Scores are computed from the charter data (paragraphs and points, never headings or page markup), for
the standard text and the easy-read text separately, per section and whole. Text over a target becomes
a :class:`~charterkit.errors.Problem` that names the file, the field and the sentence.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from charterkit.errors import INFO, WARNING, Problem, format_path
from charterkit.format.model import Charter, Item, Principle, Section
from charterkit.load.loader import LoadedCharter
from charterkit.readability.facts import Seen
from charterkit.readability.text import Scores, score_texts

__all__ = [
    "DEFAULT_TARGETS",
    "RECORD_AS_PUBLISHED",
    "CharterScores",
    "SectionScores",
    "Targets",
    "TextUnit",
    "charter_units",
    "score_charter",
    "summary_sentence",
]

STANDARD = "standard"
EASY_READ = "easy_read"
VARIANT_NAMES = {STANDARD: "Standard", EASY_READ: "Easy read"}


@dataclass(frozen=True)
class Targets:
    """Targets for one variant of a charter."""

    max_sentence_words: int
    """No sentence may have more words than this."""
    max_reading_age: float
    """The whole text's UK reading age (Flesch–Kincaid grade + 5) may not be above this."""


DEFAULT_TARGETS: dict[str, Targets] = {
    STANDARD: Targets(max_sentence_words=25, max_reading_age=12),
    EASY_READ: Targets(max_sentence_words=15, max_reading_age=9),
}
"""Easy read: at most 15 words a sentence and a reading age of 9 or under (UK easy-read practice;
GOV.UK writes for a reading age of 9). Standard: at most 25 words a sentence and a reading age of 12
or under (NHS and Patient Information Forum guidance aims for 9 to 11; 12 allows for charters' formal
register)."""


@dataclass(frozen=True)
class TextUnit:
    """One paragraph or point, where it is in the charter file, and which section it belongs to."""

    variant: str
    section: str
    field: str
    text: str
    path: tuple[str | int, ...] = ()
    """The field's path as parts, for finding its line in the file."""


@dataclass(frozen=True)
class SectionScores:
    """Scores of one section of one variant."""

    variant: str
    title: str
    scores: Scores


@dataclass
class CharterScores:
    """Everything measured about one charter."""

    slug: str
    title: str
    file: str
    standard: Scores
    easy_read: Scores | None
    sections: list[SectionScores] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Text over a target: warnings, or information when the charter accepts it as published."""
    accepted_reason: str = ""

    @property
    def accepted_note(self) -> str:
        """The charter's reason for keeping its published wording, then what the report does about it,
        as whole sentences ("" when the charter records none). One wording for the site and the CLI."""
        if not self.accepted_reason:
            return ""
        reason = self.accepted_reason.strip()
        if reason[-1] not in ".!?":
            reason += "."
        return f"{reason} Its readability is reported here, but its words are not changed."


def _words(entry: str | Item) -> str | None:
    """The charter's own words in a paragraph or point: a named point's name and text; none for a gap,
    whose note is the editor's, not the charter's."""
    if isinstance(entry, str):
        return entry
    if entry.missing is not None:
        return None
    return f"{entry.name}: {entry.text}"


def _entry_units(
    owner: Principle | Section, names: tuple[str, ...], path: tuple[str | int, ...], section: str
) -> Iterator[TextUnit]:
    for name in names:
        for i, entry in enumerate(getattr(owner, name)):
            text = _words(entry)
            if text is not None:
                yield TextUnit(STANDARD, section, format_path((*path, name, i)), text, (*path, name, i))


def _principle_units(p: Principle, path: tuple[str | int, ...], section: str) -> Iterator[TextUnit]:
    yield from _entry_units(p, ("text", "points"), path, section)


def _section_units(s: Section, path: tuple[str | int, ...], section: str) -> Iterator[TextUnit]:
    yield from _entry_units(s, ("text", "points", "after"), path, section)
    for i, p in enumerate(s.principles):
        yield from _principle_units(p, (*path, "principles", i), section)
    for i, sub in enumerate(s.sections):
        yield from _section_units(sub, (*path, "sections", i), section)


def charter_units(charter: Charter) -> list[TextUnit]:
    """Every paragraph and point of both variants, in order. Headings are not scored."""
    units: list[TextUnit] = []
    for i, s in enumerate(charter.sections):
        title = s.title or ("Introduction" if s.kind == "introduction" else f"Section {i + 1}")
        units.extend(_section_units(s, ("sections", i), title))
    er = charter.easy_read
    if er is not None:
        if er.summary:
            units.append(
                TextUnit(EASY_READ, "Summary", "easy_read.summary", er.summary, ("easy_read", "summary"))
            )
        for i, es in enumerate(er.sections):
            for j, point in enumerate(es.points):
                parts: tuple[str | int, ...] = ("easy_read", "sections", i, "points", j, "text")
                units.append(TextUnit(EASY_READ, es.heading, format_path(parts), point.text, parts))
    return units


RECORD_AS_PUBLISHED = (
    'readability: {accept_over_target: [standard], reason: "The charter as its owner published it, '
    'reproduced word for word."}'
)
"""The line an editor adds to record that the standard text is published wording (see the format page)."""

_PUBLISHED_NOTE = (
    " This is the charter's published wording, so keep it word for word, and record that by adding "
    f"this line to the file: {RECORD_AS_PUBLISHED}"
)


def _problems(
    units: Sequence[TextUnit],
    scores: Scores,
    targets: Targets,
    loaded: LoadedCharter,
    variant: str,
    accepted: bool,
    published: bool = False,
    seen: Seen | None = None,
) -> list[Problem]:
    """Text over target. ``accepted``: recorded as published; ``published``: published wording the
    editor copied, not yet recorded. Neither gets advice to rewrite it, and both are information."""
    file = loaded.display_path
    out: list[Problem] = []
    level = INFO if accepted or published else WARNING
    # Published text cannot be rewritten by the editor, so it gets no "how to fix", only how to record it.
    fix = "" if accepted else _PUBLISHED_NOTE if published else " Split it into shorter sentences."
    seen = seen if seen is not None else Seen()
    for unit in units:
        for sentence in seen.sentences(unit.text):
            words = seen.facts(sentence).words
            if words > targets.max_sentence_words:
                out.append(
                    Problem(
                        file,
                        loaded.line_of(unit.path),
                        unit.field,
                        f"a sentence has {words} words (target: at most {targets.max_sentence_words}): "
                        f'"{sentence}".' + fix,
                        level=level,
                    )
                )
    if scores.words and scores.reading_age > targets.max_reading_age:
        where = "easy_read" if variant == EASY_READ else "sections"
        fix = (
            "" if accepted else _PUBLISHED_NOTE if published else " Use shorter sentences and everyday words."
        )
        out.append(
            Problem(
                file,
                loaded.line_of((where,)),
                where,
                f"the {VARIANT_NAMES[variant].lower()} text has a reading age of {scores.reading_age:.1f} "
                f"(target: {targets.max_reading_age:g} or under)." + fix,
                level=level,
            )
        )
    return out


def score_charter(loaded: LoadedCharter, targets: dict[str, Targets] | None = None) -> CharterScores:
    """Score a charter's standard and easy-read text, whole and per section, and check the targets."""
    targets = {**DEFAULT_TARGETS, **(targets or {})}
    charter = loaded.charter
    units = charter_units(charter)
    seen = Seen()  # each sentence is read once, for the whole text, its section and the targets
    accepted_note = charter.readability
    accepted = accepted_note is not None and STANDARD in accepted_note.accept_over_target
    result = CharterScores(
        loaded.slug,
        charter.title,
        loaded.display_path,
        standard=score_texts([]),
        easy_read=None,
        accepted_reason=accepted_note.reason if accepted_note else "",
    )
    for variant in (STANDARD, EASY_READ):
        mine = [u for u in units if u.variant == variant]
        if variant == EASY_READ and charter.easy_read is None:
            continue
        limit = targets[variant].max_sentence_words
        whole = score_texts([u.text for u in mine], sentence_limit=limit, seen=seen)
        if variant == STANDARD:
            result.standard = whole
        else:
            result.easy_read = whole
        for title in dict.fromkeys(u.section for u in mine):
            section_scores = score_texts(
                [u.text for u in mine if u.section == title], sentence_limit=limit, seen=seen
            )
            result.sections.append(SectionScores(variant, title, section_scores))
        is_standard = variant == STANDARD
        # Standard text is the source's published wording unless the charter says otherwise.
        published = is_standard and not accepted and charter.source.as_published
        result.problems += _problems(
            mine, whole, targets[variant], loaded, variant, accepted and is_standard, published, seen
        )
    return result


def _about(age: float) -> int:
    # Half up, as a reader rounds (Python's round() gives 12 for 12.5); never below 5, a school start.
    return max(5, math.floor(age + 0.5))


def summary_sentence(scores: CharterScores) -> str:
    """What a reader sees on a charter's page: "Reading age: about 12. Easy read: about 8."."""
    text = f"Reading age: about {_about(scores.standard.reading_age)}."
    if scores.easy_read is not None:
        text += f" Easy read: about {_about(scores.easy_read.reading_age)}."
    return text
