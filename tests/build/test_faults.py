"""Faults of the machine, not of the charters: a damaged cache, a full or read-only disk, a killed build,
two builds at once. Each is said plainly, without a traceback, and the previous site survives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import MINIMAL, BuildResult, make_project, run_build

ON = {"CHARTERKIT_PDF": "1"}


def no_traceback(result: BuildResult) -> None:
    assert "Traceback" not in result.output, result.output


def built(path: Path, env: dict[str, str] | None = None) -> BuildResult:
    result = run_build(path, env=env)
    assert result.returncode == 0, result.output
    no_traceback(result)
    return result


@pytest.mark.parametrize("damage", ["truncate", "overwrite", "empty"])
def test_a_damaged_cached_pdf_is_made_again_not_published(tmp_path: Path, damage: str) -> None:
    path = make_project(tmp_path, {"alpha.yml": MINIMAL}, config=_no_booklet)
    first = built(path, ON)
    assert "PDFs: 0 up to date, 3 rendered" in first.output
    cache = path / ".cache" / "charterkit-pdf"
    victim = sorted(cache.glob("*.pdf"))[0]
    data = victim.read_bytes()
    victim.write_bytes({"truncate": data[:100], "overwrite": b"\0" * len(data), "empty": b""}[damage])

    second = built(path, ON)  # --strict: a damaged cache is not the editor's fault
    assert "PDFs: 2 up to date, 1 rendered" in second.output
    assert re.search(rf"INFO\s+-\s+the PDF {victim.name} in \S+ was damaged .*made again", second.output)
    for pdf in second.site.rglob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1, pdf
    assert victim.read_bytes() == data  # the same bytes again


def _no_booklet(data: dict[str, object]) -> None:
    plugins = data["plugins"]
    assert isinstance(plugins, list)
    plugins[plugins.index("charterkit/pdf")] = {"charterkit/pdf": {"booklet": False}}
