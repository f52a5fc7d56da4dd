"""``charterkit check``: check charter files as the build would, without building the site."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from charterkit.cli.annotations import annotation, in_github_actions, workspace_path
from charterkit.cli.opening import charter_paths, open_project
from charterkit.errors import INFO, Problem
from charterkit.load.check import Report, check_project
from charterkit.load.project import Project

__all__ = ["add_parser", "check_files", "print_result", "run"]

HELP = "check charter files and readability targets, without building the site"

DESCRIPTION = """\
Check charter files as the site's build does: the format of every field, pictures, themes, dates,
slugs that two charters share, text still holding the example text of "charterkit new", and the
readability targets set in mkdocs.yml. Each problem is printed on one line:

  charters/FILE.yml:LINE: field: what is wrong. How to fix it.

With no FILES, every charter in the charters folder is checked. Inside GitHub Actions
(GITHUB_ACTIONS=true) each problem is also printed as a workflow annotation, so it shows on the line
of the file in the pull request.

exit codes:
  0  every charter is fine
  1  problems were found (listed above the count)
  2  the command could not run: a file that does not exist, or a broken mkdocs.yml
  3  an internal error in charterkit (please report it)
"""

EPILOG = """\
examples:
  charterkit check                          check every charter
  charterkit check charters/my-council.yml  check one file
  charterkit check --no-targets             skip the readability targets
  charterkit check --format github          print GitHub annotations outside Actions too
"""

ANNOTATION_TITLE = "Charter check"
TARGET_TITLE = "Readability target"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``charterkit check``."""
    p = subparsers.add_parser(
        "check",
        help=HELP,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILES",
        help="charter files (or folders of them) to check; default: the charters folder",
    )
    p.add_argument(
        "--format",
        choices=("text", "github"),
        default=None,
        help="text: plain lines; github: plain lines and GitHub annotations "
        "(the default when GITHUB_ACTIONS=true)",
    )
    p.add_argument("--no-targets", action="store_true", help="do not check the readability targets")
    p.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="also list text over a target that a charter accepts as published",
    )
    p.add_argument(
        "--config-file",
        "-f",
        metavar="FILE",
        help="the site's mkdocs.yml (default: the nearest one in this folder or above)",
    )
    p.set_defaults(run=run)


def check_files(files: Sequence[str], project: Project, *, use_targets: bool = True) -> Report:
    """Check ``files`` (default: every charter of the project) with the build's own check."""
    return check_project(project, charter_paths(files, project), targets=use_targets)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _over_target(n: int) -> str:
    return f"{_plural(n, 'part')} of the text {'is' if n == 1 else 'are'} over a readability target"


def _annotation_text(problem: Problem) -> str:
    text = f"{problem.message} {problem.fix}".strip()
    return f"{problem.field}: {text}" if problem.field else text


def _accepted_line(report: Report, file: str) -> tuple[int, str]:
    """The line of a charter's ``readability:`` note, and its reason, for the notice about accepted text."""
    item = next((c for c in report.charters if c.display_path == file), None)
    if item is None:
        return 1, ""
    reason = item.charter.readability.reason if item.charter.readability else ""
    return item.line_of(("readability",)), reason


def _notes(report: Report) -> list[Problem]:
    """Published text over a target in charters that do not yet record it under ``readability:``:
    information that names the line to add, shown every time, never failing."""
    unrecorded = {c.display_path for c in report.charters if c.charter.readability is None}
    return [p for p in report.accepted if p.file in unrecorded]


def print_result(report: Report, *, github: bool, verbose: bool) -> None:
    """Plain lines for people; with ``github``, annotations for the pull request too."""
    errors = [p for p in report.every() if p.level != INFO]
    notes = _notes(report)
    for p in report.every():
        if p.level != INFO:
            print(p)
        elif p in notes:
            print(f"{p} (information, not an error)")
        elif verbose:
            print(f"{p} (accepted: text as published)")
    accepted = [p for p in report.accepted if p not in notes]
    _print_count(report, errors, accepted, verbose=verbose)
    if github:
        _print_annotations(report, errors, notes, accepted)


def _print_count(report: Report, errors: list[Problem], accepted: list[Problem], *, verbose: bool) -> None:
    """How many problems in how many files, and how much text is over a target but accepted."""
    checked = _plural(len(report.files), "charter file")
    if errors:
        bad_files = len({p.file for p in errors})
        print(
            f"Found {_plural(len(errors), 'problem')} in {bad_files} of {checked}. "
            "Fix them, then check again."
        )
    else:
        print(f"Checked {checked}: no problems found.")
    if accepted and not verbose:
        print(
            f"{_over_target(len(accepted))} but reproduced as published, as the charters record "
            "(see charterkit report, or use --verbose)."
        )


def _print_annotations(
    report: Report, errors: list[Problem], notes: list[Problem], accepted: list[Problem]
) -> None:
    """GitHub annotations: each error, each note, and one notice a file for its accepted text."""
    targets = set(map(id, report.targets))

    def show(level: str, text: str, file: str, line: int, title: str) -> None:
        where = workspace_path(report.paths[file], file)
        print(annotation(level, text, file=where, line=line, title=title))

    for p in errors:
        title = TARGET_TITLE if id(p) in targets else ANNOTATION_TITLE
        show("error", _annotation_text(p), p.file, p.line, title)
    for p in notes:
        show("notice", _annotation_text(p), p.file, p.line, "Readability (published text)")
    for file in report.files:
        count = sum(1 for p in accepted if p.file == file)
        if count:
            line, reason = _accepted_line(report, file)
            reason = f" {reason}" if reason else ""
            text = (
                f"{_over_target(count)} and accepted as published.{reason} The readability report lists them."
            )
            show("notice", text, file, line, "Readability (accepted)")


def run(args: argparse.Namespace) -> int:
    """Run ``charterkit check``; the exit code is 0 (fine), 1 (problems) or 2 (cannot run)."""
    report = check_files(
        args.files, open_project(args.config_file, args.files), use_targets=not args.no_targets
    )
    github = args.format == "github" or (args.format is None and in_github_actions())
    print_result(report, github=github, verbose=args.verbose)
    return 1 if report.failed else 0
