"""How build time and page size grow with the number of charters (PDFs off).

Run: .venv/bin/python benchmarks/build_scale.py [N ...]   (default: 25 100 400)
Prints, for each N: charters, pages, build seconds, and the size of one charter page and of the about
page. With the nav listing no charters, time grows linearly and page sizes stay flat.

:func:`charter_files` makes the charters; ``benchmarks/compare_material.py`` uses it too.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import MINIMAL, make_project  # noqa: E402

_TITLE = re.compile(r"^title: (?P<title>.+)$", re.MULTILINE)


def charter_files(n: int, *, realistic: bool = False) -> dict[str, str]:
    """``n`` charter files (name → YAML text), each with its own title and slug.

    ``realistic`` copies the shipped charters in turn (easy read included), each copy with a new title
    and file name; otherwise every file is the small test charter with a new title and sector.
    """
    if not realistic:
        return {
            f"c{i:04d}.yml": MINIMAL.replace("A test charter", f"Charter number {i}").replace(
                "sector: Testing", f"sector: Sector {i % 7}"
            )
            for i in range(n)
        }
    shipped = sorted((REPO / "charters").glob("*.yml"))
    texts = [p.read_text(encoding="utf-8") for p in shipped]
    out: dict[str, str] = {}
    for i in range(n):
        text = texts[i % len(texts)]
        # The first top-level title is the charter's; the copy number keeps every title distinct.
        new = _TITLE.sub(lambda m, i=i: f"title: {m['title']} (copy {i})", text, count=1)
        out[f"c{i:05d}-{shipped[i % len(shipped)].stem}.yml"] = new
    return out


def main(sizes: list[int]) -> None:
    print(
        f"{'charters':>8} {'pages':>6} {'seconds':>8} {'s/page':>7} "
        f"{'charter page KB':>16} {'about page KB':>14}"
    )
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp), charter_files(n))
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHARTERKIT_PDF": "0"}
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, check=True)
            seconds = time.perf_counter() - start
            site = project / "site"
            pages = len(list(site.rglob("*.html")))
            charter_kb = (site / "charters" / "c0000" / "index.html").stat().st_size / 1024
            about_kb = (site / "about" / "index.html").stat().st_size / 1024
            print(
                f"{n:>8} {pages:>6} {seconds:>8.1f} {seconds / pages:>7.3f} "
                f"{charter_kb:>16.1f} {about_kb:>14.1f}"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [25, 100, 400])
