"""Run the ``charterkit`` command as an editor would, in a fixture project, and read what it printed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from charterkit.cli import main

CHARTERKIT = Path(sys.executable).parent / "charterkit"
"""The installed console script (``charterkit = charterkit.cli:main`` in pyproject.toml)."""


@dataclass
class Run:
    """One run of the command: exit code and what it printed."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def annotations(self) -> list[str]:
        return [line for line in self.lines if line.startswith("::")]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``cli("check", "charters/x.yml", cwd=project, env={...})`` runs ``charterkit`` in this process."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "CHARTERKIT_DEBUG"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str, cwd: Path, env: Mapping[str, str] | None = None) -> Run:
        capsys.readouterr()
        with monkeypatch.context() as m:
            m.chdir(cwd)
            for key, value in (env or {}).items():
                m.setenv(key, value)
            code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def run_script(*args: str, cwd: Path, env: Mapping[str, str] | None = None, stdin: str = "") -> Run:
    """Run the installed ``charterkit`` script in a subprocess (no terminal on stdin)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    full_env.update(env or {})
    proc = subprocess.run(
        [str(CHARTERKIT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=stdin,
        env=full_env,
        timeout=300,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)
