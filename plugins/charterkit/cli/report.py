"""``charterkit report``: the readability report of the site, in the terminal or as Markdown."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from charterkit.errors import CharterError
from charterkit.load.check import check_project
from charterkit.load.project import UsageError, load_project
from charterkit.readability.scoring import (
    DEFAULT_TARGETS,
    EASY_READ,
    STANDARD,
    VARIANT_NAMES,
    CharterScores,
    Targets,
    report_markdown,
)
from charterkit.readability.sentences import count_words

__all__ = ["add_parser", "report_terminal", "run"]

HELP = "write the readability report (every charter compared, longest sentences, words to avoid)"

DESCRIPTION = """\
The readability report of the site's charters, the same as its "Readability report" page: every
charter compared, then for each one its longest sentences, hard words, words to avoid and the text
over a target. Targets come from the charterkit/readability settings in mkdocs.yml.

Printed as plain text, or as Markdown with --format markdown. With --output, written to a file
(Markdown unless --format text). Inside GitHub Actions, when GITHUB_STEP_SUMMARY is set and there is no
--output, the Markdown is added to the job's summary page and the text is printed.

exit codes:
  0  the report was written (text over a target does not change this: use charterkit check)
  1  a charter has problems, so there is no report (they are listed)
  2  the command could not run: a broken mkdocs.yml or an output file that cannot be written
"""

EPILOG = """\
examples:
  charterkit report
  charterkit report --format markdown --output readability.md
  GITHUB_STEP_SUMMARY=summary.md charterkit report
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``charterkit report``."""
    p = subparsers.add_parser(
        "report",
        help=HELP,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--format",
        choices=("text", "markdown"),
        default=None,
        help="text (default in the terminal) or markdown (default for --output)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of printing it")
    p.add_argument(
        "--config-file",
        "-f",
        metavar="FILE",
        help="the site's mkdocs.yml (default: the nearest one in this folder or above)",
    )
    p.set_defaults(run=run)


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def report_terminal(all_scores: Sequence[CharterScores], targets: dict[str, Targets] | None = None) -> str:
    """The report as plain text: the same content as the report page, laid out for a terminal."""
    targets = {**DEFAULT_TARGETS, **(targets or {})}
    st, er = targets[STANDARD], targets[EASY_READ]
    out = [
        f"Readability report: {len(all_scores)} charter{'s' if len(all_scores) != 1 else ''}",
        "",
        f"Targets: standard text reading age {st.max_reading_age:g} or under, sentences of at most "
        f"{st.max_sentence_words} words; easy read reading age {er.max_reading_age:g} or under, sentences of "
        f"at most {er.max_sentence_words} words. Reading age is the Flesch-Kincaid grade plus 5.",
        "",
        "All charters compared",
        "",
    ]
    rows = [
        [
            "Charter",
            "Version",
            "Reading age",
            "Flesch",
            "Words a sentence (average/longest)",
            "Over the limit",
        ]
    ]
    for cs in all_scores:
        for variant, sc in ((STANDARD, cs.standard), (EASY_READ, cs.easy_read)):
            if sc is not None:
                rows.append(
                    [
                        cs.title,
                        VARIANT_NAMES[variant],
                        f"{sc.reading_age:.1f}",
                        f"{sc.flesch_reading_ease:.1f}",
                        f"{sc.average_sentence_words:.1f} / {sc.longest_sentence_words}",
                        f"{len(sc.over_limit)} of {sc.sentences} ({sc.over_limit_share:.0%})",
                    ]
                )
    out += _table(rows)
    for cs in all_scores:
        out += ["", f"{cs.title} ({cs.file})"]
        if cs.accepted_reason:
            out.append(f"  {cs.accepted_note}")
        for variant, sc in ((STANDARD, cs.standard), (EASY_READ, cs.easy_read)):
            if sc is None:
                out.append("  Easy read: none yet.")
                continue
            out.append(f"  {VARIANT_NAMES[variant]}:")
            out.append("    Longest sentences:" if sc.longest_sentences else "    Longest sentences: none")
            out += [f'      - "{s}" ({count_words(s)} words)' for s in sc.longest_sentences]
            hard = ", ".join(sc.hard_words)
            out.append(f"    Hard words (3 or more syllables): {hard or 'none'}")
            flagged = "; ".join(f"{w.word} (try: {w.alternative})" for w in sc.words_to_avoid)
            out.append(f"    Words to avoid: {flagged or 'none'}")
        if cs.problems:
            out.append("  Over target:")
            out += [f"    - {'(accepted) ' if p.accepted else ''}{p.field}: {p.message}" for p in cs.problems]
    return "\n".join(out) + "\n"


def _write(path: Path, text: str, *, append: bool) -> None:
    try:
        with path.open("a" if append else "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise UsageError(f"{path}: cannot be written ({exc.strerror}).") from None


def run(args: argparse.Namespace) -> int:
    """Run ``charterkit report``."""
    project = load_project(args.config_file)
    if not project.charters_dir.is_dir():
        raise UsageError(f"the charters folder {project.charters_dir} does not exist.")
    targets = project.targets or dict(DEFAULT_TARGETS)
    # The build's own check (a site without charterkit/readability still gets a report, at the defaults).
    checked = check_project(replace(project, targets=targets), glyphs=False, braille=False)
    if checked.errors:
        print(
            CharterError(checked.errors)
            .report()
            .replace("Nothing was built.", "No report was made: run charterkit check.")
        )
        return 1
    scores = sorted(checked.scores, key=lambda s: s.title.lower())
    if args.output:
        fmt = args.format or "markdown"
        text = report_markdown(scores, targets) if fmt == "markdown" else report_terminal(scores, targets)
        _write(Path(args.output), text, append=False)
        print(f"Wrote the readability report to {args.output}.")
        return 0
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        _write(Path(summary), report_markdown(scores, targets), append=True)
    if args.format == "markdown":
        sys.stdout.write(report_markdown(scores, targets))
    else:
        sys.stdout.write(report_terminal(scores, targets))
    return 0
