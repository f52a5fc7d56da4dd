"""``charterkit report``: the readability report of the site, in the terminal or as Markdown."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from charterkit.cli.opening import open_project
from charterkit.errors import CharterError
from charterkit.load.check import check_project
from charterkit.load.project import UsageError
from charterkit.readability.report import report_markdown, report_terminal
from charterkit.readability.scoring import DEFAULT_TARGETS

__all__ = ["add_parser", "run"]

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


def _write(path: Path, text: str, *, append: bool) -> None:
    try:
        with path.open("a" if append else "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise UsageError(f"{path}: cannot be written ({exc.strerror}).") from None


def run(args: argparse.Namespace) -> int:
    """Run ``charterkit report``."""
    project = open_project(args.config_file)
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
