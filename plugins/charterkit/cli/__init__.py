"""The ``charterkit`` command: new, check, report and schema.

Every subcommand explains itself with ``--help``. Bad input is never a traceback: problems with
charters are listed (exit 1), a command that cannot run says why (exit 2), and only a fault in
charterkit itself prints "internal error" (exit 3).
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
import traceback
from collections.abc import Sequence

from charterkit.cli import check, new, report, schema
from charterkit.errors import shown
from charterkit.load.project import UsageError
from charterkit.store import explain_os_error

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

DESCRIPTION = """\
Tools for a charters website: start a new charter file, check charter files, and report on
readability, without building the site. Run "charterkit COMMAND --help" for each command's options.

exit codes (every command):
  0  done, nothing wrong
  1  problems were found in the charters (they are listed)
  2  the command could not run as asked: a missing file, a folder or a device given as a file, a
     wrong option, a broken mkdocs.yml, input that ended, or output that cannot be written (a full
     disk, a read-only folder); nothing is left half written
  3  an internal error in charterkit (please report it)
"""

EPILOG = """\
examples:
  charterkit new                    start a new charter file, answering a few questions
  charterkit check                  check every charter, as the build would
  charterkit report                 the readability report
  charterkit schema --check         is schema/charter.schema.json up to date?
"""


def build_parser() -> argparse.ArgumentParser:
    """The parser of the command and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="charterkit",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in (new, check, report, schema):
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: the command line) and return its exit code."""
    _safe_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a wrong option (2): argparse has already said why
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.run(args)
        sys.stdout.flush()  # a full disk or a closed pipe is found here, not after main has returned
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except OSError as exc:
        if exc.errno is None or not _writing_stdout(exc):
            return _internal(exc)
        _quiet_stdout()
        print(f"charterkit: the output could not be written: {explain_os_error(exc)}.", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"charterkit: {shown(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except EOFError:
        print(
            "charterkit: the input ended before every question was answered. Nothing was written.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("charterkit: stopped.", file=sys.stderr)
        return 130
    except Exception as exc:
        return _internal(exc)


def _internal(exc: Exception) -> int:
    # Not the editor's fault: say so in one line; the traceback is for whoever fixes it.
    print(
        f"charterkit: internal error ({type(exc).__name__}: {shown(str(exc))}). This is a fault in "
        "charterkit, not in your files: please report it. Run again with CHARTERKIT_DEBUG=1 for the details.",
        file=sys.stderr,
    )
    if os.environ.get("CHARTERKIT_DEBUG"):
        traceback.print_exc(file=sys.stderr)
    return EXIT_INTERNAL


def _safe_streams() -> None:
    """Standard output that cannot print a letter (a terminal set to ASCII or Latin-1) shows it as an
    escape rather than stopping; closed standard streams become empty ones."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
        elif isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115


def _writing_stdout(exc: OSError) -> bool:
    """True when ``exc`` came from writing standard output (its errno is one a full or closed output
    gives, and it names no file)."""
    return exc.filename is None and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF)


def _quiet_stdout() -> None:
    # Whatever is still buffered cannot be written: drop it, so that exiting does not try again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
