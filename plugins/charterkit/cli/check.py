"""``charterkit check``: check charter files as the build would, without building the site."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from charterkit.cli.annotations import annotation, in_github_actions, workspace_path
from charterkit.cli.project import Project, UsageError, load_project, not_a_file
from charterkit.errors import CharterError, Problem
from charterkit.format.icons import IconSet, load_icon_set
from charterkit.load.loader import LoadedCharter, find_charter_files, load_charter, slug_problems
from charterkit.load.yamlsource import Located, load_yaml
from charterkit.readability.scoring import Targets, score_charter

__all__ = ["CheckResult", "add_parser", "check_files", "run"]

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


@dataclass
class FileResult:
    """What was found in one charter file."""

    path: Path
    display: str
    problems: list[Problem] = field(default_factory=list)
    target_problems: list[Problem] = field(default_factory=list)
    accepted: list[Problem] = field(default_factory=list)
    accepted_line: int = 1
    accepted_reason: str = ""


@dataclass
class CheckResult:
    """Every file checked, with its problems."""

    files: list[FileResult]

    @property
    def errors(self) -> list[tuple[FileResult, Problem, str]]:
        """Every problem that fails the check, with the annotation title for it."""
        return [(f, p, ANNOTATION_TITLE) for f in self.files for p in f.problems] + [
            (f, p, TARGET_TITLE) for f in self.files for p in f.target_problems
        ]


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


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _targets_of(files: Sequence[str], project: Project) -> list[Path]:
    if not files:
        if not project.charters_dir.is_dir():
            raise UsageError(
                f"the charters folder {project.charters_dir} does not exist. "
                "Create it, or set charters_dir in mkdocs.yml."
            )
        return find_charter_files(project.charters_dir)
    out: list[Path] = []
    for name in files:
        path = Path(name)
        if not name:
            raise UsageError(
                'an empty file name (""). Give a charter file or folder, or nothing to check every charter.'
            )
        if path.is_dir():
            if project.config_file is not None and path.resolve() == project.root.resolve():
                path = project.charters_dir  # "check ." in the site's folder: its charters, not mkdocs.yml
            out.extend(find_charter_files(path))
            continue
        problem = not_a_file(path)
        if problem:
            raise UsageError(f"{name}: {problem} Give a charter file (.yml) or a folder of them.")
        out.append(path)
    return out


def _slug_of(located: Located | None, path: Path) -> str:
    if located is not None and isinstance(located.data, dict) and isinstance(located.data.get("slug"), str):
        return str(located.data["slug"])
    return path.stem


def _load(path: Path, display: str) -> Located | None:
    try:
        return load_yaml(path, display)
    except CharterError:
        return None


def _target_problems(
    item: LoadedCharter, located: Located, targets: dict[str, Targets], result: FileResult
) -> None:
    scores = score_charter(item, targets)
    for tp in scores.problems:
        problem = Problem(tp.file, tp.line, tp.field, tp.message)
        (result.accepted if tp.accepted else result.target_problems).append(problem)
    result.accepted_reason = scores.accepted_reason
    result.accepted_line = located.line_of(("readability",))


def _check_one(
    path: Path,
    display: str,
    located: Located | None,
    project: Project,
    icons: IconSet | None,
    use_targets: bool,
) -> FileResult:
    result = FileResult(path, display)
    if located is None:
        try:
            load_yaml(path, display)
        except CharterError as exc:
            result.problems.extend(exc.problems)
        return result
    try:
        item: LoadedCharter | None = load_charter(path, display, icons=icons)
    except CharterError as exc:
        item = None
        result.problems.extend(exc.problems)
    if item is None:
        return result
    if item.charter.easy_read is None and project.missing_easy_read == "warn":
        result.problems.append(
            Problem(
                display,
                1,
                "easy_read",
                "this charter has no easy-read version, and the site needs one.",
                'Add an "easy_read:" part (the format page shows how), or ask the site\'s owner to set '
                "missing_easy_read: ignore in mkdocs.yml.",
            )
        )
    if use_targets and project.targets is not None:
        _target_problems(item, located, project.targets, result)
    return result


def check_files(files: Sequence[str], project: Project, *, use_targets: bool = True) -> CheckResult:
    """Check ``files`` (default: every charter of the project), as the build would."""
    targets = _targets_of(files, project)
    icons = load_icon_set()
    root = project.root
    # Two charters with the same slug can only be seen with all of them: read the whole folder too.
    everything = {p.resolve(): p for p in find_charter_files(project.charters_dir)}
    everything.update({p.resolve(): p for p in targets})
    located = {key: _load(p, _display(p, root)) for key, p in everything.items()}
    # The build's own rule (charters sharing a slug, or taking one of the site's pages), over every file.
    slug_lines = {k: (loc.lines.get(("slug",), 1) if loc is not None else 1) for k, loc in located.items()}
    ordered = sorted(everything, key=lambda k: _display(everything[k], root))
    by_file: dict[str, list[Problem]] = {}
    for problem in slug_problems(
        [(_display(everything[k], root), _slug_of(located[k], everything[k]), slug_lines[k]) for k in ordered]
    ):
        by_file.setdefault(problem.file, []).append(problem)
    results = []
    for path in dict.fromkeys(p.resolve() for p in targets):
        display = _display(path, root)
        result = _check_one(everything[path], display, located[path], project, icons, use_targets)
        result.problems.extend(by_file.get(display, []))
        result.problems.sort(key=lambda p: (p.line, p.field, p.message))
        results.append(result)
    return CheckResult(results)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _over_target(n: int) -> str:
    return f"{_plural(n, 'part')} of the text {'is' if n == 1 else 'are'} over a readability target"


def _annotation_text(problem: Problem) -> str:
    text = f"{problem.message} {problem.fix}".strip()
    return f"{problem.field}: {text}" if problem.field else text


def print_result(result: CheckResult, *, github: bool, verbose: bool) -> None:
    """Plain lines for people; with ``github``, annotations for the pull request too."""
    errors = result.errors
    for f in result.files:
        for p in f.problems + f.target_problems:
            print(p)
        if verbose:
            for p in f.accepted:
                print(f"{p} (accepted: text as published)")
    checked = _plural(len(result.files), "charter file")
    if errors:
        bad_files = len({f.path for f, _, _ in errors})
        print(
            f"Found {_plural(len(errors), 'problem')} in {bad_files} of {checked}. "
            "Fix them, then check again."
        )
    else:
        print(f"Checked {checked}: no problems found.")
    accepted = sum(len(f.accepted) for f in result.files)
    if accepted and not verbose:
        print(
            f"{_over_target(accepted)} but reproduced as published, as the charters record "
            "(see charterkit report, or use --verbose)."
        )
    if not github:
        return
    for f, p, title in errors:
        print(
            annotation(
                "error", _annotation_text(p), file=workspace_path(f.path, f.display), line=p.line, title=title
            )
        )
    for f in result.files:
        if f.accepted:
            reason = f" {f.accepted_reason}" if f.accepted_reason else ""
            print(
                annotation(
                    "notice",
                    f"{_over_target(len(f.accepted))} and accepted as published.{reason} "
                    "The readability report lists them.",
                    file=workspace_path(f.path, f.display),
                    line=f.accepted_line,
                    title="Readability (accepted)",
                )
            )


def run(args: argparse.Namespace) -> int:
    """Run ``charterkit check``; the exit code is 0 (fine), 1 (problems) or 2 (cannot run)."""
    project = load_project(args.config_file)
    result = check_files(args.files, project, use_targets=not args.no_targets)
    github = args.format == "github" or (args.format is None and in_github_actions())
    print_result(result, github=github, verbose=args.verbose)
    return 1 if result.errors else 0
