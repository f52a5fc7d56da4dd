"""charterkit against plain mkdocs-material on the same charters, in one run (PDFs and other formats off).

Run: .venv/bin/python benchmarks/compare_material.py [--sizes 10 100 1000] [--huge] [--serve 100 1000]
     [--serve-only] [--no-material] [--repeat 3]

For each size N it makes N realistic charters (the shipped ones copied with new titles and file names,
easy read included; ``build_scale.charter_files``) and builds them twice, in fresh folders:

- with charterkit, as the site's own project (``tests.conftest.make_project``);
- as plain Material pages: a standard and an easy-read Markdown page per charter, every sentence of the
  charter kept, with MkDocs' default nav (every page in it) and Material's search; and the site's own
  pages (``docs/*.md``: the home page, about, accessibility, the editors' guides), which the charterkit
  site has too, so both sites hold the same text. ``--charters-only`` leaves them out, as the first
  measurement in issue 17 did, and the ratio is printed both ways.

It prints both cold build times and their ratio, the number of pages, the size of a charter's page and of
the largest page, and the search index. For charterkit it then prints a warm rebuild (nothing changed:
the second build, into a new folder), the next one (written into the spare site the first build left)
and a rebuild after editing one charter. ``--serve`` sizes also time ``mkdocs serve --dirty`` (what
``make serve`` runs): from saving an edited charter to the edited page being served, for three new titles
that keep its place in the A to Z lists and three that move it from one end of them to the other.
``--huge`` adds
10,000 charters (about an hour).

Like with like: plain Material makes no PDF, Word, OpenDocument, EPUB or braille file, so the comparison
runs with every format off (``CHARTERKIT_PDF=0``, ``CHARTERKIT_FORMATS=0``); those are cached expensive
output, timed on their own. After the comparison, each size prints charterkit's cold and warm build with
the other formats on (``CHARTERKIT_FORMATS=1``, PDFs still off) as a separate line; ``--no-formats``
skips it.

Like with like again: Material's modules are compiled to bytecode when pip installs them. charterkit
is installed editable, so its modules are compiled first (``compileall``, what ``make`` does too);
otherwise, where ``PYTHONDONTWRITEBYTECODE`` is set, every charterkit build would compile them again.

Figures are wall-clock seconds on whatever machine runs this; on a shared machine they are noisy.
``--repeat N`` builds each side cold N times, in turns (charterkit cold and warm, then plain Material),
and prints the medians and every run's figure. A cold build starts without the project's cache and site
(nor the spare site a build keeps to write into); ``--settle S`` makes each cold build, of either side,
wait S seconds after writing everything out (:func:`cold_build` says why). The compiled page templates,
kept in the user's temporary folder, are warm after the first build of a run, as on any machine that
has built a charterkit site before.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_scale import charter_files

from tests.conftest import make_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHARTERKIT_PDF": "0", "CHARTERKIT_FORMATS": "0"}
FORMATS_ON = {**ENV, "CHARTERKIT_FORMATS": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs"]

PLAIN_CONFIG = """\
site_name: Plain Material
theme:
  name: material
  language: en
  font: false
plugins:
  - search
markdown_extensions:
  - toc
  - attr_list
  - md_in_html
  - admonition
"""

REPO = Path(__file__).resolve().parent.parent


# -- the same content as Markdown -----------------------------------------------------------------


def _markdown(value: Any, level: int, out: list[str]) -> None:
    """Every text in ``value`` as Markdown: titles and headings as headings, lists as bullets."""
    if isinstance(value, dict):
        heading = value.get("title") or value.get("heading")
        if isinstance(heading, str):
            out += [f"{'#' * min(level, 6)} {heading}", ""]
        for key, item in value.items():
            if item is heading or key in ("themes", "picture", "kind", "language", "slug"):
                continue
            _markdown(item, level + 1, out)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                out.append(f"- {' '.join(item.split())}")
            else:
                _markdown(item, level, out)
        out.append("")
    elif value is not None:
        out += [" ".join(str(value).split()), ""]


def plain_pages(files: dict[str, str]) -> dict[str, str]:
    """Markdown pages (path under docs/ → text): a standard and an easy-read page per charter."""
    pages = {"index.md": "# Charters\n\nEvery charter, as plain Material pages.\n"}
    for name, text in files.items():
        data = yaml.safe_load(text)
        slug = Path(name).stem
        easy = data.pop("easy_read", None)
        standard: list[str] = []
        _markdown(data, 1, standard)
        pages[f"charters/{slug}/index.md"] = "\n".join(standard)
        if easy:
            lines = [f"# {data['title']}: easy read", ""]
            _markdown(easy, 2, lines)
            pages[f"charters/{slug}/easy-read.md"] = "\n".join(lines)
    return pages


def make_plain_project(root: Path, files: dict[str, str], *, site_pages: bool = True) -> Path:
    """The plain Material project; ``site_pages`` adds the charterkit site's own pages (``docs/*.md``)."""
    project = root / ("plain" if site_pages else "plain-charters-only")
    pages = plain_pages(files)
    if site_pages:
        for page in sorted((REPO / "docs").glob("*.md")):
            pages[page.name] = page.read_text(encoding="utf-8")
    for path, text in pages.items():
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return project


# -- measuring ------------------------------------------------------------------------------------


def build(project: Path, env: dict[str, str] = ENV) -> float:
    start = time.perf_counter()
    subprocess.run(
        [*MKDOCS, "build", "-q"],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return time.perf_counter() - start


SETTLE = [0.0]
"""Seconds each cold build waits, after everything is written out (``--settle``)."""


def cold_build(project: Path) -> float:
    """:func:`build` once the disk has settled (``--settle``): written out (``sync``) and left idle. On
    some file systems (ext4 without a journal, as on the machine these figures come from) making a file
    skips over the files deleted in the last seconds to minutes, so a build right after deleting the last
    run's thousands of files costs more system time, the more so the more files it makes."""
    if SETTLE[0]:
        os.sync()
        time.sleep(SETTLE[0])
    return build(project)


@dataclass
class Sizes:
    pages: int
    charter_kb: float
    largest: str
    largest_kb: float
    search_kb: float


def sizes(site: Path, charter_page: str) -> Sizes:
    html = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    biggest, path = max(html)
    index = site / "search" / "search_index.json"
    search = (
        sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
        if (site / "pagefind").is_dir()
        else (index.stat().st_size if index.is_file() else 0)
    )
    return Sizes(
        len(html),
        (site / charter_page).stat().st_size / 1024,
        path.relative_to(site).as_posix(),
        biggest / 1024,
        search / 1024,
    )


def edit(path: Path, token: str) -> None:
    """Change one charter's title (shown on its page and in the lists), as an editor saving it would."""
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"^title: .*$", f"title: {token}", text, count=1, flags=re.MULTILINE)
    assert count == 1, path
    path.write_text(text, encoding="utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, token: str, timeout: float) -> float | None:
    """Seconds until ``url`` serves a page containing ``token``, or None after ``timeout``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and token in page:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


EDITS = 3
"""Edits of each kind timed in one ``mkdocs serve``: a single one swings with the machine's load."""


@dataclass
class ServeTimes:
    startup: float
    in_place: list[float | None]
    """A new title that keeps the charter's place in the A to Z lists (most edits: a word, a sentence)."""
    moved: list[float | None]
    """A new title that moves the charter between the start and the end of the alphabet: every A to Z
    list, theme page and matrix page in between is drawn again, the heaviest edit."""


def serve_edit(project: Path, charter: Path, slug: str, extra: list[str]) -> ServeTimes:
    """Start ``mkdocs serve``; time from saving each edit to its page being served (:data:`EDITS` of
    each kind)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/charters/{slug}/"
    title = re.search(r"^title: (.*)$", charter.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert title is not None, charter
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}", *extra],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        first = wait_for(url, "<html", 1800)
        assert first is not None, "mkdocs serve never served the page"
        times = ServeTimes(time.perf_counter() - start, [], [])
        for kind in ("in place", "moved"):
            for i in range(EDITS):
                time.sleep(1)  # let the watcher settle
                stamp = time.time_ns()
                if kind == "in place":
                    token = f"{title.group(1).strip()} edited {stamp}"
                else:
                    token = f"{'Zz' if i % 2 == 0 else 'Aa'} edited {stamp}"
                edit(charter, token)
                (times.in_place if kind == "in place" else times.moved).append(wait_for(url, token, 600))
        return times
    finally:
        proc.terminate()
        proc.wait(30)


def shown_edits(times: list[float | None]) -> str:
    """The median edit-to-page time and each edit's, in order."""
    if any(t is None for t in times):
        return "never, for one edit (10 minutes)"
    done = sorted(t for t in times if t is not None)
    each = ", ".join(f"{t:.2f}" for t in times if t is not None)
    return f"median {done[len(done) // 2]:.2f} s ({each})"


def shown_serve(times: ServeTimes) -> str:
    return (
        f"first page after {times.startup:.1f} s; edit saved to page served: a title kept in its place "
        f"{shown_edits(times.in_place)}; a title moved from end to start of the lists "
        f"{shown_edits(times.moved)}"
    )


# -- the run --------------------------------------------------------------------------------------


def formats_on(root: Path, files: dict[str, str]) -> tuple[float, float]:
    """charterkit's cold and warm build with the other formats (Word, EPUB, braille...) on, in a fresh
    project whose cache folder starts empty."""
    project = make_project(root / "formats", files)
    cold = build(project, FORMATS_ON)
    warm = build(project, FORMATS_ON)
    shutil.rmtree(project)
    return cold, warm


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def each(values: list[float]) -> str:
    """The runs' figures, in order, when there were several."""
    return f" (runs: {', '.join(f'{v:.2f}' for v in values)})" if len(values) > 1 else ""


def run(
    n: int, serve: bool, material: bool, builds: bool = True, formats: bool = True, repeat: int = 1
) -> None:
    files = charter_files(n, realistic=True)
    first = next(iter(files))
    slug = Path(first).stem
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ck = make_project(root / "ck", files)
        if not builds:
            times = serve_edit(ck, ck / "charters" / first, slug, ["--dirty"])
            print(f"\n== {n} charters ==\nmkdocs serve --dirty: {shown_serve(times)}")
            return
        if material:
            plain = make_plain_project(root, files)
            only = make_plain_project(root, files, site_pages=False)
        colds: list[float] = []
        warms: list[float] = []
        agains: list[float] = []
        plains: list[float] = []
        onlys: list[float] = []
        # Each run builds charterkit cold then warm, then plain Material (with and without the site's own
        # pages), in turns: a drift in the machine's speed reaches both sides alike.
        for i in range(repeat):
            if i:  # a cold build: no cache, no site, and no spare site for it to write into
                for made in ("site", ".site.charterkit-spare", ".cache"):
                    shutil.rmtree(ck / made, ignore_errors=True)
            colds.append(cold_build(ck))
            if i == 0:
                ck_sizes = sizes(ck / "site", f"charters/{slug}/index.html")
            warms.append(build(ck))
            agains.append(build(ck))  # the next: into the spare site the first build left
            if material:
                plains.append(cold_build(plain))
                if i == 0:
                    plain_sizes = sizes(plain / "site", f"charters/{slug}/index.html")
                shutil.rmtree(plain / "site")
                onlys.append(cold_build(only))
                shutil.rmtree(only / "site")
        edit(ck / "charters" / first, "An edited title")
        edited = build(ck)
        cold, warm = median(colds), median(warms)
        print(f"\n== {n} charters =={f' (median of {repeat} runs)' if repeat > 1 else ''}")
        print(
            f"{'':24} {'cold s':>8} {'pages':>6} {'charter KB':>11} {'largest KB':>11} "
            f"{'search KB':>10}  largest page"
        )
        row = "{:24} {:>8.1f} {:>6} {:>11.1f} {:>11.1f} {:>10.1f}  {}"
        s = ck_sizes
        print(row.format("charterkit", cold, s.pages, s.charter_kb, s.largest_kb, s.search_kb, s.largest))
        if material:
            plain_cold, only_cold = median(plains), median(onlys)
            s = plain_sizes
            print(
                row.format(
                    "plain Material", plain_cold, s.pages, s.charter_kb, s.largest_kb, s.search_kb, s.largest
                )
            )
            print(f"ratio charterkit / Material: {cold / plain_cold:.2f}")
            print(
                f"(plain Material with the charters only, without the site's own pages: {only_cold:.1f} s; "
                f"ratio {cold / only_cold:.2f})"
            )
            if repeat > 1:
                print(
                    f"cold seconds, charterkit{each(colds)}; plain Material{each(plains)}; "
                    f"charters only{each(onlys)}"
                )
        shown_warm = f"{warm:.1f} s ({warm / cold:.2f} of cold){each(warms)}"
        print(f"charterkit warm rebuild (nothing changed): {shown_warm}")
        again = median(agains)
        print(
            f"charterkit warm rebuild again, written into the spare site: {again:.1f} s "
            f"({again / cold:.2f} of cold){each(agains)}"
        )
        print(f"charterkit rebuild after editing one charter: {edited:.1f} s")
        if serve:
            # As make serve runs it: --dirty rebuilds only what the edit affects.
            times = serve_edit(ck, ck / "charters" / first, slug, ["--dirty"])
            print(f"mkdocs serve --dirty: {shown_serve(times)}")
        if formats:
            sys.stdout.flush()
            on_cold, on_warm = formats_on(root, files)
            print(
                f"charterkit with the other formats on (not compared): cold {on_cold:.1f} s, "
                f"warm {on_warm:.1f} s ({on_warm / on_cold:.2f} of cold)"
            )
    sys.stdout.flush()


def compile_package() -> None:
    """charterkit's bytecode, as pip writes it for an installed package (and ``make`` for this one)."""
    package = Path(__file__).resolve().parent.parent / "plugins" / "charterkit"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--huge", action="store_true", help="also 10,000 charters")
    parser.add_argument("--serve", type=int, nargs="*", default=[100, 1000], help="sizes to time serve at")
    parser.add_argument("--no-material", action="store_true", help="skip the plain Material builds")
    parser.add_argument("--serve-only", action="store_true", help="only time serve, at the --serve sizes")
    parser.add_argument("--no-formats", action="store_true", help="skip the builds with the formats on")
    parser.add_argument(
        "--repeat", type=int, default=1, help="cold and warm builds of each side, in turns; medians shown"
    )
    parser.add_argument(
        "--settle", type=float, default=0.0, help="seconds each cold build waits after a sync (both sides)"
    )
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat: at least 1")
    SETTLE[0] = max(0.0, args.settle)
    compile_package()
    if args.serve_only:
        for n in args.serve:
            run(n, True, False, builds=False)
        return
    sizes_ = [*args.sizes, *([10000] if args.huge else [])]
    for n in sizes_:
        run(n, n in args.serve, not args.no_material, formats=not args.no_formats, repeat=args.repeat)


if __name__ == "__main__":
    main()
