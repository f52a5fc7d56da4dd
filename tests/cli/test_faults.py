"""The command line under faults: closed input, output that cannot be written, special files, folders.
Each gives a clear message, the exit code ``--help`` documents, and no partial file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from charterkit.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, build_parser

from tests.cli.conftest import CHARTERKIT
from tests.cli.test_check import _project
from tests.conftest import MINIMAL


def charterkit(
    *args: str | bytes, cwd: Path, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    full_env.update(env or {})
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(CHARTERKIT), *args], cwd=cwd, capture_output=True, env=full_env, timeout=300, **kwargs
    )


def clean(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    return err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return _project(tmp_path, {"ok.yml": MINIMAL})


def test_help_documents_the_exit_codes() -> None:
    text = build_parser().format_help()
    assert "0  done" in text and "1  problems" in text and "2  the command could not run" in text
    assert "output that cannot be written" in text


def test_new_with_input_closed_writes_a_whole_file(project: Path) -> None:
    proc = charterkit("new", "--title", "Closed input", cwd=project, stdin=subprocess.DEVNULL)
    clean(proc)
    assert proc.returncode == EXIT_OK
    closed = subprocess.run(
        f"exec 0<&- && {CHARTERKIT} new --title 'Closed too' --slug closed-too",
        shell=True,
        cwd=project,
        capture_output=True,
    )
    clean(closed)
    assert closed.returncode == EXIT_OK
    assert "Closed too" in (project / "charters" / "closed-too.yml").read_text(encoding="utf-8")


def test_new_with_a_title_that_is_not_text_writes_nothing(project: Path) -> None:
    proc = charterkit("new", "--title", b"\xff\xfe bad", "--slug", "bad-bytes", cwd=project)
    err = clean(proc)
    assert proc.returncode == EXIT_USAGE
    assert "not text in UTF-8" in err and "Nothing was written" in err
    assert not (project / "charters" / "bad-bytes.yml").exists()
    assert not [p for p in (project / "charters").iterdir() if p.name.startswith(".")]


def test_new_output_that_is_a_file_is_refused(project: Path) -> None:
    before = (project / "mkdocs.yml").read_bytes()
    proc = charterkit("new", "--title", "T", "--output", "mkdocs.yml", cwd=project)
    err = clean(proc)
    assert proc.returncode == EXIT_USAGE and "--output mkdocs.yml: is a file, not a folder" in err
    assert (project / "mkdocs.yml").read_bytes() == before


def test_new_into_a_full_disk_leaves_no_file(project: Path) -> None:
    script = (
        "import errno, pathlib, sys\n"
        "def full(self, data):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device', str(self))\n"
        "pathlib.Path.write_bytes = full\n"
        "from charterkit.cli import main\n"
        "sys.exit(main(['new', '--title', 'Full', '--slug', 'full']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, timeout=300)
    err = clean(proc)
    assert proc.returncode == EXIT_USAGE and "the disk is full" in err and "Nothing was written" in err
    assert sorted(p.name for p in (project / "charters").iterdir()) == ["ok.yml"]


def test_check_into_a_full_output_says_so(project: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [str(CHARTERKIT), "check"], cwd=project, stdout=full, stderr=subprocess.PIPE, timeout=300
        )
    err = clean(proc)
    assert proc.returncode == EXIT_USAGE
    assert "the output could not be written" in err and "the disk is full" in err


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_check_to_an_output_that_is_not_utf8(project: Path, encoding: str) -> None:
    (project / "charters" / "bad.yml").write_text('published: "“2025” ✓"\n' + MINIMAL, "utf-8")
    proc = charterkit("check", cwd=project, env={"PYTHONIOENCODING": encoding})
    clean(proc)
    assert proc.returncode == EXIT_PROBLEMS
    assert b"charters/bad.yml:" in proc.stdout


def test_check_special_files_and_folders_say_what_they_are(project: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yml"
    os.mkfifo(fifo)
    cases = {
        "/dev/null": "is not a normal file (a device, a pipe or a socket)",
        str(fifo): "is not a normal file (a device, a pipe or a socket)",
        "missing.yml": "no such file",
        "": "an empty file name",
    }
    for name, said in cases.items():
        proc = charterkit("check", name, cwd=project)
        err = clean(proc)
        assert proc.returncode == EXIT_USAGE, (name, err)
        assert said in err, (name, err)
    proc = charterkit("check", "-f", "charters", cwd=project)
    err = clean(proc)
    assert proc.returncode == EXIT_USAGE and "--config-file charters: is a folder, not a file" in err


def test_check_dot_checks_the_charters_not_mkdocs_yml(project: Path) -> None:
    proc = charterkit("check", ".", cwd=project)
    clean(proc)
    assert proc.returncode == EXIT_OK, proc.stdout
    out = proc.stdout.decode()
    assert "mkdocs.yml" not in out and "Checked 1 charter file: no problems found." in out
