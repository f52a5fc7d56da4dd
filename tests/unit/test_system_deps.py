"""scripts/system-deps, run against a pretend machine: shims for ldconfig, dpkg, id and apt-get in tmp_path.

A newcomer's ``make site`` either installs what is missing (as root) or stops with one line naming the
exact command; a machine that has everything runs no apt-get at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "system-deps"

ALL_LIBS = ["libpango-1.0.so.0", "libpangoft2-1.0.so.0", "libharfbuzz-subset.so.0"]
ALL_PACKAGES = ["fonts-dejavu-core", "liblouis-data"]
ALL_COMMANDS = ["lou_translate", "chromium", "pdfinfo", "epubcheck", "npm"]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    apt: list[str]
    """Each apt-get call: DEBIAN_FRONTEND, then its arguments."""


def _shim(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/bash\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)


def run_script(
    tmp_path: Path,
    what: str,
    *,
    uid: int = 1000,
    libs: list[str] = ALL_LIBS,
    packages: list[str] = ALL_PACKAGES,
    commands: list[str] = ALL_COMMANDS,
    venv: bool = True,
    env: dict[str, str] | None = None,
) -> Run:
    shims = tmp_path / "bin"
    shims.mkdir(parents=True)
    apt_log = tmp_path / "apt.log"
    for tool in ("grep",):
        found = shutil.which(tool)
        assert found
        os.symlink(found, shims / tool)
    lines = "".join(f"\\t{lib} (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/{lib}\\n" for lib in libs)
    _shim(shims, "ldconfig", f'printf "{len(libs)} libs found in cache\\n{lines}"')
    cases = "|".join(packages) or "none-installed"
    _shim(shims, "dpkg", f'case "$2" in {cases}) echo "Status: install ok installed";; *) exit 1;; esac')
    _shim(shims, "id", f"echo {uid}")
    _shim(shims, "apt-get", f'echo "$DEBIAN_FRONTEND $*" >> {apt_log}')
    _shim(shims, "python3", "exit 0" if venv else "exit 1")
    for command in commands:
        _shim(shims, command, "exit 0")
    proc = subprocess.run(
        ["/bin/bash", str(SCRIPT), what],
        env={"PATH": str(shims), **(env or {})},
        capture_output=True,
        text=True,
        timeout=30,
    )
    apt = apt_log.read_text(encoding="utf-8").splitlines() if apt_log.exists() else []
    return Run(proc.returncode, proc.stdout, proc.stderr, apt)


@pytest.mark.parametrize("what", ["site", "test"])
def test_a_machine_with_everything_runs_no_apt(tmp_path: Path, what: str) -> None:
    run = run_script(tmp_path, what, uid=0)
    assert (run.returncode, run.stdout, run.stderr, run.apt) == (0, "", "", [])


def test_a_fresh_machine_without_root_gets_one_line_naming_the_command(tmp_path: Path) -> None:
    run = run_script(tmp_path, "site", libs=[], packages=[], commands=[], venv=False)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr == (
        "Missing system packages; run: sudo apt-get install --no-install-recommends python3-venv "
        "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core liblouis-bin liblouis-data libharfbuzz-subset0\n"
    )
    assert run.apt == []


def test_the_tests_also_need_chromium_poppler_epubcheck_and_npm(tmp_path: Path) -> None:
    run = run_script(tmp_path, "test", commands=["lou_translate"])
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "Missing system packages; run: sudo apt-get install --no-install-recommends "
        "chromium poppler-utils epubcheck npm"
    ]
    # What the build needs is there, so `make site` goes on.
    assert run_script(tmp_path / "site", "site", commands=["lou_translate"]).returncode == 0


def test_root_installs_what_is_missing_with_apt_get(tmp_path: Path) -> None:
    run = run_script(
        tmp_path,
        "test",
        uid=0,
        libs=["libpango-1.0.so.0", "libpangoft2-1.0.so.0"],
        packages=["liblouis-data"],
        commands=["lou_translate", "npm"],
    )
    assert run.returncode == 0, run.stderr
    assert run.apt == [
        "noninteractive update -qq",
        "noninteractive install -y -qq --no-install-recommends "
        "fonts-dejavu-core chromium poppler-utils epubcheck libharfbuzz-subset0",
    ]
    assert run.stdout.startswith("Installing system packages: fonts-dejavu-core chromium")


def test_a_missing_optional_library_never_stops_the_build(tmp_path: Path) -> None:
    run = run_script(tmp_path, "site", libs=["libpango-1.0.so.0", "libpangoft2-1.0.so.0"])
    assert run.returncode == 0
    assert run.stdout == (
        "Optional: sudo apt-get install --no-install-recommends libharfbuzz-subset0 "
        "(PDFs are made without it too)\n"
    )
    assert run.apt == []


def test_the_check_can_be_switched_off(tmp_path: Path) -> None:
    run = run_script(tmp_path, "test", libs=[], packages=[], commands=[], env={"CHARTERKIT_SYSTEM_DEPS": "0"})
    assert (run.returncode, run.stdout, run.stderr, run.apt) == (0, "", "", [])


def test_the_makefile_checks_system_packages_before_anything_else() -> None:
    # From a subfolder (docs/), every path still starts at the Makefile's own folder.
    lines = subprocess.run(
        ["make", "--no-print-directory", "-f", "../Makefile", "-n", "-B", "site"],
        cwd=REPO / "docs",
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert lines[0] == f"PYTHON=python3 {SCRIPT} site"
    assert lines[-1] == f"{REPO}/.venv/bin/mkdocs build --strict -f {REPO}/mkdocs.yml"
    tests = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", "test"], cwd=REPO, capture_output=True, text=True
    ).stdout
    assert tests.splitlines()[0] == f"PYTHON=python3 {SCRIPT} test"
    assert "-n auto --durations=15" in tests


def test_ci_runs_the_readmes_test_command_and_nothing_more() -> None:
    lines = [
        line
        for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == ["set -euo pipefail", 'cd "$(dirname "$0")/.."', "make test"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    two_commands = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    assert "make test    #" in two_commands and "make site    #" in two_commands
    assert "apt-get install" not in two_commands.split("```")[0]  # no list of packages to install first
