"""The readability report, as Markdown (a pull request's summary, a file) and as plain text (a terminal):
the same content as the report page, from the same scores."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from charterkit.readability.scoring import (
    DEFAULT_TARGETS,
    EASY_READ,
    STANDARD,
    VARIANT_NAMES,
    CharterScores,
    Targets,
)
from charterkit.readability.sentences import count_words
from charterkit.readability.text import Scores

__all__ = ["report_markdown", "report_terminal"]


def _variants(cs: CharterScores) -> Iterator[tuple[str, Scores | None]]:
    """The charter's standard scores, then its easy-read scores (None when it has no easy read)."""
    yield STANDARD, cs.standard
    yield EASY_READ, cs.easy_read


def _targets_sentence(targets: dict[str, Targets] | None, *, sep: str, dash: str) -> str:
    targets = {**DEFAULT_TARGETS, **(targets or {})}
    st, er = targets[STANDARD], targets[EASY_READ]
    return (
        f"Targets: standard text reading age {st.max_reading_age:g} or under{sep} sentences of at most "
        f"{st.max_sentence_words} words; easy read reading age {er.max_reading_age:g} or under{sep} "
        f"sentences of at most {er.max_sentence_words} words. "
        f"Reading age is the Flesch{dash}Kincaid grade plus 5."
    )


def _row(cs: CharterScores, variant: str, sc: Scores) -> list[str]:
    """One line of the table comparing every charter."""
    return [
        cs.title,
        VARIANT_NAMES[variant],
        f"{sc.reading_age:.1f}",
        f"{sc.flesch_reading_ease:.1f}",
        f"{sc.average_sentence_words:.1f} / {sc.longest_sentence_words}",
        f"{len(sc.over_limit)} of {sc.sentences} ({sc.over_limit_share:.0%})",
    ]


# -- Markdown --------------------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _md_variant(cs: CharterScores, variant: str, sc: Scores) -> list[str]:
    """One version of a charter: its longest sentences, hard words, words to avoid and sections."""
    longest = "; ".join(f'"{_md_escape(s)}" ({count_words(s)} words)' for s in sc.longest_sentences)
    lines = [f"### {VARIANT_NAMES[variant]}", "", "- Longest sentences: " + (longest or "none")]
    lines.append("- Hard words (3 or more syllables): " + (", ".join(sc.hard_words) or "none"))
    if sc.words_to_avoid:
        flagged = [f"{w.word} (try: {w.alternative})" for w in sc.words_to_avoid]
        lines.append("- Words to avoid: " + _md_escape("; ".join(flagged)))
    else:
        lines.append("- Words to avoid: none")
    sections = [s for s in cs.sections if s.variant == variant]
    if len(sections) > 1:
        lines += ["", "| Section | Reading age | Longest sentence |", "|---|---|---|"]
        lines += [
            f"| {_md_escape(s.title)} | {s.scores.reading_age:.1f} | "
            f"{s.scores.longest_sentence_words} words |"
            for s in sections
        ]
    return [*lines, ""]


def _md_charter(cs: CharterScores) -> list[str]:
    """A charter's part of the Markdown report."""
    lines = ["", f"## {_md_escape(cs.title)}", "", f"File: `{cs.file}`", ""]
    if cs.accepted_reason:
        lines += [_md_escape(cs.accepted_note), ""]
    for variant, sc in _variants(cs):
        lines += ["No easy read version yet.", ""] if sc is None else _md_variant(cs, variant, sc)
    if cs.problems:
        lines += ["### Over target", ""]
        lines += [
            f"- {'(accepted) ' if p.accepted else ''}`{p.field}`: {_md_escape(p.message)}"
            for p in cs.problems
        ]
        lines.append("")
    return lines


def report_markdown(all_scores: Sequence[CharterScores], targets: dict[str, Targets] | None = None) -> str:
    """A Markdown report comparing charters (for a terminal, a pull request summary or a page)."""
    lines = [
        "# Readability report",
        "",
        _targets_sentence(targets, sep=" and", dash="–"),
        "",
        "| Charter | Version | Reading age | Flesch reading ease | Words per sentence (average / longest) "
        "| Sentences over the limit |",
        "|---|---|---|---|---|---|",
    ]
    for cs in all_scores:
        for variant, sc in _variants(cs):
            if sc is not None:
                row = _row(cs, variant, sc)
                lines.append("| " + " | ".join([_md_escape(row[0]), *row[1:]]) + " |")
    for cs in all_scores:
        lines += _md_charter(cs)
    return "\n".join(lines).rstrip() + "\n"


# -- plain text ------------------------------------------------------------------------------------------


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _text_charter(cs: CharterScores) -> list[str]:
    """A charter's part of the plain-text report."""
    out = ["", f"{cs.title} ({cs.file})"]
    if cs.accepted_reason:
        out.append(f"  {cs.accepted_note}")
    for variant, sc in _variants(cs):
        if sc is None:
            out.append("  Easy read: none yet.")
            continue
        out.append(f"  {VARIANT_NAMES[variant]}:")
        out.append("    Longest sentences:" if sc.longest_sentences else "    Longest sentences: none")
        out += [f'      - "{s}" ({count_words(s)} words)' for s in sc.longest_sentences]
        out.append(f"    Hard words (3 or more syllables): {', '.join(sc.hard_words) or 'none'}")
        flagged = "; ".join(f"{w.word} (try: {w.alternative})" for w in sc.words_to_avoid)
        out.append(f"    Words to avoid: {flagged or 'none'}")
    if cs.problems:
        out.append("  Over target:")
        out += [f"    - {'(accepted) ' if p.accepted else ''}{p.field}: {p.message}" for p in cs.problems]
    return out


def report_terminal(all_scores: Sequence[CharterScores], targets: dict[str, Targets] | None = None) -> str:
    """The report as plain text: the same content as the report page, laid out for a terminal."""
    out = [
        f"Readability report: {len(all_scores)} charter{'s' if len(all_scores) != 1 else ''}",
        "",
        _targets_sentence(targets, sep=",", dash="-"),
        "",
        "All charters compared",
        "",
    ]
    header = [
        "Charter",
        "Version",
        "Reading age",
        "Flesch",
        "Words a sentence (average/longest)",
        "Over the limit",
    ]
    rows = [header]
    rows += [_row(cs, variant, sc) for cs in all_scores for variant, sc in _variants(cs) if sc is not None]
    out += _table(rows)
    for cs in all_scores:
        out += _text_charter(cs)
    return "\n".join(out) + "\n"
