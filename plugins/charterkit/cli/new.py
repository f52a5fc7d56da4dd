"""``charterkit new``: write a new charter file to fill in, from a few questions or flags."""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from charterkit.cli.template import Answers, render_template
from charterkit.errors import shown
from charterkit.format.model import PartialDate
from charterkit.format.rules import is_slug
from charterkit.load.project import UsageError, load_project
from charterkit.store import explain_os_error

__all__ = ["add_parser", "make_slug", "run"]

HELP = "write a new charter file to fill in"

DESCRIPTION = """\
Write a new charter file, charters/SLUG.yml, with every field explained in a comment and
"TODO: ..." where the charter's own words go. "charterkit check" lists every TODO still left.

Give what you know as options. Anything missing is asked for when you run the command in a terminal
(press Enter to leave the TODO in the file), and left as a TODO otherwise. An existing file is never
overwritten.

exit codes:
  0  the file was written
  2  it was not: the file exists already, or an option is not valid
"""

EPILOG = """\
examples:
  charterkit new
  charterkit new --title "Our co-production charter" --organisation "Example Council" \\
                 --area Exampleshire --sector "Adult social care" --published 2025-06
  charterkit new --slug example-council --output charters
  charterkit new --print > my-charter.yml
"""

_DATE: TypeAdapter[str] = TypeAdapter(PartialDate)
_OPTIONAL = ("organisation", "area", "sector", "published")
"""The fields an editor may answer with "-": the source gives none."""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``charterkit new``."""
    p = subparsers.add_parser(
        "new",
        help=HELP,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--title", help="the charter's title, as the source gives it")
    p.add_argument("--organisation", help="the organisation, as the source names it (- if it names none)")
    p.add_argument("--area", help="the place the charter covers (- if the source names none)")
    p.add_argument("--sector", help="the kind of service, such as adult social care (- if none)")
    p.add_argument(
        "--published", help="the date as the source gives it: 2025, 2025-06 or 2025-06-30 (- if none)"
    )
    p.add_argument(
        "--slug",
        help="the file name and web address part (default: made from the title, with the organisation's "
        "name in front if another charter has that title)",
    )
    p.add_argument("--output", metavar="DIR", help="the folder to write to (default: the charters folder)")
    p.add_argument(
        "--print", action="store_true", dest="print_only", help="print the file instead of writing it"
    )
    p.add_argument("--no-input", action="store_true", help="never ask questions, even in a terminal")
    p.add_argument(
        "--config-file",
        "-f",
        metavar="FILE",
        help="the site's mkdocs.yml (default: the nearest one in this folder or above)",
    )
    p.set_defaults(run=run)


def make_slug(text: str, limit: int = 60) -> str:
    """``Wolverhampton Children & Families`` → ``wolverhampton-children-families``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "")


def _check_date(value: str) -> str:
    try:
        return _DATE.validate_python(value)
    except ValidationError as exc:
        ctx = exc.errors()[0].get("ctx") or {}
        raise ValueError(f"{ctx.get('message', 'not a date.')} {ctx.get('fix', '')}".strip()) from None


def _ask(question: str, ask: Callable[[str], str], check: Callable[[str], str] | None = None) -> str | None:
    while True:
        answer = ask(f"{question}: ").strip()
        if not answer:
            return None
        if check is None:
            return answer
        try:
            return check(answer)
        except ValueError as exc:
            print(f"  {exc}", file=sys.stderr)


def _none_allowed(check: Callable[[str], str] | None) -> Callable[[str], str]:
    # "-" answers "the source gives none" for an optional field.
    def checked(value: str) -> str:
        return value if value == "-" or check is None else check(value)

    return checked


def gather(args: argparse.Namespace, ask: Callable[[str], str] | None) -> Answers:
    """The answers from the options, asking for the missing ones when ``ask`` is given."""
    values = {name: getattr(args, name) for name in ("title", "organisation", "area", "sector", "published")}
    omit: set[str] = set()
    for name in _OPTIONAL:
        if values[name] == "-":  # "the source gives none", as the questions allow
            omit.add(name)
            values[name] = None
    if values["published"] is not None:
        try:
            values["published"] = _check_date(values["published"])
        except ValueError as exc:
            raise UsageError(f"--published {values['published']}: {exc}") from None
    if ask is not None:
        print(
            "Answer a few questions about the charter. Press Enter to skip one: "
            'the file will then say "TODO" there, for you to fill in later.',
            file=sys.stderr,
        )
        questions = {
            "title": ("The charter's title, as the source gives it", None),
            "organisation": ("The organisation, as the source names it (type - if it names none)", None),
            "area": ("The place it covers, such as Bristol (type - if it names none)", None),
            "sector": (
                "The kind of service the source names, such as adult social care (type - if it names none)",
                None,
            ),
            "published": (
                "When it was published: 2025, 2025-06 or 2025-06-30 (type - if it gives none)",
                _check_date,
            ),
        }
        for name, (question, check) in questions.items():
            if values[name] is None and name not in omit:
                optional = name in _OPTIONAL
                answer = _ask(question, ask, _none_allowed(check) if optional else check)
                if answer == "-":
                    omit.add(name)
                else:
                    values[name] = answer
    return Answers(**values, omit=frozenset(omit))


def _taken(target: Path) -> bool:
    return target.exists() or target.with_suffix(".yaml").exists()


def _default_slug(answers: Answers, out_dir: Path) -> str:
    """The file name from the title, so that an organisation's second charter gets a name of its own;
    with the organisation's name in front when another charter already has that title."""
    title, org = answers.title or "", answers.organisation or answers.area or ""
    candidates = [make_slug(title), make_slug(f"{org} {title}"), make_slug(org)]
    candidates = [c for c in candidates if c] or ["new-charter"]
    return next((c for c in candidates if not _taken(out_dir / f"{c}.yml")), candidates[0])


def run(args: argparse.Namespace) -> int:
    """Run ``charterkit new``."""
    project = load_project(args.config_file)
    interactive = not args.no_input and not args.print_only and sys.stdin is not None and sys.stdin.isatty()
    answers = gather(args, input if interactive else None)
    out_dir = Path(args.output) if args.output else project.charters_dir
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--output {args.output}: is a file, not a folder. Give the folder to write to.")
    schema = project.root / "schema" / "charter.schema.json"
    schema_path = Path(os.path.relpath(schema.resolve(), out_dir.resolve())).as_posix()
    text = render_template(answers, schema_path=schema_path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # an option with bytes that are not text (--title $'\xff')
        bad = shown(exc.object[exc.start : exc.end].encode("utf-8", "backslashreplace").decode())
        raise UsageError(
            f"an answer holds {bad}, which is not text in UTF-8. Type it again, or set your terminal "
            "to UTF-8. Nothing was written."
        ) from None
    if args.print_only:
        sys.stdout.write(text)
        return 0
    slug = args.slug or _default_slug(answers, out_dir)
    if not is_slug(slug):
        raise UsageError(
            f"--slug {slug}: use lower-case letters, digits and single hyphens only, "
            "such as north-somerset-send."
        )
    target = out_dir / f"{slug}.yml"
    if _taken(target):
        raise UsageError(f"{target} already exists, so nothing was written. Choose another name with --slug.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_new(target, data)
    except OSError as exc:
        raise UsageError(
            f"{target} could not be written: {explain_os_error(exc)}. Nothing was written."
        ) from None
    rel = os.path.relpath(target)
    print(f"Wrote {rel}.")
    print(f'Next: replace every "TODO:" in it with the charter\'s words, then run: charterkit check {rel}')
    return 0


def write_new(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target``, which must not exist: all of it or nothing (a full disk leaves no
    empty or half file), and never over a file that appeared meanwhile."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        try:
            os.link(tmp, target)  # fails if the target exists, even in a race
        except FileExistsError:
            raise
        except OSError:  # a drive without hard links (FAT, some network drives)
            if target.exists():
                raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
