"""Faults of the machine, not of the charters: a damaged cache, a full or read-only disk, a killed build,
two builds at once. Each is said plainly, without a traceback, and the previous site survives."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from charterkit.pdf.fonts import FONT_DIR, verify_fonts
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


# -- shipped fonts --------------------------------------------------------------------------------------

_BUILD_WITH_FONTS = """
import sys
from pathlib import Path
import charterkit.pdf.fonts as fonts
fonts.FONT_DIR = Path(sys.argv[1])
from mkdocs.__main__ import cli
cli(["build", "--strict"])
"""


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_missing_or_damaged_shipped_font_stops_the_build_and_says_how_to_restore(
    tmp_path: Path, damage: str
) -> None:
    fonts = tmp_path / "fonts"
    shutil.copytree(FONT_DIR, fonts)
    victim = fonts / "atkinson-hyperlegible-latin-400-normal.woff2"
    if damage == "missing":
        victim.unlink()
    else:
        victim.write_bytes(victim.read_bytes()[:1000])
    path = make_project(tmp_path, {"alpha.yml": MINIMAL})
    (path / "site").mkdir()
    (path / "site" / "index.html").write_text("the old site", encoding="utf-8")
    env = {**os.environ, "CHARTERKIT_PDF": "1", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", _BUILD_WITH_FONTS, str(fonts)],
        cwd=path,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in out and "TTLibError" not in out and "brotli" not in out
    word = "missing" if damage == "missing" else "damaged"
    assert f"charterkit's font file is {word}" in out, out
    assert victim.name in out and "git checkout --" in out and "reinstall charterkit" in out
    assert (path / "site" / "index.html").read_text(encoding="utf-8") == "the old site"


def test_the_shipped_fonts_match_their_manifest() -> None:
    verify_fonts()  # a release with a changed font must update fonts/SHA256SUMS
