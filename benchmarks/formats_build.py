"""Print what the other formats (Word, OpenDocument, plain text, EPUB, braille) add to a cold build of the
shipped charters: each format made alone from an empty cache, then whole site builds with the formats off
and on (PDFs as set by CHARTERKIT_PDF, on by default), cold and warm. Figures only: nothing here passes or
fails.

    .venv/bin/python benchmarks/formats_build.py [--workers N] [--no-site]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from charterkit.format.icons import load_icon_set
from charterkit.formats import FORMATS, FileCache, documents_for, make_files
from charterkit.load.loader import find_charter_files, load_charters

REPO = Path(__file__).resolve().parent.parent


def per_format(workers: int) -> None:
    icons = load_icon_set()
    charters = load_charters(find_charter_files(REPO / "charters"), base=REPO, icons=icons)
    print(f"Each format alone, {len(charters)} charters, empty cache, workers={workers or 'one per core'}:")
    for name in FORMATS:
        with tempfile.TemporaryDirectory() as tmp:
            docs = documents_for(charters, formats=[name])
            start = time.perf_counter()
            made = make_files(docs, FileCache(Path(tmp)), icons=icons, workers=workers)
            took = time.perf_counter() - start
        print(f"  {name:5} {len(made):3} files  {took:6.2f} s")


def build(project: Path, formats: str) -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHARTERKIT_FORMATS": formats}
    env.setdefault("CHARTERKIT_PDF", "1")
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env, capture_output=True, text=True
    )
    took = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(proc.stdout + proc.stderr)
    found = re.search(r"Other formats: .*", proc.stdout + proc.stderr)
    return took, found.group(0) if found else "other formats off"


def site_builds() -> None:
    print(f"Whole site builds (CHARTERKIT_PDF={os.environ.get('CHARTERKIT_PDF', '1')}):")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("docs", "overrides", "charters"):
            shutil.copytree(REPO / name, project / name)
        shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
        runs = (("formats off, cold", "0"), ("formats on, cold", "1"), ("formats on, warm", "1"))
        for label, formats in runs:
            if label.endswith("cold"):
                shutil.rmtree(project / ".cache", ignore_errors=True)
            took, summary = build(project, formats)
            print(f"  {label:18} {took:6.1f} s  ({summary})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--no-site", action="store_true", help="only time each format alone")
    args = parser.parse_args()
    per_format(args.workers)
    if not args.no_site:
        site_builds()


if __name__ == "__main__":
    main()
