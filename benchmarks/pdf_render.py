"""Print how long a site build takes with PDFs: cold (empty PDF cache), warm (nothing changed), after a new
commit that changes no charter (another SOURCE_DATE_EPOCH, as make site sets it), one charter edited, and
with PDFs off, and which PDFs each build made. Figures only: nothing here passes or fails.

    .venv/bin/python benchmarks/pdf_render.py [--workers N]
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

REPO = Path(__file__).resolve().parent.parent


def build(project: Path, pdf: str, epoch: str = "1735689600") -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHARTERKIT_PDF": pdf, "SOURCE_DATE_EPOCH": epoch}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env, capture_output=True, text=True
    )
    took = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(proc.stdout + proc.stderr)
    output = proc.stdout + proc.stderr
    summary = re.search(r"PDFs: .*", output)
    made = re.findall(r"PDF \d+/\d+: (\S+)", output)
    shown = ", ".join(sorted(Path(m).name for m in made)) if len(made) <= 4 else f"{len(made)} PDFs"
    return took, (f"{summary.group(0)}; made: {shown or 'none'}" if summary else "PDFs off")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None, help="PDFs at once (default: one per core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="charterkit-bench-") as tmp:
        project = Path(tmp)
        for name in ("docs", "overrides", "charters"):
            shutil.copytree(REPO / name, project / name)
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        if args.workers is not None:
            option = f"  - charterkit/pdf:\n      workers: {args.workers}"
            config = re.sub(r"^  - charterkit/pdf$", option, config, count=1, flags=re.M)
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        print(f"{len(list((project / 'charters').glob('*.yml')))} charters, {os.cpu_count()} cores")
        for label, pdf, epoch in (
            ("PDFs off", "0", "1735689600"),
            ("cold cache", "1", "1735689600"),
            ("warm cache", "1", "1735689600"),
            ("new commit", "1", "1767225600"),
        ):
            took, summary = build(project, pdf, epoch)
            print(f"{label:>12}: {took:6.1f} s  ({summary})")
        first = sorted((project / "charters").glob("*.yml"))[0]
        text = first.read_text(encoding="utf-8")
        first.write_text(re.sub(r"^title: ", "title: Edited ", text, count=1, flags=re.M), encoding="utf-8")
        took, summary = build(project, "1")
        print(f"{'one edited':>12}: {took:6.1f} s  ({summary})")
        pdfs = sorted((project / "site").rglob("*.pdf"))
        total = sum(p.stat().st_size for p in pdfs)
        print(f"{len(pdfs)} PDFs, {total / 1024:.0f} KB in all")


if __name__ == "__main__":
    main()
