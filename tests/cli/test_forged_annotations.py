"""A value that holds a newline, a workflow command or a terminal escape code cannot forge an annotation,
stop GitHub's commands or colour the log: every echoed value is neutralised (``charterkit.errors.shown``).
One case per field that echoes the refused value."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.cli.test_check import _project
from tests.conftest import MINIMAL

FORGE = "\\n::error file=charters/forged.yml,line=1::FORGED\\n::stop-commands::tok\\e[31mRED\\u2028x"
"""In YAML double quotes: newlines, two workflow commands, an escape code and a line separator."""

CASES = {
    "url": MINIMAL.replace(
        "  title: A test document\n", f'  title: A test document\n  url: "https://x{FORGE}"\n'
    ),
    "email": MINIMAL.replace("sector: Testing\n", f'sector: Testing\ncontact:\n  email: "a@b.org{FORGE}"\n'),
    "slug": f'slug: "abc{FORGE}"\n' + MINIMAL,
    "kind": MINIMAL.replace("    kind: principles\n", f'    kind: "principles{FORGE}"\n'),
    "date": f'published: "2025{FORGE}"\n' + MINIMAL,
    "picture": MINIMAL.replace("picture: material/ear-hearing", f'picture: "material/ear{FORGE}"'),
    "key name": f'"organisaton{FORGE}": Somebody\n' + MINIMAL,
}


@pytest.mark.parametrize("field", list(CASES))
def test_a_value_cannot_forge_an_annotation(cli: Callable[..., Run], tmp_path: Path, field: str) -> None:
    project = _project(tmp_path, {"bad.yml": CASES[field]})
    result = cli("check", "charters/bad.yml", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.code == 1, result.out
    output = result.out + result.err
    assert "FORGED" in output  # the value is shown...
    for line in output.splitlines():  # ...but never at the start of a line, where GitHub reads commands
        assert not line.startswith("::stop-commands"), line
        assert "FORGED" not in line.split("::")[1] if line.startswith("::") else True, line
        if line.startswith("::"):
            assert line.startswith(("::error file=charters/bad.yml,", "::notice file=charters/bad.yml,")), (
                line
            )
        else:
            assert line.startswith(("charters/bad.yml:", "Found ", "Checked ")), line
    assert "\x1b" not in output and "\u2028" not in output
    assert "\\x1b[31mRED" in output  # the escape code is shown as text
