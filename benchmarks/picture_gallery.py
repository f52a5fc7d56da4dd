"""What the picture gallery for editors costs: build time with and without its letter pages, and the
size of its largest page.

Run: .venv/bin/python benchmarks/picture_gallery.py
Prints the seconds of ``mkdocs build`` (PDFs off) of the real site with CHARTERKIT_PICTURES=0 and =1,
the number of gallery pages and pictures, and the largest page in KB. Figures vary with the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import make_project  # noqa: E402


def build(project: Path, pictures: str) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHARTERKIT_PDF": "0", "CHARTERKIT_PICTURES": pictures}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "-q"], cwd=project, env=env, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), copy_charters=True)
        without = build(project, "0")
        with_gallery = build(project, "1")
        pages = sorted((project / "site" / "pictures").glob("*/index.html"))
        pictures = sum(p.read_text(encoding="utf-8").count('<span class="ck-picture">') for p in pages)
        largest = max(p.stat().st_size for p in pages) / 1000
        print(f"build without gallery pages: {without:.1f} s")
        print(f"build with gallery pages:    {with_gallery:.1f} s")
        print(f"gallery: {len(pages)} letter pages, {pictures} pictures, largest page {largest:.0f} KB")


if __name__ == "__main__":
    main()
