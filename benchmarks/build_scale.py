"""How build time, page size and the search index grow with the number of charters (PDFs off).

Run: .venv/bin/python benchmarks/build_scale.py [N ...]   (default: 25 100 400)
The charters come from tests.conftest.generated_charters: varied sectors, areas, dates and themes, as a
network's would be. Prints, for each N: charters, pages, build seconds and seconds per charter (flat when
the build is linear), the largest list, theme, matrix or filter page (each must stay under 100 KB), one
charter page, the whole search index (site/pagefind/) and the open data's charters.json.
Pass --keep DIR to keep the last site (for benchmarks/first_search.py).

:func:`charter_files` makes plainer charters; ``benchmarks/compare_material.py`` uses it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import MINIMAL, generated_charters, ignore_missing_easy_read, make_project  # noqa: E402

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


def _largest_find_page(site: Path) -> tuple[int, str]:
    """The largest page listing charters: every page under charters/ except the charters' own, and home."""
    pages = [p for p in (site / "charters").rglob("index.html") if not (p.parent / "easy-read").exists()]
    pages = [p for p in pages if p.parent.parent.name != "charters" or not p.parent.name.startswith("c")]
    pages.append(site / "index.html")
    biggest = max(pages, key=lambda p: p.stat().st_size)
    return biggest.stat().st_size, str(biggest.parent.relative_to(site))


def _search_index_bytes(site: Path) -> int:
    """The whole search index on the server: Pagefind's folder (a first search fetches a small part of
    it: benchmarks/first_search.py), or Material's one file where a site still uses Material's search."""
    bundle = site / "pagefind"
    if bundle.is_dir():
        return sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    material = site / "search" / "search_index.json"
    return material.stat().st_size if material.is_file() else 0


def main(sizes: list[int], keep: Path | None) -> None:
    print(
        f"{'charters':>8} {'pages':>6} {'seconds':>8} {'ms/charter':>10} {'largest list KB':>16} "
        f"{'charter KB':>10} {'search index KB':>16} {'charters.json KB':>17}  largest list page"
    )
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp), generated_charters(n), config=ignore_missing_easy_read)
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHARTERKIT_PDF": "0"}
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, check=True)
            seconds = time.perf_counter() - start
            site = project / "site"
            pages = len(list(site.rglob("*.html")))
            largest, where = _largest_find_page(site)
            charter_kb = (site / "charters" / "c0000" / "index.html").stat().st_size / 1024
            search_kb = _search_index_bytes(site) / 1024
            data_kb = (site / "data" / "charters.json").stat().st_size / 1024
            print(
                f"{n:>8} {pages:>6} {seconds:>8.1f} {1000 * seconds / n:>10.1f} {largest / 1024:>16.1f} "
                f"{charter_kb:>10.1f} {search_kb:>16.0f} {data_kb:>17.0f}  {where}"
            )
            if keep is not None:
                shutil.rmtree(keep, ignore_errors=True)
                shutil.copytree(site, keep)


if __name__ == "__main__":
    args = sys.argv[1:]
    keep_dir = None
    if "--keep" in args:
        i = args.index("--keep")
        keep_dir = Path(args[i + 1])
        del args[i : i + 2]
    main([int(a) for a in args] or [25, 100, 400], keep_dir)
