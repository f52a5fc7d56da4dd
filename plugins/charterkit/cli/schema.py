"""``charterkit schema``: the JSON Schema of the charter format, for editors' tools.

The committed copy, ``schema/charter.schema.json``, is what the modeline at the top of every charter
file points to (``# yaml-language-server: $schema=../schema/charter.schema.json``), so editors such as
VS Code suggest and check fields as they type.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from charterkit.format.schema import charter_schema
from charterkit.load.project import UsageError, load_project

__all__ = ["SCHEMA_FILE", "add_parser", "run", "schema_text"]

SCHEMA_FILE = Path("schema") / "charter.schema.json"

HELP = "print, write or check the JSON Schema of the charter format"

DESCRIPTION = """\
The JSON Schema of the charter format, made from the format itself. Without options it is printed.
--write saves it as schema/charter.schema.json next to mkdocs.yml, where the first line of every
charter file points editors' tools; --check says whether that copy is up to date.

exit codes:
  0  printed, written, or up to date
  1  (--check) the copy is missing or out of date: run charterkit schema --write
  2  the command could not run
"""

EPILOG = """\
examples:
  charterkit schema --write
  charterkit schema --check
  charterkit schema > charter.schema.json
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``charterkit schema``."""
    p = subparsers.add_parser(
        "schema",
        help=HELP,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write schema/charter.schema.json")
    mode.add_argument(
        "--check", action="store_true", help="check that schema/charter.schema.json is up to date"
    )
    p.add_argument(
        "--config-file",
        "-f",
        metavar="FILE",
        help="the site's mkdocs.yml (default: the nearest one in this folder or above)",
    )
    p.set_defaults(run=run)


def schema_text() -> str:
    """The schema exactly as the site publishes it and the committed copy holds it."""
    return json.dumps(charter_schema(), indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    """Run ``charterkit schema``."""
    text = schema_text()
    if not (args.write or args.check):
        sys.stdout.write(text)
        return 0
    project = load_project(args.config_file)
    path = project.root / SCHEMA_FILE
    shown = SCHEMA_FILE.as_posix()
    if args.check:
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            print(f"{shown} is missing. Run: charterkit schema --write")
            return 1
        if current != text:
            print(f"{shown} is out of date: the charter format has changed. Run: charterkit schema --write")
            return 1
        print(f"{shown} is up to date.")
        return 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot be written ({exc.strerror}).") from None
    print(f"Wrote {shown}.")
    return 0
